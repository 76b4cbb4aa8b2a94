//! Several officers, one workspace (issue 11): what a second writer does to files, and
//! what the app does about it. Each test is one scenario of the issue, (a)–(f), played
//! with the file operations a sync tool or a second PC would make.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, SystemTime};

use ocop_tracker::app::AppState;
use ocop_tracker::command::{Command, TextField};
use ocop_tracker::domain::merge::{self, Keep, Part};
use ocop_tracker::domain::model::ProductId;
use ocop_tracker::storage::{self, ConflictTool};
use ocop_tracker::ui::text::Lang;

fn open(ws: &Path, officer: &str) -> AppState {
    let mut state = AppState::open(ws, common::catalog(), common::today(), Lang::En).expect("open");
    state.set_officer(officer);
    state
}

fn com() -> ProductId {
    ProductId::parse("com-hong-quang").expect("id")
}

fn trau() -> ProductId {
    ProductId::parse("thit-trau-binh-an").expect("id")
}

fn set_notes(state: &mut AppState, id: &ProductId, notes: &str) {
    state
        .apply(&Command::SetText {
            id: id.clone(),
            field: TextField::Notes,
            value: notes.into(),
        })
        .expect("edit");
}

/// Another officer's edit arriving through the sync folder: their app wrote the file.
fn outside_edit(ws: &Path, id: &ProductId, notes: &str) {
    let other = tempfile::tempdir().expect("tmp");
    let theirs = other.path().join("ws");
    common::copy_dir(ws, &theirs);
    let _ = fs::remove_file(theirs.join(storage::shared::LOCK_FILE));
    let mut state = open(&theirs, "Lò Văn Bình");
    set_notes(&mut state, id, notes);
    drop(state);
    let file = format!("products/{id}.ron");
    fs::copy(theirs.join(&file), ws.join(&file)).expect("sync the file");
}

fn run(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args(args)
        .output()
        .expect("run")
}

#[test]
fn a_an_outside_change_is_never_overwritten_by_a_later_edit() {
    let (_tmp, ws) = common::demo_copy();
    let mut state = open(&ws, "Nguyễn Văn An");
    outside_edit(&ws, &com(), "ghi chú của Bình");
    set_notes(&mut state, &com(), "ghi chú của An");
    let on_disk = storage::load_workspace(&ws).expect("load");
    assert_eq!(
        on_disk.workspace.products[&com()].notes,
        "ghi chú của Bình",
        "the other officer's change stays in the product file"
    );
    assert_eq!(on_disk.conflicts.len(), 1, "{:?}", on_disk.conflicts);
    let copy = &on_disk.conflicts[0];
    assert_eq!(copy.tool, ConflictTool::ThisApp);
    let ours = storage::read_conflict_copy(copy).expect("read copy");
    assert_eq!(
        ours.notes, "ghi chú của An",
        "our edit is kept in the conflict file"
    );
    // The window says so and shows their version; nothing claims "all saved".
    assert_eq!(state.workspace().products[&com()].notes, "ghi chú của Bình");
    assert_eq!(state.conflicts_of(&com()).len(), 1);
    assert!(
        state.messages().iter().any(|m| m
            .words(Lang::En)
            .contains("changed on disk since it was read")),
        "{:?}",
        state.messages()
    );
}

#[test]
fn b_outside_changes_to_other_products_are_reloaded_and_kept() {
    let (_tmp, ws) = common::demo_copy();
    let mut state = open(&ws, "Nguyễn Văn An");
    set_notes(&mut state, &com(), "An sửa cốm");
    outside_edit(&ws, &trau(), "Bình sửa trâu");
    let changed = state.rescan();
    assert_eq!(changed, vec![(trau(), "Lò Văn Bình".to_owned())]);
    assert_eq!(state.workspace().products[&trau()].notes, "Bình sửa trâu");
    assert!(state.can_undo(), "undo history survives a reload");
    // Editing it now keeps their change.
    state
        .apply(&Command::SetText {
            id: trau(),
            field: TextField::Phone,
            value: "0912 000 002".into(),
        })
        .expect("edit");
    let on_disk = storage::load_workspace(&ws).expect("load");
    let trau_now = &on_disk.workspace.products[&trau()];
    assert_eq!(trau_now.notes, "Bình sửa trâu");
    assert_eq!(trau_now.producer.phone, "0912 000 002");
    assert!(on_disk.conflicts.is_empty());
    // Our own write is not taken for someone else's.
    assert!(state.rescan().is_empty());
}

