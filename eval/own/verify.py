# Checks a labelled split of eval/own: every quote and answer fact is in its document, ids unique,
# one or two facts a question; questions that copy six consecutive syllables of their document are noted.
# Usage: python3 eval/own/verify.py eval/own/heldout   (prints BAD 0 when the labels hold)
import json, os, re, sys, collections, unicodedata
FIELD = "plan"  # name of the field that points at a document
base = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
docs = {f: open(os.path.join(base, "docs", f), encoding="utf-8").read() for f in os.listdir(os.path.join(base, "docs")) if f.endswith(".md")}
def key(f): return f if FIELD == "doc" else f[:-3]   # "plan" = file name without .md
def words(s): return re.findall(r"\w+", s.lower())
bodies = {}
bad = 0
for f, t in docs.items():
    first = t.split("\n", 1)[0]
    assert first.startswith("# source: http"), f
    if unicodedata.normalize("NFC", t) != t: print("NOT NFC:", f)
    bodies[key(f)] = t.split("\n", 1)[1]
qs = [json.loads(l) for l in open(os.path.join(base, "questions.jsonl"), encoding="utf-8")]
kinds = collections.Counter(q["kind"] for q in qs)
ids = set()
for q in qs:
    assert set(q) == {"id", FIELD, "question", "answer_facts", "kind"}, q
    assert q["id"] not in ids, q["id"]; ids.add(q["id"])
    assert q["kind"] in {"deadline", "responsible", "recipient", "recurrence", "content", "unanswerable"}
    assert q[FIELD] is None or q[FIELD] in bodies, q
    if q[FIELD] is not None:
        # a paraphrase, not a copy: six consecutive syllables of the document are noted (a unit's or
        # a programme's name can be that long, so it is not counted as bad)
        bw = " " + " ".join(words(bodies[q[FIELD]])) + " "
        qw = words(q["question"])
        for i in range(len(qw) - 5):
            if " " + " ".join(qw[i:i+6]) + " " in bw: print("note: copies 6 syllables", q["id"], " ".join(qw[i:i+6])); break
    if q["kind"] == "unanswerable":
        assert q["answer_facts"] == []; continue
    assert 1 <= len(q["answer_facts"]) <= 2, q["id"]
    body = bodies[q[FIELD]]
    for fact in q["answer_facts"]:
        if "\n" in fact: print("FACT WITH LINE BREAK", q["id"], repr(fact)); bad += 1
        if fact not in body:
            print("MISSING FACT", q["id"], repr(fact)); bad += 1
obs = [json.loads(l) for l in open(os.path.join(base, "obligations.jsonl"), encoding="utf-8")]
for i, o in enumerate(obs):
    assert set(o) == {FIELD, "responsible", "task", "recipient", "recurrence", "due", "quote"}, o
    body = bodies[o[FIELD]]
    if o["quote"] not in body: print("MISSING QUOTE", i, o["quote"][:60]); bad += 1
    if o["due"] is not None:
        d, m = o["due"].split("/"); assert len(d) == 2 and len(m) == 2 and 1 <= int(d) <= 31 and 1 <= int(m) <= 12, o["due"]
        dd, mm = int(d), int(m)
        # the day and month must be visible in the quote: d/m (with or without leading zeros),
        # 'ngày d (..) tháng m', or 'ngày d tháng m' possibly broken across lines or wrapped in ** markers
        sep = r"[\s*]+"
        pats = [rf"\b0?{dd}/0?{mm}\b", rf"ngày{sep}0?{dd}{sep}(\([^)]*\){sep})?tháng{sep}0?{mm}\b",
                rf"đến{sep}ngày{sep}0?{dd}{sep}tháng{sep}0?{mm}\b"]
        if not any(re.search(p, o["quote"]) for p in pats):
            if not any(re.search(p, body) for p in pats): print("DUE NOT IN DOC", i, o["due"]); bad += 1
            else: print("note: due", o["due"], "not inside quote for obligation", i)
english = sum(1 for q in qs if q["question"].split()[0] in {"What", "When", "Who", "By", "Deadline", "In", "How", "Which", "Where"})
plans = sorted(bodies)
print("docs", len(docs), "questions", len(qs), dict(kinds), "obligations", len(obs))
print("per-doc questions", [sum(q[FIELD] == p for q in qs) for p in plans])
print("per-doc obligations", [sum(o[FIELD] == p for o in obs) for p in plans])
print("unanswerable", kinds["unanswerable"], "english", english)
print("BAD", bad)
