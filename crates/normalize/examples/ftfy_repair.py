"""ftfy's own repair rate on the code-corrupted texts used by `eval` section 1,
for comparison (ftfy is the reference for what is fixable). Needs ftfy.

    python ftfy_repair.py /path/to/shared/data

Clean texts: the raw id-rss, indosum-dev, bbc bodies and the golden-rules
texts, each first passed through ftfy.fix_text so that only the corruption
separates input from expected output. A text counts as restored when
ftfy.fix_text(corrupted) == ftfy.fix_text(clean)."""
import glob
import gzip
import json
import sys

import ftfy

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
texts = []
for name in ["id-rss-2025-06", "indosum-dev", "bbc-news-2005"]:
    with gzip.open(f"{data}/news/{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f]
for path in sorted(glob.glob(f"{data}/sbd/golden-rules-*.jsonl")):
    with open(path, encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f]

CP1252 = {}
for b in range(0x80, 0xA0):
    try:
        CP1252[b] = bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        CP1252[b] = chr(b)  # undefined in 1252: kept as the C1 control, as Latin-1 does


def as_cp1252(s):
    return "".join(CP1252.get(b, chr(b)) for b in s.encode("utf-8"))


def as_latin1(s):
    return s.encode("utf-8").decode("latin-1")


kinds = {
    "utf8_as_cp1252": as_cp1252,
    "utf8_as_latin1": as_latin1,
    "utf8_as_cp1252_twice": lambda s: as_cp1252(as_cp1252(s)),
}
clean = [ftfy.fix_text(t) for t in texts]
for name, corrupt in kinds.items():
    n = ok = 0
    for c in clean:
        bad = corrupt(c)
        if bad == c:
            continue
        n += 1
        ok += ftfy.fix_text(bad) == c
    print(f"ftfy {ftfy.__version__} {name:<22} {ok}/{n} restored ({100 * ok / max(n, 1):.2f}%)")
changed = sum(ftfy.fix_text(c) != c for c in clean)
print(f"ftfy changes {changed} of {len(clean)} of its own outputs on a second pass")
