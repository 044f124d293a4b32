#!/usr/bin/env python3
"""A logistic-regression scorer over (organisation, facility) pairs, measured against the rules.

Each corpus row gives one pair per listed organisation it names (owners and known tenants of its
facility excepted) and per organisation the detector relates; a pair is positive when the row
labels the organisation a tenant stated as a fact or a plan. Features are the words around the
organisation and between it and the facility's mention, the organisation's kind, and, in the
`rules` variant, the detector's reading of the pair (role, modality, alert) as dumped by
`build/bench/bench_tenancy_relations`.

The seven historical test parts are recovered from the commits that added them (each was the
whole `test` split when committed). Leave-one-part-out: train on every development row outside
the part, score the part; pooled and per-part precision and recall are printed beside the rules'
once-scored blind figures.

With `--hybrid REPORT` it measures, on the current test part only, the rules combined with the
scorer: REPORT is `build/bench/bench_tenancy test` as printed when the part was scored once, from
which the rules' alerts on each row are read back (a row it does not list as an error alerted on
exactly its labelled tenants). The words-only scorer is trained on the whole development part,
which holds no row of the test part, so both readings are blind to it; an alert is the rules'
or the scorer's at a probability of at least 0.9, the threshold fixed before the measurement (other
thresholds are printed beside it).

Usage: scripts/tenancy_pair_scorer.py [--relations FILE] [--hybrid REPORT]   (standard library only)
"""
import argparse
import math
import random
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "tenancy"

# The commit that added each historical test part, in order, and the rules' figures when that
# part was scored once (true positives, false positives, false negatives).
PARTS = [
    ("c3372e3", (83, 4, 17)),
    ("cef1fe7", (48, 1, 6)),
    ("76dd7f9", (57, 5, 12)),
    ("e9e186c", (67, 8, 33)),
    ("4bb93e1", (74, 7, 18)),
    ("8c88f77", (59, 3, 22)),
    ("1cc3e90", (53, 7, 23)),
]

HEDGE = {"could", "may", "might", "would", "talks", "considers", "weighs", "mulls", "eyes", "explores",
         "negotiating", "discussions", "potential", "reportedly", "unlikely", "?"}
DENIAL = {"denies", "denied", "not", "won't", "never", "collapse", "collapses", "ends", "scraps", "off"}


def read_tsv(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines]


def organisations():
    """Canonical name, aliases and kind of every shipped organisation, read from its source."""
    text = (ROOT / "watchers" / "triggers" / "organisations.cpp").read_text(encoding="utf-8")
    orgs = []
    for kind, name, extra in re.findall(r'\b(org|supplier|provider|host)\("([^"]+)"(?:,\s*\{([^}]*)\})?', text):
        aliases = [name] + re.findall(r'"([^"]+)"', extra or "")
        orgs.append((name, aliases, "buyer" if kind == "org" else kind))
    return orgs


def tokens(text):
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9.\-']*|[?$:;,]", text.replace("\u2019", "'"))


def find_all(words, phrase):
    n = len(phrase)
    return [i for i in range(len(words) - n + 1) if words[i:i + n] == phrase]


def mention_spans(words, aliases):
    spans = []
    for alias in aliases:
        parts = tokens(alias)
        for i in find_all(words, parts) + find_all(words, [p.upper() for p in parts]):
            spans.append((i, i + len(parts)))
    return spans


def historical_parts():
    """Headline -> part number (1..7) from the commits that added each test part."""
    part_of = {}
    for number, (commit, _) in enumerate(PARTS, start=1):
        text = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:tests/fixtures/tenancy/corpus.tsv"],
                              check=True, capture_output=True, text=True).stdout
        for line in text.splitlines()[1:]:
            fields = line.split("\t")
            if fields[0] == "test":
                part_of.setdefault(fields[7], number)
    return part_of


