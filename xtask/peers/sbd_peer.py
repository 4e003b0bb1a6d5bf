"""Scores a Python sentence segmenter on warta's sentence-boundary gold sets,
with the same definitions as warta's own evaluation, and prints one JSON
object on stdout.

Called by `cargo xtask eval sbd-peers` (xtask/src/eval.rs):

    python sbd_peer.py PEER --set NAME=PATH [--set NAME=PATH ...]

PEER is `pysbd` or `spacy-sentencizer`. A set is either a document file
(UD JSONL or IndoSum, gold sentence spans in character offsets) or a case
file (pySBD's golden rules: `text` and the `expected` sentences).

Documents: a boundary is the end of every sentence but a document's last,
in character offsets, after trailing whitespace is trimmed; precision,
recall and F1 of the predicted boundaries against the gold ones.
Cases (only those whose expected sentences occur in the text in order,
`aligned`): a case passes when the predicted sentences, trimmed, are the
expected ones, trimmed, with empty ones dropped.
"""

import argparse
import gzip
import importlib.metadata
import json
import sys
import time


def read_jsonl(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield json.loads(line)


def gold_spans(record):
    """Gold sentence spans (start, end) in characters: UD's list of objects,
    or IndoSum's JSON string of pairs."""
    sentences = record.get("sentences")
    if isinstance(sentences, str):
        sentences = json.loads(sentences)
    spans = []
    for s in sentences or []:
        if isinstance(s, dict):
            spans.append((s["start"], s["end"]))
        else:
            spans.append((s[0], s[1]))
    return spans


def trimmed_end(text, start, end):
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def boundaries(text, spans):
    ends = sorted({trimmed_end(text, s, e) for s, e in spans if trimmed_end(text, s, e) > s})
    return ends[:-1]


class Pysbd:
    name = "pysbd"

    def __init__(self):
        import pysbd

        self.version = importlib.metadata.version("pysbd")
        self.segmenters = {}
        self.pysbd = pysbd

    def spans(self, text, lang):
        # pySBD has no Indonesian rules; its English rules are the closest
        # (Latin script, the same abbreviation-with-full-stop conventions).
        code = lang if lang in ("en",) else "en"
        seg = self.segmenters.get(code)
        if seg is None:
            seg = self.pysbd.Segmenter(language=code, clean=False, char_span=True)
            self.segmenters[code] = seg
        return [(s.start, s.end) for s in seg.segment(text)]


class SpacySentencizer:
    name = "spacy-sentencizer"

    def __init__(self):
        import spacy

        self.version = importlib.metadata.version("spacy")
        self.spacy = spacy
        self.pipes = {}

    def spans(self, text, lang):
        nlp = self.pipes.get(lang)
        if nlp is None:
            try:
                nlp = self.spacy.blank(lang)
            except Exception:
                nlp = self.spacy.blank("xx")
            nlp.add_pipe("sentencizer")
            nlp.max_length = max(nlp.max_length, 10_000_000)
            self.pipes[lang] = nlp
        return [(s.start_char, s.end_char) for s in nlp(text).sents]


def score_documents(peer, path):
    tp = fp = fn = docs = 0
    text_bytes = 0
    started = time.perf_counter()
    for record in read_jsonl(path):
        text = record.get("text")
        if not isinstance(text, str):
            continue
        lang = record.get("lang") or "en"
        gold = set(boundaries(text, gold_spans(record)))
        pred = set(boundaries(text, peer.spans(text, lang)))
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        docs += 1
        text_bytes += len(text.encode("utf-8"))
    seconds = time.perf_counter() - started
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"docs": docs, "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f1,
            "text_bytes": text_bytes, "seconds": seconds}


def score_cases(peer, path):
    passed = cases = 0
    for record in read_jsonl(path):
        if not record.get("aligned"):
            continue
        text = record["text"]
        expected = [s.strip() for s in record.get("expected", []) if s.strip()]
        got = [text[s:e].strip() for s, e in peer.spans(text, record.get("lang") or "en")]
        got = [s for s in got if s]
        cases += 1
        passed += got == expected
    return {"cases": cases, "passed": passed}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("peer", choices=["pysbd", "spacy-sentencizer"])
    parser.add_argument("--set", action="append", default=[], help="NAME=PATH")
    args = parser.parse_args()
    peer = Pysbd() if args.peer == "pysbd" else SpacySentencizer()
    results = {}
    for item in args.set:
        name, path = item.split("=", 1)
        first = next(read_jsonl(path), {})
        if "expected" in first:
            results[name] = score_cases(peer, path)
        else:
            results[name] = score_documents(peer, path)
        print(f"{peer.name}: {name} done", file=sys.stderr)
    print(json.dumps({"peer": peer.name, "version": peer.version, "python": sys.version.split()[0], "sets": results}))


if __name__ == "__main__":
    main()
