#!/usr/bin/env python3
"""Builds corpus/articles/* and corpus/gold.json from the hand-written
source in articles_src.py, and checks the gold for consistency.

The source holds each article once, as clean sentences with the noise written
in place (see MARKUP below). This script only composes: the raw file gets the
noisy side of every mark, the gold gets the clean side. Every expectation in
the gold (sentence boundaries, what is removed and why, duplicates, entities)
is written by hand in the source; nothing here is computed by warta.

    python3 corpus/tools/build_corpus.py      # rewrite articles/ and gold.json

MARKUP inside a sentence string:
    {raw~clean}   raw text in the file, clean text in the gold
    {.}           a spurious full stop: "." in the file, nothing in the gold
    {di+sambut}   a split passive prefix: "di sambut" in the file, "disambut" in the gold
    {ZW}          a zero-width space in the file, nothing in the gold
    {NB}          a no-break space in the file, a plain space in the gold
    {M:text}      text mis-decoded as Windows-1252 in the file (mojibake), text in the gold
Sentences of one paragraph are separated by " || ".
"""
import copy
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
sys.dont_write_bytecode = True  # keep corpus/tools free of __pycache__
sys.path.insert(0, HERE)

import articles_src as src  # noqa: E402

MARK = re.compile(r"\{([^{}]*)\}")


