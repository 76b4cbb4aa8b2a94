//! Hostile and broken input (issue 27): spreadsheets that once aborted, panicked, hung or
//! took gigabytes now end in a clear message naming the file, bounded in memory and time,
//! with nothing written; receives and imports that went to a conflict copy say so; names
//! stay plain; the clean-up never leaves the workspace. The files are built by the tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Duration;

use ocop_tracker::storage::spreadsheet::{self, SheetLimit, SpreadsheetError};

use crate::common;

/// A sound .xlsx list of two products (rust_xlsxwriter, shared strings), dates formatted.
fn sound_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (col, head) in ["Tên sản phẩm", "Bộ tiêu chí", "Ngày cấp"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *head).unwrap();
    }
    sheet.write_string(1, 0, "Cốm Lâm Bình").unwrap();
    sheet.write_number(1, 1, 6.0).unwrap();
    sheet
        .write_number_with_format(1, 2, 46_000.0, &date)
        .unwrap();
    sheet.write_string(2, 0, "Mật ong bạc hà").unwrap();
    sheet.write_number(2, 1, 8.0).unwrap();
    book.save(path).unwrap();
}

/// `from` with its entry `name` rewritten by `change`, written to `to`.
fn tamper(from: &Path, to: &Path, name: &str, change: &dyn Fn(String) -> String) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let entry_name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if entry_name == name {
            bytes = change(String::from_utf8(bytes).unwrap()).into_bytes();
        }
        out.start_file(entry_name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

const SHEET: &str = "xl/worksheets/sheet1.xml";

/// A minimal .ods whose table is `rows` (raw `<table:table-row>` elements).
fn ods(path: &Path, rows: &str) {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    out.start_file(
        "META-INF/manifest.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    out.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    out.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    out.write_all(content.as_bytes()).unwrap();
    out.finish().unwrap();
}

fn text_cell(text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

const ODS_HEADER: &str = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Tên sản phẩm</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Bộ tiêu chí</text:p></table:table-cell></table:table-row>"#;

/// Reads `path` on a thread and gives up after 60 s: a hang is a failure, not a stuck
/// test run.
fn read_bounded(path: &Path) -> Result<spreadsheet::SpreadsheetError, usize> {
    let shown = path.display().to_string();
    let path = path.to_owned();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = spreadsheet::read_workbook(&path);
        let _ = tx.send(result.map(|sheets| sheets.iter().map(|s| s.rows.len()).sum::<usize>()));
    });
    match rx
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|timeout| panic!("reading {shown} did not end within 60 s ({timeout})"))
    {
        Ok(rows) => Err(rows),
        Err(err) => Ok(err),
    }
}

fn refused(path: &Path) -> SpreadsheetError {
    // `OCOP_SAVE_HOSTILE=DIR` keeps each hostile file (the fuzz corpus was seeded so).
    if let Some(dir) = std::env::var_os("OCOP_SAVE_HOSTILE") {
        let name = format!("sheet-{}", path.file_name().unwrap().to_string_lossy());
        std::fs::copy(path, Path::new(&dir).join(name)).unwrap();
    }
    match read_bounded(path) {
        Ok(err) => {
            let message = ocop_tracker::text::spreadsheet_error(&err, ocop_tracker::text::Lang::Vi);
            assert!(
                message.contains(&path.display().to_string()),
                "the file is named: {message}"
            );
            err
        }
        Err(rows) => panic!("{} was read ({rows} rows)", path.display()),
    }
}

