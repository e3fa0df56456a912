//! A bound on how deeply a SPARQL text nests, checked before it is parsed.
//!
//! Oxigraph's parser and evaluator recurse once per level of nesting: groups
//! (`{ }`), parentheses, brackets, and chains of UNION or of binary operators,
//! which parse into trees as deep as the chain is long. A query of 10,000 nested
//! parentheses or 5,000 UNION branches overflowed the stack and aborted the whole
//! process (the server with it). The CLI and the server run queries on threads
//! with large stacks; this check keeps any text within what such a stack holds,
//! and answers the rest with an error that says what to change.

/// The deepest nesting of brackets a query may have.
pub const MAX_DEPTH: usize = 512;
/// The most UNION branches, and the most operators of one chain (`||`, `&&`,
/// `+`, `/` …), that a query may have.
pub const MAX_CHAIN: usize = 2_000;

/// What is too deep in a query text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TooDeep {
    /// Brackets nest deeper than [`MAX_DEPTH`].
    #[error(
        "the query nests brackets more than {MAX_DEPTH} deep, which policykg does not evaluate: flatten the groups"
    )]
    Nesting(usize),
    /// More than [`MAX_CHAIN`] UNION keywords or chained operators.
    #[error(
        "the query chains more than {MAX_CHAIN} UNION branches or operators, which policykg does not evaluate: use VALUES or IN (…) for long alternatives"
    )]
    Chain(usize),
}

/// Checks a SPARQL text's nesting, skipping strings, IRIs and comments.
///
/// ```
/// use policykg::store::shape::{check, TooDeep, MAX_DEPTH};
/// assert!(check("SELECT * WHERE { { ?s ?p ?o } UNION { ?s ?p \"}}}\" } }").is_ok());
/// let deep = format!("ASK {{ FILTER({}1{}) }}", "(".repeat(10_000), ")".repeat(10_000));
/// assert_eq!(check(&deep), Err(TooDeep::Nesting(MAX_DEPTH + 1)));
/// ```
pub fn check(sparql: &str) -> Result<(), TooDeep> {
    let mut depth = 0usize;
    let mut chain = 0usize;
    let mut chars = sparql.chars().peekable();
    let mut word = String::new();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            if word.eq_ignore_ascii_case("UNION") {
                chain += 2;
            }
            word.clear();
        }
        match c {
            '#' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '"' | '\'' => {
                let long = chars.peek() == Some(&c) && {
                    let mut ahead = chars.clone();
                    ahead.next();
                    ahead.peek() == Some(&c)
                };
                if long {
                    chars.next();
                    chars.next();
                }
                let mut run = 0;
                while let Some(d) = chars.next() {
                    if d == '\\' {
                        chars.next();
                        run = 0;
                        continue;
                    }
                    if d == c {
                        run += 1;
                        if !long || run == 3 {
                            break;
                        }
                    } else {
                        run = 0;
                    }
                }
            }
            // An IRI: `<` right after a word character or a space-delimited
            // operator would be a comparison, but IRIs never hold spaces.
            '<' if chars
                .peek()
                .is_some_and(|n| !n.is_whitespace() && *n != '=') =>
            {
                let mut ahead = chars.clone();
                let closes = ahead
                    .by_ref()
                    .take_while(|d| !d.is_whitespace())
                    .any(|d| d == '>');
                if closes {
                    for d in chars.by_ref() {
                        if d == '>' {
                            break;
                        }
                    }
                } else {
                    chain += 1;
                }
            }
            '{' | '(' | '[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(TooDeep::Nesting(depth));
                }
            }
            '}' | ')' | ']' => depth = depth.saturating_sub(1),
            '|' | '&' | '+' | '*' | '/' | '=' | '!' | '>' | '-' => chain += 1,
            _ => {}
        }
        if chain > MAX_CHAIN * 2 {
            return Err(TooDeep::Chain(chain / 2));
        }
    }
    Ok(())
}

/// True when a query is *selective*: each of its triple patterns and paths has
/// at one end (subject or object) a resource or value named in the query, or a
/// variable that a pattern before it (or `VALUES`) binds, so that each is an
/// index lookup rather than a scan of the store. `ASK {}` and a query that looks
/// up one resource are selective; `SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }` or
/// `?s rdfs:label ?l` alone are not. The server keeps a thread for selective
/// queries, so they are answered while scans hold the others. A text that does
/// not parse is not selective (the store will say what is wrong with it).
///
/// ```
/// use policykg::store::shape::is_selective;
/// assert!(is_selective("ASK {}"));
/// assert!(is_selective("SELECT ?l WHERE { <https://w3id.org/policykg/id/org/国务院> rdfs:label ?l }"));
/// assert!(is_selective("SELECT * WHERE { VALUES ?m { <urn:a> } ?m nif:anchorOf ?a . ?a ?p ?o }"));
/// assert!(!is_selective("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"));
/// assert!(!is_selective("SELECT * WHERE { ?s rdfs:label ?l }"));
/// assert!(!is_selective("SELECT * WHERE { ?s (rdfs:label|!rdf:type)* ?o }"));
/// ```
pub fn is_selective(query: &str) -> bool {
    use spargebra::Query;
    let parser = crate::vocab::query_prefixes().fold(
        spargebra::SparqlParser::new(),
        |parser, (prefix, iri)| match parser.clone().with_prefix(prefix, iri) {
            Ok(parser) => parser,
            Err(_) => parser,
        },
    );
    let Ok(query) = parser.parse_query(query) else {
        return false;
    };
    let (Query::Select { pattern, .. }
    | Query::Construct { pattern, .. }
    | Query::Describe { pattern, .. }
    | Query::Ask { pattern, .. }) = &query;
    selective(pattern, &mut std::collections::HashSet::new())
}

