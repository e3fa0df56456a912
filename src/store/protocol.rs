//! What the SPARQL 1.1 Protocol and the Graph Store HTTP Protocol need from the
//! store: queries and updates with a dataset named by the request and a
//! cancellation token (for time limits), and whole-graph reads and writes.
//!
//! Knows nothing of HTTP: `serve/` turns requests into these calls.

use super::{KgStore, META_GRAPH, StoreError};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};

/// The RDF dataset a protocol request names with `default-graph-uri` and
/// `named-graph-uri` (or `using-graph-uri` and `using-named-graph-uri` for updates).
/// It replaces the dataset of the query's FROM and FROM NAMED clauses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestDataset {
    /// The graphs merged into the default graph.
    pub default_graphs: Vec<NamedNode>,
    /// The graphs `GRAPH ?g { … }` may match.
    pub named_graphs: Vec<NamedNode>,
}

impl RequestDataset {
    /// Makes a query's (or an update's WHERE clause's) dataset this one.
    fn apply_to(&self, spec: &mut oxigraph::sparql::QueryDataset) {
        spec.set_default_graph(
            self.default_graphs
                .iter()
                .cloned()
                .map(GraphName::from)
                .collect(),
        );
        spec.set_available_named_graphs(
            self.named_graphs
                .iter()
                .cloned()
                .map(NamedOrBlankNode::from)
                .collect(),
        );
    }
}

/// How to run a protocol query or update.
#[derive(Clone, Default)]
pub struct ProtocolOptions {
    /// A dataset named by the request; without one, the query's own FROM clauses
    /// apply, and without those the default graph is the union of all graphs.
    pub dataset: Option<RequestDataset>,
    /// Cancels the evaluation when triggered (for time limits): iterating the
    /// results then fails with a cancelled error (see [`StoreError::is_cancelled`]).
    pub cancellation: Option<CancellationToken>,
}

impl std::fmt::Debug for ProtocolOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProtocolOptions")
            .field("dataset", &self.dataset)
            .field("cancellation", &self.cancellation.is_some())
            .finish()
    }
}

/// Why an update named a dataset the protocol does not allow.
const USING_CONFLICT: &str = "the update names its own dataset (USING, USING NAMED or WITH); \
    give either those or the using-graph-uri / using-named-graph-uri parameters, not both";

impl StoreError {
    /// True when a query or update stopped because its cancellation token was
    /// triggered (a time limit ran out).
    pub fn is_cancelled(&self) -> bool {
        match self {
            StoreError::Query(QueryEvaluationError::Cancelled) => true,
            // Updates wrap the evaluation error of their WHERE clause.
            StoreError::Update(oxigraph::sparql::UpdateEvaluationError::Unexpected(inner)) => {
                matches!(
                    inner.downcast_ref::<QueryEvaluationError>(),
                    Some(QueryEvaluationError::Cancelled)
                )
            }
            _ => false,
        }
    }

    /// True when the error comes from the request (a syntax error, an unknown
    /// service, a graph that already exists …) rather than from the store itself
    /// or from a cancellation.
    pub fn is_request_error(&self) -> bool {
        use oxigraph::sparql::UpdateEvaluationError as U;
        match self {
            StoreError::Syntax(_) | StoreError::TooDeep(_) => true,
            StoreError::Query(e) => !matches!(
                e,
                QueryEvaluationError::Dataset(_)
                    | QueryEvaluationError::Cancelled
                    | QueryEvaluationError::UnexpectedDefaultGraph
                    | QueryEvaluationError::Unexpected(_)
            ),
            StoreError::Update(e) => matches!(
                e,
                U::GraphParsing(_)
                    | U::Service(_)
                    | U::GraphAlreadyExists(_)
                    | U::GraphDoesNotExist(_)
                    | U::UnboundService
                    | U::InvalidServiceName(_)
                    | U::UnsupportedService(_)
                    | U::UnsupportedContentType(_)
                    | U::NotExistingSubstitutedVariable(_)
            ),
            _ => false,
        }
    }
}