def pairs(rows, facilities, orgs, relations, use_rules):
    """Every (row, organisation) pair with its features and label."""
    out = []
    for line, row in rows:
        split, klass, facility, tenants, modality, role, origin, headline, publisher = (row + [""] * 9)[:9]
        subject, owners, known = facilities[facility]
        text = headline
        if publisher and text.endswith(" - " + publisher):
            text = text[: -len(" - " + publisher)]
        words = tokens(text)
        lower = [w.lower() for w in words]
        anchors = []
        for term in subject + owners:
            anchors += [(a, b) for a, b in mention_spans(words, [term])]
            anchors += [(i, i + len(tokens(term))) for i in find_all(lower, [t.lower() for t in tokens(term)])]
        expected = set() if tenants == "-" else set(tenants.split("|"))
        alert_expected = role == "tenant" and modality in ("fact", "plan")
        related = relations.get(line, {})
        names = {}
        for name, aliases, kind in orgs:
            if any(a in owners or a in known for a in aliases):
                continue
            spans = mention_spans(words, aliases)
            if spans or name in related:
                names[name] = (spans, kind)
        for name in related:
            if name not in names:
                names[name] = ([], "buyer")
        for name, (spans, kind) in names.items():
            f = {"bias": 1.0, "kind=" + kind: 1.0}
            if spans and anchors:
                o = spans[0]
                a = min(anchors, key=lambda s: abs(s[0] - o[0]))
                lo, hi = (o[1], a[0]) if o[0] < a[0] else (a[1], o[0])
                f["org_first" if o[0] < a[0] else "facility_first"] = 1.0
                for w in lower[lo:hi][:8]:
                    f["btw=" + w] = 1.0
                for w in lower[max(0, o[0] - 3):o[0]]:
                    f["pre=" + w] = 1.0
                for w in lower[o[1]:o[1] + 3]:
                    f["post=" + w] = 1.0
            elif not anchors:
                f["no_facility"] = 1.0
            f["hedge"] = 1.0 if HEDGE & set(lower) else 0.0
            f["denial"] = 1.0 if DENIAL & set(lower) else 0.0
            if use_rules and name in related:
                r_role, r_mod, r_alert = related[name]
                f["rule_role=" + r_role] = 1.0
                f["rule_modality=" + r_mod] = 1.0
                f["rule_alert"] = float(r_alert)
            label = 1 if alert_expected and name in expected else 0
            out.append((line, name, f, label))
        # A tenant the row names that no alias found still counts against recall.
        for name in expected - set(names):
            if alert_expected:
                out.append((line, name, None, 1))
    return out


def train(data, epochs=30, rate=0.1, l2=1e-4, seed=7):
    weights = {}
    items = [d for d in data if d[2] is not None]
    rnd = random.Random(seed)
    for epoch in range(epochs):
        rnd.shuffle(items)
        step = rate / (1 + epoch * 0.1)
        for _, _, f, y in items:
            z = sum(weights.get(k, 0.0) * v for k, v in f.items())
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            g = p - y
            for k, v in f.items():
                weights[k] = weights.get(k, 0.0) * (1 - step * l2) - step * g * v
    return weights


def predict(weights, f):
    if f is None:
        return 0.0
    z = sum(weights.get(k, 0.0) * v for k, v in f.items())
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def score(data, weights, threshold=0.5):
    tp = fp = fn = 0
    for _, _, f, y in data:
        hit = predict(weights, f) >= threshold
        tp += hit and y
        fp += hit and not y
        fn += (not hit) and y
    return tp, fp, fn


def pr(tp, fp, fn):
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def rules_from_report(report, corpus):
    """Line number -> organisations the rules alerted on, read back from a once-scored report."""
    found = {}
    for line in report.splitlines():
        m = re.match(r"- line (\d+) .*?— expected alerts: (.*?); found: (.*?);", line)
        if m:
            found[int(m.group(1))] = {x.strip() for x in m.group(3).split(",") if x.strip() != "-"}
    alerts = {}
    for i, row in enumerate(corpus, start=1):
        if i == 1 or row[0] != "test":
            continue
        if i in found:
            alerts[i] = found[i]
        else:
            expected = row[5] == "tenant" and row[4] in ("fact", "plan") and row[3] != "-"
            alerts[i] = set(row[3].split("|")) if expected else set()
    return alerts


