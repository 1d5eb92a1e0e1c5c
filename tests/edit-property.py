#!/usr/bin/env python3
"""A property test over the edit engine (issue 18), run by t0110-edit-property.sh.

Random sequences of the write commands (plan add-problem, add-measure, set,
rm, followup record, situation add) run on richly commented plan files:
the example districts, the merge fixtures, tests/fixtures/rich.yaml and
tests/fixtures/comments-everywhere.yaml (flow and block styles, comments at
every position), with values drawn from a list of texts that are hard to
write in YAML.  This script keeps its own model of each file's data, the
intended change applied in Python, and after every step asserts:

  - the command succeeded and printed the ID it should;
  - PyYAML's pure-Python SafeLoader (not CSafeLoader) reads the file to
    exactly the model;
  - every comment of the file before the step is still there, except those
    on the lines of what the step removed or replaced, and no new one
    appeared.

The seed is fixed (printed); TRYGG_PROPERTY_SEED changes it and
TRYGG_PROPERTY_STEPS the number of steps per file.  Speaks TAP: one test
point per file.
"""
import collections
import datetime
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

TRYGG = os.environ["TRYGG"]
SRCDIR = os.environ["SRCDIR"]
SEED = int(os.environ.get("TRYGG_PROPERTY_SEED", "18"))
STEPS = int(os.environ.get("TRYGG_PROPERTY_STEPS", "30"))

HARD = [
    "?", "Vem? (oklart)", "Känner du dig trygg?", "a: b", "a #b", "#c", "- d", "-",
    "--area", "[x", "x]", "{y}", "&a", "*b", "!t", "%p", "@q", "`r", "|", ">", "'s'",
    '"d"', "x\\y", "it's", 'say "hi"', "multi\nline", "two\n\nbreaks\n", "tab\there",
    " lead", "trail ", "a:", ":", "? e", ": f", "~", "null", "yes", "No", "on", "1",
    "0.5", "1e3", "-2", ".5", "2014-10-01", "12:30", "Åsa Öberg – ändå", "ÅÄÖ åäö é",
    "Trygghet 🙂", "🚓🚨", "a, b", "x,y", "=", "<<", "...", "---", "a\u00a0b",
]
TERMS = ["short", "long", "mobilisation"]
KINDS = ["situational", "social"]
STATUSES = ["proposed", "planned", "ongoing", "done", "cancelled"]


class Failure(Exception):
    pass


# ---- reading the file --------------------------------------------------

