#!/usr/bin/env python3
"""Independent checks of policykg's output with Python's RDF tools.

The integration tests (tests/it/interop.rs) run this with the interpreter that
scripts/setup --test creates (target/venv). Each command prints one JSON object
on stdout and exits 1 when its check fails, 0 otherwise.

  rdf_tools.py count FILE FORMAT
      Parses FILE with rdflib (FORMAT: nquads, trig, nt, turtle, xml, json-ld)
      into a Dataset: {"quads": …, "triples": distinct triples, "graphs": …}.
  rdf_tools.py pyld FILE.jsonld EXPECTED.nq [CONTEXT_URL CONTEXT_FILE]
      Expands FILE.jsonld to RDF with PyLD (no network: a referenced context
      must be CONTEXT_URL and is read from CONTEXT_FILE) and compares the quads
      with EXPECTED.nq, both read by rdflib. Fails unless they are the same set.
  rdf_tools.py iris FILE.nq
      Every IRI in FILE.nq (read by rdflib) must match RFC 3987's IRI rule
      (package rfc3987): what strict consumers such as Jena require.
  rdf_tools.py shacl DATA SHAPES
      pySHACL over the union of DATA's graphs, no inference.
  rdf_tools.py graphml FILE.graphml
      Reads a GraphML export with NetworkX.
"""
import collections
import json
import sys


def dataset(path, fmt):
    import rdflib

    ds = rdflib.Dataset(default_union=True)
    ds.parse(path, format=fmt)
    return ds


def quad_set(ds):
    # rdflib names the default graph with its own IRI; policykg writes every
    # triple into a named graph, so any default-graph triple shows here as such.
    return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}


def count(path, fmt):
    ds = dataset(path, fmt)
    quads = quad_set(ds)
    triples = {(s, p, o) for s, p, o, _ in quads}
    graphs = {g for *_, g in quads}
    return {"quads": len(quads), "triples": len(triples), "graphs": len(graphs)}, True


def pyld_check(path, expected_path, context_url=None, context_file=None):
    import rdflib
    from pyld import jsonld

    def loader(url, options=None):
        if context_url and url == context_url:
            with open(context_file, encoding="utf-8") as f:
                return {
                    "contentType": "application/ld+json",
                    "contextUrl": None,
                    "documentUrl": url,
                    "document": json.load(f),
                }
        raise RuntimeError(f"no network in the tests: {url}")

    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    nquads = jsonld.to_rdf(
        doc, {"format": "application/n-quads", "documentLoader": loader}
    )
    expanded = rdflib.Dataset()
    expanded.parse(data=nquads, format="nquads")
    expected = dataset(expected_path, "nquads")
    got, want = quad_set(expanded), quad_set(expected)
    missing, extra = want - got, got - want
    result = {
        "expanded": len(got),
        "expected": len(want),
        "missing": sorted(str(q) for q in missing)[:5],
        "extra": sorted(str(q) for q in extra)[:5],
    }
    return result, not missing and not extra


def iris(path):
    import rdflib
    import rfc3987

    ds = dataset(path, "nquads")
    seen = set()
    for quad in ds.quads((None, None, None, None)):
        for term in quad:
            if isinstance(term, rdflib.URIRef):
                seen.add(str(term))
    invalid = sorted(i for i in seen if rfc3987.match(i, rule="IRI") is None)
    non_ascii = sum(1 for i in seen if not i.isascii())
    return {"iris": len(seen), "non_ascii": non_ascii, "invalid": invalid[:10]}, not invalid


def shacl(data_path, shapes_path):
    import rdflib
    from pyshacl import validate

    data = rdflib.Dataset(default_union=True)
    data.parse(data_path, format="nquads" if data_path.endswith(".nq") else None)
    union = rdflib.Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    conforms, report, text = validate(union, shacl_graph=shapes, inference="none")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    results = list(report.subjects(rdflib.RDF.type, sh.ValidationResult))
    return {
        "conforms": bool(conforms),
        "triples": len(union),
        "violations": len(results),
        "text": text[:2000],
    }, bool(conforms)


def graphml(path):
    import networkx as nx

    graph = nx.read_graphml(path)
    labels = collections.Counter()
    for _, data in graph.nodes(data=True):
        for label in data.get("labels", "").split(":"):
            labels[label] += 1
    types = collections.Counter(d.get("type") for _, _, d in graph.edges(data=True))
    named = {
        d.get("label"): d.get("labels", "").split(":")
        for _, d in graph.nodes(data=True)
        if d.get("label")
    }
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "directed": graph.is_directed(),
        "labels": dict(labels),
        "edge_types": dict(types),
        "labels_of": {k: named.get(k) for k in ["中国职工对外交流中心", "中国职工旅行社"]},
    }, True


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "count":
        result, ok = count(*args)
    elif command == "pyld":
        result, ok = pyld_check(*args)
    elif command == "iris":
        result, ok = iris(*args)
    elif command == "shacl":
        result, ok = shacl(*args)
    elif command == "graphml":
        result, ok = graphml(*args)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
