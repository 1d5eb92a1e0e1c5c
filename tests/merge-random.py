#!/usr/bin/env python3
"""Randomized test of trygg merge-file (DESIGN.md §10), run by
t0262-merge-random.sh.

PAIRS pairs of random edit sequences, made with trygg's own write commands
(plan add-problem, add-measure, set, rm, followup record) on two copies of
one district from a common base.  Each pair is merged both ways (A into B's
copy and B into A's).  The expected result is computed here, independently,
from the three models read with PyYAML: each side's changes are the leaves
(keys of problems and measures, keyed by ID; lists of scalars and the list
of follow-ups as wholes) that differ from the base; where the sides changed
different leaves, the merge must exit 0 with exactly BASE + both sides'
changes (lists both sides only added to as the union; THEIRS's new items
that took an ID OURS also took under their new IDs, found by their unique
text, with the references to them), unique IDs and `trygg check` clean;
where one leaf was changed two ways, the merge must exit 1 and leave
markers that `trygg check` reports.

Every pair forces one of three situations, in turn: different keys of one
item, the same new ID on both sides, the same key set two ways; random
extra edits come on top.  In every other pair one side or both also change
comments by hand (a comment line above an item, a comment at a line's end,
a base comment edited or deleted): a merge that exits 0 must hold each new
comment once and none that a side edited or deleted; one that cannot keep
them falls back to git's line merge (exit 1) with every new comment in it.
How many merges kept the comments is reported; at least 30 must.  The counts of each (from the files, not from the
plan) are reported; each must be at least 30.  Seed: TRYGG_MERGE_SEED.
"""
import concurrent.futures
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

TRYGG = os.environ["TRYGG"]
SEED = int(os.environ.get("TRYGG_MERGE_SEED", "28"))
PAIRS = int(os.environ.get("TRYGG_MERGE_PAIRS", "200"))
D = "Testby"
F = "districts/testby.yaml"
MEASURE_KEYS = ["text", "phase", "term", "kind", "due", "status", "responsible"]
PROBLEM_KEYS = ["title", "goal"]
ORGS = ["Polisen", "SDF Testby", "Fältgruppen", "Bostadsbolaget", "Skolan"]
ABSENT = ("absent",)
LABELS = {"different keys of one item": "changed different keys of one item",
          "the same new ID": "took the same new ID",
          "the same key two ways": "set the same key two ways"}


def trygg(ws, *args):
    p = subprocess.run([TRYGG, "-C", ws, *args], capture_output=True, text=True)
    return p.returncode, p.stdout.strip(), p.stderr


def must(ws, *args):
    code, out, err = trygg(ws, *args)
    if code:
        raise SystemExit("setup failed: trygg %s: %s" % (" ".join(args), err))
    return out


def make_base(root):
    ws = os.path.join(root, "base")
    subprocess.run([TRYGG, "init", ws], capture_output=True, check=True)
    must(ws, "district", "add", D, "--area", "Norr")
    for p in range(1, 4):
        must(ws, "plan", "add-problem", D, "--title", "Problem %d" % p, "--goal", "Mål %d" % p)
        for m in range(1, 4):
            must(ws, "plan", "add-measure", D, "--problem", "P%d" % p, "--text",
                 "Åtgärd %d.%d" % (p, m), "--phase", str(m), "--responsible", "Polisen",
                 "--due", "2015-0%d-1%d" % (p, m), "--status", "planned")
    # comments the sides may edit or delete: a line above each problem,
    # one at the end of each problem's title
    path = os.path.join(ws, F)
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"^  - id: (P\d+)$", r"  # base note \1\n\g<0>", text, flags=re.M)
    text = re.sub(r"^    title: Problem (\d+)$", r"\g<0>  # base title note P\1", text, flags=re.M)
    open(path, "w", encoding="utf-8").write(text)
    return ws


# ---- the edits ---------------------------------------------------------

