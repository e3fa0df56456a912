//! Warnings found while reading a document, with the line and column they refer to.
//!
//! Parsing never fails on odd input: it returns what it made of the text plus
//! these diagnostics. Only `cli` prints them.

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was skipped or guessed; the output is still complete.
    Warning,
    /// For information only.
    Note,
}

/// One finding about a document, positioned in its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// 1-based line in the document text.
    pub line: usize,
    /// 1-based column in code points.
    pub column: usize,
    /// What was found and what was done about it.
    pub message: String,
}

impl Diagnostic {
    /// A warning at a line and column.
    pub fn warning(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            line,
            column,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(
            f,
            "{}:{}: {severity}: {}",
            self.line, self.column, self.message
        )
    }
}
