//! Issue 8 ("daily use without surprises") and issue 9.6 (quitting with unsaved changes):
//! the real app on a temp copy of `saves/`, clicked by accessible label, checked on the
//! model and on the files on disk. Time is the harness's simulated clock (0.25 s a step),
//! never the wall clock.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ocop_tracker::app::Level;
use ocop_tracker::domain::model::{ProductId, Revocation};
use ocop_tracker::domain::stage::Stage;
use ocop_tracker::ui::text::Lang;
use ocop_tracker::ui::{Dialog, OcopApp, Screen};

fn harness_sized(ws: &Path, size: egui::Vec2, lang: Lang) -> Harness<'static, OcopApp> {
    let mut harness = common::app_harness(ws, size, lang);
    harness.run();
    harness
}

fn harness(ws: &Path) -> Harness<'static, OcopApp> {
    harness_sized(ws, egui::vec2(1280.0, 4000.0), Lang::Vi)
}

fn to_portfolio(harness: &mut Harness<'static, OcopApp>) {
    harness.get_by_label("Danh mục sản phẩm").click();
    harness.run();
}

fn open_product(harness: &mut Harness<'static, OcopApp>, name: &str) {
    to_portfolio(harness);
    harness.get_by_label(name).click();
    harness.run();
}

fn type_into(harness: &mut Harness<'static, OcopApp>, role: Role, label: &str, text: &str) {
    harness.get_by_role_and_label(role, label).focus();
    harness.run();
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.step();
}

fn product<'a>(app: &'a OcopApp, id: &str) -> &'a ocop_tracker::domain::model::Product {
    app.state
        .as_ref()
        .and_then(|s| {
            s.workspace()
                .products
                .get(&ProductId::parse(id).expect("valid id"))
        })
        .expect("product")
}

fn file_of(ws: &Path, id: &str) -> String {
    fs::read_to_string(ws.join(format!("products/{id}.ron"))).expect("product file")
}

fn request_close(harness: &mut Harness<'static, OcopApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
}

// ---- 1. Add product: the chosen scoring set is used ----

#[test]
fn add_product_uses_the_chosen_scoring_set() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    harness.get_by_label("+ Thêm sản phẩm").click();
    harness.run();
    type_into(
        &mut harness,
        Role::TextInput,
        "Tên sản phẩm",
        "Giò bò Bình An",
    );
    harness.run();
    harness
        .get_by_role_and_label(Role::ComboBox, "Bộ tiêu chí")
        .click();
    harness.run();
    harness
        .get_by_label("2 – Thịt, thủy sản, trứng, sữa tươi")
        .click();
    harness.run();
    let combo = harness.get_by_role_and_label(Role::ComboBox, "Bộ tiêu chí");
    assert_eq!(
        combo.value().as_deref(),
        Some("2 – Thịt, thủy sản, trứng, sữa tươi"),
        "the combo box shows the chosen set"
    );
    harness.get_by_label("Xác nhận").click();
    harness.run();
    let id = "gio-bo-binh-an";
    assert_eq!(
        harness.state().screen,
        Screen::Product(ProductId::parse(id).expect("valid id"))
    );
    assert_eq!(product(harness.state(), id).scoring_set, 2);
    assert!(file_of(&ws, id).contains("scoring_set: 2,"));
}

#[test]
fn add_product_set_picked_with_the_keyboard_is_used() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    harness.get_by_label("+ Thêm sản phẩm").click();
    harness.run();
    type_into(
        &mut harness,
        Role::TextInput,
        "Tên sản phẩm",
        "Giò bò Bình An",
    );
    harness.run();
    harness
        .get_by_role_and_label(Role::ComboBox, "Bộ tiêu chí")
        .click();
    harness.run();
    // Arrow down to another set and pick it with Enter: that Enter picks, it does not
    // create the product with the set shown before.
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let picked = match &harness.state().dialog {
        Some(Dialog::AddProduct { scoring_set, .. }) => *scoring_set,
        other => panic!("the dialog must stay open after picking a set: {other:?}"),
    };
    assert!(
        !fs::read_dir(ws.join("products"))
            .expect("products")
            .any(|e| e
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .starts_with("gio-bo")),
        "no product created yet"
    );
    assert_ne!(picked, 6, "the arrows moved to another set");
    assert!(
        !egui::Popup::is_any_open(&harness.ctx),
        "Enter closed the list"
    );
    harness.get_by_label("Xác nhận").click();
    harness.run();
    assert_eq!(
        product(harness.state(), "gio-bo-binh-an").scoring_set,
        picked
    );
}