def hybrid(report, corpus, facilities, orgs):
    """The rules, the words-only scorer and either of them on the test part."""
    rule_alerts = rules_from_report(report, corpus)
    relations = {i: {n: ("tenant", "fact", 1) for n in names} for i, names in rule_alerts.items()}
    dev = [(i, r) for i, r in enumerate(corpus, start=1) if i > 1 and r[0] == "dev"]
    test = [(i, r) for i, r in enumerate(corpus, start=1) if i > 1 and r[0] == "test"]
    weights = train(pairs(dev, facilities, orgs, {}, False))
    held = pairs(test, facilities, orgs, relations, False)
    print("| reading of the test part | precision | recall |")
    print("|---|---|---|")
    for label, threshold, use_rules in [("rules (once-scored)", None, True)] + \
            [(f"scorer at {t}", t, False) for t in (0.5, 0.7, 0.9)] + \
            [(f"rules or scorer at {t}", t, True) for t in (0.5, 0.7, 0.9, 0.95)]:
        tp = fp = fn = 0
        for line, name, f, y in held:
            hit = (use_rules and name in rule_alerts[line]) or \
                (threshold is not None and predict(weights, f) >= threshold)
            tp += hit and y
            fp += hit and not y
            fn += (not hit) and y
        p, r = pr(tp, fp, fn)
        print(f"| {label} | {p:.3f} ({tp} of {tp + fp}) | {r:.3f} ({tp} of {tp + fn}) |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--relations", default=None, help="output of bench_tenancy_relations (default: run it)")
    parser.add_argument("--hybrid", default=None, help="bench_tenancy's once-scored report on the test part")
    args = parser.parse_args()
    if args.hybrid:
        facilities = {}
        for row in read_tsv(FIXTURES / "facilities.tsv")[1:]:
            row = (row + [""] * 4)[:4]
            facilities[row[0]] = tuple([x for x in field.split("|") if x] for field in row[1:])
        hybrid(Path(args.hybrid).read_text(encoding="utf-8"), read_tsv(FIXTURES / "corpus.tsv"), facilities,
               organisations())
        return 0
    if args.relations:
        dump = Path(args.relations).read_text(encoding="utf-8")
    else:
        dump = subprocess.run([str(ROOT / "build" / "bench" / "bench_tenancy_relations")], check=True,
                              capture_output=True, text=True).stdout
    relations = {}
    for line in dump.splitlines():
        number, name, role, modality, alert = line.split("\t")
        relations.setdefault(int(number), {})[name] = (role, modality, int(alert))
    facilities = {}
    for row in read_tsv(FIXTURES / "facilities.tsv")[1:]:
        row = (row + [""] * 4)[:4]
        facilities[row[0]] = tuple([x for x in field.split("|") if x] for field in row[1:])
    corpus = read_tsv(FIXTURES / "corpus.tsv")
    rows = [(i, r) for i, r in enumerate(corpus, start=1) if i > 1 and r[0] == "dev"]
    part_of = historical_parts()
    row_part = {i: part_of.get(r[7], 0) for i, r in rows}
    orgs = organisations()
    # The current rules on each part: not blind (each part's errors shaped later rules).
    now = [0, 0, 0]
    for line, name, f, y in pairs(rows, facilities, orgs, relations, True):
        if row_part[line] == 0:
            continue
        hit = f is not None and f.get("rule_alert", 0.0) == 1.0
        now = [now[0] + (hit and y), now[1] + (hit and not y), now[2] + ((not hit) and y)]
    p, r = pr(*now)
    print(f"Current rules on the seven parts (not blind): {p:.3f} / {r:.3f} ({now[0]}, {now[1]}, {now[2]})")
    print()
    print("| variant | part | scorer P / R | rules when scored once P / R |")
    print("|---|---|---|---|")
    sweep = []
    for use_rules in (False, True):
        variant = "words + rules' reading" if use_rules else "words only"
        data = pairs(rows, facilities, orgs, relations, use_rules)
        total = [0, 0, 0]
        blind = [0, 0, 0]
        for number in range(1, len(PARTS) + 1):
            held = [d for d in data if row_part[d[0]] == number]
            weights = train([d for d in data if row_part[d[0]] != number])
            tp, fp, fn = score(held, weights)
            total = [total[0] + tp, total[1] + fp, total[2] + fn]
            btp, bfp, bfn = PARTS[number - 1][1]
            blind = [blind[0] + btp, blind[1] + bfp, blind[2] + bfn]
            p, r = pr(tp, fp, fn)
            bp, br = pr(btp, bfp, bfn)
            print(f"| {variant} | {number} | {p:.3f} / {r:.3f} ({tp}, {fp}, {fn}) | {bp:.3f} / {br:.3f} |")
        p, r = pr(*total)
        bp, br = pr(*blind)
        print(f"| {variant} | pooled | **{p:.3f} / {r:.3f}** ({total[0]}, {total[1]}, {total[2]}) | {bp:.3f} / {br:.3f} |")
        sweep.append((variant, data))
    # Pooled precision and recall of each variant at other thresholds of the held-out probability.
    print()
    for variant, data in sweep:
        cells = []
        for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
            total = [0, 0, 0]
            for number in range(1, len(PARTS) + 1):
                held = [d for d in data if row_part[d[0]] == number]
                weights = train([d for d in data if row_part[d[0]] != number])
                tp, fp, fn = score(held, weights, threshold)
                total = [total[0] + tp, total[1] + fp, total[2] + fn]
            p, r = pr(*total)
            cells.append(f"{threshold}: {p:.3f} / {r:.3f}")
        print(f"{variant}, pooled at thresholds: " + "; ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
