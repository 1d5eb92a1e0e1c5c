#!/bin/bash
# trygg report site --output DIR: every report as a static site.  Every link
# of every page is followed (relative, to a file of the site, to an id
# there); nothing refers to the network; DIR is replaced as a whole (a new
# folder, the old files gone, never a torn page for a reader meanwhile, the
# old site kept when anything fails); bad DIRs give clear errors and the
# documented exit codes (trygg-report(1)).
. "$SRCDIR/tests/lib.sh"

example_ws
expect "report site" 0 trygg -C ws report site --output site --as-of 2015-06-01
expect_no_stdout "prints nothing"
for f in index.html overdue.html districts/angered.html districts/vastra-hisingen.html .trygg-site; do
	check "site has $f" test -s site/$f
done
check "and nothing else" test "$(cd site && find . -type f | wc -l)" = 5
check "the index is the overview" grep -q '<h1>Trygg i Göteborg — Översikt</h1>' site/index.html
check "a district's page: its plan" grep -q '<h2 id="plan">Åtgärdsplan</h2>' site/districts/angered.html
check "…its follow-up" grep -q '<h2 id="followup">Uppföljning</h2>' site/districts/angered.html
check "…its situation" grep -q '<h2 id="situation">Lägesbild</h2>' site/districts/angered.html
check "…one h1, the district" test "$(grep -c '<h1>' site/districts/angered.html)" = 1
check "…as of the day" grep -q 'per <time>2015-06-01</time>' site/districts/angered.html

# every link, followed
links() {
	python3 - "$1" <<'PY'
import html.parser, os, sys, urllib.parse
root = os.path.realpath(sys.argv[1])
class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.ids = [], set()
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == "id":
                self.ids.add(v)
            elif k in ("href", "src", "srcset", "action", "data", "poster", "xlink:href"):
                self.refs.append(v or "")
pages = {}
for d, _, files in os.walk(root):
    for f in files:
        if f.endswith(".html"):
            p = Page()
            p.feed(open(os.path.join(d, f), encoding="utf-8").read())
            pages[os.path.join(d, f)] = p
bad, n, reached = [], 0, set()
for path, p in sorted(pages.items()):
    for ref in p.refs:
        n += 1
        u = urllib.parse.urlsplit(ref)
        if u.scheme or u.netloc or ref.startswith("/"):
            bad.append(f"{path}: not relative: {ref}")
            continue
        target = path if not u.path else os.path.normpath(
            os.path.join(os.path.dirname(path), urllib.parse.unquote(u.path)))
        if not target.startswith(root + "/") or target not in pages:
            bad.append(f"{path}: no page: {ref}")
        elif u.fragment and u.fragment not in pages[target].ids:
            bad.append(f"{path}: no id {u.fragment} in {target}")
        else:
            reached.add(os.path.relpath(target, root))
print(f"links={n}")
print("reached=" + " ".join(sorted(reached)))
for b in bad:
    print("bad:", b)
PY
}
links site >links.out
check "the pages have links" grep -qE '^links=[1-9][0-9]+$' links.out
check "every link resolves to a page and id of the site" test -z "$(grep '^bad:' links.out)"
check "every page is linked" grep -qx 'reached=districts/angered.html districts/vastra-hisingen.html index.html overdue.html' links.out
check "the index links each district" test "$(grep -o 'href="districts/[a-z-]*\.html"' site/index.html | sort -u | wc -l)" = 2
check "the overdue list links a measure to its place in its plan" \
	grep -q '<a href="districts/angered.html#P3.M2">P3.M2</a>' site/overdue.html
check "no network reference" test -z "$(grep -rlE 'https?:|(src|href)="//|url\(|@import' site)"
check "no script" test -z "$(grep -rli '<script' site)"

# replaced as a whole
before=$(stat -c %i site)
echo stale >site/stale.html
expect "again, another day" 0 trygg -C ws report site --output site --as-of 2015-07-01
check "a new folder took DIR's place" test "$(stat -c %i site)" != "$before"
check "the old files are gone" test ! -e site/stale.html
check "the new day" grep -q 'per <time>2015-07-01</time>' site/index.html
check "nothing left beside it" test -z "$(ls -A | grep -e '^\.site\.')"

# a reader meanwhile sees a whole page, always
: >torn
( while [ ! -e stop ]; do
	tail -c 8 site/index.html 2>/dev/null | grep -q '</html>' || echo torn >>torn
done ) &
reader=$!
for day in 2015-08-01 2015-09-01 2015-10-01; do
	expect "replaced while a reader reads ($day)" 0 trygg -C ws report site --output site --as-of $day --no-refresh
done
touch stop
wait $reader
check "the reader never met a missing or torn page" test ! -s torn

