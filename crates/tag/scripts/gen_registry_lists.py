#!/usr/bin/env python3
"""Generates data/registry.tsv: person-name and company-name lists used as
gazetteer features by warta-tag (classes `surname`, `firstname`, `company`).

Sources (facts only: names), both from PyPI:
  * names 0.3.0 (MIT): the US Census Bureau's 1990 frequency lists of
    surnames (dist.all.last) and male and female first names
    (dist.male.first, dist.female.first); the census data are public domain.
  * pytickersymbols 1.17.10 (MIT): names of the companies in 20 stock
    indices (S&P 500/600/100, NASDAQ 100, DOW JONES, FTSE 100, DAX, CAC 40,
    NIKKEI 225, ...). Legal forms ("Inc.", "Corp.", "plc", "AG", ", Inc.")
    are stripped, so the entry matches how news text names the company;
    a trailing "Group", "Holdings", "Company" also gives the shorter form.

A list entry that is also a common word would fire on ordinary text, so a
one-word entry is dropped when the word is written in lower case in more
than half of its mid-sentence occurrences in unlabelled text (the same
capitalisation rate the tagger learns: the news of shared/data/news and the
words, not labels, of the NER train splits), once seen at least 3 times.
All 88,799 census surnames are read: the 20,000 most frequent as `surname`,
the rest as `raresurname`, which only the English weights read (as
`surname`; session 7: all of them gained English held-out F1 +0.40 but cost
the Indonesian sets).

Run (from the repository root, with shared/ beside it):
      python3 -m venv /tmp/g && /tmp/g/bin/pip install names==0.3.0 pytickersymbols==1.17.10
      /tmp/g/bin/python crates/tag/scripts/gen_registry_lists.py ../shared/data > crates/tag/data/registry.tsv
"""
import gzip
import json
import os
import re
import sys
from collections import Counter

import names
from pytickersymbols import PyTickerSymbols

SURNAME_RARE_RANK = 20_000
MIN_SEEN = 3
WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’.&-])*")

data_dir = sys.argv[1]


def texts():
    news = os.path.join(data_dir, "news")
    for f in sorted(os.listdir(news)):
        if f.endswith(".jsonl.gz"):
            with gzip.open(os.path.join(news, f), "rt", encoding="utf-8") as fh:
                for line in fh:
                    d = json.loads(line)
                    for part in (d.get("title") or "", d.get("text") or ""):
                        for sent in re.split(r"(?<=[.!?])\s+|\n+", part):
                            yield sent.split()
    ner = os.path.join(data_dir, "ner")
    for f in sorted(os.listdir(ner)):
        if f.endswith("-train.jsonl"):
            with open(os.path.join(ner, f), encoding="utf-8") as fh:
                for line in fh:
                    yield json.loads(line)["tokens"]


# Mid-sentence occurrences of each lower-case word, and how many of them are
# capitalised (the sentence's first word says nothing).
seen, capitalised = Counter(), Counter()
for toks in texts():
    for tok in toks[1:]:
        m = WORD.fullmatch(tok.strip("\"'()[],;:!?“”‘’"))
        if not m:
            continue
        w = m.group(0)
        low = w.lower()
        seen[low] += 1
        if w[0].isupper():
            capitalised[low] += 1


def common_word(word):
    low = word.lower()
    n = seen[low]
    return n >= MIN_SEEN and capitalised[low] * 2 < n


def clean(name):
    name = " ".join(name.replace("\t", " ").split())
    return name if 2 <= len(name) <= 60 else None


rows = set()
dropped = Counter()
pkg_dir = os.path.dirname(names.__file__)
for cls, files in (("surname", ["dist.all.last"]),
                   ("firstname", ["dist.male.first", "dist.female.first"])):
    for f in files:
        with open(os.path.join(pkg_dir, f), encoding="ascii") as fh:
            for rank, line in enumerate(fh, 1):
                name = line.split()[0].capitalize()
                list_class = "raresurname" if cls == "surname" and rank > SURNAME_RARE_RANK else cls
                if len(name) < 3:
                    dropped[cls + " short"] += 1
                elif common_word(name):
                    dropped[cls + " common word"] += 1
                else:
                    rows.add((list_class, name))

LEGAL_FORM = re.compile(
    r"(?:,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Ltd\.?|Limited|"
    r"L\.?P\.?|LLC|plc|PLC|AG|SE|SA|S\.A\.|N\.V\.|NV|S\.p\.A\.|SpA|ASA|AB|Oyj|"
    r"A/S|K\.K\.|KGaA|& Co\.? KGaA|& Co\.?|Co\.,? Ltd\.?|Holdings? Inc\.?))+$")
SHORTER = re.compile(r"\s+(?:Group|Holdings?|Company|Companies|International)$")
for stock in PyTickerSymbols().get_all_stocks():
    name = clean(stock.get("name") or "")
    if not name:
        continue
    name = re.sub(r"^The\s+", "", name)
    forms = {LEGAL_FORM.sub("", name).strip(" ,")}
    forms |= {SHORTER.sub("", f) for f in forms}
    for f in forms:
        f = clean(f)
        if not f or not re.fullmatch(r"[\w .&'’+-]+", f) or not re.search(r"[^\W\d_]", f):
            dropped["company odd form"] += 1
        elif " " not in f and (len(f) < 3 or common_word(f)):
            dropped["company short or common word"] += 1
        else:
            rows.add(("company", f))

print("# generated by scripts/gen_registry_lists.py from names %s (US Census 1990, public domain)"
      " and pytickersymbols %s (MIT); surnames ranked > %d are raresurname; dropped: %s"
      % (getattr(names, "__version__", "0.3.0"),
         getattr(sys.modules["pytickersymbols"], "__version__", "1.17.10"),
         SURNAME_RARE_RANK, ", ".join(f"{k} {v}" for k, v in sorted(dropped.items()))))
for cls, name in sorted(rows):
    print(f"{cls}\t{name}")