// ---- 2. Text reaches the file while typing, and on close; the status bar is honest ----

#[test]
fn typed_text_is_saved_without_leaving_the_field() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        "Ghi chú",
        " Gọi lại HTX.",
    );
    // Typing just happened: from the next frame (asked for at once) nothing claims "saved".
    harness.step();
    assert!(
        harness
            .query_by_label_contains("Mọi thay đổi đã được lưu")
            .is_none(),
        "the status bar must not say saved while typing is pending"
    );
    // One simulated second later, still in the field, it is in the model and the file.
    harness.run_steps(4);
    assert!(
        product(harness.state(), "com-hong-quang")
            .notes
            .ends_with(" Gọi lại HTX.")
    );
    assert!(file_of(&ws, "com-hong-quang").contains("Gọi lại HTX."));
    harness.run();
    harness.get_by_label_contains("Mọi thay đổi đã được lưu");
}

#[test]
fn saves_while_typing_make_one_undo_step() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    let original = product(harness.state(), "com-hong-quang").notes.clone();
    type_into(&mut harness, Role::MultilineTextInput, "Ghi chú", " Một.");
    harness.run_steps(4);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Ghi chú")
        .type_text(" Hai.");
    harness.run_steps(4);
    assert!(
        product(harness.state(), "com-hong-quang")
            .notes
            .ends_with(" Một. Hai.")
    );
    // Leave the field, then one Ctrl+Z takes the whole edit back.
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(product(harness.state(), "com-hong-quang").notes, original);
    let on_disk = ocop_tracker::storage::load_workspace(&ws).expect("load");
    let notes = on_disk
        .workspace
        .products
        .get(&ProductId::parse("com-hong-quang").expect("valid id"))
        .map(|p| p.notes.clone());
    assert_eq!(notes.as_deref(), Some(original.as_str()));
}

#[test]
fn closing_the_window_saves_the_text_being_typed() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        "Ghi chú",
        " Đóng ngay.",
    );
    request_close(&mut harness);
    harness.step();
    assert!(file_of(&ws, "com-hong-quang").contains("Đóng ngay."));
    assert!(
        harness.state().quit_confirmed,
        "everything on disk: the window closes"
    );
    assert!(harness.state().dialog.is_none());
}

// ---- 9.6 Quitting with unsaved changes asks ----

/// Makes the products folder unwritable even for root: it becomes a plain file, as when
/// a USB stick or a network share goes away. Returns a function that brings it back.
fn pull_out_products(ws: &Path) -> impl Fn() + use<> {
    let products = ws.join("products");
    let away = ws.join("products-away");
    fs::rename(&products, &away).expect("move products away");
    fs::write(&products, b"not a folder").expect("blocker");
    move || {
        fs::remove_file(&products).expect("remove blocker");
        fs::rename(&away, &products).expect("bring products back");
    }
}

fn tick_samples(harness: &mut Harness<'static, OcopApp>) {
    harness.get_by_label("Hồ sơ").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "05 mẫu sản phẩm")
        .click();
    harness.run();
}

