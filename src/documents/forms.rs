//! The official forms of Appendix III of Decision 26/2026/QĐ-TTg, filled from a
//! product: Form 01 (registration), Form 02 (self-assessment report with its evidence
//! annex), Form 03 (the commune's report) and the scoring sheet of Appendix II.
//!
//! The wording follows the public transcript in `forms-26-2026` (not compared with the
//! signed gazette PDF). Option labels on the sheet are the app's short paraphrases, not
//! the legal wording: the sheet says so in its footer. Empty fields keep dotted leaders.

use super::paper::{Align, Paper, Paragraph};

use super::paper::{
    self, BOLD, DOTS, ITALIC, PLAIN, SHORT_DOTS, SMALL, Style, TEXT_WIDTH, cell, centred, check,
    field, gap, line, or_dots, para, run, table,
};
use super::{DocumentError, Input};
use crate::domain::criteria::{Criterion, Part, ScoringSet};
use crate::domain::dossier::{self, DocStatus, DossierTemplate};
use crate::domain::model::{Application, ApplicationKind, FormText, ProducerKind};
use crate::domain::scoring::{self, Answer, ScoreSheet};

fn producer_kind_vi(kind: ProducerKind) -> &'static str {
    match kind {
        ProducerKind::Cooperative => "Hợp tác xã",
        ProducerKind::CooperativeGroup => "Tổ hợp tác",
        ProducerKind::Enterprise => "Doanh nghiệp",
        ProducerKind::Household => "Hộ sản xuất, kinh doanh có đăng ký kinh doanh",
        ProducerKind::Farm => "Trang trại",
    }
}

/// Whether the dossier document `key` is ready (for the legal-status ticks).
fn ready(input: &Input, key: &str) -> bool {
    input.application().is_some_and(|a| {
        a.dossier
            .iter()
            .any(|e| e.key == key && e.status == DocStatus::Ready)
    })
}

fn form_text<'a>(input: &'a Input, field: FormText) -> &'a str {
    input.application().map_or("", |a| a.forms.get(field))
}

/// Province code, commune code and sequence from a product code `T-X-STT-year`.
fn code_parts(product_code: &str) -> Option<(&str, &str)> {
    let mut parts = product_code.split('-').map(str::trim);
    let province = parts.next().filter(|p| !p.is_empty())?;
    let commune = parts.next().filter(|p| !p.is_empty())?;
    Some((province, commune))
}

/// The receipt slip number `…/PĐK-(Mã tỉnh)-(Mã xã)-(Năm)`.
pub fn slip_number(input: &Input) -> String {
    let number = form_text(input, FormText::RegistrationSlip).trim();
    let number = if number.is_empty() {
        SHORT_DOTS
    } else {
        number
    };
    let (province, commune) =
        code_parts(&input.product.product_code).unwrap_or(("(Mã tỉnh)", "(Mã xã)"));
    let year = input
        .application()
        .map_or_else(|| SHORT_DOTS.to_owned(), |a| a.year.to_string());
    format!("{number}/PĐK-{province}-{commune}-{year}")
}

pub(super) fn title(text: &str) -> Paragraph {
    centred(
        text,
        Style {
            bold: true,
            italic: false,
            size: 28,
        },
    )
}

pub(super) fn set_of<'a>(input: &'a Input) -> Result<&'a ScoringSet, DocumentError> {
    let app = input.application().ok_or(DocumentError::NoApplication)?;
    if input.product.scoring_set == crate::domain::criteria::NO_SET {
        return Err(DocumentError::NoSetChosen);
    }
    input
        .catalog
        .scoring_set(&app.rule_version, input.product.scoring_set)
        .ok_or(DocumentError::NoRuleData)
}

