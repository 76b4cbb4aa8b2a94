//! The dossier to print (issue 24): one PDF with a cover, the contents with each
//! document's first page, every evidence file in the dossier list's order, a footer
//! "Trang x/y" on every page, and the file index; bad evidence gets a page saying why.
//! Read back with poppler (`pdfinfo`, `pdftotext`), skipped with a note when it is
//! missing unless `OCOP_REQUIRE_LIBREOFFICE=1` (CI installs it with LibreOffice).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::path::Path;
use std::process::{Command as Process, Output};
use std::sync::atomic::AtomicBool;

use egui_kittest::kittest::Queryable;
use ocop_tracker::app::AppState;
use ocop_tracker::command::Command;
use ocop_tracker::domain::model::ProductId;
use ocop_tracker::storage::evidence;
use ocop_tracker::text::Lang;

fn run(args: &[&str]) -> Output {
    common::run_bin(args)
}

fn said(out: &Output) -> String {
    common::said(out)
}

/// Whether poppler's tools are here; when not, says so (and fails if required).
fn poppler() -> bool {
    let here = Process::new("pdftotext").arg("-v").output().is_ok();
    if !here {
        assert!(
            std::env::var_os("OCOP_REQUIRE_LIBREOFFICE").is_none(),
            "pdftotext is required here"
        );
        eprintln!("SKIPPED: poppler-utils (pdftotext) not installed");
    }
    here
}

