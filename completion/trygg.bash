# bash completion for trygg(1)                                -*- shell-script -*-
#
# Completes commands, verbs, options and their fixed values, district names
# (the file names in the workspace's districts/ folder) and the problem,
# measure and joint-situation IDs of the district already on the line.
# IDs are read from the plan file with grep and sed; trygg itself is never
# run.  Plain bash (compgen, compopt): the bash-completion package is not
# needed, but when it is installed this file is loaded on demand from its
# completions folder.
#
# zsh and fish run this file too (_trygg_complete_words at the end).
#
# Adding a command or an option: _trygg_commands, _trygg_verbs, _trygg_opts
# and _trygg_takes_value below follow the usage strings in cmd/*.c, and
# positional arguments are in _trygg; tests/t0090-completion.sh fails when
# `trygg --help` or a command's --help names something not listed here.

_trygg_commands="init district check situation plan followup indicator promise edit log merge-file git report migrate batch index ls search query help"

_trygg_write_opts="--dry-run --lock-timeout"

# The verbs of a noun command (empty for a command without verbs).
_trygg_verbs() {
	case $1 in
	district) echo "add ls" ;;
	situation) echo "add import merge decide show" ;;
	plan) echo "add-problem add-measure set rm import" ;;
	followup) echo "record" ;;
	indicator) echo "add record" ;;
	promise) echo "add record" ;;
	git) echo "setup" ;;
	esac
}

# The options of "COMMAND" or "COMMAND VERB".
_trygg_opts() {
	case $1 in
	init) echo "--city --example --git" ;;
	merge-file) echo "--path --marker-size" ;;
	log) echo "--since --until --format --format-version" ;;
	"district add") echo "--area" ;;
	"district ls") echo "--format --format-version" ;;
	"district set") echo "$_trygg_write_opts" ;;
	check) echo "--quiet" ;;
	"situation add") echo "--source --title --area --share --group --index --note --date $_trygg_write_opts" ;;
	"situation import") echo "--source --encoding --group --date $_trygg_write_opts" ;;
	"situation merge") echo "--all --suggest $_trygg_write_opts" ;;
	"situation decide") echo "--decision --rank --rationale --date --by $_trygg_write_opts" ;;
	"situation show") echo "--format --format-version --lang" ;;
	"plan add-problem") echo "--title --id --situation --cause --goal --subgoal --strategic-area $_trygg_write_opts" ;;
	"plan add-measure") echo "--problem --text --phase --id --term --kind --responsible --due --status --strategic-area --date $_trygg_write_opts" ;;
	"plan set") echo "--date $_trygg_write_opts" ;;
	"plan rm") echo "--force $_trygg_write_opts" ;;
	"plan import") echo "--encoding $_trygg_write_opts" ;;
	"followup record") echo "--problem --measure --done --effect --date --indicator --status --added --phase $_trygg_write_opts" ;;
	"indicator add") echo "--problem --name --unit --direction --baseline --target --source $_trygg_write_opts" ;;
	"indicator record") echo "--date --note $_trygg_write_opts" ;;
	"promise add") echo "--text --from --to --signatory --measure $_trygg_write_opts" ;;
	"promise record") echo "--status --date --text $_trygg_write_opts" ;;
	edit) echo "$_trygg_write_opts" ;;
	batch) echo "--all-or-nothing $_trygg_write_opts" ;;
	migrate) echo "--all $_trygg_write_opts" ;;
	report) echo "--all --format --format-version --lang --output --lock-timeout --as-of --exit-code --no-refresh --color" ;;
	index) echo "--rebuild --verbose" ;;
	ls) echo "--district --phase --status --responsible --strategic-area --area --initiative --term --kind --overdue --off-track --outcome --active --sort --format --format-version --no-refresh" ;;
	search) echo "--district --limit --format --format-version --no-refresh" ;;
	query) echo "--param --format --format-version --no-refresh --timeout" ;;
	esac
}

# Options that take a value in the next word (or after '=').
_trygg_takes_value() {
	case $1 in
	--city | --area | --source | --title | --share | --group | --index | --note | --date | \
	--encoding | --format | --lang | --id | --situation | --cause | --goal | --subgoal | \
	--strategic-area | --problem | --measure | --text | --phase | --term | --kind | --responsible | \
	--due | --status | --done | --effect | --indicator | --output | --as-of | --district | \
	--lock-timeout | --timeout | --sort | --format-version | --limit | --param | --path | --marker-size | --since | --until | \
	--decision | --rank | --rationale | --by | --initiative | --from | --to | --signatory | --outcome | \
	--added | --name | --unit | --direction | --baseline | --target)
		return 0 ;;
	esac
	return 1
}

