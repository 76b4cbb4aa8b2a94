//! The commune's periodic report ("Báo cáo kết quả thực hiện Chương trình OCOP") as a
//! Word document in the Decree 30/2020 layout, and as the tables its Excel workbook is
//! written from ([`book`]; `storage::spreadsheet::summary_bytes` makes the .xlsx).
//!
//! Built from `domain::summary::Summary` (the counts) and the words of `text::summary`,
//! in the user's language. Layout: the commune's header beside the national header, the
//! number and the place and date, "BÁO CÁO" and its subject line, Part I with the
//! tables, Parts II–IV for the officer's own words (dotted lines when left empty), the
//! recipients beside the signature, then the product list as an annex on a new page.
//! Bytes only; no files, no clock.

use super::paper::{Align, Paper, Paragraph, Spacing};

use super::DocumentError;
use super::forms::{official_commune_name, small, title};
use super::paper::{
    self, BOLD, ITALIC, PLAIN, SMALL, Style, TEXT_WIDTH, cell, centred, gap, line, table,
};
use crate::domain::model::WorkspaceInfo;
use crate::domain::spreadsheet::OutCell;
use crate::domain::summary::{GroupKey, ReportBook, ReportTable, StarCount, Summary, SummaryTexts};
use crate::text::{self, Lang};

/// The Word document of the report, as .docx bytes.
pub fn docx_bytes(
    summary: &Summary,
    info: &WorkspaceInfo,
    texts: &SummaryTexts,
    lang: Lang,
) -> Result<Vec<u8>, DocumentError> {
    let book = book(summary, info, lang);
    let commune = official_commune_name(&info.commune);
    let agency_commune = text::summary_agency_commune(commune, lang);
    let national =
        paper::national_header_lines_in(lang.t(text::SUM_COUNTRY), lang.t(text::SUM_MOTTO));
    let mut doc = paper::document()
        .add_table(paper::agency_header_in(
            &[
                (lang.t(text::SUM_AGENCY), small(BOLD)),
                (&agency_commune, small(BOLD)),
                (text::summary_number(lang), small(PLAIN)),
            ],
            national,
        ))
        .add_paragraph(
            centred(
                &text::summary_place_date(commune, summary.today, lang),
                ITALIC,
            )
            .align(Align::Right),
        )
        .add_paragraph(gap())
        .add_paragraph(title(lang.t(text::SUM_TITLE)))
        .add_paragraph(centred(
            &text::summary_subtitle(&summary.period, lang),
            BOLD,
        ))
        .add_paragraph(centred("-----------", PLAIN))
        .add_paragraph(paper::body(&text::summary_intro(
            commune,
            &summary.period,
            lang,
        )))
        .add_paragraph(heading(lang.t(text::SUM_PART_RESULTS)));
    for report_table in &book.tables {
        doc = add_table(doc, report_table);
    }
    for (heading, words) in [
        (text::SUM_PART_ASSESSMENT, &texts.assessment),
        (text::SUM_PART_DIFFICULTIES, &texts.difficulties),
        (text::SUM_PART_PROPOSALS, &texts.proposals),
    ] {
        doc = doc.add_paragraph(self::heading(lang.t(heading)));
        doc = officers_words(doc, words);
    }
    // The closing sentence stays with the signature.
    doc = doc.add_paragraph(
        paper::body(&text::summary_closing(commune, &summary.period, lang)).keep_next(true),
    );
    let mut recipients = vec![line(
        lang.t(text::SUM_RECIPIENTS),
        Style {
            italic: true,
            ..small(BOLD)
        },
    )];
    recipients.extend(
        text::summary_recipients(&info.province, lang)
            .iter()
            .map(|l| line(l, small(PLAIN))),
    );
    doc = doc.add_table(paper::signature_with_recipients(
        "",
        lang.t(text::SUM_SIGN_FOR),
        lang.t(text::SUM_SIGN_HOW),
        "",
        recipients,
    ));
    // The annex on its own page.
    let [annex_title, annex_of] = text::summary_annex_title(commune, summary.today, lang);
    doc = doc
        .add_paragraph(Paragraph::new().page_break_before(true))
        .add_paragraph(title(lang.t(text::SUM_ANNEX)))
        .add_paragraph(centred(&annex_title, BOLD))
        .add_paragraph(centred(&annex_of, ITALIC))
        .add_paragraph(gap());
    doc = add_rows(doc, &book.annex);
    doc = doc.add_paragraph(line(
        lang.t(text::SUM_MADE_WITH),
        Style {
            bold: false,
            italic: true,
            size: 20,
        },
    ));
    super::docx::pack(&doc).map_err(DocumentError::Build)
}

