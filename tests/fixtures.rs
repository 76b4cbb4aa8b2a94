//! Files written by older versions load forever.
//!
//! `tests/fixtures/schema-1/` is a frozen copy of `saves/` as schema 1 wrote it, and
//! `tests/fixtures/schema-2/` the same as schema 2 wrote it (before the form texts),
//! `tests/fixtures/schema-3/` the same as schema 3 wrote it (before the remarks),
//! `tests/fixtures/schema-1-history/` a schema-1 product with a history of every kind,
//! written by the schema-1 build through its own edit path. Every field is checked: the
//! loaded product, written out again, must equal `expected/` byte for byte but for the
//! writer's own `schema_version` line, and loading must report nothing (a renamed or
//! removed serde field would be an unknown field). A format change therefore needs a
//! migration that keeps every frozen `expected/` true. `expected/` files are never
//! rewritten; `OCOP_WRITE_EXPECTED=1 cargo test --test integration fixtures::` only writes the missing
//! ones of a new fixture (then review them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use ocop_tracker::app::AppState;
use ocop_tracker::command::Command;
use ocop_tracker::domain::history::{Change, DocDateField, Sheet, TextField};
use ocop_tracker::domain::model::{ProducerKind, ProductId};
use ocop_tracker::domain::scoring::Answer;
use ocop_tracker::storage;
use ocop_tracker::ui::text::Lang;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A temp copy of a fixture workspace (tests never write the fixtures).
fn copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let ws = tmp.path().join("ws");
    common::copy_dir(&fixture(name), &ws);
    (tmp, ws)
}

fn check_against_expected(name: &str) {
    let (_tmp, ws) = copy(name);
    let loaded = storage::load_workspace(&ws).expect("load");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(loaded.read_only.is_empty());
    assert!(loaded.workspace_file_writable);
    let expected_dir = fixture(name).join("expected");
    for (id, product) in &loaded.workspace.products {
        let written = storage::product_to_ron(&product).expect("serialise");
        let expected_path = expected_dir.join(format!("{id}.ron"));
        // A deliberate format change (with its migration) rewrites the expectation:
        // `OCOP_WRITE_EXPECTED=1 cargo test --test integration fixtures::`, then review the diff.
        if std::env::var_os("OCOP_WRITE_EXPECTED").is_some() && !expected_path.exists() {
            fs::create_dir_all(&expected_dir).expect("mkdir");
            fs::write(&expected_path, &written).expect("write expected");
        }
        // `expected/` is frozen: it pins every field as written when the fixture was
        // made. Only the writer's own schema line follows this build (a newer build
        // writes its version there), so that line is compared separately.
        let expected = fs::read_to_string(&expected_path).expect("expected file");
        let current_line = format!("schema_version: {},", storage::SCHEMA_VERSION);
        assert!(
            written.contains(&current_line),
            "{id}: written with this build's schema"
        );
        let expected = expected.replacen(
            &expected
                .lines()
                .find(|l| l.trim_start().starts_with("schema_version:"))
                .map(|l| l.trim().to_owned())
                .expect("a schema line"),
            &current_line,
            1,
        );
        assert_eq!(
            written,
            expected,
            "{id}: the schema-1 file no longer loads to the same product ({})",
            expected_path.display()
        );
    }
    let products_in_fixture = fs::read_dir(fixture(name).join("products"))
        .expect("list")
        .count();
    assert_eq!(loaded.workspace.products.len(), products_in_fixture);
}

#[test]
fn schema_1_demo_files_load_field_for_field() {
    check_against_expected("schema-1");
    let (_tmp, ws) = copy("schema-1");
    let loaded = storage::load_workspace(&ws).expect("load");
    let info = &loaded.workspace.info;
    assert_eq!(info.name, "OCOP Lâm Bình cũ (dữ liệu mẫu)");
    assert_eq!(info.province, "Tuyên Quang");
    let com = &loaded.workspace.products[&ProductId::parse("com-hong-quang").expect("id")];
    assert_eq!(com.name, "Cốm Hồng Quang");
    assert_eq!(com.producer.kind, ProducerKind::Cooperative);
    assert_eq!(com.scoring_set, 6);
    let app = com.current().expect("application");
    assert_eq!(
        app.dates.received_by_commune,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 16)
    );
    let ip = app
        .dossier
        .iter()
        .find(|e| e.key == "ip-documents")
        .expect("entry");
    assert_eq!(ip.attachments.len(), 1);
    assert_eq!(ip.attachments[0].size_bytes, 25418);
}

