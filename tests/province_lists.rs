//! Product lists laid out as provinces publish them (issue 23): title rows, a two-row
//! header with merged cells, a numbers row, section headings, no scoring-set column (the
//! product group instead), a totals row and signatures; several sheets; .xls; .csv in
//! UTF-8 (with and without BOM) and UTF-16. Each file is built here and imported through
//! the command line and the GUI preview; a product the workspace has is never added twice.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::path::Path;
use std::process::Output;

use egui_kittest::kittest::Queryable;
use ocop_tracker::app::AppState;
use ocop_tracker::domain::criteria::NO_SET;
use ocop_tracker::text::Lang;
use rust_xlsxwriter::{Format, Workbook};

fn run(args: &[&str]) -> Output {
    common::run_bin(args)
}

fn said(out: &Output) -> String {
    common::said(out)
}

/// The data rows of a district's sheet: (name, producer, address, group, score, star,
/// decision number, decision date).
type Row<'a> = [&'a str; 8];

const LAM_BINH: [Row; 3] = [
    [
        "Thịt trâu gác bếp Bình An",
        "HTX Bình An",
        "Thôn Nà Khà, xã Bình An, huyện Lâm Bình",
        "Thực phẩm chế biến",
        "78,5",
        "4 sao",
        "1845/QĐ-UBND",
        "20/12/2025",
    ],
    [
        "Rượu ngô Hồng Quang",
        "HTX Hồng Quang",
        "Xã Hồng Quang, huyện Lâm Bình",
        "Đồ uống",
        "72",
        "3★",
        "1845/QĐ-UBND",
        "năm 2025",
    ],
    // The demo workspace has this product: the list names it without its producer.
    [
        "Cốm Hồng Quang",
        "",
        "Xã Hồng Quang, huyện Lâm Bình",
        "Thực phẩm chế biến",
        "",
        "",
        "",
        "",
    ],
];

const NA_HANG: [Row; 1] = [[
    "Khăn thổ cẩm Na Hang",
    "Tổ hợp tác dệt Nà Hang",
    "Xã Năng Khả, huyện Na Hang",
    "Vải và may mặc",
    "",
    "",
    "",
    "",
]];

/// A district's sheet as a province publishes it, with merged cells.
fn write_district(sheet: &mut rust_xlsxwriter::Worksheet, name: &str, rows: &[Row]) {
    let plain = Format::new();
    sheet.set_name(name).unwrap();
    sheet
        .merge_range(0, 0, 0, 8, "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG", &plain)
        .unwrap();
    sheet
        .merge_range(
            1,
            0,
            1,
            8,
            "DANH SÁCH SẢN PHẨM ĐẠT CHUẨN OCOP NĂM 2025",
            &plain,
        )
        .unwrap();
    sheet
        .merge_range(
            2,
            0,
            2,
            8,
            "(Kèm theo Quyết định số 1845/QĐ-UBND ngày 20/12/2025)",
            &plain,
        )
        .unwrap();
    let headings = [
        "STT",
        "Tên sản phẩm",
        "Chủ thể sản xuất",
        "Địa chỉ",
        "Nhóm sản phẩm",
        "Số điểm",
        "Phân hạng",
    ];
    for (col, heading) in headings.iter().enumerate() {
        let col = u16::try_from(col).unwrap();
        sheet.merge_range(4, col, 5, col, heading, &plain).unwrap();
    }
    sheet
        .merge_range(4, 7, 4, 8, "Quyết định công nhận", &plain)
        .unwrap();
    sheet.write_string(5, 7, "Số").unwrap();
    sheet.write_string(5, 8, "Ngày").unwrap();
    for col in 0..9u16 {
        sheet.write_number(6, col, f64::from(col + 1)).unwrap();
    }
    sheet
        .merge_range(7, 0, 7, 8, "I. CÁC SẢN PHẨM", &plain)
        .unwrap();
    for (i, row) in rows.iter().enumerate() {
        let r = 8 + u32::try_from(i).unwrap();
        sheet.write_number(r, 0, f64::from(r - 7)).unwrap();
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet
                    .write_string(r, u16::try_from(c + 1).unwrap(), *value)
                    .unwrap();
            }
        }
    }
    let end = 8 + u32::try_from(rows.len()).unwrap();
    sheet
        .merge_range(
            end,
            0,
            end,
            8,
            &format!("Tổng số: {:02} sản phẩm", rows.len()),
            &plain,
        )
        .unwrap();
    sheet.write_string(end + 2, 1, "Người lập biểu").unwrap();
    sheet.write_string(end + 2, 6, "KT. CHỦ TỊCH").unwrap();
    sheet
        .write_string(end + 3, 1, "(Ký, ghi rõ họ tên)")
        .unwrap();
}

