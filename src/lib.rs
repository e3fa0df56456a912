#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod batch;
pub mod diagnostic;
pub mod divisions;
pub mod export;
pub mod extract;
pub mod numerals;
pub mod pipeline;
pub mod push;
pub mod queries;
pub mod rdf;
pub mod search;
pub mod serve;
pub mod source;
pub mod store;
pub mod structure;
pub mod validate;
pub mod vocab;