#[test]
fn sound_files_still_read() {
    let tmp = tempfile::tempdir().unwrap();
    let xlsx = tmp.path().join("ds.xlsx");
    sound_xlsx(&xlsx);
    let sheet = spreadsheet::read_workbook(&xlsx).unwrap().remove(0);
    assert_eq!(sheet.rows.len(), 3);
    assert_eq!(
        sheet.rows[1][2],
        ocop_tracker::domain::spreadsheet::Cell::Date(
            chrono::NaiveDate::from_ymd_opt(2025, 12, 9).unwrap()
        )
    );
    // An .ods with the empty rows and cells an office program repeats to the sheet's end.
    let path = tmp.path().join("ds.ods");
    let rows = format!(
        "{ODS_HEADER}<table:table-row>{}{}</table:table-row><table:table-row table:number-rows-repeated=\"1048573\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>",
        text_cell("Cốm"),
        text_cell("6")
    );
    ods(&path, &rows);
    match read_bounded(&path) {
        Err(rows) => assert!(rows >= 2, "{rows}"),
        Ok(err) => panic!("refused: {err}"),
    }
}

#[test]
fn far_cells_huge_string_tables_and_wild_dates_end_in_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    let sound = tmp.path().join("sound.xlsx");
    sound_xlsx(&sound);
    let put = |name: &str, change: &dyn Fn(String) -> String| -> PathBuf {
        let path = tmp.path().join(name);
        tamper(&sound, &path, SHEET, change);
        path
    };
    // One value in the last cell of the sheet: was a 549 GB allocation and an abort.
    let last = put("last-cell.xlsx", &|xml| {
        xml.replace(
            "</sheetData>",
            r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#,
        )
    });
    assert!(matches!(
        refused(&last),
        SpreadsheetError::TooLarge { limit: SheetLimit::CellTooFar(cell), .. } if cell == "XFD1048576"
    ));
    // A value at CV100000: was 560 MB.
    let far = put("cv.xlsx", &|xml| {
        xml.replace(
            "</sheetData>",
            r#"<row r="100000"><c r="CV100000"><v>1</v></c></row></sheetData>"#,
        )
    });
    refused(&far);
    // A reference too long for a number: was a 116 GB allocation (and an overflow).
    let wild = put("wild-ref.xlsx", &|xml| {
        xml.replace(
            "</sheetData>",
            r#"<row r="99999999999"><c r="A99999999999"><v>1</v></c></row></sheetData>"#,
        )
    });
    refused(&wild);
    // A shared-string table declaring a trillion strings: was an abort.
    let strings = tmp.path().join("sst.xlsx");
    tamper(&sound, &strings, "xl/sharedStrings.xml", &|xml| {
        let at = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = at + xml[at..].find('"').unwrap();
        format!("{}999999999999{}", &xml[..at], &xml[end..])
    });
    assert!(matches!(
        refused(&strings),
        SpreadsheetError::TooLarge {
            limit: SheetLimit::TooManyStrings(999_999_999_999),
            ..
        }
    ));
    // A date-formatted cell holding -1e308: was a panic in the date conversion. Read, and
    // the date is kept as the number it is (the import then names the bad date).
    let date = put("date.xlsx", &|xml| {
        let at = xml.find("<c r=\"C2\"").unwrap();
        let v = at + xml[at..].find("<v>").unwrap() + 3;
        let end = v + xml[v..].find("</v>").unwrap();
        format!("{}-1e308{}", &xml[..v], &xml[end..])
    });
    let sheet = spreadsheet::read_workbook(&date).unwrap().remove(0);
    assert_eq!(
        sheet.rows[1][2],
        ocop_tracker::domain::spreadsheet::Cell::Number(-1e308)
    );
}