/// The text of each page of `pdf`.
fn pages_text(pdf: &Path) -> Vec<String> {
    let out = Process::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext: {}", said(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Attaches `files` (name, bytes) to document `key` of `id` in the workspace `ws`.
fn attach(ws: &Path, id: &str, key: &str, files: &[(&str, Vec<u8>)]) {
    let mut state = AppState::open(ws, common::catalog(), common::today(), Lang::Vi).expect("open");
    let sources = tempfile::tempdir().unwrap();
    let mut attachments = Vec::new();
    for (name, bytes) in files {
        let path = sources.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let imported =
            evidence::import_file(ws, &path, &mut |_| {}, &AtomicBool::new(false)).unwrap();
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        attachments.push(imported.to_attachment(at));
    }
    state
        .apply(&Command::Attach {
            id: ProductId::parse(id).unwrap(),
            key: key.to_owned(),
            attachments,
        })
        .unwrap();
    assert!(state.flush());
}

/// `export WS --product com-hong-quang --form dossier --out PDF`, which must succeed.
fn export_dossier(ws: &Path, pdf: &Path) -> Output {
    let out = run(&[
        "export",
        ws.to_str().unwrap(),
        "--product",
        "com-hong-quang",
        "--form",
        "dossier",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", said(&out));
    out
}

/// The first ready document of the demo's Cốm Hồng Quang that has files.
fn ready_entry(ws: &Path) -> ocop_tracker::domain::dossier::DossierEntry {
    let state = AppState::open(ws, common::catalog(), common::today(), Lang::Vi).unwrap();
    let product = state
        .workspace()
        .products
        .get(&ProductId::parse("com-hong-quang").unwrap())
        .unwrap();
    product
        .current()
        .unwrap()
        .dossier
        .iter()
        .find(|e| {
            e.status == ocop_tracker::domain::dossier::DocStatus::Ready && !e.attachments.is_empty()
        })
        .expect("a ready document with files in the demo")
        .clone()
}

#[test]
#[cfg_attr(
    ocop_no_poppler,
    ignore = "poppler-utils (pdftotext) is not installed here (apt-get install -y poppler-utils); OCOP_REQUIRE_LIBREOFFICE=1 makes it a failure"
)]
fn the_demo_dossier_prints_with_contents_footers_and_the_file_index() {
    let (tmp, ws) = common::demo_copy();
    let ws_str = ws.to_str().unwrap();
    // A PDF among the evidence (the app's own status report), to see its text kept.
    let report = tmp.path().join("report.pdf");
    let out = run(&[
        "export",
        ws_str,
        "--product",
        "com-hong-quang",
        "--form",
        "report",
        "--out",
        report.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", said(&out));
    let ready_key = ready_entry(&ws).key;
    let mut files = vec![("Báo cáo tình trạng.pdf", std::fs::read(&report).unwrap())];
    // The same page turned a quarter (/Rotate 90, as a scanner or a viewer saves it).
    let rotated = tmp.path().join("rotated.pdf");
    let qpdf = Process::new("qpdf")
        .arg(&report)
        .arg("--rotate=+90:1")
        .arg(&rotated)
        .output();
    if qpdf.is_ok_and(|o| o.status.success()) {
        files.push(("Bản quét xoay.pdf", std::fs::read(&rotated).unwrap()));
    }
    attach(&ws, "com-hong-quang", &ready_key, &files);

    let pdf = tmp.path().join("ho-so.pdf");
    let out = export_dossier(&ws, &pdf);
    assert!(said(&out).contains("Đã xuất hồ sơ để in"), "{}", said(&out));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    if !poppler() {
        return;
    }
    let pages = pages_text(&pdf);
    let total = pages.len();
    assert!(
        total >= 5,
        "cover, contents, evidence, index: {total} pages"
    );
    // Every page: "Trang x/y" through the whole dossier.
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Trang {}/{total}", i + 1)),
            "page {}: {page}",
            i + 1
        );
    }
    assert!(pages[0].contains("HỒ SƠ ĐĂNG KÝ ĐÁNH GIÁ"), "{}", pages[0]);
    assert!(pages[0].contains("SẢN PHẨM OCOP"), "{}", pages[0]);
    assert!(pages[0].contains("Cốm Hồng Quang"));
    assert!(pages[1].contains("Mục lục hồ sơ"));
    assert!(
        pages[1].contains("chưa có"),
        "documents not ready are listed as such"
    );
    // The contents' page numbers: each printed document's name is in the footer of the
    // page the contents give.
    let state = AppState::open(&ws, common::catalog(), common::today(), Lang::Vi).unwrap();
    let request = state
        .print_request(&ProductId::parse("com-hong-quang").unwrap())
        .unwrap();
    let mut checked = 0;
    let start = |name: &str, chars: usize| name.chars().take(chars).collect::<String>();
    for document in request.documents.iter().filter(|d| d.included) {
        let line = pages[1]
            .lines()
            .find(|l| l.contains(&start(&document.name_vi, 25)))
            .unwrap_or_else(|| panic!("{} in the contents", document.name_vi));
        let first: usize = line
            .split_whitespace()
            .last()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a page number in “{line}”"));
        // That page's footer names the document, with that page number.
        let footer = pages[first - 1]
            .lines()
            .rev()
            .find(|l| l.contains("Trang"))
            .unwrap_or_default();
        assert!(
            footer.contains(&start(&document.name_vi, 15))
                && footer.contains(&format!("Trang {first}/{total}")),
            "“{}” starts on page {first}: {footer}",
            document.name_vi
        );
        checked += 1;
    }
    assert!(checked >= 2, "{checked} documents checked");
    // The file index is the contents' last line, with the page it starts on.
    let index_line = pages[1]
        .lines()
        .find(|l| l.contains("Danh mục tệp điện tử"))
        .expect("the file index in the contents");
    let index_first: usize = index_line
        .split_whitespace()
        .last()
        .and_then(|n| n.parse().ok())
        .expect("its page");
    assert!(pages[index_first - 1].contains("Danh mục tệp điện tử"));
    assert!(
        pages[index_first - 1..]
            .iter()
            .all(|p| p.contains("SHA-256"))
    );
    // The embedded PDF keeps its text, also when its page is rotated.
    assert!(
        pages.iter().any(|p| p.contains("Tình trạng sản phẩm OCOP")),
        "the status report's text is in the dossier"
    );
    if files.len() > 1 {
        let turned: Vec<&String> = pages
            .iter()
            .filter(|p| p.contains("Bản quét xoay.pdf") && p.contains("Trang"))
            .collect();
        assert!(!turned.is_empty(), "the rotated page is printed");
        // pdftotext reads the turned text as text (not an image of it).
        assert!(
            turned.iter().any(|p| p.contains("OCOP")),
            "the rotated page keeps its text: {turned:?}"
        );
    }
    if let Some(keep) = std::env::var_os("OCOP_TEST_KEEP_PDF") {
        std::fs::copy(&pdf, keep).unwrap();
    }
    // The file index: every printed file with the size and SHA-256 that the bundle's
    // manifest gives for it (the electronic set made from the same workspace).
    let index: String = pages[total - 1..].join("\n");
    assert!(index.contains("Danh mục tệp điện tử"));
    let bundle = tmp.path().join("ho-so.ocop.zip");
    let out = run(&[
        "bundle",
        ws_str,
        "--product",
        "com-hong-quang",
        "--out",
        bundle.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", said(&out));
    let verified =
        ocop_tracker::storage::bundle::verify(&bundle, &mut |_, _| {}, &AtomicBool::new(false))
            .unwrap();
    let mut matched = 0;
    for document in request.documents.iter().filter(|d| d.included) {
        for file in &document.attachments {
            let entry = verified
                .manifest
                .files
                .iter()
                .find(|f| f.sha256 == file.sha256)
                .unwrap_or_else(|| panic!("{} in the bundle's manifest", file.file_name));
            assert!(
                index.contains(&entry.sha256)
                    && index.contains(&format!("{} byte", entry.size_bytes)),
                "{}: the manifest's size {} and SHA-256 in the index",
                file.file_name,
                entry.size_bytes
            );
            matched += 1;
        }
    }
    assert!(matched >= 2, "{matched} files matched");
    for document in request.documents.iter().filter(|d| d.included) {
        for file in &document.attachments {
            assert!(
                pages.iter().any(|p| p.contains(&file.sha256)),
                "{} listed with its SHA-256",
                file.file_name
            );
        }
    }
    if Process::new("qpdf").arg("--version").output().is_ok() {
        let check = Process::new("qpdf")
            .arg("--check")
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(check.status.success(), "qpdf --check: {}", said(&check));
    }
}

#[test]
#[cfg_attr(
    ocop_no_poppler,
    ignore = "poppler-utils (pdftotext) is not installed here (apt-get install -y poppler-utils); OCOP_REQUIRE_LIBREOFFICE=1 makes it a failure"
)]
fn bad_evidence_gets_a_page_saying_why_and_never_stops_the_export() {
    let (tmp, ws) = common::demo_copy();
    let ws_str = ws.to_str().unwrap();
    let entry = ready_entry(&ws);
    let photo = std::fs::read(ws.join(&entry.attachments[0].stored_path)).unwrap();
    // A PNG header declaring 20,000 × 20,000 pixels (400 megapixels), nothing more.
    let mut huge = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    huge.extend(20_000u32.to_be_bytes());
    huge.extend(20_000u32.to_be_bytes());
    huge.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    attach(
        &ws,
        "com-hong-quang",
        &entry.key,
        &[
            ("hỏng.pdf", b"%PDF-1.7\nthis is not a pdf".to_vec()),
            ("cắt cụt.jpg", photo[..photo.len() / 2].to_vec()),
            ("quá lớn.png", huge),
            ("bảng tính.xlsx", b"PK\x03\x04 not really".to_vec()),
        ],
    );
    // One stored file gone from the evidence store.
    std::fs::remove_file(ws.join(&entry.attachments[0].stored_path)).unwrap();
    let pdf = tmp.path().join("ho-so.pdf");
    let out = run(&[
        "export",
        ws_str,
        "--product",
        "com-hong-quang",
        "--form",
        "dossier",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let text = said(&out);
    assert!(out.status.success(), "{text}");
    for expected in [
        "hỏng.pdf: Tệp PDF bị hỏng",
        "cắt cụt.jpg: Ảnh bị hỏng hoặc bị cắt cụt",
        "quá lớn.png: Ảnh lớn hơn 100 megapixel",
        "Không tìm thấy tệp trong kho minh chứng",
    ] {
        assert!(text.contains(expected), "“{expected}” in {text}");
    }
    assert!(
        !text.contains("bảng tính.xlsx"),
        "a file not printed here is not a problem"
    );
    if !poppler() {
        return;
    }
    let pages = pages_text(&pdf);
    for name in ["hỏng.pdf", "cắt cụt.jpg", "quá lớn.png", "bảng tính.xlsx"] {
        assert!(
            pages
                .iter()
                .any(|p| p.contains(name) && !p.contains("Danh mục tệp điện tử")),
            "a page names {name}"
        );
    }
    assert!(
        pages
            .iter()
            .any(|p| p.contains("Tệp này không in được ở đây"))
    );
}

/// Every word of a paper's paragraphs, in order.
fn paper_words(paper: &ocop_tracker::documents::paper::Paper) -> Vec<String> {
    use ocop_tracker::documents::paper::Block;
    let mut out = Vec::new();
    let mut paragraph = |p: &ocop_tracker::documents::paper::Paragraph| {
        for run in &p.runs {
            out.extend(run.text.split_whitespace().map(str::to_owned));
        }
    };
    for block in &paper.blocks {
        match block {
            Block::Paragraph(p) => paragraph(p),
            Block::Table(t) => t
                .rows
                .iter()
                .flatten()
                .flat_map(|c| &c.paragraphs)
                .for_each(&mut paragraph),
        }
    }
    out
}

#[test]
#[cfg_attr(
    ocop_no_poppler,
    ignore = "poppler-utils (pdftotext) is not installed here (apt-get install -y poppler-utils); OCOP_REQUIRE_LIBREOFFICE=1 makes it a failure"
)]
fn the_forms_are_typeset_in_the_dossier_with_the_words_of_their_word_files() {
    use ocop_tracker::documents::{self, DocKind, Input};
    let (tmp, ws) = common::demo_copy();
    let pdf = tmp.path().join("ho-so.pdf");
    export_dossier(&ws, &pdf);
    if !poppler() {
        return;
    }
    let pages = pages_text(&pdf);
    let total = pages.len();
    let state = AppState::open(&ws, common::catalog(), common::today(), Lang::Vi).unwrap();
    let product = &state.workspace().products[&ProductId::parse("com-hong-quang").unwrap()];
    let input = Input {
        product,
        workspace: &state.workspace().info,
        catalog: state.catalog(),
        today: state.today(),
    };
    // Each form: its pages are the ones whose footer names it; together they hold every
    // word of the paper its .docx is written from (the same content), and its title.
    // (form, its title, what its pages' footer says: the document's name alone when the
    // document holds one form, the form's own name beside it when it holds two)
    for (kind, title, footer) in [
        (DocKind::Form01, "PHIẾU ĐĂNG KÝ", "(Mẫu 01)"),
        (
            DocKind::Form02,
            "BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM",
            DocKind::Form02.title_vi(),
        ),
        (
            DocKind::Sheet,
            "PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP",
            DocKind::Sheet.title_vi(),
        ),
        (DocKind::Form03, "Đánh giá một số nội dung", "(Mẫu 03)"),
        (
            DocKind::Letter,
            "V/v đề nghị đánh giá",
            "Văn bản đề nghị của UBND xã",
        ),
    ] {
        let footer_of = |page: &String| {
            page.lines()
                .rev()
                .find(|l| l.contains("Trang"))
                .unwrap_or_default()
                .to_owned()
        };
        let mine: Vec<&String> = pages
            .iter()
            .filter(|p| footer_of(p).contains(footer))
            .collect();
        assert!(!mine.is_empty(), "{} has pages", kind.title_vi());
        assert!(
            mine[0].contains(title),
            "{} begins with {title}: {}",
            kind.title_vi(),
            mine[0]
        );
        let text: String = mine
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let words: std::collections::BTreeSet<&str> = text.split_whitespace().collect();
        let paper = documents::paper_of(kind, &input).unwrap();
        let missing: Vec<String> = paper_words(&paper)
            .into_iter()
            .filter(|w| !words.contains(w.as_str()) && !text.contains(w.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "{}: words of the form not in its printed pages: {missing:?}",
            kind.title_vi()
        );
    }
    // The forms' font is embedded (Times New Roman's metrics: OCOP Serif, from Liberation Serif).
    if let Ok(fonts) = Process::new("pdffonts").arg(&pdf).output() {
        let listing = String::from_utf8_lossy(&fonts.stdout).into_owned();
        assert!(listing.contains("OCOPSerif"), "{listing}");
        assert!(
            listing
                .lines()
                .filter(|l| l.contains("OCOPSerif"))
                .all(|l| l.contains(" yes ")),
            "embedded: {listing}"
        );
    }
    assert!(total > 10, "{total} pages");
}

#[test]
fn a_cancelled_export_leaves_no_file() {
    let (tmp, ws) = common::demo_copy();
    let state = AppState::open(&ws, common::catalog(), common::today(), Lang::Vi).unwrap();
    let request = state
        .print_request(&ProductId::parse("com-hong-quang").unwrap())
        .unwrap();
    let out = tmp.path().join("ho-so.pdf");
    let result = request.write(&out, &mut |_, _| {}, &AtomicBool::new(true));
    let err = result.expect_err("cancelled");
    assert!(
        matches!(err, ocop_tracker::app::print::PrintFailure::Cancelled),
        "{err:?}"
    );
    assert_eq!(
        ocop_tracker::say::print_failure(&err, Lang::Vi),
        "Đã hủy; không ghi tệp nào."
    );
    assert!(!out.exists());
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("ho-so")), "{names:?}");
}

