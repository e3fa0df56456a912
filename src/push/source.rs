//! Where the graphs come from: a policykg store or N-Quads/TriG files.

use super::{Graph, Mode, PushError};
use crate::store::{KgStore, META_GRAPH, StoreError};
use crate::vocab::{pkg, rdf};
use indexmap::{IndexMap, IndexSet};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term, Triple};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Where the graphs come from.
pub enum Source<'a> {
    /// A policykg store: its document graphs and the shared graphs.
    Store(&'a KgStore),
    /// N-Quads or TriG files, read into memory.
    Files(FileGraphs),
}

/// The graphs of RDF files, grouped by graph, each triple once.
#[derive(Debug, Default)]
pub struct FileGraphs {
    graphs: IndexMap<NamedNode, IndexSet<Triple>>,
}

impl FileGraphs {
    /// Reads N-Quads (`.nq`) and TriG (`.trig`) files, chosen by extension. Every
    /// file is read before anything is sent, so a bad file fails the push early.
    pub fn read(paths: &[PathBuf]) -> Result<Self, PushError> {
        let mut graphs = Self::default();
        for path in paths {
            graphs.read_file(path)?;
        }
        Ok(graphs)
    }

    fn read_file(&mut self, path: &Path) -> Result<(), PushError> {
        let format = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(|e| RdfFormat::from_extension(&e.to_ascii_lowercase()))
            .filter(|f| matches!(f, RdfFormat::NQuads | RdfFormat::TriG))
            .ok_or_else(|| PushError::Format {
                path: path.to_owned(),
            })?;
        let file = std::fs::File::open(path).map_err(|source| PushError::Io {
            path: path.to_owned(),
            source,
        })?;
        let mut in_default = 0;
        for quad in RdfParser::from_format(format).for_reader(std::io::BufReader::new(file)) {
            let quad = quad.map_err(|source| PushError::Parse {
                path: path.to_owned(),
                source,
            })?;
            match &quad.graph_name {
                GraphName::NamedNode(g) => {
                    let g = g.clone();
                    self.graphs.entry(g).or_default().insert(quad.into());
                }
                _ => in_default += 1,
            }
        }
        if in_default > 0 {
            return Err(PushError::DefaultGraph {
                path: path.to_owned(),
                count: in_default,
            });
        }
        Ok(())
    }

    /// Triples read, over all graphs.
    pub fn len(&self) -> usize {
        self.graphs.values().map(IndexSet::len).sum()
    }

    /// True when no triple was read.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Source<'_> {
    /// The graphs to send: the shared graphs first (so documents never point at
    /// entities the server has not heard of), then the document graphs, each group
    /// sorted by IRI. Empty graphs and the store's own metadata graph are left out.
    pub fn graphs(&self) -> Result<Vec<Graph>, PushError> {
        let mut documents = BTreeSet::new();
        let mut shared = BTreeSet::new();
        match self {
            Self::Store(store) => {
                documents.extend(store.document_graphs()?);
                for name in store.inner().named_graphs() {
                    let NamedOrBlankNode::NamedNode(name) = name.map_err(StoreError::from)? else {
                        continue;
                    };
                    if name.as_str() == META_GRAPH || documents.contains(&name) {
                        continue;
                    }
                    if store.quads(Some(&name)).next().is_some() {
                        shared.insert(name);
                    }
                }
            }
            Self::Files(files) => {
                let rdf_type = NamedNode::new_unchecked(rdf::TYPE);
                let document = Term::from(NamedNode::new_unchecked(pkg::DOCUMENT));
                for (name, triples) in &files.graphs {
                    let is_document = triples.iter().any(|t| {
                        t.predicate == rdf_type
                            && t.object == document
                            && matches!(&t.subject, NamedOrBlankNode::NamedNode(s) if s == name)
                    });
                    if is_document {
                        documents.insert(name.clone());
                    } else if !triples.is_empty() {
                        shared.insert(name.clone());
                    }
                }
            }
        }
        let shared = shared.into_iter().map(|name| Graph {
            name,
            mode: Mode::Merge,
        });
        let documents = documents.into_iter().map(|name| Graph {
            name,
            mode: Mode::Replace,
        });
        Ok(shared.chain(documents).collect())
    }

    /// The graphs to send, limited to `only` when it is not empty (in the order
    /// given). An IRI that is not among the sources is an error, before anything
    /// is sent.
    pub fn select(&self, only: &[String]) -> Result<Vec<Graph>, PushError> {
        let all = self.graphs()?;
        if only.is_empty() {
            return Ok(all);
        }
        only.iter()
            .map(|iri| {
                all.iter()
                    .find(|g| g.name.as_str() == iri)
                    .cloned()
                    .ok_or_else(|| PushError::UnknownGraph {
                        graph: iri.clone(),
                        source_kind: match self {
                            Self::Store(_) => "store",
                            Self::Files(_) => "files",
                        },
                    })
            })
            .collect()
    }

    /// The triples of one graph.
    pub(super) fn triples<'s>(
        &'s self,
        graph: &NamedNode,
    ) -> Box<dyn Iterator<Item = Result<Triple, PushError>> + 's> {
        match self {
            Self::Store(store) => Box::new(
                store
                    .quads(Some(graph))
                    .map(|q| q.map(Triple::from).map_err(PushError::from)),
            ),
            Self::Files(files) => match files.graphs.get(graph) {
                Some(triples) => Box::new(triples.iter().cloned().map(Ok)),
                None => Box::new(std::iter::empty()),
            },
        }
    }
}