# words/cword from COMP_WORDS, with the words that bash split at '=' joined
# again ("status=do" rather than "status" "=" "do"), as bash-completion does.
_trygg_reassemble() {
	local line=$COMP_LINE i w blank
	words=()
	cword=0
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		blank=0
		if [[ $line == [[:space:]]* ]]; then
			blank=1
			line=${line#"${line%%[![:space:]]*}"}
		fi
		line=${line#"$w"}
		if ((i > 0 && !blank)) && [[ $w == "=" || ${words[${#words[@]} - 1]} == *= ]]; then
			words[${#words[@]} - 1]+=$w
		else
			words+=("$w")
		fi
		((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
	done
	((${#words[@]})) || words=("")
}

# A word as the shell will pass it: quotes removed, ~ expanded.
_trygg_dequote() {
	local w=$1
	case $w in
	\"*\") w=${w:1:${#w}-2} ;;
	\'*\') w=${w:1:${#w}-2} ;;
	*) w=${w//\\/} ;;
	esac
	[[ $w == "~"* ]] && w=$HOME${w:1}
	printf '%s' "$w"
}

# The workspace root, found as trygg finds it: -C DIR, else $TRYGG_DIR,
# else the nearest folder upwards with a trygg.yaml.
_trygg_workspace() {
	local d=${1:-${TRYGG_DIR:-}}
	if [[ -n $d ]]; then
		[[ -f $d/trygg.yaml ]] && printf '%s' "$d"
		return
	fi
	d=$PWD
	while :; do
		[[ -f $d/trygg.yaml ]] && { printf '%s' "${d:-/}"; return; }
		[[ -z $d ]] && return
		d=${d%/*}
	done
}

# The plan file of district $1: by file name (as typed, or as its slug),
# else by its `district:` name, ignoring case.
# _trygg_s := the file name trygg gives district $1 (lower case, å ä → a,
# ö → o, spaces → -).
_trygg_slug() {
	_trygg_s=${1,,}
	_trygg_s=${_trygg_s//[åäàáâ]/a}
	_trygg_s=${_trygg_s//[öòóô]/o}
	_trygg_s=${_trygg_s//[éèê]/e}
	_trygg_s=${_trygg_s//[[:space:]_]/-}
}

# Each plan file and its district's name, a line "FILE<tab>NAME", from the
# `district:` line (plain or quoted, a comment after it dropped).
_trygg_names() {
	local line f
	[[ -n $ws ]] || return
	while IFS= read -r line; do
		f=${line%%:district:*}
		line=${line#*:district:}
		line=${line%%[[:space:]]#*}
		line=${line#"${line%%[![:space:]]*}"}
		line=${line%"${line##*[![:space:]]}"}
		line=${line#[\"\']}
		line=${line%[\"\']}
		printf '%s\t%s\n' "$f" "$line"
	done < <(grep -H -m1 '^district:' "$ws"/districts/*.yaml 2>/dev/null)
}

_trygg_district_file() {
	local name=$1 slug f line _trygg_s
	[[ -n $ws && -n $name ]] || return
	_trygg_slug "$name"
	slug=$_trygg_s
	for f in "$ws/districts/$name.yaml" "$ws/districts/$slug.yaml"; do
		[[ -f $f ]] && { printf '%s' "$f"; return; }
	done
	while IFS=$'\t' read -r f line; do
		_trygg_slug "$line"
		[[ ${line,,} == "${name,,}" || $_trygg_s == "$slug" ]] && { printf '%s' "$f"; return; }
	done < <(_trygg_names)
}

# COMPREPLY += the districts whose file name starts with $1, ignoring case
# ("ang" → angered); for those whose file name does not, their name in the
# file, when it does ("Väs" → "Västra Hisingen": file names have no å ä ö).
_trygg_reply_districts() {
	local cur=${1,,} f name
	local -A seen=()
	[[ -n $ws && -d $ws/districts ]] || return
	for f in "$ws"/districts/*.yaml; do
		[[ -f $f ]] || continue
		name=${f##*/}
		name=${name%.yaml}
		[[ ${name,,} == "$cur"* ]] || continue
		COMPREPLY+=("$name")
		seen[$f]=1
	done
	while IFS=$'\t' read -r f name; do
		[[ -z ${seen[$f]:-} && -n $name && ${name,,} == "$cur"* ]] || continue
		# one word for bash ("Västra\ Hisingen"); zsh and fish quote it
		[[ -n ${_trygg_other_shell:-} ]] || printf -v name '%q' "$name"
		COMPREPLY+=("$name")
	done < <(_trygg_names)
}

# The IDs in plan file $1 of kind $2: problem (P6), measure (P6.M1),
# indicator (P6.I1) or situation (S2).  Reads `- id: P6`, `id: P6.M1` and
# `{id: P6.M2, ...}`.
_trygg_ids() {
	local file=$1 re
	[[ -f $file ]] || return
	case $2 in
	problem) re='^P[0-9]+$' ;;
	measure) re='^P[0-9]+\.M[0-9]+$' ;;
	indicator) re='^P[0-9]+\.I[0-9]+$' ;;
	situation) re='^S[0-9]+$' ;;
	promise) re='^L[0-9]+$' ;;
	esac
	grep -v '^[[:space:]]*#' "$file" |
		grep -oE "(^|[{,[:space:]])id:[[:space:]]*[\"']?[PSL][0-9]+(\.[MI][0-9]+)?" |
		sed -E "s/.*id:[[:space:]]*[\"']?//" | grep -E "$re"
}

# The strategic areas' numbers from trygg.yaml (1-10 when unreadable).
_trygg_strategic_areas() {
	local ids
	[[ -n $ws ]] && ids=$(sed -nE '/^strategic_areas:/,/^[^[:space:]#-]/s/^[[:space:]]*-[[:space:]]*\{[[:space:]]*id:[[:space:]]*([0-9]+).*/\1/p' \
		"$ws/trygg.yaml" 2>/dev/null)
	printf '%s\n' "${ids:-1 2 3 4 5 6 7 8 9 10}"
}

# COMPREPLY += the words of $1 that start with $2.
_trygg_reply() {
	local IFS=$' \t\n' r
	mapfile -t r < <(compgen -W "$1" -- "$2")
	COMPREPLY+=("${r[@]}")
}

# File and folder names: bash's own; zsh and fish are asked to use theirs.
_trygg_files() {
	[[ -n ${_trygg_other_shell:-} ]] && { _trygg_want=files; return; }
	compopt -o filenames 2>/dev/null
	local r
	mapfile -t r < <(compgen -f -- "$1")
	COMPREPLY+=("${r[@]}")
}

_trygg_dirs() {
	[[ -n ${_trygg_other_shell:-} ]] && { _trygg_want=dirs; return; }
	compopt -o filenames 2>/dev/null
	local r
	mapfile -t r < <(compgen -d -- "$1")
	COMPREPLY+=("${r[@]}")
}

# Complete the value $2 of option $1.
_trygg_value() {
	local opt=$1 cur=$2
	case $opt in
	--phase) _trygg_reply "1 2 3" "$cur" ;;
	--status)
		if [[ $cmd == "promise record" ]]; then
			_trygg_reply "met partly not_met" "$cur"
		else
			_trygg_reply "proposed planned ongoing done cancelled" "$cur"
		fi ;;
	--term) _trygg_reply "short long mobilisation" "$cur" ;;
	--kind) _trygg_reply "situational social" "$cur" ;;
	--source) [[ $cmd == "indicator add" ]] || _trygg_reply "police district survey" "$cur" ;;
	--unit) _trygg_reply "share count index rate" "$cur" ;;
	--direction) _trygg_reply "down up" "$cur" ;;
	--group) _trygg_reply "residents businesses associations" "$cur" ;;
	--decision) _trygg_reply "prioritised watch not_prioritised" "$cur" ;;
	--outcome) _trygg_reply "met partly not_met" "$cur" ;;
	--lang) _trygg_reply "sv en" "$cur" ;;
	--encoding) _trygg_reply "utf-8 windows-1252 iso-8859-1" "$cur" ;;
	--format)
		case $cmd in
		report | "situation show") _trygg_reply "text md html csv json" "$cur" ;;
		log) _trygg_reply "text json" "$cur" ;;
		*) _trygg_reply "text md csv json" "$cur" ;;
		esac ;;
	--strategic-area) _trygg_reply "$(_trygg_strategic_areas)" "$cur" ;;
	--district) _trygg_reply_districts "$cur" ;;
	--problem) _trygg_reply "$(_trygg_ids "$dfile" problem)" "$cur" ;;
	--measure)
		local m ms=
		for m in $(_trygg_ids "$dfile" measure); do
			[[ -z $problem || $m == "$problem".* ]] && ms+=" $m"
		done
		_trygg_reply "$ms" "$cur" ;;
	--situation) _trygg_reply "$(_trygg_ids "$dfile" situation)" "$cur" ;;
	--output) _trygg_files "$cur" ;;
	--color) _trygg_reply "auto always never" "$cur" ;;
	--format-version) _trygg_reply "1" "$cur" ;;
	--sort)
		local keys="district id"
		case ${args[0]:-} in
		measures) keys+=" phase term kind status due responsible text" ;;
		problems) keys+=" title measures open overdue followups" ;;
		followups) keys+=" date" ;;
		promises) keys+=" from to outcome" ;;
		esac
		if [[ $cur == -* ]]; then
			local k dkeys=''
			for k in $keys; do dkeys+=" -$k"; done
			_trygg_reply "$dkeys" "$cur"
		else
			_trygg_reply "$keys" "$cur"
		fi ;;
	esac
}

