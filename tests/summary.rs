//! The commune's periodic report (issue 23, part 4): `export --summary` writes the Word
//! and the Excel file from a copy of the demo workspace, read back (the .docx's
//! document.xml, the .xlsx with calamine); bad flags are named and leave no file; the GUI
//! opens the dialog from File → Export by its labels and writes both formats;
//! LibreOffice renders both (when installed: `.ci/run` installs it and sets
//! `OCOP_REQUIRE_LIBREOFFICE=1`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use calamine::{Data, Reader};
use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use ocop_tracker::domain::model::{Certificate, ProductId};
use ocop_tracker::domain::stage::Stage;
use ocop_tracker::storage;
use ocop_tracker::text::Lang;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A copy of the demo where "Thịt trâu Bình An" won 4★ on 10/03/2026 and "Cốm Hồng
/// Quang" has no scoring set yet (set 0, as an imported row without one).
fn demo_with_a_certificate() -> (tempfile::TempDir, PathBuf) {
    let (tmp, ws) = common::demo_copy();
    let loaded = storage::load_workspace(&ws).unwrap();
    let mut thit =
        loaded.workspace.products[&ProductId::parse("thit-trau-binh-an").unwrap()].clone();
    let app = thit.current_mut().unwrap();
    app.stage = Stage::Recognised;
    app.certificate = Some(Certificate {
        star: 4,
        number: "123/QĐ-UBND".into(),
        issued_on: d(2026, 3, 10),
    });
    storage::save_product(&ws, &thit).unwrap();
    let mut com = loaded.workspace.products[&ProductId::parse("com-hong-quang").unwrap()].clone();
    com.scoring_set = 0;
    storage::save_product(&ws, &com).unwrap();
    (tmp, ws)
}

fn cli(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args(args)
        .output()
        .expect("run the binary")
}

/// `word/document.xml` of a .docx, its runs joined (for content checks).
fn docx_text(path: &Path) -> String {
    let xml = common::document_xml(&std::fs::read(path).unwrap());
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let Some((_, rest)) = piece.split_once('>') else {
            continue;
        };
        if let Some((text, _)) = rest.split_once("</w:t>") {
            out.push_str(text);
            out.push(' ');
        }
    }
    out.replace("&amp;", "&")
        .replace("&apos;", "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut workbook = calamine::open_workbook_auto(path).expect("calamine opens the report");
    let range = workbook.worksheet_range(name).expect("sheet");
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => f.to_string(),
                    Data::Int(i) => i.to_string(),
                    Data::DateTime(dt) => dt
                        .as_datetime()
                        .map(|t| t.date().format("%d/%m/%Y").to_string())
                        .unwrap_or_default(),
                    Data::Empty => String::new(),
                    other => format!("{other:?}"),
                })
                .collect()
        })
        .collect()
}

/// The row whose first non-empty cells start with `label` (in any column).
fn row_with<'a>(rows: &'a [Vec<String>], label: &str) -> &'a Vec<String> {
    rows.iter()
        .find(|r| r.iter().any(|c| c == label))
        .unwrap_or_else(|| panic!("a row “{label}” in {rows:?}"))
}

