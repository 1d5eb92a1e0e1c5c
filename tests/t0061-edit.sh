#!/bin/bash
# trygg edit with a scripted editor: checked before it is saved, edit again
# or abandon, and never over a file that changed meanwhile.
. "$SRCDIR/tests/lib.sh"

example_ws
a=ws/districts/angered.yaml
cp $a orig.yaml
# setsid: no controlling terminal, so the question is read from stdin
mkdir edtmp
edit() { setsid -w env TMPDIR="$TMP/edtmp" "$@"; }

cat >ed-ok.sh <<'S'
#!/bin/sh
sed -i 's/^district: Angered$/district: Angered  # kontrollerad/' "$1"
S
expect "a valid edit is saved" 0 edit env EDITOR="sh $TMP/ed-ok.sh" "$TRYGG" -C ws edit angered
check "the change is in the file" grep -q '^district: Angered  # kontrollerad$' $a
check "only that line changed" test "$(diff orig.yaml $a | grep -c '^[<>]')" = 2
check "no copy left behind" test -z "$(ls -A edtmp)"
check "no lock left" test ! -e $a.lock
cp $a orig.yaml

cat >ed-twice.sh <<'S'
#!/bin/sh
# first an error, then the fix
if [ ! -e "$COUNTER" ]; then
	touch "$COUNTER"
	sed -i 's/^    title: Hög arbetslöshet$/    titel: Hög arbetslöshet/' "$1"
else
	sed -i 's/^    titel: Hög arbetslöshet$/    title: Arbetslöshet/' "$1"
fi
S
expect "an error, then edit again" 0 edit sh -c 'printf "e\n" | COUNTER="$PWD/counter" EDITOR="sh $PWD/ed-twice.sh" "$TRYGG" -C ws edit angered'
expect_stderr "shows the error with the copy's line" "angered.yaml:174:5: error: unknown key 'titel' in a problem (did you mean 'title'?)"
expect_stderr "asks" "(e)dit again or (a)bandon your changes?"
check "the fixed version is saved" grep -q '^    title: Arbetslöshet$' $a
cp $a orig.yaml

cat >ed-bad.sh <<'S'
#!/bin/sh
sed -i 's/^    title: Arbetslöshet$/    titel: Arbetslöshet/' "$1"
S
expect "an error, then abandon: exit 65" 65 edit sh -c 'printf "a\n" | EDITOR="sh $PWD/ed-bad.sh" "$TRYGG" -C ws edit angered'
expect_stderr "says the file is unchanged" "abandoned; ws/districts/angered.yaml is unchanged"
expect_same "the file is unchanged" orig.yaml $a

cat >ed-race.sh <<'S'
#!/bin/sh
# someone else saves the real file while we edit our copy
sed -i 's/^district: Angered/district: Angered # av någon annan/' "$REAL"
sed -i 's/^areas:/# min ändring\nareas:/' "$1"
S
expect "the file changed meanwhile: exit 75" 75 edit env REAL="$TMP/$a" EDITOR="sh $TMP/ed-race.sh" "$TRYGG" -C ws edit angered
expect_stderr "says so and where the copy is" "changed while you were editing; nothing written. Your version is in "
copy=$(sed -n 's/.*Your version is in \(.*\)$/\1/p' "$TMP/.err")
check "the copy is there, with the user's change" grep -q '^# min ändring$' "$copy"
check "the other's version is kept" grep -q 'av någon annan' $a
check "without ours" sh -c "! grep -q 'min ändring' $a"
rm -rf "$(dirname "$copy")"
check "nothing else left behind" test -z "$(ls -A edtmp)"
cp $a orig.yaml

cp $a before-dry.yaml
printf '#!/bin/sh\necho "# torrkörning" >>"$1"\n' >ed-dry.sh
expect "--dry-run shows the diff" 0 edit env EDITOR="sh $TMP/ed-dry.sh" "$TRYGG" -C ws edit angered --dry-run
expect_stdout "the changed line" "+# torrkörning"
expect_same "and writes nothing" before-dry.yaml $a
expect "a bad --lock-timeout" 2 env EDITOR=true "$TRYGG" -C ws edit angered --lock-timeout nan
expect_stderr "says what it takes" "--lock-timeout takes seconds from 0 to 86400, not 'nan'"
expect "no change: exit 0" 0 edit env EDITOR=true "$TRYGG" -C ws edit angered
expect_stderr "says so" "no changes"
expect "the editor fails: exit 2" 2 edit env EDITOR=false "$TRYGG" -C ws edit angered
expect_same "the file is unchanged" orig.yaml $a
expect "an unknown district: exit 66" 66 trygg -C ws edit nowhere

# Neither VISUAL nor EDITOR: Debian's sensible-editor (which follows the
# `editor` alternative) when it is on PATH, else vi.  Fake ones in a PATH
# of their own record that they ran.
mkdir -p bin-se bin-vi
for b in bin-se/sensible-editor bin-se/vi bin-vi/vi; do
	printf '#!/bin/sh\necho "%s $1" >>"$ED_LOG"\n' "${b#*/}" >$b
	chmod +x $b
done
rm -f ed.log
expect "no VISUAL or EDITOR, sensible-editor there" 0 edit env -u VISUAL -u EDITOR \
	ED_LOG="$TMP/ed.log" PATH="$TMP/bin-se" "$TRYGG" -C ws edit angered
check "sensible-editor ran on the copy" grep -q '^sensible-editor .*angered\.yaml$' ed.log
check "vi did not" sh -c "! grep -q '^vi ' ed.log"
rm -f ed.log
expect "no VISUAL or EDITOR, no sensible-editor" 0 edit env -u VISUAL -u EDITOR \
	ED_LOG="$TMP/ed.log" PATH="$TMP/bin-vi" "$TRYGG" -C ws edit angered
check "vi ran on the copy" grep -q '^vi .*angered\.yaml$' ed.log
rm -f ed.log
expect "EDITOR beats sensible-editor" 0 edit env -u VISUAL EDITOR="$TMP/bin-vi/vi" \
	ED_LOG="$TMP/ed.log" PATH="$TMP/bin-se" "$TRYGG" -C ws edit angered
check "the EDITOR ran" grep -q '^vi ' ed.log
expect_same "the file is unchanged" orig.yaml $a

done_testing