/// A section heading with a little space above it (6 pt), kept with what follows.
fn heading(text: &str) -> Paragraph {
    paper::section_heading(text).line_spacing(Spacing::new().before(120).after(40))
}

/// The officer's text, a paragraph per line; three dotted lines to write on when empty.
fn officers_words(mut doc: Paper, words: &str) -> Paper {
    let lines: Vec<&str> = words
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        for _ in 0..3 {
            doc = doc.add_paragraph(paper::dotted_line());
        }
        return doc;
    }
    for l in lines {
        doc = doc.add_paragraph(paper::body(l));
    }
    doc
}

/// A table of Part I: its heading, the table (or the sentence said when it is empty),
/// its notes.
fn add_table(mut doc: Paper, report_table: &ReportTable) -> Paper {
    doc = doc.add_paragraph(heading(&report_table.heading));
    doc = add_rows(doc, report_table);
    for note in &report_table.notes {
        doc = doc.add_paragraph(line(
            note,
            Style {
                bold: false,
                italic: true,
                size: SMALL,
            },
        ));
    }
    doc
}

/// The bordered table itself, widths scaled to the text width; text left, numbers and
/// dates centred, the totals row bold. (The widths are chosen so that a date,
/// "10/03/2026", fits on one line at 12 pt with Word's cell margins: about 1,310 twips.)
fn add_rows(doc: Paper, report_table: &ReportTable) -> Paper {
    if report_table.rows.is_empty()
        && let Some(empty) = &report_table.when_empty
    {
        return doc.add_paragraph(line(empty, ITALIC));
    }
    let weights: usize = report_table
        .widths
        .iter()
        .map(|w| usize::from(*w))
        .sum::<usize>()
        .max(1);
    let mut widths: Vec<usize> = report_table
        .widths
        .iter()
        .map(|w| usize::from(*w) * TEXT_WIDTH / weights)
        .collect();
    // Rounding down leaves a few twips: the first wide column takes them.
    let rest = TEXT_WIDTH.saturating_sub(widths.iter().sum());
    if let Some(widest) = widths.iter_mut().max() {
        *widest += rest;
    }
    let width = |i: usize| widths.get(i).copied().unwrap_or(0);
    // A table stays on the page of its heading: the header row always keeps with the
    // first row, and a short table (up to 15 rows) keeps whole ("keep with next" on the
    // paragraphs of every row but the last; Word and LibreOffice honour it in tables).
    let keep_whole = report_table.rows.len() <= 15;
    let last = report_table.rows.len() + usize::from(report_table.total.is_some());
    let mut rows = vec![
        report_table
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| cell(vec![centred(h, small(BOLD)).keep_next(true)], width(i)))
            .collect::<Vec<_>>(),
    ];
    let row_of = |cells: &Vec<OutCell>, style: Style, number: usize| {
        let keep = (keep_whole || number == 1) && number < last;
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| cell(vec![cell_paragraph(c, style).keep_next(keep)], width(i)))
            .collect::<Vec<_>>()
    };
    for (index, cells) in report_table.rows.iter().enumerate() {
        rows.push(row_of(cells, small(PLAIN), index + 1));
    }
    if let Some(total) = &report_table.total {
        rows.push(row_of(total, small(BOLD), last));
    }
    doc.add_table(table(rows, &widths, true))
}

