//! What Windows does differently, tested here on Linux (cfg-independent code): file
//! names Windows cannot create, Vietnamese folder names, and paths over 260 characters.
//! The rename retry (a file held open by another process) is tested with an injected
//! fault in `storage::fsio`'s unit tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use ocop_tracker::app::AppState;
use ocop_tracker::command::Command;
use ocop_tracker::documents::DocKind;
use ocop_tracker::domain::filename::{collision_key, is_windows_safe};
use ocop_tracker::domain::model::ProductId;
use ocop_tracker::storage::{self, evidence};
use ocop_tracker::text::Lang;

fn open(ws: &Path) -> AppState {
    AppState::open(ws, common::catalog(), common::today(), Lang::Vi).expect("open")
}

/// Imports `source` and attaches it to `key` of product `id`, as the app's import job
/// does; returns the stored path.
fn attach(state: &mut AppState, id: &ProductId, key: &str, source: &Path) -> String {
    let imported = evidence::import_file(state.dir(), source, &mut |_| {}, &AtomicBool::new(false))
        .expect("import");
    let added_at = common::today().and_hms_opt(9, 0, 0).expect("time");
    state
        .apply(&Command::Attach {
            id: id.clone(),
            key: key.to_owned(),
            attachments: vec![imported.to_attachment(added_at)],
        })
        .expect("attach");
    imported.stored_path
}

/// Opening, attaching evidence and exporting all work in a workspace under Vietnamese
/// folder names (on Windows these are UTF-16: nothing may pass through a lossy
/// conversion), and the attached file's original Vietnamese name is kept.
#[test]
fn a_workspace_under_vietnamese_folder_names() {
    let tmp = tempfile::tempdir().unwrap();
    let documents = tmp.path().join("Nguyễn Văn An").join("Tài liệu");
    let ws = documents.join("OCOP xã Đông Hòa");
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("saves"), &ws);
    let sources = documents.join("Ảnh chụp");
    fs::create_dir_all(&sources).unwrap();
    let source = sources.join("Giấy chứng nhận ATTP – bản gốc.jpg");
    fs::write(&source, b"\xff\xd8 not really a jpeg").unwrap();

    let com = ProductId::parse("com-hong-quang").unwrap();
    let mut state = open(&ws);
    assert!(
        state.load_problems().is_empty(),
        "{:?}",
        state.load_problems()
    );
    let stored = attach(&mut state, &com, "form-02", &source);
    let on_disk = evidence::resolve(&ws, &stored).expect("resolve");
    assert!(on_disk.starts_with(&ws));
    assert_eq!(fs::read(&on_disk).unwrap(), fs::read(&source).unwrap());

    let exported = documents.join("Lịch hạn OCOP – Đông Hòa.ics");
    state.export_now(ocop_tracker::app::Export::Calendar(exported.clone()));
    assert!(
        fs::read_to_string(&exported)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR")
    );
    // Every form and the status report, under their default (Vietnamese) names.
    for kind in DocKind::ALL {
        let name = kind.file_name(&state.workspace().products[&com], Lang::Vi);
        assert!(is_windows_safe(&name), "{name:?}");
        let path = documents.join(&name);
        state.export_now(ocop_tracker::app::Export::Document {
            kind,
            id: com.clone(),
            path: path.clone(),
        });
        assert!(
            fs::metadata(&path).is_ok_and(|m| m.len() > 0),
            "{}: {:?}",
            path.display(),
            state.messages()
        );
    }
    let copy = documents.join("Bản sao – OCOP xã Đông Hòa");
    state.save_copy_to(&copy).expect("save a copy");
    drop(state);

    // Reopened: the attachment is there, with its name, and verifies.
    let state = open(&ws);
    let attachment = state
        .all_attachments()
        .into_iter()
        .find(|a| a.stored_path == stored)
        .expect("attachment kept");
    assert_eq!(attachment.file_name, "Giấy chứng nhận ATTP – bản gốc.jpg");
    assert_eq!(
        evidence::verify(&ws, &attachment, &AtomicBool::new(false)),
        evidence::EvidenceStatus::Ok
    );
    assert!(storage::looks_like_workspace(&copy));
    assert_eq!(
        open(&copy).workspace().products.len(),
        state.workspace().products.len()
    );
}