#[test]
#[cfg_attr(
    ocop_no_poppler,
    ignore = "poppler-utils (pdftotext) is not installed here (apt-get install -y poppler-utils); OCOP_REQUIRE_LIBREOFFICE=1 makes it a failure"
)]
fn the_gui_exports_the_dossier_from_the_product_menu() {
    let (tmp, ws) = common::demo_copy();
    let out = tmp.path().join("in.pdf");
    let mut harness = common::app_harness(&ws, egui::vec2(1280.0, 900.0), Lang::Vi);
    harness.state_mut().dialogs = Box::new(common::FakeDialogs {
        save: Some(out.clone()),
        ..Default::default()
    });
    harness.state_mut().screen =
        ocop_tracker::ui::Screen::Product(ProductId::parse("com-hong-quang").unwrap());
    harness.run();
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Xuất tài liệu").click();
    harness.run();
    harness.get_by_label("Hồ sơ để in (PDF)…").click();
    harness.run_steps(4);
    // The dialog: documents with files are offered, the ready ones ticked.
    harness.get_by_label("Xuất hồ sơ để in (PDF)");
    harness
        .get_by_label("Mỗi tài liệu bắt đầu ở trang lẻ (in hai mặt)")
        .click();
    harness.run_steps(4);
    harness.get_by_label("Xuất tệp PDF…").click();
    harness.run();
    common::wait_for_exchange(&mut harness);
    let state = harness.state().state.as_ref().unwrap();
    assert!(
        state
            .messages()
            .iter()
            .any(|m| m.words(Lang::Vi).starts_with("Đã xuất hồ sơ để in")),
        "{:?}",
        state.messages()
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    if poppler() {
        // Two-sided: every document starts on an odd page (a blank back page before it
        // when needed). A document's pages name it in their footer.
        let pages = pages_text(&out);
        let document_of = |page: &str| {
            let footer = page.lines().rev().find(|l| l.contains("Trang"))?.to_owned();
            let after = footer.split_once(" · ")?.1.to_owned();
            Some(after.split(" – ").next()?.trim().to_owned())
        };
        let mut previous: Option<String> = None;
        let mut starts = Vec::new();
        for (i, page) in pages.iter().enumerate().skip(2) {
            let document = document_of(page);
            if document.is_some() && document != previous && !page.contains("Danh mục tệp điện tử")
            {
                starts.push(i + 1);
            }
            if document.is_some() {
                previous = document;
            }
        }
        assert!(starts.len() >= 2, "{starts:?}");
        assert!(
            starts.iter().all(|p| p % 2 == 1),
            "documents start on {starts:?}"
        );
    }
}
