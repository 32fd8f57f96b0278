//! docbao's core: bytes → text → clean article → entities and facts → search. Pure: no terminal
//! code lives here (the reader is in the binary's `tui` module).
#![forbid(unsafe_code)]

pub mod cache;
pub mod clean;
pub mod config;
pub mod corpus;
pub mod extract;
pub mod filter;
pub mod format;
pub mod index;
pub mod lexicon;
pub mod search;
pub mod state;
pub mod text;
