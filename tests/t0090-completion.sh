#!/bin/bash
# Bash completion (completion/trygg.bash): commands, verbs, options and their
# values, district names and the IDs of the district on the line, without
# the bash-completion package.  And no drift: the commands are those of
# `trygg --help`, and every option and fixed value in a command's --help
# is one the completion offers.
. "$SRCDIR/tests/lib.sh"

# shellcheck source=../completion/trygg.bash
. "$SRCDIR/completion/trygg.bash"

# complete LINE: COMPREPLY for the cursor at the end of LINE, with
# COMP_WORDS split as bash splits them: at blanks outside quotes, and
# around '=' ("status=d" is "status" "=" "d"; quotes stay in the word).
complete_line() {
	local s=$1 c q='' w='' i
	COMP_WORDS=()
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		if [ -n "$q" ]; then
			w+=$c
			[ "$c" = "$q" ] && q=''
			continue
		fi
		case $c in
		[\"\']) q=$c; w+=$c ;;
		[[:blank:]]) [ -n "$w" ] && COMP_WORDS+=("$w"); w='' ;;
		=) [ -n "$w" ] && COMP_WORDS+=("$w"); COMP_WORDS+=("="); w='' ;;
		*) w+=$c ;;
		esac
	done
	[[ $s == *= ]] || COMP_WORDS+=("$w")
	COMP_LINE=$1
	COMP_POINT=${#1}
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_trygg trygg "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]:-}"
}

