//! What the user typed: the clap definitions. Doc comments are the help text.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Turn Chinese policy and legal text into an RDF knowledge graph.
///
/// Sections, enumerated measures (一是…二是…), named entities and the facts the text
/// states become triples in an embedded Oxigraph store that answers SPARQL.
#[derive(Debug, Parser)]
#[command(
    name = "policykg",
    version,
    after_help = "Examples:
  policykg demo
  policykg convert data/中国工会国际工作.txt -o out.ttl
  policykg load corpus/ --store ./kg
  policykg query --store ./kg 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
  policykg query --store ./kg -q queries/measures.rq -f csv
  policykg export --store ./kg -o kg.jsonld
  policykg stats --store ./kg

Exit status: 0 on success, 1 when some inputs failed (the others were processed),
2 on a usage error or a fatal error."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert the bundled document, load it into a temporary store and print the
    /// answers to the example queries in queries/.
    Demo(DemoArgs),
    /// Convert documents to an RDF file (or stdout).
    #[command(after_help = "Examples:
  policykg convert data/中国工会国际工作.txt -o out.ttl
  policykg convert corpus/ -f nq > corpus.nq
  cat report.txt | policykg convert - -f jsonld")]
    Convert(ConvertArgs),
    /// Load documents into a persistent store, one named graph per document.
    /// Unchanged documents are skipped; changed ones replace their graph atomically.
    #[command(after_help = "Examples:
  policykg load data/ --store ./kg
  policykg load reports.csv --text-column full_text")]
    Load(LoadArgs),
    /// Run a SPARQL 1.1 query against the store. The default graph is the union of
    /// all document graphs. The prefixes pkg, rdf, rdfs, xsd, owl, dcterms, nif,
    /// itsrdf, schema, skos, org, prov, doco and eli need no declaration.
    #[command(after_help = "Examples:
  policykg query 'SELECT ?l WHERE { ?o a pkg:Organization ; rdfs:label ?l }'
  policykg query -q queries/measures.rq -f json
  policykg query 'CONSTRUCT WHERE { ?s ?p ?o } LIMIT 10' -f ttl")]
    Query(QueryArgs),
    /// Run a SPARQL 1.1 update against the store. The same prefixes as for `query`
    /// need no declaration. Unlike a query's, an update's WHERE matches the default
    /// graph only, which is empty: match the documents' graphs with GRAPH ?g { … }.
    #[command(after_help = "Examples:
  policykg update 'DELETE { GRAPH ?g { ?m ?p ?o } } WHERE { GRAPH ?g { ?m a pkg:Mention ; ?p ?o } }'
  policykg update 'INSERT DATA { GRAPH <urn:notes> { <urn:a> rdfs:comment \"checked\" } }'")]
    Update(UpdateArgs),
    /// Write the store (or one document graph) in an RDF syntax.
    Export(ExportArgs),
    /// Count documents, sections, measures, entities by type, mentions and triples.
    Stats(StatsArgs),
    /// Bring the store's full-text index (in the store folder, `search/`) in step
    /// with the store: `load` does it itself; run this after `load --no-index`, a
    /// killed load, or SPARQL updates. Only changed documents are reindexed.
    Index(IndexArgs),
    /// Search the text of the store (sentences, measures, section and document
    /// titles, entity names) for a word or phrase, in any segmentation: ranked
    /// hits with their document, section and the phrase in context.
    #[command(after_help = "Examples:
  policykg search 低空经济 --store ./reports
  policykg search 低空经济 --type measure --filter province=江苏省 -n 5
  policykg search 民法典 --type entity -f json")]
    Search(SearchArgs),
    /// Send named graphs to a remote triple store with the SPARQL 1.1 Graph Store
    /// HTTP Protocol: document graphs are replaced (PUT), the shared entities graph
    /// is merged (POST).
    #[command(after_help = "Examples:
  policykg push --store ./kg --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --user dba
  policykg push kg.nq --endpoint https://triples.example.org/store --user me --auth basic
  POLICYKG_PUSH_PASSWORD=secret policykg push --store ./kg --endpoint URL --user me --graph IRI