/// Form 01: Phiếu đăng ký.
pub fn form_01(input: &Input) -> Result<Paper, DocumentError> {
    let product = input.product;
    let app = input.application().ok_or(DocumentError::NoApplication)?;
    let producer = &product.producer;
    let set = set_of(input).ok();
    let mut doc = paper::document().add_table(paper::national_header());
    doc = doc
        .add_paragraph(gap())
        .add_paragraph(title("PHIẾU ĐĂNG KÝ"))
        .add_paragraph(centred(
            &format!(
                "Tham gia đánh giá, phân hạng sản phẩm OCOP của tỉnh {} năm {}",
                or_dots(&input.workspace.province),
                app.year
            ),
            BOLD,
        ))
        .add_paragraph(gap())
        .add_paragraph(line("1. Thông tin về đơn vị đăng ký:", BOLD))
        .add_paragraph(field("- Tên đơn vị", &producer.name))
        .add_paragraph(field(
            "- Họ tên người đại diện pháp lý",
            &producer.legal_representative,
        ))
        .add_paragraph(field("- Chức vụ", ""))
        .add_paragraph(field("- Địa chỉ liên hệ", &producer.address))
        .add_paragraph(field("- Điện thoại", &producer.phone))
        .add_paragraph(field("- Email", ""))
        .add_paragraph(para(vec![
            run("2. Tên sản phẩm: ", BOLD),
            run(&product.name, PLAIN),
        ]))
        .add_paragraph(line("3. Nhóm sản phẩm đăng ký¹:", BOLD));
    let (group, set_name) = set.map_or((String::new(), String::new()), |s| {
        (
            sector_and_group(s),
            format!("Bộ số {}: {}", s.number, s.name_vi),
        )
    });
    doc = doc
        .add_paragraph(field("- Ngành, Nhóm", &group))
        .add_paragraph(field("- Phân nhóm (bộ tiêu chí)", &set_name))
        .add_paragraph(para(vec![
            run("4. Lần đăng ký đánh giá: ", BOLD),
            run(
                &format!(
                    "Lần đầu {}    Nâng hạng {}    Đánh giá lại {}",
                    check(app.kind == ApplicationKind::FirstRating),
                    check(app.kind == ApplicationKind::Upgrade),
                    check(app.kind == ApplicationKind::ReRating),
                ),
                PLAIN,
            ),
        ]))
        .add_paragraph(line("5. Tài liệu kèm theo:", BOLD))
        .add_paragraph(line(
            &format!(
                "{} Báo cáo đánh giá về sản phẩm theo Bộ tiêu chí (bản gốc, bản điện tử)",
                check(ready(input, "form-02"))
            ),
            PLAIN,
        ))
        .add_paragraph(line(
            &format!(
                "{} Sản phẩm mẫu (số lượng: {})",
                check(ready(input, "product-samples")),
                if ready(input, "product-samples") {
                    "05"
                } else {
                    SHORT_DOTS
                }
            ),
            PLAIN,
        ))
        .add_paragraph(paper::body(
            "Cam đoan những thông tin trong Phiếu đăng ký là đúng sự thật; chấp hành đúng các \
             quy định về đánh giá, phân hạng sản phẩm OCOP và chịu trách nhiệm về hồ sơ \
             đăng ký.",
        ))
        .add_table(paper::signature(
            &paper::place_date("", None),
            "ĐẠI DIỆN",
            "(Ký, đóng dấu, ghi rõ họ tên)",
            &producer.legal_representative,
        ))
        .add_paragraph(line(
            "¹ Theo Phụ lục I về Danh mục phân loại sản phẩm tham gia đánh giá, phân hạng \
             sản phẩm OCOP.",
            Style {
                bold: false,
                italic: true,
                size: 20,
            },
        ))
        .add_paragraph(centred("PHẦN DÀNH CHO CƠ QUAN QUẢN LÝ", BOLD));
    let received = app
        .dates
        .received_by_commune
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default();
    let half = TEXT_WIDTH / 2;
    let commune_box = vec![
        centred("DÀNH CHO ỦY BAN NHÂN DÂN CẤP XÃ", BOLD),
        line(&format!("Phiếu số: {}", slip_number(input)), PLAIN),
        field("Ngày nhận", &received),
        line(&format!("Người tiếp nhận: {SHORT_DOTS}{SHORT_DOTS}"), PLAIN),
        line(&format!("Chữ ký: {SHORT_DOTS}{SHORT_DOTS}"), PLAIN),
        centred("Cơ quan tiếp nhận", BOLD),
        centred("(Ký, đóng dấu và ghi rõ họ tên)", ITALIC),
        gap(),
        gap(),
    ];
    let province_box = vec![
        centred("DÀNH CHO CƠ QUAN QUẢN LÝ OCOP CẤP TỈNH", BOLD),
        line(&format!("Phiếu số: {SHORT_DOTS}{SHORT_DOTS}"), PLAIN),
        line(&format!("Ngày nhận: {SHORT_DOTS}{SHORT_DOTS}"), PLAIN),
        line(&format!("Người tiếp nhận: {SHORT_DOTS}{SHORT_DOTS}"), PLAIN),
        line(&format!("Chữ ký: {SHORT_DOTS}{SHORT_DOTS}"), PLAIN),
        centred("Cơ quan tiếp nhận", BOLD),
        centred("(Ký, đóng dấu và ghi rõ họ tên)", ITALIC),
        gap(),
        gap(),
    ];
    Ok(doc.add_table(table(
        vec![vec![
            cell(commune_box, half),
            cell(province_box, TEXT_WIDTH - half),
        ]],
        &[half, TEXT_WIDTH - half],
        true,
    )))
}

