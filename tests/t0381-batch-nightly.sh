#!/bin/bash
# The nightly job of trygg-batch(1), EXAMPLES, run as the page prints it:
# statuses from another system into two plan files in one batch, and a log.
. "$SRCDIR/tests/lib.sh"

example_ws
sed -n '/^#!\/bin\/sh$/,/^```$/p' "$SRCDIR/man/trygg-batch.1.scd" | sed '$d' |
	grep -A100 '^# nightly-status.sh' | sed '1i #!/bin/sh' >nightly-status.sh
chmod +x nightly-status.sh
check "the page holds the script" grep -q 'trygg batch --lock-timeout 60' nightly-status.sh
mkdir -p bin && ln -sf "$TRYGG" bin/trygg
printf 'Angered;P6.M3;done\r\n# a comment\r\nVästra Hisingen;P1.M1;pågår\r\nAngered;P6.M4;planned\r\n' >ws/status.csv
expect "the job runs" 0 sh -c 'cd ws && PATH="$PWD/../bin:$PATH" ../nightly-status.sh status.csv'
check "the log has each line with its result" grep -qx "plan set 'Angered' P6.M3 status=done P6.M3" ws/nightly.log
check "…the Swedish status word too" grep -qx "plan set 'Västra Hisingen' P1.M1 status=pågår P1.M1" ws/nightly.log
check "Angered's measures have their statuses" python3 -c '
import yaml
d = yaml.load(open("ws/districts/angered.yaml"), Loader=yaml.SafeLoader)
s = {m["id"]: m.get("status") for p in d["problems"] for m in p.get("measures", [])}
assert s["P6.M3"] == "done" and s["P6.M4"] == "planned", s'
check "Västra Hisingen's too" python3 -c '
import yaml
d = yaml.load(open("ws/districts/vastra-hisingen.yaml"), Loader=yaml.SafeLoader)
s = {m["id"]: m.get("status") for p in d["problems"] for m in p.get("measures", [])}
assert s["P1.M1"] == "ongoing", s'
printf 'Angered;P6.M99;done\n' >ws/status.csv
expect "an unknown ID: the job's exit is batch's, 65" 65 sh -c 'cd ws && PATH="$PWD/../bin:$PATH" ../nightly-status.sh status.csv'
check "…and the log says which line" grep -q "stdin:1: error: no measure 'P6.M99'" ws/nightly.log

done_testing