A document graph (one that holds <g> a pkg:Document) is replaced: its first request
is a PUT {endpoint}?graph={IRI}; when it has more than --batch triples, the other
requests POST to it. Every other graph (the shared entities graph) is merged with
POST only, so what other machines pushed there stays. Bodies are N-Triples.

Exit status: 0 when every graph was sent, 1 when some failed (the others were
sent; push again to replace them), 2 on a usage error or a fatal error.")]
    Push(PushArgs),
    /// Show how a document is read: its sections, measures, entities and relations.
    Parse(ParseArgs),
    /// Check a store or RDF files against the SHACL shapes (ontology/shapes.ttl by
    /// default) and print each violation: focus node, path, value, shape, message.
    #[command(after_help = "Examples:
  policykg validate --store ./kg
  policykg convert data/中国工会国际工作.txt -o out.nq && policykg validate out.nq
  policykg validate --store ./kg -f json --limit 0 > report.json
  policykg validate kg.trig --shapes my-shapes.ttl

The data checked is the union of all graphs (entities are described in a graph of
their own). Supported: the SHACL Core constructs ontology/shapes.ttl uses; shapes
with any other construct are refused, never passed silently.

Exit status: 0 when the data conforms, 1 when there are violations, 2 on a usage
error, an unreadable file or store, or shapes that cannot be read.")]
    Validate(ValidateArgs),
    /// Serve the store over HTTP: a SPARQL 1.1 Protocol endpoint at /sparql and the
    /// Graph Store Protocol at /store. Read-only unless --writable.
    #[command(after_help = "Examples:
  policykg serve --store ./kg
  curl 'http://127.0.0.1:7878/sparql' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3'
  curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/sparql?query=ASK%7B%7D'
  curl 'http://127.0.0.1:7878/store?graph=https://w3id.org/policykg/id/doc/NAME'
  policykg serve --store ./kg --writable --bind 127.0.0.1:0

Answers: SELECT/ASK as application/sparql-results+json (default), +xml, text/csv or
text/tab-separated-values; graphs as text/turtle (default), application/n-triples,
application/n-quads, application/trig, application/rdf+xml or application/ld+json,
by the Accept header or a format= parameter (json, xml, csv, tsv, ttl, nt, nq, trig,
rdf, jsonld). An answer cut at --max-results carries X-Policykg-Truncated: true.

Stops cleanly on Ctrl-C or SIGTERM.")]
    Serve(ServeArgs),
}

/// How much to print on stderr.
#[derive(Debug, Args, Clone, Copy)]
pub struct Verbosity {
    /// Print nothing but errors.
    #[arg(short, long, global = false)]
    pub quiet: bool,
    /// Print more: every document and every warning in full.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Options that shape conversion.
#[derive(Debug, Args, Clone)]
pub struct ConversionArgs {
    /// Base IRI for documents and entities.
    #[arg(
        long,
        value_name = "IRI",
        default_value = "https://w3id.org/policykg/id/"
    )]
    pub base: String,
    /// Extra gazetteer entities (label<TAB>type<TAB>aliases, like data/gazetteer.tsv).
    /// May be given more than once.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// The column of a CSV or JSONL file that holds the text (detected by default,
    /// e.g. full_text, text, content, 正文).
    #[arg(long, value_name = "NAME")]
    pub text_column: Option<String>,
    /// Put PREFIX/ before every document id (ids are otherwise the path relative
    /// to the folder given, without extension): two folders with files of the same
    /// names then get ids, and graphs, of their own.
    #[arg(long, value_name = "PREFIX")]
    pub id_prefix: Option<String>,
    /// How to read stdin (`-`) and files named one by one, whatever their
    /// extension: txt, md, csv (a row per document) or jsonl. Files found in a
    /// folder are read by their extension.
    #[arg(long, value_name = "FORMAT", value_parser = ["txt", "md", "csv", "jsonl"])]
    pub input_format: Option<String>,
    /// Refuse an input file (or stdin) larger than SIZE, before reading it.
    /// Memory grows with one document's size (about 10 bytes per byte of text:
    /// under 1 GiB for the default); split larger inputs into several files.
    #[arg(long, value_name = "SIZE", default_value = "50M", value_parser = super::serve::parse_size)]
    pub max_input_size: usize,
}