/// The chosen option of `criterion` on `sheet`, as printed ("□ label (n điểm)").
fn answer_text(criterion: &Criterion, sheet: &ScoreSheet) -> (String, u16) {
    match sheet.answers.get(&criterion.key) {
        Some(Answer::Chosen { option }) => criterion
            .option(*option)
            .map_or_else(|| (DOTS.to_owned(), 0), |o| (o.label_vi.clone(), o.points)),
        Some(Answer::NotMet) => ("Không đạt".to_owned(), 0),
        None => (DOTS.to_owned(), 0),
    }
}

/// Form 02: Báo cáo tự đánh giá về sản phẩm, with Part III criterion by criterion and
/// the evidence annex in criterion order.
pub fn form_02(input: &Input) -> Result<Paper, DocumentError> {
    let app = input.application().ok_or(DocumentError::NoApplication)?;
    let set = set_of(input)?;
    let mut doc = form_02_part_i(input);
    doc = doc
        .add_paragraph(field("8. Lịch sử hình thành", ""))
        .add_paragraph(field("9. Cơ cấu tổ chức", ""))
        .add_paragraph(paper::section_heading(
            "Phần II. KẾT QUẢ THỰC HIỆN PHƯƠNG ÁN SẢN XUẤT KINH DOANH",
        ));
    doc = free_text(doc, form_text(input, FormText::BusinessResults), false);
    doc = doc.add_paragraph(paper::section_heading(
        "Phần III. ĐÁNH GIÁ THEO BỘ TIÊU CHÍ",
    ));
    doc = doc.add_paragraph(line(
        &format!("Bộ sản phẩm số {}: {}", set.number, set.name_vi),
        ITALIC,
    ));
    doc = doc.add_table(self_assessment_table(input, app, set));
    doc = doc.add_paragraph(paper::section_heading(
        "Phần IV. KẾ HOẠCH SẢN XUẤT, KINH DOANH",
    ));
    // The plan's last lines stay on the signature's page: the signature is never alone.
    doc = free_text(doc, form_text(input, FormText::BusinessPlan), true);
    doc = doc.add_table(paper::signature(
        &paper::place_date("", None),
        "ĐẠI DIỆN THEO PHÁP LUẬT CỦA CƠ SỞ",
        "(Ký, họ tên, đóng dấu)",
        &input.product.producer.legal_representative,
    ));
    doc = evidence_annex(doc, input, set);
    Ok(doc)
}

/// Form 02's title and Part I up to item 7: the producer, the product, and the ticks of
/// its legal papers (from the dossier).
fn form_02_part_i(input: &Input) -> Paper {
    let product = input.product;
    let producer = &product.producer;
    let mut doc = paper::document()
        .add_paragraph(title("BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM"))
        .add_paragraph(centred("(Dành cho chủ thể có sản phẩm đăng ký)", ITALIC))
        .add_paragraph(gap())
        .add_paragraph(paper::section_heading("Phần I. THÔNG TIN CHUNG"))
        .add_paragraph(field("1. Tên chủ thể", &producer.name))
        .add_paragraph(field(
            "2. Loại hình tổ chức",
            producer_kind_vi(producer.kind),
        ))
        .add_paragraph(field("3. Địa chỉ", &producer.address))
        .add_paragraph(field("4. Điện thoại/Email", &producer.phone))
        .add_paragraph(line("5. Người đại diện theo pháp luật:", PLAIN))
        .add_paragraph(field("- Họ và tên", &producer.legal_representative))
        .add_paragraph(para(vec![run(
            &format!("- Giới tính: {SHORT_DOTS}   Dân tộc: {SHORT_DOTS}"),
            PLAIN,
        )]))
        .add_paragraph(field("- Địa chỉ thường trú", ""))
        .add_paragraph(field(
            "6. Ngày thành lập/đăng ký kinh doanh, số giấy đăng ký",
            "",
        ))
        .add_paragraph(field(
            "7. Tên sản phẩm, quy cách, tiêu chuẩn",
            &if product.description.trim().is_empty() {
                product.name.clone()
            } else {
                format!("{} ({})", product.name, product.description.trim())
            },
        ));
    let ticks = [
        (
            "a) Giấy đăng ký kinh doanh",
            ready(input, "business-registration"),
        ),
        (
            "b) Đã công bố chất lượng sản phẩm",
            ready(input, "quality-declaration"),
        ),
        (
            "c) Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm / giấy chứng nhận đủ \
             điều kiện sản xuất (nếu có)",
            ready(input, "food-safety-certificate"),
        ),
        (
            "d) Sở hữu trí tuệ (giấy chứng nhận nhãn hiệu; quyền sử dụng chỉ dẫn địa lý, \
             nhãn hiệu tập thể, nhãn hiệu chứng nhận; bằng sáng chế; kiểu dáng công nghiệp; \
             bản quyền tác giả; khác)",
            ready(input, "ip-documents"),
        ),
    ];
    for (label, ticked) in ticks {
        doc = doc.add_paragraph(line(&format!("{} {label}", check(ticked)), PLAIN));
    }
    doc
}

