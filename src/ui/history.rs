//! The product's change history as a timeline, in words the screens use.

use egui::RichText;

use crate::app::AppState;
use crate::domain::history::{Change, Origin};
use crate::domain::model::Product;

use super::text::{self, Lang};
use super::theme;

/// One history change in words, naming documents and stages as the screens do.
pub fn change_text(change: &Change, state: &AppState, product: &Product, lang: Lang) -> String {
    let doc_name = |key: &str| -> String {
        product
            .current()
            .and_then(|a| state.catalog.template(&a.rule_version))
            .and_then(|t| t.item(key))
            .map_or_else(
                || key.to_owned(),
                |i| lang.pick(&i.name_vi, &i.name_en).to_owned(),
            )
    };
    let date = |d: &Option<chrono::NaiveDate>| d.map_or_else(|| "—".to_owned(), |d| lang.date(d));
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
            let label = if which == "issued" {
                text::DOC_ISSUED
            } else {
                text::DOC_VALID_UNTIL
            };
            format!(
                "{} · {}: {} → {}",
                doc_name(key),
                lang.t(label),
                date(from),
                date(to)
            )
        }
        Change::DocNote { key, to } => {
            format!("{} · {}: “{to}”", doc_name(key), lang.t(text::H_NOTE))
        }
        Change::Field { field, from, to } => format!("{field}: “{from}” → “{to}”"),
        Change::ScoringSet { from, to } => format!("{}: {from} → {to}", lang.t(text::H_SET)),
        Change::Score {
            sheet,
            item,
            from,
            to,
        } => {
            format!("{} ({sheet}) {item}: {from} → {to}", lang.t(text::H_SCORE))
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
        Change::Other { summary } => summary.clone(),
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
