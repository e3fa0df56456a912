//! The `policykg` binary: parse the arguments, run, print the error chain, pick
//! the exit code. Everything else is in the library and in `cli`.

mod cli;

/// mimalloc: the loader allocates and frees millions of small terms; glibc malloc
/// spent over a tenth of a load in its free lists (perf), mimalloc much less.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use std::process::ExitCode;

/// The stack of the thread that runs a command. SPARQL's parser and evaluator
/// recurse once per nesting level (a query of 10,000 nested parentheses or 5,000
/// UNION branches overflowed the main thread's 8 MiB and aborted the process);
/// a stack this size is only reserved, not used, by ordinary commands, and
/// `policykg::store` refuses queries nested deeper than it can hold.
const STACK: usize = 512 << 20;

fn main() -> ExitCode {
    let args = cli::args::Cli::parse();
    let run = std::thread::Builder::new()
        .name("policykg".into())
        .stack_size(STACK)
        .spawn(move || cli::run(args))
        .expect("the main thread starts");
    match run.join() {
        Ok(Ok(code)) => code,
        Ok(Err(error)) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(cli::EXIT_FATAL)
        }
        Err(_) => ExitCode::from(cli::EXIT_FATAL),
    }
}