/// A workspace nested deeper than Windows' old 260-character limit opens, saves and
/// takes evidence (the .exe's manifest says `longPathAware`, and std::fs turns long
/// paths into `\\?\` paths on Windows; here we check that nothing of ours cuts or
/// limits a path).
#[test]
fn a_workspace_deeper_than_260_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = tmp.path().to_owned();
    while ws.as_os_str().len() < 300 {
        ws.push("Hồ sơ OCOP cấp xã năm 2026 (bản lưu)");
    }
    ws.push("OCOP");
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("saves"), &ws);
    let com = ProductId::parse("com-hong-quang").unwrap();
    let mut state = open(&ws);
    assert_eq!(state.workspace().products.len(), 2);
    state
        .apply(&Command::SetText {
            id: com.clone(),
            field: ocop_tracker::command::TextField::Name,
            value: "Lưu trong một thư mục rất sâu".into(),
        })
        .expect("save");
    let source = ws.join("Phiếu kiểm nghiệm.pdf");
    fs::write(&source, b"%PDF-1.4 sample").unwrap();
    let stored = attach(&mut state, &com, "form-02", &source);
    let on_disk = evidence::resolve(&ws, &stored).unwrap();
    assert!(on_disk.as_os_str().len() > 260, "{}", on_disk.display());
    assert!(on_disk.is_file());
    drop(state);
    let state = open(&ws);
    assert_eq!(
        state.workspace().products[&com].name,
        "Lưu trong một thư mục rất sâu"
    );
    assert!(
        state
            .all_attachments()
            .iter()
            .any(|a| a.stored_path == stored)
    );
}

/// Every name the app writes in a workspace is one Windows can create: no device names
/// (CON, NUL, COM1…), no trailing dot or space, no two names in a folder that differ
/// only by case. Covers product files (ids from names like "Con"), the app's own
/// conflict copies, the trash, evidence and the evidence trash.
#[test]
fn every_name_the_app_writes_is_safe_on_windows() {
    let (_tmp, ws) = common::demo_copy();
    let mut state = open(&ws);
    let mut ids = Vec::new();
    for name in ["Con", "CON GÀ", "Nul", "Aux", "COM1", "Lpt9", "Prn.", "Côn"] {
        let id = state.free_product_id(name);
        state
            .apply(&Command::AddProduct {
                id: id.clone(),
                name: name.to_owned(),
                scoring_set: 6,
                year: 2026,
            })
            .expect("add");
        ids.push(id);
    }
    assert_eq!(ids[0].as_str(), "con-sp");
    // Export file names of products named like devices (the name, not the id, is used).
    for id in &ids {
        for kind in DocKind::ALL {
            for lang in [Lang::Vi, Lang::En] {
                let name = kind.file_name(&state.workspace().products[id], lang);
                assert!(is_windows_safe(&name), "{name:?}");
            }
        }
    }
    for name in ["CON", "nul.", "Prn .", "COM1"] {
        let exported = ocop_tracker::domain::filename::export_file_name(name, "docx");
        assert!(is_windows_safe(&exported), "{exported:?}");
    }
    assert_eq!(ids[7].as_str(), "con-sp-2", "Côn folds to the same slug");
    // Evidence with an upper-case extension, a reserved stem and a trailing dot.
    let sources = tempfile::tempdir().unwrap();
    for (i, name) in ["CON.JPG", "Ảnh.Png", "nul.", "aux .pdf"]
        .iter()
        .enumerate()
    {
        let source = sources.path().join(name);
        fs::write(&source, format!("content {i}")).unwrap();
        attach(&mut state, &ids[0], "form-02", &source);
    }
    // A conflict copy of our own: the file changed under us.
    let product_file = storage::product_path(&ws, &ids[1]);
    let mut changed = fs::read_to_string(&product_file).unwrap();
    changed.push('\n');
    fs::write(&product_file, changed).unwrap();
    let _ = state.apply(&Command::SetText {
        id: ids[1].clone(),
        field: ocop_tracker::command::TextField::Name,
        value: "sửa".into(),
    });
    // The trash: a deleted product, and a stored evidence file.
    state
        .apply(&Command::DeleteProduct { id: ids[2].clone() })
        .expect("delete");
    let dir = state.dir().to_path_buf();
    drop(state);
    let stored = storage::evidence::list_stored(&dir).unwrap();
    evidence::remove_stored(&dir, &stored[0]).expect("evidence to the trash");

    let mut names_by_folder: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    collect(&ws, &mut names_by_folder);
    let written: usize = names_by_folder.values().map(Vec::len).sum();
    assert!(written > 20, "{names_by_folder:?}");
    let mut conflict_copies = 0;
    for (folder, names) in &names_by_folder {
        let mut keys = BTreeMap::new();
        for name in names {
            assert!(
                is_windows_safe(name),
                "{name:?} in {} cannot exist on Windows",
                folder.display()
            );
            conflict_copies += usize::from(name.contains(".ocop-conflict-"));
            if let Some(other) = keys.insert(collision_key(name), name) {
                panic!(
                    "{name:?} and {other:?} in {} differ only by case",
                    folder.display()
                );
            }
        }
    }
    assert_eq!(conflict_copies, 1, "{names_by_folder:?}");
    assert!(
        names_by_folder
            .get(&ws.join("trash"))
            .is_some_and(|names| names.iter().any(|n| n.starts_with("nul-sp-"))),
        "{names_by_folder:?}"
    );
}