#[test]
fn quit_after_a_failed_save_asks_and_a_copy_is_a_valid_workspace() {
    let (tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    let _restore = pull_out_products(&ws);
    tick_samples(&mut harness);
    assert_eq!(
        harness.state().state.as_ref().map(|s| s.unsaved_count()),
        Some(1)
    );
    assert!(
        harness
            .query_by_label_contains("Mọi thay đổi đã được lưu")
            .is_none()
    );

    // File → Quit does not exit: it asks.
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Thoát").click();
    harness.run();
    assert!(!harness.state().quit_confirmed);
    assert!(matches!(harness.state().dialog, Some(Dialog::Quit { .. })));
    // Retry while the folder is still gone: still asks, and says so.
    harness.get_by_label("Thử lưu lại rồi thoát").click();
    harness.run();
    assert!(!harness.state().quit_confirmed);
    harness.get_by_label_contains("Vẫn chưa lưu được");

    // Save a copy elsewhere: a folder that opens as a workspace, with the edit.
    let elsewhere = tmp.path().join("usb");
    fs::create_dir_all(&elsewhere).expect("target");
    harness.state_mut().dialogs = Box::new(common::FakeDialogs {
        folder: Some(elsewhere.clone()),
        ..Default::default()
    });
    harness
        .get_by_label("Lưu bản sao vào thư mục khác rồi thoát…")
        .click();
    // Written on a task (the whole workspace; the window waits, its bar moving), then the
    // window closes.
    common::wait_for_exchange(&mut harness);
    assert!(harness.state().quit_confirmed);
    let copies: Vec<PathBuf> = fs::read_dir(&elsewhere)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let loaded = ocop_tracker::storage::load_workspace(&copies[0]).expect("copy loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let copied = loaded
        .workspace
        .products
        .get(&ProductId::parse("com-hong-quang").expect("valid id"))
        .expect("product in the copy");
    let samples = copied
        .current()
        .and_then(|a| a.dossier.iter().find(|e| e.key == "product-samples"))
        .map(|e| e.status);
    assert_eq!(
        samples,
        Some(ocop_tracker::domain::dossier::DocStatus::Ready)
    );
    assert_eq!(loaded.workspace.products.len(), 2);
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_and_retry_saves() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    let restore = pull_out_products(&ws);
    tick_samples(&mut harness);
    request_close(&mut harness);
    harness.run();
    assert!(!harness.state().quit_confirmed, "the close is cancelled");
    assert!(matches!(harness.state().dialog, Some(Dialog::Quit { .. })));
    // The stick is back: retry writes the file and quits.
    restore();
    harness.get_by_label("Thử lưu lại rồi thoát").click();
    harness.run();
    assert!(harness.state().quit_confirmed);
    assert!(file_of(&ws, "com-hong-quang").contains("status: Ready,"));
}

#[test]
fn quit_and_discard_quits() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    let _restore = pull_out_products(&ws);
    tick_samples(&mut harness);
    request_close(&mut harness);
    harness.run();
    harness
        .get_by_label("Thoát và bỏ các thay đổi chưa lưu")
        .click();
    harness.run();
    assert!(harness.state().quit_confirmed);
}

// ---- 3. Expired and revoked stars are not shown as official ----

#[test]
fn lapsed_certificates_are_struck_through_with_the_reason() {
    let (_tmp, ws) = common::demo_copy();
    // The product file as another officer's copy of the app would leave it.
    {
        let today = common::today();
        let loaded = ocop_tracker::storage::load_workspace(&ws).expect("load");
        let mut product = loaded.workspace.products
            [&ProductId::parse("thit-trau-binh-an").expect("valid id")]
            .clone();
        let app = product.current_mut().expect("app");
        app.stage = Stage::Revoked;
        app.certificate = Some(ocop_tracker::domain::model::Certificate {
            star: 4,
            number: "7/QĐ-UBND".into(),
            issued_on: today - chrono::Days::new(400),
        });
        app.revocation = Some(Revocation {
            date: today - chrono::Days::new(30),
            reason: "Vi phạm ATTP".into(),
        });
        ocop_tracker::storage::save_product(&ws, &product).expect("save");
    }
    let mut harness = harness(&ws);
    harness.run();
    to_portfolio(&mut harness);
    harness.get_by_label("bị thu hồi");
    assert!(harness.query_by_label("★★★★").is_some());
    let rows = harness.state().portfolio.visible_ids();
    assert_eq!(rows.len(), 2);
    // The dashboard does not count it.
    harness.get_by_label("Việc cần làm").click();
    harness.run();
    harness
        .get_by_label_contains("Không tính (đã hết hạn / bị thu hồi): 0 đã hết hạn · 1 bị thu hồi");
}

// ---- 4. Settings: full-width fields showing the current values ----

#[test]
fn settings_show_the_current_values_full_width() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Cài đặt…").click();
    harness.run();
    let officer =
        harness.get_by_role_and_label(Role::TextInput, "Tên cán bộ (ghi vào lịch sử thay đổi)");
    assert_eq!(
        officer.value().as_deref(),
        Some("Nguyễn Văn An (cán bộ nông nghiệp xã, ví dụ)")
    );
    assert!(officer.rect().width() >= 300.0, "{:?}", officer.rect());
    let commune = harness.get_by_role_and_label(Role::TextInput, "Xã");
    assert!(commune.rect().width() >= 300.0, "{:?}", commune.rect());
    let state = harness.state().state.as_ref().expect("ws");
    assert_eq!(
        commune.value().as_deref(),
        Some(state.workspace().info.commune.as_str())
    );
}