fn cell_paragraph(value: &OutCell, style: Style) -> Paragraph {
    match value {
        OutCell::Text(t) => line(t, style),
        OutCell::Int(n) => centred(&n.to_string(), style),
        OutCell::Date(d) => centred(&d.format("%d/%m/%Y").to_string(), style),
        OutCell::Empty => gap(),
    }
}

fn int(n: usize) -> OutCell {
    OutCell::Int(u32::try_from(n).unwrap_or(u32::MAX))
}

fn words(t: &str) -> OutCell {
    OutCell::Text(t.to_owned())
}

/// The report's tables in `lang`: the Word document's Part I and annex, and the
/// workbook's two sheets.
pub fn book(summary: &Summary, info: &WorkspaceInfo, lang: Lang) -> ReportBook {
    let certified_total: usize = summary.by_set.iter().map(|r| r.certified).sum();
    let tables = vec![
        by_stage(summary, lang),
        new_by_star(summary, lang),
        new_list(summary, lang),
        due(summary, lang),
        by_set(summary, lang, certified_total),
        by_group(summary, lang, certified_total),
    ];
    let commune = official_commune_name(&info.commune);
    let [annex_title, _] = text::summary_annex_title(commune, summary.today, lang);
    ReportBook {
        sheet_name: lang.t(text::SUM_SHEET).to_owned(),
        title: vec![
            format!(
                "{} – {} {}",
                lang.t(text::SUM_TITLE),
                lang.t(text::SUM_AGENCY),
                text::summary_agency_commune(commune, lang)
            ),
            text::summary_subtitle(&summary.period, lang),
        ],
        tables,
        annex_name: lang.t(text::SUM_ANNEX_SHEET).to_owned(),
        annex: ReportTable {
            heading: annex_title,
            ..annex(summary, lang)
        },
        date_format: lang.t(text::XL_DATE_FORMAT).to_owned(),
    }
}

/// Column headings in `lang`.
fn headers(lang: Lang, trs: &[text::Tr]) -> Vec<String> {
    trs.iter().map(|t| lang.t(*t).to_owned()).collect()
}

/// "Total" in `lang`, the first words of a total row.
fn total_label(lang: Lang) -> OutCell {
    words(lang.t(text::SUM_TOTAL))
}

/// 1. By stage at the period's end; the approximated ones marked in the notes.
fn by_stage(summary: &Summary, lang: Lang) -> ReportTable {
    let counted: usize = summary.by_stage.iter().map(|(_, n)| n).sum();
    ReportTable {
        heading: text::summary_by_stage(summary.as_of, lang),
        headers: headers(
            lang,
            &[
                text::SUM_COL_NO,
                text::SUM_COL_STAGE,
                text::SUM_COL_PRODUCTS,
            ],
        ),
        widths: vec![5, 40, 14],
        rows: summary
            .by_stage
            .iter()
            .enumerate()
            .map(|(i, (stage, n))| {
                vec![int(i + 1), words(lang.t(text::stage_name(*stage))), int(*n)]
            })
            .collect(),
        total: Some(vec![OutCell::Empty, total_label(lang), int(counted)]),
        notes: text::summary_stage_notes(
            summary.approximated,
            summary.added_after,
            summary.without_application,
            summary.as_of,
            lang,
        ),
        when_empty: None,
        own_sheet: None,
    }
}

