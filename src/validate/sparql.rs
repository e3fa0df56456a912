//! SPARQL derived from the shapes: for each shape with targets, one SELECT per
//! constraint (one per path for `sh:minCount` and `sh:maxCount` together), whose
//! rows are the focus nodes (and values) that violate it.
//!
//! Each query reads the focus nodes once and only their own values: a missing
//! value is a `MINUS` or `FILTER NOT EXISTS`, a count is `GROUP BY … HAVING`, so
//! the cost grows with the data, not with its square. Constraints nested in
//! `sh:or` and `sh:node` become boolean expressions on the value
//! ([`Generator::conforms`]) inside the query of the constraint that uses them.
//!
//! SHACL Core semantics (<https://www.w3.org/TR/shacl/>) the queries keep:
//! distinct values (the union of graphs may hold a triple more than once), class
//! membership through `rdf:type/rdfs:subClassOf*` in the data, term equality for
//! `sh:hasValue` and `sh:in`, and a comparison that cannot be made (an ill-formed
//! number, a string against a number) counting as a violation. Knows nothing of
//! how the queries run.

use super::shapes::{Constraint, NodeKind, Shape, Shapes, Target};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{Literal, NamedNode, Term};
use std::cell::Cell;
use std::collections::{BTreeSet, HashSet};

/// One query to run: its rows are the violations of `constraints` of `source`.
#[derive(Debug)]
pub(crate) struct Check<'s> {
    /// The shape reported as the source of the violations: the node shape for a
    /// node-level constraint, else the property shape.
    pub source: &'s Shape,
    /// The constraint checked; or a property shape's `sh:minCount` and
    /// `sh:maxCount`, checked by one count (see [`Check::broken`]).
    pub constraints: Vec<&'s Constraint>,
    /// The query. Its rows bind `?this` (the focus node), and `?value` (the value
    /// node) or `?count` (how many values there are) when the constraint has them.
    pub query: String,
}

impl<'s> Check<'s> {
    /// The constraint a row breaks: for a count, the minimum or the maximum.
    pub fn broken(&self, count: Option<u64>) -> &'s Constraint {
        match (self.constraints.as_slice(), count) {
            ([min @ Constraint::MinCount(n), _], Some(count)) if count < *n => min,
            ([_, max], _) => max,
            (constraints, _) => constraints[0],
        }
    }
}

/// What the queries depend on in the data.
#[derive(Debug, Clone, Default)]
pub(crate) struct Data {
    /// The classes that have subclasses in the data.
    pub subclassed: HashSet<NamedNode>,
    /// For each shape of [`Shapes::targeted`], whether it has few focus nodes
    /// (fewer than [`FEW`]); none when unknown (then the queries are written for
    /// many).
    pub few: Vec<bool>,
}

/// Below this many focus nodes, a shape's queries look up each focus node's
/// values; from it on, they read all values of the path once and join them with
/// the focus nodes by hashing. A lookup costs about 4 µs on the laws corpus store,
/// a triple of a path read in order under 0.5 µs: with 385,000 sentences the hash
/// join takes half the time of the lookups, while for the 13 measures reading the
/// 900,000 offsets of a path takes 0.4 s where lookups take a millisecond. Below
/// the threshold a query costs at most about 0.1 s whatever the path.
pub(crate) const FEW: u64 = 20_000;

/// The classes the shapes use (as targets and in `sh:class`, nested ones too).
pub(crate) fn classes(shapes: &Shapes) -> BTreeSet<NamedNode> {
    fn visit(shape: &Shape, out: &mut BTreeSet<NamedNode>) {
        for target in &shape.targets {
            if let Target::Class(c) = target {
                out.insert(c.clone());
            }
        }
        for constraint in &shape.constraints {
            match constraint {
                Constraint::Class(c) => {
                    out.insert(c.clone());
                }
                Constraint::Or(members) => members.iter().for_each(|m| visit(m, out)),
                Constraint::Node(s) => visit(s, out),
                _ => {}
            }
        }
        shape.properties.iter().for_each(|p| visit(p, out));
    }
    let mut out = BTreeSet::new();
    shapes.targeted().iter().for_each(|s| visit(s, &mut out));
    out
}

/// A query for the classes among `classes` that have subclasses in the data: only
/// those need the `rdf:type/rdfs:subClassOf*` path; the others match `rdf:type`
/// directly, which the engine answers from its index at once.
pub(crate) fn subclassed_query(classes: &BTreeSet<NamedNode>) -> Option<String> {
    if classes.is_empty() {
        return None;
    }
    let values: Vec<String> = classes.iter().map(ToString::to_string).collect();
    Some(format!(
        "SELECT DISTINCT ?class WHERE {{ VALUES ?class {{ {} }} ?sub <{}> ?class }}",
        values.join(" "),
        rdfs::SUB_CLASS_OF.as_str()
    ))
}

