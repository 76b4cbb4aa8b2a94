//! Excel out and in: the portfolio export read back with calamine field by field, the
//! round trip export → import, bad import files, the CLI, the GUI preview, and (when
//! LibreOffice is installed) the export rendered to PDF.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};

use calamine::{Data, Reader};
use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;
use ocop_tracker::app::spreadsheet::{ImportSheet, portfolio_headers};
use ocop_tracker::app::{AppState, Level};
use ocop_tracker::command::Command;
use ocop_tracker::domain::model::{Certificate, ProductId, Workspace};
use ocop_tracker::domain::spreadsheet::ImportField;
use ocop_tracker::domain::stage::Stage;
use ocop_tracker::storage;
use ocop_tracker::text::Lang;

fn open(ws: &Path, lang: Lang) -> AppState {
    AppState::open(ws, common::catalog(), common::today(), lang).expect("open workspace")
}

fn run(args: &[&str]) -> Output {
    common::run_bin(args)
}

fn text(out: &Output) -> String {
    common::said(out)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Every file under `dir` with its bytes (to prove that nothing changed).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.clone(), fs::read(&path).expect("read"));
            }
        }
    }
    out
}

/// Adds two certified products (one valid, one expired) to the open demo copy.
fn add_certified(state: &mut AppState) {
    let template = state
        .catalog()
        .current_template()
        .expect("template")
        .clone();
    let mut valid = ocop_tracker::domain::demo::new_product(
        ProductId::parse("che-tan-cuong").unwrap(),
        "Chè Tân Cương",
        3,
        &template,
        2025,
    );
    valid.producer.name = "HTX Chè Tân Cương".into();
    valid.commune = "Phúc Xuân".into();
    valid.product_code = "TN-CHE-01".into();
    let app = valid.current_mut().unwrap();
    app.stage = Stage::Recognised;
    app.certificate = Some(Certificate {
        star: 4,
        number: "1234/QĐ-UBND".into(),
        issued_on: date(2025, 6, 15),
    });
    let mut expired = ocop_tracker::domain::demo::new_product(
        ProductId::parse("mam-tep").unwrap(),
        "Mắm tép Đồng Nai",
        9,
        &template,
        2021,
    );
    expired.producer.name = "Hộ kinh doanh Lê Văn Đức".into();
    let app = expired.current_mut().unwrap();
    app.stage = Stage::Recognised;
    app.certificate = Some(Certificate {
        star: 3,
        number: "88/QĐ-UBND".into(),
        issued_on: date(2021, 3, 2),
    });
    state
        .apply(&Command::ImportProducts {
            products: vec![valid, expired],
            updated: Vec::new(),
        })
        .expect("add certified products");
}