class Side:
    def __init__(self, ws, name, rng, pair):
        self.ws, self.name, self.rng, self.pair = ws, name, rng, pair
        self.n = 0
        self.new_measures = []      # IDs of measures this side added
        self.new_problems = []
        self.comments_added = []    # comments this side wrote (unique)
        self.comments_gone = []     # base comments this side edited or deleted

    def unique(self, what):
        self.n += 1
        return "%s %d%s%d" % (what, self.pair, self.name, self.n)

    def value(self, key):
        r = self.rng
        if key == "text":
            return self.unique("Text")
        if key in ("title", "goal"):
            return self.unique(key.capitalize())
        if key == "phase":
            return str(r.randint(1, 3))
        if key == "term":
            return r.choice(["short", "long", "mobilisation"])
        if key == "kind":
            return r.choice(["situational", "social"])
        if key == "due":
            return "2016-%02d-%02d" % (r.randint(1, 12), r.randint(1, 28))
        if key == "status":
            return r.choice(["proposed", "ongoing", "done", "cancelled"])
        if key == "responsible":
            return ",".join(r.sample(ORGS, r.randint(1, 3)))
        raise ValueError(key)

    def set(self, item, key, value=None):
        trygg(self.ws, "plan", "set", D, item, "%s=%s" % (key, value or self.value(key)))

    def add_measure(self, problem):
        code, out, _ = trygg(self.ws, "plan", "add-measure", D, "--problem", problem, "--text",
                             self.unique("Ny åtgärd"), "--phase", str(self.rng.randint(1, 3)))
        if not code:
            self.new_measures.append(out)

    def comment_edit(self):
        """A comment-only change made by hand: a comment line above an item,
        a comment at the end of a line, a base comment edited or deleted."""
        r = self.rng
        path = os.path.join(self.ws, F)
        lines = open(path, encoding="utf-8").read().split("\n")
        k = r.randrange(4)
        if k == 0:
            at = [i for i, l in enumerate(lines) if re.match(r"^ *- id: ", l)]
            i = r.choice(at)
            c = "# " + self.unique("note")
            lines.insert(i, " " * (len(lines[i]) - len(lines[i].lstrip())) + c)
            self.comments_added.append(c)
        elif k == 1:
            at = [i for i, l in enumerate(lines)
                  if re.match(r"^ +(text|title|goal|due|status|phase): ", l) and "#" not in l]
            i = r.choice(at)
            c = "# " + self.unique("eol")
            lines[i] += "  " + c
            self.comments_added.append(c)
        else:
            at = [i for i, l in enumerate(lines) if "# base " in l]
            if not at:
                return
            i = r.choice(at)
            old = lines[i][lines[i].index("# base "):]
            self.comments_gone.append(old)
            if k == 2:
                c = "# " + self.unique("edited")
                lines[i] = lines[i][:lines[i].index("# base ")] + c
                self.comments_added.append(c)
            elif lines[i].lstrip().startswith("#"):
                del lines[i]
            else:
                lines[i] = lines[i][:lines[i].index("# base ")].rstrip()
        open(path, "w", encoding="utf-8").write("\n".join(lines))

    def random_edit(self):
        r = self.rng
        k = r.randrange(7)
        base_measure = "P%d.M%d" % (r.randint(1, 3), r.randint(1, 3))
        if k == 0:
            self.set(base_measure, r.choice(MEASURE_KEYS))
        elif k == 1:
            self.set("P%d" % r.randint(1, 3), r.choice(PROBLEM_KEYS))
        elif k == 2:
            self.add_measure(r.choice(["P1", "P2", "P3"] + self.new_problems))
        elif k == 3:
            code, out, _ = trygg(self.ws, "plan", "add-problem", D, "--title",
                                 self.unique("Nytt problem"))
            if not code:
                self.new_problems.append(out)
                if r.random() < 0.5:
                    self.add_measure(out)
        elif k == 4:
            ms = [m for m in self.new_measures if m.startswith("P")] or ["P%d.M1" % r.randint(1, 3)]
            m = r.choice(ms)
            trygg(self.ws, "followup", "record", D, "--problem", m.split(".")[0], "--measure", m,
                  "--done", self.unique("Gjort"), "--date", "2016-03-0%d" % r.randint(1, 9))
        elif k == 5:
            trygg(self.ws, "plan", "rm", D, "P%d.M3" % r.randint(1, 3))
        else:
            self.set("P%d.M%d" % (r.randint(1, 3), r.randint(1, 2)), "due")


# ---- the models --------------------------------------------------------

def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.SafeLoader)


def canon(v):
    return json.dumps(v, sort_keys=True, default=str, ensure_ascii=False)


def flat(v, path=(), out=None):
    """Leaves: path -> value; lists of items with IDs keyed by them."""
    if out is None:
        out = {}
    if isinstance(v, dict):
        out[path] = ("map",)
        for k, x in v.items():
            flat(x, path + (k,), out)
    elif isinstance(v, list) and v and all(isinstance(x, dict) and "id" in x for x in v):
        out[path] = ("keyed",)
        for x in v:
            flat(x, path + ("#" + str(x["id"]),), out)
    elif isinstance(v, list):
        out[path] = ("list", tuple(canon(x) for x in v))
    else:
        out[path] = ("scalar", canon(v))
    return out