#[test]
fn schema_2_demo_files_load_field_for_field_and_stay_untouched() {
    check_against_expected("schema-2");
    let (_tmp, ws) = copy("schema-2");
    let before = files(&ws);
    let state = AppState::open(&ws, common::catalog(), common::today(), Lang::Vi).expect("open");
    let com = &state.workspace().products[&ProductId::parse("com-hong-quang").expect("id")];
    let app = com.current().expect("application");
    assert!(app.forms.is_empty(), "schema 2 had no form texts");
    assert_eq!(app.scores.self_assessment.answers.len(), 32);
    drop(state);
    assert_eq!(files(&ws), before, "reading never rewrites a file");
}

#[test]
fn schema_3_demo_files_load_field_for_field_and_stay_untouched() {
    check_against_expected("schema-3");
    let (_tmp, ws) = copy("schema-3");
    let before = files(&ws);
    let state = AppState::open(&ws, common::catalog(), common::today(), Lang::Vi).expect("open");
    let com = &state.workspace().products[&ProductId::parse("com-hong-quang").expect("id")];
    let app = com.current().expect("application");
    assert!(app.remarks.is_empty(), "schema 3 had no remarks");
    assert!(!app.forms.is_empty(), "schema 3 had the form texts");
    drop(state);
    assert_eq!(files(&ws), before, "reading never rewrites a file");
}

#[test]
fn schema_1_history_becomes_typed_without_rewriting_the_file() {
    check_against_expected("schema-1-history");
    let (_tmp, ws) = copy("schema-1-history");
    let path = ws.join("products/com-hong-quang.ron");
    let before = fs::read(&path).expect("read");
    let mut state =
        AppState::open(&ws, common::catalog(), common::today(), Lang::Vi).expect("open");
    assert_eq!(
        fs::read(&path).expect("read"),
        before,
        "reading never rewrites"
    );
    let id = ProductId::parse("com-hong-quang").expect("id");
    let changes: Vec<Change> = state.workspace().products[&id]
        .history
        .iter()
        .flat_map(|e| e.changes.clone())
        .collect();
    assert!(changes.contains(&Change::Text {
        field: TextField::Name,
        from: "Cốm Hồng Quang".into(),
        to: "Cốm Hồng Quang Lâm Bình".into(),
    }));
    assert!(changes.contains(&Change::ProducerKind {
        from: ProducerKind::Cooperative,
        to: ProducerKind::Household,
    }));
    assert!(changes.iter().any(|c| matches!(
        c,
        Change::DocDate {
            which: DocDateField::Issued,
            ..
        }
    )));
    assert!(changes.iter().any(|c| matches!(
        c,
        Change::Answer {
            sheet: Sheet::Commune,
            to: Some(Answer::NotMet),
            ..
        }
    )));
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, Change::Official { to, .. } if to.star == Some(4))),
        "{changes:?}"
    );
    assert!(
        !changes.iter().any(|c| matches!(c, Change::Legacy { .. })),
        "{changes:?}"
    );
    let entries_before = state.workspace().products[&id].history.len();

    // Upgraded when next edited: schema 2, typed history, nothing lost.
    state
        .apply(&Command::SetText {
            id: id.clone(),
            field: TextField::Notes,
            value: "sửa sau khi nâng cấp".into(),
        })
        .expect("edit");
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains("schema_version: 4"), "{text}");
    assert!(text.contains("field: ProducerKind") || text.contains("ProducerKind("));
    assert!(!text.contains("Field("), "no schema-1 change left: {text}");
    let reloaded = storage::load_workspace(&ws).expect("load");
    assert!(reloaded.problems.is_empty(), "{:?}", reloaded.problems);
    assert_eq!(
        reloaded.workspace.products[&id].history.len(),
        entries_before + 1
    );
}

/// `saves/` is generated by a command, never by hand: the command's output must equal
/// what is committed, file for file.
#[test]
fn the_shipped_demo_is_what_write_seed_generates() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ocop-dev"))
        .arg("write-seed")
        .arg(tmp.path())
        .output()
        .expect("run write-seed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saves = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let generated = files(tmp.path());
    let committed = files(&saves);
    assert_eq!(
        generated.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &generated {
        assert!(
            committed.get(name) == Some(bytes),
            "saves/{name} differs from `ocop-tracker write-seed` output; regenerate with `cargo run --bin ocop-dev -- write-seed saves --force`"
        );
    }
}

fn files(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut found = std::collections::BTreeMap::new();
    let mut pending = vec![root.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .file_name()
                .is_some_and(|n| n == storage::shared::LOCK_FILE)
            {
                // Made by running the app on saves/ (ignored by git).
            } else {
                let name = path
                    .strip_prefix(root)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned();
                found.insert(name, fs::read(&path).expect("read"));
            }
        }
    }
    found
}