/// Part III's table: each criterion of the set with the answer, its points and the
/// dossier's documents backing it, then the totals by part.
fn self_assessment_table(input: &Input, app: &Application, set: &ScoringSet) -> paper::Table {
    let sheet = &app.scores.self_assessment;
    let template = input.catalog.template(&app.rule_version);
    // "Điểm" in bold needs about 900 twips with the cell margins (700 wrapped it).
    let widths = [800, 2500, 2900, 950, 1921];
    let header = ["Mã", "Tiêu chí", "Tự đánh giá", "Điểm", "Minh chứng"];
    let mut rows = vec![
        header
            .iter()
            .zip(widths)
            .map(|(h, w)| cell(vec![centred(h, small(BOLD))], w))
            .collect::<Vec<_>>(),
    ];
    for criterion in &set.criteria {
        let (chosen, points) = answer_text(criterion, sheet);
        let evidence = criterion_evidence(template, app, criterion);
        rows.push(vec![
            cell(vec![line(&criterion.code, small(PLAIN))], widths[0]),
            cell(vec![line(&criterion.name_vi, small(PLAIN))], widths[1]),
            cell(vec![line(&chosen, small(PLAIN))], widths[2]),
            cell(
                vec![centred(
                    &if sheet.answers.contains_key(&criterion.key) {
                        points.to_string()
                    } else {
                        SHORT_DOTS.to_owned()
                    },
                    small(PLAIN),
                )],
                widths[3],
            ),
            cell(vec![line(&evidence, small(PLAIN))], widths[4]),
        ]);
    }
    let summary = scoring::evaluate(set, sheet);
    rows.push(vec![
        cell(vec![gap()], widths[0]),
        cell(vec![line("TỔNG CỘNG", small(BOLD))], widths[1]),
        cell(
            vec![line(
                &format!(
                    "A {}/{} · B {}/{} · C {}/{}",
                    summary.part_points(Part::A),
                    Part::A.legal_max(),
                    summary.part_points(Part::B),
                    Part::B.legal_max(),
                    summary.part_points(Part::C),
                    Part::C.legal_max()
                ),
                small(PLAIN),
            )],
            widths[2],
        ),
        cell(
            vec![centred(&summary.total.to_string(), small(BOLD))],
            widths[3],
        ),
        cell(vec![gap()], widths[4]),
    ]);
    table(rows, &widths, true)
}