#[test]
fn c_conflict_copies_of_every_sync_tool_are_recognised_never_loaded() {
    let (_tmp, ws) = common::demo_copy();
    let original = ws.join("products/com-hong-quang.ron");
    let names = [
        "com-hong-quang.sync-conflict-20261128-232729-XIZO752.ron",
        "com-hong-quang (Lò Văn Bình's conflicted copy 2026-11-28).ron",
        "com-hong-quang (conflicted copy 2026-11-28 232729).ron",
        "com-hong-quang-laptop-binh.ron",
        "com-hong-quang (1).ron",
    ];
    for name in names {
        fs::copy(&original, ws.join("products").join(name)).expect("copy");
    }
    let loaded = storage::load_workspace(&ws).expect("load");
    assert_eq!(
        loaded.workspace.products.len(),
        2,
        "no copy loaded as a product"
    );
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut tools: Vec<ConflictTool> = loaded.conflicts.iter().map(|c| c.tool).collect();
    tools.sort_by_key(|t| format!("{t:?}"));
    assert_eq!(
        tools,
        [
            ConflictTool::DropboxOrNextcloud,
            ConflictTool::DropboxOrNextcloud,
            ConflictTool::Numbered,
            ConflictTool::OneDrive,
            ConflictTool::Syncthing,
        ]
    );
    assert!(loaded.conflicts.iter().all(|c| c.of == com()));
    let ws_str = ws.to_str().expect("path");
    let out = run(&["conflicts", ws_str, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("5 conflict copies"), "{text}");
    assert!(text.contains("Syncthing"), "{text}");
    let check = run(&["check", ws_str, "--lang", "en"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains("unresolved conflict copy"));
}

#[test]
fn resolving_a_conflict_keeps_both_sides_history_and_trashes_the_copy() {
    let (_tmp, ws) = common::demo_copy();
    let mut state = open(&ws, "Nguyễn Văn An");
    outside_edit(&ws, &com(), "ghi chú của Bình");
    set_notes(&mut state, &com(), "ghi chú của An");
    let copy = state.conflicts_of(&com())[0].clone();
    let current = state.workspace().products[&com()].clone();
    let theirs = storage::read_conflict_copy(&copy).expect("copy");
    let parts = merge::differences(&current, &theirs);
    assert_eq!(parts, vec![Part::Text(TextField::Notes)]);
    let merged = merge::merge(
        &current,
        &theirs,
        &BTreeMap::from([(Part::Text(TextField::Notes), Keep::Both)]),
    );
    state.resolve_conflict(&copy, merged).expect("resolve");
    let on_disk = storage::load_workspace(&ws).expect("load");
    let product = &on_disk.workspace.products[&com()];
    assert_eq!(product.notes, "ghi chú của Bình\nghi chú của An");
    let authors: Vec<&str> = product.history.iter().map(|e| e.by.as_str()).collect();
    assert!(authors.contains(&"Lò Văn Bình") && authors.contains(&"Nguyễn Văn An"));
    assert!(on_disk.conflicts.is_empty());
    assert!(!copy.path.exists());
    let trashed = fs::read_dir(ws.join("trash"))
        .expect("trash")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().starts_with("conflict-"));
    assert!(trashed, "the copy is moved to trash/, never deleted");
}

#[test]
fn d_a_second_window_on_the_same_workspace_is_read_only() {
    let (_tmp, ws) = common::demo_copy();
    let mut first = open(&ws, "An");
    let mut second = open(&ws, "An");
    assert!(first.workspace_locked().is_none());
    assert!(second.workspace_locked().is_some());
    assert!(
        second
            .apply(&Command::SetText {
                id: com(),
                field: TextField::Notes,
                value: "from the second window".into(),
            })
            .is_err()
    );
    set_notes(&mut first, &com(), "from the first window");
    drop(first);
    let third = open(&ws, "An");
    assert!(
        third.workspace_locked().is_none(),
        "the lock goes with the window"
    );
    assert_eq!(
        third.workspace().products[&com()].notes,
        "from the first window"
    );
}

fn stored_files(ws: &Path) -> Vec<String> {
    storage::evidence::list_stored(ws).expect("list")
}

#[test]
fn e_clean_up_decides_from_a_fresh_scan_not_from_what_was_loaded() {
    let (_tmp, ws) = common::demo_copy();
    let state = open(&ws, "An");
    for stored in stored_files(&ws) {
        common::age_evidence(&ws, &stored, 30);
    }
    // Another officer attaches a file: the evidence arrives, then their product file.
    let other = tempfile::tempdir().expect("tmp");
    let sample = other.path().join("giấy phép.jpg");
    fs::write(&sample, b"new evidence bytes").expect("write");
    let imported = storage::evidence::import_file(
        &ws,
        &sample,
        &mut |_| {},
        &std::sync::atomic::AtomicBool::new(false),
    )
    .expect("import");
    common::age_evidence(&ws, &imported.stored_path, 30);
    let mut product = storage::load_workspace(&ws)
        .expect("load")
        .workspace
        .products[&trau()]
        .clone();
    if let Some(entry) = product.current_mut().and_then(|a| a.dossier.first_mut()) {
        entry
            .attachments
            .push(imported.to_attachment(chrono::Local::now().naive_local()));
    }
    storage::save_product(&ws, &product).expect("their save");
    // This window loaded before; its clean-up still must not touch the new file.
    let plan =
        storage::unused_evidence(&ws, SystemTime::now(), storage::EVIDENCE_GRACE).expect("plan");
    assert!(!plan.removable.contains(&imported.stored_path), "{plan:?}");
    assert!(plan.removable.is_empty(), "{plan:?}");
    drop(state);
}

#[test]
fn f_evidence_before_its_product_renamed_evidence_and_newer_products_are_safe() {
    let (_tmp, ws) = common::demo_copy();
    let stored = stored_files(&ws);
    for path in &stored {
        common::age_evidence(&ws, path, 30);
    }
    // Arrives before the product file that names it: young, so kept.
    let early = "evidence/ee/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee.pdf";
    fs::create_dir_all(ws.join("evidence/ee")).expect("mkdir");
    fs::write(ws.join(early), b"arrived first").expect("write");
    let plan =
        storage::unused_evidence(&ws, SystemTime::now(), storage::EVIDENCE_GRACE).expect("plan");
    assert!(plan.too_young.contains(&early.to_owned()), "{plan:?}");
    assert!(plan.removable.is_empty());
    // Its name is not its content's hash: reported, never removed, even when old.
    common::age_evidence(&ws, early, 30);
    let plan =
        storage::unused_evidence(&ws, SystemTime::now(), storage::EVIDENCE_GRACE).expect("plan");
    assert!(plan.misnamed.contains(&early.to_owned()), "{plan:?}");
    assert!(plan.removable.is_empty());
    let check = run(&["check", ws.to_str().expect("path"), "--lang", "en"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("name is not its content's SHA-256"),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    fs::remove_file(ws.join(early)).expect("rm");

    // The only copy of a referenced file, renamed .jpg → .png inside evidence/.
    let renamed = stored[0].replace(".jpg", ".png");
    fs::rename(ws.join(&stored[0]), ws.join(&renamed)).expect("rename");
    let plan =
        storage::unused_evidence(&ws, SystemTime::now(), storage::EVIDENCE_GRACE).expect("plan");
    assert!(!plan.removable.contains(&renamed), "{plan:?}");

    // A newer-schema product: its references are unknown, so clean-up refuses.
    let path = ws.join("products/com-hong-quang.ron");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(
        &path,
        text.replacen("schema_version: 4", "schema_version: 9", 1),
    )
    .expect("write");
    assert!(storage::unused_evidence(&ws, SystemTime::now(), storage::EVIDENCE_GRACE).is_err());
    let out = run(&["gc", ws.to_str().expect("path"), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(ws.join(&renamed).is_file());
    assert!(stored[1..].iter().all(|s| ws.join(s).is_file()));
}

#[test]
fn temp_files_of_sync_tools_and_of_the_app_never_trigger_a_reload() {
    let (_tmp, ws) = common::demo_copy();
    let mut state = open(&ws, "An");
    let products = ws.join("products");
    let text = fs::read(products.join("com-hong-quang.ron")).expect("read");
    for name in [
        ".syncthing.com-hong-quang.ron.tmp",
        "~syncthing~com-hong-quang.ron.tmp",
        ".com-hong-quang.ron.0123456789abcdef.tmp",
        ".~lock.com-hong-quang.ron#",
    ] {
        fs::write(products.join(name), &text).expect("write temp");
    }
    assert!(state.rescan().is_empty(), "no reload for temp files");
    assert!(state.conflicts().is_empty());
    assert_eq!(state.workspace().products.len(), 2);
}

/// Every conflict-copy name the sync tools and Windows make, in any case (issue 27, item
/// 3): OneDrive's upper-case computer name was "an invalid id" to `check` and unseen by
/// `conflicts`; Explorer's "- Copy" / "- Bản sao", "(1)" without a space, "[conflicted]"
/// and "_Conflict" were missed too. Each is now a conflict copy of its product, offered
/// for merging, and never loaded as a product.
#[test]
fn every_conflict_copy_name_is_recognised_in_any_case() {
    let (_tmp, ws) = common::demo_copy();
    let original = ws.join("products/com-hong-quang.ron");
    let names = [
        "com-hong-quang-DESKTOP-4FNBC3D.ron",
        "com-hong-quang - Copy.ron",
        "com-hong-quang - Bản sao.ron",
        "com-hong-quang(1).ron",
        "com-hong-quang [conflicted].ron",
        "com-hong-quang_Conflict.ron",
        "com-hong-quang.SYNC-CONFLICT-20261205-101010-ABCDEFG.ron",
    ];
    for name in names {
        fs::copy(&original, ws.join("products").join(name)).unwrap();
    }
    let loaded = storage::load_workspace(&ws).unwrap();
    assert_eq!(
        loaded.workspace.products.len(),
        2,
        "no copy loaded as a product"
    );
    assert_eq!(
        loaded.conflicts.len(),
        names.len(),
        "{:?}",
        loaded.conflicts
    );
    assert!(loaded.conflicts.iter().all(|c| c.of == com()));
    assert!(
        loaded
            .conflicts
            .iter()
            .any(|c| c.tool == ConflictTool::OneDrive)
    );
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let out = run(&["conflicts", ws.to_str().unwrap()]);
    let listed =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{listed}");
    assert!(listed.contains("DESKTOP-4FNBC3D"), "{listed}");
    let check = run(&["check", ws.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&check.stdout).into_owned()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(
        !said.contains("không phải mã sản phẩm hợp lệ"),
        "not an invalid id: {said}"
    );
    assert_eq!(
        said.matches("bản xung đột chưa giải quyết").count(),
        names.len(),
        "{said}"
    );
}

/// Two officers add a product of the same name at the same moment (an import each, on
/// two PCs of a shared folder): the second to write finds the id taken. Both are kept as
/// two products; the second moves to the next free id, never to a conflict copy.
#[test]
fn a_new_product_whose_id_was_taken_meanwhile_gets_the_next_free_id() {
    let (_tmp, ws) = common::demo_copy();
    let mut mine = open(&ws, "Nguyễn Văn An");
    let id = mine.free_product_id("Mật ong bạc hà");
    assert_eq!(id.as_str(), "mat-ong-bac-ha");
    // The other PC saves its own "Mật ong bạc hà" under that id first; the sync tool
    // brings the file here.
    let other = tempfile::tempdir().expect("tmp");
    let their_ws = other.path().join("ws");
    common::copy_dir(&ws, &their_ws);
    let _ = fs::remove_file(their_ws.join(storage::shared::LOCK_FILE));
    let mut theirs = open(&their_ws, "Lò Văn Bình");
    let add = |state: &mut AppState, set: u8| {
        state
            .apply(&Command::AddProduct {
                id: id.clone(),
                name: "Mật ong bạc hà".into(),
                scoring_set: set,
                year: 2026,
            })
            .expect("add");
    };
    add(&mut theirs, 5);
    assert!(theirs.flush());
    drop(theirs);
    let file = "products/mat-ong-bac-ha.ron";
    fs::copy(their_ws.join(file), ws.join(file)).expect("sync the file");
    let theirs_bytes = fs::read(ws.join(file)).unwrap();
    // This PC did not see it yet (no watcher here) and adds its own.
    add(&mut mine, 6);
    assert!(mine.flush(), "{:?}", mine.messages());
    let moved = ProductId::parse("mat-ong-bac-ha-2").unwrap();
    assert_eq!(mine.workspace().products[&moved].scoring_set, 6);
    assert_eq!(
        mine.workspace().products[&id].scoring_set,
        5,
        "theirs read in"
    );
    assert_eq!(
        fs::read(ws.join("products/mat-ong-bac-ha.ron")).unwrap(),
        theirs_bytes,
        "theirs untouched"
    );
    assert!(ws.join("products/mat-ong-bac-ha-2.ron").is_file());
    let names: Vec<String> = fs::read_dir(ws.join("products"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("conflict")),
        "no conflict copy: {names:?}"
    );
    assert!(mine.conflicts().is_empty());
    assert!(
        mine.messages()
            .iter()
            .any(|m| m.words(Lang::Vi).contains("mat-ong-bac-ha-2")),
        "the move is said: {:?}",
        mine.messages()
    );
    // Undo takes back this PC's product, under its new id, and leaves theirs.
    assert!(mine.undo());
    assert!(mine.flush());
    assert!(!mine.workspace().products.contains_key(&moved));
    assert!(!ws.join("products/mat-ong-bac-ha-2.ron").exists());
    assert_eq!(
        fs::read(ws.join("products/mat-ong-bac-ha.ron")).unwrap(),
        theirs_bytes
    );
}

/// A file attached ten days ago on another PC arrives through the sync folder with the
/// modification time it had there, before the product file that names it. The clean-up
/// counts the grace from when this computer first saw it, so it is kept for 7 days from
/// its arrival, then may go (issue 27, item 4).
#[test]
fn evidence_arriving_with_an_old_time_is_kept_for_the_grace_from_its_arrival() {
    let (tmp, ws) = common::demo_copy();
    let source = tmp.path().join("Ảnh vùng nguyên liệu.jpg");
    fs::write(&source, b"a photo taken on the other PC").expect("write");
    let imported = storage::evidence::import_file(
        &ws,
        &source,
        &mut |_| {},
        &std::sync::atomic::AtomicBool::new(false),
    )
    .expect("store");
    let ten_days_ago = SystemTime::now() - Duration::from_secs(10 * 24 * 3600);
    fs::File::options()
        .write(true)
        .open(ws.join(&imported.stored_path))
        .and_then(|f| f.set_modified(ten_days_ago))
        .expect("the time the sync tool kept");
    let plan =
        storage::unused_evidence(&ws, SystemTime::now(), storage::EVIDENCE_GRACE).expect("plan");
    assert!(
        plan.too_young.contains(&imported.stored_path),
        "kept: {plan:?}"
    );
    assert!(!plan.removable.contains(&imported.stored_path));
    // Eight days on, no product has named it: now it may go.
    let later = SystemTime::now() + Duration::from_secs(8 * 24 * 3600);
    let plan = storage::unused_evidence(&ws, later, storage::EVIDENCE_GRACE).expect("plan");
    assert!(plan.removable.contains(&imported.stored_path), "{plan:?}");
}
