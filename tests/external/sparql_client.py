"""Query a running `policykg serve` endpoint with common Python SPARQL clients.

    target/venv/bin/python tests/external/sparql_client.py http://127.0.0.1:7878/sparql

The endpoint must hold data/中国工会国际工作.txt (loaded with `policykg load`).
SPARQLWrapper asks for JSON and XML results and for a CONSTRUCT graph; rdflib's
SPARQLStore runs a SELECT through an rdflib Graph. Every answer is checked against
what the document says; the script exits non-zero on the first failure.
Run by tests/it/serve.rs; set up the interpreter with `scripts/setup --test`.
"""

import sys

import rdflib
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

PKG = "https://w3id.org/policykg/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DOCUMENT = "https://w3id.org/policykg/id/doc/中国工会国际工作"

MEASURES = f"""
PREFIX pkg: <{PKG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?ordinal ?label WHERE {{
  ?m a pkg:Measure ; pkg:ordinal ?ordinal ; rdfs:label ?label .
}} ORDER BY ?ordinal
"""

EXPECTED_LABELS = [
    "加强人员之间的交往",
    "为发展中国家说话",
    "给予力所能及的符合发展中国家工会需要的帮助",
    "推动发展中国家工会之间团结合作",
]


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def wrapper_json(endpoint):
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(MEASURES)
    sparql.setReturnFormat(JSON)
    result = sparql.query()
    content_type = result.info()["content-type"]
    check(
        content_type.startswith("application/sparql-results+json"),
        f"JSON: content type {content_type}",
    )
    bindings = result.convert()["results"]["bindings"]
    labels = [b["label"]["value"] for b in bindings]
    check(labels == EXPECTED_LABELS, f"JSON: labels {labels}")
    check(
        all(b["label"].get("xml:lang") == "zh" for b in bindings),
        "JSON: labels are not tagged @zh",
    )
    ordinals = [int(b["ordinal"]["value"]) for b in bindings]
    check(ordinals == [1, 2, 3, 4], f"JSON: ordinals {ordinals}")


def wrapper_xml(endpoint):
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(MEASURES)
    sparql.setReturnFormat(XML)
    sparql.setMethod("POST")
    document = sparql.query().convert()  # an xml.dom.minidom document
    labels = [
        node.firstChild.data
        for binding in document.getElementsByTagName("binding")
        if binding.getAttribute("name") == "label"
        for node in binding.getElementsByTagName("literal")
    ]
    check(labels == EXPECTED_LABELS, f"XML: labels {labels}")


def wrapper_construct(endpoint):
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(
        f"""PREFIX pkg: <{PKG}>
        CONSTRUCT {{ ?m <{RDFS_LABEL}> ?label }}
        WHERE {{ ?m a pkg:Measure ; <{RDFS_LABEL}> ?label }}"""
    )
    sparql.setReturnFormat(TURTLE)
    data = sparql.query().convert()  # Turtle bytes
    graph = Graph().parse(data=data, format="turtle")
    check(len(graph) == 4, f"CONSTRUCT: {len(graph)} triples")
    labels = sorted(str(o) for o in graph.objects(None, URIRef(RDFS_LABEL)))
    check(labels == sorted(EXPECTED_LABELS), f"CONSTRUCT: labels {labels}")


def rdflib_store(endpoint):
    graph = Graph(store=SPARQLStore(query_endpoint=endpoint))
    rows = list(graph.query(MEASURES))
    labels = [str(row.label) for row in rows]
    check(labels == EXPECTED_LABELS, f"SPARQLStore: labels {labels}")
    check(
        rows[0].label == Literal("加强人员之间的交往", lang="zh"),
        f"SPARQLStore: first label {rows[0].label!r}",
    )
    ask = graph.query(f"ASK {{ GRAPH <{DOCUMENT}> {{ <{DOCUMENT}> a <{PKG}Document> }} }}")
    check(ask.askAnswer is True, "SPARQLStore: ASK about the document graph")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: sparql_client.py ENDPOINT (such as http://127.0.0.1:7878/sparql)")
    endpoint = sys.argv[1]
    checks = [wrapper_json, wrapper_xml, wrapper_construct, rdflib_store]
    for run in checks:
        run(endpoint)
        print(f"ok {run.__name__}")
    print(f"sparql_client: {len(checks)} passed, 0 failed (rdflib {rdflib.__version__})")


if __name__ == "__main__":
    main()