/// Where the store is.
#[derive(Debug, Args, Clone)]
pub struct StoreArgs {
    /// The store folder (created by `load` if missing).
    #[arg(
        long,
        value_name = "DIR",
        env = "POLICYKG_STORE",
        default_value = "./policykg-store"
    )]
    pub store: PathBuf,
}

/// `policykg demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Keep the demo store in this folder instead of a temporary one.
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
}

/// `policykg convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Files or folders to convert (.txt, .md, .csv, .jsonl); `-` reads stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output file; stdout when absent or `-`.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output syntax: ttl, trig, nt, nq, rdf (RDF/XML) or jsonld, or a media type.
    /// Defaults from the output file's extension, else Turtle.
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Convert only shard I of N (1 ≤ I ≤ N): a fixed share of the documents, chosen
    /// by their ids, so N machines can each convert one shard and bulk-load the union.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<policykg::batch::Shard>,
    /// JSON-LD only: `embed` the context (default) or refer to it by this URL.
    #[arg(long, value_name = "embed|URL", default_value = "embed")]
    pub context: String,
    #[command(flatten)]
    pub jobs: Jobs,
    #[command(flatten)]
    pub conversion: ConversionArgs,
    #[command(flatten)]
    pub verbosity: Verbosity,
}

/// `policykg load`.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Files or folders to load (.txt, .md, .csv, .jsonl); `-` reads stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
    /// Remove the graphs of documents that are in the store but not among the inputs
    /// of this run (files deleted since the last load).
    #[arg(long)]
    pub prune: bool,
    /// Replace a stored document with a different one of the same id (from another
    /// path). Without it, such a document is refused: ids come from paths relative
    /// to the folder given, so two folders with the same file names collide; give
    /// one of them --id-prefix instead.
    #[arg(long)]
    pub replace: bool,
    /// New documents are added to the store, atomically, once this many quads are
    /// waiting, and at the end; 0 commits only at the end. A killed run loses only
    /// what was not committed. Each commit costs the store a merge, so fewer are
    /// faster; memory does not depend on it.
    #[arg(long, value_name = "QUADS", default_value_t = 10_000_000)]
    pub commit_every: u64,
    /// Do not bring the full-text index (`{store}/search`) in step with the store
    /// after loading; `policykg search` then refuses until `policykg index` runs.
    #[arg(long)]
    pub no_index: bool,
    #[command(flatten)]
    pub jobs: Jobs,
    #[command(flatten)]
    pub conversion: ConversionArgs,
    #[command(flatten)]
    pub verbosity: Verbosity,
}

/// How many threads convert documents.
#[derive(Debug, Args, Clone, Copy)]
pub struct Jobs {
    /// Conversion threads (default: one per core).
    #[arg(
        short = 'j',
        long = "jobs",
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    pub jobs: usize,
}

