//! The printable scoring sheet of a product's set (Appendix II, "kiêm phiếu đánh giá"):
//! every criterion and option with □, the chosen option ticked, the totals. Option labels
//! are the app's short paraphrases, not the legal wording: the sheet says so in its footer.

use super::paper::Paper;

use super::forms::{set_of, small, title};
use super::paper::{
    self, BOLD, Cell, DOTS, ITALIC, PLAIN, Style, Table, cell, centred, check, field, gap, line,
    table,
};
use super::{DocumentError, Input};
use crate::domain::criteria::{Criterion, ScoringSet};
use crate::domain::scoring::{self, Answer, ScoreSheet};

/// Which sheet's answers the printed scoring sheet ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetTicks {
    /// The producer's self-assessment.
    SelfAssessment,
    /// The commune's view.
    Commune,
    /// None: a blank sheet for a council member.
    Blank,
}

/// The scoring sheet of the product's set as printed ("kiêm phiếu đánh giá").
pub fn scoring_sheet(input: &Input, ticks: SheetTicks) -> Result<Paper, DocumentError> {
    let product = input.product;
    let app = input.application().ok_or(DocumentError::NoApplication)?;
    let set = set_of(input)?;
    let empty = ScoreSheet::default();
    let sheet = match ticks {
        SheetTicks::SelfAssessment => &app.scores.self_assessment,
        SheetTicks::Commune => &app.scores.commune_view,
        SheetTicks::Blank => &empty,
    };
    let heading = if set.sheet_heading_vi.trim().is_empty() {
        format!("{}. Bộ sản phẩm: {}", set.number, set.name_vi)
    } else {
        set.sheet_heading_vi.clone()
    };
    let mut doc = paper::document()
        .add_paragraph(title("PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP"))
        .add_paragraph(centred(&heading, BOLD))
        .add_paragraph(centred(
            match ticks {
                SheetTicks::SelfAssessment => "(Đánh dấu theo kết quả tự đánh giá của chủ thể)",
                SheetTicks::Commune => "(Đánh dấu theo đánh giá của UBND xã)",
                SheetTicks::Blank => "(Phiếu trống dành cho thành viên hội đồng)",
            },
            ITALIC,
        ))
        .add_paragraph(field("Tên sản phẩm", &product.name))
        .add_paragraph(field("Mã sản phẩm", &product.product_code))
        .add_paragraph(field("Tên chủ thể", &product.producer.name))
        .add_paragraph(field("Điện thoại", &product.producer.phone))
        .add_paragraph(field("Địa chỉ", &product.producer.address));
    let eliminations: Vec<String> = set
        .all_eliminations()
        .map(|e| {
            format!(
                "{} {}",
                check(sheet.eliminations_hit.contains(&e.key)),
                e.label_vi
            )
        })
        .collect();
    if !eliminations.is_empty() {
        doc = doc.add_paragraph(line("Hồ sơ bị loại khi:", BOLD));
        for text in eliminations {
            doc = doc.add_paragraph(line(&text, small(PLAIN)));
        }
    }
    doc = doc
        .add_table(criteria_table(set, sheet, ticks))
        .add_paragraph(line(
            "Ghi chú: dấu sao (*) là yêu cầu tối thiểu phải đạt theo các cấp độ sao. Nhãn \
             phương án là tóm tắt của ứng dụng, không phải nguyên văn văn bản pháp luật.",
            small(ITALIC),
        ))
        .add_paragraph(field("Ý kiến của người đánh giá", ""))
        .add_paragraph(line(DOTS, PLAIN));
    Ok(doc.add_table(paper::signature(
        &paper::place_date("", None),
        "Người đánh giá",
        "(Ký và ghi rõ họ tên)",
        "",
    )))
}

/// The sheet's table: each part, group and criterion with its options (the chosen one
/// ticked) and their points, then the total (out of 100 on a blank sheet).
fn criteria_table(set: &ScoringSet, sheet: &ScoreSheet, ticks: SheetTicks) -> Table {
    let widths = [7571, 1500];
    let mut rows = vec![vec![
        cell(vec![centred("Các tiêu chí", small(BOLD))], widths[0]),
        cell(vec![centred("Thang điểm", small(BOLD))], widths[1]),
    ]];
    let summary = scoring::evaluate(set, sheet);
    let mut last_part = None;
    let mut last_group = None;
    for criterion in &set.criteria {
        if last_part != Some(criterion.part) {
            last_part = Some(criterion.part);
            rows.push(vec![
                cell(
                    vec![line(
                        &format!(
                            "PHẦN {:?} – {}",
                            criterion.part,
                            criterion.part.name_vi().to_uppercase()
                        ),
                        small(BOLD),
                    )],
                    widths[0],
                ),
                cell(
                    vec![centred(
                        &criterion.part.legal_max().to_string(),
                        small(BOLD),
                    )],
                    widths[1],
                ),
            ]);
        }
        if last_group != Some(criterion.group_no) {
            last_group = Some(criterion.group_no);
            rows.push(vec![
                cell(
                    vec![line(
                        &format!("{}. {}", criterion.group_no, criterion.group_name_vi),
                        small(BOLD),
                    )],
                    widths[0],
                ),
                cell(vec![gap()], widths[1]),
            ]);
        }
        criterion_rows(&mut rows, criterion, sheet, widths);
    }
    let total = if ticks == SheetTicks::Blank {
        "100".to_owned()
    } else {
        format!("{} / 100", summary.total)
    };
    rows.push(vec![
        cell(vec![line("TỔNG CỘNG", small(BOLD))], widths[0]),
        cell(vec![centred(&total, small(BOLD))], widths[1]),
    ]);
    table(rows, &widths, true)
}

/// A criterion's rows: its code and name with its maximum, then each option with □ (☑
/// when chosen on `sheet`) and its points, "*" for each star it is the minimum of.
fn criterion_rows(
    rows: &mut Vec<Vec<Cell>>,
    criterion: &Criterion,
    sheet: &ScoreSheet,
    widths: [usize; 2],
) {
    rows.push(vec![
        cell(
            vec![line(
                &format!("{} {}", criterion.code, criterion.name_vi),
                small(Style {
                    bold: true,
                    italic: true,
                    size: 0,
                }),
            )],
            widths[0],
        ),
        cell(
            vec![centred(&criterion.max_points.to_string(), small(PLAIN))],
            widths[1],
        ),
    ]);
    let chosen = match sheet.answers.get(&criterion.key) {
        Some(Answer::Chosen { option }) => Some(*option),
        _ => None,
    };
    for (index, option) in criterion.options.iter().enumerate() {
        let stars = option.star_min.map_or(String::new(), |s| {
            format!(" {}", "*".repeat(usize::from(s)))
        });
        rows.push(vec![
            cell(
                vec![line(
                    &format!("{} {}", check(chosen == Some(index)), option.label_vi),
                    small(PLAIN),
                )],
                widths[0],
            ),
            cell(
                vec![centred(&format!("{}{stars}", option.points), small(PLAIN))],
                widths[1],
            ),
        ]);
    }
}
