"""datasketch side of warta-dedup's eval (examples/eval.rs drives it).

Input: JSONL of {"w": "normalised words"}, in stream order. Same shingles as
warta-dedup (word 5-grams; a text shorter than 5 words is one shingle).
Each document is queried against MinHashLSH(threshold) before insertion;
every candidate whose MinHash estimate reaches the threshold is a merge edge.
Prints JSON: edges, seconds (signatures + LSH), signature_seconds, peak RSS.
"""
import json
import resource
import sys
import time

from datasketch import MinHash, MinHashLSH


def main():
    path, threshold, num_perm = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    with open(path, encoding="utf-8") as f:
        docs = [json.loads(line)["w"] for line in f]
    start = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = start.ru_utime + start.ru_stime
    t0 = time.perf_counter()
    sigs = []
    for text in docs:
        w = text.split()
        if len(w) >= 5:
            shingles = [" ".join(w[i:i + 5]).encode("utf-8") for i in range(len(w) - 4)]
        else:
            shingles = [" ".join(w).encode("utf-8")]
        m = MinHash(num_perm=num_perm)
        m.update_batch(shingles)
        sigs.append(m)
    t1 = time.perf_counter()
    mid = resource.getrusage(resource.RUSAGE_SELF)
    sig_cpu = mid.ru_utime + mid.ru_stime - cpu0
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    edges = []
    for i, m in enumerate(sigs):
        for c in sorted(lsh.query(m)):
            if m.jaccard(sigs[c]) >= threshold:
                edges.append([i, c])
        lsh.insert(i, m)
    t2 = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu0
    print(json.dumps({"edges": edges, "seconds": t2 - t0, "signature_seconds": t1 - t0,
                      "cpu_seconds": cpu, "signature_cpu_seconds": sig_cpu, "peak_rss_mb": usage.ru_maxrss / 1024.0,
                      "num_perm": num_perm}))


if __name__ == "__main__":
    main()