/// The documents backing `criterion` that count as evidence, "; " between.
fn criterion_evidence(
    template: Option<&DossierTemplate>,
    app: &Application,
    criterion: &Criterion,
) -> String {
    template
        .map(|t| dossier::backing_items(t, &criterion.name_vi))
        .unwrap_or_default()
        .iter()
        // A document counts as evidence once it is ready or has a file attached.
        .filter(|item| {
            app.dossier.iter().any(|e| {
                e.key == item.key && (e.status == DocStatus::Ready || !e.attachments.is_empty())
            })
        })
        .map(|item| item.name_vi.clone())
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn small(style: Style) -> Style {
    Style {
        size: SMALL,
        ..style
    }
}

/// A producer's free text, one paragraph per line; dotted lines when empty. With
/// `keep_with_next`, its last paragraph stays on the page of what follows (the signature).
fn free_text(mut doc: Paper, text: &str, keep_with_next: bool) -> Paper {
    let lines: Vec<&str> = if text.trim().is_empty() {
        vec![DOTS; 3]
    } else {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    };
    let last = lines.len().saturating_sub(1);
    for (index, text) in lines.into_iter().enumerate() {
        doc = doc.add_paragraph(line(text, PLAIN).keep_next(keep_with_next && index == last));
    }
    doc
}

/// The evidence annex: every attached file, in criterion order, then documents that
/// back no criterion.
fn evidence_annex(mut doc: Paper, input: &Input, set: &ScoringSet) -> Paper {
    let Some(app) = input.application() else {
        return doc;
    };
    doc = doc
        .add_paragraph(Paragraph::new().page_break_before(true))
        .add_paragraph(title("PHỤ LỤC MINH CHỨNG"))
        .add_paragraph(centred(
            "(Kèm theo Báo cáo tự đánh giá, theo thứ tự tiêu chí)",
            ITALIC,
        ));
    let widths = [700, 1500, 4200, 2671];
    let mut rows = vec![
        ["TT", "Tiêu chí", "Tài liệu minh chứng", "Tệp đính kèm"]
            .iter()
            .zip(widths)
            .map(|(h, w)| cell(vec![centred(h, small(BOLD))], w))
            .collect::<Vec<_>>(),
    ];
    for (n, line_item) in super::annex_lines(input, set, app).iter().enumerate() {
        rows.push(vec![
            cell(vec![centred(&(n + 1).to_string(), small(PLAIN))], widths[0]),
            cell(vec![line(&line_item.criterion, small(PLAIN))], widths[1]),
            cell(vec![line(&line_item.document, small(PLAIN))], widths[2]),
            cell(vec![line(&line_item.file_name, small(PLAIN))], widths[3]),
        ]);
    }
    if rows.len() == 1 {
        rows.push(vec![
            cell(vec![gap()], widths[0]),
            cell(vec![gap()], widths[1]),
            cell(
                vec![line("(Chưa có tệp minh chứng đính kèm)", small(ITALIC))],
                widths[2],
            ),
            cell(vec![gap()], widths[3]),
        ]);
    }
    doc.add_table(table(rows, &widths, true))
}

/// Form 03's number ("12/BC-UBND"), dots when it has none yet; the request letter cites it.
pub(super) fn report_number(input: &Input) -> String {
    match form_text(input, FormText::ReportNumber).trim() {
        "" => format!("{SHORT_DOTS}/BC-UBND"),
        number => number.to_owned(),
    }
}

/// Form 03: the commune's report on four content items of the dossier.
pub fn form_03(input: &Input) -> Result<Paper, DocumentError> {
    let product = input.product;
    let app = input.application().ok_or(DocumentError::NoApplication)?;
    let producer = &product.producer;
    let commune = commune_of(input);
    let commune_upper = if commune.is_empty() {
        format!("XÃ {SHORT_DOTS}")
    } else {
        format!("XÃ {}", commune.to_uppercase())
    };
    let mut doc = paper::document().add_table(paper::agency_header(&[
        ("ỦY BAN NHÂN DÂN", small(BOLD)),
        (&commune_upper, small(BOLD)),
        (&format!("Số: {}", report_number(input)), small(PLAIN)),
    ]));
    doc = doc
        .add_paragraph(
            centred(
                &paper::place_date(
                    match form_text(input, FormText::ReportPlace).trim() {
                        "" => commune,
                        place => place,
                    },
                    app.forms.report_date,
                ),
                ITALIC,
            )
            .align(Align::Right),
        )
        .add_paragraph(title("BÁO CÁO"))
        .add_paragraph(centred(
            "Đánh giá một số nội dung của hồ sơ đăng ký tham gia đánh giá, phân hạng sản \
             phẩm OCOP",
            BOLD,
        ))
        .add_paragraph(line("I. THÔNG TIN CHUNG VỀ HỒ SƠ SẢN PHẨM", BOLD))
        .add_paragraph(field("1. Tên chủ thể", &producer.name))
        .add_paragraph(field(
            "2. Loại hình tổ chức",
            producer_kind_vi(producer.kind),
        ))
        .add_paragraph(field("3. Địa chỉ", &producer.address))
        .add_paragraph(line("4. Người đại diện theo pháp luật:", PLAIN))
        .add_paragraph(field("- Họ và tên", &producer.legal_representative))
        .add_paragraph(line(
            &format!("- Giới tính: {SHORT_DOTS}   Dân tộc: {SHORT_DOTS}"),
            PLAIN,
        ))
        .add_paragraph(field("- Địa chỉ thường trú", ""))
        .add_paragraph(field("5. Sản phẩm đăng ký", &product.name))
        .add_paragraph(line(
            "II. ĐÁNH GIÁ MỘT SỐ NỘI DUNG CỦA HỒ SƠ SẢN PHẨM",
            BOLD,
        ));
    let headings = [
        "1. Về sử dụng nguyên liệu địa phương",
        "2. Về sử dụng lao động địa phương",
        "3. Nguồn gốc ý tưởng sản phẩm",
        "4. Bản sắc/trí tuệ địa phương",
    ];
    for (heading, (producer_field, commune_field)) in headings.iter().zip(FormText::FORM_03_ITEMS) {
        doc = doc
            .add_paragraph(line(heading, BOLD))
            .add_paragraph(field(
                "- Nội dung chủ thể kê khai",
                form_text(input, producer_field),
            ))
            .add_paragraph(field(
                "- Đánh giá thực tế của UBND xã",
                form_text(input, commune_field),
            ));
    }
    let province = or_dots(&input.workspace.province);
    doc = doc.add_paragraph(paper::body(&format!(
        "Ủy ban nhân dân xã {} đề nghị Ủy ban nhân dân tỉnh {province} đánh giá, phân hạng \
             sản phẩm OCOP cho sản phẩm {} của {}.",
        if commune.is_empty() {
            SHORT_DOTS
        } else {
            commune
        },
        product.name,
        or_dots(&producer.name)
    )));
    // "TM. ỦY BAN NHÂN DÂN" over "CHỦ TỊCH" is how Decree 30/2020 (Appendix I) signs for a
    // collective body (the header above already names the commune); the transcript of
    // Form 03 prints "T.M ỦY BAN NHÂN DÂN XÃ …" and no title line, so this follows the
    // decree [inferred]. "Nơi nhận" is not in the transcript either; commune documents
    // carry it, in the left column beside the signature.
    Ok(doc.add_table(commune_signature(
        &format!("UBND tỉnh {province}"),
        &producer.name,
    )))
}

/// The last part of a commune document: "Nơi nhận:" (`first`, the producer, the archive)
/// beside "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" (Form 03, the request letter).
pub(super) fn commune_signature(first: &str, producer: &str) -> crate::documents::paper::Table {
    let recipients = vec![
        line(
            "Nơi nhận:",
            Style {
                italic: true,
                ..small(BOLD)
            },
        ),
        line(&format!("- {first};"), small(PLAIN)),
        line(&format!("- {};", or_dots(producer)), small(PLAIN)),
        line("- Lưu: VT.", small(PLAIN)),
    ];
    paper::signature_with_recipients(
        "",
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        "(Ký tên và đóng dấu)",
        "",
        recipients,
    )
}

/// The commune that writes a commune document (Form 03, the request letter): the
/// product's own; the workspace's (which may name several communes) only when the product
/// names none. As an official header writes it ([`official_commune_name`]).
pub(super) fn commune_of<'a>(input: &Input<'a>) -> &'a str {
    let product = input.product;
    official_commune_name(if product.commune.trim().is_empty() {
        &input.workspace.commune
    } else {
        &product.commune
    })
}

/// A commune's name as an official header writes it: without a parenthetical note such
/// as "(huyện Lâm Bình cũ)", which records the former district for the officer's own use,
/// and without a leading "Xã" (the form writes "XÃ …" itself; an imported list often has
/// "Xã Bình An").
pub(super) fn official_commune_name(name: &str) -> &str {
    let name = name.trim();
    let name = match name.find('(') {
        Some(at) if at > 0 && name.ends_with(')') => name[..at].trim_end(),
        _ => name,
    };
    ["Xã ", "xã ", "XÃ "]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .map_or(name, str::trim_start)
}

/// Form 01's "Ngành, Nhóm": "Thực phẩm, nhóm Thực phẩm chế biến", from the sheet heading;
/// the group's roman numeral of Appendix I when the heading does not say.
fn sector_and_group(set: &ScoringSet) -> String {
    match set.sector_and_group() {
        Some((sector, "")) => sector.to_owned(),
        Some((sector, group)) => format!("{sector}, nhóm {group}"),
        None if set.product_group.trim().is_empty() => String::new(),
        None => format!("Nhóm {}", set.product_group),
    }
}
