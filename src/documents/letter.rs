//! The commune's request letter to the province (Văn bản đề nghị của UBND xã): sent with
//! Form 03, the producer's dossier and the five samples. Decision 26/2026 asks for it
//! but prescribes no template, so this is an ordinary administrative letter (công văn)
//! in the Decree 30/2020 layout: the commune and the national header, the number with
//! "V/v …" under it, place and date, "Kính gửi", the request, what is sent with it, the
//! recipients beside the signature. [inferred: the addressee "UBND tỉnh, qua cơ quan
//! tham mưu quản lý OCOP cấp tỉnh" follows the domain notes (the commune forwards the
//! dossier to the province; the advisory agency receives it); the wording is the app's.]

use super::forms::{commune_of, commune_signature, report_number, small};
use super::paper::{
    self, Align, BOLD, ITALIC, PLAIN, Paper, SHORT_DOTS, Style, TEXT_WIDTH, body, cell, centred,
    line, or_dots, table,
};
use super::{DocumentError, Input};
use crate::domain::model::FormText;

/// The request letter of the product's commune.
pub fn request_letter(input: &Input) -> Result<Paper, DocumentError> {
    let product = input.product;
    let app = input.application().ok_or(DocumentError::NoApplication)?;
    let producer = &product.producer;
    let commune = commune_of(input);
    let commune_or_dots = if commune.is_empty() {
        SHORT_DOTS
    } else {
        commune
    };
    let province = or_dots(&input.workspace.province);
    // The letter goes with Form 03: the same place and date.
    let place = match app.forms.get(FormText::ReportPlace).trim() {
        "" => commune,
        place => place,
    };
    let left_width = TEXT_WIDTH * 2 / 5;
    let right_width = TEXT_WIDTH - left_width;
    let left = vec![
        centred("ỦY BAN NHÂN DÂN", small(BOLD)),
        centred(
            &format!("XÃ {}", commune_or_dots.to_uppercase()),
            small(BOLD),
        ),
        centred("-------", PLAIN),
        // The drafting unit "KT" (the commune's economic office) is inferred.
        centred(&format!("Số: {SHORT_DOTS}/UBND-KT"), small(PLAIN)),
        centred(
            "V/v đề nghị đánh giá, phân hạng sản phẩm OCOP",
            Style {
                size: paper::SMALL,
                ..PLAIN
            },
        ),
    ];
    let mut right = paper::national_header_lines();
    right.push(centred(
        &paper::place_date(place, app.forms.report_date),
        ITALIC,
    ));
    let mut set_line = format!("{}", product.scoring_set);
    if let Some(set) = input
        .catalog
        .scoring_set(&app.rule_version, product.scoring_set)
    {
        set_line = format!("{} – {}", set.number, set.name_vi);
    }
    let doc = paper::document()
        .add_table(table(
            vec![vec![cell(left, left_width), cell(right, right_width)]],
            &[left_width, right_width],
            false,
        ))
        .add_paragraph(paper::gap())
        .add_paragraph(
            line(
                &format!(
                    "Kính gửi: Ủy ban nhân dân tỉnh {province} (qua Sở Nông nghiệp và Môi trường)."
                ),
                PLAIN,
            )
            .align(Align::Centre),
        )
        .add_paragraph(paper::gap())
        .add_paragraph(body(
            "Căn cứ Quyết định số 26/2026/QĐ-TTg ngày 22 tháng 5 năm 2026 của Thủ tướng Chính \
             phủ ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Chương trình Mỗi \
             xã một sản phẩm;",
        ))
        .add_paragraph(body(&format!(
            "Căn cứ Báo cáo số {} của Ủy ban nhân dân xã {commune_or_dots} đánh giá một số nội \
             dung của hồ sơ sản phẩm (Mẫu 03),",
            report_number(input)
        )))
        .add_paragraph(body(&format!(
            "Ủy ban nhân dân xã {commune_or_dots} đề nghị Ủy ban nhân dân tỉnh {province} \
             tổ chức đánh giá, phân hạng sản phẩm OCOP năm {} cho sản phẩm sau:",
            app.year
        )))
        .add_paragraph(paper::field("- Tên sản phẩm", &product.name))
        .add_paragraph(paper::field("- Chủ thể sản xuất", &producer.name))
        .add_paragraph(paper::field("- Địa chỉ", &producer.address))
        .add_paragraph(paper::field("- Bộ tiêu chí", &set_line))
        .add_paragraph(line("Hồ sơ gửi kèm:", BOLD))
        .add_paragraph(line(
            "- 01 bộ hồ sơ bản giấy và 01 bộ hồ sơ điện tử của chủ thể (Phiếu đăng ký \
             theo Mẫu 01, Báo cáo tự đánh giá theo Mẫu 02 và tài liệu minh chứng);",
            PLAIN,
        ))
        .add_paragraph(line("- Báo cáo của Ủy ban nhân dân xã theo Mẫu 03;", PLAIN))
        .add_paragraph(line("- 05 mẫu sản phẩm.", PLAIN))
        .add_paragraph(
            body(&format!(
                "Ủy ban nhân dân xã {commune_or_dots} kính đề nghị Ủy ban nhân dân tỉnh \
                 {province} xem xét, đánh giá, phân hạng sản phẩm OCOP cho sản phẩm nêu trên./."
            ))
            .keep_next(true),
        );
    Ok(doc.add_table(commune_signature("Như trên", &producer.name)))
}
