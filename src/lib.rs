//! docbao's core, one module per stage of the pipeline, each using only the ones before it:
//!
//! bytes → `text` (decode, sanitise, NFC, fold) → `clean` (formats, boilerplate, metadata) →
//! `extract` (entities as spans, facts) → `article` (the model) → `search` (the list filter,
//! ranking) → `corpus` (loading, the cache, the index) → `state` (what the user has read) and
//! `config` (the settings file).
//!
//! No terminal code lives here: the reader is the binary's `tui` module, built with the `tui`
//! feature. `tests/house.rs` keeps the order: a module that uses one after it fails the build.
#![forbid(unsafe_code)]

pub mod text;

pub mod clean;

pub mod extract;

pub mod article;

pub mod search;

pub mod corpus;

pub mod config;
pub mod state;
