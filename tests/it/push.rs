//! `policykg push` end to end against a real OpenLink Virtuoso (the Debian package
//! `virtuoso-opensource`, installed by `scripts/setup --test`), started on loopback
//! ports in a temporary folder by `scripts/virtuoso` and killed when the test ends.

use crate::{policykg, root, seed};
use oxigraph::sparql::QueryResults;
use policykg::store::KgStore;
use predicates::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const SEED_GRAPH: &str = "https://w3id.org/policykg/id/doc/中国工会国际工作";
const ENTITIES_GRAPH: &str = "https://w3id.org/policykg/id/entities";
const PREFIXES: &str = "PREFIX pkg: <https://w3id.org/policykg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <http://schema.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> ";

/// A Virtuoso server of its own, stopped (killed) on drop, also when a test fails.
struct Virtuoso {
    child: Child,
    dir: tempfile::TempDir,
    http: u16,
}

impl Virtuoso {
    fn start() -> Self {
        let found = Command::new("sh")
            .args(["-c", "command -v virtuoso-t && command -v isql-vt"])
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            found,
            "Virtuoso is not installed (virtuoso-t, isql-vt): run scripts/setup --test, which installs the Debian package virtuoso-opensource"
        );
        let dir = tempfile::tempdir().unwrap();
        let (http, sql) = (free_port(), free_port());
        let script = root().join("scripts/virtuoso");
        let init = Command::new(&script)
            .arg("init")
            .arg(dir.path())
            .env("VIRTUOSO_HTTP_PORT", http.to_string())
            .env("VIRTUOSO_SQL_PORT", sql.to_string())
            .output()
            .unwrap();
        assert!(
            init.status.success(),
            "{}",
            String::from_utf8_lossy(&init.stderr)
        );
        let out = fs::File::create(dir.path().join("virtuoso.out")).unwrap();
        let child = Command::new(&script)
            .arg("run")
            .arg(dir.path())
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("scripts/virtuoso runs");
        let server = Self { child, dir, http };
        // Waits for both ports, then adds the Basic-auth endpoint.
        let ready = Command::new(&script)
            .arg("ready")
            .arg(server.dir.path())
            .output()
            .unwrap();
        assert!(
            ready.status.success(),
            "Virtuoso did not come up: {}\n{}",
            String::from_utf8_lossy(&ready.stderr),
            server.log()
        );
        server
    }

    fn log(&self) -> String {
        let read = |name: &str| fs::read_to_string(self.dir.path().join(name)).unwrap_or_default();
        format!("{}{}", read("virtuoso.out"), read("virtuoso.log"))
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.http)
    }

    /// Runs a SELECT or ASK on /sparql and returns the JSON results.
    fn query(&self, sparql: &str) -> serde_json::Value {
        let mut response = ureq::get(&self.url("/sparql"))
            .query("query", format!("{PREFIXES}{sparql}"))
            .query("format", "application/sparql-results+json")
            .call()
            .unwrap_or_else(|e| panic!("{sparql}: {e}\n{}", self.log()));
        serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap()
    }

    /// The values of one variable, in order.
    fn column(&self, sparql: &str, var: &str) -> Vec<String> {
        self.query(sparql)["results"]["bindings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row[var]["value"].as_str().unwrap().to_owned())
            .collect()
    }

    fn ask(&self, sparql: &str) -> bool {
        self.query(sparql)["boolean"].as_bool().unwrap()
    }

    fn count(&self, graph: &str) -> u64 {
        self.column(&count_query(graph), "n")[0].parse().unwrap()
    }

    /// The policykg graphs the server holds.
    fn graphs(&self) -> BTreeSet<String> {
        self.column(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/policykg/\")) }",
            "g",
        )
        .into_iter()
        .collect()
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn count_query(graph: &str) -> String {
    format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
}

/// The same counts on the policykg side, through the library.
struct Local(KgStore);

impl Local {
    fn open(store: &Path) -> Self {
        Self(KgStore::open_read_only(store).unwrap())
    }

    fn column(&self, sparql: &str, var: &str) -> Vec<String> {
        let QueryResults::Solutions(rows) = self.0.query(&format!("{PREFIXES}{sparql}")).unwrap()
        else {
            panic!("{sparql}: not a SELECT")
        };
        rows.map(|row| {
            let row = row.unwrap();
            match row.get(var).unwrap() {
                oxigraph::model::Term::NamedNode(n) => n.as_str().to_owned(),
                oxigraph::model::Term::Literal(l) => l.value().to_owned(),
                other => other.to_string(),
            }
        })
        .collect()
    }

    fn count(&self, graph: &str) -> u64 {
        self.column(&count_query(graph), "n")[0].parse().unwrap()
    }

    fn graphs(&self) -> BTreeSet<String> {
        let mut graphs: BTreeSet<String> = self
            .0
            .document_graphs()
            .unwrap()
            .iter()
            .map(|g| g.as_str().to_owned())
            .collect();
        graphs.insert(ENTITIES_GRAPH.to_owned());
        graphs
    }
}

/// A folder with the seed and a slice of the criminal law: the code itself (a big
/// graph, sent in several requests) and two amendments whose names give IRIs with
/// percent-escapes (full-width and ASCII brackets).
fn inputs(dir: &Path) -> PathBuf {
    let inputs = dir.join("inputs");
    fs::create_dir_all(inputs.join("刑法")).unwrap();
    fs::copy(seed(), inputs.join("中国工会国际工作.txt")).unwrap();
    let laws = root().join("../shared/corpus/laws/刑法");
    for name in [
        "刑法.md",
        "刑法修正案（七）.md",
        "刑法修正案（十二）(2023-12-29).md",
    ] {
        fs::copy(laws.join(name), inputs.join("刑法").join(name)).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; CI runs with ../shared beside the checkout",
                laws.join(name).display()
            )
        });
    }
    inputs
}

