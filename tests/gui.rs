//! Behaviour tests: the real app on a temp copy of `saves/`, clicked by accessible label,
//! checked on the model and on the RON file on disk. No GPU, no display.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;
use crate::common::type_into;

use std::fs;
use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ocop_tracker::domain::dossier::DocStatus;
use ocop_tracker::domain::model::ProductId;
use ocop_tracker::ui::text::Lang;
use ocop_tracker::ui::{OcopApp, Screen};

fn harness(ws: &Path) -> Harness<'static, OcopApp> {
    common::app_harness(ws, egui::vec2(1280.0, 4000.0), Lang::Vi)
}

fn wait_for_evidence_check(harness: &mut Harness<'static, OcopApp>) {
    common::wait_for_evidence_check(harness);
}

/// From the portfolio, opens `product` on the tab labelled `tab`.
fn open_tab(harness: &mut Harness<'static, OcopApp>, product: &str, tab: &str) {
    harness.get_by_label(product).click();
    harness.run();
    harness.get_by_label(tab).click();
    harness.run();
}

/// The scoring tab on the producer's self-assessment (a commune's workspace opens its
/// own view of the sheet first).
fn open_self_assessment(harness: &mut Harness<'static, OcopApp>, product: &str) {
    open_tab(harness, product, "Chấm điểm");
    harness.get_by_label("Chủ thể tự đánh giá").click();
    harness.run();
}

/// Starts on the dashboard; most tests begin from the portfolio.
fn to_portfolio(harness: &mut Harness<'static, OcopApp>) {
    harness.run();
    harness.get_by_label("Danh mục sản phẩm").click();
    harness.run();
}

fn samples_status(app: &OcopApp) -> DocStatus {
    let state = app.state.as_ref().expect("workspace open");
    let product = state
        .workspace()
        .products
        .get(&ProductId::parse("com-hong-quang").expect("valid id"))
        .expect("product");
    product
        .current()
        .and_then(|a| a.dossier.iter().find(|e| e.key == "product-samples"))
        .map(|e| e.status)
        .expect("entry")
}

fn samples_status_on_disk(ws: &Path) -> String {
    let text = fs::read_to_string(ws.join("products/com-hong-quang.ron")).expect("file");
    let start = text
        .find("key: \"product-samples\"")
        .expect("entry in file");
    let rest = &text[start..];
    let status_line = rest
        .lines()
        .find(|l| l.trim_start().starts_with("status:"))
        .expect("status");
    status_line.trim().to_owned()
}

#[test]
fn search_open_tick_undo_redo() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);

    // Both products listed, Vietnamese drawn (kittest panics on a missing glyph).
    harness.get_by_label("Cốm Hồng Quang");
    harness.get_by_label("Thịt trâu Bình An");

    // "com" without diacritics finds Cốm and hides the buffalo meat.
    harness
        .get_by_role_and_label(Role::TextInput, "Tìm kiếm")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Tìm kiếm")
        .type_text("com");
    harness.run();
    assert!(harness.query_by_label("Thịt trâu Bình An").is_none());
    assert_eq!(
        harness.state().portfolio.visible_ids(),
        vec![ProductId::parse("com-hong-quang").expect("valid id")]
    );

    harness.get_by_label("Cốm Hồng Quang").click();
    harness.run();
    assert_eq!(
        harness.state().screen,
        Screen::Product(ProductId::parse("com-hong-quang").expect("valid id"))
    );

    // Tick "5 product samples" as ready, on the dossier tab.
    harness.get_by_label("Hồ sơ").click();
    harness.run();
    assert_eq!(samples_status(harness.state()), DocStatus::Missing);
    harness
        .get_by_role_and_label(Role::CheckBox, "05 mẫu sản phẩm")
        .click();
    harness.run();
    assert_eq!(samples_status(harness.state()), DocStatus::Ready);
    assert_eq!(samples_status_on_disk(&ws), "status: Ready,");

    // Undo with Ctrl+Z: model and file go back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(samples_status(harness.state()), DocStatus::Missing);
    assert_eq!(samples_status_on_disk(&ws), "status: Missing,");

    // Redo with Ctrl+Shift+Z, then undo and redo again with Ctrl+Y.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    assert_eq!(samples_status(harness.state()), DocStatus::Ready);
    assert_eq!(samples_status_on_disk(&ws), "status: Ready,");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    harness.run();
    assert_eq!(samples_status(harness.state()), DocStatus::Ready);
    assert_eq!(samples_status_on_disk(&ws), "status: Ready,");
}

