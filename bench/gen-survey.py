#!/usr/bin/env python3
"""Write a survey export of N rows (after the header) to standard output,
the same bytes for the same N: what `trygg situation import` reads, for
the benchmark in docs/benchmarks.md and tests/t0382-situation-import-large.sh.

    bench/gen-survey.py N [PROBLEMS] > survey.csv

Swedish headings, ';', decimal commas and '%', CRLF, as a spreadsheet
saves it; 24 problems in 3 groups over the example district Angered's
areas (and 'Samtliga'), so 72 items at most, whatever N is; with
PROBLEMS, that many problems (the 24, then "Problem 25" …)."""
import sys

PROBLEMS = [
    "Nedskräpning", "Trafikproblem", "Skadegörelse och klotter", "Buskörning",
    "Otrygghet vid hållplatser", "Öppen narkotikaförsäljning", "Inbrott i bostäder",
    "Stölder; inbrott", "Bilbränder", "Störande grannar", "Dålig belysning",
    "Mopedåkning", "Ungdomsgäng", "Hot och trakasserier", "Cykelstölder",
    "Fylleri", "Nedgångna lokaler", "Otrygga gångtunnlar", "Ensamhet",
    "Brist på mötesplatser", "Oljud nattetid", "Hundbajs", "Snabb trafik",
    "Vandalisering",
]
AREAS = ["Hjällbo", "Hammarkullen", "Gårdsten", "Lövgärdet", "Rannebergen", "Samtliga"]
GROUPS = ["Boende", "Näringsidkare", "Föreningar"]


def main():
    n = int(sys.argv[1])
    k = int(sys.argv[2]) if len(sys.argv) > 2 else len(PROBLEMS)
    problems = (PROBLEMS + ["Problem %d" % (i + 1) for i in range(len(PROBLEMS), k)])[:k]
    x = 12345
    out = sys.stdout.buffer
    out.write("Problem;Område;Grupp;Andel;Antal svarande;Kommentar\r\n".encode())
    lines = []
    for i in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
        r = x >> 33
        pi = r % len(problems)
        problem = problems[pi]
        area = AREAS[(r >> 5) % len(AREAS)]
        group = GROUPS[(r >> 8) % len(GROUPS)]
        # per mille below a bound of each problem and group, so that the
        # highest share differs from item to item
        gi = GROUPS.index(group)
        pm = (r >> 10) % (300 + 25 * (pi % 24) + 60 * gi)
        if pm % 2:
            share = "%d,%d %%" % (pm // 10, pm % 10)
        else:
            share = "0,%03d" % pm if pm < 1000 else "1,0"
        resp = 10 + (r >> 20) % 990
        comment = '"rad %d"' % i if i % 7 == 0 else ""
        quoted = '"%s"' % problem if ";" in problem else problem
        lines.append("%s;%s;%s;%s;%d;%s\r\n" % (quoted, area, group, share, resp, comment))
        if len(lines) == 4096:
            out.write("".join(lines).encode())
            lines = []
    out.write("".join(lines).encode())


if __name__ == "__main__":
    main()
