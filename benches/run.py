#!/usr/bin/env python3
"""policykg's benchmark, side by side in one run, on the laws corpus.

Measures, on the same machine in the same run:
  * policykg convert to N-Quads and load into a fresh store: MB/s, triples/s,
    wall time and peak RSS, on the whole corpus and on half of it;
  * a rerun of load on the unchanged corpus, as a share of the first run;
  * the latency of the queries in benches/queries/*.rq on the loaded store;
  * pyoxigraph's bulk_load of policykg's own N-Quads into a fresh store (the
    store's own load speed: the floor for our load);
  * the Python baseline ../shared/bench/baseline_rdflib.py (jieba + rdflib) on
    the --every 10 subset, and policykg on the same subset. With --every 1 the
    baseline runs on the whole corpus instead (about 27 minutes and 9.4 GiB
    here, against 70-80 s for the subset).

Usage (scripts/bench sets up the Python packages and the release build):
  python3 benches/run.py [--corpus DIR] [--baseline SCRIPT] [--every 10] [--work DIR]
Writes the figures as JSON to WORK/results.json and a Markdown table to stdout.
"""
import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "policykg")
SUBSET_RUNS = 5


def timed(cmd, **kwargs):
    """Runs a command under GNU time; returns (seconds, peak RSS in MiB, stdout)."""
    with tempfile.NamedTemporaryFile("r") as report:
        full = ["/usr/bin/time", "-f", "%e %M", "-o", report.name] + cmd
        start = time.perf_counter()
        proc = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
        line = report.read().strip().splitlines()[-1]
        rss_kib = int(line.split()[1])
    return wall, rss_kib / 1024, proc.stdout, proc.stderr


def corpus_files(corpus):
    rel = []
    for root, _dirs, files in os.walk(corpus):
        for f in files:
            if f.endswith(".md"):
                rel.append(os.path.relpath(os.path.join(root, f), corpus))
    rel.sort()
    return rel


