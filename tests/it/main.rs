//! The integration tests: one binary, one module per concern.

mod cli;
mod corpus;
mod evaluation;
mod golden;
mod graph;
mod interop;
mod large;
mod law_graph;
mod push;
mod robustness;
mod scale;
mod search;
mod serve;
mod validate;
mod vocabulary;
mod workbench;

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

/// The Python interpreter `scripts/setup --test` creates, with the independent RDF
/// tools the tests check policykg's output with (scripts/requirements.txt).
pub fn venv_python() -> PathBuf {
    let python = root().join("target/venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `scripts/setup --test` to create the Python environment these tests use",
        python.display()
    );
    python
}