#[test]
fn stage_move_asks_for_missing_information() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    harness.get_by_label("Thịt trâu Bình An").click();
    harness.run();
    // Next step from "producer prepares dossier" is "submitted", which needs the receipt date.
    harness
        .get_by_label_contains("Bước tiếp theo: Đã nộp UBND xã")
        .click();
    harness.run();
    harness.get_by_label("Ngày UBND xã nhận hồ sơ");
    let input = harness.get_by_role_and_label(Role::TextInput, "Ngày UBND xã nhận hồ sơ");
    assert_eq!(input.value().as_deref(), Some(""), "no date is guessed");
    // The buffalo meat's dossier still lacks required documents: the dialog says so.
    harness.get_by_label_contains("tài liệu bắt buộc của hồ sơ chưa sẵn sàng");
    harness.get_by_label("Hôm nay").click();
    harness.run();
    harness.get_by_label("Xác nhận").click();
    harness.run();
    let state = harness.state().state.as_ref().expect("ws");
    let app = state
        .workspace()
        .products
        .get(&ProductId::parse("thit-trau-binh-an").expect("valid id"))
        .and_then(|p| p.current())
        .expect("app");
    assert_eq!(
        app.stage,
        ocop_tracker::domain::stage::Stage::SubmittedToCommune
    );
    assert_eq!(app.dates.received_by_commune, Some(common::today()));
    let text = fs::read_to_string(ws.join("products/thit-trau-binh-an.ron")).expect("file");
    assert!(text.contains("stage: SubmittedToCommune"));
    assert!(text.contains("received_by_commune: Some(\"2026-11-26\")"));
}

#[test]
fn truncated_product_is_named_and_the_other_still_opens() {
    let (_tmp, ws) = common::demo_copy();
    let path = ws.join("products/com-hong-quang.ron");
    let bytes = fs::read(&path).expect("read");
    let truncated = bytes[..bytes.len() / 3].to_vec();
    fs::write(&path, &truncated).expect("truncate");
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    harness.get_by_label("Thịt trâu Bình An");
    assert!(harness.query_by_label("Cốm Hồng Quang").is_none());
    harness.get_by_label_contains("com-hong-quang.ron");
    // An edit on the other product saves it, and the broken file stays as it was.
    harness.get_by_label("Thịt trâu Bình An").click();
    harness.run();
    assert_eq!(
        harness.state().screen,
        Screen::Product(ProductId::parse("thit-trau-binh-an").expect("valid id"))
    );
    harness.get_by_label("Hồ sơ").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "05 mẫu sản phẩm")
        .click();
    harness.run();
    drop(harness);
    assert_eq!(fs::read(&path).expect("reread"), truncated);
}

#[test]
fn english_switch() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    harness.get_by_label("Ngôn ngữ").click();
    harness.run();
    harness.get_by_label("English (Tiếng Anh)").click();
    harness.run();
    harness.get_by_label("Product portfolio");
    harness.get_by_role_and_label(Role::TextInput, "Search");
}

#[test]
fn add_and_delete_product_with_undo() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    harness.get_by_label("+ Thêm sản phẩm").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Tên sản phẩm")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Tên sản phẩm")
        .type_text("Mật ong bạc hà");
    harness.run();
    harness.get_by_label("Xác nhận").click();
    harness.run();
    let id = ProductId::parse("mat-ong-bac-ha").expect("valid id");
    assert_eq!(harness.state().screen, Screen::Product(id.clone()));
    assert!(ws.join("products/mat-ong-bac-ha.ron").is_file());

    harness.get_by_label("Xóa sản phẩm…").click();
    harness.run();
    // The confirmation dialog has its own delete button.
    let buttons = harness.get_all_by_label("Xóa sản phẩm…").count();
    assert_eq!(buttons, 2, "page button and dialog button");
    harness
        .get_all_by_label("Xóa sản phẩm…")
        .last()
        .expect("dialog button")
        .click();
    harness.run();
    assert!(!ws.join("products/mat-ong-bac-ha.ron").exists());
    assert!(
        fs::read_dir(ws.join("trash")).expect("trash").count() == 1,
        "moved to trash"
    );
    assert_eq!(harness.state().screen, Screen::Portfolio);

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(
        ws.join("products/mat-ong-bac-ha.ron").is_file(),
        "undo brings it back"
    );
    harness.get_by_label("Mật ong bạc hà");
}