def subset(corpus, keep, dest):
    """A folder of symlinks to the files whose sorted index passes `keep`."""
    files = corpus_files(corpus)
    size = 0
    for i, rel in enumerate(files):
        if keep(i):
            target = os.path.join(dest, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.symlink(os.path.join(corpus, rel), target)
            size += os.path.getsize(os.path.join(corpus, rel))
    return size


def tree_size(corpus):
    return sum(os.path.getsize(os.path.join(corpus, f)) for f in corpus_files(corpus))


def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            n += block.count(b"\n")
    return n


def policykg_convert(corpus, out):
    wall, rss, _, _ = timed([BIN, "convert", corpus, "-f", "nq", "-o", out, "-q"])
    return wall, rss, count_lines(out)


def policykg_load(corpus, store):
    wall, rss, _, err = timed([BIN, "load", corpus, "--store", store])
    quads = int(re.search(r"(\d+) quads written", err).group(1))
    compacted = re.search(r"compacted in ([0-9.]+)s", err)
    policykg_load.compaction_s = float(compacted.group(1)) if compacted else 0.0
    return wall, rss, quads


def pyoxigraph_bulk_load(nquads, store):
    code = (
        "import sys, pyoxigraph\n"
        "s = pyoxigraph.Store(sys.argv[2])\n"
        "s.bulk_load(path=sys.argv[1], format=pyoxigraph.RdfFormat.N_QUADS)\n"
        "s.flush()\n"
        "print(len(s))\n"
    )
    wall, rss, out, _ = timed([sys.executable, "-c", code, nquads, store])
    return wall, rss, int(out.strip())


def baseline(script, corpus, every, out_prefix):
    wall, rss, out, _ = timed(
        [sys.executable, script, corpus, "--mode", "rdflib", "--out", out_prefix, "--every", str(every)]
    )
    stats = json.loads(out.strip().splitlines()[-1])
    return wall, rss, stats


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) // (1024 * 1024)
    version = subprocess.run([BIN, "--version"], capture_output=True, text=True).stdout.strip()
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    packages = {}
    for name in ("rdflib", "jieba", "pyoxigraph"):
        try:
            packages[name] = __import__(name).__version__
        except Exception:  # noqa: BLE001 - report what is there
            packages[name] = "missing"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": mem,
        "os": platform.platform(),
        "policykg": version,
        "rustc": rustc,
        "python": platform.python_version(),
        **packages,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "laws"))
    parser.add_argument("--baseline", default=os.path.join(ROOT, "..", "shared", "bench", "baseline_rdflib.py"))
    parser.add_argument("--every", type=int, default=10,
                        help="baseline subset: every Nth file (1: the whole corpus)")
    parser.add_argument("--work", default=os.path.join(ROOT, "target", "bench"))
    args = parser.parse_args()
    corpus = os.path.abspath(args.corpus)
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    mb = tree_size(corpus) / 1e6
    r = {"machine": machine(), "corpus": corpus, "corpus_mb": round(mb, 2), "files": len(corpus_files(corpus))}

    half = os.path.join(work, "half")
    half_mb = subset(corpus, lambda i: i % 2 == 0, half) / 1e6
    tenth = os.path.join(work, "tenth")
    tenth_mb = subset(corpus, lambda i: i % args.every == 0, tenth) / 1e6

    # policykg on the whole corpus.
    nq = os.path.join(work, "laws.nq")
    wall, rss, quads = policykg_convert(corpus, nq)
    r["convert"] = {"s": wall, "rss_mib": rss, "quads": quads, "mb_s": mb / wall, "quads_s": quads / wall}
    wall, rss, quads = policykg_load(corpus, os.path.join(work, "store"))
    r["load"] = {"s": wall, "rss_mib": rss, "quads": quads, "mb_s": mb / wall, "quads_s": quads / wall,
                 "compaction_s": policykg_load.compaction_s}
    wall, rss, _ = policykg_load(corpus, os.path.join(work, "store"))
    r["rerun"] = {"s": wall, "rss_mib": rss, "share_of_first": wall / r["load"]["s"]}

    # Peak memory on half the corpus, to see whether it grows with the corpus.
    wall, rss, quads = policykg_convert(half, os.path.join(work, "half.nq"))
    r["convert_half"] = {"s": wall, "rss_mib": rss, "quads": quads, "mb": half_mb}
    wall, rss, quads = policykg_load(half, os.path.join(work, "store-half"))
    r["load_half"] = {"s": wall, "rss_mib": rss, "quads": quads, "mb": half_mb}
    os.remove(os.path.join(work, "half.nq"))

    # Query latency on the loaded store.
    out = subprocess.run(
        ["cargo", "bench", "--quiet", "--bench", "queries", "--", os.path.join(work, "store")],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    r["queries"] = [json.loads(line) for line in out.splitlines() if line.startswith("{")]

    # The store's own bulk load of the same N-Quads.
    wall, rss, n = pyoxigraph_bulk_load(nq, os.path.join(work, "pyoxigraph-store"))
    r["pyoxigraph_bulk_load"] = {"s": wall, "rss_mib": rss, "quads": n, "quads_s": n / wall}
    os.remove(nq)

    # The Python baseline and policykg on the same subset.
    wall, rss, stats = baseline(args.baseline, corpus, args.every, os.path.join(work, "baseline"))
    r["baseline"] = {"s": wall, "rss_mib": rss, "stats": stats, "mb": tenth_mb, "mb_s": tenth_mb / wall,
                     "triples_s": stats.get("triples", 0) / wall}
    # policykg takes a few seconds on the subset, where a busy neighbour on a
    # shared machine shows; so each run is repeated and the median counts.
    converts, loads = [], []
    for _ in range(SUBSET_RUNS):
        c_wall, _, c_quads = policykg_convert(tenth, os.path.join(work, "tenth.nq"))
        converts.append(c_wall)
        shutil.rmtree(os.path.join(work, "store-tenth"), ignore_errors=True)
        l_wall, _, l_quads = policykg_load(tenth, os.path.join(work, "store-tenth"))
        loads.append(l_wall)
    os.remove(os.path.join(work, "tenth.nq"))
    c_wall, l_wall = statistics.median(converts), statistics.median(loads)
    r["policykg_subset"] = {
        "convert_s": c_wall, "load_s": l_wall, "quads": l_quads, "mb": tenth_mb,
        "convert_mb_s": tenth_mb / c_wall, "load_mb_s": tenth_mb / l_wall,
        "load_quads_s": l_quads / l_wall, "convert_runs_s": converts, "load_runs_s": loads,
    }

    r["targets"] = {
        "convert_throughput_vs_baseline": r["policykg_subset"]["convert_mb_s"] / r["baseline"]["mb_s"],
        "load_throughput_vs_baseline": r["policykg_subset"]["load_mb_s"] / r["baseline"]["mb_s"],
        "whole_load_throughput_vs_baseline": r["load"]["mb_s"] / r["baseline"]["mb_s"],
        "load_vs_pyoxigraph_bulk_load": r["load"]["s"] / r["pyoxigraph_bulk_load"]["s"],
        "peak_rss_mib": max(r["convert"]["rss_mib"], r["load"]["rss_mib"]),
        "rss_full_over_half_convert": r["convert"]["rss_mib"] / r["convert_half"]["rss_mib"],
        "rss_full_over_half_load": r["load"]["rss_mib"] / r["load_half"]["rss_mib"],
        "rerun_share": r["rerun"]["share_of_first"],
        "slowest_query_ms": max(q["median_ms"] for q in r["queries"]),
    }
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump(r, f, indent=2, ensure_ascii=False)
    print_table(r, args.every)


def print_table(r, every):
    m = r["machine"]
    print(f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}")
    print(f"Versions: {m['policykg']}; {m['rustc']}; Python {m['python']}, rdflib {m['rdflib']}, "
          f"jieba {m['jieba']}, pyoxigraph {m['pyoxigraph']}")
    print(f"Corpus: {r['files']} files, {r['corpus_mb']:.1f} MB\n")
    print("| run | input | time (s) | MB/s | quads/s | peak RSS (MiB) |")
    print("|---|---|---:|---:|---:|---:|")
    c, l = r["convert"], r["load"]
    print(f"| policykg convert → N-Quads | whole | {c['s']:.1f} | {c['mb_s']:.2f} | {c['quads_s']:,.0f} | {c['rss_mib']:.0f} |")
    print(f"| policykg load → fresh store (incl. {l['compaction_s']:.1f} s compaction) | whole | {l['s']:.1f} | {l['mb_s']:.2f} | {l['quads_s']:,.0f} | {l['rss_mib']:.0f} |")
    print(f"| policykg load, unchanged rerun | whole | {r['rerun']['s']:.1f} | | | {r['rerun']['rss_mib']:.0f} |")
    print(f"| policykg convert → N-Quads | half | {r['convert_half']['s']:.1f} | | | {r['convert_half']['rss_mib']:.0f} |")
    print(f"| policykg load → fresh store | half | {r['load_half']['s']:.1f} | | | {r['load_half']['rss_mib']:.0f} |")
    p = r["pyoxigraph_bulk_load"]
    print(f"| pyoxigraph bulk_load of policykg's N-Quads | whole | {p['s']:.1f} | | {p['quads_s']:,.0f} | {p['rss_mib']:.0f} |")
    s, b = r["policykg_subset"], r["baseline"]
    portion = "whole" if every == 1 else f"every {every}th file"
    spread = lambda runs: f"{min(runs):.2f}–{max(runs):.2f}"
    print(f"| policykg convert → N-Quads (median of {len(s['convert_runs_s'])}: {spread(s['convert_runs_s'])} s) | {portion} | {s['convert_s']:.2f} | {s['convert_mb_s']:.2f} | {s['quads'] / s['convert_s']:,.0f} | |")
    print(f"| policykg load → fresh store (median of {len(s['load_runs_s'])}: {spread(s['load_runs_s'])} s) | {portion} | {s['load_s']:.2f} | {s['load_mb_s']:.2f} | {s['load_quads_s']:,.0f} | |")
    print(f"| baseline jieba + rdflib (--mode rdflib) | {portion} | {b['s']:.1f} | {b['mb_s']:.3f} | {b['triples_s']:,.0f} | {b['rss_mib']:.0f} |")
    print("\n| query | rows | median (ms) | max (ms) |\n|---|---:|---:|---:|")
    for q in r["queries"]:
        print(f"| {q['query']} | {q['rows']} | {q['median_ms']:.1f} | {q['max_ms']:.1f} |")
    t = r["targets"]
    print("\n| target | goal | measured |\n|---|---|---:|")
    same = "whole corpus" if every == 1 else "same subset"
    print(f"| convert throughput vs baseline ({same}) | ≥ 20× | {t['convert_throughput_vs_baseline']:.0f}× |")
    print(f"| convert + load throughput vs baseline ({same}) | ≥ 20× | {t['load_throughput_vs_baseline']:.1f}× |")
    if every != 1:
        print(f"| convert + load throughput, whole corpus, vs baseline on the subset | (≥ 20×) | {t['whole_load_throughput_vs_baseline']:.1f}× |")
    print(f"| load time vs pyoxigraph bulk_load | ≤ 1.5× | {t['load_vs_pyoxigraph_bulk_load']:.2f}× |")
    print(f"| peak RSS | < 1024 MiB | {t['peak_rss_mib']:.0f} MiB |")
    print(f"| peak RSS whole / half (convert) | flat (≈ 1) | {t['rss_full_over_half_convert']:.2f} |")
    print(f"| peak RSS whole / half (load) | flat (≈ 1) | {t['rss_full_over_half_load']:.2f} |")
    print(f"| unchanged rerun / first run | < 5% | {100 * t['rerun_share']:.1f}% |")
    print(f"| slowest query (median) | < 100 ms | {t['slowest_query_ms']:.1f} ms |")


if __name__ == "__main__":
    main()