/// `policykg query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The SPARQL query; or use -q FILE; or stdin when neither is given.
    #[arg(value_name = "SPARQL", conflicts_with = "query_file")]
    pub query: Option<String>,
    /// Read the query from a file.
    #[arg(short = 'q', long, value_name = "FILE")]
    pub query_file: Option<PathBuf>,
    /// Result format: table, json, csv, tsv or xml for SELECT/ASK; an RDF syntax (ttl,
    /// nt, nq, trig, rdf, jsonld) for CONSTRUCT/DESCRIBE. Default: a table on a
    /// terminal, TSV otherwise; Turtle for graphs.
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write the results to a file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Stop after this long with an error (exit 2): 500ms, 30s, 2m; 0 (the
    /// default) for no limit.
    #[arg(long, value_name = "DURATION", default_value = "0", value_parser = super::serve::parse_duration)]
    pub timeout: std::time::Duration,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `policykg update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The SPARQL update; or use -u FILE; or stdin when neither is given.
    #[arg(value_name = "SPARQL", conflicts_with = "update_file")]
    pub update: Option<String>,
    /// Read the update from a file.
    #[arg(short = 'u', long, value_name = "FILE")]
    pub update_file: Option<PathBuf>,
    /// Stop after this long with an error (exit 2): 500ms, 30s, 2m; 0 (the
    /// default) for no limit.
    #[arg(long, value_name = "DURATION", default_value = "0", value_parser = super::serve::parse_duration)]
    pub timeout: std::time::Duration,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `policykg export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output file; stdout when absent or `-`.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output syntax: ttl, trig, nt, nq, rdf or jsonld; or a property graph:
    /// graphml (Gephi, Cytoscape, NetworkX) or neo4j (nodes.csv and
    /// relationships.csv in the folder given with -o, for neo4j-admin import).
    /// Defaults from the output file's extension, else N-Quads.
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Export only this document graph (its IRI).
    #[arg(long, value_name = "IRI", conflicts_with = "construct")]
    pub graph: Option<String>,
    /// Export the graph a SPARQL CONSTRUCT query in FILE builds, e.g. the citation
    /// graph of the laws (`queries/citation-graph.rq`) as GraphML.
    #[arg(long, value_name = "FILE")]
    pub construct: Option<PathBuf>,
    /// JSON-LD only: `embed` the context (default) or refer to it by this URL.
    #[arg(long, value_name = "embed|URL", default_value = "embed")]
    pub context: String,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `policykg index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `policykg search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The word or phrase to find (any substring of the text: 低空经济, 民法典, 5G).
    #[arg(value_name = "TEXT")]
    pub text: String,
    /// Only hits of these kinds: sentence, measure, section, entity, document
    /// (repeat or separate with commas).
    #[arg(short = 't', long = "type", value_name = "KIND", value_delimiter = ',')]
    pub kinds: Vec<policykg::search::Kind>,
    /// Only hits from documents with this metadata: province=江苏省, year=2026,
    /// doctype=law (or doctype=document: not a law), document=IRI (repeatable;
    /// all must hold).
    #[arg(long, value_name = "NAME=VALUE")]
    pub filter: Vec<String>,
    /// How many hits.
    #[arg(short = 'n', long, default_value_t = 20)]
    pub limit: usize,
    /// table (default on a terminal, with the match highlighted), tsv or json.
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `policykg stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print the counts as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `policykg serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The address and port to listen on. Loopback only by default; give another
    /// address (0.0.0.0:7878 for all) to let other machines in. Port 0 picks a free
    /// port; the address is printed on stderr either way.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Accept SPARQL updates and Graph Store writes (PUT, POST, DELETE). Without
    /// it the store is opened read-only and writes get 403.
    #[arg(long)]
    pub writable: bool,
    /// Stop a query or update that runs longer than this and answer 503: 500ms,
    /// 30s, 2m; 0 for no limit.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = super::serve::parse_duration)]
    pub timeout: std::time::Duration,
    /// Answer at most this many solutions or triples; a longer answer is cut and
    /// carries the header X-Policykg-Truncated: true. 0 for no limit.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub max_results: usize,
    /// Refuse request bodies (queries, updates, uploaded graphs) larger than this
    /// with 413: 64K, 32M, 1G.
    #[arg(long, value_name = "SIZE", default_value = "32M", value_parser = super::serve::parse_size)]
    pub max_body: usize,
    /// How many requests may use the store at once.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: u16,
    /// How many more threads are kept for selective queries (every pattern
    /// anchored by a named resource or value) and the workbench's pages, so that
    /// they are answered while scans hold the others; 0 keeps none.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub quick_threads: u16,
    /// How long a query may run on a kept thread before it is stopped (503).
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = super::serve::parse_duration)]
    pub quick_timeout: std::time::Duration,
    /// How many requests may wait for the store when all threads are busy; one
    /// more is answered 503 at once (waiting counts against --timeout).
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub max_queue: usize,
    /// How many connections may be open at once; one more is answered 503 and
    /// closed.
    #[arg(long, value_name = "N", default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// Close a connection whose request head has not arrived within this, or that
    /// stays idle this long between requests: 500ms, 10s.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = super::serve::parse_duration)]
    pub header_timeout: std::time::Duration,
    /// Answer 408 to a request whose body has not arrived within this: 60s, 2m.
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = super::serve::parse_duration)]
    pub body_timeout: std::time::Duration,
    /// The most memory the server may use (resident): above it, the queries and
    /// updates running are stopped with 503 and the server lives on: 2G, 512M;
    /// 0 for no limit. Default: half of the machine's memory.
    #[arg(long, value_name = "SIZE", value_parser = super::serve::parse_size)]
    pub max_memory: Option<usize>,
    /// Print only the listening address and errors, not a line per request.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `policykg validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// RDF files to check instead of a store (.nq, .trig, .ttl, .nt, .rdf, .jsonld),
    /// read into memory; the union of their graphs is checked. `-` reads N-Quads
    /// from stdin.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The store to check when no FILE is given [env: POLICYKG_STORE] [default:
    /// ./policykg-store].
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// SHACL shapes (Turtle, or another syntax by extension) to check against
    /// instead of the bundled ontology/shapes.ttl.
    #[arg(long, value_name = "FILE")]
    pub shapes: Option<PathBuf>,
    /// Print at most N violations of each constraint (all are counted); 0 prints all.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Output: text, or json for machines (full IRIs; every violation with
    /// --limit 0).
    #[arg(short, long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    /// The same as -f json.
    #[arg(long)]
    pub json: bool,
    /// Print nothing; the exit status says whether the data conforms.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print the SPARQL query each constraint becomes, instead of validating.
    #[arg(long)]
    pub explain: bool,
}