def changes(base, side):
    return {p: side.get(p, ABSENT) for p in set(base) | set(side)
            if base.get(p, ABSENT) != side.get(p, ABSENT)}


def only_added(b, s):
    rest = list(s)
    for x in b:
        if x not in rest:
            return False
        rest.remove(x)
    return True


def unflat(fl):
    """Back to a comparable tree: keyed lists as dicts by ID."""
    tree = {}
    for p in sorted(fl, key=len):
        v = fl[p]
        if not p:
            continue
        node = tree
        for s in p[:-1]:
            node = node.setdefault(s, {})
        if v[0] in ("map", "keyed"):
            node.setdefault(p[-1], {})
        else:
            node[p[-1]] = v
    return tree


def renumbered(model, mapping):
    """THEIRS's model with its renumbered items under their new IDs."""
    def fix(s):
        for old, new in mapping.items():
            if s == old or s.startswith(old + "."):
                return new + s[len(old):]
        return s

    def walk(v, key=None):
        if isinstance(v, dict):
            return {k: walk(x, k) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x, key) for x in v]
        if key in ("id", "measures", "situation") and isinstance(v, str):
            return fix(v)
        return v
    return walk(model)


def items_by_text(model):
    out = {}
    for p in model.get("problems") or []:
        out[("P", p.get("title"))] = p["id"]
        for m in p.get("measures") or []:
            out[("M", m.get("text"))] = m["id"]
    return out


def all_ids(model):
    ids = []
    for p in model.get("problems") or []:
        ids.append(p["id"])
        ids += [m["id"] for m in p.get("measures") or []]
    return ids


def expect_merge(b, o, t):
    """BASE + OURS's + THEIRS's changes, or None when a leaf changed two ways."""
    fb, fo, ft = flat(b), flat(o), flat(t)
    co, ct = changes(fb, fo), changes(fb, ft)
    out = dict(fb)
    for p in set(co) | set(ct):
        if p in co and p in ct and co[p] != ct[p]:
            vb, vo, vt = fb.get(p, ABSENT), co[p], ct[p]
            if union(vb, vo, vt):
                base_items = vb[1] if vb[0] == "list" else ()
                u = list(vo[1]) + [x for x in vt[1] if x not in base_items and x not in vo[1]]
                out[p] = ("list", tuple(u))
                continue
            return None
        out[p] = co[p] if p in co else ct[p]
    return unflat({p: v for p, v in out.items() if v != ABSENT})


# ---- one pair ----------------------------------------------------------

def new_item(fb, p):
    """Is p inside an item that is not in the base?"""
    return any(str(s).startswith("#") and p[:k + 1] not in fb for k, s in enumerate(p))


def conflicting_leaves(fb, fa, fbb):
    """Leaves both sides changed, each its own way (new items that took one
    ID are renumbered, not in conflict)."""
    ca, cb = changes(fb, fa), changes(fb, fbb)
    out = [p for p in set(ca) & set(cb)
           if ca[p] != cb[p] and not new_item(fb, p) and not union(fb.get(p, ABSENT), ca[p], cb[p])]
    # an item one side removed and the other changed
    for c1, c2 in ((ca, cb), (cb, ca)):
        gone = [p for p, v in c1.items() if v == ABSENT and str(p[-1]).startswith("#")]
        out += [q for g in gone for q, v in c2.items() if q[:len(g)] == g and v != ABSENT]
    return out


def union(vb, vo, vt):
    """Lists both sides only added to: they merge as the union."""
    base_items = vb[1] if vb[0] == "list" else ()
    return (vo[0] == vt[0] == "list" and vb[0] in ("list", "absent") and
            only_added(base_items, vo[1]) and only_added(base_items, vt[1]))


def classify(b, a, bb):
    """Which of the three situations the files show."""
    fb, fa, fbb = flat(b), flat(a), flat(bb)
    ca, cb = changes(fb, fa), changes(fb, fbb)
    kinds = set()
    # different keys of one item that is in the base
    def keys_by_item(c):
        d = {}
        for p in c:
            if len(p) >= 2 and str(p[-2]).startswith("#") and p[:-1] in fb:
                d.setdefault(p[:-1], set()).add(p)
        return d
    ka, kb = keys_by_item(ca), keys_by_item(cb)
    if any(ka[i] - kb[i] and kb[i] - ka[i] for i in set(ka) & set(kb)):
        kinds.add("different keys of one item")
    base_ids = set(all_ids(b))
    if (set(all_ids(a)) - base_ids) & (set(all_ids(bb)) - base_ids):
        kinds.add("the same new ID")
    if any(p for p in conflicting_leaves(fb, fa, fbb) if p in ca and p in cb):
        kinds.add("the same key two ways")
    return kinds


