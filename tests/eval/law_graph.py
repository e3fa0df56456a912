#!/usr/bin/env python3
"""Measures the law graph on a store that holds a law corpus (issue 11's figures).

    policykg load ../shared/corpus/laws --store S
    tests/eval/law_graph.py --store S [--bin target/release/policykg] [--samples DIR]

Prints, as Markdown:
- citations: the share of 《…》 citations in legal texts whose work has a version
  in the store (by a loose title match, independent of policykg's own key) that
  resolve to it (the cited work, or the work it is a part of, is realised by a
  loaded version);
- article references: the share of pkg:ArticleReference targets that exist (a
  version's article/款/项 node, or a work's article realised by a loaded
  version), leaving out those that name a law the store does not hold;
- header metadata: for the legal texts whose header states an adoption (通过),
  entry into force (施行), publication (公布/发布) or amendment (修正/修订), the
  share that has the matching triple. The header is read here from the source
  file, independently of policykg.
With --samples DIR it writes a seeded random sample of 100 resolved citations and
100 resolved references (TSV, with the sentence) for checking by hand.
"""
import argparse
import json
import pathlib
import random
import re
import subprocess
import sys
from collections import Counter

PREFIXES = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def query(args, sparql):
    out = subprocess.run(
        [args.bin, "query", "--store", args.store, "-f", "json", PREFIXES + sparql],
        check=True, capture_output=True, text=True,
    ).stdout
    rows = json.loads(out)["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


def loose(title):
    t = re.sub(r"\s+", "", title)
    t = re.sub(r"[（(][0-9]{4}年?[^（）()]{0,8}(修正|修订|修改|版|文本)[）)]$", "", t)
    t = t.replace("中华人民共和国", "")
    return re.sub(r"[《》〈〉<>“”\"'、·]", "", t).replace("(", "（").replace(")", "）")


def realised_works(args):
    rows = query(args, "SELECT DISTINCT ?w WHERE { ?d eli:realizes/eli:is_part_of? ?w }")
    return {r["w"] for r in rows}


def citations(args, realised, samples):
    titles = query(args, "SELECT DISTINCT ?title WHERE { ?d a eli:LegalExpression ; dcterms:title ?title }")
    loaded = {loose(r["title"]) for r in titles}
    rows = query(args, """SELECT ?text ?work ?s WHERE {
      ?m itsrdf:taIdentRef ?work ; nif:anchorOf ?text ; nif:referenceContext ?d ; pkg:inSentence ?sentence .
      ?work a pkg:Legislation . ?d a eli:LegalExpression .
      ?sentence nif:anchorOf ?s }""")
    should = [r for r in rows if loose(r["text"]) in loaded or r["work"] in realised]
    resolved = [r for r in should if r["work"] in realised]
    misses = Counter(r["text"] for r in should if r["work"] not in realised)
    print("## Citations in 《》 (legal texts)\n")
    print(f"- citations: {len(rows)}; whose law has a version in the store: {len(should)}")
    print(f"- resolved to it: {len(resolved)} = **{len(resolved) / max(1, len(should)):.1%}**")
    if misses:
        print("- most frequent unresolved: " + ", ".join(f"《{t}》×{n}" for t, n in misses.most_common(10)))
    if samples:
        pick = random.Random(11).sample(resolved, min(100, len(resolved)))
        with open(samples / "law-citations.tsv", "w", encoding="utf-8") as f:
            f.write("cited as\tresolved work\tsentence\tcorrect (y/n)\n")
            for r in pick:
                f.write(f"{r['text']}\t{r['work'].rsplit('/law/', 1)[-1]}\t{r['s']}\t\n")
    print()


def references(args, realised, samples):
    rows = query(args, """SELECT ?anchor ?target ?title ?s ?typed ?realised WHERE {
      ?r a pkg:ArticleReference ; pkg:refersTo ?target ; nif:anchorOf ?anchor ;
         nif:referenceContext ?d ; pkg:inSentence/nif:anchorOf ?s .
      ?d dcterms:title ?title .
      BIND(EXISTS { ?target a ?c } AS ?typed)
      BIND(EXISTS { ?x eli:realizes ?target } AS ?realised) }""")
    kept, resolved = [], []
    outside = Counter()
    for r in rows:
        target = r["target"]
        if "/law/" in target:
            work = target.split("/article/")[0]
            if work not in realised:
                outside[work.rsplit("/law/", 1)[-1]] += 1
                continue
        kept.append(r)
        if r["typed"] == "true" or r["realised"] == "true":
            resolved.append(r)
    print("## Article references\n")
    print(f"- references (targets): {len(rows)}; to laws outside the store: {sum(outside.values())}")
    print(f"- to laws in the store: {len(kept)}; resolved to an existing node: {len(resolved)} = **{len(resolved) / max(1, len(kept)):.1%}**")
    unresolved = Counter(r["anchor"] for r in kept if r not in resolved)
    if unresolved:
        print("- most frequent unresolved: " + ", ".join(f"{t}×{n}" for t, n in unresolved.most_common(8)))
    print("- most referenced laws outside the store: " + ", ".join(f"{w}×{n}" for w, n in outside.most_common(8)))
    if samples:
        pick = random.Random(12).sample(resolved, min(100, len(resolved)))
        with open(samples / "law-references.tsv", "w", encoding="utf-8") as f:
            f.write("reference\tdocument\ttarget\tsentence\tcorrect (y/n)\n")
            for r in pick:
                target = r["target"].split("/id/", 1)[-1]
                f.write(f"{r['anchor']}\t{r['title']}\t{target}\t{r['s']}\t\n")
    print()


HEADER_DATE = re.compile(r"[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日")


def header_of(path):
    lines = []
    try:
        text = pathlib.Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines()[:60]:
        if line.startswith("<!-- INFO END") or line.startswith("##") or re.match(r"^第.{1,6}条", line):
            break
        if not line.startswith("#"):
            lines.append(line)
    return "\n".join(lines)


def headers(args):
    rows = query(args, """SELECT ?d ?source
      (COUNT(DISTINCT ?adopted) AS ?a) (COUNT(DISTINCT ?force) AS ?f)
      (COUNT(DISTINCT ?published) AS ?p) (COUNT(DISTINCT ?amendment) AS ?m) WHERE {
      ?d a eli:LegalExpression ; dcterms:source ?source .
      OPTIONAL { ?d eli:date_document ?adopted }
      OPTIONAL { ?d eli:first_date_entry_in_force ?force }
      OPTIONAL { ?d eli:date_publication ?published }
      OPTIONAL { ?d pkg:amendment ?amendment } } GROUP BY ?d ?source""")
    stated = Counter()
    present = Counter()
    laws_stating, laws_complete = 0, 0
    missing = []
    for r in rows:
        h = header_of(r["source"])
        if h is None:
            continue
        clauses = HEADER_DATE.split(h)[1:]
        fields = {
            "adopted (通过)": ("a", any("通过" in c and not re.search("修正|修订", c) for c in clauses)),
            "in force (施行)": ("f", any("施行" in c for c in clauses)),
            "published (公布/发布)": ("p", any(re.search("公布|发布|颁布", c) and "通过" not in c for c in clauses)),
            "amended (修正/修订)": ("m", any(re.search("修正|修订", c) for c in clauses)),
        }
        any_stated, complete = False, True
        for name, (var, says) in fields.items():
            if says:
                any_stated = True
                stated[name] += 1
                if int(r[var]) > 0:
                    present[name] += 1
                else:
                    complete = False
                    missing.append((name, r["source"]))
        if any_stated:
            laws_stating += 1
            laws_complete += complete
    print("## Header metadata\n")
    print(f"- legal texts: {len(rows)}; whose header states a date: {laws_stating}; with every stated field extracted: {laws_complete} = **{laws_complete / max(1, laws_stating):.1%}**")
    for name in stated:
        print(f"- {name}: stated in {stated[name]}, extracted in {present[name]} ({present[name] / stated[name]:.1%})")
    for name, source in missing[:8]:
        print(f"  - missing {name}: {source}")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--bin", default="target/release/policykg")
    parser.add_argument("--samples", type=pathlib.Path)
    args = parser.parse_args()
    if args.samples:
        args.samples.mkdir(parents=True, exist_ok=True)
    realised = realised_works(args)
    citations(args, realised, args.samples)
    references(args, realised, args.samples)
    headers(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