fn read_sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut workbook = calamine::open_workbook_auto(path).expect("calamine opens the export");
    let range = workbook.worksheet_range(name).expect("sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn cell_text(data: &Data) -> String {
    match data {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

fn cell_date(data: &Data) -> Option<NaiveDate> {
    match data {
        Data::DateTime(dt) => dt.as_datetime().map(|d| d.date()),
        _ => None,
    }
}

#[test]
fn export_of_the_demo_reads_back_field_by_field() {
    let (tmp, ws) = common::demo_copy();
    let mut state = open(&ws, Lang::Vi);
    add_certified(&mut state);
    let out = tmp.path().join("Danh sách sản phẩm.xlsx");
    state.export_now(ocop_tracker::app::Export::Portfolio(out.clone()));
    let last = state.messages().last().expect("a message");
    assert_eq!(last.level, Level::Info, "{}", last.words(Lang::Vi));

    let workbook = calamine::open_workbook_auto(&out).expect("calamine opens it");
    assert_eq!(workbook.sheet_names(), vec!["Sản phẩm", "Tổng hợp"]);
    let rows = read_sheet(&out, "Sản phẩm");
    let headers: Vec<String> = rows[0].iter().map(cell_text).collect();
    assert_eq!(headers, portfolio_headers(Lang::Vi));
    assert_eq!(headers[0], "Sản phẩm");
    assert_eq!(rows.len(), 1 + state.workspace().products.len());

    // Each product's row holds what the portfolio table shows (the same Row the
    // screen builds), plus its certificate.
    for product in state.workspace().products.values() {
        let ui_row = ocop_tracker::ui::portfolio::build_row(
            &state,
            &state.digest(&product.id).expect("digest"),
        );
        let row = rows
            .iter()
            .find(|r| cell_text(&r[0]) == product.name)
            .unwrap_or_else(|| panic!("row of {}", product.name));
        let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
        assert_eq!(cell_text(&row[col("Chủ thể")]), ui_row.product.producer);
        assert_eq!(cell_text(&row[col("Xã")]), ui_row.product.commune);
        assert_eq!(cell_text(&row[col("Mã sản phẩm")]), product.product_code);
        assert_eq!(
            row[col("Bộ TC")],
            Data::Float(f64::from(ui_row.product.scoring_set))
        );
        assert_eq!(
            cell_text(&row[col("Bước")]),
            ocop_tracker::text::stage_name(ui_row.product.stage.expect("stage")).vi
        );
        assert_eq!(
            row[col("Hồ sơ (%)")],
            Data::Float(f64::from(ui_row.product.completeness))
        );
        assert_eq!(
            cell_date(&row[col("Hạn tiếp theo")]),
            ui_row.product.deadline.as_ref().map(|d| d.date),
            "{}: the deadline is a real Excel date",
            product.name
        );
        let certificate = product.latest_certificate();
        assert_eq!(
            cell_text(&row[col("Số giấy chứng nhận")]),
            certificate.map(|c| c.number.clone()).unwrap_or_default()
        );
        assert_eq!(
            cell_date(&row[col("Ngày cấp")]),
            certificate.map(|c| c.issued_on)
        );
        assert_eq!(
            cell_date(&row[col("Ngày hết hạn")]),
            product.latest_certificate_expiry()
        );
        assert_eq!(
            row[col("Hạng sao chính thức")],
            certificate.map_or(Data::Empty, |c| Data::Float(f64::from(c.star)))
        );
    }
    let che = rows
        .iter()
        .find(|r| cell_text(&r[0]) == "Chè Tân Cương")
        .unwrap();
    assert_eq!(cell_text(&che[6]), "★★★★");
    assert_eq!(cell_text(&che[14]), "còn hiệu lực");
    let mam = rows
        .iter()
        .find(|r| cell_text(&r[0]) == "Mắm tép Đồng Nai")
        .unwrap();
    assert_eq!(cell_text(&mam[6]), "★★★ đã hết hạn");
    assert_eq!(cell_text(&mam[14]), "đã hết hạn");

    // The summary counts by stage and by valid star.
    let summary = read_sheet(&out, "Tổng hợp");
    let count_of = |label: &str| {
        summary
            .iter()
            .find(|r| cell_text(&r[0]) == label)
            .map(|r| cell_text(&r[1]))
            .unwrap_or_else(|| panic!("summary row {label}"))
    };
    assert_eq!(
        count_of(ocop_tracker::text::stage_name(Stage::Recognised).vi),
        "2"
    );
    assert_eq!(
        count_of(ocop_tracker::text::stage_name(Stage::SubmittedToCommune).vi),
        "1"
    );
    assert_eq!(count_of("4 sao"), "1");
    assert_eq!(
        count_of("3 sao"),
        "0",
        "an expired certificate counts no star"
    );
    assert_eq!(count_of("Chưa có sao"), "3");

    // Chart, frozen header and autofilter are in the package.
    let bytes = fs::read(&out).unwrap();
    let has = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(has("xl/charts/chart1.xml") && has("xl/charts/chart2.xml"));
    // The sheet's XML, read with the zip crate (no outside tool: always checked).
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(
        xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
        "frozen header"
    );
    assert!(
        xml.contains("<autoFilter ref=\"A1:O5\""),
        "autofilter: {xml:.600}"
    );

    // In English: English headers and sheet names.
    state.set_lang(Lang::En);
    let out_en = tmp.path().join("portfolio-en.xlsx");
    state.export_now(ocop_tracker::app::Export::Portfolio(out_en.clone()));
    let mut workbook = calamine::open_workbook_auto(&out_en).expect("calamine opens it");
    assert_eq!(workbook.sheet_names(), vec!["Products", "Summary"]);
    let rows = read_sheet(&out_en, "Products");
    let headers: Vec<String> = rows[0].iter().map(cell_text).collect();
    assert_eq!(headers, portfolio_headers(Lang::En));
    drop(workbook.worksheet_range("Summary").expect("summary"));
}

#[test]
fn export_then_import_into_an_empty_workspace_gives_the_same_products() {
    let (tmp, ws) = common::demo_copy();
    let mut state = open(&ws, Lang::Vi);
    add_certified(&mut state);
    let file = tmp.path().join("round.xlsx");
    state.export_now(ocop_tracker::app::Export::Portfolio(file.clone()));

    let empty = tmp.path().join("empty");
    storage::save_workspace(&empty, &Workspace::default()).unwrap();
    let mut target = open(&empty, Lang::Vi);
    let import = ImportSheet::read(&file).expect("read the export");
    let preview = import.preview(&target.known_products(), target.catalog());
    assert!(preview.bad.is_empty(), "{:?}", preview.bad);
    assert!(preview.existing.is_empty());
    assert_eq!(preview.good.len(), 4);
    assert_eq!(
        target.import_products(&preview, &import).expect("imported"),
        (4, 0)
    );
    assert_eq!(target.unsaved_count(), 0, "every product file written");

    let key = |p: &ocop_tracker::domain::model::Product| (p.name.clone(), p.producer.name.clone());
    let originals: BTreeMap<_, _> = state
        .workspace()
        .products
        .values()
        .map(|p| (key(&p), p))
        .collect();
    assert_eq!(target.workspace().products.len(), 4);
    for imported in target.workspace().products.values() {
        let original = originals
            .get(&key(&imported))
            .expect("same name and producer");
        assert_eq!(
            imported.scoring_set, original.scoring_set,
            "{}",
            imported.name
        );
        assert_eq!(imported.commune, original.commune);
        assert_eq!(imported.product_code, original.product_code);
        assert_eq!(
            imported.current().map(|a| a.stage),
            original.current().map(|a| a.stage),
            "{}",
            imported.name
        );
        assert_eq!(imported.latest_certificate(), original.latest_certificate());
        assert_eq!(
            imported.valid_star(common::today()),
            original.valid_star(common::today())
        );
    }
    // The files are on disk: a fresh open sees the same four.
    drop(target);
    let reopened = open(&empty, Lang::Vi);
    assert_eq!(reopened.workspace().products.len(), 4);

    // Importing the same file again duplicates nothing.
    let again = ImportSheet::read(&file)
        .unwrap()
        .preview(&reopened.known_products(), reopened.catalog());
    assert!(again.good.is_empty());
    assert_eq!(again.existing.len(), 4);
}

#[test]
fn an_import_is_one_undo_step() {
    let (tmp, ws) = common::demo_copy();
    let file = tmp.path().join("list.xlsx");
    write_xlsx(
        &file,
        &[
            &[
                "STT",
                "Tên sản phẩm",
                "Chủ thể",
                "Bộ tiêu chí",
                "Hạng sao",
                "Số GCN",
                "Ngày cấp",
            ],
            &[
                "1",
                "Bánh chưng Tranh Khúc",
                "HTX Tranh Khúc",
                "1",
                "4",
                "55/QĐ-UBND",
                "12/05/2025",
            ],
            &["2", "Mật ong bạc hà", "HTX Ong Mèo Vạc", "12", "", "", ""],
            &["3", "", "HTX không tên", "3", "", "", ""],
            &[
                "4",
                "Cốm Hồng Quang",
                "HTX Nông sản Hồng Quang (ví dụ)",
                "6",
                "",
                "",
                "",
            ],
        ],
    );
    let mut state = open(&ws, Lang::Vi);
    let before: Vec<ProductId> = state.workspace().products.keys().cloned().collect();
    let files_before = fs::read_dir(ws.join("products")).unwrap().count();
    let import = ImportSheet::read(&file).unwrap();
    let preview = import.preview(&state.known_products(), state.catalog());
    assert_eq!(preview.good.len(), 2);
    assert_eq!(preview.bad.len(), 1);
    assert_eq!(preview.bad[0].0.row, 4, "row number as the sheet shows it");
    assert_eq!(preview.existing.len(), 1);
    assert_eq!(preview.existing[0].row.at.row, 5);
    assert_eq!(
        state.import_products(&preview, &import).expect("imported"),
        (2, 0)
    );
    assert_eq!(state.workspace().products.len(), before.len() + 2);
    assert_eq!(
        fs::read_dir(ws.join("products")).unwrap().count(),
        files_before + 2
    );
    let banh = state
        .workspace()
        .products
        .values()
        .find(|p| p.name == "Bánh chưng Tranh Khúc")
        .expect("imported");
    assert_eq!(banh.valid_star(common::today()), Some(4));
    assert_eq!(banh.current().map(|a| a.stage), Some(Stage::Recognised));
    assert_eq!(state.undo_label(), Some("nhập 2 sản phẩm"));

    assert!(state.undo());
    assert_eq!(
        state
            .workspace()
            .products
            .keys()
            .cloned()
            .collect::<Vec<_>>(),
        before
    );
    assert_eq!(
        fs::read_dir(ws.join("products")).unwrap().count(),
        files_before
    );
    assert!(state.redo());
    assert_eq!(state.workspace().products.len(), before.len() + 2);
    assert_eq!(
        fs::read_dir(ws.join("products")).unwrap().count(),
        files_before + 2
    );
}

/// A workbook of text cells.
/// The app on `ws` with `dialogs`, after File → Import product list from Excel…: the
/// preview of the file the dialogs pick is open.
fn import_preview(
    ws: &Path,
    dialogs: common::FakeDialogs,
) -> egui_kittest::Harness<'static, ocop_tracker::ui::OcopApp> {
    let mut harness = common::app_harness(ws, egui::vec2(1280.0, 900.0), Lang::Vi);
    harness.state_mut().dialogs = Box::new(dialogs);
    harness.get_by_label("Tệp").click();
    harness.run();
    harness
        .get_by_label("Nhập danh sách sản phẩm từ Excel…")
        .click();
    harness.run();
    // The file is read on a task (the window keeps answering).
    common::wait_for_exchange(&mut harness);
    harness
}

fn state_of<'a>(
    harness: &'a egui_kittest::Harness<'static, ocop_tracker::ui::OcopApp>,
) -> &'a AppState {
    harness.state().state.as_ref().expect("a workspace is open")
}