def compose_load(text):
    """The composed tree (with positions) and the data it stands for, from
    one pass of the pure-Python SafeLoader."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8")


def comments(text):
    """(line, text) of every comment, by a small scanner that knows quoted
    scalars (also over several lines) and block scalars."""
    out = []
    block = None        # inside a block scalar: lines indented more than this
    quote = None
    for no, line in enumerate(re.split(r"\r\n|\r|\n", text)):
        if block is not None and quote is None:
            body = line.lstrip(" ")
            if body == "" or len(line) - len(body) > block:
                continue
            block = None
        i, end = 0, len(line)
        while i < len(line):
            c = line[i]
            if quote == '"':
                if c == "\\":
                    i += 2
                    continue
                if c == '"':
                    quote = None
            elif quote == "'":
                if c == "'":
                    if line[i + 1:i + 2] == "'":
                        i += 2
                        continue
                    quote = None
            elif c == "#" and (i == 0 or line[i - 1] in " \t"):
                out.append((no, line[i:].rstrip()))
                end = i
                break
            elif c in "\"'":
                j = i - 1
                while j >= 0 and line[j] == " ":
                    j -= 1
                if j < 0 or line[j] in ":-[{,?":
                    quote = c
            i += 1
        head = line[:end].rstrip()
        if quote is None and re.search(r"(^|[\s:-])[|>][-+0-9]*$", head):
            m = re.match(r"^( *)((?:- +)*)", line)
            key_col = len(m.group(0))
            block = len(m.group(1)) if head[key_col:key_col + 1] in ("|", ">") else key_col
    return out


def last_line(node):
    """The last line holding text of a composed node (0-based)."""
    if isinstance(node, yaml.ScalarNode) or node.flow_style:
        m = node.end_mark
        return m.line if m.column > 0 or m.line == node.start_mark.line else m.line - 1
    kids = node.value if isinstance(node, yaml.SequenceNode) else [x for kv in node.value for x in kv]
    return max([node.start_mark.line] + [last_line(k) for k in kids])


def node_at(root, path):
    """The composed node at a path of keys and indices; (key node, value
    node) of the last step when it is a key, or (None, node)."""
    n, key = root, None
    for p in path:
        if isinstance(p, int):
            n, key = n.value[p], None
        else:
            for k, v in n.value:
                if k.value == p:
                    n, key = v, k
                    break
            else:
                return None, None
    return key, n


# ---- the model of the intended change -----------------------------------

def next_id(ids, prefix):
    top = 0
    for i in ids:
        if isinstance(i, str) and i.startswith(prefix) and i[len(prefix):].isdigit():
            top = max(top, int(i[len(prefix):]))
    return "%s%d" % (prefix, top + 1)


def as_list(v):
    return v if isinstance(v, list) else []


class Plan:
    """One plan file: its path, the model of its data and the random draws."""

    def __init__(self, ws, name, rnd):
        self.ws, self.name, self.rnd = ws, name, rnd
        self.path = os.path.join(ws, "districts", name + ".yaml")
        self.src = read(self.path)
        self.root, self.model = compose_load(self.src)

    # random draws
    def text(self):
        return self.rnd.choice(HARD)

    def texts(self, most, plain_list=False):
        vals = []
        for _ in range(self.rnd.randint(0, most)):
            v = self.text()
            if plain_list:
                # set KEY=a, b splits a text list at ", " (DESIGN.md §8):
                # an item holds no comma here, nor space at its ends
                v = v.replace(",", " ").strip(" ")
                if not v:
                    continue
            if v not in vals:
                vals.append(v)
        return vals

    def areas(self, most=3):
        return self.rnd.sample(range(1, 11), self.rnd.randint(0, most))

    def date(self):
        return datetime.date(2014, 1, 1) + datetime.timedelta(days=self.rnd.randint(0, 900))

    def problems(self):
        return [p for p in as_list(self.model.get("problems")) if isinstance(p, dict)]

    def measures(self):
        return [(i, j, m) for i, p in enumerate(as_list(self.model.get("problems")))
                for j, m in enumerate(as_list(p.get("measures")))]

    # the operations: each returns (argv, expected stdout, removed paths)
    def add_problem(self):
        m = self.model
        pid = next_id([p.get("id") for p in self.problems()], "P")
        item, argv = {"id": pid}, ["plan", "add-problem", self.name]
        item["title"] = self.text()
        argv += ["--title", item["title"]]
        causes = self.texts(3)
        for c in causes:
            argv += ["--cause", c]
        if self.rnd.random() < 0.5:
            item["goal"] = self.text()
            argv += ["--goal", item["goal"]]
        if causes:
            item["causes"] = causes
        subgoals = self.texts(2)
        for s in subgoals:
            argv += ["--subgoal", s]
        if subgoals:
            item["subgoals"] = subgoals
        areas = self.areas()
        for a in areas:
            argv += ["--strategic-area", str(a)]
        if areas:
            item["strategic_areas"] = areas
        if isinstance(m.get("problems"), list):
            m["problems"].append(item)
        else:
            m["problems"] = [item]
        return argv, pid, []

    def add_measure(self):
        probs = self.problems()
        if not probs:
            return None
        p = self.rnd.choice(probs)
        mid = next_id([x.get("id") for x in as_list(p.get("measures"))], p["id"] + ".M")
        item = {"id": mid, "text": self.text(), "phase": self.rnd.randint(1, 3)}
        argv = ["plan", "add-measure", self.name, "--problem", p["id"], "--text", item["text"],
                "--phase", str(item["phase"])]
        if self.rnd.random() < 0.4:
            item["term"] = self.rnd.choice(TERMS)
            argv += ["--term", item["term"]]
        if self.rnd.random() < 0.3:
            item["kind"] = self.rnd.choice(KINDS)
            argv += ["--kind", item["kind"]]
        resp = self.texts(3)
        for r in resp:
            argv += ["--responsible", r]
        if resp:
            item["responsible"] = resp
        if self.rnd.random() < 0.4:
            item["due"] = self.date()
            argv += ["--due", item["due"].isoformat()]
        if self.rnd.random() < 0.4:
            item["status"] = self.rnd.choice(STATUSES)
            argv += ["--status", item["status"]]
        areas = self.areas()
        for a in areas:
            argv += ["--strategic-area", str(a)]
        if areas:
            item["strategic_areas"] = areas
        if isinstance(p.get("measures"), list):
            p["measures"].append(item)
        else:
            p["measures"] = [item]
        return argv, mid, []

    def set(self):
        targets = [(["problems", i], p, ["title", "goal", "strategic_areas"])
                   for i, p in enumerate(as_list(self.model.get("problems")))]
        targets += [(["problems", i, "measures", j], m,
                     ["text", "phase", "term", "kind", "responsible", "due", "status",
                      "strategic_areas"]) for i, j, m in self.measures()]
        if not targets:
            return None
        path, node, keys = self.rnd.choice(targets)
        argv, removed = ["plan", "set", self.name, node["id"]], []
        for key in self.rnd.sample(keys, self.rnd.randint(1, 3)):
            required = key in ("title", "text", "phase")
            if not required and key in node and self.rnd.random() < 0.2:
                argv.append(key + "=")
                removed.append((path + [key], True))
                del node[key]
                continue
            if key in ("title", "text", "goal"):
                v = self.text()
                arg = v
            elif key == "phase":
                v = self.rnd.randint(1, 3)
                arg = str(v)
            elif key == "term":
                v = arg = self.rnd.choice(TERMS)
            elif key == "kind":
                v = arg = self.rnd.choice(KINDS)
            elif key == "status":
                v = arg = self.rnd.choice(STATUSES)
            elif key == "due":
                v = self.date()
                arg = v.isoformat()
            elif key == "responsible":
                v = self.texts(3, plain_list=True) or ["Polisen"]
                arg = ", ".join(v)
            else:
                v = self.areas() or [5]
                arg = ",".join(map(str, v))
            argv.append("%s=%s" % (key, arg))
            if key in node:
                removed.append((path + [key], False))
            node[key] = v
        return argv, node["id"], removed

    def rm(self):
        ms = self.measures()
        probs = list(enumerate(as_list(self.model.get("problems"))))
        if ms and self.rnd.random() < 0.7:
            i, j, m = self.rnd.choice(ms)
            p = self.model["problems"][i]
            removed = [(["problems", i, "measures", j], True)]
            for f, fu in enumerate(as_list(p.get("followups"))):
                ids = as_list(fu.get("measures"))
                for k, x in enumerate(ids):
                    if x == m["id"]:
                        removed.append((["problems", i, "followups", f, "measures", k], True))
                if m["id"] in ids:
                    fu["measures"] = [x for x in ids if x != m["id"]]
            del p["measures"][j]
            return ["plan", "rm", self.name, m["id"], "--force"], m["id"], removed
        if not probs:
            return None
        i, p = self.rnd.choice(probs)
        del self.model["problems"][i]
        return ["plan", "rm", self.name, p["id"], "--force"], p["id"], [(["problems", i], True)]

    def followup(self):
        probs = list(enumerate(as_list(self.model.get("problems"))))
        if not probs:
            return None
        i, p = self.rnd.choice(probs)
        d = self.date()
        item = {"date": d}
        argv = ["followup", "record", self.name, "--problem", p["id"], "--date", d.isoformat()]
        ms = [m["id"] for m in as_list(p.get("measures"))]
        named = self.rnd.sample(ms, min(len(ms), self.rnd.randint(0, 2)))
        for x in named:
            argv += ["--measure", x]
        if named:
            item["measures"] = named
        if self.rnd.random() < 0.8:
            item["done"] = self.text()
            argv += ["--done", item["done"]]
        if self.rnd.random() < 0.5:
            item["effect"] = self.text()
            argv += ["--effect", item["effect"]]
        names = [x["name"] for x in as_list(p.get("indicators")) if isinstance(x, dict) and "name" in x]
        if names and self.rnd.random() < 0.6:
            name = self.rnd.choice(names)
            value = self.rnd.choice([0.5, 12.0, 0.25, 3.0])
            argv += ["--indicator", "%s=%s" % (name, str(value).replace(".", ","))]
            item["indicators"] = {name: value}
        status = self.rnd.choice(STATUSES)
        argv += ["--status", status]
        removed = []
        for x in named:
            j = ms.index(x)
            if "status" in p["measures"][j]:
                removed.append((["problems", i, "measures", j, "status"], False))
            p["measures"][j]["status"] = status
        n = len(as_list(p.get("followups"))) + 1
        if isinstance(p.get("followups"), list):
            p["followups"].append(item)
        else:
            p["followups"] = [item]
        return argv, "%s.F%d" % (p["id"], n), removed

    def situation_add(self):
        m = self.model
        src = self.rnd.choice(["police", "district", "survey"])
        item = {"title": self.text()}
        argv = ["situation", "add", self.name, "--source", src, "--title", item["title"]]
        areas = [a for a in as_list(m.get("areas")) if isinstance(a, str)]
        chosen = self.rnd.sample(areas, min(len(areas), self.rnd.randint(0, 2)))
        for a in chosen:
            argv += ["--area", a]
        if chosen:
            item["areas"] = chosen
        if self.rnd.random() < 0.4:
            item["share"] = self.rnd.choice([0.41, 0.3, 0.05])
            argv += ["--share", "%g%%" % round(item["share"] * 100)]
        if self.rnd.random() < 0.4:
            item["note"] = self.text()
            argv += ["--note", item["note"]]
        removed = []
        sit = m.get("situation")
        if not isinstance(sit, dict):
            if "situation" in m:
                removed.append((["situation"], False))
            m["situation"] = {src: {"problems": [item]}}
            return argv, src + ":1", removed
        block = sit.get(src)
        if not isinstance(block, dict):
            if src in sit:
                removed.append((["situation", src], False))
            sit[src] = {"problems": [item]}
            return argv, src + ":1", removed
        if isinstance(block.get("problems"), list):
            block["problems"].append(item)
        else:
            block["problems"] = [item]
        return argv, "%s:%d" % (src, len(block["problems"])), removed

    OPS = ["add_problem", "add_measure", "set", "set", "rm", "followup", "situation_add"]

    # one step
    def step(self, log):
        before, root = self.src, self.root
        for _ in range(20):
            got = getattr(self, self.rnd.choice(self.OPS))()
            if got:
                break
        else:
            return
        argv, want_id, removed = got
        log.append(argv)
        run = subprocess.run([TRYGG, "-C", self.ws] + argv, capture_output=True)
        err = run.stderr.decode("utf-8", "replace")
        if run.returncode != 0:
            raise Failure("exit %d: %s" % (run.returncode, err.strip()))
        out = run.stdout.decode("utf-8").strip()
        if out != want_id:
            raise Failure("printed %r, wanted %r" % (out, want_id))
        for word in ("runtime error", "AddressSanitizer", "LeakSanitizer"):
            if word in err:
                raise Failure(err)
        after = read(self.path)
        try:
            self.root, data = compose_load(after)
        except yaml.YAMLError as e:
            raise Failure("PyYAML cannot read the file: %s" % e)
        self.src = after
        if data != self.model:
            raise Failure("PyYAML reads\n%s\nthe model holds\n%s" % (
                yaml.safe_dump(data, allow_unicode=True), yaml.safe_dump(self.model, allow_unicode=True)))
        # comments: the old ones, less those on the lines of what went
        gone_lines = set()
        for path, with_key in removed:
            key, node = node_at(root, path)
            if node is None:
                continue
            first = (key if with_key and key is not None else node).start_mark.line
            gone_lines.update(range(first, last_line(node) + 1))
        old = collections.Counter(c for _, c in comments(before))
        may_go = collections.Counter(c for line, c in comments(before) if line in gone_lines)
        new = collections.Counter(c for _, c in comments(after))
        lost = [c for c in old if new[c] < old[c] - may_go[c]]
        added = [c for c in new if new[c] > old[c]]
        if lost or added:
            raise Failure("comments lost: %r; comments added: %r" % (lost, added))


def main():
    fixtures = [os.path.join(SRCDIR, "examples", "goteborg", "districts", f)
                for f in ("angered.yaml", "vastra-hisingen.yaml")]
    fixtures += sorted(os.path.join(SRCDIR, "tests", "merge", f)
                       for f in os.listdir(os.path.join(SRCDIR, "tests", "merge"))
                       if f.endswith(".in.yaml"))
    fixtures += [os.path.join(SRCDIR, "tests", "fixtures", f)
                 for f in ("rich.yaml", "comments-everywhere.yaml")]
    # the same with CRLF and with CR line ends
    runs = [(fx, b"\n") for fx in fixtures]
    runs += [(fixtures[-2], b"\r\n"), (fixtures[-1], b"\r")]
    print("# seed %d (TRYGG_PROPERTY_SEED), %d steps per file (TRYGG_PROPERTY_STEPS)" % (SEED, STEPS))
    # every write fsyncs: a folder in memory, where there is one, keeps the
    # test's time to the work
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    top = tempfile.mkdtemp(prefix="trygg-property.", dir=shm)
    failed = 0
    for n, (fx, eol) in enumerate(runs, 1):
        rnd = random.Random("%d:%d" % (SEED, n))
        ws = os.path.join(top, "ws%d" % n)
        subprocess.run([TRYGG, "init", ws], capture_output=True, check=True)
        name = "d%d" % n
        with open(fx, "rb") as f:
            text = f.read()
        with open(os.path.join(ws, "districts", name + ".yaml"), "wb") as f:
            f.write(text.replace(b"\n", eol))
        plan = Plan(ws, name, rnd)
        log = []
        desc = "%d random edits of %s (%s) keep its data and comments" % (
            STEPS, os.path.relpath(fx, SRCDIR), {b"\n": "LF", b"\r\n": "CRLF", b"\r": "CR"}[eol])
        try:
            for _ in range(STEPS):
                plan.step(log)
        except Failure as e:
            failed += 1
            print("not ok %d - %s" % (n, desc))
            print("#   after step %d: trygg -C WS %s" % (len(log), " ".join(map(repr, log[-1]))))
            for line in str(e).splitlines():
                print("#   " + line)
            print("#   earlier steps:")
            for a in log[:-1]:
                print("#     " + " ".join(map(repr, a)))
            print("#   seed %d; the file is kept: %s" % (SEED, plan.path))
            continue
        print("ok %d - %s" % (n, desc))
        shutil.rmtree(ws)
    print("1..%d" % len(runs))
    if not failed:
        shutil.rmtree(top)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