fn total_on_screen(harness: &Harness<'_, OcopApp>) -> String {
    let node = harness.get_by_label_contains("/40   B ");
    let ak = node.accesskit_node();
    ak.label().or_else(|| ak.value()).unwrap_or_default()
}

#[test]
fn scoring_sheet_live_total_and_star() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    open_self_assessment(&mut harness, "Cốm Hồng Quang");
    // The demo self-assessment: 59 points, every 3★ minimum met.
    assert!(
        total_on_screen(&harness).contains("Tổng 59/100"),
        "{}",
        total_on_screen(&harness)
    );
    harness.get_by_label_contains("Dự kiến: ★★★ (3 sao)");

    // 1.1 from "75–100%" (3 pts) to "under 50%" (1 pt): below the 3★ minimum of set 6.
    harness
        .get_by_label("Nguyên liệu có nguồn gốc trong tỉnh: dưới 50% — 1 đ")
        .click();
    harness.run();
    assert!(
        total_on_screen(&harness).contains("Tổng 57/100"),
        "{}",
        total_on_screen(&harness)
    );
    harness.get_by_label_contains("Dự kiến: Chưa đủ điều kiện công nhận");
    let text = fs::read_to_string(ws.join("products/com-hong-quang.ron")).expect("file");
    let at = text.find("\"1.1\": Chosen(").expect("answer in file");
    assert!(text[at..].starts_with("\"1.1\": Chosen(\n"), "pretty RON");
    assert!(
        text[at..at + 80].contains("option: 0"),
        "{}",
        &text[at..at + 80]
    );

    // Back to 75–100%: 3★ again, and on disk.
    harness
        .get_by_label("Nguyên liệu có nguồn gốc trong tỉnh: 75% đến 100% — 3 đ")
        .click();
    harness.run();
    assert!(total_on_screen(&harness).contains("Tổng 59/100"));
    harness.get_by_label_contains("Dự kiến: ★★★ (3 sao)");
    let text = fs::read_to_string(ws.join("products/com-hong-quang.ron")).expect("file");
    let at = text.find("\"1.1\": Chosen(").expect("answer in file");
    assert!(
        text[at..at + 80].contains("option: 2"),
        "{}",
        &text[at..at + 80]
    );
}

#[test]
fn buffalo_advice_names_the_trademark() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    open_self_assessment(&mut harness, "Thịt trâu Bình An");
    harness.get_by_label_contains("Dự kiến: Chưa đủ điều kiện công nhận");
    harness.get_by_label_contains("Để đạt 3★");
    // The advice points at 3.5 and at the IP papers of the dossier.
    harness.get_by_label_contains("3.5 Sở hữu trí tuệ (+1\u{a0}đ, tối thiểu 3★)");
    assert!(
        harness
            .get_all_by_label_contains("Giấy tờ sở hữu trí tuệ")
            .count()
            >= 1
    );
}

#[test]
fn dashboard_overdue_item_leads_to_its_product() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    harness.run();
    assert_eq!(
        harness.state().screen,
        Screen::Dashboard,
        "the start screen"
    );
    assert_eq!(
        harness.get_all_by_label("Việc cần làm").count(),
        2,
        "nav and heading"
    );
    harness.get_by_label("Quá hạn");
    // Pinned today 26/11/2026: the buffalo meat's old test report ran out on 15/11/2026.
    harness.get_by_label("quá hạn 11 ngày");
    assert!(
        harness
            .get_all_by_label(
                "Tài liệu đã hết hiệu lực: Phiếu kết quả kiểm nghiệm chỉ tiêu chất lượng, ATTP"
            )
            .count()
            >= 1
    );
    let first = harness.state().dashboard.visible_items()[0].clone();
    assert_eq!(
        first.product_id,
        ProductId::parse("thit-trau-binh-an").expect("valid id")
    );
    assert_eq!(first.document_key.as_deref(), Some("test-report"));
    // The commune's 15 working days for Cốm (received Mon 16/11) end on Mon 7/12.
    harness.get_by_label("Hạn xã xử lý hồ sơ (15 ngày làm việc)");
    harness
        .get_all_by_label("Thịt trâu Bình An")
        .next()
        .expect("overdue row link")
        .click();
    harness.run();
    assert_eq!(
        harness.state().screen,
        Screen::Product(ProductId::parse("thit-trau-binh-an").expect("valid id"))
    );
    assert_eq!(
        harness.state().product_view.tab,
        ocop_tracker::ui::product::ProductTab::Dossier
    );
    assert_eq!(
        harness.state().product_view.highlight_doc.as_deref(),
        Some("test-report"),
        "the expired document is highlighted and scrolled to"
    );
    // Back returns to the dashboard.
    harness.get_by_label("← Quay lại").click();
    harness.run();
    assert_eq!(harness.state().screen, Screen::Dashboard);
}