# `plan set D ID KEY=VALUE`: the keys of a measure or a problem, then values.
_trygg_set_pair() {
	local id=$1 cur=$2 keys
	if [[ $cur == *=* ]]; then
		local key=${cur%%=*} val=${cur#*=}
		case $key in
		phase | term | kind | status) _trygg_value "--$key" "$val" ;;
		situation) _trygg_value --situation "$val" ;;
		strategic_areas) _trygg_value --strategic-area "$val" ;;
		esac
		return
	fi
	case $id in
	P*.M*) keys="text= phase= term= kind= responsible= due= status= strategic_areas=" ;;
	*) keys="title= situation= goal= strategic_areas=" ;;
	esac
	_trygg_reply "$keys" "$cur"
	_trygg_want=nospace
	compopt -o nospace 2>/dev/null
}

_trygg() {
	local words cword cur i w ws dir='' cmd='' verb='' problem='' dfile=''
	local -a args=()
	COMPREPLY=()
	_trygg_reassemble
	cur=${words[cword]}

	# Global options and the command.
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case $w in
		-C) ((i + 1 < cword)) && dir=$(_trygg_dequote "${words[i + 1]}"); ((i++)) ;;
		-C*) dir=$(_trygg_dequote "${w#-C}") ;;
		--lang) ((i++)) ;;
		-*) ;;
		*) cmd=$w; break ;;
		esac
	done
	if [[ -z $cmd ]]; then
		if [[ ${words[cword - 1]} == -C ]] && ((cword > 1)); then
			_trygg_dirs "$cur"
		elif [[ ${words[cword - 1]} == --lang ]] && ((cword > 1)); then
			_trygg_reply "sv en" "$cur"
		elif [[ $cur == --color=* ]]; then
			_trygg_value --color "${cur#*=}"
		elif [[ $cur == -* ]]; then
			_trygg_reply "-C --color --lang --help --version" "$cur"
		else
			_trygg_reply "$_trygg_commands" "$cur"
		fi
		return 0
	fi
	ws=$(_trygg_workspace "$dir")

	# The verb, the positional arguments, and the option before the cursor.
	local verbs prev_opt=
	verbs=$(_trygg_verbs "$cmd")
	for ((i = i + 1; i < cword; i++)); do
		w=${words[i]}
		if [[ -n $verbs && -z $verb ]]; then
			[[ $w == -* ]] && continue
			verb=$w
			continue
		fi
		case $w in
		--) ;;
		--*=*)
			[[ ${w%%=*} == --problem ]] && problem=$(_trygg_dequote "${w#*=}") ;;
		-*)
			if _trygg_takes_value "$w"; then
				((i + 1 < cword)) || { prev_opt=$w; break; }
				((i++))
				[[ $w == --problem ]] && problem=$(_trygg_dequote "${words[i]}")
			fi ;;
		*) args+=("$(_trygg_dequote "$w")") ;;
		esac
	done
	if [[ -n $verbs && -z $verb ]]; then
		if [[ $cur == -* ]]; then
			_trygg_reply "--help" "$cur"
		else
			_trygg_reply "$verbs" "$cur"
		fi
		return 0
	fi
	[[ -n $verb ]] && cmd="$cmd $verb"
	case $cmd in
	"district "* | init | check | report | index | ls | search | query | help) ;;
	*) dfile=$(_trygg_district_file "${args[0]:-}") ;;
	esac

	# A value: `--opt VALUE` or `--opt=VALUE`.
	if [[ -n $prev_opt ]]; then
		_trygg_value "$prev_opt" "$cur"
		return 0
	fi
	if [[ $cur == --*=* ]]; then
		_trygg_value "${cur%%=*}" "${cur#*=}"
		return 0
	fi
	if [[ $cur == -* ]]; then
		_trygg_reply "$(_trygg_opts "$cmd") --help" "$cur"
		return 0
	fi

	# A positional argument.
	local n=${#args[@]}
	case $cmd in
	init) ((n == 0)) && _trygg_dirs "$cur" ;;
	check) _trygg_files "$cur" ;;
	help) ((n == 0)) && _trygg_reply "$_trygg_commands" "$cur" ;;
	report)
		if ((n == 0)); then
			_trygg_reply "plan followup situation indicators promises overview overdue site" "$cur"
		elif ((n == 1)) && [[ ${args[0]} != site ]]; then
			_trygg_reply_districts "$cur"
		fi ;;
	ls) ((n == 0)) && _trygg_reply "measures problems followups indicators promises" "$cur" ;;
	"district add" | "district ls" | index | search | query | "git setup") ;;
	merge-file) _trygg_files "$cur" ;;
	"situation import" | "plan import")
		if ((n == 0)); then
			_trygg_reply_districts "$cur"
		else
			_trygg_files "$cur"
		fi ;;
	"plan set")
		if ((n == 0)); then
			_trygg_reply_districts "$cur"
		elif ((n == 1)); then
			_trygg_reply "$(_trygg_ids "$dfile" problem) $(_trygg_ids "$dfile" measure)" "$cur"
		else
			_trygg_set_pair "${args[1]}" "$cur"
		fi ;;
	log)
		if ((n == 0)); then
			_trygg_reply_districts "$cur"
		elif ((n == 1)); then
			_trygg_reply "$(_trygg_ids "$dfile" problem) $(_trygg_ids "$dfile" measure) $(_trygg_ids "$dfile" situation)" "$cur"
		fi ;;
	"promise record")
		if ((n == 0)); then
			_trygg_reply_districts "$cur"
		elif ((n == 1)); then
			_trygg_reply "$(_trygg_ids "$dfile" promise)" "$cur"
		fi ;;
	"indicator record")
		if ((n == 0)); then
			_trygg_reply_districts "$cur"
		elif ((n == 1)); then
			_trygg_reply "$(_trygg_ids "$dfile" indicator)" "$cur"
		fi ;;
	"plan rm")
		if ((n == 0)); then
			_trygg_reply_districts "$cur"
		elif ((n == 1)); then
			_trygg_reply "$(_trygg_ids "$dfile" problem) $(_trygg_ids "$dfile" measure)" "$cur"
		fi ;;
	*) ((n == 0)) && _trygg_reply_districts "$cur" ;;
	esac
	return 0
}

# For zsh and fish (completion/_trygg, completion/trygg.fish), which run
# this file in bash so that the three complete alike: complete the words
# "$@", the last one being the word under the cursor (unquoted), and print
# the candidates one a line, as whole words ("--format=html", "Västra
# Hisingen").  A first line "@files" or "@dirs" asks for the shell's own
# file or folder completion instead; "@nospace", that no space follows.
_trygg_complete_words() {
	local _trygg_other_shell=1 _trygg_want='' pre='' w
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_trygg trygg "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]:-}"
	[[ -n $_trygg_want ]] && printf '@%s\n' "$_trygg_want"
	# bash completes a value after '=' (status=d → done); the others want
	# the word
	w=${COMP_WORDS[COMP_CWORD]}
	[[ $w == *=* && $_trygg_want != nospace ]] && pre=${w%%=*}=
	for w in "${COMPREPLY[@]}"; do
		printf '%s%s\n' "$pre" "$w"
	done
}

complete -F _trygg trygg