/// 2. New certificates by star and kind.
fn new_by_star(summary: &Summary, lang: Lang) -> ReportTable {
    let star_row = |c: &StarCount| {
        vec![
            words(&text::stars_words(c.star, lang)),
            int(c.first_rating),
            int(c.upgrade),
            int(c.re_rating),
            int(c.total()),
        ]
    };
    let sum = |f: fn(&StarCount) -> usize| summary.new_by_star.iter().map(f).sum::<usize>();
    ReportTable {
        heading: text::summary_new(&summary.period, lang),
        headers: headers(
            lang,
            &[
                text::SUM_COL_RANK,
                text::SUM_COL_FIRST,
                text::SUM_COL_UPGRADE,
                text::SUM_COL_RERATING,
                text::SUM_COL_TOTAL,
            ],
        ),
        widths: vec![14, 12, 12, 12, 10],
        rows: summary.new_by_star.iter().map(star_row).collect(),
        total: Some(vec![
            total_label(lang),
            int(sum(|c| c.first_rating)),
            int(sum(|c| c.upgrade)),
            int(sum(|c| c.re_rating)),
            int(sum(StarCount::total)),
        ]),
        notes: Vec::new(),
        when_empty: None,
        own_sheet: None,
    }
}

/// 2. (continued) The list of the new certificates (a sheet of its own).
fn new_list(summary: &Summary, lang: Lang) -> ReportTable {
    ReportTable {
        heading: lang.t(text::SUM_NEW_LIST).to_owned(),
        headers: headers(
            lang,
            &[
                text::SUM_COL_NO,
                text::SUM_COL_PRODUCT,
                text::SUM_COL_PRODUCER,
                text::SUM_COL_RANK,
                text::SUM_COL_CERT_NO,
                text::SUM_COL_ISSUED,
            ],
        ),
        widths: vec![7, 22, 22, 14, 16, 15],
        rows: summary
            .new_certificates
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![
                    int(i + 1),
                    words(&c.product),
                    words(&c.producer),
                    words(&format!(
                        "{} ({})",
                        text::stars_words(c.star, lang),
                        lang.t(text::application_kind_name(c.kind))
                    )),
                    words(&c.number),
                    OutCell::Date(c.issued_on),
                ]
            })
            .collect(),
        total: None,
        notes: Vec::new(),
        when_empty: Some(lang.t(text::SUM_NO_NEW).to_owned()),
        own_sheet: Some(lang.t(text::SUM_NEW_SHEET).to_owned()),
    }
}

/// 3. Due in the next period (a sheet of its own).
fn due(summary: &Summary, lang: Lang) -> ReportTable {
    let [due_heading, due_rule] = text::summary_due(&summary.next, lang);
    ReportTable {
        heading: due_heading,
        headers: headers(
            lang,
            &[
                text::SUM_COL_NO,
                text::SUM_COL_PRODUCT,
                text::SUM_COL_RANK,
                text::SUM_COL_ISSUED,
                text::SUM_COL_EXPIRES,
                text::SUM_COL_FILE_BY,
                text::SUM_COL_NOTE,
            ],
        ),
        widths: vec![7, 20, 9, 15, 15, 20, 16],
        rows: summary
            .due_next
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut note = Vec::new();
                if c.expires_in_next {
                    note.push(lang.t(text::SUM_EXPIRES_NEXT));
                }
                if c.rerating_in_next {
                    note.push(lang.t(text::SUM_RERATING_NEXT));
                }
                if c.rerating_started {
                    note.push(lang.t(text::SUM_RERATING_STARTED));
                }
                vec![
                    int(i + 1),
                    words(&c.product),
                    words(&text::stars_words(c.star, lang)),
                    OutCell::Date(c.issued_on),
                    OutCell::Date(c.expires_on),
                    words(&format!(
                        "{} – {}",
                        lang.date(c.rerating_opens),
                        lang.date(c.rerating_closes)
                    )),
                    words(&note.join("; ")),
                ]
            })
            .collect(),
        total: None,
        notes: vec![due_rule],
        when_empty: Some(lang.t(text::SUM_NONE_DUE).to_owned()),
        own_sheet: Some(lang.t(text::SUM_DUE_SHEET).to_owned()),
    }
}