/// A query that counts the focus nodes of a shape with targets (as `?n`, counting
/// a node once per target that selects it).
pub(crate) fn focus_count_query(shape: &Shape, subclassed: &HashSet<NamedNode>) -> String {
    let generator = Generator {
        subclassed,
        next: Cell::new(0),
    };
    format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ {} }}",
        generator.focus(&shape.targets)
    )
}

/// How a query joins the focus nodes with their values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// Look up each focus node's values (few focus nodes).
    Lookup,
    /// Read all values of the path in a subquery of their own, which the engine
    /// evaluates once and joins by hashing; `MINUS` rather than `FILTER NOT EXISTS`
    /// for the same reason (many focus nodes).
    Hash,
}

/// The checks for every shape with targets, in the order of the shapes file.
pub(crate) fn checks<'s>(shapes: &'s Shapes, data: &Data) -> Vec<Check<'s>> {
    let generator = Generator {
        subclassed: &data.subclassed,
        next: Cell::new(0),
    };
    let mut checks = Vec::new();
    for (i, root) in shapes.targeted().iter().enumerate() {
        if root.deactivated {
            continue;
        }
        let join = if data.few.get(i).copied().unwrap_or(false) {
            Join::Lookup
        } else {
            Join::Hash
        };
        let focus = generator.focus(&root.targets);
        if root.path.is_some() {
            generator.property_checks(root, &focus, join, &mut checks);
            continue;
        }
        for constraint in &root.constraints {
            let query = match generator.classes_only(constraint) {
                Some(classes) => format!(
                    "SELECT DISTINCT ?this WHERE {{ {focus} {} }} ORDER BY ?this",
                    without(join, &generator.instance_of_any("?this", &classes))
                ),
                None => format!(
                    "SELECT DISTINCT ?this WHERE {{ {focus} BIND(COALESCE({}, false) AS ?ok) FILTER(!?ok) }} ORDER BY ?this",
                    generator.value_ok(constraint, "?this")
                ),
            };
            checks.push(Check {
                source: root,
                constraints: vec![constraint],
                query,
            });
        }
        for property in &root.properties {
            if !property.deactivated {
                generator.property_checks(property, &focus, join, &mut checks);
            }
        }
    }
    checks
}

/// A pattern that removes the rows for which `pattern` matches.
fn without(join: Join, pattern: &str) -> String {
    match join {
        Join::Lookup => format!("FILTER NOT EXISTS {{ {pattern} }}"),
        Join::Hash => format!("MINUS {{ {pattern} }}"),
    }
}

/// Writes query text; hands out fresh variable names.
pub(crate) struct Generator<'a> {
    subclassed: &'a HashSet<NamedNode>,
    next: Cell<usize>,
}

