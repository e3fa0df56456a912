//! Validation of a store against SHACL shapes (`policykg validate`): which nodes
//! break which constraint of `ontology/shapes.ttl` (or of other shapes).
//!
//! The shapes are read into a model ([`Shapes`], `shapes.rs`), and each constraint
//! of a shape with targets becomes one SPARQL SELECT that returns its violations
//! (`sparql.rs`; a path's `sh:minCount` and `sh:maxCount` share one count). The
//! queries run in place, on the store's union of graphs, with Oxigraph's own
//! engine, in parallel on the rayon pool. Why not a SHACL library: the Rust SHACL
//! validators (the rudof crates) pull in some 300 crates, a second SPARQL engine
//! among them, and validate their own copy of the data, so a 7-million-triple
//! corpus store would first be copied into memory. Queries derived from the shapes
//! file are a few hundred lines, check the store where it is, and use its indexes:
//! the whole laws corpus (7 million triples) validates in under a minute on two
//! cores. The price is the subset: only the SHACL Core constructs that the bundled
//! shapes use are read, and any other one fails when the shapes are read, naming
//! the shape, never as a silent pass. The violations found agree with pySHACL's
//! (tests/it/validate.rs).
//!
//! SHACL validates one data graph; here that is the union of all graphs, as
//! `docs/shapes-and-context.md` asks, since a document's mentions point at
//! entities described in the shared entities graph. Like `pyshacl -i none`, no
//! inference is made: class membership follows `rdfs:subClassOf` only where the
//! data itself holds such triples (policykg writes none).
//!
//! ```
//! use policykg::store::KgStore;
//! use policykg::validate::{validate, Options, Shapes};
//! let store = KgStore::scratch().unwrap();
//! let nq = r#"<https://w3id.org/policykg/id/doc/a/section/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/policykg/ontology#Section> <https://w3id.org/policykg/id/doc/a> ."#;
//! store.load_rdf(oxigraph::io::RdfFormat::NQuads, nq.as_bytes()).unwrap();
//! let report = validate(&store, &Shapes::bundled(), &Options::default()).unwrap();
//! assert!(!report.conforms());
//! let level = report.outcomes.iter().find(|o| o.shape_name == "pkgsh:Section-level-count").unwrap();
//! assert_eq!(level.results[0].focus.to_string(), "<https://w3id.org/policykg/id/doc/a/section/1>");
//! ```

mod shapes;
mod sparql;

pub use shapes::{
    BUNDLED, Component, Constraint, NodeKind, Shape, Shapes, ShapesError, Target, sh,
};

use crate::store::{KgStore, StoreError};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};
use oxigraph::sparql::QueryResults;
use rayon::prelude::*;
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// How to validate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Keep at most this many violations of each constraint in the report (all are
    /// counted); `None` keeps them all.
    pub limit: Option<usize>,
}

/// Why validation could not run (violations are not errors: see [`Report`]).
#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    /// The query of one constraint failed.
    #[error("checking {shape} ({constraint}) failed: {source}")]
    Check {
        /// The shape.
        shape: String,
        /// The constraint, e.g. `sh:minCount 1`.
        constraint: String,
        /// The store's error.
        source: Box<StoreError>,
    },
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What validation found.
#[derive(Debug, Clone)]
pub struct Report {
    /// One entry per constraint that has violations, in the order of the shapes file.
    pub outcomes: Vec<Outcome>,
    /// Shapes checked: the shapes with targets and their property shapes.
    pub shapes: usize,
    /// Constraints checked.
    pub constraints: usize,
    /// Queries run (a path's `sh:minCount` and `sh:maxCount` share one).
    pub queries: usize,
    /// Quads in the store.
    pub triples: u64,
    /// Distinct focus nodes with at least one violation.
    pub focus_nodes: usize,
    /// How long validation took.
    pub elapsed: Duration,
}

impl Report {
    /// True when no constraint has a violation (of any severity, as SHACL's
    /// `sh:conforms`).
    pub fn conforms(&self) -> bool {
        self.outcomes.is_empty()
    }

    /// Violations over all constraints.
    pub fn violations(&self) -> u64 {
        self.outcomes.iter().map(|o| o.count).sum()
    }
}

/// The violations of one constraint of one shape.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The shape that holds the constraint (SHACL's `sh:sourceShape`).
    pub shape: NamedOrBlankNode,
    /// Its name for people, e.g. `pkgsh:Section-level-value`.
    pub shape_name: String,
    /// The constraint component (SHACL's `sh:sourceConstraintComponent`).
    pub component: Component,
    /// The constraint.
    pub constraint: Constraint,
    /// The constraint for people, e.g. `sh:minInclusive 1`.
    pub description: String,
    /// The property shape's path; `None` for a node shape.
    pub path: Option<NamedNode>,
    /// `sh:Violation` unless the shape says otherwise.
    pub severity: NamedNode,
    /// The shape's `sh:message`, or one made from the constraint.
    pub message: String,
    /// How many violations there are.
    pub count: u64,
    /// The violations kept (all, or the first [`Options::limit`] by focus node).
    pub results: Vec<Violation>,
}

