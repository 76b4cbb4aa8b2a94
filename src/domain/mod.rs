//! The OCOP domain: products, process stages, dossier, criteria, scoring, deadlines.
//!
//! Invariant: nothing here depends on egui, ron, rfd or `std::fs`. Everything is pure
//! data and functions, fast to unit-test. "Today" is always a parameter.

pub mod agenda;
pub mod catalog;
pub mod checks;
pub mod criteria;
pub mod deadlines;
pub mod demo;
pub mod digest;
pub mod dossier;
pub mod exchange;
pub mod filename;
pub mod form_text;
pub mod history;
pub mod holidays;
pub mod ics;
pub mod lunar;
pub mod merge;
pub mod model;
pub mod print;
pub mod remarks;
pub mod scoring;
pub mod search;
pub mod sides;
pub mod spreadsheet;
pub mod stage;
pub mod status;
pub mod store;
pub mod summary;
