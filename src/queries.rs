//! What the example queries of `queries/` say about themselves.

/// The first sentence of a query's opening comment: what the demo prints above
/// its answer and the workbench lists.
///
/// ```
/// let query = "# The sections of a document in reading order: level, title.\n# More.\nSELECT * {}";
/// assert_eq!(
///     policykg::queries::title(query),
///     "The sections of a document in reading order: level, title"
/// );
/// let query = "# Measures (一是…二是…): marker and label\nSELECT * {}";
/// assert_eq!(policykg::queries::title(query), "Measures (一是…二是…)");
/// ```
pub fn title(query: &str) -> String {
    let comment: Vec<&str> = query
        .lines()
        .map_while(|l| l.strip_prefix('#'))
        .map(str::trim)
        .collect();
    let comment = comment.join(" ");
    let end = comment
        .find(". ")
        .or_else(|| comment.find(": "))
        .map_or(comment.len(), |i| i + 1);
    comment[..end].trim_end_matches([':', '.']).to_owned()
}
