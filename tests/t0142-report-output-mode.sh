#!/bin/bash
# Item 9: report --output respects the umask for a new file, and keeps an
# existing report's mode and group (and owner, when permitted).  It made
# every file 0644 whatever the umask, and turned 0640 root:www-data into
# 0644 root:root.
. "$SRCDIR/tests/lib.sh"

example_ws

umask 027
expect "a new report under umask 027" 0 trygg -C ws report overview --all --format html --output new.html
check "…is 0640" test "$(stat -c %a new.html)" = 640
umask 077
expect "a new report under umask 077" 0 trygg -C ws report overview --all --format html --output private.html
check "…is 0600" test "$(stat -c %a private.html)" = 600
umask 022
expect "a new report under umask 022" 0 trygg -C ws report overview --all --format html --output open.html
check "…is 0644" test "$(stat -c %a open.html)" = 644

echo old >kept.html
chmod 604 kept.html
umask 077
expect "an existing report is replaced" 0 trygg -C ws report overview --all --format html --output kept.html
check "…keeping its mode 0604 whatever the umask" test "$(stat -c %a kept.html)" = 604
check "…with the report in it" grep -q '<html' kept.html
umask 022

if [ "$(id -u)" = 0 ]; then
	echo old >www.html
	chown root:www-data www.html
	chmod 640 www.html
	expect "root replaces a 0640 root:www-data report" 0 \
		trygg -C ws report overview --all --format html --output www.html
	check "…it stays 0640 root:www-data" test "$(stat -c %a:%U:%G www.html)" = 640:root:www-data
	chown nobody:www-data www.html
	expect "root replaces nobody's report" 0 \
		trygg -C ws report overview --all --format html --output www.html
	check "…it stays 0640 nobody:www-data" test "$(stat -c %a:%U:%G www.html)" = 640:nobody:www-data
else
	ok "an existing report's group and owner # SKIP needs root"
fi

done_testing