impl Generator<'_> {
    fn var(&self, stem: &str) -> String {
        let n = self.next.get();
        self.next.set(n + 1);
        format!("?{stem}{n}")
    }

    /// A pattern that holds when `var` is a SHACL instance of `class`.
    fn instance_of(&self, var: &str, class: &NamedNode) -> String {
        if self.subclassed.contains(class) {
            format!(
                "{var} <{}>/<{}>* {class}",
                rdf::TYPE.as_str(),
                rdfs::SUB_CLASS_OF.as_str()
            )
        } else {
            format!("{var} <{}> {class}", rdf::TYPE.as_str())
        }
    }

    /// A pattern that holds when `var` is an instance of one of `classes`.
    fn instance_of_any(&self, var: &str, classes: &[&NamedNode]) -> String {
        let (plain, subclassed): (Vec<&NamedNode>, Vec<&NamedNode>) =
            classes.iter().partition(|c| !self.subclassed.contains(**c));
        let mut parts: Vec<String> = subclassed
            .iter()
            .map(|c| self.instance_of(var, c))
            .collect();
        match plain.as_slice() {
            [] => {}
            [one] => parts.insert(0, self.instance_of(var, one)),
            many => {
                let class = self.var("class");
                let values: Vec<String> = many.iter().map(ToString::to_string).collect();
                parts.insert(
                    0,
                    format!(
                        "VALUES {class} {{ {} }} {var} <{}> {class}",
                        values.join(" "),
                        rdf::TYPE.as_str()
                    ),
                );
            }
        }
        if parts.len() == 1 {
            parts.remove(0)
        } else {
            format!("{{ {} }}", parts.join(" } UNION { "))
        }
    }

    /// The pattern that binds `?this` to each focus node (more than once when a
    /// node is selected by several targets: every check is DISTINCT or grouped).
    fn focus(&self, targets: &[Target]) -> String {
        let classes: Vec<&NamedNode> = targets
            .iter()
            .filter_map(|t| match t {
                Target::Class(c) => Some(c),
                Target::SubjectsOf(_) => None,
            })
            .collect();
        let mut parts = Vec::new();
        if !classes.is_empty() {
            parts.push(self.instance_of_any("?this", &classes));
        }
        for target in targets {
            if let Target::SubjectsOf(p) = target {
                parts.push(format!("?this {p} {}", self.var("o")));
            }
        }
        if parts.len() == 1 {
            format!("{} .", parts[0])
        } else {
            format!("{{ {} }}", parts.join(" } UNION { "))
        }
    }

    /// The checks of a property shape's constraints over `focus`.
    ///
    /// A test on values is bound to `?ok` before it is filtered: the optimizer
    /// pushes a `FILTER` down to the pattern that reads the path, where it would
    /// test every value of the path, not just the focus nodes' values (and long
    /// strings are fetched one by one to be tested); it does not move a `BIND`.
    fn property_checks<'s>(
        &self,
        shape: &'s Shape,
        focus: &str,
        join: Join,
        checks: &mut Vec<Check<'s>>,
    ) {
        let path = shape.path.as_ref().expect("a property shape has a path");
        let values = match join {
            Join::Lookup => format!("?this {path} ?value ."),
            Join::Hash => format!("{{ SELECT ?this ?value WHERE {{ ?this {path} ?value }} }}"),
        };
        let min = shape
            .constraints
            .iter()
            .find(|c| matches!(c, Constraint::MinCount(n) if *n > 0));
        let max = shape
            .constraints
            .iter()
            .find(|c| matches!(c, Constraint::MaxCount(_)));
        let counts: Vec<&Constraint> = min.into_iter().chain(max).collect();
        if !counts.is_empty() {
            let query = match counts.as_slice() {
                [Constraint::MinCount(1)] => format!(
                    "SELECT DISTINCT ?this WHERE {{ {focus} {} }} ORDER BY ?this",
                    without(join, &format!("?this {path} ?value"))
                ),
                _ => {
                    let having = |count: &str| {
                        let mut having = Vec::new();
                        if let Some(Constraint::MinCount(n)) = min {
                            having.push(format!("{count} < {n}"));
                        }
                        if let Some(Constraint::MaxCount(n)) = max {
                            having.push(format!("{count} > {n}"));
                        }
                        having.join(" || ")
                    };
                    let distinct = having("COUNT(DISTINCT ?value)");
                    let values = if min.is_some() {
                        format!("OPTIONAL {{ {values} }}")
                    } else {
                        values.clone()
                    };
                    if join == Join::Hash && !matches!(min, Some(Constraint::MinCount(n)) if *n > 1)
                    {
                        // A first pass counts without DISTINCT, which is cheaper (no
                        // set of values per focus node), and keeps every focus node
                        // that may break the bounds: a count with duplicates is at
                        // least the distinct count, and zero only when it is zero.
                        // The distinct count then decides for those few.
                        format!(
                            "SELECT ?this (COUNT(DISTINCT ?value) AS ?count) WHERE {{ {{ SELECT ?this WHERE {{ {focus} {values} }} GROUP BY ?this HAVING ({}) }} OPTIONAL {{ ?this {path} ?value }} }} GROUP BY ?this HAVING ({distinct}) ORDER BY ?this",
                            having("COUNT(?value)")
                        )
                    } else {
                        format!(
                            "SELECT ?this (COUNT(DISTINCT ?value) AS ?count) WHERE {{ {focus} {values} }} GROUP BY ?this HAVING ({distinct}) ORDER BY ?this"
                        )
                    }
                }
            };
            checks.push(Check {
                source: shape,
                constraints: counts,
                query,
            });
        }
        for constraint in &shape.constraints {
            let query = match constraint {
                Constraint::MinCount(_) | Constraint::MaxCount(_) => continue,
                Constraint::HasValue(v) => format!(
                    "SELECT DISTINCT ?this WHERE {{ {focus} {} }} ORDER BY ?this",
                    without(join, &format!("?this {path} {v}"))
                ),
                Constraint::LessThan(other) | Constraint::LessThanOrEquals(other) => {
                    let op = if matches!(constraint, Constraint::LessThan(_)) {
                        "<"
                    } else {
                        "<="
                    };
                    let others = match join {
                        Join::Lookup => format!("?this {other} ?other ."),
                        Join::Hash => {
                            format!("{{ SELECT ?this ?other WHERE {{ ?this {other} ?other }} }}")
                        }
                    };
                    format!(
                        "SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} {others} BIND(COALESCE(?value {op} ?other, false) AS ?ok) FILTER(!?ok) }} ORDER BY ?this ?value"
                    )
                }
                value => match self.classes_only(value) {
                    Some(classes) => format!(
                        "SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} {} }} ORDER BY ?this ?value",
                        without(join, &self.instance_of_any("?value", &classes))
                    ),
                    None => format!(
                        "SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} BIND(COALESCE({}, false) AS ?ok) FILTER(!?ok) }} ORDER BY ?this ?value",
                        self.value_ok(value, "?value")
                    ),
                },
            };
            checks.push(Check {
                source: shape,
                constraints: vec![constraint],
                query,
            });
        }
    }

    /// The classes a value must have one of, when that is all `constraint` asks:
    /// `sh:class C`, or an `sh:or` of shapes that each say only `sh:class`. These
    /// become one `MINUS` (or `FILTER NOT EXISTS`) of the instances.
    fn classes_only<'c>(&self, constraint: &'c Constraint) -> Option<Vec<&'c NamedNode>> {
        match constraint {
            Constraint::Class(c) => Some(vec![c]),
            Constraint::Or(members) => members
                .iter()
                .map(|m| match m.constraints.as_slice() {
                    [Constraint::Class(c)]
                        if !m.deactivated && m.path.is_none() && m.properties.is_empty() =>
                    {
                        Some(c)
                    }
                    _ => None,
                })
                .collect(),
            _ => None,
        }
    }

    /// An expression, never an error, that is true when the node in `var`
    /// satisfies `constraint` as a value node (or, for a node shape, as the
    /// focus node). Counting and comparing constraints need a path: see
    /// [`Self::property_ok`].
    pub(crate) fn value_ok(&self, constraint: &Constraint, var: &str) -> String {
        let x = var;
        match constraint {
            Constraint::Class(c) => format!("EXISTS {{ {} }}", self.instance_of(x, c)),
            Constraint::Datatype(d) => datatype_ok(x, d),
            Constraint::NodeKind(kind) => match kind {
                NodeKind::Iri => format!("isIRI({x})"),
                NodeKind::Literal => format!("isLiteral({x})"),
                NodeKind::BlankNode => format!("isBlank({x})"),
                NodeKind::BlankNodeOrIri => format!("(isIRI({x}) || isBlank({x}))"),
                NodeKind::IriOrLiteral => format!("(isIRI({x}) || isLiteral({x}))"),
                NodeKind::BlankNodeOrLiteral => format!("(isBlank({x}) || isLiteral({x}))"),
            },
            Constraint::MinInclusive(m) => format!("COALESCE({x} >= {m}, false)"),
            Constraint::Pattern { pattern, flags } => {
                let flags = flags
                    .as_deref()
                    .map(|f| format!(", {}", Literal::new_simple_literal(f)))
                    .unwrap_or_default();
                format!(
                    "(!isBlank({x}) && REGEX(STR({x}), {}{flags}))",
                    Literal::new_simple_literal(pattern)
                )
            }
            Constraint::LanguageIn(tags) => {
                let any: Vec<String> = tags
                    .iter()
                    .map(|t| format!("langMatches(lang({x}), {})", Literal::new_simple_literal(t)))
                    .collect();
                format!("(isLiteral({x}) && {})", or(&any))
            }
            Constraint::Or(members) => {
                let any: Vec<String> = members.iter().map(|m| self.conforms(m, x)).collect();
                or(&any)
            }
            Constraint::Node(shape) => self.conforms(shape, x),
            Constraint::HasValue(v) => same_term(x, v),
            Constraint::In(values) => {
                let any: Vec<String> = values.iter().map(|v| same_term(x, v)).collect();
                or(&any)
            }
            Constraint::MinCount(_)
            | Constraint::MaxCount(_)
            | Constraint::LessThan(_)
            | Constraint::LessThanOrEquals(_) => {
                unreachable!("the shapes reader refuses counts and comparisons without sh:path")
            }
        }
    }

    /// An expression that is true when the node in `var` conforms to `shape`.
    pub(crate) fn conforms(&self, shape: &Shape, var: &str) -> String {
        if shape.deactivated {
            return "true".to_owned();
        }
        if shape.path.is_some() {
            return self.property_ok(shape, var);
        }
        let mut all: Vec<String> = shape
            .constraints
            .iter()
            .map(|c| self.value_ok(c, var))
            .collect();
        all.extend(shape.properties.iter().map(|p| self.property_ok(p, var)));
        and(&all)
    }

    /// An expression that is true when the focus node in `focus` conforms to the
    /// property shape `shape`.
    fn property_ok(&self, shape: &Shape, focus: &str) -> String {
        if shape.deactivated {
            return "true".to_owned();
        }
        let path = shape.path.as_ref().expect("a property shape has a path");
        let all: Vec<String> = shape
            .constraints
            .iter()
            .filter_map(|constraint| {
                Some(match constraint {
                    Constraint::MinCount(0) => return None,
                    Constraint::MinCount(n) => {
                        format!("EXISTS {{ {} }}", self.distinct_values(focus, path, *n))
                    }
                    Constraint::MaxCount(n) => {
                        format!("NOT EXISTS {{ {} }}", self.distinct_values(focus, path, n + 1))
                    }
                    Constraint::HasValue(v) => format!("EXISTS {{ {focus} {path} {v} }}"),
                    Constraint::LessThan(other) | Constraint::LessThanOrEquals(other) => {
                        let op = if matches!(constraint, Constraint::LessThan(_)) {
                            "<"
                        } else {
                            "<="
                        };
                        let (y, z) = (self.var("v"), self.var("w"));
                        format!(
                            "NOT EXISTS {{ {focus} {path} {y} . {focus} {other} {z} . FILTER(!COALESCE({y} {op} {z}, false)) }}"
                        )
                    }
                    value => {
                        let y = self.var("v");
                        let ok = self.value_ok(value, &y);
                        format!("NOT EXISTS {{ {focus} {path} {y} . FILTER(!COALESCE({ok}, false)) }}")
                    }
                })
            })
            .collect();
        and(&all)
    }

    /// A pattern with `n` pairwise distinct values of `path` on `focus`.
    fn distinct_values(&self, focus: &str, path: &NamedNode, n: u64) -> String {
        let vars: Vec<String> = (0..n).map(|_| self.var("v")).collect();
        let mut pattern: Vec<String> = vars
            .iter()
            .map(|v| format!("{focus} {path} {v} ."))
            .collect();
        let mut distinct = Vec::new();
        for (i, a) in vars.iter().enumerate() {
            for b in &vars[i + 1..] {
                distinct.push(format!("!sameTerm({a}, {b})"));
            }
        }
        if !distinct.is_empty() {
            pattern.push(format!("FILTER({})", distinct.join(" && ")));
        }
        pattern.join(" ")
    }
}

