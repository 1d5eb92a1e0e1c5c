#!/bin/bash
# zsh and fish completion (completion/trygg.zsh, completion/trygg.fish):
# both run the bash completion in bash, and offer what it offers, as whole
# words: commands, verbs, districts (by file name or by their Swedish
# name), IDs, KEY=VALUE, and the shell's own file names where bash would.
# fish completes for real (complete -C); zsh's completion system needs a
# terminal, so its compadd, _files and _directories are stand-ins that
# print what they are given.  Each shell is skipped when it is absent.
. "$SRCDIR/tests/lib.sh"

if ! command -v zsh >/dev/null && ! command -v fish >/dev/null; then
	echo "1..0 # SKIP neither zsh nor fish is installed"
	exit 0
fi

example_ws
mkdir -p comp home
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/home/.config XDG_DATA_HOME=$TMP/home/.local/share
# the scripts with the path that meson fills in: here, the source tree's
sed "s|@BASH_COMPLETION@|$SRCDIR/completion/trygg.bash|" "$SRCDIR/completion/trygg.zsh" >comp/_trygg
sed "s|@BASH_COMPLETION@|$SRCDIR/completion/trygg.bash|" "$SRCDIR/completion/trygg.fish" >comp/trygg.fish

expect "trygg --help" 0 trygg --help
commands=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$TMP/.out" | sort | tr '\n' ' ')

# zsh_complete WORDS... PREFIX: what _trygg offers, sorted, one line.
zsh_complete() {
	zsh -f -c '
		compadd() {
			while [[ $1 == -* && $1 != -- ]]; do
				[[ $1 == -S ]] && { print -r -- "(no space)"; shift; }
				shift
			done
			[[ $1 == -- ]] && shift
			print -rl -- "$@"
		}
		_files() { print -r -- "(files)"; }
		_directories() { print -r -- "(folders)"; }
		fpath=("$1" $fpath)
		autoload -Uz _trygg
		shift
		words=("$@")
		CURRENT=$#
		PREFIX=${words[-1]}
		_trygg' zsh "$TMP/comp" "$@" | sort | tr '\n' ' '
}

# fish_complete LINE: what fish offers for LINE, sorted, one line.
fish_complete() {
	fish --no-config -c 'source $argv[1]; complete -C$argv[2]' "$TMP/comp/trygg.fish" "$1" |
		cut -f1 | sort | tr '\n' ' '
}

# expect_offer SHELL DESC GOT WANT (both as the functions above print)
expect_offer() {
	if [ "$3" = "$4" ]; then
		ok "$1: $2"
	else
		not_ok "$1: $2" "wanted: $4" "offered: $3"
	fi
}

if command -v zsh >/dev/null; then
	z=zsh
	expect_offer $z "the commands" "$(zsh_complete trygg '')" "$commands"
	expect_offer $z "a command by prefix" "$(zsh_complete trygg si)" "situation "
	expect_offer $z "plan verbs" "$(zsh_complete trygg plan '')" "add-measure add-problem import rm set "
	expect_offer $z "districts" "$(zsh_complete trygg -C ws report plan '')" "angered vastra-hisingen "
	expect_offer $z "a district by its Swedish name" "$(zsh_complete trygg -C ws report plan Väs)" "Västra Hisingen "
	expect_offer $z "problem IDs" "$(zsh_complete trygg -C ws plan add-measure angered --problem P1)" "P1 "
	expect_offer $z "measure IDs of a district named with å ä ö" \
		"$(zsh_complete trygg -C ws log 'Västra Hisingen' P1.)" "P1.M1 P1.M2 P1.M3 P1.M4 "
	expect_offer $z "--opt=VALUE as a whole word" "$(zsh_complete trygg -C ws report --format=h)" "--format=html "
	expect_offer $z "KEY=VALUE as a whole word" "$(zsh_complete trygg -C ws plan set angered P6.M1 status=d)" "status=done "
	expect_offer $z "KEY= with no space after it" "$(zsh_complete trygg -C ws plan set angered P6.M1 st)" \
		"(no space) status= strategic_areas= "
	expect_offer $z "file names are zsh's" "$(zsh_complete trygg check '')" "(files) "
	expect_offer $z "folder names are zsh's" "$(zsh_complete trygg -C '')" "(folders) "
else
	ok "zsh # SKIP zsh is not installed"
fi

if command -v fish >/dev/null; then
	f=fish
	expect_offer $f "the commands" "$(fish_complete 'trygg ')" "$commands"
	expect_offer $f "a command by prefix" "$(fish_complete 'trygg si')" "situation "
	expect_offer $f "plan verbs" "$(fish_complete 'trygg plan ')" "add-measure add-problem import rm set "
	expect_offer $f "districts" "$(fish_complete 'trygg -C ws report plan ')" "angered vastra-hisingen "
	expect_offer $f "a district by its Swedish name" "$(fish_complete 'trygg -C ws report plan Väs')" "Västra Hisingen "
	expect_offer $f "problem IDs" "$(fish_complete 'trygg -C ws plan add-measure angered --problem P1')" "P1 "
	expect_offer $f "measure IDs of a district named with å ä ö" \
		"$(fish_complete "trygg -C ws log 'Västra Hisingen' P1.")" "P1.M1 P1.M2 P1.M3 P1.M4 "
	expect_offer $f "--opt=VALUE as a whole word" "$(fish_complete 'trygg -C ws report --format=h')" "--format=html "
	expect_offer $f "KEY=VALUE as a whole word" "$(fish_complete 'trygg -C ws plan set angered P6.M1 status=d')" "status=done "
	expect_offer $f "file names are fish's" "$(fish_complete 'trygg check w')" "ws/ "
	expect_offer $f "folder names are fish's" "$(fish_complete 'trygg -C co')" "comp/ "
else
	ok "fish # SKIP fish is not installed"
fi

done_testing
