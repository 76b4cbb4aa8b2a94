//! Documents out (issue 12): the forms as .docx and the status report as PDF, for both
//! demo products, read back and checked field by field; LibreOffice renders every form
//! (when installed: `.ci/run` installs it and sets `OCOP_REQUIRE_LIBREOFFICE=1`);
//! the CLI's `export` and its refusals.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::path::Path;
use std::process::Command as Process;

use egui_kittest::kittest::Queryable;
use ocop_tracker::app::AppState;
use ocop_tracker::documents::{self, DocKind, Input};
use ocop_tracker::domain::dossier::Requirement;
use ocop_tracker::domain::model::{FormText, ProductId};
use ocop_tracker::domain::status;
use ocop_tracker::text::Lang;
use unicode_normalization::UnicodeNormalization;

fn id(raw: &str) -> ProductId {
    ProductId::parse(raw).expect("id")
}

fn open_demo() -> (tempfile::TempDir, AppState) {
    let (tmp, ws) = common::demo_copy();
    let state = AppState::open(&ws, common::catalog(), common::today(), Lang::Vi).expect("open");
    (tmp, state)
}

use common::document_xml;

/// The text of the document (runs joined), for content checks.
fn plain_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:t>").or_else(|| rest.find("<w:t ")).map(|i| {
        // The earliest of the two forms.
        [rest.find("<w:t>"), rest.find("<w:t ")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(i)
    }) {
        rest = &rest[start..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let Some(close) = rest.find("</w:t>") else {
            break;
        };
        if open_end < close {
            out.push_str(&rest[open_end + 1..close]);
            out.push(' ');
        }
        rest = &rest[close + 6..];
    }
    out.replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn render(state: &AppState, kind: DocKind, product: &str) -> Vec<u8> {
    state
        .document(kind, &id(product), Lang::Vi)
        .expect("render")
}

#[test]
fn every_form_is_a4_with_decree_30_margins_and_times_new_roman_in_all_four_slots() {
    let (_tmp, state) = open_demo();
    for product in ["com-hong-quang", "thit-trau-binh-an"] {
        for kind in [
            DocKind::Form01,
            DocKind::Form02,
            DocKind::Form03,
            DocKind::Letter,
            DocKind::Sheet,
        ] {
            let xml = document_xml(&render(&state, kind, product));
            assert!(
                xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#),
                "{kind:?}: A4"
            );
            for margin in [
                r#"w:left="1701""#,
                r#"w:right="1134""#,
                r#"w:top="1134""#,
                r#"w:bottom="1134""#,
            ] {
                assert!(xml.contains(margin), "{kind:?}: {margin}");
            }
            let runs = xml.matches("<w:r>").count() + xml.matches("<w:r ").count();
            let fonts = xml
                .split("<w:rFonts ")
                .skip(1)
                .filter(|element| {
                    let element = element.split("/>").next().unwrap_or("");
                    ["w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"]
                        .iter()
                        .all(|slot| element.contains(&format!(r#"{slot}="Times New Roman""#)))
                })
                .count();
            assert!(runs > 20, "{kind:?}: {runs} runs");
            assert!(
                fonts >= runs,
                "{kind:?}: every run names the font in all four slots ({fonts} of {runs})"
            );
            let text = plain_text(&xml);
            assert_eq!(text, text.nfc().collect::<String>(), "{kind:?}: NFC");
        }
    }
}

#[test]
fn form_01_is_filled_from_the_product_and_keeps_dotted_leaders() {
    let (_tmp, state) = open_demo();
    let text = plain_text(&document_xml(&render(
        &state,
        DocKind::Form01,
        "com-hong-quang",
    )));
    let com = &state.workspace().products[&id("com-hong-quang")];
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "PHIẾU ĐĂNG KÝ",
        "tỉnh Tuyên Quang năm 2026",
        "Cốm Hồng Quang",
        com.producer.name.as_str(),
        com.producer.legal_representative.as_str(),
        com.producer.phone.as_str(),
        "Bộ số 6",
        // Sector and group in words, from Appendix I (not the group's numeral alone).
        "Ngành, Nhóm: Thực phẩm, nhóm Thực phẩm chế biến",
        "Lần đầu ☑",
        "Nâng hạng □",
        "Đánh giá lại □",
        "/PĐK-(Mã tỉnh)-(Mã xã)-2026",
        "Ngày nhận: 16/11/2026",
        "PHẦN DÀNH CHO CƠ QUAN QUẢN LÝ",
        "Chức vụ: ………",
    ] {
        assert!(
            text.contains(expected),
            "Form 01 lacks “{expected}”:\n{text}"
        );
    }
}

#[test]
fn form_02_has_part_i_ticks_the_producers_texts_part_iii_criterion_by_criterion_and_the_annex() {
    let (_tmp, state) = open_demo();
    let text = plain_text(&document_xml(&render(
        &state,
        DocKind::Form02,
        "com-hong-quang",
    )));
    let com = &state.workspace().products[&id("com-hong-quang")];
    let app = com.current().unwrap();
    assert!(text.contains("BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM"));
    assert!(
        text.contains(app.forms.get(FormText::BusinessResults)),
        "Part II"
    );
    // Part IV is empty in the demo: dotted lines to fill by hand.
    let part_iv = text.split("Phần IV").nth(1).expect("Part IV");
    assert!(
        part_iv
            .trim_start()
            .contains("KẾ HOẠCH SẢN XUẤT, KINH DOANH ……"),
        "{part_iv}"
    );
    // Ticks from the dossier: business registration ready, IP papers ready.
    assert!(text.contains("☑ a) Giấy đăng ký kinh doanh"), "{text}");
    assert!(text.contains("☑ d) Sở hữu trí tuệ"));
    // Every criterion of set 6 in order, with the self-assessment total.
    let set = state
        .catalog()
        .scoring_set(&app.rule_version, com.scoring_set)
        .unwrap();
    let mut from = 0;
    for criterion in &set.criteria {
        let at = text[from..]
            .find(&criterion.name_vi)
            .unwrap_or_else(|| panic!("criterion {} in order", criterion.code));
        from += at;
    }
    assert!(text.contains("TỔNG CỘNG"));
    assert!(text.contains(" 59 "), "total 59");
    // The annex lists each attached file once, under its criterion.
    let annex = text.split("PHỤ LỤC MINH CHỨNG").nth(1).expect("annex");
    for file in [
        "Đơn nhãn hiệu được chấp nhận.jpg",
        "Phiếu kiểm nghiệm cốm 2026.jpg",
        "Bao bì cốm Hồng Quang.jpg",
    ] {
        assert_eq!(annex.matches(file).count(), 1, "{file} in the annex");
    }
    let input = Input {
        product: com,
        workspace: &state.workspace().info,
        catalog: state.catalog(),
        today: state.today(),
    };
    let lines = documents::annex_lines(&input, set, app);
    assert_eq!(lines.len(), 3);
    let ip = lines
        .iter()
        .find(|l| l.file_name.starts_with("Đơn nhãn hiệu"))
        .unwrap();
    assert!(ip.criterion.starts_with("3.5"), "{ip:?}");
    // Part III's evidence column names a document that is ready even with no file yet:
    // the raw-material origin papers back 1.1 in the demo.
    let origin = app
        .dossier
        .iter()
        .find(|e| e.key == "raw-material-origin")
        .expect("raw-material origin in the demo dossier");
    assert_eq!(
        origin.status,
        ocop_tracker::domain::dossier::DocStatus::Ready
    );
    assert!(origin.attachments.is_empty());
    let part_iii = text
        .split("Phần III")
        .nth(1)
        .and_then(|t| t.split("Phần IV").next())
        .expect("Part III");
    let row_1_1 = part_iii
        .split(" 1.2 ")
        .next()
        .and_then(|t| t.split(" 1.1 ").nth(1))
        .expect("row 1.1");
    assert!(row_1_1.contains("nguồn gốc nguyên liệu"), "{row_1_1}");
}

#[test]
fn form_03_shows_the_producers_statement_beside_the_communes_assessment() {
    let (_tmp, state) = open_demo();
    let text = plain_text(&document_xml(&render(
        &state,
        DocKind::Form03,
        "com-hong-quang",
    )));
    let app = state.workspace().products[&id("com-hong-quang")]
        .current()
        .unwrap();
    assert!(text.contains("ỦY BAN NHÂN DÂN"));
    assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(text.contains("BÁO CÁO"));
    assert!(
        text.contains("/BC-UBND"),
        "optional number keeps its leader"
    );
    assert!(
        text.contains("Hồng Quang, ngày … tháng … năm …"),
        "place given, date dotted"
    );
    for (producer, commune) in FormText::FORM_03_ITEMS {
        let said = app.forms.get(producer);
        assert!(!said.is_empty());
        assert!(text.contains(said), "{producer:?}");
        let assessed = app.forms.get(commune);
        if !assessed.is_empty() {
            assert!(text.contains(assessed), "{commune:?}");
        }
    }
    assert!(text.contains("đề nghị Ủy ban nhân dân tỉnh Tuyên Quang"));
    assert!(
        text.contains("Nơi nhận: - UBND tỉnh Tuyên Quang; - HTX"),
        "{text}"
    );
    assert!(text.contains("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"), "{text}");
}

/// The report is written by the product's own commune (the workspace may serve several),
/// without the officer's "(huyện Lâm Bình cũ)" note, which is no part of its name; with no
/// place given, the place line names that commune.
#[test]
fn form_03_is_signed_by_the_products_own_commune() {
    let (_tmp, state) = open_demo();
    let buffalo = &state.workspace().products[&id("thit-trau-binh-an")];
    assert!(
        buffalo.commune.starts_with("Bình An ("),
        "{}",
        buffalo.commune
    );
    assert_ne!(state.workspace().info.commune, buffalo.commune);
    let text = plain_text(&document_xml(&render(
        &state,
        DocKind::Form03,
        "thit-trau-binh-an",
    )));
    // The short rule under the commune's name, above the number (Decree 30).
    assert!(
        text.contains("ỦY BAN NHÂN DÂN XÃ BÌNH AN ------- Số:"),
        "{text}"
    );
    assert!(!text.contains("HỒNG QUANG"), "{text}");
    assert!(!text.contains("LÂM BÌNH CŨ"), "{text}");
    assert!(text.contains("Bình An, ngày … tháng … năm …"), "{text}");
    assert!(
        text.contains("Ủy ban nhân dân xã Bình An đề nghị"),
        "{text}"
    );
    // A commune written "Xã Bình An" (as imported lists often have it) is not doubled.
    let mut imported = buffalo.clone();
    imported.commune = "Xã Bình An".to_owned();
    let input = Input {
        product: &imported,
        workspace: &state.workspace().info,
        catalog: state.catalog(),
        today: state.today(),
    };
    let text = plain_text(&document_xml(
        &documents::render(DocKind::Form03, &input, Lang::Vi).unwrap(),
    ));
    // The short rule under the commune's name, above the number (Decree 30).
    assert!(
        text.contains("ỦY BAN NHÂN DÂN XÃ BÌNH AN ------- Số:"),
        "{text}"
    );
    assert!(!text.contains("XÃ XÃ") && !text.contains("xã Xã"), "{text}");
}

#[test]
fn the_scoring_sheet_lists_every_option_and_ticks_the_chosen_ones() {
    let (_tmp, state) = open_demo();
    let com = &state.workspace().products[&id("com-hong-quang")];
    let app = com.current().unwrap();
    let set = state
        .catalog()
        .scoring_set(&app.rule_version, com.scoring_set)
        .unwrap();
    let text = plain_text(&document_xml(&render(
        &state,
        DocKind::Sheet,
        "com-hong-quang",
    )));
    let options: usize = set.criteria.iter().map(|c| c.options.len()).sum();
    let boxes = text.matches('□').count() + text.matches('☑').count();
    let eliminations = set.all_eliminations().count();
    assert_eq!(
        boxes,
        options + eliminations,
        "one box per option and elimination"
    );
    let chosen = app
        .scores
        .self_assessment
        .answers
        .values()
        .filter(|a| matches!(a, ocop_tracker::domain::scoring::Answer::Chosen { .. }))
        .count();
    assert_eq!(text.matches('☑').count(), chosen);
    assert!(text.contains("59 / 100"));
    assert!(text.contains("PHẦN A"));
}

fn pdf_text(pdf: &Path) -> Option<String> {
    let out = Process::new("pdftotext").arg(pdf).arg("-").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn require_tools() -> bool {
    std::env::var_os("OCOP_REQUIRE_LIBREOFFICE").is_some()
}

#[test]
#[cfg_attr(
    ocop_no_poppler,
    ignore = "poppler-utils (pdftotext) is not installed here (apt-get install -y poppler-utils); OCOP_REQUIRE_LIBREOFFICE=1 makes it a failure"
)]
fn the_status_report_is_a_short_pdf_with_the_font_embedded_and_real_text() {
    let (tmp, state) = open_demo();
    for product in ["com-hong-quang", "thit-trau-binh-an"] {
        let bytes = render(&state, DocKind::Report, product);
        assert!(bytes.starts_with(b"%PDF-"));
        let raw = String::from_utf8_lossy(&bytes);
        assert!(raw.contains("/FontFile2"), "TrueType font embedded");
        assert!(raw.contains("/ToUnicode"), "text maps back to Unicode");
        let pages = raw.matches("/Type /Page\n").count()
            + raw.matches("/Type /Page ").count()
            + raw.matches("/Type /Page/").count();
        let path = tmp.path().join(format!("{product}.pdf"));
        std::fs::write(&path, &bytes).unwrap();
        let Some(text) = pdf_text(&path) else {
            assert!(!require_tools(), "pdftotext is required here");
            eprintln!("pdftotext not installed: text extraction not checked");
            continue;
        };
        let name = &state.workspace().products[&id(product)].name;
        assert!(text.contains(name.as_str()), "{product}: {text}");
        assert_eq!(
            text,
            text.nfc().collect::<String>(),
            "extracted text is NFC"
        );
        for heading in [
            "Tình trạng sản phẩm OCOP",
            "Sản phẩm đang ở đâu",
            "Hồ sơ",
            "Điểm tự đánh giá",
            "Các mốc thời hạn",
        ] {
            assert!(text.contains(heading), "{product}: “{heading}”");
        }
        let page_count = text.matches('\u{c}').count();
        assert!(
            (1..=2).contains(&page_count),
            "{product}: {page_count} pages ({pages})"
        );
    }
    // The buffalo meat is blocked by the trademark; the report says which papers prove it.
    let path = tmp.path().join("thit-trau-binh-an.pdf");
    if let Some(text) = pdf_text(&path) {
        assert!(text.contains("Chưa đủ điều kiện công nhận 3 sao"), "{text}");
        assert!(
            text.contains("Chưa đạt mức tối thiểu ở tiêu chí 3.5"),
            "{text}"
        );
        assert!(text.contains("Giấy tờ sở hữu trí tuệ"), "{text}");
        // A required document not ready carries its note: what is still to do about it.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Đang tự chấm điểm phần III"),
            "Form 02's note: {flat}"
        );
    }
}

/// The top of the report answers "what do we still lack, by when?" in large type: the
/// next step as an action, the date with how overdue it is, the missing required
/// documents by who owes them, and the predicted star with the points to the next one.
#[test]
fn the_report_opens_with_the_answer_in_large_type() {
    use ocop_tracker::documents::pdf::Block;
    let (_tmp, state) = open_demo();
    let com = &state.workspace().products[&id("com-hong-quang")];
    let input = Input {
        product: com,
        workspace: &state.workspace().info,
        catalog: state.catalog(),
        today: state.today(),
    };
    let blocks = documents::report::blocks(&input, Lang::Vi).unwrap();
    let large: Vec<(&str, bool)> = blocks
        .iter()
        .take_while(|b| !matches!(b, Block::Heading(_)))
        .filter_map(|b| match b {
            Block::Large { text, warn } => Some((text.as_str(), *warn)),
            _ => None,
        })
        .collect();
    let status = status::product_status(com, state.catalog(), state.today()).unwrap();
    let deadline = status
        .next_deadline
        .as_ref()
        .expect("a deadline in the demo");
    let days = (deadline.date - state.today()).num_days();
    assert_eq!(
        large,
        vec![
            ("Bước tiếp theo: UBND xã đánh giá hồ sơ, lập Mẫu 03", false),
            (
                format!(
                    "Hạn gần nhất: {} ({days} ngày nữa) · Hạn xã xử lý hồ sơ (15 ngày làm việc)",
                    deadline.date.format("%d/%m/%Y")
                )
                .as_str(),
                false
            ),
            (
                "Tài liệu bắt buộc còn thiếu: 4 (UBND xã 2) — Chủ thể cần nộp (2): Báo cáo tự đánh giá về sản phẩm (Mẫu 02); 05 mẫu sản phẩm",
                true
            ),
            (
                "Dự kiến đạt ★★★ (59/100) · Cách đạt ★★★★: còn thiếu 11 điểm",
                false
            ),
        ]
    );
}

#[test]
fn status_lists_required_documents_first_and_names_the_papers_for_each_step() {
    let (_tmp, state) = open_demo();
    for product in state.workspace().products.values() {
        let status = status::product_status(&product, state.catalog(), state.today()).unwrap();
        let ranks: Vec<u8> = status
            .documents
            .iter()
            .map(|d| match d.requirement {
                Requirement::Required => 0,
                Requirement::Conditional => 1,
                Requirement::Optional => 2,
            })
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        assert!(status.missing_required().all(|d| !d.is_ready()));
    }
    let buffalo = &state.workspace().products[&id("thit-trau-binh-an")];
    let status = status::product_status(buffalo, state.catalog(), state.today()).unwrap();
    let step = status
        .star_steps
        .iter()
        .find(|s| s.criterion_key.starts_with("3.5"))
        .expect("a step on 3.5");
    assert!(step.documents.iter().any(|d| d.key == "ip-documents"));
    assert!(!status.blockers.is_empty(), "the trademark blocks 3★");

    // With no answer at all the sheet is "not scored": nothing is listed as blocking.
    let mut unscored = buffalo.clone();
    if let Some(app) = unscored.applications.last_mut() {
        app.scores.self_assessment = Default::default();
    }
    let status = status::product_status(&unscored, state.catalog(), state.today()).unwrap();
    assert_eq!(status.summary.as_ref().map(|s| s.answered), Some(0));
    assert!(status.blockers.is_empty(), "{:?}", status.blockers);

    // Half scored: a criterion not answered yet is not "below its minimum".
    let mut half = buffalo.clone();
    if let Some(app) = half.applications.last_mut() {
        app.scores
            .self_assessment
            .answers
            .retain(|key, _| !key.starts_with("3.5"));
    }
    let status = status::product_status(&half, state.catalog(), state.today()).unwrap();
    assert!(status.summary.as_ref().is_some_and(|s| s.answered > 0));
    assert!(
        status
            .blockers
            .iter()
            .all(|b| !b.criterion_key.starts_with("3.5")),
        "{:?}",
        status.blockers
    );
}

#[test]
#[cfg_attr(
    any(ocop_no_libreoffice, ocop_no_poppler),
    ignore = "LibreOffice or poppler-utils is not installed here (apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils); OCOP_REQUIRE_LIBREOFFICE=1 makes it a failure"
)]
fn libreoffice_opens_every_form_and_finds_the_headings() {
    let Some(soffice) = common::soffice() else {
        assert!(
            !require_tools(),
            "LibreOffice is required here (OCOP_REQUIRE_LIBREOFFICE)"
        );
        eprintln!("LibreOffice not installed: rendering not checked");
        return;
    };
    let (tmp, state) = open_demo();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut files = Vec::new();
    for product in ["com-hong-quang", "thit-trau-binh-an"] {
        for kind in [
            DocKind::Form01,
            DocKind::Form02,
            DocKind::Form03,
            DocKind::Letter,
            DocKind::Sheet,
        ] {
            let name = kind.file_name(&state.workspace().products[&id(product)], Lang::Vi);
            let path = out.join(format!("{product}-{name}"));
            std::fs::write(&path, render(&state, kind, product)).unwrap();
            files.push((product, kind, path));
        }
    }
    common::convert_to_pdf(soffice, files.iter().map(|(_, _, p)| p), &out, tmp.path());
    for (product, kind, path) in files {
        let pdf = path.with_extension("pdf");
        let text = pdf_text(&pdf).unwrap_or_else(|| panic!("{} converted", pdf.display()));
        let name = &state.workspace().products[&id(product)].name;
        assert!(text.contains(name.as_str()), "{kind:?} {product}");
        let heading = match kind {
            DocKind::Form01 => "PHIẾU ĐĂNG KÝ",
            DocKind::Form02 => "BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM",
            DocKind::Form03 => "ỦY BAN NHÂN DÂN",
            DocKind::Letter => "Kính gửi: Ủy ban nhân dân tỉnh",
            _ => "PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP",
        };
        assert!(text.contains(heading), "{kind:?} {product}: {heading}");
        if matches!(kind, DocKind::Form01 | DocKind::Form03 | DocKind::Letter) {
            assert!(
                text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                "{kind:?}"
            );
        }
    }
}

