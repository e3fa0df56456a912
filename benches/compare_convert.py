#!/usr/bin/env python3
"""Convert throughput of two policykg binaries, side by side in one run.

Runs `policykg convert CORPUS -f nq -o /dev/null` with each binary in turn,
interleaved (A B A B ...), --runs times each, and prints the median wall time,
the throughput in MB/s of input and the ratio B/A. Interleaving puts both under
the same machine load, which on a shared machine matters more than the number
of runs.

Usage:
  python3 benches/compare_convert.py --before OLD_BINARY --after NEW_BINARY \\
      [--corpus ../shared/corpus/laws] [--runs 5]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def corpus_bytes(corpus):
    total = 0
    for root, _dirs, files in os.walk(corpus):
        for f in files:
            if f.endswith((".md", ".txt", ".csv", ".jsonl")):
                total += os.path.getsize(os.path.join(root, f))
    return total


def run(binary, corpus):
    start = time.perf_counter()
    proc = subprocess.run(
        [binary, "convert", corpus, "-f", "nq", "-o", "/dev/null", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{binary} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return wall


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "laws"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    mb = corpus_bytes(args.corpus) / 1e6
    times = {"before": [], "after": []}
    run(args.before, args.corpus)  # warm the page cache
    for i in range(args.runs):
        for name in ("before", "after"):
            t = run(getattr(args, name), args.corpus)
            times[name].append(t)
            print(f"run {i + 1} {name}: {t:.2f} s", file=sys.stderr)
    print(f"corpus: {args.corpus} ({mb:.1f} MB), {args.runs} interleaved runs each\n")
    print("| binary | median wall | min-max | throughput |")
    print("|---|---:|---:|---:|")
    med = {}
    for name in ("before", "after"):
        t = times[name]
        med[name] = statistics.median(t)
        print(f"| {name} | {med[name]:.2f} s | {min(t):.2f}-{max(t):.2f} s | {mb / med[name]:.2f} MB/s |")
    print(f"\nthroughput after / before: {med['before'] / med['after']:.3f}")


if __name__ == "__main__":
    main()