/// One focus node that breaks a constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The focus node (SHACL's `sh:focusNode`).
    pub focus: Term,
    /// The value node that breaks the constraint (SHACL's `sh:value`), when the
    /// constraint is about single values; for a node shape, the focus node.
    pub value: Option<Term>,
    /// For `sh:minCount` and `sh:maxCount`: how many distinct values there are.
    pub values: Option<u64>,
}

/// The SPARQL query of one constraint, as [`validate`] runs it.
#[derive(Debug, Clone)]
pub struct Query {
    /// The shape that holds the constraint.
    pub shape_name: String,
    /// The constraint, e.g. `sh:minInclusive 1`; `sh:minCount 1 sh:maxCount 1`
    /// when one count checks both.
    pub constraint: String,
    /// The query: its rows are the violations (`?this`, and `?value` or `?count`).
    pub sparql: String,
}

/// The queries [`validate`] runs for these shapes on this store, in order, e.g. to
/// read or run them by hand. How they are written depends on the data (which
/// classes have subclasses, how many focus nodes each shape has).
///
/// ```
/// use policykg::store::KgStore;
/// use policykg::validate::{queries, Shapes};
/// let queries = queries(&KgStore::scratch().unwrap(), &Shapes::bundled()).unwrap();
/// let level = queries.iter().find(|q| q.shape_name == "pkgsh:Section-level-count").unwrap();
/// assert_eq!(level.constraint, "sh:minCount 1 sh:maxCount 1");
/// assert!(level.sparql.contains("HAVING (COUNT(DISTINCT ?value) < 1 || COUNT(DISTINCT ?value) > 1)"));
/// ```
pub fn queries(store: &KgStore, shapes: &Shapes) -> Result<Vec<Query>, ValidateError> {
    let data = data(store, shapes)?;
    Ok(sparql::checks(shapes, &data)
        .into_iter()
        .map(|check| Query {
            shape_name: check.source.name.clone(),
            constraint: describe_all(shapes, &check.constraints),
            sparql: check.query,
        })
        .collect())
}