fn cli(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args(args)
        .output()
        .expect("run the binary")
}

#[test]
fn cli_export_writes_each_document_and_refuses_bad_input_without_leaving_a_file() {
    let (tmp, ws) = common::demo_copy();
    let ws = ws.to_str().unwrap();
    let out_dir = tmp.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    for kind in DocKind::ALL {
        let target = out_dir.join(format!("doc.{}", kind.extension()));
        let out = cli(&[
            "export",
            ws,
            "--product",
            "com-hong-quang",
            "--form",
            kind.code(),
            "--out",
            target.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{kind:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&target).unwrap();
        assert!(
            bytes.starts_with(if kind == DocKind::Report {
                b"%PDF"
            } else {
                b"PK\x03\x04"
            }),
            "{kind:?}"
        );
    }
    // To standard output, for a pipe.
    let out = cli(&[
        "export",
        ws,
        "--product",
        "com-hong-quang",
        "--form",
        "report",
        "--out",
        "-",
    ]);
    assert!(out.status.success() && out.stdout.starts_with(b"%PDF"));
    // Refusals: a clear message, exit 2, no file.
    // A target inside a "folder" that is a file cannot be written on any system.
    let not_a_folder = out_dir.join("not-a-folder");
    std::fs::write(&not_a_folder, b"a file").unwrap();
    let missing_dir = not_a_folder.join("x.docx");
    for (args, says) in [
        (
            vec![
                "export",
                ws,
                "--product",
                "com-hong-quang",
                "--form",
                "04",
                "--out",
                "x.docx",
            ],
            "04",
        ),
        (
            vec![
                "export",
                ws,
                "--product",
                "khong-co",
                "--form",
                "01",
                "--out",
                "x.docx",
            ],
            "khong-co",
        ),
        (
            vec!["export", ws, "--form", "01", "--out", "x.docx"],
            "--product",
        ),
        (
            vec![
                "export",
                ws,
                "--product",
                "com-hong-quang",
                "--form",
                "01",
                "--out",
                missing_dir.to_str().unwrap(),
            ],
            "not-a-folder",
        ),
    ] {
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read(&not_a_folder).unwrap(), b"a file");
    let leftovers: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_unwritable_target_leaves_no_partial_file_and_the_officer_is_told() {
    let (tmp, mut state) = open_demo();
    let folder = tmp.path().join("read-only");
    std::fs::create_dir_all(&folder).unwrap();
    let target = folder.join("Mẫu 01 - Cốm Hồng Quang.docx");
    // A folder where the file should go: the write cannot succeed on any system.
    std::fs::create_dir_all(&target).unwrap();
    state.export_now(ocop_tracker::app::Export::Document {
        kind: DocKind::Form01,
        id: id("com-hong-quang"),
        path: target.clone(),
    });
    let message = state.messages().last().expect("a message");
    assert!(
        message.words(Lang::Vi).contains("Không xuất được")
            || message.words(Lang::Vi).contains("thư mục")
            || message.words(Lang::Vi).contains("folder"),
        "{}",
        message.words(Lang::Vi)
    );
    assert!(target.is_dir(), "nothing replaced the folder");
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        1,
        "no temp file left"
    );
}

#[test]
fn export_file_names_are_vietnamese_nfc_and_safe() {
    let (_tmp, state) = open_demo();
    let com = &state.workspace().products[&id("com-hong-quang")];
    assert_eq!(
        DocKind::Form01.file_name(com, Lang::Vi),
        "Mẫu 01 - Cốm Hồng Quang.docx"
    );
    assert_eq!(
        DocKind::Report.file_name(com, Lang::Vi),
        "Tình trạng - Cốm Hồng Quang.pdf"
    );
    let mut odd = com.clone();
    odd.name = "CON: a/b?".into();
    let name = DocKind::Sheet.file_name(&odd, Lang::En);
    assert_eq!(name, "Scoring sheet - CON a b.docx");
}

#[test]
fn the_overview_answers_at_a_glance_and_the_export_button_writes_the_report() {
    let (tmp, ws) = common::demo_copy();
    let mut harness = common::app_harness(&ws, egui::vec2(1280.0, 2400.0), Lang::Vi);
    harness.run();
    harness.get_by_label("Danh mục sản phẩm").click();
    harness.run();
    harness.get_by_label("Thịt trâu Bình An").click();
    harness.run();
    // The glance: stage, next step, the blocker and the missing required documents.
    harness.get_by_label_contains("Tóm tắt: sản phẩm đang ở đâu");
    harness.get_by_label_contains("Bước hiện tại:");
    harness.get_by_label_contains("Chưa đạt mức tối thiểu ở tiêu chí 3.5");
    harness.get_by_label_contains("Tài liệu bắt buộc còn thiếu");
    // Xuất… → status report, saved where the dialog says.
    let target = tmp.path().join("Tình trạng - Thịt trâu Bình An.pdf");
    let proposed = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    harness.state_mut().dialogs = Box::new(common::FakeDialogs {
        save: Some(target.clone()),
        proposed: proposed.clone(),
        ..Default::default()
    });
    harness.get_by_label("Xuất…").click();
    harness.run();
    harness
        .get_by_label("Báo cáo tình trạng sản phẩm (PDF)…")
        .click();
    harness.run();
    // Written on a task (the progress strip), then said.
    common::wait_for_exchange(&mut harness);
    assert_eq!(
        proposed.lock().unwrap().as_slice(),
        ["Tình trạng - Thịt trâu Bình An.pdf"]
    );
    let bytes = std::fs::read(&target).expect("the report was written");
    assert!(bytes.starts_with(b"%PDF"));
    harness.get_by_label_contains("Đã xuất");
    // A missing required document link opens the dossier tab filtered to what is left.
    harness.get_by_label("Hồ sơ").click();
    harness.run();
    harness.get_by_label("Chỉ hiện tài liệu chưa xong").click();
    harness.run();
    // Ready documents are hidden, those still to do stay.
    assert!(
        harness
            .query_by_label_contains("Giấy đăng ký kinh doanh (bản sao)")
            .is_none()
    );
    harness.get_by_label_contains("05 mẫu sản phẩm");
}
