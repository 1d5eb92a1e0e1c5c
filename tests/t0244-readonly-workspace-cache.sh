#!/bin/bash
# A workspace its user may read but not write (a shared folder, another
# user's, an installed example) and that has no index: the read commands
# keep the index in the user's cache, $XDG_CACHE_HOME/trygg/NAME-HASH/,
# say so once on stderr, and work; write commands still fail (exit 73).
# Root may write anywhere: the commands run as nobody.
. "$SRCDIR/tests/lib.sh"

# nobody, with a home and a cache folder of its own
as_nobody() {
	HOME="$TMP/home" XDG_CACHE_HOME="$TMP/cache" \
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}
chmod a+rx "$TMP"
if [ "$(id -u)" != 0 ] || ! as_nobody "$TRYGG" --version >/dev/null 2>&1; then
	ok "a read-only workspace # SKIP needs root, setpriv, and a build nobody may run"
	done_testing
fi
mkdir home cache
chown nobody home cache

example_ws
chmod -R a+rX,a-w ws
before=$(cd ws && find . -type f -exec md5sum {} + | sort)

expect "ls in a read-only workspace without an index" 0 as_nobody "$TRYGG" -C ws ls measures
expect_stdout "lists the measures" "Läxhjälp och studiestöd på fritidsgårdar och bibliotek"
entry=$(cd cache/trygg 2>/dev/null && echo ws-*)
check "one cache entry, named for the folder and the hash of its path" \
	grep -Eqx 'ws-[0-9a-f]{16}' <<<"$entry"
check "holding the index" test -f "cache/trygg/$entry/index.sqlite"
expect_stderr "says where the index is" \
	"trygg: ws/.trygg cannot be written; the index is kept in cache/trygg/$entry/index.sqlite"
check "once: one line on stderr" test "$(wc -l <"$TMP/.err")" = 1
check "the cache folders are nobody's alone" \
	test "$(stat -c %a:%U cache/trygg "cache/trygg/$entry")" = "700:nobody
700:nobody"
check "nothing made in the workspace" test ! -e ws/.trygg

expect "search" 0 as_nobody "$TRYGG" -C ws search väktare
expect_stdout "finds" "Hyra in väktare"
check "says so once" test "$(wc -l <"$TMP/.err")" = 1
expect_stderr "the same line" "the index is kept in cache/trygg/$entry/index.sqlite"
expect "query" 0 as_nobody "$TRYGG" -C ws query "SELECT count(*) AS n FROM measures_v" --format csv
expect_stdout_is "counts" '"n"
"60"'
expect "query --no-refresh reads the cached index" 0 \
	as_nobody "$TRYGG" -C ws query --no-refresh "SELECT count(*) AS n FROM districts_v" --format csv
expect_stdout_is "both districts" '"n"
"2"'
check "says so once" test "$(wc -l <"$TMP/.err")" = 1
expect "report overview" 0 as_nobody "$TRYGG" -C ws report overview --all
expect_stdout "the overview" "Angered"
check "says so once" test "$(wc -l <"$TMP/.err")" = 1
expect "report plan" 0 as_nobody "$TRYGG" -C ws report plan angered --format md
expect_stdout "the plan" "Social oro i Rannebergen centrum"
expect "trygg index keeps it in the cache too" 0 as_nobody "$TRYGG" -C ws index
expect_stderr "and says so" "the index is kept in cache/trygg/$entry/index.sqlite"

# write commands fail as before, and change nothing
expect "plan set: exit 73" 73 as_nobody "$TRYGG" -C ws plan set angered P6.M2 status=ongoing
expect_stderr "naming the lock" "ws/districts/angered.yaml.lock: error: cannot create lock: Permission denied"
check "no file in the workspace changed, none added" \
	test "$(cd ws && find . -type f -exec md5sum {} + | sort)" = "$before"

# Another workspace of the same name elsewhere gets its own entry: the
# name is only for people, the hash of the path keeps them apart.
mkdir other
cp -R "$EXAMPLES" other/ws
rm -rf other/ws/.trygg
sed -i 's/Hyra in väktare/Hyra in Zyxbolaget/' other/ws/districts/angered.yaml
chmod -R a+rX,a-w other
expect "the other workspace" 0 as_nobody "$TRYGG" -C other/ws search zyxbolaget
expect_stdout "reads its own files" "Hyra in Zyxbolaget"
check "two entries" test "$(cd cache/trygg && echo ws-*)" != "$entry" -a \
	"$(cd cache/trygg && find . -name index.sqlite | wc -l)" = 2
expect "the first workspace" 0 as_nobody "$TRYGG" -C ws search zyxbolaget
expect_no_stdout "does not see the other's text"
expect "nor the other the first's" 0 as_nobody "$TRYGG" -C other/ws search väktare
expect_no_stdout "no hit"

# Without XDG_CACHE_HOME (or with a relative one, which the XDG rules
# ignore) the cache is ~/.cache.
for xdg in "" "relative/cache"; do
	expect "XDG_CACHE_HOME='$xdg': ls" 0 env HOME="$TMP/home" XDG_CACHE_HOME="$xdg" \
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$TRYGG" -C ws ls problems
	expect_stderr "the index is in ~/.cache" "the index is kept in home/.cache/trygg/$entry/index.sqlite"
done
check "nothing made at the relative path" test ! -e relative -a ! -e ws/relative

# No cache to write either: as before, exit 73, saying who can build it
expect "no cache folder either: exit 73" 73 env HOME=/nonexistent XDG_CACHE_HOME= \
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$TRYGG" -C ws ls measures
expect_stderr "the workspace's reason" "ws/.trygg: error: cannot create the index folder: Permission denied"
expect_stderr "and the cache's" "/nonexistent/.cache/trygg/$entry/index.sqlite: error: cannot create the index in the cache folder either: "

# A workspace its user may write keeps the index in .trygg/ as always.
chmod -R u+w ws
expect "root's own workspace" 0 trygg -C ws ls measures
check "indexed in .trygg/" test -f ws/.trygg/index.sqlite
expect_stderr "no word of a cache" "there was no index; building ws/.trygg/index.sqlite"
check "only that line" test "$(wc -l <"$TMP/.err")" = 1
chmod -R u+w other

done_testing