#[test]
fn more_than_fifty_thousand_rows_are_refused_with_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let sound = tmp.path().join("sound.xlsx");
    sound_xlsx(&sound);
    let many = tmp.path().join("many.xlsx");
    tamper(&sound, &many, SHEET, &|xml| {
        let mut rows = String::new();
        for r in 4..=51_100 {
            rows.push_str(&format!(r#"<row r="{r}"><c r="B{r}"><v>6</v></c></row>"#));
        }
        xml.replace("</sheetData>", &format!("{rows}</sheetData>"))
    });
    let err = refused(&many);
    assert!(matches!(
        err,
        SpreadsheetError::TooLarge {
            limit: SheetLimit::TooManyRows(_),
            ..
        }
    ));
    let message = ocop_tracker::text::spreadsheet_error(&err, ocop_tracker::text::Lang::Vi);
    assert!(message.contains("hơn 50000 dòng"), "{message}");
}

#[test]
fn a_cut_short_or_repeated_ods_ends_in_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    // content.xml cut after the last row (a broken download): was an endless loop.
    let cut = tmp.path().join("cut.ods");
    ods(
        &cut,
        &format!(
            "{ODS_HEADER}<table:table-row>{}</table:table-row>",
            text_cell("Cốm")
        ),
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&cut).unwrap()).unwrap();
    let mut content = String::new();
    zip.by_name("content.xml")
        .unwrap()
        .read_to_string(&mut content)
        .unwrap();
    drop(zip);
    let short = content[..content.find("</table:table>").unwrap()].to_owned();
    let cut_path = tmp.path().join("cut-short.ods");
    tamper(&cut, &cut_path, "content.xml", &|_| short.clone());
    let err = refused(&cut_path);
    assert!(matches!(err, SpreadsheetError::Damaged { .. }), "{err}");
    // A row with a value repeated a billion times: was 1.4 GB and 20 s.
    let repeated = tmp.path().join("repeated.ods");
    ods(
        &repeated,
        &format!(
            "{ODS_HEADER}<table:table-row table:number-rows-repeated=\"1000000000\">{}{}</table:table-row>",
            text_cell("Cốm"),
            text_cell("6")
        ),
    );
    assert!(matches!(
        refused(&repeated),
        SpreadsheetError::TooLarge {
            limit: SheetLimit::TooManyRows(_),
            ..
        }
    ));
}

/// The command line says the same and changes nothing (exit 2, no abort).
#[test]
fn cli_import_of_a_hostile_file_exits_2_and_writes_nothing() {
    let (tmp, ws) = common::demo_copy();
    let sound = tmp.path().join("sound.xlsx");
    sound_xlsx(&sound);
    let last = tmp.path().join("last.xlsx");
    tamper(&sound, &last, SHEET, &|xml| {
        xml.replace(
            "</sheetData>",
            r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#,
        )
    });
    let before = crate::exchange::snapshot(&ws);
    for dry in [true, false] {
        let mut cmd = Process::new(env!("CARGO_BIN_EXE_ocop-tracker"));
        cmd.args(["import", ws.to_str().unwrap(), last.to_str().unwrap()]);
        if dry {
            cmd.arg("--dry-run");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("XFD1048576"), "{stderr}");
    }
    assert_eq!(crate::exchange::snapshot(&ws), before, "nothing written");
}

/// A receive whose product file changed on disk after the workspace was read writes a
/// conflict copy (nothing overwritten) and the state names it: the command line then
/// reports the conflict and exits 1 instead of "received" (`cli::conflicts_written`).
#[test]
fn a_receive_that_became_a_conflict_copy_is_named() {
    use ocop_tracker::storage::ConflictTool;
    let tmp = tempfile::tempdir().unwrap();
    let producer_dir = crate::exchange::producer_workspace(tmp.path());
    let mut producer = crate::exchange::open(&producer_dir);
    producer
        .apply(&ocop_tracker::command::Command::SetText {
            id: crate::exchange::id(crate::exchange::COM),
            field: ocop_tracker::command::TextField::Description,
            value: "Cốm non, túi 200 g và hộp quà 500 g.".into(),
        })
        .unwrap();
    assert!(producer.flush());
    let bundle = tmp.path().join("htx.ocop.zip");
    crate::exchange::export(&producer, crate::exchange::COM, &bundle);
    drop(producer);
    let (_demo, commune_dir) = common::demo_copy();
    let mut commune = crate::exchange::open(&commune_dir);
    // Another officer (or a sync tool) changes the file after it was read.
    let file = commune_dir.join("products/com-hong-quang.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("Sản phẩm mẫu", "Sản phẩm mẫu (sửa ở máy khác)", 1),
    )
    .unwrap();
    let before = commune.conflicts().len();
    commune
        .import_bundle(
            &bundle,
            None,
            &mut |_, _| {},
            &std::sync::atomic::AtomicBool::new(false),
        )
        .unwrap();
    commune.flush();
    let new: Vec<_> = commune.conflicts().iter().skip(before).collect();
    assert_eq!(new.len(), 1, "{:?}", commune.conflicts());
    assert_eq!(new[0].tool, ConflictTool::ThisApp);
    assert!(new[0].path.exists());
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("(sửa ở máy khác)"),
        "the other officer's file is not overwritten"
    );
}