#[test]
fn cli_writes_the_word_report_in_the_decree_30_layout_with_the_counts() {
    let (tmp, ws) = demo_with_a_certificate();
    let out = tmp.path().join("bc.docx");
    let run = cli(&[
        "export",
        ws.to_str().unwrap(),
        "--summary",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--out",
        out.to_str().unwrap(),
        "--today",
        "2026-11-26",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stderr).contains("Đã xuất báo cáo"));
    let text = docx_text(&out);
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "XÃ HỒNG QUANG, BÌNH AN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: ……/BC-UBND",
        "ngày 26 tháng 11 năm 2026",
        "BÁO CÁO",
        "Kết quả thực hiện Chương trình Mỗi xã một sản phẩm (OCOP) 6 tháng đầu năm 2026",
        "1. Sản phẩm theo bước của quy trình tại ngày 30/06/2026",
        "2. Giấy chứng nhận OCOP được cấp trong kỳ",
        "123/QĐ-UBND",
        "3. Giấy chứng nhận hết hạn hoặc đến hạn đánh giá lại trong kỳ tới (từ ngày 01/07/2026 đến ngày 31/12/2026)",
        "Không có giấy chứng nhận nào hết hạn",
        "4. Sản phẩm theo bộ tiêu chí",
        "Chưa chọn bộ tiêu chí",
        "Bộ số 2: Thịt, thủy sản, trứng, sữa tươi",
        "5. Sản phẩm theo nhóm sản phẩm (Phụ lục I)",
        "I. Thực phẩm – Thực phẩm tươi sống",
        "II. ĐÁNH GIÁ CHUNG",
        "III. KHÓ KHĂN, VƯỚNG MẮC",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
        "Nơi nhận:",
        "- UBND tỉnh Tuyên Quang;",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "PHỤ LỤC",
        "Cốm Hồng Quang",
        "Thịt trâu Bình An",
    ] {
        assert!(text.contains(expected), "“{expected}” in: {text}");
    }
    // The counts: the stage table (no change log in the demo: both approximated and said
    // so), the 4★ of March as a first rating, the total of the set table.
    assert!(text.contains("Được công nhận 1"), "{text}");
    assert!(text.contains("Đã nộp UBND xã 1"), "{text}");
    assert!(text.contains("Tổng cộng 2"), "{text}");
    assert!(text.contains("(*) 2 sản phẩm"), "{text}");
    assert!(
        text.contains("4 sao 1 0 0 1"),
        "4★: first rating 1, total 1: {text}"
    );
    assert!(text.contains("3 sao 0 0 0 0"), "{text}");
    assert!(
        text.contains("4 sao (Đánh giá lần đầu) 123/QĐ-UBND 10/03/2026"),
        "{text}"
    );
    // Set 0 is "not chosen", never an error; the certified column counts the 4★.
    assert!(text.contains("Chưa chọn bộ tiêu chí 1 0"), "{text}");
    assert!(text.contains("Tổng cộng 2 1"), "{text}");
}