#[test]
fn history_records_edits_and_undo() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    open_tab(&mut harness, "Cốm Hồng Quang", "Hồ sơ");
    harness
        .get_by_role_and_label(Role::CheckBox, "05 mẫu sản phẩm")
        .click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    let state = harness.state().state.as_ref().expect("ws");
    let product = state
        .workspace()
        .products
        .get(&ProductId::parse("com-hong-quang").expect("valid id"))
        .expect("product");
    use ocop_tracker::domain::history::{Change, Origin};
    let tail: Vec<_> = product.history.iter().rev().take(2).collect();
    assert_eq!(tail.len(), 2, "edit and undo both logged");
    assert_eq!(tail[1].origin, Origin::Edit);
    assert_eq!(tail[0].origin, Origin::Undo);
    assert_eq!(
        tail[1].changes,
        vec![Change::DocStatus {
            key: "product-samples".into(),
            from: DocStatus::Missing,
            to: DocStatus::Ready
        }]
    );
    assert_eq!(tail[1].by, "Nguyễn Văn An (cán bộ nông nghiệp xã, ví dụ)");
    let text = fs::read_to_string(ws.join("products/com-hong-quang.ron")).expect("file");
    assert!(
        text.contains("origin: Undo"),
        "history is in the product file"
    );
}

/// A file dropped from the file manager.
#[derive(Debug)]
struct TestDrop(std::path::PathBuf);