/// The province's workbook: two districts and a notes sheet.
fn write_province(path: &Path) {
    let mut workbook = Workbook::new();
    write_district(workbook.add_worksheet(), "Lâm Bình", &LAM_BINH);
    write_district(workbook.add_worksheet(), "Na Hang", &NA_HANG);
    let notes = workbook.add_worksheet();
    notes.set_name("Ghi chú").unwrap();
    notes
        .write_string(0, 0, "Danh sách do Sở Nông nghiệp tổng hợp.")
        .unwrap();
    workbook.save(path).unwrap();
}

/// The same list as text: one header row (a .csv has no merged cells; the group heading
/// over the decision's two columns is carried over them), then the rows.
fn province_csv(sep: char) -> String {
    let mut out = String::from("DANH SÁCH SẢN PHẨM ĐẠT CHUẨN OCOP\n\n");
    let line = |cells: &[&str]| {
        cells
            .iter()
            .map(|c| {
                if c.contains(sep) || c.contains('"') {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    (*c).to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join(&sep.to_string())
    };
    out.push_str(&line(&[
        "STT",
        "Tên sản phẩm",
        "Chủ thể sản xuất",
        "Địa chỉ",
        "Nhóm sản phẩm",
        "Số điểm",
        "Phân hạng",
        "Quyết định công nhận",
        "",
    ]));
    out.push('\n');
    out.push_str(&line(&["", "", "", "", "", "", "", "Số", "Ngày"]));
    out.push('\n');
    for (i, row) in LAM_BINH.iter().enumerate() {
        let number = (i + 1).to_string();
        let mut cells = vec![number.as_str()];
        cells.extend(row.iter());
        out.push_str(&line(&cells));
        out.push('\n');
    }
    out.push_str("Tổng số: 03 sản phẩm\n");
    out
}

fn product_count(ws: &Path) -> usize {
    AppState::open(ws, common::catalog(), common::today(), Lang::Vi)
        .unwrap()
        .workspace()
        .products
        .len()
}

#[test]
fn a_province_list_imports_from_the_command_line_and_never_duplicates() {
    let (tmp, ws) = common::demo_copy();
    let file = tmp.path().join("Danh sách OCOP 2025.xlsx");
    write_province(&file);
    let ws_str = ws.to_str().unwrap();
    let file_str = file.to_str().unwrap();

    // A dry run of the first district: the header found under the titles, each column
    // with how sure it is, sets proposed, the totals and signatures skipped, the demo's
    // Cốm named as already there.
    let out = run(&["import", ws_str, file_str, "--dry-run"]);
    let text = said(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    for expected in [
        "Trang tính “Lâm Bình”, tiêu đề ở dòng 5–6:",
        "Chủ thể ← C: Chủ thể sản xuất (đúng tên)",
        "Số giấy chứng nhận ← H: Quyết định công nhận – Số (đúng tên)",
        "Ngày cấp ← I: Quyết định công nhận – Ngày (đúng tên)",
        "Dòng 9: Thịt trâu gác bếp Bình An — HTX Bình An · bộ tiêu chí 8 (đề xuất: theo nhóm “Thực phẩm chế biến” và chữ “gác bếp” trong tên)",
        "Dòng 10: Rượu ngô Hồng Quang — HTX Hồng Quang · bộ tiêu chí 14",
        "Dòng 11: Cốm Hồng Quang · trong danh mục com-hong-quang (chủ thể: HTX Nông sản Hồng Quang (ví dụ)) → Bỏ qua",
        "trong danh mục com-hong-quang",
        "Dòng 8: dòng tiêu đề nhóm",
        "Dòng 12: dòng tổng cộng",
        "Dòng 14: nằm dưới dòng tổng cộng hoặc chữ ký",
        "ngày cấp chỉ ghi “năm 2025”: ghi tạm 01/01/2025",
    ] {
        assert!(text.contains(expected), "“{expected}” in:\n{text}");
    }
    assert!(!text.contains("Dòng có lỗi"), "{text}");
    assert_eq!(product_count(&ws), 2, "a dry run changes nothing");

    // All sheets, each row named with its sheet; the notes sheet has no product column.
    let out = run(&["import", ws_str, file_str, "--sheet", "all"]);
    let text = said(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("Na Hang, dòng 9: Khăn thổ cẩm Na Hang"),
        "{text}"
    );
    assert!(text.contains("Đã nhập 3 sản phẩm"), "{text}");
    let state = AppState::open(&ws, common::catalog(), common::today(), Lang::Vi).unwrap();
    let products = &state.workspace().products;
    assert_eq!(products.len(), 5, "Cốm Hồng Quang not added a second time");
    let by_name = |name: &str| products.values().find(|p| p.name == name).unwrap();
    let meat = by_name("Thịt trâu gác bếp Bình An");
    assert_eq!(meat.scoring_set, 8);
    assert_eq!(meat.commune, "Bình An");
    let app = meat.current().unwrap();
    assert_eq!(app.scores.official.average_score, Some(78.5));
    assert_eq!(app.certificate.as_ref().unwrap().number, "1845/QĐ-UBND");
    let spirit = by_name("Rượu ngô Hồng Quang");
    assert!(
        spirit.current().unwrap().notes.contains("chỉ có năm/tháng"),
        "the provisional date is said in the notes"
    );
    assert_eq!(by_name("Khăn thổ cẩm Na Hang").scoring_set, 22);
    drop(state);

    // Importing again adds nothing: every row names a product that is there now.
    let out = run(&["import", ws_str, file_str, "--sheet", "all"]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(
        said(&out).contains("Không có dòng nào để nhập"),
        "{}",
        said(&out)
    );
    assert_eq!(product_count(&ws), 5);

    // Bad options are named.
    for (args, expected) in [
        (vec!["--sheet", "Hà Giang"], "--sheet: “Hà Giang”"),
        (vec!["--map", "nhà=B"], "--map: không có trường “nhà”"),
        (vec!["--map", "producer=?"], "--map: “?” không phải là cột"),
        (vec!["--set", "27"], "--set: “27”"),
        (vec!["--duplicates", "merge"], "--duplicates: “merge”"),
    ] {
        let mut all = vec!["import", ws_str, file_str, "--dry-run"];
        all.extend(args);
        let out = run(&all);
        assert_eq!(out.status.code(), Some(2), "{}", said(&out));
        assert!(said(&out).contains(expected), "{}", said(&out));
    }
    // And in English when asked.
    let out = run(&[
        "import",
        ws_str,
        file_str,
        "--dry-run",
        "--map",
        "nhà=B",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(
        said(&out).contains("--map: no field “nhà”"),
        "{}",
        said(&out)
    );
}

#[test]
fn the_command_line_maps_columns_and_sets_and_updates_certificates() {
    let (tmp, ws) = common::demo_copy();
    let ws_str = ws.to_str().unwrap();
    // Headings no guess finds: the columns named on the command line.
    let file = tmp.path().join("tự làm.csv");
    std::fs::write(
        &file,
        "Cột 1,Cột 2,Cột 3,Cột 4,Cột 5\nChè Shan tuyết Hồng Quang,HTX Chè,4,12/QĐ-UBND,01/03/2026\nCốm Hồng Quang,HTX Nông sản Hồng Quang (ví dụ),3,77/QĐ-UBND,02/02/2026\n",
    )
    .unwrap();
    let file_str = file.to_str().unwrap();
    let out = run(&["import", ws_str, file_str, "--dry-run"]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(said(&out).contains("--map name=C"), "{}", said(&out));
    let out = run(&[
        "import",
        ws_str,
        file_str,
        "--map",
        "name=A",
        "--map",
        "producer=B",
        "--map",
        "star=C",
        "--map",
        "number=D",
        "--map",
        "issued=E",
        "--set",
        "none",
        "--duplicates",
        "update",
    ]);
    let text = said(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("Tên sản phẩm ← A: Cột 1 (bạn chọn)"),
        "{text}"
    );
    assert!(text.contains("chưa chọn bộ tiêu chí"), "{text}");
    assert!(text.contains("cập nhật 1 sản phẩm đã có"), "{text}");
    let state = AppState::open(&ws, common::catalog(), common::today(), Lang::Vi).unwrap();
    let tea = state
        .workspace()
        .products
        .values()
        .find(|p| p.name == "Chè Shan tuyết Hồng Quang")
        .unwrap();
    assert_eq!(tea.scoring_set, NO_SET, "left unchosen as asked");
    let com = state
        .workspace()
        .products
        .values()
        .find(|p| p.name == "Cốm Hồng Quang")
        .unwrap();
    let cert = com.current().unwrap().certificate.as_ref().unwrap();
    assert_eq!((cert.star, cert.number.as_str()), (3, "77/QĐ-UBND"));
    // A product without a set is a task, not a fault: `check` is clean.
    let out = run(&["check", ws_str]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
}

#[test]
fn csv_in_every_encoding_and_xls_read_like_the_workbook() {
    // How the .xls fixture was made: OCOP_WRITE_PROVINCE=/tmp/ds.xlsx, then LibreOffice.
    if let Some(out) = std::env::var_os("OCOP_WRITE_PROVINCE") {
        write_province(Path::new(&out));
    }
    let tmp = tempfile::tempdir().unwrap();
    let csv = province_csv(',');
    let semicolon = province_csv(';');
    let tab = province_csv('\t');
    let utf8 = tmp.path().join("utf8.csv");
    std::fs::write(&utf8, &csv).unwrap();
    let bom = tmp.path().join("bom.csv");
    std::fs::write(
        &bom,
        [b"\xEF\xBB\xBF".as_slice(), semicolon.as_bytes()].concat(),
    )
    .unwrap();
    // Excel's "Unicode Text": UTF-16 little-endian with its BOM, tab-separated.
    let utf16 = tmp.path().join("unicode.txt");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(tab.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&utf16, bytes).unwrap();
    // Saved by LibreOffice as Excel 97–2003 from a workbook like write_province's
    // (tests/fixtures/import/README.md).
    let xls =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/danh-sach-2025.xls");
    for file in [&utf8, &bom, &utf16, &xls] {
        let sheet = ocop_tracker::app::spreadsheet::ImportSheet::read(file)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let table = sheet.table().unwrap();
        assert_eq!(table.layout.header_rows, 2, "{}", file.display());
        assert_eq!(
            table.layout.headings.get(8).map(String::as_str),
            Some("Quyết định công nhận – Ngày"),
            "{}",
            file.display()
        );
        let workspace = ocop_tracker::domain::model::Workspace::default();
        let preview = sheet.preview(
            &ocop_tracker::domain::spreadsheet::KnownProducts::of_workspace(&workspace),
            &common::catalog(),
        );
        let names: Vec<&str> = preview.good.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Thịt trâu gác bếp Bình An",
                "Rượu ngô Hồng Quang",
                "Cốm Hồng Quang"
            ],
            "{}: {:?}",
            file.display(),
            preview.bad
        );
        assert!(
            preview
                .skipped
                .iter()
                .any(|(_, r)| *r == ocop_tracker::domain::spreadsheet::SkipReason::Totals),
            "{}",
            file.display()
        );
        let meat = preview.good.first().unwrap();
        assert_eq!(meat.score, Some(78.5), "{}", file.display());
        assert_eq!(meat.certificate.as_ref().map(|c| c.star), Some(4));
    }
    // The command line reads them too (a dry run into the demo: the Cốm is already there).
    let (_demo_tmp, ws) = common::demo_copy();
    for file in [&utf16, &xls] {
        let out = run(&[
            "import",
            ws.to_str().unwrap(),
            file.to_str().unwrap(),
            "--dry-run",
        ]);
        let text = said(&out);
        assert_eq!(out.status.code(), Some(0), "{text}");
        assert!(
            text.contains("Thịt trâu gác bếp Bình An — HTX Bình An · bộ tiêu chí 8"),
            "{text}"
        );
        assert!(text.contains("trong danh mục com-hong-quang"), "{text}");
    }
}

#[test]
fn the_gui_preview_chooses_sheets_and_keeps_the_existing_product() {
    let (tmp, ws) = common::demo_copy();
    let file = tmp.path().join("Danh sách OCOP 2025.xlsx");
    write_province(&file);
    let mut harness = common::app_harness(&ws, egui::vec2(1280.0, 900.0), Lang::Vi);
    harness.state_mut().dialogs = Box::new(common::FakeDialogs {
        files: vec![file],
        ..Default::default()
    });
    harness.get_by_label("Tệp").click();
    harness.run();
    harness
        .get_by_label("Nhập danh sách sản phẩm từ Excel…")
        .click();
    harness.run();
    // The file is read on a task (the window keeps answering).
    common::wait_for_exchange(&mut harness);
    harness.get_by_label("2 sản phẩm sẽ được thêm");
    harness.get_by_label_contains("Trang tính “Lâm Bình”, tiêu đề ở dòng 5–6");
    harness.get_by_label_contains("Dòng 11: Cốm Hồng Quang");
    harness.get_by_label_contains("đề xuất 8: theo nhóm “Thực phẩm chế biến”");
    harness.get_by_label_contains("Dòng không phải sản phẩm, bỏ qua (4)");
    // To look at it: OCOP_SAVE_PROVINCE_PREVIEW=/tmp/province.png (needs a renderer).
    if let Some(out) = std::env::var_os("OCOP_SAVE_PROVINCE_PREVIEW") {
        harness.render().unwrap().save(&out).unwrap();
    }
    // The dialog's grid learns its column widths over a few frames (the app repaints on
    // every mouse move; a test steps them).
    harness.run_steps(6);
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Trang tính")
        .click();
    harness.run_steps(6);
    harness
        .get_by_label("Tất cả các trang (ghi tên trang ở từng dòng)")
        .click();
    harness.run_steps(6);
    harness.get_by_label("3 sản phẩm sẽ được thêm");
    harness.get_by_label_contains("Na Hang, dòng 9: Khăn thổ cẩm Na Hang");
    harness.get_by_label("Nhập 3").click();
    harness.run();
    let state = harness.state().state.as_ref().unwrap();
    assert_eq!(state.workspace().products.len(), 5);
    assert_eq!(
        state
            .workspace()
            .products
            .values()
            .filter(|p| p.name == "Cốm Hồng Quang")
            .count(),
        1
    );
}

/// A product imported without a set is a task on the dashboard; its name opens the
/// product, which says what to do; the scoring tab says the same instead of a sheet.
#[test]
fn a_product_without_a_set_is_a_task_until_one_is_chosen() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = common::app_harness(&ws, egui::vec2(1280.0, 900.0), Lang::Vi);
    {
        let state = harness.state_mut().state.as_mut().unwrap();
        let template = state.catalog().current_template().unwrap().clone();
        let product = ocop_tracker::domain::demo::new_product(
            ocop_tracker::domain::model::ProductId::parse("khan-tho-cam").unwrap(),
            "Khăn thổ cẩm Na Hang",
            NO_SET,
            &template,
            2026,
        );
        state
            .apply(&ocop_tracker::command::Command::ImportProducts {
                products: vec![product],
                updated: Vec::new(),
            })
            .unwrap();
    }
    harness.run();
    harness.get_by_label_contains("1 sản phẩm chưa chọn bộ tiêu chí");
    // The task's link (the agenda lists the product's deadlines too).
    harness
        .get_all_by_role_and_label(egui::accesskit::Role::Link, "Khăn thổ cẩm Na Hang")
        .next()
        .unwrap()
        .click();
    harness.run();
    let chosen = "Sản phẩm chưa chọn bộ tiêu chí: chọn bộ ở thẻ Tổng quan của sản phẩm";
    harness.get_by_label(chosen);
    harness.get_by_label("Chấm điểm").click();
    harness.run();
    harness.get_by_label(chosen);
}

/// A disk that fills up during an import: some product files are written, the rest are
/// not. The import says how many were saved and that running it again adds the rest; the
/// run again does (the saved ones are skipped as duplicates by name). The full disk is
/// played by a file-size limit (bash's `ulimit -f`, the signal ignored so that a write
/// fails with EFBIG) between the size of the small products' files and the big one's.
#[cfg(unix)]
#[test]
fn an_import_that_cannot_write_every_product_says_how_many_were_saved() {
    let (tmp, ws) = common::demo_copy();
    let csv = tmp.path().join("danh-sach.csv");
    let long = "Thôn Nà Va ".repeat(45);
    std::fs::write(
        &csv,
        format!(
            "STT,Tên sản phẩm,Chủ thể,Xã,Địa chỉ\n1,Mật ong bạc hà,HTX Ong Lâm Bình,Bình An,Bình An\n\
             2,Miến dong {},{long},{long},{long}\n3,Chè Shan tuyết,HTX Chè Lăng Can,Lăng Can,Lăng Can\n",
            "Thổ Bình ".repeat(40)
        ),
    )
    .unwrap();
    let count = |ws: &Path| {
        AppState::open(ws, common::catalog(), common::today(), Lang::Vi)
            .unwrap()
            .workspace()
            .products
            .len()
    };
    let before = count(&ws);
    // The sizes of the three files, from the same import into a copy.
    let probe = tmp.path().join("probe");
    common::copy_dir(&ws, &probe);
    let out = run(&["import", probe.to_str().unwrap(), csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", said(&out));
    let size = |stem: &str| {
        std::fs::read_dir(probe.join("products"))
            .unwrap()
            .map(|e| e.unwrap())
            .find(|e| e.file_name().to_string_lossy().starts_with(stem))
            .map(|e| e.metadata().unwrap().len())
            .unwrap()
    };
    let small = size("mat-ong").max(size("che-shan"));
    let big = size("mien-dong");
    let blocks = u64::midpoint(small, big) / 1024;
    assert!(
        small < blocks * 1024 && blocks * 1024 < big,
        "{small} and {big} bytes: no limit between"
    );
    let limited = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "ulimit -f {blocks}; trap '' XFSZ; exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args(["import", ws.to_str().unwrap(), csv.to_str().unwrap()])
        .output()
        .unwrap();
    let text = said(&limited);
    assert!(!limited.status.success(), "{text}");
    assert!(
        text.contains("Đã lưu 2/3 sản phẩm") && text.contains("chạy lại lệnh nhập"),
        "{text}"
    );
    assert_eq!(count(&ws), before + 2);
    // Again, with room: the rest is added and nothing twice.
    let again = run(&["import", ws.to_str().unwrap(), csv.to_str().unwrap()]);
    assert_eq!(count(&ws), before + 3, "{}", said(&again));
}
