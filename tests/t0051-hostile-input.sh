#!/bin/bash
# Hostile input: a clear error, a documented exit code, bounded time and
# memory, and no file changed.
. "$SRCDIR/tests/lib.sh"

empty_ws
f=ws/districts/t.yaml
# bounded memory, except under AddressSanitizer (it reserves terabytes of
# address space) and valgrind
case "${TRYGG_SANITIZE:-none}" in
*address*) ;;
*) [ -n "${TRYGG_VALGRIND:-}" ] || ulimit -v 1048576 ;;
esac

# hostile NAME CODE MESSAGE: check the file $f in at most 10 s
hostile() {
	local desc=$1 want=$2 msg=$3
	cp ws/trygg.yaml cfg.before
	expect "$desc: exit $want within 10 s" "$want" timeout 10 "$TRYGG" -C ws check "$f"
	[ -z "$msg" ] || expect_stderr "$desc: says why" "$msg"
	expect_same "$desc: trygg.yaml unchanged" cfg.before ws/trygg.yaml
}

# billion laughs: refused at the first anchor, never expanded
{
	echo 'schema: trygg/1'
	echo 'district: X'
	echo 'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	for i in b c d e f g h i; do
		prev=$(printf "\\x$(printf %x $(( $(printf %d "'$i") - 1 )))")
		echo "x-$i: &$i [*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev]"
	done
} >"$f"
hostile "an alias bomb" 1 "t.yaml:3:6: error: anchor '&a' refused"

printf 'schema: trygg/1\ndistrict: X\nx-a: &a [*a]\n' >"$f"
hostile "a self-referencing alias" 1 "anchor '&a' refused"

{ echo 'schema: trygg/1'; printf 'x: '; head -c 100000 /dev/zero | tr '\0' '['; echo; } >"$f"
hostile "nesting 100,000 deep" 1 "nesting deeper than the limit of 32 levels"

{ echo 'schema: trygg/1'; printf 'x: '; head -c 100000 /dev/zero | tr '\0' '{'; echo; } >"$f"
hostile "100,000 nested flow mappings" 1 "nesting deeper than the limit"

{ echo 'schema: trygg/1'; echo 'district: X'; printf 'x-big: "'; head -c 100000000 /dev/zero | tr '\0' 'a'; echo '"'; } >"$f"
hostile "a 100 MB scalar" 1 "over the limit of 16777216 bytes"
rm -f "$f"

truncate -s 1G "$f"
hostile "a 1 GB (sparse) file" 1 "over the limit of 16777216 bytes"
rm -f "$f"

{ echo 'schema: trygg/1'; echo 'district: X'; printf 'x-keys: {'; for i in $(seq 20000); do printf 'k%d: 1, ' $i; done; echo 'k0: 2}'; } >"$f"
hostile "a mapping with 20,000 keys" 0 ""

{ echo 'schema: trygg/1'; echo 'district: X'; printf 'x-keys: {'; for i in $(seq 20000); do printf 'k%d: 1, ' $i; done; echo 'k7: 2}'; } >"$f"
hostile "a duplicate among 20,000 keys" 1 "duplicate key 'k7' (first at line 3)"

printf 'schema: trygg/1\ndistrict: X\x00\n' >"$f"
hostile "a NUL byte" 1 "t.yaml:2:12: error: file contains a NUL byte"

printf 'schema: trygg/1\ndistrict: \xed\xa0\x80\n' >"$f"
hostile "a UTF-16 surrogate in UTF-8" 1 "t.yaml:2:11: error: invalid UTF-8 byte sequence"

printf 'schema: trygg/1\ndistrict: \xf8\x88\x80\x80\x80\n' >"$f"
hostile "a 5-byte sequence" 1 "invalid UTF-8 byte sequence"

printf '\x00\x00\xfe\xffschema' >"$f"
hostile "a UTF-32 file" 1 "file is UTF-32"

printf 'schema: trygg/1\ndistrict: X\n\x1b[31mred: 1\n' >"$f"
hostile "a raw control character" 1 "t.yaml:3:1: error: control characters are not allowed"

rm -f "$f"
mkdir "$f"
hostile "a directory named like a plan" 66 "is a directory"
rmdir "$f"

ln -s loop1.yaml ws/districts/loop2.yaml
ln -s loop2.yaml ws/districts/loop1.yaml
expect "a symlink loop: exit 66" 66 timeout 10 "$TRYGG" -C ws check ws/districts/loop1.yaml
expect_stderr "says so" "Too many levels of symbolic links"
expect "…and in the workspace: reported, the rest checked" 66 timeout 10 "$TRYGG" -C ws check
rm ws/districts/loop1.yaml ws/districts/loop2.yaml

if [ "$(id -u)" != 0 ]; then
	cp ws/districts/testby.yaml "$f"
	chmod 000 "$f"
	hostile "an unreadable file" 66 "Permission denied"
	chmod 644 "$f"
	rm -f "$f"
fi

# CSV: a million columns in one row, an unterminated quote
{ printf 'problem'; head -c 1000000 /dev/zero | tr '\0' ';'; echo; } >wide.csv
cp ws/districts/testby.yaml before.yaml
expect "a CSV row of 10^6 columns: exit 65 within 10 s" 65 timeout 10 "$TRYGG" -C ws situation import testby --source survey wide.csv
expect_stderr "names the limit" "more than 1000 columns in one row"
expect_same "the plan is unchanged" before.yaml ws/districts/testby.yaml
printf 'problem;område\n"Skräp;Norr\nMer;Söder\n' >quote.csv
expect "an unterminated quote: exit 65" 65 timeout 10 "$TRYGG" -C ws situation import testby --source survey quote.csv
expect_stderr "says the quote is not closed" "quote.csv:2:1: error: malformed CSV"
expect_same "the plan is unchanged" before.yaml ws/districts/testby.yaml

done_testing
