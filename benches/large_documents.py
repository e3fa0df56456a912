#!/usr/bin/env python3
"""Peak memory and time of one large input (BENCHMARKS.md, "One large document").

Makes each input from the shared corpus in a scratch folder, then runs the
release binary's `convert` (to N-Quads, /dev/null) and `load` (into a new store)
on it under GNU time, and prints a Markdown table: seconds and peak RSS (MiB).

    cargo build --release --locked && python3 benches/large_documents.py

Needs ../shared/corpus beside the repository and /usr/bin/time (Debian: time).
"""

import csv
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus")
BINARY = os.path.join(ROOT, "target", "release", "policykg")
MARKERS = "一二三四五六七八九"


def report_texts():
    texts = []
    for path in sorted(glob.glob(os.path.join(CORPUS, "gov-reports-2026", "*.csv"))):
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                texts.append(row["full_text"])
    return texts


def repeat_to(text, size):
    """`text` repeated until it has `size` bytes of UTF-8, cut at a character."""
    data = text.encode()
    whole = data * (size // len(data) + 1)
    return whole[:size].decode("utf-8", "ignore")


def make_inputs(folder):
    inputs = []
    laws = sorted(glob.glob(os.path.join(CORPUS, "laws", "**", "*.md"), recursive=True))
    path = os.path.join(folder, "laws-in-one.md")
    with open(path, "wb") as out:
        for law in laws:
            with open(law, "rb") as f:
                out.write(f.read())
            out.write(b"\n")
    inputs.append(("the laws corpus in one Markdown file", path))

    flat = "".join(t.replace("\n", "").replace("\r", "") for t in report_texts())
    for size, name in ((5_000_000, "5 MB"), (10_000_000, "10 MB")):
        path = os.path.join(folder, f"line-{size}.txt")
        with open(path, "w", encoding="utf-8") as out:
            out.write(repeat_to(flat, size) + "\n")
        inputs.append((f"one line of {name} (reports, newlines removed)", path))

    sentences = [s for s in re.split(r"(?<=。)", flat) if 8 < len(s) < 200]
    items, size, i = [], 0, 0
    while size < 5_000_000:
        item = f"{MARKERS[i % 9]}是{sentences[i % len(sentences)]}"
        items.append(item)
        size += len(item.encode())
        i += 1
    path = os.path.join(folder, "one-cell.csv")
    with open(path, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(["title", "province", "full_text"])
        w.writerow(["一个很长的单元格", "江苏", "".join(items)])
    inputs.append((f"a CSV with one 5 MB cell of {MARKERS[0]}是…{MARKERS[8]}是… items ({i:,} markers)", path))

    path = os.path.join(folder, "nested.md")
    with open(path, "w", encoding="utf-8") as out:
        for n in range(10_000):
            out.write("#" * (1 + n % 6) + f" 第{n + 1}节 标题\n{sentences[n % len(sentences)]}\n")
    inputs.append(("10,000 nested Markdown headings", path))

    path = os.path.join(folder, "reports-many-times.csv")
    texts = []
    with open(path, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(["title", "full_text"])
        written, n = 0, 0
        texts = report_texts()
        while written < 40_000_000:
            text = texts[n % len(texts)]
            w.writerow([f"报告{n}", text])
            written += len(text.encode())
            n += 1
    inputs.append((f"a CSV of {n} reports (40 MB)", path))

    path = os.path.join(folder, "too-large.md")
    with open(path, "wb") as out:
        out.truncate(60 << 20)
    inputs.append(("a 60 MiB file (above the 50 MiB limit)", path))
    return inputs


def measure(command):
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M"] + command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seconds, kib = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib) / 1024, result.returncode


def main():
    if not os.path.exists(BINARY):
        sys.exit(f"{BINARY} is missing: run `cargo build --release --locked` first")
    with tempfile.TemporaryDirectory() as folder:
        print("| input | size | convert | load |")
        print("|---|---:|---:|---:|")
        for name, path in make_inputs(folder):
            size = os.path.getsize(path) / 1e6
            c_s, c_mib, c_rc = measure([BINARY, "convert", path, "-f", "nq", "-o", "/dev/null", "-q"])
            store = os.path.join(folder, "store")
            l_s, l_mib, l_rc = measure([BINARY, "load", path, "--store", store, "-q"])
            shutil.rmtree(store, ignore_errors=True)
            refused = " (refused)" if c_rc != 0 or l_rc != 0 else ""
            print(f"| {name} | {size:.1f} MB | {c_s:.1f} s, {c_mib:,.0f} MiB{refused} | {l_s:.1f} s, {l_mib:,.0f} MiB{refused} |")
            sys.stdout.flush()
            os.remove(path)


if __name__ == "__main__":
    main()