/// A bundle whose product `check` would reject is refused by `receive`, each problem
/// named, nothing written (issue 27, item 7): an answer past its criterion's options and a
/// criterion the set does not have.
#[test]
fn receive_refuses_a_product_check_would_reject() {
    let tmp = tempfile::tempdir().unwrap();
    let producer_dir = crate::exchange::producer_workspace(tmp.path());
    let file = producer_dir.join("products/com-hong-quang.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let bad = text.replacen("\"1.2\": Chosen(", "\"9.9\": Chosen(", 1);
    // The first answer's option index made 65535.
    let at = bad.find("option: ").unwrap() + "option: ".len();
    let end = at + bad[at..].find(|c: char| !c.is_ascii_digit()).unwrap();
    let bad = format!("{}65535{}", &bad[..at], &bad[end..]);
    std::fs::write(&file, bad).unwrap();
    let producer = crate::exchange::open(&producer_dir);
    let bundle = tmp.path().join("bad.ocop.zip");
    crate::exchange::export(&producer, crate::exchange::COM, &bundle);
    drop(producer);
    let (_demo, commune_dir) = common::demo_copy();
    let before = crate::exchange::snapshot(&commune_dir);
    let out = Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args([
            "receive",
            commune_dir.to_str().unwrap(),
            bundle.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("phương án 65536"), "{said}");
    assert!(
        said.contains("tiêu chí “9.9” không có trong bộ 6"),
        "{said}"
    );
    assert_eq!(
        crate::exchange::snapshot(&commune_dir),
        before,
        "nothing written"
    );
}

/// `bundle` without `--out` names the file after the product: another product of the same
/// name never silently replaces the first one's bundle (issue 27, item 6); and a name
/// with a right-to-left override or invisible characters never reaches a file name.
#[test]
fn a_bundle_of_another_product_is_never_overwritten_and_names_stay_plain() {
    let (tmp, ws) = common::demo_copy();
    let mut state = crate::exchange::open(&ws);
    let twin = state.free_product_id("Cốm Hồng Quang");
    state
        .apply(&ocop_tracker::command::Command::AddProduct {
            id: twin.clone(),
            name: "Cốm Hồng Quang".into(),
            scoring_set: 6,
            year: 2026,
        })
        .unwrap();
    let sneaky = state.free_product_id("Cốm gpj");
    state
        .apply(&ocop_tracker::command::Command::AddProduct {
            id: sneaky.clone(),
            name: "Cốm\u{202E}gpj.exe\u{200B}".into(),
            scoring_set: 6,
            year: 2026,
        })
        .unwrap();
    assert!(state.flush());
    drop(state);
    let cwd = tmp.path().join("out");
    std::fs::create_dir(&cwd).unwrap();
    let bundle = |id: &str| {
        Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
            .current_dir(&cwd)
            .args(["bundle", ws.to_str().unwrap(), "--product", id])
            .output()
            .unwrap()
    };
    assert!(bundle("com-hong-quang").status.success());
    let first = std::fs::read(cwd.join("Cốm Hồng Quang.ocop.zip")).unwrap();
    let out = bundle(twin.as_str());
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("sản phẩm khác cùng tên"),
        "{out:?}"
    );
    assert_eq!(
        std::fs::read(cwd.join("Cốm Hồng Quang.ocop.zip")).unwrap(),
        first
    );
    // Again for the same product: its own bundle is replaced, as asked.
    assert!(bundle("com-hong-quang").status.success());
    // The disguised name: the file name holds no override or zero-width character.
    assert!(bundle(sneaky.as_str()).status.success());
    let names: Vec<String> = std::fs::read_dir(&cwd)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names.contains(&"Cốmgpj.exe.ocop.zip".to_owned()),
        "{names:?}"
    );
    assert!(
        names.iter().all(|n| !n
            .chars()
            .any(ocop_tracker::domain::filename::is_hidden_format)),
        "{names:?}"
    );
}

