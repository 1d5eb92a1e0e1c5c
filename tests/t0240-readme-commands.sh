#!/bin/bash
# The README's two commands for a fresh Debian box: the first installs what
# is missing, builds and runs a report; the second runs the whole suite.
# The first starts with "sudo apt-get install" and works as written where
# sudo is; for a root box without sudo (containers, fresh servers) the
# README spells out the same command without the leading "sudo": run both
# install steps with fake sudo and apt-get that record how they were called.
. "$SRCDIR/tests/lib.sh"

readme=$SRCDIR/README.md
# The shell blocks after "First command" and "Second command".
block() {
	awk -v mark="$1" '
		index($0, mark) == 1 { on = 1; next }
		on && /^```sh$/ { inb = 1; next }
		inb && /^```$/ { exit }
		inb { print }' "$readme"
}
first=$(block "First command")
second=$(block "Second command")

check "the first command is one line" test "$(printf '%s\n' "$first" | wc -l)" = 1
check "the second command is tests/run.sh" test "$second" = "tests/run.sh"
check "the first command builds" grep -qF '&& meson setup build && meson compile -C build &&' <<<"$first"
check "and runs a report on the example" grep -qF 'build/cmd/trygg -C examples/goteborg report ' <<<"$first"

# Its install step: everything before the first '&&'.
install=${first%%&&*}
check "the install step is sudo apt-get install" \
	grep -qE '^sudo apt-get install -y ' <<<"$install"
rootly=$(block "Without sudo")
check "its variant without sudo is the same command without the leading sudo" \
	test "sudo $rootly" = "$first"

# Every Build-Depends of debian/control is installed by it, but debhelper
# (packaging) and bash-completion (it only says where to install ours).
missing=
for p in $(sed -n '/^Build-Depends:/,/^[A-Z]/p' "$SRCDIR/debian/control" |
	sed 's/^Build-Depends://' | tr ',' '\n' | sed 's/(.*)//; s/[[:space:]]//g' |
	grep -v -e '^debhelper' -e '^bash-completion$' | grep -v '^[A-Z]' | grep .); do
	[[ " $install " == *" $p "* ]] || missing+=" $p"
done
check "it installs the build dependencies${missing:+ (missing:$missing)}" test -z "$missing"

# Fake sudo and apt-get: each logs its name, its uid as it would run, and
# its arguments.
mkdir -p with-sudo no-sudo
cat >no-sudo/apt-get <<'S'
#!/bin/sh
echo "apt-get $*" >>"$LOG"
S
cp no-sudo/apt-get with-sudo/apt-get
cat >with-sudo/sudo <<'S'
#!/bin/sh
echo "sudo" >>"$LOG"
exec "$@"
S
chmod +x no-sudo/apt-get with-sudo/apt-get with-sudo/sudo

rm -f log
expect "the install step on a box with sudo" 0 env LOG="$TMP/log" \
	bash -c "PATH=$TMP/with-sudo; $install"
check "goes through sudo" test "$(head -1 log)" = sudo
check "and installs" grep -q '^apt-get install -y gcc meson ' log
rm -f log
expect "the install step of the variant without sudo, on a root box without sudo" 0 \
	env LOG="$TMP/log" bash -c "PATH=$TMP/no-sudo; ${rootly%%&&*}"
check "and installs" grep -qs '^apt-get install -y gcc meson ' log
check "without sudo" sh -c "! grep -qs '^sudo' log"

done_testing