/// 4. By scoring set; `certified_total` certified in all.
fn by_set(summary: &Summary, lang: Lang, certified_total: usize) -> ReportTable {
    ReportTable {
        heading: lang.t(text::SUM_BY_SET).to_owned(),
        headers: headers(
            lang,
            &[
                text::SUM_COL_NO,
                text::SUM_COL_SET,
                text::SUM_COL_PRODUCTS,
                text::SUM_COL_CERTIFIED,
            ],
        ),
        widths: vec![5, 40, 12, 16],
        rows: summary
            .by_set
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    int(i + 1),
                    words(&text::summary_set_name(r.key, &r.name_vi, &r.name_en, lang)),
                    int(r.products),
                    int(r.certified),
                ]
            })
            .collect(),
        total: Some(vec![
            OutCell::Empty,
            total_label(lang),
            int(summary.products),
            int(certified_total),
        ]),
        notes: Vec::new(),
        when_empty: None,
        own_sheet: None,
    }
}

/// 5. By Appendix I group; `certified_total` certified in all.
fn by_group(summary: &Summary, lang: Lang, certified_total: usize) -> ReportTable {
    ReportTable {
        heading: lang.t(text::SUM_BY_GROUP).to_owned(),
        headers: headers(
            lang,
            &[
                text::SUM_COL_NO,
                text::SUM_COL_GROUP,
                text::SUM_COL_PRODUCTS,
                text::SUM_COL_CERTIFIED,
            ],
        ),
        widths: vec![5, 40, 12, 16],
        rows: summary
            .by_group
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let name = match &r.key {
                    GroupKey::Group { roman, .. } if r.name_vi.is_empty() => roman.clone(),
                    GroupKey::Group { roman, .. } => format!("{roman}. {}", r.name_vi),
                    GroupKey::NotChosen => lang.t(text::SUM_NOT_CHOSEN).to_owned(),
                    GroupKey::Unknown => lang.t(text::SUM_UNKNOWN_GROUP).to_owned(),
                };
                vec![int(i + 1), words(&name), int(r.products), int(r.certified)]
            })
            .collect(),
        total: Some(vec![
            OutCell::Empty,
            total_label(lang),
            int(summary.products),
            int(certified_total),
        ]),
        notes: Vec::new(),
        when_empty: None,
        own_sheet: None,
    }
}

/// The annex: the portfolio's rows, as the portfolio screen shows them (its heading
/// left to [`book`]).
fn annex(summary: &Summary, lang: Lang) -> ReportTable {
    ReportTable {
        heading: String::new(),
        headers: headers(
            lang,
            &[
                text::SUM_COL_NO,
                text::SUM_COL_PRODUCT,
                text::SUM_COL_PRODUCER,
                text::SUM_COL_SET_SHORT,
                text::SUM_COL_CURRENT_STAGE,
                text::SUM_COL_STARS,
                text::SUM_COL_ISSUED,
                text::SUM_COL_EXPIRES,
            ],
        ),
        widths: vec![7, 15, 15, 6, 15, 11, 15, 15],
        rows: summary
            .annex
            .iter()
            .enumerate()
            .map(|(i, row)| {
                vec![
                    int(i + 1),
                    words(&row.name),
                    words(&row.producer),
                    words(&text::summary_set_short(row.scoring_set, lang)),
                    row.stage
                        .map_or(OutCell::Empty, |s| words(lang.t(text::stage_name(s)))),
                    words(&text::summary_row_stars(row, lang)),
                    row.certificate
                        .as_ref()
                        .map_or(OutCell::Empty, |c| OutCell::Date(c.issued_on)),
                    row.expires_on.map_or(OutCell::Empty, OutCell::Date),
                ]
            })
            .collect(),
        total: None,
        notes: Vec::new(),
        when_empty: None,
        own_sheet: None,
    }
}