/// An export killed half-way leaves its temp file beside the target; the next export to
/// that folder removes it (the app's own pattern, older than a minute), and never one of
/// another export still under way (issue 27, item 5).
#[test]
fn the_next_export_removes_an_interrupted_exports_temp_file() {
    let (tmp, ws) = common::demo_copy();
    let out = tmp.path().join("Desktop");
    std::fs::create_dir(&out).unwrap();
    let stale = out.join(".Cốm Hồng Quang.ocop.zip.0123456789abcdef.tmp");
    let fresh = out.join(".Thịt trâu.ocop.zip.fedcba9876543210.tmp");
    let theirs = out.join(".something-else.tmp");
    for path in [&stale, &fresh, &theirs] {
        std::fs::write(path, vec![0_u8; 4096]).unwrap();
    }
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(600))
        .unwrap();
    std::fs::File::options()
        .write(true)
        .open(&theirs)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(600))
        .unwrap();
    let status = Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args([
            "bundle",
            ws.to_str().unwrap(),
            "--product",
            "com-hong-quang",
            "--out",
            out.join("Cốm Hồng Quang.ocop.zip").to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        !stale.exists(),
        "the interrupted export's temp file is gone"
    );
    assert!(
        fresh.exists(),
        "a temp file under a minute old may be another export's"
    );
    assert!(theirs.exists(), "another program's file is never touched");
}

/// Messages say it in the user's language (issue 27, item 8): a product file whose id is
/// not its name, two files claiming one id, a refused write.
#[test]
fn storage_messages_are_vietnamese_in_vietnamese() {
    let (_tmp, ws) = common::demo_copy();
    std::fs::copy(
        ws.join("products/com-hong-quang.ron"),
        ws.join("products/com-ban-sao.ron"),
    )
    .unwrap();
    let out = Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args(["check", ws.to_str().unwrap()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("mã ghi trong tệp là “com-hong-quang” nhưng tên tệp là “com-ban-sao”"),
        "{said}"
    );
    assert!(!said.contains("the id inside"), "{said}");
    let refused = ocop_tracker::storage::StorageError::Refused {
        reason: ocop_tracker::storage::WhyRefused::TargetIsFolder,
        path: ws.clone(),
    };
    let text = ocop_tracker::text::storage_error(&refused, ocop_tracker::text::Lang::Vi);
    assert!(text.contains("nơi ghi là một thư mục"), "{text}");
}

/// An unreferenced evidence file, stored under its SHA-256, last modified 30 days ago.
fn old_unused_evidence(ws: &Path) -> String {
    let source = ws.join("lạ.txt");
    std::fs::write(&source, b"minh chung khong ai dung").unwrap();
    let imported = ocop_tracker::storage::evidence::import_file(
        ws,
        &source,
        &mut |_| {},
        &std::sync::atomic::AtomicBool::new(false),
    )
    .unwrap();
    std::fs::remove_file(&source).unwrap();
    common::age_evidence(ws, &imported.stored_path, 30);
    imported.stored_path
}

/// The clean-up never follows a link under `trash/` (issue 27, item 4): a linked
/// `trash/evidence/` once moved evidence out of the workspace.
#[cfg(unix)]
#[test]
fn clean_up_never_moves_evidence_through_a_linked_trash() {
    let (tmp, ws) = common::demo_copy();
    let stored = old_unused_evidence(&ws);
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::create_dir_all(ws.join("trash")).unwrap();
    std::os::unix::fs::symlink(&outside, ws.join("trash/evidence")).unwrap();
    let out = Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args(["gc", ws.to_str().unwrap()])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        std::fs::read_dir(&outside).unwrap().count(),
        0,
        "nothing moved outside"
    );
    assert!(ws.join(&stored).is_file(), "the file stays where it was");
}

