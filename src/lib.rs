#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod diagnostic;
pub mod numerals;
pub mod source;
pub mod structure;
pub mod vocab;
pub mod extract;
pub mod rdf;
pub mod export;
pub mod store;
pub mod pipeline;
