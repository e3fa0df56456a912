//! The `policykg` binary: parse the arguments, run, print the error chain, pick
//! the exit code. Everything else is in the library and in `cli`.

mod cli;

/// mimalloc: the loader allocates and frees millions of small terms; glibc malloc
/// spent over a tenth of a load in its free lists (perf), mimalloc much less.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::args::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(cli::EXIT_FATAL)
        }
    }
}