impl egui::DroppedFile for TestDrop {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Runs frames until the background import has finished (bounded).
fn wait_for_import(harness: &mut Harness<'static, OcopApp>) {
    for _ in 0..500 {
        harness.run_steps(1);
        if harness.state().import.is_none() {
            // A finished import starts a new integrity check of the evidence.
            wait_for_evidence_check(harness);
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("import did not finish");
}

fn attachments_of(
    harness: &Harness<'static, OcopApp>,
    product: &str,
    key: &str,
) -> Vec<ocop_tracker::domain::dossier::Attachment> {
    harness
        .state()
        .state
        .as_ref()
        .and_then(|s| {
            s.workspace()
                .products
                .get(&ProductId::parse(product).expect("valid id"))
        })
        .and_then(|p| p.current())
        .and_then(|a| a.dossier.iter().find(|e| e.key == key))
        .map(|e| e.attachments.clone())
        .unwrap_or_default()
}

#[test]
fn attach_by_dialog_with_a_decomposed_vietnamese_name() {
    use unicode_normalization::UnicodeNormalization;
    let (tmp, ws) = common::demo_copy();
    let nfd_name: String = "Phiếu kiểm nghiệm thịt trâu.pdf".nfd().collect();
    let source = tmp.path().join(&nfd_name);
    fs::write(&source, b"%PDF-1.4 test report").expect("source");
    let mut harness = harness(&ws);
    harness.state_mut().dialogs = Box::new(common::FakeDialogs {
        files: vec![source],
        ..Default::default()
    });
    to_portfolio(&mut harness);
    open_tab(&mut harness, "Thịt trâu Bình An", "Hồ sơ");
    // One "Attach…" button per document, in checklist order; test-report is the 14th.
    let index = harness
        .state()
        .state
        .as_ref()
        .and_then(|s| s.catalog().current_template())
        .and_then(|t| t.items.iter().position(|i| i.key == "test-report"))
        .expect("template item");
    harness
        .get_all_by_label("Đính kèm…")
        .nth(index)
        .expect("attach button")
        .click();
    wait_for_import(&mut harness);
    let attached = attachments_of(&harness, "thit-trau-binh-an", "test-report");
    assert_eq!(attached.len(), 1);
    assert_eq!(
        attached[0].file_name, "Phiếu kiểm nghiệm thịt trâu.pdf",
        "NFC for display"
    );
    assert!(
        ws.join(&attached[0].stored_path).is_file(),
        "stored inside the workspace"
    );
    let text = fs::read_to_string(ws.join("products/thit-trau-binh-an.ron")).expect("file");
    assert!(text.contains(&attached[0].stored_path));
    harness.get_by_label("Phiếu kiểm nghiệm thịt trâu.pdf");

    // Removing is undoable and leaves the stored file alone.
    let stored = ws.join(&attached[0].stored_path);
    harness
        .get_all_by_label("Bỏ đính kèm")
        .next()
        .expect("remove")
        .click();
    harness.run();
    assert!(attachments_of(&harness, "thit-trau-binh-an", "test-report").is_empty());
    assert!(stored.is_file());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(
        attachments_of(&harness, "thit-trau-binh-an", "test-report").len(),
        1
    );
}

#[test]
fn files_dropped_on_a_document_attach_to_it() {
    let (tmp, ws) = common::demo_copy();
    let a = tmp.path().join("Danh sách lao động BHXH.xlsx");
    let b = tmp.path().join("Ảnh xưởng.png");
    fs::write(&a, b"workers").expect("a");
    fs::write(&b, b"not really a png").expect("b");
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    open_tab(&mut harness, "Thịt trâu Bình An", "Hồ sơ");
    let target = harness
        .get_by_role_and_label(
            Role::CheckBox,
            "Danh sách lao động tham gia BHXH, nơi cư trú",
        )
        .rect()
        .center();
    harness.hover_at(target);
    harness.run();
    harness.input_mut().dropped_files = vec![
        std::sync::Arc::new(TestDrop(a)) as egui::DroppedFileHandle,
        std::sync::Arc::new(TestDrop(b)),
    ];
    harness.run_steps(1);
    wait_for_import(&mut harness);
    let attached = attachments_of(&harness, "thit-trau-binh-an", "insured-workers");
    let names: Vec<&str> = attached.iter().map(|a| a.file_name.as_str()).collect();
    assert_eq!(names, ["Danh sách lao động BHXH.xlsx", "Ảnh xưởng.png"]);
    harness.get_by_label("Danh sách lao động BHXH.xlsx");
}

#[test]
fn missing_and_altered_evidence_are_marked() {
    let (_tmp, ws) = common::demo_copy();
    // Behind the app's back: delete the packaging photo, edit the test report.
    let text = fs::read_to_string(ws.join("products/com-hong-quang.ron")).expect("file");
    let stored: Vec<String> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("stored_path: \""))
        .map(|l| l.trim_end_matches("\",").to_owned())
        .collect();
    assert_eq!(stored.len(), 3);
    fs::remove_file(ws.join(&stored[0])).expect("delete");
    fs::write(ws.join(&stored[1]), b"edited").expect("edit");
    let mut harness = harness(&ws);
    for _ in 0..200 {
        harness.run_steps(1);
        if harness.state().verify.as_ref().is_some_and(|v| v.finished) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    harness.get_by_label("Danh mục sản phẩm").click();
    harness.run();
    harness.get_by_label("⚠ 2");
    open_tab(&mut harness, "Cốm Hồng Quang", "Hồ sơ");
    harness.get_by_label("Thiếu tệp trong thư mục làm việc");
    harness.get_by_label("Tệp đã bị sửa sau khi đính kèm");
}

#[test]
fn vietnamese_input_method_commits_composed_text() {
    // Telex/VNI input methods (ibus-unikey, fcitx5) send a pre-edit, then commit the word.
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    harness
        .get_by_role_and_label(Role::TextInput, "Tìm kiếm")
        .focus();
    harness.run();
    harness.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: "côm".into(),
        active_range_chars: None,
    }));
    harness.run();
    harness.event(egui::Event::Ime(egui::ImeEvent::Commit("cốm".into())));
    harness.run();
    assert_eq!(harness.state().portfolio.query, "cốm");
    assert_eq!(
        harness.state().portfolio.visible_ids(),
        vec![ProductId::parse("com-hong-quang").expect("valid id")]
    );
}

#[test]
fn settings_name_the_officer_in_the_history() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Cài đặt…").click();
    harness.run();
    let field =
        harness.get_by_role_and_label(Role::TextInput, "Tên cán bộ (ghi vào lịch sử thay đổi)");
    field.focus();
    harness.run();
    // The field shows the current name; replace it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Tên cán bộ (ghi vào lịch sử thay đổi)")
        .type_text("Lý Thị Mai");
    harness.run();
    harness.get_by_label("Lưu").click();
    harness.run();
    assert_eq!(harness.state().officer, "Lý Thị Mai");
    open_tab(&mut harness, "Cốm Hồng Quang", "Hồ sơ");
    harness
        .get_by_role_and_label(Role::CheckBox, "05 mẫu sản phẩm")
        .click();
    harness.run();
    let state = harness.state().state.as_ref().expect("ws");
    let last = state
        .workspace()
        .products
        .get(&ProductId::parse("com-hong-quang").expect("valid id"))
        .and_then(|p| p.history.last())
        .expect("entry");
    assert_eq!(last.by, "Lý Thị Mai");
}

