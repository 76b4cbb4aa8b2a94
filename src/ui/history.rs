//! The product's change history as a timeline, in words the screens use.

use egui::RichText;

use crate::app::AppState;
use crate::domain::history::{Change, DocDateField, Origin};
use crate::domain::model::{Certificate, OfficialResult, Product};
use crate::domain::scoring::Answer;

use super::text::{self, Lang};
use super::theme;

/// One history change in words, naming documents, criteria and stages as the screens do.
pub fn change_text(change: &Change, state: &AppState, product: &Product, lang: Lang) -> String {
    let doc_name = |key: &str| text::document_name(state.catalog(), product, key, lang);
    let criterion = product.current().and_then(|a| {
        state
            .catalog()
            .scoring_set(&a.rule_version, product.scoring_set)
    });
    let criterion_name = |key: &str| -> String {
        criterion.and_then(|set| set.criterion(key)).map_or_else(
            || key.to_owned(),
            |c| format!("{} {}", c.code, lang.pick(&c.name_vi, &c.name_en)),
        )
    };
    let answer_text = |key: &str, answer: &Option<Answer>| -> String {
        match answer {
            None => lang.t(text::UNANSWERED).to_owned(),
            Some(Answer::NotMet) => lang.t(text::NOT_MET).to_owned(),
            Some(Answer::Chosen { option }) => criterion
                .and_then(|set| set.criterion(key))
                .and_then(|c| c.option(*option))
                .map_or_else(
                    || format!("#{}", option + 1),
                    |o| format!("{} ({} đ)", lang.pick(&o.label_vi, &o.label_en), o.points),
                ),
        }
    };
    let date = |d: &Option<chrono::NaiveDate>| d.map_or_else(|| "—".to_owned(), |d| lang.date(d));
    let official = |o: &OfficialResult| -> String {
        format!(
            "{} · {} · {}",
            o.average_score
                .map_or_else(|| "—".to_owned(), |s| format!("{s:.1}")),
            o.star.map_or_else(|| "—".to_owned(), |s| format!("{s}★")),
            date(&o.date)
        )
    };
    let certificate = |c: &Option<Certificate>| -> String {
        c.as_ref().map_or_else(
            || "—".to_owned(),
            |c| format!("{}★ {} {}", c.star, c.number, lang.date(c.issued_on)),
        )
    };
    match change {
        Change::Created => lang.t(text::H_CREATED).to_owned(),
        Change::Restored => lang.t(text::H_RESTORED).to_owned(),
        Change::Stage { from, to } => format!(
            "{}: {} → {}",
            lang.t(text::H_STAGE),
            lang.t(text::stage_name(*from)),
            lang.t(text::stage_name(*to))
        ),
        Change::DocStatus { key, from, to } => format!(
            "{}: {} → {}",
            doc_name(key),
            lang.t(text::doc_status_name(*from)),
            lang.t(text::doc_status_name(*to))
        ),
        Change::DocDate {
            key,
            which,
            from,
            to,
        } => {
            let label = match which {
                DocDateField::Issued => text::DOC_ISSUED,
                DocDateField::ValidUntil => text::DOC_VALID_UNTIL,
            };
            format!(
                "{} · {}: {} → {}",
                doc_name(key),
                lang.t(label),
                date(from),
                date(to)
            )
        }
        Change::DocNote { key, to, .. } => {
            format!("{} · {}: “{to}”", doc_name(key), lang.t(text::H_NOTE))
        }
        Change::ReportDate { from, to } => format!(
            "{}: {} → {}",
            lang.t(text::FORM_REPORT_DATE),
            date(from),
            date(to)
        ),
        Change::Text { field, from, to } => {
            format!(
                "{}: “{from}” → “{to}”",
                lang.t(text::text_field_name(*field))
            )
        }
        Change::ProducerKind { from, to } => format!(
            "{}: {} → {}",
            lang.t(text::FIELD_PRODUCER_KIND),
            lang.t(text::producer_kind_name(*from)),
            lang.t(text::producer_kind_name(*to))
        ),
        Change::ScoringSet { from, to } => format!("{}: {from} → {to}", lang.t(text::H_SET)),
        Change::Answer {
            sheet,
            criterion: key,
            from,
            to,
        } => format!(
            "{} ({}) {}: {} → {}",
            lang.t(text::H_SCORE),
            lang.t(text::sheet_name(*sheet)),
            criterion_name(key),
            answer_text(key, from),
            answer_text(key, to)
        ),
        Change::Elimination { sheet, key, hit } => format!(
            "{} ({}) {key}: {}",
            lang.t(text::H_ELIMINATION),
            lang.t(text::sheet_name(*sheet)),
            lang.t(if *hit {
                text::H_ELIMINATION_HIT
            } else {
                text::H_ELIMINATION_CLEARED
            })
        ),
        Change::SheetNotes { sheet } => format!(
            "{} ({})",
            lang.t(text::H_SHEET_NOTES),
            lang.t(text::sheet_name(*sheet))
        ),
        Change::Official { from, to } => format!(
            "{}: {} → {}",
            lang.t(text::H_OFFICIAL),
            official(from),
            official(to)
        ),
        Change::Certificate { from, to } => {
            if from.is_none() && to.is_none() {
                lang.t(text::H_CERTIFICATE_EDITED).to_owned()
            } else {
                format!(
                    "{}: {} → {}",
                    lang.t(text::FIELD_CERTIFICATE),
                    certificate(from),
                    certificate(to)
                )
            }
        }
        Change::NewApplication { kind } => format!(
            "{}: {}",
            lang.t(text::H_NEW_APP),
            lang.t(text::application_kind_name(*kind))
        ),
        Change::Attached { key, file_name } => {
            format!(
                "{} · {}: {file_name}",
                doc_name(key),
                lang.t(text::H_ATTACHED)
            )
        }
        Change::Detached { key, file_name } => {
            format!(
                "{} · {}: {file_name}",
                doc_name(key),
                lang.t(text::H_DETACHED)
            )
        }
        Change::RemarkAdded {
            side,
            about,
            text: words,
        }
        | Change::RemarkRemoved {
            side,
            about,
            text: words,
        } => {
            let what = match about {
                crate::domain::remarks::RemarkAbout::Product => {
                    lang.t(text::REMARK_ON_PRODUCT).to_owned()
                }
                crate::domain::remarks::RemarkAbout::Document(key) => doc_name(key),
                crate::domain::remarks::RemarkAbout::Criterion(key) => criterion_name(key),
            };
            format!(
                "{} {} · {}: “{words}”",
                lang.t(if matches!(change, Change::RemarkAdded { .. }) {
                    text::H_REMARK_ADDED
                } else {
                    text::H_REMARK_REMOVED
                }),
                what,
                text::side_name(*side, lang)
            )
        }
        Change::KeptByProducer { kept } => lang
            .t(if *kept {
                text::H_KEPT_BY_PRODUCER
            } else {
                text::H_KEPT_BY_COMMUNE
            })
            .to_owned(),
        Change::Legacy { text: legacy } => format!("{} {legacy}", lang.t(text::H_LEGACY)),
    }
}

pub fn changelog_ui(ui: &mut egui::Ui, state: &AppState, product: &Product, lang: Lang) {
    if product.history.is_empty() {
        ui.label(lang.t(text::NO_HISTORY));
        return;
    }
    // Newest first; the log only grows, so show the latest 300 lines.
    for entry in product.history.iter().rev().take(300) {
        let origin = match entry.origin {
            Origin::Edit => String::new(),
            Origin::Undo => format!("[{}] ", lang.t(text::ORIGIN_UNDO)),
            Origin::Redo => format!("[{}] ", lang.t(text::ORIGIN_REDO)),
        };
        let changes: Vec<String> = entry
            .changes
            .iter()
            .map(|c| change_text(c, state, product, lang))
            .collect();
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    lang.date(entry.at.date()),
                    entry.at.format("%H:%M")
                ))
                .monospace()
                .color(theme::muted()),
            );
            if !entry.by.is_empty() {
                ui.label(RichText::new(&entry.by).color(theme::accent()));
            }
            ui.label(format!("{origin}{}", changes.join("; ")));
        });
    }
}
