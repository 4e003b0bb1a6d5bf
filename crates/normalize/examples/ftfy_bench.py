"""Speed of ftfy.fix_text on the raw id-rss scrape, for comparison with
warta-normalize (run by `eval -- DATA --ftfy PYTHON`, or directly:
`python ftfy_bench.py /path/to/shared/data`). Needs `pip install ftfy`.

Measures MB/s of UTF-8 input on one core, median of 3 runs, with ftfy's
default configuration (which includes NFC normalisation), by wall clock and
by the process's CPU time (meaningful on a loaded machine)."""
import gzip
import json
import statistics
import sys
import time

import ftfy

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
with gzip.open(f"{data}/news/id-rss-2025-06.jsonl.gz", "rt", encoding="utf-8") as f:
    texts = [json.loads(line)["text"] for line in f]
size = sum(len(t.encode("utf-8")) for t in texts)
rates = []
cpu_rates = []
for _ in range(3):
    t0 = time.perf_counter()
    c0 = time.process_time()
    for t in texts:
        ftfy.fix_text(t)
    cpu_rates.append(size / (time.process_time() - c0) / 1e6)
    rates.append(size / (time.perf_counter() - t0) / 1e6)
print(
    f"ftfy {ftfy.__version__} fix_text, id-rss ({size / 1e6:.1f} MB): "
    f"{statistics.median(rates):.2f} MB/s wall, {statistics.median(cpu_rates):.2f} MB/s per CPU-second"
)
print(f"ftfy_mb_s {statistics.median(rates):.4f}")
print(f"ftfy_cpu_mb_s {statistics.median(cpu_rates):.4f}")