#[test]
fn missing_file_dialog_is_explained() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    harness.state_mut().dialogs = Box::new(common::NoDialogs);
    to_portfolio(&mut harness);
    open_tab(&mut harness, "Thịt trâu Bình An", "Hồ sơ");
    harness
        .get_all_by_label("Đính kèm…")
        .next()
        .expect("attach")
        .click();
    harness.run();
    harness.get_by_label_contains("xdg-desktop-portal hoặc zenity");
}

#[test]
fn official_result_is_kept_apart_from_the_self_assessment() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    open_self_assessment(&mut harness, "Cốm Hồng Quang");
    harness
        .get_by_role_and_label(Role::TextInput, "Điểm bình quân")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Điểm bình quân")
        .type_text("61,5");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let state = harness.state().state.as_ref().expect("ws");
    let app = state
        .workspace()
        .products
        .get(&ProductId::parse("com-hong-quang").expect("valid id"))
        .and_then(|p| p.current())
        .expect("app");
    assert_eq!(app.scores.official.average_score, Some(61.5));
    // The producer's own sheet is untouched.
    assert!(
        harness
            .get_by_label_contains("/40   B ")
            .accesskit_node()
            .value()
            .unwrap_or_default()
            .contains("Tổng 59/100")
    );
}

#[test]
fn recognition_records_the_certificate_and_it_can_be_corrected() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    harness.get_by_label("Cốm Hồng Quang").click();
    harness.run();
    harness.get_by_label("7. Được công nhận").click();
    harness.run();
    // Jumping from "submitted" to "recognised" names the skipped steps and asks for the rest.
    harness.get_by_label_contains("Chuyển bước này bỏ qua:");
    type_into(&mut harness, "Ngày chuyển hồ sơ lên tỉnh", "20/03/2027");
    type_into(
        &mut harness,
        "Số quyết định / giấy chứng nhận",
        "123/QĐ-UBND",
    );
    type_into(&mut harness, "Ngày cấp giấy chứng nhận", "29/06/2027");
    // No star is pre-selected: the officer picks it.
    harness.get_by_label("3 ★").click();
    harness.run();
    harness.get_by_label("Xác nhận").click();
    harness.run();
    let cert = |h: &Harness<'static, OcopApp>| {
        h.state()
            .state
            .as_ref()
            .and_then(|s| {
                s.workspace()
                    .products
                    .get(&ProductId::parse("com-hong-quang").expect("valid id"))
            })
            .and_then(|p| p.current())
            .and_then(|a| a.certificate.clone())
            .expect("certificate")
    };
    let c = cert(&harness);
    assert_eq!((c.star, c.number.as_str()), (3, "123/QĐ-UBND"));
    assert_eq!(
        c.issued_on,
        chrono::NaiveDate::from_ymd_opt(2027, 6, 29).expect("date")
    );
    // Expiry 36 months later is shown, and the number can be corrected in place.
    harness.get_by_label_contains("hết hạn 29/06/2030");
    let field = harness.get_by_role_and_label(Role::TextInput, "Số");
    field.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Số")
        .type_text("124/QĐ-UBND");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(cert(&harness).number, "124/QĐ-UBND");
    let text = fs::read_to_string(ws.join("products/com-hong-quang.ron")).expect("file");
    assert!(text.contains("number: \"124/QĐ-UBND\""));
}

#[test]
fn a_dossier_document_explains_itself_on_hover() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    open_tab(&mut harness, "Cốm Hồng Quang", "Hồ sơ");
    let target = harness
        .get_by_role_and_label(
            Role::CheckBox,
            "Phiếu đăng ký đánh giá, phân hạng sản phẩm OCOP (Mẫu 01)",
        )
        .rect()
        .center();
    harness.hover_at(target);
    // Tooltips wait for the pointer to rest.
    for _ in 0..60 {
        harness.step();
    }
    harness.get_by_label_contains("Chủ thể (HTX, doanh nghiệp, hộ) chuẩn bị và nộp tài liệu này.");
    harness.get_by_label_contains("Bắt buộc: thiếu thì hồ sơ chưa đủ để nộp.");
    harness.get_by_label_contains("Mỗi lần đăng ký một phiếu; ký, đóng dấu.");
}
