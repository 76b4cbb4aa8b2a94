//! The typesetter's layout: margins, kept headings, justified lines.
use super::*;
use crate::documents::paper::{
    self, BOLD, PLAIN, body, cell, centred, document, line, section_heading, table,
};

fn texts(pages: &[Vec<Op>]) -> Vec<(usize, f32, f32, String)> {
    pages
        .iter()
        .enumerate()
        .flat_map(|(p, ops)| {
            ops.iter().filter_map(move |op| match op {
                Op::Text { x, y, text, .. } => Some((p, *x, *y, text.clone())),
                Op::Rule { .. } => None,
            })
        })
        .collect()
}

#[test]
fn text_stays_inside_the_decree_30_margins() {
    let fonts = Fonts::new().expect("fonts");
    let long =
        "Hợp tác xã nông nghiệp Bình An cam kết chịu trách nhiệm về tính trung thực của hồ sơ. "
            .repeat(60);
    let paper = document()
        .add_table(paper::national_header())
        .add_paragraph(centred("PHIẾU ĐĂNG KÝ", BOLD))
        .add_paragraph(body(&long))
        .add_table(table(
            vec![vec![
                cell(vec![line(&long, PLAIN)], 4000),
                cell(vec![line("☑ có", PLAIN)], 5071),
            ]],
            &[4000, 5071],
            true,
        ));
    let pages = lay_out(&paper, &fonts);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (page, x, y, text) in texts(&pages) {
        let w = fonts.measure(&text, false, false, 13.0);
        assert!(x >= left() - 0.01, "page {page}: {text} at x {x}");
        assert!(
            x + w <= left() + text_width() + 2.0,
            "page {page}: {text} ends at {}",
            x + w
        );
        assert!(
            y >= top() && y <= bottom() + 0.01,
            "page {page}: {text} at y {y}"
        );
    }
    // The tick box is drawn in the fallback face (OCOP Serif, from Liberation Serif, has no ☑).
    assert!(pages.iter().flatten().any(|op| matches!(op,
        Op::Text { text, face: FaceId::Fallback { .. }, .. } if text.contains('☑'))));
}

#[test]
fn a_heading_kept_with_what_follows_never_ends_a_page() {
    let fonts = Fonts::new().expect("fonts");
    let mut paper = document();
    // Fill a page almost to the bottom, then a heading and its text.
    for i in 0..36 {
        paper = paper.add_paragraph(line(&format!("Dòng {i}"), PLAIN));
    }
    paper = paper
        .add_paragraph(section_heading("Phần IV. CAM KẾT"))
        .add_paragraph(line("Chúng tôi cam kết.", PLAIN));
    let pages = lay_out(&paper, &fonts);
    let found = texts(&pages);
    let heading = found.iter().find(|t| t.3.contains("CAM")).expect("heading");
    let after = found.iter().find(|t| t.3.contains("cam")).expect("text");
    assert_eq!(heading.0, after.0, "heading and its text on one page");
}

#[test]
fn justified_lines_reach_both_margins_but_the_last() {
    let fonts = Fonts::new().expect("fonts");
    let laid = lay_paragraph(&body(&"chủ thể sản xuất ".repeat(40)), text_width(), &fonts);
    assert!(laid.lines.len() > 2);
    let end = |line: &LineBox| {
        line.ops
            .iter()
            .filter_map(|op| match op {
                Op::Text {
                    x,
                    text,
                    size,
                    face,
                    ..
                } => Some(x + fonts.face(*face).width(text, *size)),
                Op::Rule { .. } => None,
            })
            .fold(0.0f32, f32::max)
    };
    let first = laid.lines.first().map(end).unwrap_or_default();
    assert!(
        (first - text_width()).abs() < 1.0,
        "{first} vs {}",
        text_width()
    );
    let last = laid.lines.last().map(end).unwrap_or_default();
    assert!(last < text_width() - 5.0);
}