// ---- 5. Recognition: no star pre-selected, warning above the sheet's prediction ----

#[test]
fn recognition_dialog_preselects_no_star_and_warns_above_the_prediction() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    harness.get_by_label("7. Được công nhận").click();
    harness.run();
    for star in ["3 ★", "4 ★", "5 ★"] {
        let radio = harness.get_by_label(star);
        assert_ne!(
            radio.accesskit_node().toggled(),
            Some(egui::accesskit::Toggled::True),
            "{star} must not be pre-selected"
        );
    }
    // Confirming without a star names it.
    harness.get_by_label("Xác nhận").click();
    harness.run();
    assert!(harness.state().dialog.is_some());
    // The sheet predicts 3★: 4★ is warned about, 3★ is not.
    harness.get_by_label("4 ★").click();
    harness.run();
    harness.get_by_label_contains("cao hơn dự kiến của phiếu chấm điểm");
    harness.get_by_label("3 ★").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("cao hơn dự kiến của phiếu chấm điểm")
            .is_none()
    );
}

// ---- 6. Smaller bugs ----

#[test]
fn stage_dialog_date_error_goes_when_today_fixes_it() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Thịt trâu Bình An");
    harness
        .get_by_label_contains("Bước tiếp theo: Đã nộp UBND xã")
        .click();
    harness.run();
    type_into(
        &mut harness,
        Role::TextInput,
        "Ngày UBND xã nhận hồ sơ",
        "31/02/2026",
    );
    harness.run();
    harness.get_by_label("Xác nhận").click();
    harness.run();
    harness.get_by_label_contains("Ngày không hợp lệ");
    harness.get_by_label("Hôm nay").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Ngày không hợp lệ")
            .is_none(),
        "the error goes once the date is fixed"
    );
}

#[test]
fn an_invalid_date_is_kept_and_marked() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    harness.get_by_label("Hồ sơ").click();
    harness.run();
    let before = file_of(&ws, "com-hong-quang");
    let field = harness
        .get_all_by_role_and_label(Role::TextInput, "Ngày cấp")
        .next()
        .expect("first date field");
    field.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_all_by_role_and_label(Role::TextInput, "Ngày cấp")
        .next()
        .expect("field")
        .type_text("32/13/2026");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let field = harness
        .get_all_by_role_and_label(Role::TextInput, "Ngày cấp")
        .next()
        .expect("field");
    assert_eq!(
        field.value().as_deref(),
        Some("32/13/2026"),
        "kept, not cleared"
    );
    assert!(
        harness
            .get_all_by_label("Ngày không hợp lệ (dd/mm/yyyy)")
            .count()
            >= 1
    );
    assert_eq!(file_of(&ws, "com-hong-quang"), before, "nothing written");
}

#[test]
fn an_official_score_out_of_range_is_marked_beside_the_field() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    harness.get_by_label("Chấm điểm").click();
    harness.run();
    let before = file_of(&ws, "com-hong-quang");
    type_into(&mut harness, Role::TextInput, "Điểm bình quân", "150");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("“150”: không phải điểm từ 0 đến 100");
    assert_eq!(file_of(&ws, "com-hong-quang"), before, "nothing written");
    // No banner: the mark beside the field says it.
    assert!(
        harness
            .state()
            .state
            .as_ref()
            .unwrap()
            .messages()
            .is_empty()
    );
}

#[test]
fn ctrl_f_finds_on_the_dashboard() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    assert_eq!(harness.state().screen, Screen::Dashboard);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Lọc sản phẩm")
        .type_text("com");
    harness.run();
    assert_eq!(harness.state().dashboard.product_query, "com");
}