def mojibake(text):
    """UTF-8 bytes read as Windows-1252; the five bytes cp1252 leaves
    undefined come through as C1 controls, as they do in real scrapes."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def mark_kind(body):
    if body == ".":
        return "spurious_stop"
    if body == "ZW":
        return "zero_width"
    if body == "NB":
        return "nbsp"
    if body.startswith("M:"):
        return "mojibake"
    if "+" in body and "~" not in body:
        return "split_prefix"
    r = body.split("~", 1)[0]
    return "html_entity" if "&" in r else "other_repair"


def render(s, repairs=None):
    """(raw, clean) of one marked-up string. When `repairs` is a list, one
    {kind, before, after} per mark is appended to it, with a word of context
    on each side so that the pair can be found in the raw and clean text."""
    raw, clean, pos = [], [], 0
    spans = []
    for m in MARK.finditer(s):
        raw.append(s[pos:m.start()])
        clean.append(s[pos:m.start()])
        body = m.group(1)
        if body == ".":
            r, c = ".", ""
        elif body == "ZW":
            r, c = "\u200b", ""
        elif body == "NB":
            r, c = "\u00a0", " "
        elif body.startswith("M:"):
            c = body[2:]
            r = mojibake(c)
        elif "~" in body:
            r, c = body.split("~", 1)
        elif "+" in body:
            a, b = body.split("+", 1)
            r, c = a + " " + b, a + b
        else:
            raise ValueError("unknown mark {%s} in %r" % (body, s))
        rs, cs = sum(map(len, raw)), sum(map(len, clean))
        raw.append(r)
        clean.append(c)
        spans.append((mark_kind(body), rs, rs + len(r), cs, cs + len(c)))
        pos = m.end()
    raw.append(s[pos:])
    clean.append(s[pos:])
    raw, clean = "".join(raw), "".join(clean)
    if repairs is not None:
        for kind, rs, re_, cs, ce in spans:
            repairs.append({"kind": kind,
                            "before": context(raw, rs, re_),
                            "after": context(clean, cs, ce)})
    return raw, clean


def context(text, start, end):
    """text[start:end] widened by one word on each side (spaces of every kind
    count as separators, as in the raw text)."""
    sep = " \u00a0"
    i = start
    while i > 0 and text[i - 1] in sep:
        i -= 1
    while i > 0 and text[i - 1] not in sep:
        i -= 1
    j = end
    while j < len(text) and text[j] in sep:
        j += 1
    while j < len(text) and text[j] not in sep:
        j += 1
    return text[i:j]


BOILERPLATE = {
    "baca_juga", "advertisement", "scroll_to_continue", "editor", "read_more",
    "simak_juga", "embed", "author",
}


def build_article(a):
    """Returns (raw title, raw body lines, gold record)."""
    repairs = []
    title_raw, title = render(a["title"], repairs)
    raw_lines, paras, sentences, removed, noise = [], [], [], [], set()
    frag = a.get("fragment")
    first = True
    para_clean = {}
    for idx, item in enumerate(a["body"]):
        if isinstance(item, tuple):
            kind, arg = item
            if kind in BOILERPLATE:
                raw_lines.append(arg)
                removed.append({"text": arg, "reason": "boilerplate:" + kind})
                noise.add("boilerplate:" + kind)
            elif kind == "title":
                raw_lines.append(arg)
                removed.append({"text": arg, "reason": "repeated_title"})
                noise.add("repeated_title")
            elif kind == "repeat":
                raw_lines.append(para_clean[arg][0])
                removed.append({"text": para_clean[arg][1], "reason": "repeated_sentence"})
                noise.add("repeated_sentence")
            else:
                raise ValueError(kind)
            continue
        parts = item.split(" || ")
        inject = False
        if parts[-1].endswith("{FRAG}"):
            parts[-1] = parts[-1][: -len("{FRAG}")].rstrip()
            inject = True
        rs, cs = zip(*(render(p, repairs) for p in parts))
        raw = " ".join(rs)
        clean = " ".join(cs)
        if inject:
            raw = raw + " " + frag
            removed.append({"text": frag, "reason": "repeated_fragment"})
            noise.add("repeated_fragment")
        if first and a.get("dateline"):
            raw = a["dateline"] + a.get("dateline_join", " ") + raw
            noise.add("dateline")
        first = False
        para_clean[idx] = (raw, clean)
        raw_lines.append(raw)
        paras.append(clean)
        sentences.extend(cs)
    noise.update(r["kind"] for r in repairs)
    if re.search("[\u2018\u2019\u201c\u201d\u2013\u2014]", title + "".join(paras)):
        noise.add("curly_quotes_dashes")
    text = "\n".join(paras)
    gold = {
        "source": None,
        "format": a["fmt"],
        "lang": a["lang"],
        "title": title,
        "dateline": a.get("dateline"),
        "text": text,
        "sentences": sentences,
        "removed": removed,
        "repairs": repairs,
        "duplicate_of": None,
        "duplicate_kind": None,
        "entities": [{"text": t, "label": l} for t, l in a["entities"]],
        "noise": sorted(noise | set(a.get("extra_noise", ()))),
    }
    return title_raw, raw_lines, gold


def shingles(text, n=5):
    w = re.findall(r"\w+", text.lower())
    return {tuple(w[i:i + n]) for i in range(max(0, len(w) - n + 1))}


def jaccard(a, b):
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / max(1, len(sa | sb))


def check(gold_articles):
    ok = True
    for aid, g in gold_articles.items():
        text = g["text"]
        pos = 0
        for s in g["sentences"]:
            if s != s.strip() or not s:
                print("bad sentence whitespace", aid, repr(s)); ok = False
            j = text.find(s, pos)
            if j < 0 or text[pos:j].strip():
                print("sentence not in order", aid, repr(s)); ok = False
            else:
                pos = j + len(s)
        if text[pos:].strip():
            print("text left after sentences", aid); ok = False
        for e in g["entities"]:
            if e["label"] not in ("PER", "ORG", "LOC"):
                print("bad label", aid, e); ok = False
            if e["text"] not in text:
                print("entity not in text", aid, e); ok = False
        if re.search("[\u200b\u00a0\u0080-\u009f]|&amp;|&#|â€|Ã", g["title"] + text):
            print("noise left in clean text", aid); ok = False
    return ok


def main():
    arts = src.ARTICLES
    built = {}
    for a in arts:
        built[a["id"]] = build_article(a)
    # Derived articles (copies, re-crawls, rewrites) are declared in the source
    # as transformations of a base article.
    for d in src.DERIVED:
        base = next(x for x in arts if x["id"] == d["base"])
        a = copy.deepcopy(base)
        a.update({k: v for k, v in d.items() if k not in ("base", "edit", "raw_transform", "kind")})
        if "edit" in d:
            d["edit"](a)
        t, lines, g = build_article(a)
        if "raw_transform" in d:
            t, lines = d["raw_transform"](t, lines)
        g["noise"] = sorted(set(g["noise"]) | {"duplicate:" + d["kind"]})
        arts.append(a)
        built[a["id"]] = (t, lines, g)

    out_dir = os.path.join(CORPUS, "articles")
    os.makedirs(out_dir, exist_ok=True)
    for f in os.listdir(out_dir):
        os.remove(os.path.join(out_dir, f))

    # Group into files.
    files = {}
    for a in arts:
        name = a["id"] + ".txt" if a["fmt"] == "txt" else a["file"]
        files.setdefault(name, []).append(a)
    for name, extra in src.BROKEN.items():
        files.setdefault(name, [])

    # Input order: files in byte order of their path, records in file order.
    gold_articles, rejects = {}, []
    for name in sorted(files, key=lambda n: n.encode()):
        path = os.path.join(out_dir, name)
        rel = "articles/" + name
        if name.endswith(".txt"):
            (a,) = files[name]
            t, lines, g = built[a["id"]]
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(t + "\n" + "\n".join(lines) + "\n")
            g["source"] = {"file": rel, "record": 0}
            gold_articles[a["id"]] = g
            continue
        entries = [("article", a) for a in files[name]]
        for pos, line, reason, rid in src.BROKEN.get(name, []):
            entries.insert(pos, ("broken", (line, reason, rid)))
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            for recno, (kind, x) in enumerate(entries):
                if kind == "broken":
                    line, reason, rid = x
                    fh.write(line + "\n")
                    rej = {"source": {"file": rel, "record": recno}, "line": recno + 1, "reason": reason}
                    if rid:
                        rej["id"] = rid
                    rejects.append(rej)
                    continue
                a = x
                t, lines, g = built[a["id"]]
                rec = {"id": a["id"], "title": t, "text": "\n".join(lines)}
                if a.get("url"):
                    rec["url"] = a["url"]
                if a.get("date"):
                    rec["date"] = a["date"]
                if not a.get("omit_lang"):
                    rec["lang"] = a["lang"]
                for k, v in a.get("extra_fields", {}).items():
                    rec[k] = v
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                g["source"] = {"file": rel, "record": recno}
                gold_articles[a["id"]] = g

    # Duplicates: hand-declared in the source; the earlier article in input
    # order is the one kept.
    order = list(gold_articles)
    pairs = {}
    for d in src.DERIVED:
        a, b = d["base"], d["id"]
        keep, dup = (a, b) if order.index(a) < order.index(b) else (b, a)
        gold_articles[dup]["duplicate_of"] = keep
        gold_articles[dup]["duplicate_kind"] = d["kind"]
        sim = jaccard(gold_articles[keep]["text"], gold_articles[dup]["text"])
        pairs[(keep, dup)] = (d["kind"], sim)
        if d["kind"] == "exact":
            assert gold_articles[keep]["text"] == gold_articles[dup]["text"], dup
        else:
            assert gold_articles[keep]["text"] != gold_articles[dup]["text"], dup
            assert sim >= 0.7, (dup, sim)

    ok = check(gold_articles)
    # No other pair may look like a duplicate.
    ids = list(gold_articles)
    worst = []
    for i, x in enumerate(ids):
        for y in ids[i + 1:]:
            if (x, y) in pairs or (y, x) in pairs:
                continue
            s = jaccard(gold_articles[x]["text"], gold_articles[y]["text"])
            worst.append((s, x, y))
            if s >= 0.3:
                print("unexpectedly similar", x, y, round(s, 3)); ok = False
    worst.sort(reverse=True)

    gold = {
        "format": "warta-gold/1",
        "about": "Expected results for corpus/articles, written by hand. See corpus/README.md.",
        "order": "input files in byte order of their path under corpus/, records in file order",
        "articles": gold_articles,
        "duplicate_pairs": [
            {"kept": k, "duplicate": d, "kind": kind, "jaccard_word5": round(s, 3)}
            for (k, d), (kind, s) in pairs.items()
        ],
        "distinct_pairs": [
            {"a": x, "b": y, "why": why,
             "jaccard_word5": round(jaccard(gold_articles[x]["text"], gold_articles[y]["text"]), 3)}
            for x, y, why in src.DISTINCT
        ],
        "rejects": rejects,
    }
    with open(os.path.join(CORPUS, "gold.json"), "w", encoding="utf-8", newline="\n") as fh:
        json.dump(gold, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    langs = {}
    for g in gold_articles.values():
        langs[g["lang"]] = langs.get(g["lang"], 0) + 1
    print(len(gold_articles), "articles", langs, len(rejects), "rejects")
    print("closest non-duplicate pairs:", [(round(s, 3), x, y) for s, x, y in worst[:4]])
    for (k, d), (kind, s) in pairs.items():
        print("dup", kind, k, "<-", d, round(s, 3))
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