/// `policykg parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The file to parse; `-` reads stdin.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    /// Print the whole document model as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub conversion: ConversionArgs,
}

/// `policykg push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// N-Quads (.nq) or TriG (.trig) files to send, instead of a store.
    #[arg(
        value_name = "FILE",
        required_unless_present = "store",
        conflicts_with = "store"
    )]
    pub files: Vec<PathBuf>,
    /// Send the graphs of this store (all document graphs and the entities graph).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// The Graph Store endpoint, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth
    /// for Virtuoso.
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// The user to authenticate as.
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,
    /// The password (better: the environment variable, which other users cannot see
    /// in the process list).
    #[arg(
        long,
        value_name = "PASSWORD",
        env = "POLICYKG_PUSH_PASSWORD",
        hide_env_values = true
    )]
    pub password: Option<String>,
    /// HTTP authentication: digest (Virtuoso's /sparql-graph-crud-auth) or basic
    /// (sends the password as is: use it over https).
    #[arg(long, value_name = "SCHEME", default_value = "digest", value_parser = ["basic", "digest"])]
    pub auth: String,
    /// Send only this graph (its IRI). May be given more than once.
    #[arg(long, value_name = "IRI")]
    pub graph: Vec<String>,
    /// Triples per request. A larger graph is sent in several requests.
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub batch: u64,
    /// How many times a request is sent again after a connection error or an HTTP
    /// 5xx, waiting 0.5 s, 1 s, 2 s, … in between. 4xx answers are not retried.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,
    #[command(flatten)]
    pub verbosity: Verbosity,
}