fn write_xlsx(path: &Path, rows: &[&[&str]]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet
                    .write_string(u32::try_from(r).unwrap(), u16::try_from(c).unwrap(), *value)
                    .unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}

#[test]
fn bad_files_give_a_clear_message_naming_the_file_and_change_nothing() {
    let (tmp, ws) = common::demo_copy();
    let before = snapshot(&ws);
    let ws_str = ws.to_str().unwrap();

    let text_file = tmp.path().join("danh sách.xlsx");
    fs::write(&text_file, "Tên sản phẩm,Chủ thể\nCốm,HTX\n").unwrap();

    // An encrypted OOXML file is an OLE compound file with an EncryptedPackage stream.
    let protected = tmp.path().join("có mật khẩu.xlsx");
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(1024, 0);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(4096, 0);
    fs::write(&protected, bytes).unwrap();

    let empty = tmp.path().join("trống.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet();
    workbook.save(&empty).unwrap();

    let missing = tmp.path().join("không có.xlsx");

    for (file, vi, en) in [
        (&text_file, "không phải tệp bảng tính", "not a spreadsheet"),
        (
            &protected,
            "bảo vệ bằng mật khẩu",
            "protected by a password",
        ),
        (&empty, "không có dữ liệu", "nothing in the file"),
        (&missing, "", ""),
    ] {
        for (lang, expected) in [(Lang::Vi, vi), (Lang::En, en)] {
            let err =
                ocop_tracker::say::app_error(&ImportSheet::read(file).expect_err("refused"), lang);
            assert!(err.contains(expected), "{lang:?}: {err}");
            assert!(
                err.contains(&file.display().to_string()),
                "names the file: {err}"
            );
        }
        let out = run(&["import", ws_str, file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert!(text(&out).contains(vi), "{}", text(&out));
        assert_eq!(snapshot(&ws), before, "{} changed nothing", file.display());
    }
}

#[test]
fn cli_import_previews_then_imports_with_exit_codes() {
    let (tmp, ws) = common::demo_copy();
    let ws_str = ws.to_str().unwrap();
    let file = tmp.path().join("xa.xlsx");
    write_xlsx(
        &file,
        &[
            &["Danh sách sản phẩm OCOP xã Phúc Xuân"],
            &[],
            &[
                "Ten san pham",
                "Chu the",
                "Bo TC",
                "So sao",
                "So GCN",
                "Ngay cap",
            ],
            &[
                "Chè búp Phúc Xuân",
                "HTX Chè Phúc Xuân",
                "3",
                "4 sao",
                "12/QĐ-UBND",
                "01/03/2025",
            ],
            &["Nấm linh chi", "Tổ hợp tác Nấm", "27", "", "", ""],
            &[
                "Thịt trâu Bình An",
                "HTX Chăn nuôi trâu Bình An (ví dụ)",
                "5",
                "",
                "",
                "",
            ],
        ],
    );
    let before = snapshot(&ws);
    let out = run(&["import", ws_str, file.to_str().unwrap(), "--dry-run"]);
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("Dòng 4: Chè búp Phúc Xuân"), "{said}");
    assert!(
        said.contains("Dòng 5: bộ tiêu chí “27” không phải số từ 1 đến 26"),
        "{said}"
    );
    assert!(
        said.contains("Đã có trong danh mục (trùng tên): mặc định bỏ qua (1)"),
        "{said}"
    );
    assert!(said.contains("Chạy thử"), "{said}");
    assert_eq!(snapshot(&ws), before, "a dry run changes nothing");

    let out = run(&["import", ws_str, file.to_str().unwrap(), "--lang", "en"]);
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "rows were left out: {said}");
    assert!(
        said.contains("Row 5: scoring set “27” is not a number from 1 to 26"),
        "{said}"
    );
    assert!(said.contains("Imported 1 product"), "{said}");
    let state = open(&ws, Lang::Vi);
    assert_eq!(state.workspace().products.len(), 3);
    // While a window has the workspace open, the CLI refuses to import into it.
    let good = tmp.path().join("good.xlsx");
    write_xlsx(
        &good,
        &[&["Product", "Producer", "Set"], &["Rice", "Coop", "2"]],
    );
    let out = run(&["import", ws_str, good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("đang mở trong một cửa sổ khác"),
        "{}",
        text(&out)
    );
    drop(state);

    // Everything fine: exit 0.
    let out = run(&["import", ws_str, good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

#[test]
fn cli_export_writes_the_workbook_and_refuses_an_unwritable_target() {
    let (tmp, ws) = common::demo_copy();
    let ws_str = ws.to_str().unwrap();
    let out_file = tmp.path().join("Danh sách sản phẩm OCOP.xlsx");
    let out = run(&[
        "export",
        ws_str,
        "--portfolio",
        "--out",
        out_file.to_str().unwrap(),
        "--today",
        "2026-11-26",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("đã ghi 2 sản phẩm"), "{}", text(&out));
    let rows = read_sheet(&out_file, "Sản phẩm");
    let names: Vec<String> = rows.iter().skip(1).map(|r| cell_text(&r[0])).collect();
    assert_eq!(names, vec!["Cốm Hồng Quang", "Thịt trâu Bình An"]);

    // A folder that does not exist; a target that is a folder.
    // A target inside a regular file (as root, permissions would not stop the write).
    let not_a_folder = tmp.path().join("tệp thường.txt");
    fs::write(&not_a_folder, "x").unwrap();
    let missing_dir = not_a_folder.join("x.xlsx");
    let out = run(&[
        "export",
        ws_str,
        "--portfolio",
        "--out",
        missing_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("Không xuất được danh sách sản phẩm"),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains(&not_a_folder.display().to_string()),
        "{}",
        text(&out)
    );
    let folder = tmp.path().join("a folder.xlsx");
    fs::create_dir(&folder).unwrap();
    let out = run(&[
        "export",
        ws_str,
        "--portfolio",
        "--out",
        folder.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("Could not export the product list"),
        "{}",
        text(&out)
    );
    // No partial or temp file anywhere beside the targets.
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(fs::read_dir(&folder).unwrap().next().is_none());
}

#[test]
fn an_unwritable_target_in_the_gui_says_so_and_leaves_nothing() {
    let (tmp, ws) = common::demo_copy();
    let mut state = open(&ws, Lang::Vi);
    let not_a_folder = tmp.path().join("tệp thường.txt");
    fs::write(&not_a_folder, "x").unwrap();
    let target = not_a_folder.join("x.xlsx");
    state.export_now(ocop_tracker::app::Export::Portfolio(target.clone()));
    let last = state.messages().last().expect("message");
    assert_eq!(last.level, Level::Error);
    assert!(
        last.words(Lang::Vi)
            .starts_with("Không xuất được danh sách sản phẩm"),
        "{}",
        last.words(Lang::Vi)
    );
    assert!(
        last.words(Lang::Vi)
            .contains(&not_a_folder.display().to_string()),
        "{}",
        last.words(Lang::Vi)
    );
    assert!(!target.exists());
}

#[test]
fn gui_import_preview_then_confirm_and_export_from_the_menu() {
    let (tmp, ws) = common::demo_copy();
    let file = tmp.path().join("list.xlsx");
    write_xlsx(
        &file,
        &[
            &[
                "Tên sản phẩm",
                "Chủ thể",
                "Bộ tiêu chí",
                "Hạng sao",
                "Số GCN",
                "Ngày cấp",
            ],
            &[
                "Bánh chưng Tranh Khúc",
                "HTX Tranh Khúc",
                "1",
                "4",
                "55/QĐ-UBND",
                "12/05/2025",
            ],
            &["Mật ong bạc hà", "HTX Ong Mèo Vạc", "12", "", "", ""],
            &["", "HTX không tên", "3", "", "", ""],
            &[
                "Cốm Hồng Quang",
                "HTX Nông sản Hồng Quang (ví dụ)",
                "6",
                "",
                "",
                "",
            ],
        ],
    );
    let saved = tmp.path().join("export.xlsx");
    let mut harness = import_preview(
        &ws,
        common::FakeDialogs {
            files: vec![file],
            save: Some(saved.clone()),
            ..Default::default()
        },
    );
    // The preview: mapping guessed, good rows counted, the bad row and the duplicate named.
    harness.get_by_label("Nhập danh sách sản phẩm");
    harness.get_by_label("2 sản phẩm sẽ được thêm");
    harness.get_by_label("Dòng 4: thiếu tên sản phẩm (cột A)");
    harness.get_by_label_contains("Dòng 5: Cốm Hồng Quang");
    // To look at the preview: OCOP_SAVE_IMPORT_PREVIEW=/tmp/preview.png (needs a renderer).
    if let Some(out) = std::env::var_os("OCOP_SAVE_IMPORT_PREVIEW") {
        let image = harness.render().expect("render the preview");
        image.save(&out).expect("save the picture");
    }
    let products_before = harness
        .state()
        .state
        .as_ref()
        .unwrap()
        .workspace()
        .products
        .len();
    assert_eq!(
        products_before, 2,
        "nothing imported before the confirmation"
    );
    harness.get_by_label("Nhập 2").click();
    harness.run();
    let state = harness.state().state.as_ref().unwrap();
    assert_eq!(state.workspace().products.len(), 4);
    assert!(
        state
            .messages()
            .iter()
            .any(|m| m.words(Lang::Vi) == "Đã nhập: 2 sản phẩm")
    );
    assert_eq!(state.undo_label(), Some("nhập 2 sản phẩm"));

    // Export from File → Export.
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Xuất tài liệu").click();
    harness.run();
    harness.get_by_label("Danh sách sản phẩm (Excel)…").click();
    harness.run();
    common::wait_for_exchange(&mut harness);
    let rows = read_sheet(&saved, "Sản phẩm");
    assert_eq!(rows.len(), 5, "header and four products");

    // Undo takes the whole import back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(
        harness
            .state()
            .state
            .as_ref()
            .unwrap()
            .workspace()
            .products
            .len(),
        2
    );
}

/// LibreOffice renders the export (headless to PDF) and `pdftotext` finds the product
/// names; its .ods conversion imports back. Skipped with a note when LibreOffice is not
/// installed, unless `OCOP_REQUIRE_LIBREOFFICE=1`.
#[test]
#[cfg_attr(
    any(ocop_no_libreoffice, ocop_no_poppler),
    ignore = "LibreOffice or poppler-utils is not installed here (apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils); OCOP_REQUIRE_LIBREOFFICE=1 makes it a failure"
)]
fn libreoffice_renders_the_export_and_its_ods_imports() {
    // On PATH: it starts (pdftotext has no --version; -v prints it).
    let have = |tool: &str| Process::new(tool).arg("-v").output().is_ok();
    let soffice = ["soffice", "libreoffice"].into_iter().find(|t| have(t));
    let required = std::env::var("OCOP_REQUIRE_LIBREOFFICE").is_ok_and(|v| v == "1");
    let (Some(soffice), true) = (soffice, have("pdftotext")) else {
        assert!(
            !required,
            "OCOP_REQUIRE_LIBREOFFICE=1 but libreoffice or pdftotext is missing"
        );
        eprintln!("note: libreoffice or pdftotext not on PATH; the PDF rendering check is skipped");
        return;
    };
    let (tmp, ws) = common::demo_copy();
    let mut state = open(&ws, Lang::Vi);
    let file = tmp.path().join("portfolio.xlsx");
    state.export_now(ocop_tracker::app::Export::Portfolio(file.clone()));
    let profile = tmp.path().join("lo-profile");
    let convert_file = |file: &Path, to: &str| {
        let out = Process::new(soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(tmp.path())
            .arg(file)
            .output()
            .expect("run libreoffice");
        assert!(out.status.success(), "{}", text(&out));
    };
    let convert = |to: &str| convert_file(&file, to);
    convert("pdf");
    let pdf = tmp.path().join("portfolio.pdf");
    let out = Process::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let pdf_text = String::from_utf8_lossy(&out.stdout);
    for name in ["Cốm Hồng Quang", "Thịt trâu Bình An", "Sản phẩm", "Chủ thể"] {
        assert!(pdf_text.contains(name), "{name} in: {pdf_text}");
    }
    convert("ods");
    let ods = tmp.path().join("portfolio.ods");
    let empty = tmp.path().join("empty");
    storage::save_workspace(&empty, &Workspace::default()).unwrap();
    let mut target = open(&empty, Lang::Vi);
    let import = ImportSheet::read(&ods).expect("ods reads");
    let preview = import.preview(&target.known_products(), target.catalog());
    assert!(preview.bad.is_empty(), "{:?}", preview.bad);
    assert_eq!(
        target.import_products(&preview, &import).expect("imported"),
        (2, 0)
    );

    // An .ods with a merged header row is refused like an .xlsx (calamine does not report
    // .ods merges; content.xml is read for them).
    let merged = tmp.path().join("gộp.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet
        .merge_range(
            0,
            0,
            0,
            2,
            "Thông tin sản phẩm",
            &rust_xlsxwriter::Format::new(),
        )
        .unwrap();
    sheet.write_string(1, 0, "Cốm").unwrap();
    sheet.write_string(1, 1, "HTX").unwrap();
    sheet.write_number(1, 2, 6).unwrap();
    workbook.save(&merged).unwrap();
    convert_file(&merged, "ods");
    // A heading merged over three columns reads (calamine does not report an .ods
    // file's merges: they are read from content.xml); the product column is only a guess.
    let read = ImportSheet::read(&tmp.path().join("gộp.ods")).expect("reads");
    let table = read.tables.first().unwrap();
    assert_eq!(table.sheet.merges.len(), 1, "{:?}", table.sheet.merges);
    assert_eq!(
        table.confidence.get(&ImportField::Name),
        Some(&ocop_tracker::domain::spreadsheet::Confidence::Words)
    );
}

#[test]
fn import_products_is_all_or_nothing() {
    let catalog = common::catalog();
    let template = catalog.current_template().expect("template").clone();
    let mut workspace = ocop_tracker::domain::demo::seed_workspace(&catalog);
    let before = workspace.clone();
    let new = |id: &str, name: &str, set: u8| {
        ocop_tracker::domain::demo::new_product(
            ProductId::parse(id).unwrap(),
            name,
            set,
            &template,
            2026,
        )
    };
    for (products, why) in [
        (
            vec![new("moi", "Mới", 1), new("com-hong-quang", "Cốm", 6)],
            "an id in use",
        ),
        (
            vec![new("a", "A", 1), new("a", "A again", 1)],
            "one id twice",
        ),
        (vec![new("b", "B", 1), new("c", "  ", 1)], "an empty name"),
        (vec![new("d", "D", 1), new("e", "E", 27)], "set 27"),
    ] {
        let result = ocop_tracker::command::apply(
            &mut workspace,
            &catalog,
            &Command::ImportProducts {
                products,
                updated: Vec::new(),
            },
        );
        assert!(result.is_err(), "{why}");
        assert_eq!(workspace, before, "{why}: nothing changed");
    }
}

#[test]
fn gui_import_checks_the_preview_again_when_the_portfolio_changed() {
    let (tmp, ws) = common::demo_copy();
    let file = tmp.path().join("list.xlsx");
    write_xlsx(
        &file,
        &[
            &["Tên sản phẩm", "Chủ thể", "Bộ tiêu chí"],
            &["Bánh chưng Tranh Khúc", "HTX Tranh Khúc", "1"],
            &["Mật ong bạc hà", "HTX Ong Mèo Vạc", "12"],
        ],
    );
    let mut harness = import_preview(
        &ws,
        common::FakeDialogs {
            files: vec![file],
            ..Default::default()
        },
    );
    harness.get_by_label("2 sản phẩm sẽ được thêm");
    // Meanwhile the same honey arrives (another officer, a reload).
    {
        let state = harness.state_mut().state.as_mut().unwrap();
        let template = state.catalog().current_template().unwrap().clone();
        let mut honey = ocop_tracker::domain::demo::new_product(
            ProductId::parse("mat-ong").unwrap(),
            "Mật ong bạc hà",
            12,
            &template,
            2026,
        );
        honey.producer.name = "HTX Ong Mèo Vạc".into();
        state
            .apply(&Command::ImportProducts {
                products: vec![honey],
                updated: Vec::new(),
            })
            .unwrap();
    }
    harness.get_by_label("Nhập 2").click();
    harness.run();
    let state = harness.state().state.as_ref().unwrap();
    assert_eq!(
        state.workspace().products.len(),
        3,
        "nothing imported unseen"
    );
    assert!(
        state
            .messages()
            .iter()
            .any(|m| m.words(Lang::Vi).starts_with("Danh mục vừa thay đổi"))
    );
    harness.get_by_label("1 sản phẩm sẽ được thêm");
    harness.get_by_label("Nhập 1").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .state
            .as_ref()
            .unwrap()
            .workspace()
            .products
            .len(),
        4
    );
}

/// An import of thousands of products is written a step per frame behind a progress
/// window (the window keeps answering), one undo step as before; its undo is written the
/// same way. Nothing else can be done until every file is on disk.
#[test]
fn a_big_gui_import_is_written_in_steps_with_its_progress_shown() {
    use ocop_tracker::app::WRITE_STEP;
    let (tmp, ws) = common::demo_copy();
    let file = tmp.path().join("big.xlsx");
    let count = 2 * WRITE_STEP + 100;
    let rows: Vec<Vec<String>> = std::iter::once(vec![
        "Tên sản phẩm".to_owned(),
        "Chủ thể".to_owned(),
        "Bộ tiêu chí".to_owned(),
    ])
    .chain((0..count).map(|n| vec![format!("Sản phẩm {n}"), format!("HTX {n}"), "6".to_owned()]))
    .collect();
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    write_xlsx(&file, &rows);
    let product_files = || {
        std::fs::read_dir(ws.join("products"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".ron")
            })
            .count()
    };
    let mut harness = import_preview(
        &ws,
        common::FakeDialogs {
            files: vec![file],
            ..Default::default()
        },
    );
    harness.get_by_label(&format!("Nhập {count}")).click();
    // The frame of the click applies the import in memory and queues its files.
    harness.step();
    assert_eq!(state_of(&harness).workspace().products.len(), count + 2);
    assert_eq!(state_of(&harness).writing_in_steps(), Some((0, count)));
    assert_eq!(
        product_files(),
        2,
        "nothing written in the frame of the click"
    );
    // Each frame writes one step and shows how far it is.
    harness.step();
    assert_eq!(
        state_of(&harness).writing_in_steps(),
        Some((WRITE_STEP, count))
    );
    assert_eq!(product_files(), 2 + WRITE_STEP);
    harness.step();
    assert_eq!(
        state_of(&harness).writing_in_steps(),
        Some((2 * WRITE_STEP, count))
    );
    harness.get_by_label("Đang ghi các sản phẩm vào thư mục…");
    harness.get_by_label("2.000 / 2.100");
    // To look at it: OCOP_SAVE_WRITING_PROGRESS=/tmp/writing.png (needs a renderer).
    if let Some(out) = std::env::var_os("OCOP_SAVE_WRITING_PROGRESS") {
        let image = harness.render().expect("render the progress");
        image.save(&out).expect("save the picture");
    }
    // Ctrl+Z is not taken in a frame that writes (the last step here): one key event,
    // one frame.
    harness.event(egui::Event::Key {
        key: egui::Key::Z,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    harness.step();
    assert_eq!(state_of(&harness).workspace().products.len(), count + 2);
    harness.run();
    let state = state_of(&harness);
    assert_eq!(state.writing_in_steps(), None);
    assert_eq!(state.unsaved_count(), 0);
    assert_eq!(product_files(), count + 2);
    assert!(
        harness
            .query_by_label("Đang ghi các sản phẩm vào thư mục…")
            .is_none()
    );
    // The undo of the whole import is written the same way.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    let state = state_of(&harness);
    assert_eq!(state.workspace().products.len(), 2);
    assert_eq!(state.unsaved_count(), 0);
    assert_eq!(product_files(), 2);
}