impl KgStore {
    /// Runs a SPARQL query as the protocol asks: the request's dataset, if it
    /// names one, replaces the query's FROM clauses; without either, the default
    /// graph is the union of all graphs (as [`KgStore::query`] does).
    ///
    /// ```
    /// use oxigraph::sparql::{CancellationToken, QueryResults};
    /// use policykg::store::{KgStore, protocol::ProtocolOptions};
    /// let store = KgStore::in_memory()?;
    /// let token = CancellationToken::new();
    /// let options = ProtocolOptions { cancellation: Some(token.clone()), ..Default::default() };
    /// let QueryResults::Solutions(mut rows) = store.protocol_query("SELECT * WHERE { ?s ?p ?o }", &options)? else { panic!() };
    /// token.cancel();
    /// let error = policykg::store::StoreError::from(rows.next().unwrap().unwrap_err());
    /// assert!(error.is_cancelled());
    /// # Ok::<_, Box<dyn std::error::Error>>(())
    /// ```
    pub fn protocol_query(
        &self,
        sparql: &str,
        options: &ProtocolOptions,
    ) -> Result<QueryResults<'static>, StoreError> {
        super::shape::check(sparql)?;
        let mut prepared = evaluator(self, options).parse_query(sparql)?;
        match &options.dataset {
            Some(dataset) => {
                dataset.apply_to(prepared.dataset_mut());
            }
            None if prepared.dataset().is_default_dataset() => {
                prepared.dataset_mut().set_default_graph_as_union();
            }
            None => {}
        }
        Ok(prepared.on_store(&self.store).execute()?)
    }

    /// Runs a SPARQL update as the protocol asks. A dataset from the request applies
    /// to every operation's WHERE clause; an update that names its own (USING, WITH)
    /// is refused then, as the protocol requires. Without either, WHERE clauses see
    /// the store's own default graph, as SPARQL Update specifies.
    pub fn protocol_update(
        &self,
        sparql: &str,
        options: &ProtocolOptions,
    ) -> Result<(), ProtocolUpdateError> {
        super::shape::check(sparql).map_err(StoreError::from)?;
        let mut prepared = evaluator(self, options)
            .parse_update(sparql)
            .map_err(StoreError::from)?;
        if let Some(dataset) = &options.dataset {
            for spec in prepared.using_datasets_mut() {
                if !spec.is_default_dataset() {
                    return Err(ProtocolUpdateError::DatasetConflict(USING_CONFLICT));
                }
                dataset.apply_to(spec);
            }
        }
        let done = prepared.on_store(&self.store).execute();
        self.changed();
        done.map_err(StoreError::from)?;
        Ok(())
    }

    /// True when the store has this named graph (even an empty one).
    pub fn has_graph(&self, graph: &NamedNode) -> Result<bool, StoreError> {
        Ok(self.store.contains_named_graph(graph)?)
    }

    /// The triples of one graph (a named graph, or the store's own default graph),
    /// as quads in that graph, in store order.
    pub fn graph_quads(
        &self,
        graph: &GraphName,
    ) -> impl Iterator<Item = Result<Quad, StoreError>> + use<> {
        self.store
            .quads_for_pattern(None, None, None, Some(graph.as_ref()))
            .map(|q| q.map_err(StoreError::from))
    }

    /// Every quad of the store except its own metadata graph, in store order.
    pub fn dataset_quads(&self) -> impl Iterator<Item = Result<Quad, StoreError>> + use<> {
        self.store
            .iter()
            .map(|q| q.map_err(StoreError::from))
            .filter(|q| {
                !matches!(q, Ok(q) if matches!(&q.graph_name, GraphName::NamedNode(n) if n.as_str() == META_GRAPH))
            })
    }

    /// Replaces the content of a graph (named or default) with `quads`, in one
    /// transaction; the quads' own graph names are ignored. Returns true when a
    /// named graph was created.
    pub fn put_graph(&self, graph: &GraphName, quads: Vec<Quad>) -> Result<bool, StoreError> {
        let created = self.is_new_graph(graph)?;
        let mut transaction = self.store.start_transaction()?;
        transaction.clear_graph(graph.as_ref())?;
        if let GraphName::NamedNode(named) = graph {
            transaction.insert_named_graph(named.as_ref());
        }
        for quad in quads {
            transaction.insert(&Quad::new(
                quad.subject,
                quad.predicate,
                quad.object,
                graph.clone(),
            ));
        }
        let committed = transaction.commit();
        self.changed();
        committed?;
        Ok(created)
    }

    /// Adds `quads` to a graph (named or default) in one transaction; the quads'
    /// own graph names are ignored. Returns true when a named graph was created.
    pub fn add_to_graph(&self, graph: &GraphName, quads: Vec<Quad>) -> Result<bool, StoreError> {
        let created = self.is_new_graph(graph)?;
        let mut transaction = self.store.start_transaction()?;
        if let GraphName::NamedNode(named) = graph {
            transaction.insert_named_graph(named.as_ref());
        }
        for quad in quads {
            transaction.insert(&Quad::new(
                quad.subject,
                quad.predicate,
                quad.object,
                graph.clone(),
            ));
        }
        let committed = transaction.commit();
        self.changed();
        committed?;
        Ok(created)
    }

    /// Removes a named graph (or empties the default graph). Returns false when
    /// the named graph was not there.
    pub fn delete_graph(&self, graph: &GraphName) -> Result<bool, StoreError> {
        match graph {
            GraphName::NamedNode(named) => {
                if !self.store.contains_named_graph(named)? {
                    return Ok(false);
                }
                let removed = self.store.remove_named_graph(named);
                self.changed();
                removed?;
            }
            GraphName::DefaultGraph => {
                let cleared = self.store.clear_graph(GraphNameRef::DefaultGraph);
                self.changed();
                cleared?;
            }
            GraphName::BlankNode(_) => return Ok(false),
        }
        Ok(true)
    }

    fn is_new_graph(&self, graph: &GraphName) -> Result<bool, StoreError> {
        Ok(match graph {
            GraphName::NamedNode(named) => !self.store.contains_named_graph(named)?,
            _ => false,
        })
    }
}

/// Why a protocol update failed.
#[derive(Debug, thiserror::Error)]
pub enum ProtocolUpdateError {
    /// The update and the request both name a dataset.
    #[error("{0}")]
    DatasetConflict(&'static str),
    /// Parsing or running the update failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn evaluator(store: &KgStore, options: &ProtocolOptions) -> SparqlEvaluator {
    let evaluator = store.evaluator();
    match &options.cancellation {
        Some(token) => evaluator.with_cancellation_token(token.clone()),
        None => evaluator,
    }
}
