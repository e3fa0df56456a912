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
