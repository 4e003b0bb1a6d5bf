#!/usr/bin/env python3
"""Boundary F1 of pySBD and spaCy's sentencizer on the files warta-segment's
eval uses, scored the same way (a boundary = the end offset, in characters,
of every sentence but a document's last), plus their speed on IndoSum text.

    python3 -m venv /tmp/sbdvenv && /tmp/sbdvenv/bin/pip install pysbd spacy
    /tmp/sbdvenv/bin/python crates/segment/scripts/baselines.py ../shared/data

Optional: not needed by any test; figures go into the report beside ours.
"""
import gzip
import json
import sys
import time
from pathlib import Path


def load(path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            spans = []
            for s in d["sentences"]:
                spans.append((s[0], s[1]) if isinstance(s, list) else (s["start"], s["end"]))
            yield d.get("lang", "id"), d["text"], spans


def boundaries(spans):
    ends = sorted(e for _, e in spans)
    return set(ends[:-1])


def locate(text, sentences):
    """Character spans of segmenter output strings, found in order."""
    spans, at = [], 0
    for s in sentences:
        s = s.strip()
        if not s:
            continue
        i = text.find(s, at)
        if i < 0:
            continue
        spans.append((i, i + len(s)))
        at = i + len(s)
    return spans


def score(docs, split):
    tp = fp = fn = 0
    for lang, text, gold in docs:
        pred = locate(text, split(text, lang))
        g, p = boundaries(gold), boundaries(pred)
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    data = Path(sys.argv[1])
    import pysbd
    import spacy

    seg = {lang: pysbd.Segmenter(language=lang, clean=False) for lang in ("en",)}
    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10**9

    def run_pysbd(text, lang):
        # pySBD has no Indonesian; its English rules are the usual stand-in.
        return seg["en"].segment(text)

    def run_spacy(text, lang):
        return [s.text for s in nlp(text).sents]

    sets = [
        ("UD id GSD dev", "sbd/ud-id-gsd-dev.jsonl"),
        ("UD id CSUI train", "sbd/ud-id-csui-train.jsonl"),
        ("UD en EWT dev", "sbd/ud-en-ewt-dev.jsonl"),
        ("UD en GUM dev", "sbd/ud-en-gum-dev.jsonl"),
        ("IndoSum dev", "news/indosum-dev.jsonl.gz"),
    ]
    print(f"{'set':<20} {'pySBD P/R/F1':>24} {'spaCy sentencizer P/R/F1':>28}")
    for name, rel in sets:
        docs = list(load(data / rel))
        a = score(docs, run_pysbd)
        b = score(docs, run_spacy)
        print(f"{name:<20} {a[0]:.4f}/{a[1]:.4f}/{a[2]:.4f}   {b[0]:.4f}/{b[1]:.4f}/{b[2]:.4f}")

    docs = list(load(data / "news/indosum-dev.jsonl.gz"))[:600]
    mb = sum(len(t.encode()) for _, t, _ in docs) / 1e6
    for label, fn in (("pySBD", run_pysbd), ("spaCy sentencizer", run_spacy)):
        t = time.process_time()
        for lang, text, _ in docs:
            fn(text, lang)
        print(f"{label}: {mb / (time.process_time() - t):.2f} MB/s (CPU time, {mb:.1f} MB of IndoSum)")


if __name__ == "__main__":
    main()
