//! # ocop-tracker
//!
//! An offline desktop tracker for Vietnam's OCOP programme ("Mỗi xã một sản phẩm"):
//! commune agriculture officers and cooperatives follow each product through the
//! dossier, the commune's assessment, the provincial council, the star rating, the
//! certificate and its renewal, under Decision 26/2026/QĐ-TTg.
//!
//! ## Layers
//! - [`domain`]: the OCOP model and rules. Pure: no egui, no files, no RON.
//! - [`storage`]: the only code that knows files and RON (workspace folder, atomic
//!   writes, schema versions, built-in assets).
//! - [`command`]: every edit as data; `command::apply` applies the officer's edits.
//! - [`app`]: the open workspace with undo/redo, immediate checked saving, and reloading
//!   what other officers changed in a shared folder (the other way the model changes).
//! - [`text`]: every user-visible string, Vietnamese and English, and [`text::Lang`]:
//!   the vocabulary, below `documents` and `app`.
//! - [`say`]: the words of the application's outcomes (its messages, its typed errors),
//!   above `app`; the screens and the command line show them.
//! - [`ui`]: egui screens that read state, queue commands and requests, and translate
//!   outcomes; `&mut AppState` in one place (`OcopApp::handle`).
//! - [`cli`]: `check`, `list`, `demo-data` (and friends) without a display.
//!
//! ## Implementation notes
//! - Product ids are the file stems of `products/<id>.ron`; only `a-z0-9-`.
//! - Undo keeps whole-product snapshots (a product is a few KB), so every command is
//!   undoable without writing an inverse for each.
//! - Caches in the UI key on `AppState::revision`, bumped on every change.

pub mod app;
pub mod bench;
pub mod cli;
pub mod command;
pub mod documents;
pub mod domain;
pub mod jobs;
pub mod say;
pub mod storage;
pub mod text;
pub mod ui;