fn load(inputs: &Path, store: &Path) {
    policykg()
        .arg("load")
        .arg(inputs)
        .arg("--store")
        .arg(store)
        .args(["-q", "-j", "2"])
        .assert()
        .success();
}

fn push(store: &Path, endpoint: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    policykg()
        .arg("push")
        .arg("--store")
        .arg(store)
        .args(["--endpoint", endpoint, "--user", "dba"])
        .env("POLICYKG_PUSH_PASSWORD", "dba")
        .args(extra)
        .assert()
}

/// Every graph on the server has exactly the store's triples, under exactly the
/// store's IRI.
fn check_same_graphs(server: &Virtuoso, local: &Local) {
    assert_eq!(
        server.graphs(),
        local.graphs(),
        "graph IRIs differ\n{}",
        server.log()
    );
    for graph in local.graphs() {
        assert_eq!(
            server.count(&graph),
            local.count(&graph),
            "triples in <{graph}>"
        );
    }
}

#[test]
fn push_store_to_virtuoso_with_digest_then_replace_a_changed_document() {
    let server = Virtuoso::start();
    let dir = tempfile::tempdir().unwrap();
    let inputs = inputs(dir.path());
    let store = dir.path().join("kg");
    load(&inputs, &store);
    let endpoint = server.url("/sparql-graph-crud-auth");

    // 2,000 triples per request: the code's graph needs many, PUT then POSTs.
    push(&store, &endpoint, &["--batch", "2000", "-v"])
        .success()
        .stderr(predicate::str::contains(format!("replaced <{SEED_GRAPH}>")))
        .stderr(predicate::str::contains(
            "merged <https://w3id.org/policykg/id/entities>",
        ))
        .stderr(predicate::str::contains("pushed 5 of 5 graph(s)"))
        .stderr(predicate::str::contains("0 failure(s)"));

    let local = Local::open(&store);
    check_same_graphs(&server, &local);
    let code = "https://w3id.org/policykg/id/doc/刑法/刑法";
    assert!(
        local.count(code) > 2000 * 3,
        "the code's graph is sent in several requests"
    );
    assert!(local.graphs().contains(
        "https://w3id.org/policykg/id/doc/刑法/刑法修正案%EF%BC%88十二%EF%BC%89%282023-12-29%29"
    ));

    // A few facts, asked of the server.
    let labels: BTreeSet<String> = server
        .column(
            &format!("SELECT ?label WHERE {{ GRAPH <{SEED_GRAPH}> {{ ?m a pkg:Measure ; rdfs:label ?label }} }}"),
            "label",
        )
        .into_iter()
        .collect();
    let expected: BTreeSet<String> = [
        "加强人员之间的交往",
        "为发展中国家说话",
        "给予力所能及的符合发展中国家工会需要的帮助",
        "推动发展中国家工会之间团结合作",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(labels, expected);
    let founding = |year: &str| {
        format!(
            "ASK {{ GRAPH <{SEED_GRAPH}> {{ <https://w3id.org/policykg/id/org/中国职工对外交流中心> schema:foundingDate \"{year}\"^^xsd:gYear }} }}"
        )
    };
    assert!(server.ask(&founding("1984")));
    // The long text literal (the whole code) arrives whole: same length in code points.
    let length = format!(
        "SELECT (STRLEN(?t) AS ?n) WHERE {{ GRAPH <{code}> {{ <{code}> nif:isString ?t }} }}"
    );
    let local_length = local.column(&length, "n");
    assert!(local_length[0].parse::<u64>().unwrap() > 50_000);
    assert_eq!(server.column(&length, "n"), local_length);
    drop(local);

    // Change the seed (1984 → 1985), load it again (its graph is replaced in the
    // store) and push again: the server's graph is replaced, not added to.
    let text = fs::read_to_string(seed())
        .unwrap()
        .replace("1984年", "1985年");
    fs::write(inputs.join("中国工会国际工作.txt"), text).unwrap();
    load(&inputs, &store);
    let before = server.count(SEED_GRAPH);
    push(&store, &endpoint, &["--batch", "2000"])
        .success()
        .stderr(predicate::str::contains("pushed 5 of 5 graph(s)"));
    let local = Local::open(&store);
    assert_eq!(server.count(SEED_GRAPH), local.count(SEED_GRAPH));
    assert!(server.ask(&founding("1985")));
    assert!(
        !server.ask(&founding("1984")),
        "the old fact is gone: the graph was replaced"
    );
    assert!(before > 0);
    for graph in local.graphs() {
        let (remote, here) = (server.count(&graph), local.count(&graph));
        if graph == ENTITIES_GRAPH {
            // Merged, never replaced: the description of 1984, which no document
            // mentions any more, stays on the server.
            assert!(remote >= here, "{remote} < {here}");
        } else {
            assert_eq!(remote, here, "triples in <{graph}>");
        }
    }

    // Only one graph with --graph.
    push(&store, &endpoint, &["--graph", SEED_GRAPH, "-v"])
        .success()
        .stderr(predicate::str::contains("pushed 1 of 1 graph(s)"));
    push(
        &store,
        &endpoint,
        &["--graph", "https://w3id.org/policykg/id/doc/nothing"],
    )
    .code(2)
    .stderr(predicate::str::contains("is not in the store"));
}

#[test]
fn push_files_with_basic_auth_and_refuse_wrong_passwords() {
    let server = Virtuoso::start();
    let dir = tempfile::tempdir().unwrap();
    let nq = dir.path().join("seed.nq");
    policykg()
        .arg("convert")
        .arg(seed())
        .arg("-o")
        .arg(&nq)
        .arg("-q")
        .assert()
        .success();

    // Wrong password, Digest: refused, clearly, and the push stops.
    policykg()
        .arg("push")
        .arg(&nq)
        .args([
            "--endpoint",
            &server.url("/sparql-graph-crud-auth"),
            "--user",
            "dba",
        ])
        .args(["--password", "wrong"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "refused the credentials of user \"dba\" (HTTP 401)",
        ))
        .stderr(predicate::str::contains("check --user and --password"));
    // No credentials at all.
    policykg()
        .arg("push")
        .arg(&nq)
        .args(["--endpoint", &server.url("/sparql-graph-crud-auth")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the endpoint asks for authentication (HTTP 401, Digest)",
        ));
    // Basic credentials where Virtuoso takes Digest only.
    policykg()
        .arg("push")
        .arg(&nq)
        .args([
            "--endpoint",
            &server.url("/sparql-graph-crud-auth"),
            "--user",
            "dba",
        ])
        .args(["--password", "dba", "--auth", "basic"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("try --auth digest"));
    assert!(server.graphs().is_empty(), "nothing was written");

    // Basic against the Basic endpoint: wrong, then right.
    let basic = server.url("/sparql-graph-crud-basic");
    policykg()
        .arg("push")
        .arg(&nq)
        .args(["--endpoint", &basic, "--user", "dba", "--auth", "basic"])
        .env("POLICYKG_PUSH_PASSWORD", "wrong")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refused the credentials"));
    policykg()
        .arg("push")
        .arg(&nq)
        .args(["--endpoint", &basic, "--user", "dba", "--auth", "basic"])
        .env("POLICYKG_PUSH_PASSWORD", "dba")
        .assert()
        .success()
        .stderr(predicate::str::contains("pushed 2 of 2 graph(s)"));

    // The same counts as a store loaded from the same document.
    let store = dir.path().join("kg");
    load(&seed(), &store);
    let local = Local::open(&store);
    check_same_graphs(&server, &local);
}

#[test]
fn unreachable_endpoint_is_retried_then_reported() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    load(&seed(), &store);
    // A port nobody listens on.
    let endpoint = format!("http://127.0.0.1:{}/sparql-graph-crud-auth", free_port());
    push(&store, &endpoint, &["--retries", "2"])
        .code(2)
        .stderr(predicate::str::contains("cannot reach"))
        .stderr(predicate::str::contains("after 3 attempt(s)"))
        .stderr(predicate::str::contains("2 retries"));
}

#[test]
fn push_refuses_files_without_named_graphs() {
    let dir = tempfile::tempdir().unwrap();
    let ttl = dir.path().join("a.ttl");
    fs::write(
        &ttl,
        "<http://e.org/s> <http://e.org/p> <http://e.org/o> .\n",
    )
    .unwrap();
    policykg()
        .arg("push")
        .arg(&ttl)
        .args(["--endpoint", "http://127.0.0.1:9/store"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "push reads N-Quads (.nq) and TriG (.trig)",
        ));
    let trig = dir.path().join("a.trig");
    fs::write(
        &trig,
        "<http://e.org/s> <http://e.org/p> <http://e.org/o> .\n",
    )
    .unwrap();
    policykg()
        .arg("push")
        .arg(&trig)
        .args(["--endpoint", "http://127.0.0.1:9/store"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "1 triple(s) are in the default graph",
        ));
}

/// One request as a server reads it: request line, headers (lower-case names)
/// and nothing of the body.
struct Head {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

impl Head {
    fn read(reader: &mut impl std::io::BufRead) -> Option<Self> {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let mut parts = line.split_whitespace();
        let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).ok()?;
            let line = line.trim_end();
            if line.is_empty() {
                return Some(Self {
                    method,
                    target,
                    headers,
                });
            }
            let (name, value) = line.split_once(':')?;
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The value of `name="value"` or `name=value` in a Digest header.
fn digest_param<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .trim_start_matches("Digest")
        .split(',')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.trim_matches('"'))
}

fn md5_hex(text: &str) -> String {
    use md5::Digest as _;
    md5::Md5::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A Graph Store endpoint behaving as Virtuoso does on a request without
/// credentials, only always: it answers 401 with its Digest challenge and closes
/// the connection without reading the body. With a body larger than the socket's
/// buffers, a client that sends the write first breaks the pipe and never reads
/// the challenge. (This is how the Virtuoso test above failed once in CI.) The
/// server checks the Digest answer (RFC 7616, MD5, qop=auth) against user "dba",
/// password "dba", and keeps the N-Triples lines of the writes it accepts.
#[test]
fn a_server_that_refuses_before_reading_the_body_still_gets_the_data() {
    use std::io::{BufRead as _, BufReader, Read as _, Write as _};
    let dir = tempfile::tempdir().unwrap();
    let inputs = inputs(dir.path());
    let store = dir.path().join("kg");
    load(&inputs, &store);
    let code = "https://w3id.org/policykg/id/doc/刑法/刑法";
    let expected = Local::open(&store).count(code);

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!(
        "http://127.0.0.1:{}/sparql-graph-crud-auth",
        listener.local_addr().unwrap().port()
    );
    let (received, requests) = (
        std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new())),
        std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new())),
    );
    let (received_by_server, requests_by_server) = (received.clone(), requests.clone());
    std::thread::spawn(move || {
        const NONCE: &str = "7f3a9c";
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let Some(head) = Head::read(&mut reader) else {
                continue;
            };
            let mut writer = stream;
            let authorization = head.header("authorization").unwrap_or_default();
            let valid = authorization.starts_with("Digest ") && {
                let p = |name| digest_param(authorization, name).unwrap_or_default();
                let ha1 = md5_hex("dba:SPARQL:dba");
                let ha2 = md5_hex(&format!("{}:{}", head.method, head.target));
                p("uri") == head.target
                    && p("nonce") == NONCE
                    && p("response")
                        == md5_hex(&format!(
                            "{ha1}:{NONCE}:{}:{}:auth:{ha2}",
                            p("nc"),
                            p("cnonce")
                        ))
            };
            requests_by_server.lock().unwrap().push(format!(
                "{} {}",
                head.method,
                if valid { "signed" } else { "unsigned" }
            ));
            if !valid {
                // Answer and close at once, the body unread.
                let _ = writer.write_all(
                    format!(
                        "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"SPARQL\", nonce=\"{NONCE}\", opaque=\"5ebe\", stale=\"false\", qop=\"auth\", algorithm=\"MD5\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    )
                    .as_bytes(),
                );
                continue;
            }
            let length: usize = head
                .header("content-length")
                .and_then(|l| l.parse().ok())
                .unwrap_or(0);
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            received_by_server
                .lock()
                .unwrap()
                .extend(body.lines().map(Result::unwrap));
            let _ = writer.write_all(
                b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });

    // The whole code in one request: megabytes, far more than the socket holds.
    push(
        &store,
        &endpoint,
        &["--graph", code, "--batch", "1000000", "-v"],
    )
    .success()
    .stderr(predicate::str::contains("pushed 1 of 1 graph(s)"))
    .stderr(predicate::str::contains("0 retries"));
    let received = received.lock().unwrap();
    assert_eq!(received.len() as u64, expected);
    assert!(
        received.iter().map(String::len).sum::<usize>() > 4 << 20,
        "the body is larger than the socket's buffers"
    );
    assert_eq!(
        *requests.lock().unwrap(),
        ["HEAD unsigned", "PUT signed"],
        "the challenge is asked for without a body, and the write is sent once"
    );
}
