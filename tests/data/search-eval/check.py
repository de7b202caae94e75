#!/usr/bin/env python3
"""Checks queries.tsv against records/ and prints counts per point.

Usage: python3 check.py [--forms]

Fails (exit 1) if a line does not have 4 tab-separated fields, an id repeats,
a point is unknown, a relevant list is empty, or a named record is missing.
--forms also prints, per query, how many relevant records contain every query
word literally (case-folded, whole word), to see that most do not.
"""
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
POINTS = ["inflection", "compound", "elliptic", "diacritics", "acronym",
          "chinese", "question", "exact"]


def main():
    show_forms = "--forms" in sys.argv[1:]
    records = sorted(f for f in os.listdir(os.path.join(HERE, "records"))
                     if f.endswith(".txt"))
    errors = []
    for name in records:
        if not re.fullmatch(r"\d\d-[a-z0-9-]+\.txt", name):
            errors.append(f"record name not NN-short-name.txt: {name}")
        with open(os.path.join(HERE, "records", name), encoding="utf-8") as f:
            words = len(f.read().split())
        if not 120 <= words <= 400:
            errors.append(f"{name}: {words} words, want 120-400")

    counts = collections.Counter()
    ids = set()
    judged = collections.Counter()
    with open(os.path.join(HERE, "queries.tsv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    if not lines or not lines[0].startswith("#"):
        errors.append("queries.tsv: first line must be a header comment")
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            errors.append(f"line {n}: {len(fields)} fields, want 4")
            continue
        qid, point, query, relevant = fields
        if qid in ids:
            errors.append(f"line {n}: duplicate id {qid}")
        ids.add(qid)
        if point not in POINTS:
            errors.append(f"line {n}: unknown point {point!r}")
        if not query.strip():
            errors.append(f"line {n}: empty query")
        rel = [r for r in relevant.split(",") if r]
        if not rel:
            errors.append(f"line {n}: no relevant records")
        for r in rel:
            if r not in records:
                errors.append(f"line {n}: {r} not in records/")
            judged[r] += 1
        counts[point] += 1
        if show_forms:
            words = [w.casefold() for w in re.findall(r"\w+", query)]
            literal = 0
            for r in rel:
                if r not in records:
                    continue
                with open(os.path.join(HERE, "records", r),
                          encoding="utf-8") as g:
                    text = set(re.findall(r"\w+", g.read().casefold()))
                literal += all(w in text for w in words)
            print(f"{qid:6} {literal}/{len(rel)} literal  {query}")

    print(f"records: {len(records)} "
          f"({sum(1 for r in records if judged[r])} relevant to some query)")
    for p in POINTS:
        print(f"  {p:11} {counts[p]}")
    print(f"queries: {sum(counts.values())}")
    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