/// The datatypes whose lexical forms the engine checks when it casts a string to
/// them (SPARQL 1.1 §17.5 casts, plus Oxigraph's date and duration types).
const CASTABLE: [&str; 16] = [
    "boolean",
    "double",
    "float",
    "decimal",
    "integer",
    "date",
    "time",
    "dateTime",
    "duration",
    "yearMonthDuration",
    "dayTimeDuration",
    "gYear",
    "gYearMonth",
    "gMonth",
    "gMonthDay",
    "gDay",
];

/// A literal of datatype `d` that is well-formed for it (SHACL's
/// `sh:datatype`: "abc"^^xsd:integer fails). The engine casts the lexical form
/// to check it, for the XSD types it can cast; other datatypes are checked by
/// name only, as in pySHACL.
fn datatype_ok(x: &str, d: &NamedNode) -> String {
    let same = format!("(isLiteral({x}) && sameTerm(datatype({x}), {d})");
    let castable = d
        .as_str()
        .strip_prefix(xsd::INTEGER.as_str().trim_end_matches("integer"))
        .is_some_and(|local| CASTABLE.contains(&local));
    if castable {
        format!("{same} && COALESCE(isLiteral({d}(STR({x}))), false))")
    } else {
        format!("{same})")
    }
}

fn same_term(x: &str, term: &Term) -> String {
    format!("sameTerm({x}, {term})")
}