/// Every file and folder name under `dir`, by folder.
fn collect(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<String>>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().expect("Unicode name");
        out.entry(dir.to_owned()).or_default().push(name);
        if entry.file_type().unwrap().is_dir() {
            collect(&entry.path(), out);
        }
    }
}

/// Issue 22: an export that failed because Word held the file offers "Thử lại" on its
/// banner; clicking it exports again to the same place (the failure itself needs Windows:
/// tools/wine-smoke holds a .docx open under Wine and checks the message).
#[test]
fn the_try_again_button_exports_to_the_same_file() {
    use egui_kittest::kittest::Queryable;
    let (_tmp, ws) = common::demo_copy();
    let out = ws.parent().unwrap().join("Mẫu 02 của Cốm.docx");
    let mut harness = common::app_harness(&ws, egui::vec2(1200.0, 800.0), Lang::Vi);
    harness
        .state_mut()
        .state
        .as_mut()
        .unwrap()
        .message_with_retry(
            ocop_tracker::app::Notice::Plain(ocop_tracker::text::DOC_EXPORT_FAILED),
            ocop_tracker::app::Retry::ExportDocument {
                kind: DocKind::Form02,
                id: ProductId::parse("com-hong-quang").unwrap(),
                path: out.clone(),
            },
        );
    harness.run();
    assert!(!out.exists());
    harness.get_by_label("Thử lại").click();
    harness.run();
    common::wait_for_exchange(&mut harness);
    assert!(out.is_file(), "exported again on Thử lại");
    assert!(
        harness.query_by_label("Thử lại").is_none(),
        "the banner is gone"
    );
}

/// Issue 22: Help → About names the version, the rule data, the renderer (none in a test
/// harness: no window) and the workspace folder.
#[test]
fn help_about_names_the_version_the_renderer_and_the_folders() {
    use egui_kittest::kittest::Queryable;
    let (_tmp, ws) = common::demo_copy();
    let mut harness = common::app_harness(&ws, egui::vec2(1200.0, 800.0), Lang::Vi);
    harness.get_by_label("Trợ giúp").click();
    harness.run();
    harness.get_by_label("Giới thiệu…").click();
    harness.run();
    for label in [
        "Phiên bản",
        env!("CARGO_PKG_VERSION"),
        "Trình vẽ đồ họa",
        "Quyết định 26/2026/QĐ-TTg, 26 bộ tiêu chí",
        "Thư mục nhật ký",
        "Mở thư mục nhật ký",
    ] {
        assert!(harness.query_by_label(label).is_some(), "{label} shown");
    }
    assert!(
        harness.query_by_label(&ws.display().to_string()).is_some(),
        "the workspace folder shown"
    );
    harness.get_by_label("Đóng").click();
    harness.run();
    assert!(harness.query_by_label("Phiên bản").is_none(), "closed");
}

/// Issue 22: the first run of an installed program offers the commune's own workspace,
/// and (on Windows) refuses to make one in the temporary folder.
#[test]
fn the_first_run_offers_a_workspace_and_refuses_the_temp_folder() {
    use egui_kittest::kittest::Queryable;
    use ocop_tracker::ui::OcopApp;
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("Temp1_ocop.zip").join("OCOP Hồng Quang");
    let mut app = OcopApp::new(common::catalog(), None, Lang::Vi, Some(common::today()));
    app.refuse_temp = Some(tmp.path().to_owned());
    app.dialogs = Box::new(common::FakeDialogs {
        folder: Some(target.clone()),
        ..Default::default()
    });
    app.offer_first_workspace();
    let mut harness = common::harness_of(app, egui::vec2(1024.0, 700.0));
    harness.run();
    assert!(harness.query_by_label_contains("Chào mừng!").is_some());
    for (label, text) in [("Xã", "Hồng Quang"), ("Tỉnh", "Tuyên Quang")] {
        common::type_into(&mut harness, label, text);
    }
    harness.get_by_label("Chọn thư mục khác…").click();
    harness.run();
    harness.get_by_label("Tạo và mở").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("thư mục tạm của hệ thống")
            .is_some()
    );
    assert!(!target.exists(), "nothing written in the temporary folder");
    assert!(harness.state().state.is_none());
}