#[test]
fn the_whole_dashboard_row_opens_its_product() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    // Click the "overdue" cell of the buffalo meat's row, not its name.
    harness.get_by_label("quá hạn 11 ngày").click();
    harness.run();
    assert_eq!(
        harness.state().screen,
        Screen::Product(ProductId::parse("thit-trau-binh-an").expect("valid id"))
    );
}

#[test]
fn the_whole_portfolio_row_opens_its_product() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    // The stage cell of the buffalo meat's row, not its name.
    harness.get_by_label("Chủ thể lập hồ sơ").click();
    harness.run();
    assert_eq!(
        harness.state().screen,
        Screen::Product(ProductId::parse("thit-trau-binh-an").expect("valid id"))
    );
}

#[test]
fn banners_overlay_the_page_and_information_goes() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    to_portfolio(&mut harness);
    let heading = harness
        .get_all_by_label("Danh mục sản phẩm")
        .last()
        .expect("heading")
        .rect();
    let first_row = harness.get_by_label("Cốm Hồng Quang").rect();
    {
        let state = harness.state_mut().state.as_mut().expect("ws");
        use ocop_tracker::app::Notice;
        use ocop_tracker::text::Tr;
        const EXPORTED: Tr = Tr {
            vi: "Đã xuất",
            en: "Exported",
        };
        const NOT_SAVED: Tr = Tr {
            vi: "Không lưu được",
            en: "Not saved",
        };
        const NEWS: Tr = Tr {
            vi: "Tin",
            en: "News",
        };
        state.message(Level::Info, Notice::done(EXPORTED, "lịch"));
        state.message(Level::Error, Notice::done(NOT_SAVED, "thử nghiệm"));
        for n in 0..5 {
            state.message(Level::Info, Notice::done(NEWS, format!("{n}")));
        }
    }
    harness.run();
    harness.get_by_label("Tin: 4");
    assert_eq!(
        harness
            .get_all_by_label("Danh mục sản phẩm")
            .last()
            .expect("heading")
            .rect(),
        heading
    );
    assert_eq!(harness.get_by_label("Cốm Hồng Quang").rect(), first_row);
    assert!(
        harness.get_all_by_label("×").count() <= 4,
        "a few banners at a time"
    );
    // Ten simulated seconds later: information is gone, the error stays.
    harness.run_steps(40);
    assert!(harness.query_by_label("Tin: 4").is_none());
    harness.get_by_label("Không lưu được: thử nghiệm");
    harness.get_by_label("×").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Không lưu được: thử nghiệm")
            .is_none()
    );
}

/// A workspace of `count` synthetic products in a temp folder.
fn synthetic(count: usize) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp");
    let ws = tmp.path().join("ws");
    let catalog = common::catalog();
    let workspace =
        ocop_tracker::domain::demo::synthetic_workspace(count, 5, &catalog, common::today());
    ocop_tracker::storage::save_workspace(&ws, &workspace).expect("save");
    (tmp, ws)
}

#[test]
fn search_results_start_at_the_first_match() {
    let (_tmp, ws) = synthetic(300);
    let mut harness = harness_sized(&ws, egui::vec2(1280.0, 800.0), Lang::Vi);
    to_portfolio(&mut harness);
    // Scroll far down the table.
    let table = harness.get_by_label("Hạn tiếp theo").rect().center() + egui::vec2(0.0, 200.0);
    harness.hover_at(table);
    for _ in 0..20 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            modifiers: egui::Modifiers::default(),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.step();
    }
    harness.run();
    let first_id = harness.state().portfolio.visible_ids()[0].clone();
    let first_name = product(harness.state(), first_id.as_str()).name.clone();
    assert!(
        harness.query_by_label(&first_name).is_none(),
        "scrolled away from the first row"
    );
    // Many matches (more than a screen), so an old scroll offset would still apply.
    type_into(&mut harness, Role::TextInput, "Tìm kiếm", "htx");
    harness.run();
    assert!(harness.state().portfolio.visible_ids().len() > 40);
    let first_match = harness.state().portfolio.visible_ids()[0].clone();
    let name = product(harness.state(), first_match.as_str()).name.clone();
    assert!(
        harness.get_all_by_label(&name).count() >= 1,
        "the first match {name} is visible"
    );
}