#[test]
fn cli_writes_the_excel_report_and_english_on_request() {
    let (tmp, ws) = demo_with_a_certificate();
    let out = tmp.path().join("bc.xlsx");
    let run = cli(&[
        "export",
        ws.to_str().unwrap(),
        "--summary",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--out",
        out.to_str().unwrap(),
        "--today",
        "2026-11-26",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let rows = sheet(&out, "Tổng hợp");
    assert!(rows[1][0].contains("6 tháng đầu năm 2026"), "{rows:?}");
    assert_eq!(row_with(&rows, "Được công nhận")[2], "1");
    assert_eq!(row_with(&rows, "Chủ thể lập hồ sơ")[2], "0");
    assert_eq!(row_with(&rows, "Đã nộp UBND xã")[2], "1");
    assert_eq!(row_with(&rows, "4 sao")[1..5], ["1", "0", "0", "1"]);
    assert_eq!(row_with(&rows, "Chưa chọn bộ tiêu chí")[2..4], ["1", "0"]);
    let new_sheet = sheet(&out, "GCN cấp trong kỳ");
    let new = row_with(&new_sheet, "123/QĐ-UBND");
    assert_eq!(new[1], "Thịt trâu Bình An");
    assert_eq!(new[5], "10/03/2026", "a real date cell");
    let annex = sheet(&out, "Phụ lục");
    assert_eq!(
        annex.len(),
        4,
        "heading, headers and two products: {annex:?}"
    );
    let thit = row_with(&annex, "Thịt trâu Bình An");
    assert_eq!(thit[5], "4 sao");
    assert_eq!(thit[7], "10/03/2029", "36 months");
    assert_eq!(row_with(&annex, "Cốm Hồng Quang")[3], "Chưa chọn");

    // English: the same report, translated (the national header as official translations
    // write it).
    let en = tmp.path().join("report.docx");
    let run = cli(&[
        "export",
        ws.to_str().unwrap(),
        "--summary",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--out",
        en.to_str().unwrap(),
        "--today",
        "2026-11-26",
        "--lang",
        "en",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = docx_text(&en);
    for expected in [
        "SOCIALIST REPUBLIC OF VIET NAM",
        "REPORT",
        "Results of the One Commune One Product (OCOP) Programme in 2026",
        // The year is not over on 26/11: the stages are today's.
        "1. Products by stage of the process on 26/11/2026",
        "Scoring set not chosen yet",
        "II. OVERALL ASSESSMENT",
    ] {
        assert!(text.contains(expected), "“{expected}” in: {text}");
    }
}

#[test]
fn bad_flags_are_named_and_leave_no_file() {
    let (tmp, ws) = common::demo_copy();
    let ws = ws.to_str().unwrap();
    let target = tmp.path().join("bc.docx");
    let out = target.to_str().unwrap();
    let pdf = tmp.path().join("bc.pdf");
    for (args, expected) in [
        (
            vec!["--from", "2026-02-30", "--to", "2026-06-30", "--out", out],
            "--from: “2026-02-30” không phải là ngày",
        ),
        (
            vec!["--from", "2026-01-01", "--to", "30/06/2026", "--out", out],
            "--to: “30/06/2026” không phải là ngày",
        ),
        (
            vec!["--from", "2026-07-01", "--to", "2026-06-30", "--out", out],
            "--to: ngày kết thúc 30/06/2026 trước ngày bắt đầu 01/07/2026",
        ),
        (
            vec![
                "--from",
                "2026-01-01",
                "--to",
                "2026-06-30",
                "--out",
                pdf.to_str().unwrap(),
            ],
            "--out: “",
        ),
        (vec!["--from", "2026-01-01", "--out", out], "cần --from"),
    ] {
        let mut all = vec!["export", ws, "--summary"];
        all.extend(args.iter().copied());
        let run = cli(&all);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{all:?}: {stderr}");
        assert!(stderr.contains(expected), "{all:?}: {stderr}");
        assert!(!target.exists() && !pdf.exists(), "{all:?} left a file");
    }
    // In English too, naming the flag.
    let run = cli(&[
        "export",
        ws,
        "--summary",
        "--from",
        "x",
        "--to",
        "2026-06-30",
        "--out",
        out,
        "--lang",
        "en",
    ]);
    assert!(String::from_utf8_lossy(&run.stderr).contains("--from: “x” is not a date"));
}

#[test]
fn the_dialog_opens_from_file_export_and_writes_both_formats() {
    let (tmp, ws) = demo_with_a_certificate();
    let word = tmp.path().join("Báo cáo.docx");
    let dialogs = common::FakeDialogs {
        save: Some(word.clone()),
        ..Default::default()
    };
    let proposed = dialogs.proposed.clone();
    let mut harness = common::app_harness(&ws, egui::vec2(1024.0, 700.0), Lang::Vi);
    harness.state_mut().dialogs = Box::new(dialogs);
    // No product is open: the report needs none.
    let open_dialog = |harness: &mut egui_kittest::Harness<'static, ocop_tracker::ui::OcopApp>| {
        harness.get_by_label("Tệp").click();
        harness.run();
        harness.get_by_label("Xuất tài liệu").click();
        harness.run();
        harness
            .get_by_label("Báo cáo kết quả thực hiện OCOP (Word, Excel)…")
            .click();
        harness.run();
        harness.get_by_label("Báo cáo kết quả thực hiện Chương trình OCOP");
    };
    open_dialog(&mut harness);
    harness.get_by_label("6 tháng đầu năm").click();
    harness.run();
    harness.get_by_label("từ ngày 01/01/2026 đến ngày 30/06/2026");
    // The officer's own words go into Part II.
    harness
        .get_by_label("Phần xã tự viết (có thể để trống, điền sau trong Word)")
        .click();
    harness.run();
    let part_ii = (Role::MultilineTextInput, "II. ĐÁNH GIÁ CHUNG");
    harness.get_by_role_and_label(part_ii.0, part_ii.1).focus();
    harness.run();
    harness
        .get_by_role_and_label(part_ii.0, part_ii.1)
        .type_text("Các chủ thể tích cực hoàn thiện hồ sơ.");
    harness.run();
    harness.get_by_label("Xuất báo cáo…").click();
    harness.run();
    // Written on a task (the progress strip), then said.
    common::wait_for_exchange(&mut harness);
    assert_eq!(
        proposed.lock().unwrap().last().map(String::as_str),
        Some("Báo cáo OCOP 6 tháng đầu năm 2026 - OCOP Lâm Bình cũ (dữ liệu mẫu).docx")
    );
    let text = docx_text(&word);
    assert!(
        text.contains("Các chủ thể tích cực hoàn thiện hồ sơ."),
        "{text}"
    );
    assert!(text.contains("6 tháng đầu năm 2026"), "{text}");
    let state = harness.state().state.as_ref().unwrap();
    assert!(
        state.messages().iter().any(|m| m.words(Lang::Vi)
            == format!("Đã xuất báo cáo: {}", word.display())
            && m.file.as_deref() == Some(word.as_path())),
        "a message that offers to open the file"
    );
    assert!(harness.state().summary.is_none(), "the dialog closed");

    // Excel, for dates typed in.
    let excel = tmp.path().join("bc.xlsx");
    harness.state_mut().dialogs = Box::new(common::FakeDialogs {
        save: Some(excel.clone()),
        proposed: proposed.clone(),
        ..Default::default()
    });
    open_dialog(&mut harness);
    harness.get_by_label("Từ ngày … đến ngày …").click();
    harness.run();
    common::type_into(&mut harness, "Đến ngày", "x");
    harness.get_by_label("Xuất báo cáo…").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Đến ngày: Ngày không hợp lệ")
            .is_some(),
        "a bad date is named, and the export waits for a good one"
    );
    assert!(harness.state().summary.is_some(), "still open");
    assert!(!excel.exists());
    harness.state_mut().summary.as_mut().unwrap().to = "31/03/2026".into();
    harness.run();
    harness.get_by_label("Excel (.xlsx)").click();
    harness.run();
    harness.get_by_label("Xuất báo cáo…").click();
    harness.run();
    // Written on a task (the progress strip), then said.
    common::wait_for_exchange(&mut harness);
    assert_eq!(
        proposed.lock().unwrap().last().map(String::as_str),
        Some("Báo cáo OCOP từ 01-01-2026 đến 31-03-2026 - OCOP Lâm Bình cũ (dữ liệu mẫu).xlsx")
    );
    let rows = sheet(&excel, "Tổng hợp");
    assert!(
        rows[1][0].contains("từ ngày 01/01/2026 đến ngày 31/03/2026"),
        "{rows:?}"
    );
    assert_eq!(row_with(&rows, "4 sao")[4], "1");
}

/// LibreOffice renders the Word report and the workbook (headless to PDF) and
/// `pdftotext` finds the header, the title and the products. Skipped with a note when
/// LibreOffice is not installed, unless `OCOP_REQUIRE_LIBREOFFICE=1`.
#[test]
#[cfg_attr(
    any(ocop_no_libreoffice, ocop_no_poppler),
    ignore = "LibreOffice or poppler-utils is not installed here (apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils); OCOP_REQUIRE_LIBREOFFICE=1 makes it a failure"
)]
fn libreoffice_renders_the_report_in_both_formats() {
    // On PATH: it starts (pdftotext has no --version; -v prints it).
    let have = |tool: &str| Process::new(tool).arg("-v").output().is_ok();
    let soffice = ["soffice", "libreoffice"].into_iter().find(|t| have(t));
    let required = std::env::var("OCOP_REQUIRE_LIBREOFFICE").is_ok_and(|v| v == "1");
    let (Some(soffice), true) = (soffice, have("pdftotext")) else {
        assert!(
            !required,
            "OCOP_REQUIRE_LIBREOFFICE=1 but libreoffice or pdftotext is missing"
        );
        eprintln!(
            "note: libreoffice or pdftotext not on PATH; the report rendering check is skipped"
        );
        return;
    };
    let (tmp, ws) = demo_with_a_certificate();
    let mut files = Vec::new();
    for ext in ["docx", "xlsx"] {
        let out = tmp.path().join(format!("bc-{ext}.{ext}"));
        let run = cli(&[
            "export",
            ws.to_str().unwrap(),
            "--summary",
            "--from",
            "2026-01-01",
            "--to",
            "2026-06-30",
            "--out",
            out.to_str().unwrap(),
            "--today",
            "2026-11-26",
        ]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        files.push(out);
    }
    common::convert_to_pdf(soffice, &files, tmp.path(), tmp.path());
    for file in &files {
        let pdf = file.with_extension("pdf");
        let text = Process::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        assert!(text.status.success(), "{} converted", pdf.display());
        // A cell's text may wrap onto lines of its own: compare with spaces collapsed.
        let text = String::from_utf8_lossy(&text.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for expected in [
            "Thịt trâu Bình An",
            "Tổng cộng",
            "Chưa chọn bộ tiêu chí",
            "4 sao",
        ] {
            assert!(
                text.contains(expected),
                "{expected} in {}: {text}",
                pdf.display()
            );
        }
        if file.extension().is_some_and(|e| e == "docx") {
            for expected in [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "BÁO CÁO",
                "ỦY BAN NHÂN DÂN",
                "Nơi nhận:",
                "PHỤ LỤC",
            ] {
                assert!(text.contains(expected), "{expected}: {text}");
            }
        } else {
            assert!(text.contains("Cốm Hồng Quang"), "the annex sheet: {text}");
        }
    }
}