# expect_reply DESC LINE WORDS: completing LINE offers exactly WORDS.
expect_reply() {
	complete_line "$2"
	if [ "${COMPREPLY[*]}" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "line: '$2'" "wanted: $3" "offered: ${COMPREPLY[*]}"
	fi
}

# expect_ids DESC LINE REGEX WORD...: every word offered matches REGEX and
# each WORD is among them.
expect_ids() {
	local desc=$1 line=$2 re=$3 w bad=
	shift 3
	complete_line "$line"
	for w in "${COMPREPLY[@]}"; do
		[[ $w =~ $re ]] || bad+=" $w"
	done
	for w in "$@"; do
		[[ " ${COMPREPLY[*]} " == *" $w "* ]] || bad+=" (missing $w)"
	done
	if [ ${#COMPREPLY[@]} -gt 0 ] && [ -z "$bad" ]; then
		ok "$desc"
	else
		not_ok "$desc" "line: '$line'" "offered: ${COMPREPLY[*]}" "wrong:$bad"
	fi
}

example_ws
districts=$(cd ws/districts && ls -- *.yaml | sed 's/\.yaml$//' | tr '\n' ' ')
districts=${districts% }

expect "trygg --help" 0 trygg --help
commands=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$TMP/.out" | tr '\n' ' ')
expect_reply "the commands of trygg --help" "trygg " "${commands% }"
expect_reply "a command by prefix" "trygg si" "situation"
expect_reply "global options" "trygg -" "-C --color --lang --help --version"
expect_reply "--color values" "trygg --color=a" "auto always"
expect_reply "-C takes a folder" "trygg -C w" "ws"
expect_reply "plan verbs" "trygg plan " "add-problem add-measure set rm import"
expect_reply "situation verbs" "trygg -C ws situation " "add import merge decide show"
expect_reply "district verbs" "trygg district " "add ls"
expect_reply "followup verbs" "trygg followup " "record"
expect_reply "report kinds" "trygg -C ws report " "plan followup situation indicators promises overview overdue site"
expect_reply "no district after report site" "trygg -C ws report site " ""
expect_reply "ls kinds" "trygg -C ws ls " "measures problems followups indicators promises"
expect_reply "ls --sort keys of problems, descending" "trygg -C ws ls problems --sort -o" "-open -overdue"
expect_reply "help takes a command" "trygg help pl" "plan"
expect_reply "--phase values" "trygg plan add-measure angered --phase " "1 2 3"
expect_reply "--status values" "trygg plan add-measure angered --status " \
	"proposed planned ongoing done cancelled"
expect_reply "--status values, partly typed" "trygg plan add-measure angered --status p" \
	"proposed planned"
expect_reply "--term values" "trygg plan add-measure angered --term " "short long mobilisation"
expect_reply "--kind values" "trygg plan add-measure angered --kind " "situational social"
expect_reply "--source values" "trygg situation add angered --source " "police district survey"
expect_reply "--group values" "trygg situation add angered --group " \
	"residents businesses associations"
expect_reply "--format values of report" "trygg -C ws report plan angered --format " \
	"text md html csv json"
expect_reply "--format=VALUE" "trygg -C ws report overview --format=h" "html"
expect_reply "--lang values" "trygg report plan --lang " "sv en"
expect_reply "report options" "trygg report plan --a" "--all --as-of"
expect_reply "promise verbs" "trygg promise " "add record"
expect_reply "outcome values" "trygg -C ws promise record angered L1 --status " "met partly not_met"
expect_reply "district names with -C" "trygg -C ws plan add-measure " "$districts"
expect_reply "district names ignore case" "trygg -C ws plan add-measure ANG" "angered"
expect_reply "district names for a report" "trygg -C ws report plan " "$districts"
expect_ids "problem IDs after --problem" "trygg -C ws plan add-measure angered --problem P" \
	'^P[0-9]+$' P1 P6
expect_ids "problem IDs after --problem=" "trygg -C ws plan add-measure Angered --problem=P" \
	'^P[0-9]+$' P1 P6
expect_ids "measure IDs for plan set" "trygg -C ws plan set angered P6.M" '^P6\.M[0-9]+$' P6.M1 P6.M2
expect_ids "problem and measure IDs for plan rm" "trygg -C ws plan rm angered P" \
	'^P[0-9]+(\.M[0-9]+)?$' P6 P6.M1
expect_ids "measures of --problem for followup" \
	"trygg -C ws followup record angered --problem P6 --measure " '^P6\.M[0-9]+$' P6.M1
expect_ids "joint situation IDs for --situation" "trygg -C ws plan add-problem angered --situation " \
	'^S[0-9]+$' S1
expect_ids "any ID for log" "trygg -C ws log angered " '^[PS][0-9]+(\.M[0-9]+)?$' P6 P6.M1 S1
cp -r "$SRCDIR/tests/fixtures/schema2" ws2
expect_ids "indicator IDs for indicator record" "trygg -C ws2 indicator record lundby P1.I" \
	'^P1\.I[0-9]+$' P1.I1 P1.I6
expect_ids "measure IDs are no indicator IDs" "trygg -C ws2 plan rm lundby P1." '^P1\.M[0-9]+$' P1.M1
expect_ids "promise IDs for promise record" "trygg -C ws2 promise record angered " '^L[0-9]+$' L1
expect_ids "no promise IDs where problems go" "trygg -C ws2 plan rm angered " '^P[0-9]+(\.M[0-9]+)?$' P6
expect_reply "plan set keys of a measure" "trygg -C ws plan set angered P6.M1 " \
	"text= phase= term= kind= responsible= due= status= strategic_areas="
expect_reply "plan set keys of a problem" "trygg -C ws plan set angered P6 " \
	"title= situation= goal= strategic_areas="
expect_reply "plan set KEY= values" "trygg -C ws plan set angered P6.M1 status=d" "done"
expect_reply "--strategic-area from trygg.yaml" "trygg -C ws plan add-problem angered --strategic-area 1" \
	"1 10"

# The workspace found as trygg finds it: TRYGG_DIR, then upwards.
TRYGG_DIR=$TMP/ws expect_ids "the workspace from TRYGG_DIR" "trygg plan set angered P6.M1" \
	'^P6\.M1[0-9]*$' P6.M1
# A district's name as written in its file, from its first letters, also
# when they are Swedish ("Väs" → Västra Hisingen, one word for the shell).
expect_reply "a district name from a Swedish first syllable" "trygg -C ws plan add-measure Väs" 'Västra\ Hisingen'
expect_reply "in lower case too" "trygg -C ws report plan väs" 'Västra\ Hisingen'
expect_reply "the file name still wins when it matches" "trygg -C ws report plan Vas" "vastra-hisingen"
cd ws/districts || exit 1
expect_reply "the workspace upwards from here" "trygg plan add-measure vas" "vastra-hisingen"
cd "$TMP" || exit 1
expect_reply "no workspace, no names" "trygg -C nowhere plan add-measure " ""

# IDs read from flow mappings, quoted, by district: name; comments skipped.
cat >ws/districts/ostra-flodet.yaml <<'EOF'
schema: trygg/1
district: Östra Flödet
problems:
  - id: P1
    title: Nedskräpning
    # - id: P9
    measures:
      - {id: P1.M2, text: Städdag, phase: 1}
      - {text: Fler papperskorgar, id: "P1.M3", phase: 2}
    x-id: P7
EOF
expect_reply "flow and quoted IDs" "trygg -C ws plan set 'Östra Flödet' P" "P1 P1.M2 P1.M3"
expect_reply "a name with a Swedish capital" "trygg -C ws report plan Ös" 'Östra\ Flödet'
expect_reply "a district by its slug" "trygg -C ws plan rm östra-flödet P1." "P1.M2 P1.M3"

# No drift: each command's --help against the completion's options.
for c in init check edit log report index ls search query "district add" "situation add" \
	"situation import" "situation merge" "situation decide" "situation show" "plan add-problem" \
	"plan add-measure" "plan set" "plan rm" "plan import" "followup record" "promise add" "promise record" \
	"indicator add" "indicator record"; do
	# shellcheck disable=SC2086
	if ! "$TRYGG" $c --help >"$TMP/help" 2>"$TMP/help.err"; then
		if grep -q "is not a trygg command" "$TMP/help.err"; then
			ok "options of $c # SKIP trygg $c is not there yet"
		else
			not_ok "options of $c" "trygg $c --help failed: $(head -c 2000 "$TMP/help.err")"
		fi
		continue
	fi
	# The synopsis lines of this command or verb, and the option lines of
	# its description (before WRITE OPTIONS, which follow [WRITE OPTIONS]).
	awk -v cmd="trygg $c" '
		/WRITE OPTIONS:/ { exit }
		index($0, cmd " ") || $0 ~ cmd "$" { on = 1; print; next }
		/trygg / || /^$/ { on = 0 }
		on { print }
		/^  +-/ { print }' "$TMP/help" >"$TMP/synopsis"
	grep -q 'WRITE OPTIONS\]' "$TMP/synopsis" && printf ' --dry-run --lock-timeout' >>"$TMP/synopsis"
	complete_line "trygg $c --"
	missing=
	for o in $(grep -oE -- '--[a-z][a-z-]*' "$TMP/synopsis" | sort -u); do
		[[ " ${COMPREPLY[*]} " == *" $o "* ]] || missing+=" $o"
	done
	if [ -z "$missing" ]; then
		ok "options of $c"
	else
		not_ok "options of $c" "in 'trygg $c --help' but not completed:$missing"
	fi
	# --opt ARG: the completion knows the next word is ARG, not a positional.
	missing=
	for o in $(grep -oE -- '--[a-z][a-z-]* (\[-\])?[A-Za-z0-9<]' "$TMP/synopsis" | cut -d' ' -f1 | sort -u); do
		_trygg_takes_value "$o" || missing+=" $o"
	done
	if [ -z "$missing" ]; then
		ok "options of $c that take a value"
	else
		not_ok "options of $c that take a value" "not in _trygg_takes_value:$missing"
	fi
	# --opt a|b|c in the synopsis: the completion offers exactly a b c.
	while read -r o values; do
		complete_line "trygg $c $o "
		want=$(tr '|' '\n' <<<"$values" | sort | tr '\n' ' ')
		got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
		if [ "$want" = "$got" ]; then
			ok "values of $c $o"
		else
			not_ok "values of $c $o" "help: $values" "offered: $got"
		fi
	done < <(grep -oE -- '--[a-z-]+ [a-z0-9_-]+(\|[a-z0-9_-]+)+' "$TMP/synopsis" | sort -u)
done

done_testing
