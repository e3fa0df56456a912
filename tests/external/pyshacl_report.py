"""Validates an RDF file with pySHACL and prints what it found, for comparison with
`policykg validate` (tests/it/validate.rs).

    python tests/external/pyshacl_report.py SHAPES.ttl DATA.nq

Reads the data as a dataset and validates the union of its graphs, without
inference (`-i none`), as docs/shapes-and-context.md says. Prints one JSON object:
{"conforms": bool, "results": [[focus, path, sourceShape, component], ...]} with
terms in N-Triples syntax (blank nodes as "_:"), sorted, each result once.
"""

import json
import sys

import pyshacl
import rdflib
from rdflib.namespace import SH


def term(node):
    if node is None:
        return None
    if isinstance(node, rdflib.BNode):
        return "_:"
    return node.n3()


def main(shapes_path, data_path):
    dataset = rdflib.Dataset()
    fmt = rdflib.util.guess_format(data_path)
    dataset.parse(data_path, format=fmt)
    data = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    results = set()
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        results.add(
            (
                term(report.value(result, SH.focusNode)),
                term(report.value(result, SH.resultPath)),
                term(report.value(result, SH.sourceShape)),
                term(report.value(result, SH.sourceConstraintComponent)),
            )
        )
    print(json.dumps({"conforms": bool(conforms), "results": sorted(map(list, results), key=str)}, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: pyshacl_report.py SHAPES.ttl DATA.(nq|trig|ttl|nt)")
    main(sys.argv[1], sys.argv[2])