/// A product in the trash written by a newer version keeps the evidence any field of it
/// names, also a field this build does not know; `check` points at a file the clean-up
/// moved; a grace under 7 days is said (issue 27, item 4).
#[test]
fn clean_up_counts_every_reference_and_check_points_at_the_trash() {
    let (_tmp, ws) = common::demo_copy();
    let stored = old_unused_evidence(&ws);
    let sha = stored
        .rsplit('/')
        .next()
        .unwrap()
        .split('.')
        .next()
        .unwrap()
        .to_owned();
    // A newer version's product in the trash naming it in an unknown field.
    let product = std::fs::read_to_string(ws.join("products/thit-trau-binh-an.ron")).unwrap();
    let newer = product
        .replacen("schema_version: 4", "schema_version: 9", 1)
        .replacen(
            "name: \"Thịt trâu Bình An\",",
            &format!("name: \"Thịt trâu Bình An\",\n        future_photos: [\"{sha}\"],"),
            1,
        );
    std::fs::create_dir_all(ws.join("trash")).unwrap();
    std::fs::write(
        ws.join("trash/thit-trau-binh-an.20261205-090000.ron"),
        newer,
    )
    .unwrap();
    let gc = |extra: &[&str]| {
        let mut args = vec!["gc", ws.to_str().unwrap()];
        args.extend_from_slice(extra);
        Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
            .args(&args)
            .output()
            .unwrap()
    };
    let out = gc(&["--grace-days", "0"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("thời gian chờ ngắn hơn 7 ngày"),
        "a short grace is said: {out:?}"
    );
    assert!(
        ws.join(&stored).is_file(),
        "named by the trashed product: kept"
    );
    // Without that reference it goes, and check then says where it is.
    std::fs::remove_file(ws.join("trash/thit-trau-binh-an.20261205-090000.ron")).unwrap();
    // A product that still wants it (its reference added by hand, as a sync would bring).
    let com = ws.join("products/com-hong-quang.ron");
    assert!(gc(&[]).status.success());
    assert!(!ws.join(&stored).exists(), "moved to the trash");
    let text = std::fs::read_to_string(&com).unwrap();
    let attached = text.replacen(
        "attachments: [",
        &format!(
            "attachments: [\n                        Attachment(sha256: \"{sha}\", file_name: \"lạ.txt\", size_bytes: 24, stored_path: \"{stored}\", added_at: \"2026-11-01T09:00:00\"),"
        ),
        1,
    );
    std::fs::write(&com, attached).unwrap();
    let out = Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args(["check", ws.to_str().unwrap()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("tệp đang ở thùng rác"), "{said}");
}

/// Read-only commands do not take the workspace's per-PC lock (issue 27, item 8): a
/// window opening the folder meanwhile is not told it is "open elsewhere".
#[test]
fn calendar_and_export_read_without_taking_the_lock() {
    let (tmp, ws) = common::demo_copy();
    let lock = ws.join(".ocop-tracker.lock");
    let _ = std::fs::remove_file(&lock);
    let out = tmp.path().join("lich.ics");
    for args in [
        vec![
            "calendar",
            ws.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        vec![
            "export",
            ws.to_str().unwrap(),
            "--product",
            "com-hong-quang",
            "--form",
            "01",
            "--out",
            tmp.path().join("m01.docx").to_str().unwrap(),
        ],
    ] {
        let status = Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
            .args(&args)
            .status()
            .unwrap();
        assert!(status.success(), "{args:?}");
    }
    assert!(out.is_file() && tmp.path().join("m01.docx").is_file());
    assert!(!lock.exists(), "no lock taken by a read-only command");
}

/// An .xls whose records declare or hold cells far away is refused before the reader
/// parses it (the reader reserves room for every sheet's declared area when it opens the
/// file: a 4-billion-row declaration would be an allocation that ends the program), and a
/// compound file without a workbook stream is refused as damaged. The sound file reads.
#[test]
fn a_hostile_xls_is_refused_before_the_reader_reserves_room() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/danh-sach-2025.xls");
    let sound = std::fs::read(&fixture).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let find = |bytes: &[u8], needle: &[u8]| {
        bytes
            .windows(needle.len())
            .position(|w| w == needle)
            .expect("record in the fixture")
    };
    let write = |name: &str, patch: &dyn Fn(&mut Vec<u8>)| {
        let mut bytes = sound.clone();
        patch(&mut bytes);
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    // DIMENSIONS (0x0200, 14 bytes): rwMac is the u32 at +8 from the record's start.
    let dims = find(&sound, b"\x00\x02\x0e\x00");
    let huge = write("huge.xls", &|b| {
        b[dims + 8..dims + 12].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes())
    });
    let far = write("far.xls", &|b| {
        b[dims + 8..dims + 12].copy_from_slice(&65_000u32.to_le_bytes())
    });
    // A LABELSST cell (0x00FD, 10 bytes) moved to row 65,000.
    let label = find(&sound, b"\xfd\x00\x0a\x00");
    let cell = write("cell.xls", &|b| {
        b[label + 4..label + 6].copy_from_slice(&65_000u16.to_le_bytes())
    });
    // The directory entry's name "Workbook" (UTF-16) renamed.
    let name: Vec<u8> = "Workbook"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let entry = find(&sound, &name);
    let nameless = write("nameless.xls", &|b| b[entry] = b'X');
    for path in [&huge, &far, &cell] {
        assert!(
            matches!(refused(path), SpreadsheetError::TooLarge { .. }),
            "{}",
            path.display()
        );
    }
    assert!(matches!(
        refused(&nameless),
        SpreadsheetError::Damaged { .. }
    ));
    let sheets = spreadsheet::read_workbook(&fixture).unwrap();
    assert_eq!(sheets.len(), 3, "two districts and the notes");
}

/// The window's clean-up: the scan and the move run on tasks (a progress strip, the window
/// answering), the plan names the unused file, and confirming moves it to the trash and
/// says so.
#[test]
fn the_windows_clean_up_scans_and_moves_on_tasks() {
    use egui_kittest::kittest::Queryable;
    let (_tmp, ws) = common::demo_copy();
    let stored = old_unused_evidence(&ws);
    let mut harness =
        common::app_harness(&ws, egui::vec2(1024.0, 700.0), ocop_tracker::text::Lang::Vi);
    harness.get_by_label("Tệp").click();
    harness.run();
    harness
        .get_by_label("Dọn tài liệu minh chứng không dùng…")
        .click();
    harness.run();
    common::wait_for_exchange(&mut harness);
    match &harness.state().dialog {
        Some(ocop_tracker::ui::Dialog::CleanUp { orphans }) => {
            assert_eq!(orphans, &vec![stored.clone()]);
        }
        other => panic!("the plan is shown: {other:?}"),
    }
    assert!(
        ws.join(&stored).is_file(),
        "nothing moved before the confirmation"
    );
    harness
        .get_by_label("Chuyển các tệp này vào thùng rác (trash/evidence)")
        .click();
    harness.run();
    common::wait_for_exchange(&mut harness);
    assert!(!ws.join(&stored).exists(), "moved");
    let name = stored.rsplit('/').next().unwrap();
    assert!(
        walk(&ws.join("trash/evidence"))
            .iter()
            .any(|p| p.ends_with(name)),
        "in the trash"
    );
    harness.get_by_label_contains("Đã chuyển tệp không dùng vào trash/evidence");
}

fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path.to_string_lossy().into_owned());
        }
    }
    found
}
