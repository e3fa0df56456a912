//! The integration tests: one binary, one module per concern.

mod cli;
mod corpus;
mod evaluation;
mod golden;
mod graph;
mod push;
mod scale;
mod serve;
mod vocabulary;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled seed document.
pub fn seed() -> PathBuf {
    root().join("data/中国工会国际工作.txt")
}

/// The `policykg` binary, ready to run.
pub fn policykg() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("policykg").expect("the binary is built")
}