fn or(any: &[String]) -> String {
    match any {
        [] => "false".to_owned(),
        [one] => one.clone(),
        many => format!("({})", many.join(" || ")),
    }
}

fn and(all: &[String]) -> String {
    match all {
        [] => "true".to_owned(),
        [one] => one.clone(),
        many => format!("({})", many.join(" && ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::KgStore;
    use oxigraph::io::RdfFormat;
    use oxigraph::sparql::QueryResults;

    const PREFIXES: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n";

    /// Validates the TriG `data` against the Turtle `shapes`, once with each way
    /// of joining focus nodes and values, and checks that both find exactly the
    /// `expected` violations, written `focus shape component`.
    fn check(shapes: &str, data: &str, expected: &[&str]) {
        let shapes = Shapes::parse(&format!("{PREFIXES}{shapes}")).unwrap();
        let store = KgStore::scratch().unwrap();
        store
            .load_rdf(RdfFormat::TriG, format!("{PREFIXES}{data}").as_bytes())
            .unwrap();
        let mut expected: Vec<&str> = expected.to_vec();
        expected.sort_unstable();
        for few in [true, false] {
            let mut data = crate::validate::data(&store, &shapes).unwrap();
            data.few = vec![few; shapes.targeted().len()];
            let mut found = Vec::new();
            for check in checks(&shapes, &data) {
                let Ok(QueryResults::Solutions(rows)) = store.query(&check.query) else {
                    panic!("{}", check.query)
                };
                for row in rows {
                    let row = row.unwrap();
                    let count = match row.get("count") {
                        Some(Term::Literal(l)) => l.value().parse().ok(),
                        _ => None,
                    };
                    let focus = match row.get("this").unwrap() {
                        Term::BlankNode(_) => "_:".to_owned(),
                        other => shapes.display_term(other, 40),
                    };
                    let component = check.broken(count).component();
                    found.push(format!("{focus} {} {component:?}", check.source.name));
                }
            }
            found.sort_unstable();
            let join = if few { "lookup" } else { "hash" };
            assert_eq!(found, expected, "joined by {join}");
        }
    }

    #[test]
    fn min_and_max_count_count_distinct_values_over_all_graphs() {
        check(
            "ex:S sh:targetClass ex:C ; sh:property ex:S-p , ex:S-q , ex:S-r .
             ex:S-p sh:path ex:p ; sh:minCount 1 ; sh:maxCount 1 .
             ex:S-q sh:path ex:q ; sh:minCount 2 .
             ex:S-r sh:path ex:r ; sh:maxCount 0 .",
            "ex:a a ex:C ; ex:q 1 , 2 .
             ex:b a ex:C ; ex:p 1 ; ex:q 1 ; ex:r 1 .
             ex:c a ex:C ; ex:p 1 , 2 ; ex:q 1 , 2 , 3 .
             GRAPH ex:g1 { ex:d a ex:C ; ex:p 1 ; ex:q 5 } GRAPH ex:g2 { ex:d ex:p 1 ; ex:q 5 }",
            &[
                "ex:a ex:S-p MinCount",
                "ex:b ex:S-q MinCount",
                "ex:b ex:S-r MaxCount",
                "ex:c ex:S-p MaxCount",
                "ex:d ex:S-q MinCount",
            ],
        );
    }

    #[test]
    fn datatype_needs_the_datatype_and_a_well_formed_lexical_form() {
        check(
            "ex:S sh:targetClass ex:C ; sh:property ex:S-i , ex:S-l , ex:S-y .
             ex:S-i sh:path ex:i ; sh:datatype xsd:integer .
             ex:S-l sh:path ex:l ; sh:datatype rdf:langString .
             ex:S-y sh:path ex:y ; sh:datatype xsd:gYear .",
            "ex:ok a ex:C ; ex:i 1 , \"+07\"^^xsd:integer ; ex:l \"x\"@zh ; ex:y \"2026\"^^xsd:gYear .
             ex:abc a ex:C ; ex:i \"abc\"^^xsd:integer .
             ex:decimal a ex:C ; ex:i 1.5 .
             ex:string a ex:C ; ex:i \"1\" ; ex:l \"x\" .
             ex:iri a ex:C ; ex:i ex:one .
             ex:year a ex:C ; ex:y \"20x6\"^^xsd:gYear , \"2026-01\"^^xsd:gYearMonth .",
            &[
                "ex:abc ex:S-i Datatype",
                "ex:decimal ex:S-i Datatype",
                "ex:iri ex:S-i Datatype",
                "ex:string ex:S-i Datatype",
                "ex:string ex:S-l Datatype",
                "ex:year ex:S-y Datatype",
                "ex:year ex:S-y Datatype",
            ],
        );
    }

    #[test]
    fn node_kinds() {
        check(
            "ex:S sh:targetClass ex:C ; sh:property ex:iri , ex:literal , ex:blank , ex:blankOrIri , ex:iriOrLiteral , ex:blankOrLiteral .
             ex:iri sh:path ex:p ; sh:nodeKind sh:IRI .
             ex:literal sh:path ex:p ; sh:nodeKind sh:Literal .
             ex:blank sh:path ex:p ; sh:nodeKind sh:BlankNode .
             ex:blankOrIri sh:path ex:p ; sh:nodeKind sh:BlankNodeOrIRI .
             ex:iriOrLiteral sh:path ex:p ; sh:nodeKind sh:IRIOrLiteral .
             ex:blankOrLiteral sh:path ex:p ; sh:nodeKind sh:BlankNodeOrLiteral .",
            "ex:a a ex:C ; ex:p ex:x . ex:b a ex:C ; ex:p [] . ex:c a ex:C ; ex:p \"x\" .",
            &[
                "ex:a ex:blank NodeKind",
                "ex:a ex:blankOrLiteral NodeKind",
                "ex:a ex:literal NodeKind",
                "ex:b ex:iri NodeKind",
                "ex:b ex:iriOrLiteral NodeKind",
                "ex:b ex:literal NodeKind",
                "ex:c ex:blank NodeKind",
                "ex:c ex:blankOrIri NodeKind",
                "ex:c ex:iri NodeKind",
            ],
        );
    }

    #[test]
    fn node_shape_constraints_apply_to_the_focus_node() {
        check(
            "ex:S sh:targetClass ex:C ; sh:nodeKind sh:IRI ; sh:class ex:D ; sh:hasValue ex:a .",
            "ex:a a ex:C , ex:D . ex:b a ex:C , ex:D . _:c a ex:C .",
            &[
                "_: ex:S Class",
                "_: ex:S HasValue",
                "_: ex:S NodeKind",
                "ex:b ex:S HasValue",
            ],
        );
    }

    #[test]
    fn class_follows_subclasses_in_the_data_for_targets_and_values() {
        check(
            "ex:S sh:targetClass ex:C ; sh:property ex:S-p .
             ex:S-p sh:path ex:p ; sh:class ex:K .
             ex:T sh:targetClass ex:C ; sh:property ex:T-p .
             ex:T-p sh:path ex:p ; sh:or ( [ sh:class ex:K ] [ sh:class ex:L ] ) .",
            "ex:SubC rdfs:subClassOf ex:C . ex:SubK rdfs:subClassOf ex:K .
             ex:k a ex:K . ex:sub a ex:SubK . ex:l a ex:L . ex:other a ex:Other .
             ex:a a ex:C ; ex:p ex:k , ex:sub .
             ex:b a ex:SubC ; ex:p ex:other .
             ex:c a ex:C ; ex:p \"k\" , ex:l .",
            &[
                "ex:b ex:S-p Class",
                "ex:b ex:T-p Or",
                "ex:c ex:S-p Class",
                "ex:c ex:S-p Class",
                "ex:c ex:T-p Or",
            ],
        );
    }

    #[test]
    fn min_inclusive_fails_values_that_do_not_compare() {
        check(
            "ex:S sh:targetClass ex:C ; sh:property ex:S-p .
             ex:S-p sh:path ex:p ; sh:minInclusive 1 .",
            "ex:ok a ex:C ; ex:p 1 , 2.5 , \"1e3\"^^xsd:double .
             ex:zero a ex:C ; ex:p 0 .
             ex:abc a ex:C ; ex:p \"abc\"^^xsd:integer .
             ex:string a ex:C ; ex:p \"5\" .
             ex:iri a ex:C ; ex:p ex:five .",
            &[
                "ex:abc ex:S-p MinInclusive",
                "ex:iri ex:S-p MinInclusive",
                "ex:string ex:S-p MinInclusive",
                "ex:zero ex:S-p MinInclusive",
            ],
        );
    }

    #[test]
    fn pattern_flags_and_language_in() {
        check(
            "ex:S sh:targetClass ex:C ; sh:property ex:S-p , ex:S-l .
             ex:S-p sh:path ex:p ; sh:pattern \"^ab\" ; sh:flags \"i\" .
             ex:S-l sh:path ex:l ; sh:languageIn ( \"zh\" \"en\" ) .",
            "ex:ok a ex:C ; ex:p \"ABc\" , \"ab\"@zh ; ex:l \"x\"@zh , \"x\"@zh-Hans , \"x\"@EN .
             ex:no a ex:C ; ex:p \"xab\" ; ex:l \"x\"@de .
             ex:iri a ex:C ; ex:p <ab:c> ; ex:l ex:zh .
             ex:blank a ex:C ; ex:p [] ; ex:l \"x\" .",
            &[
                "ex:blank ex:S-l LanguageIn",
                "ex:blank ex:S-p Pattern",
                "ex:iri ex:S-l LanguageIn",
                "ex:no ex:S-l LanguageIn",
                "ex:no ex:S-p Pattern",
            ],
        );
    }

    #[test]
    fn less_than_and_less_than_or_equals_compare_with_every_other_value() {
        check(
            "ex:S sh:targetClass ex:C ; sh:property ex:lt , ex:le .
             ex:lt sh:path ex:begin ; sh:lessThan ex:end .
             ex:le sh:path ex:begin ; sh:lessThanOrEquals ex:end .",
            "ex:ok a ex:C ; ex:begin 1 ; ex:end 2 .
             ex:equal a ex:C ; ex:begin 2 ; ex:end 2 .
             ex:after a ex:C ; ex:begin 3 ; ex:end 2 .
             ex:two a ex:C ; ex:begin 1 ; ex:end 2 , 0 .
             ex:abc a ex:C ; ex:begin \"abc\"^^xsd:integer ; ex:end 2 .
             ex:noEnd a ex:C ; ex:begin 1 .",
            &[
                "ex:abc ex:le LessThanOrEquals",
                "ex:abc ex:lt LessThan",
                "ex:after ex:le LessThanOrEquals",
                "ex:after ex:lt LessThan",
                "ex:equal ex:lt LessThan",
                "ex:two ex:le LessThanOrEquals",
                "ex:two ex:lt LessThan",
            ],
        );
    }

    #[test]
    fn or_and_node_with_named_and_nested_shapes() {
        check(
            "ex:Zh sh:datatype rdf:langString ; sh:languageIn ( \"zh\" ) .
             ex:Plain sh:datatype xsd:string ; sh:pattern \"^[^\u{4E00}-\u{9FFF}]*$\" .
             ex:S sh:targetClass ex:C ; sh:property ex:S-t , ex:S-n .
             ex:S-t sh:path ex:t ; sh:or ( ex:Zh ex:Plain ) .
             ex:S-n sh:path ex:n ; sh:node ex:N .
             ex:N sh:property [ sh:path ex:q ; sh:minCount 1 ] .
             ex:V sh:targetClass ex:C ; sh:or (
                 [ sh:property [ sh:path ex:x ; sh:minCount 1 ] , [ sh:path ex:y ; sh:minCount 1 ] ]
                 [ sh:property [ sh:path ex:x ; sh:maxCount 0 ] , [ sh:path ex:y ; sh:maxCount 0 ] ] ) .",
            "ex:ok a ex:C ; ex:t \"中国\"@zh , \"China\" ; ex:n ex:m ; ex:x 1 ; ex:y 2 . ex:m ex:q 1 .
             ex:none a ex:C .
             ex:han a ex:C ; ex:t \"中国\" , \"China\"@en ; ex:n ex:empty ; ex:x 1 .",
            &[
                "ex:han ex:S-n Node",
                "ex:han ex:S-t Or",
                "ex:han ex:S-t Or",
                "ex:han ex:V Or",
            ],
        );
    }

    #[test]
    fn has_value_and_in_use_term_equality() {
        check(
            "ex:S sh:targetClass ex:C ; sh:property ex:S-type , ex:S-in .
             ex:S-type sh:path rdf:type ; sh:hasValue ex:External .
             ex:S-in sh:path ex:p ; sh:in ( ex:a \"b\" 3 ) .",
            "ex:ok a ex:C , ex:External ; ex:p ex:a , \"b\" , 3 .
             ex:no a ex:C ; ex:p ex:c , \"b\"@en , 3.0 , \"3\" .",
            &[
                "ex:no ex:S-in In",
                "ex:no ex:S-in In",
                "ex:no ex:S-in In",
                "ex:no ex:S-in In",
                "ex:no ex:S-type HasValue",
            ],
        );
    }

    #[test]
    fn targets_select_each_node_once_and_deactivated_shapes_check_nothing() {
        check(
            "ex:S sh:targetClass ex:C , ex:D ; sh:targetSubjectsOf ex:p ; sh:property ex:S-l .
             ex:S-l sh:path ex:label ; sh:minCount 1 ; sh:maxCount 1 .
             ex:Off sh:targetClass ex:C ; sh:deactivated true ; sh:nodeKind sh:Literal .
             ex:T sh:targetClass ex:C ; sh:property [ sh:path ex:label ; sh:deactivated true ; sh:minCount 5 ] .",
            "ex:a a ex:C , ex:D ; ex:p 1 . ex:b ex:p 1 ; ex:label \"b\" . ex:c a ex:D ; ex:label \"1\" , \"2\" .",
            &["ex:a ex:S-l MinCount", "ex:c ex:S-l MaxCount"],
        );
    }

    #[test]
    fn counts_are_grouped_and_missing_values_are_a_minus_or_not_exists() {
        let shapes = Shapes::parse(&format!(
            "{PREFIXES} ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] , [ sh:path ex:q ; sh:minCount 1 ; sh:maxCount 1 ] ."
        ))
        .unwrap();
        for (few, missing, count) in [
            (
                true,
                "FILTER NOT EXISTS",
                "GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < 1 || COUNT(DISTINCT ?value) > 1)",
            ),
            (
                false,
                "MINUS",
                "GROUP BY ?this HAVING (COUNT(?value) < 1 || COUNT(?value) > 1)",
            ),
        ] {
            let data = Data {
                few: vec![few],
                ..Data::default()
            };
            let checks = checks(&shapes, &data);
            assert_eq!(checks.len(), 2);
            assert!(
                checks[0].query.contains(&format!(
                    "{missing} {{ ?this <http://example.org/p> ?value }}"
                )),
                "{}",
                checks[0].query
            );
            assert!(checks[1].query.contains(count), "{}", checks[1].query);
            assert_eq!(checks[1].constraints.len(), 2);
        }
    }
}