#[test]
fn each_product_opens_at_its_top() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness_sized(&ws, egui::vec2(1280.0, 700.0), Lang::Vi);
    open_product(&mut harness, "Cốm Hồng Quang");
    let top = harness.get_by_label("← Quay lại").rect().bottom();
    // Over the scrolling page (below the tabs, inside the window).
    harness.hover_at(egui::pos2(640.0, 450.0));
    for _ in 0..10 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            modifiers: egui::Modifiers::default(),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.step();
    }
    harness.run();
    harness.get_by_label("← Quay lại").click();
    harness.run();
    harness.get_by_label("Thịt trâu Bình An").click();
    harness.run();
    // The page starts again at its top: the at-a-glance panel right under the tabs.
    let first_step = harness
        .get_all_by_label_contains("Tóm tắt: ")
        .next()
        .expect("the glance panel")
        .rect();
    assert!(
        first_step.top() > top && first_step.top() < top + 200.0,
        "first step at {first_step:?}, header bottom {top}"
    );
}

// ---- 8, 9. Layout at 1024 and 1920 ----

#[test]
fn every_portfolio_column_is_reachable_at_1024() {
    for lang in [Lang::Vi, Lang::En] {
        let (_tmp, ws) = common::demo_copy();
        let mut harness = harness_sized(&ws, egui::vec2(1024.0, 700.0), lang);
        let (nav, last) = match lang {
            Lang::Vi => ("Danh mục sản phẩm", "Hạn tiếp theo"),
            Lang::En => ("Portfolio", "Next deadline"),
        };
        harness.get_by_label(nav).click();
        harness.run();
        let header = harness.get_by_label(last).rect();
        assert!(header.right() <= 1024.0, "{lang:?}: {header:?}");
    }
    // The dashboard's last column (the rule behind each date) starts inside the window,
    // left of the charts.
    let (_tmp, ws) = common::demo_copy();
    let harness = harness_sized(&ws, egui::vec2(1024.0, 700.0), Lang::Vi);
    let rule = harness
        .get_all_by_label("Hạn chuyển tỉnh (30/4, 30/10)")
        .next()
        .expect("rule column")
        .rect();
    let charts = harness.get_by_label("Sản phẩm theo bước").rect();
    assert!(
        rule.left() + 100.0 < charts.left(),
        "{rule:?} vs {charts:?}"
    );
}

#[test]
fn extra_width_goes_to_the_names() {
    let narrow = ocop_tracker::ui::portfolio::column_widths(1000.0, 8.0);
    let wide = ocop_tracker::ui::portfolio::column_widths(1900.0, 8.0);
    let total: f32 = narrow.iter().map(|(w, _)| w).sum();
    assert!(total <= 1000.0, "{total}");
    // Product and producer names get the largest share of 900 extra pixels, then commune.
    assert!(wide[0].0 - narrow[0].0 >= 150.0, "{wide:?}");
    assert!(wide[1].0 - narrow[1].0 >= 200.0, "{wide:?}");
    assert!(wide[2].0 - narrow[2].0 >= 150.0, "{wide:?}");
    // The deadline column is already wide enough: it gets little of it.
    assert!(wide[7].0 - narrow[7].0 <= 60.0, "{wide:?}");
}

// ---- 11. Wording ----

#[test]
fn undo_says_what_it_undoes() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    tick_samples(&mut harness);
    harness.get_by_label("Sửa").click();
    harness.run();
    harness.get_by_label_contains("Hoàn tác: đánh dấu “05 mẫu sản phẩm” là Sẵn sàng");
}

#[test]
fn completeness_says_what_is_missing() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Thịt trâu Bình An");
    harness.get_by_label("Hồ sơ").click();
    harness.run();
    harness.get_by_label_contains("còn thiếu");
    harness.get_by_label_contains("tài liệu bắt buộc");
}

#[test]
fn an_expired_document_says_expired_and_a_future_one_expiring() {
    let (_tmp, ws) = common::demo_copy();
    let harness = harness(&ws);
    // 15/11/2026 is before the pinned today (26/11/2026).
    assert!(
        harness
            .get_all_by_label_contains("Tài liệu đã hết hiệu lực: Phiếu kết quả kiểm nghiệm")
            .count()
            >= 1
    );
    // 15/01/2027 is still ahead: that document is expiring, not expired.
    assert!(
        harness
            .get_all_by_label_contains("Tài liệu sắp hết hiệu lực: Giấy chứng nhận cơ sở")
            .count()
            >= 1
    );
}

