//! Shared test helpers: temp copies of the demo workspace (tests never write `saves/`).
#![allow(dead_code, reason = "each test crate uses some of the helpers")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ocop_tracker::domain::catalog::Catalog;

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create target folder");
    for entry in fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A temp folder holding a copy of `saves/`; returns (guard, workspace path).
pub fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let ws = tmp.path().join("ws");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("saves"), &ws);
    (tmp, ws)
}

/// The built-in rule data.
pub fn catalog() -> Catalog {
    ocop_tracker::storage::assets::builtin_catalog().expect("built-in assets parse")
}

/// The pinned "today" of the demo.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}