def merge(root, base_file, ours_file, theirs_file, name):
    out = os.path.join(root, name)
    shutil.copyfile(ours_file, out)
    p = subprocess.run([TRYGG, "merge-file", base_file, out, theirs_file, "--path", F],
                       capture_output=True, text=True)
    return p.returncode, out, p.stderr


def count_comment(text, c):
    return len(re.findall(re.escape(c) + r"$", text, re.M))


def lost_comments(text, sides):
    """Each side's new comments once, the base comments a side edited or
    deleted gone: what is wrong, as a list."""
    bad = []
    for side in sides:
        bad += ["%r %d times" % (c, count_comment(text, c)) for c in side.comments_added
                if count_comment(text, c) != 1]
        bad += ["%r (edited or deleted) still there" % c for c in side.comments_gone
                if count_comment(text, c)]
    return bad


def check_one(root, base_m, ours_file, theirs_file, name, problems, sides):
    """Merge THEIRS into OURS and check it; "kept" or "fell back" when the
    sides changed comments, else None."""
    commented = any(s.comments_added or s.comments_gone for s in sides)
    ours_m, theirs_m = load(ours_file), load(theirs_file)
    base_file = os.path.join(root, "base", F)
    code, out, err = merge(root, base_file, ours_file, theirs_file, name)
    conflict = conflicting_leaves(flat(base_m), flat(ours_m), flat(theirs_m))
    if re.search(r"AddressSanitizer|runtime error|LeakSanitizer", err):
        problems.append("%s: sanitizer report: %s" % (name, err[:2000]))
        return
    if conflict:
        text = open(out, encoding="utf-8").read()
        if code != 1 or not re.search(r"^<<<<<<<", text, re.M):
            problems.append("%s: leaves changed two ways (%s) but exit %d and %s markers"
                            % (name, conflict[:3], code, "with" if "<<<<<<<" in text else "no"))
            return
        c = subprocess.run([TRYGG, "check", out], capture_output=True, text=True)
        if c.returncode != 1 or "a merge conflict starts here" not in c.stderr:
            problems.append("%s: check does not report the markers: %s" % (name, c.stderr[:500]))
        return
    if code == 1 and commented and "merged line by line by git" in err:
        # a comment change that could not be kept beside the other side's
        # changes: git's line merge, in which nothing is lost
        text = open(out, encoding="utf-8").read()
        for side in sides:
            for c in side.comments_added:
                if c not in text:
                    problems.append("%s: fell back to the line merge, but %r is lost" % (name, c))
        return "fell back"
    if code != 0:
        problems.append("%s: different leaves changed, but exit %d: %s" % (name, code, err[:1500]))
        return
    bad = lost_comments(open(out, encoding="utf-8").read(), sides)
    if bad:
        problems.append("%s: exit 0, but comments lost or doubled: %s" % (name, "; ".join(bad[:5])))
        return
    merged = load(out)
    ids = all_ids(merged)
    if len(ids) != len(set(ids)):
        problems.append("%s: IDs not unique: %s" % (name, ids))
        return
    # THEIRS's new items: where did they go?
    now, before, ours_ids = items_by_text(merged), items_by_text(theirs_m), set(all_ids(ours_m))
    base_ids = set(all_ids(base_m))
    mapping = {}
    for k, old in before.items():
        if old in base_ids or k not in now:
            continue
        if now[k] != old:
            if old not in ours_ids and not any(old.startswith(m + ".") for m in mapping):
                problems.append("%s: %s renumbered to %s without a clash" % (name, old, now[k]))
            mapping[old] = now[k]
    for old, new in mapping.items():
        if "is now %s" % new not in err and not any(old.startswith(m + ".") for m in mapping if m != old):
            problems.append("%s: renumbering %s -> %s not told: %s" % (name, old, new, err[:500]))
    want = expect_merge(base_m, ours_m, renumbered(theirs_m, mapping))
    got = unflat(flat(merged))
    if want != got:
        problems.append("%s: merged model differs from the union of both sides' changes:\n%s"
                        % (name, diff_trees(want, got)))
        return
    c = subprocess.run([TRYGG, "check", out], capture_output=True, text=True)
    if c.returncode != 0:
        problems.append("%s: merged file fails the check: %s" % (name, c.stderr[:1000]))
    return "kept" if commented else None