fn describe_all(shapes: &Shapes, constraints: &[&Constraint]) -> String {
    constraints
        .iter()
        .map(|c| shapes.describe(c))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the queries need to know about the data: which classes have subclasses,
/// and which shapes have few focus nodes.
fn data(store: &KgStore, shapes: &Shapes) -> Result<sparql::Data, ValidateError> {
    let mut data = sparql::Data::default();
    if let Some(query) = sparql::subclassed_query(&sparql::classes(shapes))
        && let QueryResults::Solutions(rows) = store.query(&query)?
    {
        for row in rows {
            if let Some(Term::NamedNode(class)) = row.map_err(StoreError::from)?.get("class") {
                data.subclassed.insert(class.clone());
            }
        }
    }
    data.few = shapes
        .targeted()
        .par_iter()
        .map(|shape| {
            let query = sparql::focus_count_query(shape, &data.subclassed);
            let n = match store.query(&query)? {
                QueryResults::Solutions(mut rows) => {
                    match rows.next().transpose().map_err(StoreError::from)? {
                        Some(row) => match row.get("n") {
                            Some(Term::Literal(l)) => l.value().parse().unwrap_or(u64::MAX),
                            _ => u64::MAX,
                        },
                        None => 0,
                    }
                }
                _ => u64::MAX,
            };
            Ok(n < sparql::FEW)
        })
        .collect::<Result<_, ValidateError>>()?;
    Ok(data)
}

/// Validates the union of the store's graphs against the shapes.
pub fn validate(
    store: &KgStore,
    shapes: &Shapes,
    options: &Options,
) -> Result<Report, ValidateError> {
    let start = Instant::now();
    let data = data(store, shapes)?;
    let checks = sparql::checks(shapes, &data);
    let ran: Vec<(Vec<Outcome>, HashSet<Term>)> = checks
        .par_iter()
        .map(|check| run(store, shapes, check, options))
        .collect::<Result<_, _>>()?;
    let mut focus_nodes = HashSet::new();
    let mut outcomes = Vec::new();
    for (outcome, focus) in ran {
        focus_nodes.extend(focus);
        outcomes.extend(outcome);
    }
    let checked: HashSet<&NamedOrBlankNode> = shapes
        .targeted()
        .iter()
        .filter(|s| !s.deactivated)
        .flat_map(|s| {
            std::iter::once(&s.id).chain(
                s.properties
                    .iter()
                    .filter(|p| !p.deactivated)
                    .map(|p| &p.id),
            )
        })
        .collect();
    let triples = store.triples()?;
    Ok(Report {
        outcomes,
        shapes: checked.len(),
        constraints: checks.iter().map(|c| c.constraints.len()).sum(),
        queries: checks.len(),
        triples,
        focus_nodes: focus_nodes.len(),
        elapsed: start.elapsed(),
    })
}

/// Runs one check: an outcome for each of its constraints that has violations,
/// and every focus node seen.
fn run(
    store: &KgStore,
    shapes: &Shapes,
    check: &sparql::Check<'_>,
    options: &Options,
) -> Result<(Vec<Outcome>, HashSet<Term>), ValidateError> {
    let failed = |source: StoreError| ValidateError::Check {
        shape: check.source.name.clone(),
        constraint: describe_all(shapes, &check.constraints),
        source: Box::new(source),
    };
    let QueryResults::Solutions(rows) = store.query(&check.query).map_err(failed)? else {
        unreachable!("checks are SELECT queries")
    };
    let mut focus_nodes = HashSet::new();
    let mut outcomes: Vec<Outcome> = Vec::new();
    for row in rows {
        let row = row.map_err(|e| failed(e.into()))?;
        let Some(focus) = row.get("this") else {
            continue;
        };
        focus_nodes.insert(focus.clone());
        let values = match row.get("count") {
            Some(Term::Literal(l)) => l.value().parse().ok(),
            _ => None,
        };
        let constraint = check.broken(values);
        // "Has no value" is a query without a count.
        let values = values.or(matches!(constraint, Constraint::MinCount(_)).then_some(0));
        let outcome = match outcomes
            .iter_mut()
            .position(|o| o.constraint == *constraint)
        {
            Some(i) => &mut outcomes[i],
            None => {
                outcomes.push(outcome(shapes, check.source, constraint));
                outcomes.last_mut().expect("just pushed")
            }
        };
        outcome.count += 1;
        if options
            .limit
            .is_none_or(|limit| outcome.results.len() < limit)
        {
            let value = match (row.get("value"), check.source.path.is_none()) {
                (Some(v), _) => Some(v.clone()),
                (None, true) => Some(focus.clone()),
                (None, false) => None,
            };
            outcome.results.push(Violation {
                focus: focus.clone(),
                value,
                values,
            });
        }
    }
    // A count that breaks both bounds of one query reports in the file's order.
    outcomes.sort_by_key(|o| o.component);
    Ok((outcomes, focus_nodes))
}

/// An outcome with no violations yet.
fn outcome(shapes: &Shapes, shape: &Shape, constraint: &Constraint) -> Outcome {
    Outcome {
        shape: shape.id.clone(),
        shape_name: shape.name.clone(),
        component: constraint.component(),
        constraint: constraint.clone(),
        description: shapes.describe(constraint),
        path: shape.path.clone(),
        severity: shape.severity.clone(),
        message: shape
            .message
            .clone()
            .unwrap_or_else(|| default_message(shapes, shape, constraint)),
        count: 0,
        results: Vec::new(),
    }
}

/// A message for a shape without `sh:message`: what the constraint asks.
fn default_message(shapes: &Shapes, shape: &Shape, constraint: &Constraint) -> String {
    let path = shape
        .path
        .as_ref()
        .map(|p| shapes.compact(p.as_str()))
        .unwrap_or_default();
    let term = |t: &Term| shapes.display_term(t, 60);
    let iri = |n: &NamedNode| shapes.compact(n.as_str());
    let subject = if shape.path.is_some() {
        format!("a value of {path}")
    } else {
        "the node".to_owned()
    };
    match constraint {
        Constraint::MinCount(n) => format!("needs at least {n} value(s) of {path}"),
        Constraint::MaxCount(n) => format!("may have at most {n} value(s) of {path}"),
        Constraint::HasValue(v) if shape.path.is_some() => {
            format!("needs {} among the values of {path}", term(v))
        }
        Constraint::HasValue(v) => format!("the node is not {}", term(v)),
        Constraint::LessThan(p) => format!("{subject} is not less than every value of {}", iri(p)),
        Constraint::LessThanOrEquals(p) => {
            format!("{subject} is greater than a value of {}", iri(p))
        }
        Constraint::Class(c) => format!("{subject} is not an instance of {}", iri(c)),
        Constraint::Datatype(d) => format!("{subject} is not a well-formed {} literal", iri(d)),
        Constraint::NodeKind(k) => {
            format!("{subject} is not of node kind {}", shapes.compact(k.iri()))
        }
        Constraint::MinInclusive(m) => {
            format!("{subject} is not at least {}", term(&m.clone().into()))
        }
        Constraint::Or(_) => format!("{subject} conforms to none of the shapes of sh:or"),
        Constraint::Node(s) => format!("{subject} does not conform to {}", s.name),
        other => format!("{subject} breaks {}", shapes.describe(other)),
    }
}