#[test]
fn english_criterion_groups_and_singular_point() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness_sized(&ws, egui::vec2(1280.0, 4000.0), Lang::En);
    harness.get_by_label("Portfolio").click();
    harness.run();
    harness.get_by_label("Cốm Hồng Quang").click();
    harness.run();
    harness.get_by_label("Scoring").click();
    harness.run();
    assert!(
        harness
            .get_all_by_label_contains("1. Production organisation")
            .count()
            >= 1
    );
    assert!(harness.query_by_label_contains("1 pts").is_none());
    assert!(harness.get_all_by_label_contains("1 pt").count() >= 1);
    assert!(
        harness
            .query_by_label_contains("Tổ chức sản xuất")
            .is_none()
    );
}

#[test]
fn missing_file_dialog_when_attaching_suggests_drag_and_drop() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    harness.state_mut().dialogs = Box::new(common::NoDialogs);
    open_product(&mut harness, "Thịt trâu Bình An");
    harness.get_by_label("Hồ sơ").click();
    harness.run();
    harness
        .get_all_by_label("Đính kèm…")
        .next()
        .expect("attach")
        .click();
    harness.run();
    harness.get_by_label_contains("kéo thả tệp");
    assert!(harness.query_by_label_contains("--workspace").is_none());
}

#[test]
fn source_notes_read_in_vietnamese() {
    let hover = ocop_tracker::ui::text::criterion_note_hover(
        "Scored only if a product story exists.",
        Lang::Vi,
    );
    assert!(
        hover.contains("Chỉ chấm khi có câu chuyện sản phẩm."),
        "{hover}"
    );
    assert!(hover.starts_with("Lưu ý"), "{hover}");
}

/// With "only missing" on, a document just marked ready stays in the list, ticked, so the
/// click does not make it vanish without a trace; it goes when the screen is left.
#[test]
fn a_document_marked_ready_stays_in_the_only_missing_list_until_the_screen_is_left() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    harness.get_by_label("Hồ sơ").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "Chỉ hiện tài liệu chưa xong")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "05 mẫu sản phẩm")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::CheckBox, "05 mẫu sản phẩm");
    // Leaving and coming back: only what is still missing.
    harness.get_by_label("Tổng quan").click();
    harness.run();
    harness.get_by_label("Hồ sơ").click();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::CheckBox, "05 mẫu sản phẩm")
            .is_none()
    );
}

/// A score sheet nobody has scored yet says so; it does not predict a failure.
#[test]
fn an_unscored_sheet_says_not_scored() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    harness.get_by_label("Chấm điểm").click();
    harness.run();
    harness.get_by_label("Xã chấm").click();
    harness.run();
    harness.get_by_label("Dự kiến: Chưa chấm");
    assert!(
        harness
            .query_by_label_contains("Chưa đủ điều kiện")
            .is_none()
    );
}