def diff_trees(a, b, path=()):
    if isinstance(a, dict) and isinstance(b, dict):
        lines = []
        for k in sorted(set(a) | set(b), key=str):
            if a.get(k) != b.get(k):
                lines.append(diff_trees(a.get(k), b.get(k), path + (k,)))
        return "\n".join(lines)
    return "  %s: wanted %s, got %s" % ("/".join(map(str, path)), a, b)


def run_pair(i, root_base, work):
    rng = random.Random(SEED * 100003 + i)
    root = os.path.join(work, "pair%03d" % i)
    os.makedirs(root)
    shutil.copytree(root_base, os.path.join(root, "base"))
    shutil.copytree(root_base, os.path.join(root, "a"))
    shutil.copytree(root_base, os.path.join(root, "b"))
    a = Side(os.path.join(root, "a"), "a", rng, i)
    b = Side(os.path.join(root, "b"), "b", rng, i)
    forced = i % 3
    if forced == 0:
        item = "P%d.M%d" % (rng.randint(1, 3), rng.randint(1, 2))
        k1, k2 = rng.sample(MEASURE_KEYS, 2)
        a.set(item, k1)
        b.set(item, k2)
    elif forced == 1:
        p = "P%d" % rng.randint(1, 3)
        a.add_measure(p)
        b.add_measure(p)
    else:
        item = "P%d.M%d" % (rng.randint(1, 3), rng.randint(1, 2))
        key = rng.choice(["due", "status", "text", "phase"])
        va, vb = a.value(key), b.value(key)
        while vb == va:
            vb = b.value(key)
        a.set(item, key, va)
        b.set(item, key, vb)
    for side in (a, b):
        for _ in range(rng.randint(0, 3)):
            side.random_edit()
        # comment-only changes in every other pair, by one side or both
        if i % 2 == 0 and (side is a or rng.random() < 0.5):
            for _ in range(rng.randint(1, 2)):
                side.comment_edit()
    fa, fb = os.path.join(root, "a", F), os.path.join(root, "b", F)
    base_m = load(os.path.join(root, "base", F))
    kinds = classify(base_m, load(fa), load(fb))
    problems = []
    outcomes = [check_one(root, base_m, fa, fb, "pair%03d-b-into-a.yaml" % i, problems, (a, b)),
                check_one(root, base_m, fb, fa, "pair%03d-a-into-b.yaml" % i, problems, (a, b))]
    if not problems:
        shutil.rmtree(root)
    return kinds, problems, outcomes


def main():
    work = tempfile.mkdtemp(prefix="trygg-merge-random.")
    print("# seed %d, %d pairs (TRYGG_MERGE_SEED, TRYGG_MERGE_PAIRS)" % (SEED, PAIRS))
    base = make_base(work)
    counts = {"different keys of one item": 0, "the same new ID": 0, "the same key two ways": 0}
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=32) as ex:
        results = list(ex.map(lambda i: run_pair(i, base, work), range(PAIRS)))
    comments = {"kept": 0, "fell back": 0}
    for i, (kinds, problems, outcomes) in enumerate(results):
        for k in kinds:
            counts[k] += 1
        for o in outcomes:
            if o:
                comments[o] += 1
        failed += problems
    n = 0
    for msg in failed[:20]:
        n += 1
        print("not ok %d - %s" % (n, msg.replace("\n", "\n# ")))
    n += 1
    print("%s %d - %d pairs merged both ways: the union of both sides' changes, or a conflict "
          "where a key was set two ways" % ("ok" if not failed else "not ok", n, PAIRS))
    for k, v in counts.items():
        n += 1
        print("# pairs whose sides %s: %d" % (LABELS[k], v))
        print("%s %d - at least 30 pairs: %s (%d)" % ("ok" if v >= 30 or PAIRS < 200 else "not ok",
                                                      n, k, v))
    print("# merges where a side changed comments: %d merged with every comment kept, "
          "%d fell back to git's line merge (exit 1)" % (comments["kept"], comments["fell back"]))
    n += 1
    print("%s %d - at least 30 merges kept both sides' comment changes (%d)"
          % ("ok" if comments["kept"] >= 30 or PAIRS < 200 else "not ok", n, comments["kept"]))
    print("1..%d" % n)
    if failed:
        print("# the failing pairs are kept in %s" % work)
    else:
        shutil.rmtree(work)
    few = any(v < 30 for v in counts.values()) or comments["kept"] < 30
    sys.exit(1 if failed or few and PAIRS >= 200 else 0)


if __name__ == "__main__":
    main()