# a plan file that fails to load: the site is written all the same, as the
# overview is: the district marked on the index, without a page or a link
# to one, and exit 65
cp ws/districts/angered.yaml angered.yaml
printf 'bogus: [\n' >>ws/districts/angered.yaml
expect "a plan file that does not load: exit 65" 65 trygg -C ws report site --output site --as-of 2015-06-01
expect_stderr "…its error" "angered.yaml:"
check "…told once" test -z "$(sort "$TMP/.err" | uniq -d)"
check "…the site is written, as of the day" grep -q 'per <time>2015-06-01</time>' site/index.html
check "…the index lists Angered, marked" grep -q '<td>Angered <span class="stale">Kunde inte läsas' site/index.html
check "…the other district's page" grep -q 'per <time>2015-06-01</time>' site/districts/vastra-hisingen.html
check "…no page for Angered" test ! -e site/districts/angered.html
links site >links.out
check "…every link resolves" test -z "$(grep '^bad:' links.out)"
check "…nothing left beside it" test -z "$(ls -A | grep -e '^\.site\.')"
cp angered.yaml ws/districts/angered.yaml

# DIR: missing, empty, a site, a link; not a file or another folder
mkdir empty
expect "an empty folder" 0 trygg -C ws report site --output empty/ --as-of 2015-06-01
check "…becomes the site" test -s empty/index.html
mkdir real
ln -s real link
expect "a symbolic link to a folder" 0 trygg -C ws report site --output link --as-of 2015-06-01
check "…the link stays" test -L link
check "…the folder it names is the site" test -s real/index.html
expect "--lang en" 0 trygg -C ws report site --output site --lang en --as-of 2015-06-01
check "…in English" grep -q '<h1>Trygg i Göteborg — Overview</h1>' site/index.html

echo 'not a site' >afile
expect "DIR is a file: exit 73" 73 trygg -C ws report site --output afile
expect_stderr "…says so" "afile: error: is a file, not a folder"
check "…the file is unchanged" grep -qx 'not a site' afile
mkdir mine
echo notes >mine/notes.txt
expect "DIR holds someone's files: exit 73" 73 trygg -C ws report site --output mine
expect_stderr "…says so" "mine: error: folder is not empty and holds no site (no .trygg-site): not replacing it"
check "…the files stay" test "$(ls -A mine)" = notes.txt
expect "DIR's parent is missing: exit 73" 73 trygg -C ws report site --output nowhere/site
expect_stderr "…says so" "nowhere/site: error: cannot create a temporary folder beside it: No such file or directory"
expect "DIR is '.': exit 73" 73 trygg -C ws report site --output .
expect_stderr "…says so" "name the site's folder by its name"

# a parent the user may not write
mkdir locked
if [ "$(id -u)" = 0 ]; then
	chmod -R a+rwX ws
	chmod a+rx "$TMP"
	as_user() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
else
	chmod a-w locked
	as_user() { "$@"; }
fi
if as_user "$TRYGG" --version >/dev/null 2>&1; then
	expect "DIR's parent is not writable: exit 73" 73 as_user "$TRYGG" -C ws report site --output locked/site --as-of 2015-06-01
	expect_stderr "…says so" "locked/site: error: cannot create a temporary folder beside it: Permission denied"
	check "…nothing made" test -z "$(ls -A locked)"
else
	ok "DIR's parent is not writable # SKIP cannot run trygg as another user"
fi

# DIR's owner, group and mode stay, on the folder and all in it
if [ "$(id -u)" = 0 ]; then
	grp=www-data
	getent group $grp >/dev/null || grp=4242
	mkdir owned
	chgrp $grp owned
	chmod 750 owned
	want="$(stat -c '%u:%g %a' owned)"
	expect "DIR owned by root:$grp, mode 750" 0 trygg -C ws report site --output owned --as-of 2015-06-01
	check "…the new folder keeps them" test "$(stat -c '%u:%g %a' owned)" = "$want"
	check "…so does districts/" test "$(stat -c '%u:%g' owned/districts)" = "${want% *}"
	check "…and every page" test -z "$(find owned -type f ! -group $grp)"
	chown nobody owned
	want="$(stat -c '%u:%g %a' owned)"
	expect "DIR owned by nobody:$grp, as root" 0 trygg -C ws report site --output owned --as-of 2015-06-01
	check "…root gives the new folder away" test "$(stat -c '%u:%g %a' owned)" = "$want"
	check "…and every page" test -z "$(find owned ! -user nobody)"
	if as_user "$TRYGG" --version >/dev/null 2>&1; then
		mkdir -p mixed/site
		chmod 777 mixed
		chgrp $grp mixed/site
		trygg -C ws report site --output mixed/site --as-of 2015-06-01 >/dev/null 2>&1
		chmod -R a+rwX mixed/site
		expect "DIR of root:$grp, written by nobody" 0 as_user "$TRYGG" -C ws report site --output mixed/site --as-of 2015-06-01 --no-refresh
		expect_stderr "…a warning says what cannot be kept" "mixed/site: warning: cannot keep the owner root:$grp"
		check "…once" test "$(grep -c 'cannot keep' "$TMP/.err")" = 1
		check "…the site is written all the same" test -s mixed/site/index.html
	fi
else
	ok "DIR's owner and group stay # SKIP not root"
fi

for bad in "" "angered" "--all" "--format csv" "--exit-code" "--lock-timeout 1"; do
	# shellcheck disable=SC2086
	expect "report site $bad${bad:+ }(usage): exit 2" 2 trygg -C ws report site $bad ${bad:+--output x}
done
expect_stderr "…names what is wrong" "--lock-timeout does not go with report site"
check "…nothing made" test ! -e x

done_testing