/// The first frame after an edit puts the edited row back in its place instead of sorting
/// every row (issue 26): the table's order must still be the order of a full sort.
#[test]
fn an_edited_row_moves_to_its_place_in_the_sorted_table() {
    use ocop_tracker::command::{Command, TextField};
    use ocop_tracker::domain::search::fold;
    let (_tmp, ws) = synthetic(300);
    let mut harness = harness_sized(&ws, egui::vec2(1280.0, 800.0), Lang::Vi);
    to_portfolio(&mut harness);
    harness.run();
    let rename = |app: &mut OcopApp, id: ProductId, name: &str| {
        app.state
            .as_mut()
            .expect("ws")
            .apply(&Command::SetText {
                id,
                field: TextField::Name,
                value: name.to_owned(),
            })
            .expect("renamed");
    };
    let sorted_by_name = |app: &OcopApp| -> Vec<ProductId> {
        let mut all: Vec<(String, ProductId)> = app
            .state
            .as_ref()
            .expect("ws")
            .workspace()
            .products
            .values()
            .map(|p| (fold(&p.name), p.id.clone()))
            .collect();
        all.sort();
        all.into_iter().map(|(_, id)| id).collect()
    };
    assert_eq!(
        harness.state().portfolio.visible_ids(),
        sorted_by_name(harness.state())
    );
    // A name that moves the row to the top, one to the bottom, one into the middle, and
    // an edit that leaves the order alone.
    for (n, name) in [
        "Ấm trà Hà Giang",
        "Zô zô",
        "Mật ong Bắc Mê",
        "Mật ong Bắc Mê",
    ]
    .iter()
    .enumerate()
    {
        let id = harness.state().portfolio.visible_ids()[60 + n * 50].clone();
        rename(harness.state_mut(), id, name);
        harness.run();
        assert_eq!(
            harness.state().portfolio.visible_ids(),
            sorted_by_name(harness.state()),
            "after renaming a product “{name}”"
        );
    }
    // Several rows changed before the table is drawn again (another screen was open, or
    // a rescan reloaded several products): each lands where a full sort puts it. The
    // middle row of the table is renamed to sort last, and the first product (the first
    // row built, so re-placed first) to sort near the end: re-placed one at a time, the
    // first product's place would be searched for while the other still sat in the
    // middle under its new name, and land before it.
    let visible = harness.state().portfolio.visible_ids();
    let middle = visible[visible.len() / 2].clone();
    let first_built = visible
        .iter()
        .filter(|id| **id != middle)
        .min()
        .expect("a product")
        .clone();
    for (id, name) in [(middle, "Zz cuối cùng"), (first_built, "Xoài Bắc Quang")] {
        rename(harness.state_mut(), id, name);
    }
    harness.run();
    assert_eq!(
        harness.state().portfolio.visible_ids(),
        sorted_by_name(harness.state()),
        "after two renames in one frame"
    );
}

/// Opening another folder while a change is not on disk keeps this workspace and says why
/// (it once let the change go with the old state); once written, the other folder opens
/// (on a task).
#[test]
fn another_folder_is_not_opened_over_changes_not_on_disk() {
    let (tmp, ws) = common::demo_copy();
    let other = tmp.path().join("other");
    common::copy_dir(&ws, &other);
    let mut harness = harness(&ws);
    open_product(&mut harness, "Cốm Hồng Quang");
    let restore = pull_out_products(&ws);
    tick_samples(&mut harness);
    harness.state_mut().dialogs = Box::new(common::FakeDialogs {
        folder: Some(other.clone()),
        ..Default::default()
    });
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Mở thư mục làm việc…").click();
    harness.run();
    assert!(harness.state().exchange.is_none(), "nothing is read");
    assert_eq!(
        harness
            .state()
            .state
            .as_ref()
            .map(|s| s.dir().to_path_buf()),
        Some(ws.clone())
    );
    harness.get_by_label_contains("Chưa mở thư mục khác: còn thay đổi chưa ghi được");
    // The stick is back: the change is written, then the other folder opens.
    restore();
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Mở thư mục làm việc…").click();
    common::wait_for_exchange(&mut harness);
    assert_eq!(
        harness
            .state()
            .state
            .as_ref()
            .map(|s| s.dir().to_path_buf()),
        Some(other)
    );
    assert!(file_of(&ws, "com-hong-quang").contains("status: Ready,"));
}

/// Reloading the folder this window has open keeps it editable: the new read takes over
/// this window's hold on the folder (it came in read-only, "open in another window").
#[test]
fn reload_from_disk_keeps_the_workspace_editable() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    assert!(
        harness
            .state()
            .state
            .as_ref()
            .unwrap()
            .workspace_locked()
            .is_none()
    );
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Tải lại từ đĩa").click();
    common::wait_for_exchange(&mut harness);
    let state = harness.state().state.as_ref().expect("open");
    assert_eq!(state.dir(), ws.as_path());
    assert!(
        state.workspace_locked().is_none(),
        "{:?}",
        state.workspace_locked()
    );
    // And still held: a second window on it is read-only.
    let second = ocop_tracker::app::AppState::open(
        &ws,
        common::catalog(),
        common::today(),
        ocop_tracker::text::Lang::Vi,
    )
    .expect("open");
    assert!(second.workspace_locked().is_some());
}