/// Whether `pattern` is selective given the variables bound before it; adds the
/// variables it binds.
fn selective<'a>(
    pattern: &'a spargebra::algebra::GraphPattern,
    bound: &mut std::collections::HashSet<&'a str>,
) -> bool {
    use spargebra::algebra::GraphPattern as P;
    use spargebra::term::TermPattern;
    fn known(term: &TermPattern, bound: &std::collections::HashSet<&str>) -> bool {
        match term {
            TermPattern::Variable(v) => bound.contains(v.as_str()),
            TermPattern::BlankNode(_) => false,
            _ => true,
        }
    }
    fn bind<'a>(term: &'a TermPattern, bound: &mut std::collections::HashSet<&'a str>) {
        if let TermPattern::Variable(v) = term {
            bound.insert(v.as_str());
        }
    }
    match pattern {
        P::Bgp { patterns } => {
            // In the best order: any pattern anchored by what is bound so far.
            let mut left: Vec<_> = patterns.iter().collect();
            while !left.is_empty() {
                let Some(i) = left
                    .iter()
                    .position(|t| known(&t.subject, bound) || known(&t.object, bound))
                else {
                    return false;
                };
                let t = left.swap_remove(i);
                bind(&t.subject, bound);
                bind(&t.object, bound);
                if let spargebra::term::NamedNodePattern::Variable(v) = &t.predicate {
                    bound.insert(v.as_str());
                }
            }
            true
        }
        P::Path {
            subject, object, ..
        } => {
            let ok = known(subject, bound) || known(object, bound);
            bind(subject, bound);
            bind(object, bound);
            ok
        }
        P::Join { left, right } | P::LeftJoin { left, right, .. } | P::Minus { left, right } => {
            selective(left, bound) && selective(right, bound)
        }
        P::Union { left, right } => {
            let mut other = bound.clone();
            let ok = selective(left, bound) && selective(right, &mut other);
            bound.extend(other);
            ok
        }
        P::Extend {
            inner, variable, ..
        } => {
            let ok = selective(inner, bound);
            bound.insert(variable.as_str());
            ok
        }
        P::Values { variables, .. } => {
            bound.extend(variables.iter().map(|v| v.as_str()));
            true
        }
        P::Filter { inner, .. }
        | P::Graph { inner, .. }
        | P::OrderBy { inner, .. }
        | P::Project { inner, .. }
        | P::Distinct { inner }
        | P::Reduced { inner }
        | P::Slice { inner, .. }
        | P::Group { inner, .. }
        | P::Service { inner, .. } => selective(inner, bound),
        #[allow(unreachable_patterns)]
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_queries_pass_and_deep_ones_do_not() {
        for q in [
            "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?l WHERE { ?o a pkg:Organization ; <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(?l != \"x\" && STRLEN(?l) > 2) } ORDER BY ?l LIMIT 10",
            "SELECT * WHERE { ?s ?p ?o # a comment with { { { \n }",
            "ASK { ?s ?p '''a \"\"\" ( ( ( ''' }",
        ] {
            assert_eq!(check(q), Ok(()), "{q}");
        }
        let nested = format!(
            "SELECT * WHERE {}?s ?p ?o{}",
            "{".repeat(4_000),
            "}".repeat(4_000)
        );
        assert_eq!(check(&nested), Err(TooDeep::Nesting(MAX_DEPTH + 1)));
        let union = format!(
            "SELECT * WHERE {{ {} }}",
            (0..5_000)
                .map(|i| format!("{{ ?s <urn:p{i}> ?o }}"))
                .collect::<Vec<_>>()
                .join(" UNION ")
        );
        assert!(matches!(check(&union), Err(TooDeep::Chain(_))));
        let ors = format!("ASK {{ FILTER({}) }}", vec!["?x = 1"; 3_000].join(" || "));
        assert!(matches!(check(&ors), Err(TooDeep::Chain(_))));
        // Long but flat is fine: many triple patterns.
        let flat = format!(
            "SELECT * WHERE {{ {} }}",
            (0..3_000)
                .map(|i| format!("?s <urn:p{i}> ?o{i} ."))
                .collect::<Vec<_>>()
                .join(" ")
        );
        assert_eq!(check(&flat), Ok(()));
    }
}
