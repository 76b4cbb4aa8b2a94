//! The product's change history as a timeline, in words the screens use.

use egui::RichText;

use crate::app::AppState;
use crate::domain::criteria::ScoringSet;
use crate::domain::history::{Change, DocDateField, Origin, Sheet};
use crate::domain::model::{Certificate, OfficialResult, Product, ProductId, WorkspaceKind};
use crate::domain::remarks::RemarkAbout;
use crate::domain::scoring::Answer;

use super::text::{self, Lang};
use super::theme;

/// One history change in words, naming documents, criteria and stages as the screens do.
pub fn change_text(change: &Change, state: &AppState, product: &Product, lang: Lang) -> String {
    let words = Words::new(state, product, lang);
    match change {
        // The product and its applications.
        Change::Created => lang.t(text::H_CREATED).to_owned(),
        Change::Restored => lang.t(text::H_RESTORED).to_owned(),
        Change::Stage { from, to } => format!(
            "{}: {} → {}",
            lang.t(text::H_STAGE),
            lang.t(text::stage_name(*from)),
            lang.t(text::stage_name(*to))
        ),
        Change::NewApplication { kind } => format!(
            "{}: {}",
            lang.t(text::H_NEW_APP),
            lang.t(text::application_kind_name(*kind))
        ),
        Change::KeptByProducer { kept } => lang
            .t(if *kept {
                text::H_KEPT_BY_PRODUCER
            } else {
                text::H_KEPT_BY_COMMUNE
            })
            .to_owned(),
        Change::Legacy { text: legacy } => format!("{} {legacy}", lang.t(text::H_LEGACY)),
        // The product's fields.
        Change::ReportDate { from, to } => format!(
            "{}: {} → {}",
            lang.t(text::FORM_REPORT_DATE),
            words.date(*from),
            words.date(*to)
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
        // Dossier documents.
        Change::DocStatus { key, from, to } => format!(
            "{}: {} → {}",
            words.doc_name(key),
            lang.t(text::doc_status_name(*from)),
            lang.t(text::doc_status_name(*to))
        ),
        Change::DocDate {
            key,
            which,
            from,
            to,
        } => words.doc_date(key, *which, *from, *to),
        Change::DocNote { key, to, .. } => {
            format!("{} · {}: “{to}”", words.doc_name(key), lang.t(text::H_NOTE))
        }
        Change::Attached { key, file_name } => words.doc_file(key, text::H_ATTACHED, file_name),
        Change::Detached { key, file_name } => words.doc_file(key, text::H_DETACHED, file_name),
        // Score sheets, the council's result and the certificate.
        Change::Answer {
            sheet,
            criterion: key,
            from,
            to,
        } => words.answer(*sheet, key, from.as_ref(), to.as_ref()),
        Change::Elimination { sheet, key, hit } => words.elimination(*sheet, key, *hit),
        Change::SheetNotes { sheet } => format!(
            "{} ({})",
            lang.t(text::H_SHEET_NOTES),
            lang.t(text::sheet_name(*sheet))
        ),
        Change::Official { from, to } => format!(
            "{}: {} → {}",
            lang.t(text::H_OFFICIAL),
            words.official(from),
            words.official(to)
        ),
        Change::Certificate { from, to } => words.certificate_change(from.as_ref(), to.as_ref()),
        // Remarks.
        Change::RemarkAdded {
            side,
            about,
            text: said,
        } => words.remark(text::H_REMARK_ADDED, *side, about, said),
        Change::RemarkRemoved {
            side,
            about,
            text: said,
        } => words.remark(text::H_REMARK_REMOVED, *side, about, said),
    }
}

/// What [`change_text`] names things with: documents, criteria, answers, dates.
struct Words<'a> {
    state: &'a AppState,
    product: &'a Product,
    lang: Lang,
    /// The current application's scoring set, which names criteria and their options.
    set: Option<&'a ScoringSet>,
}

impl<'a> Words<'a> {
    fn new(state: &'a AppState, product: &'a Product, lang: Lang) -> Self {
        let set = product.current().and_then(|a| {
            state
                .catalog()
                .scoring_set(&a.rule_version, product.scoring_set)
        });
        Words {
            state,
            product,
            lang,
            set,
        }
    }

    fn doc_name(&self, key: &str) -> String {
        text::document_name(self.state.catalog(), self.product, key, self.lang)
    }

    fn criterion_name(&self, key: &str) -> String {
        self.set.and_then(|set| set.criterion(key)).map_or_else(
            || key.to_owned(),
            |c| format!("{} {}", c.code, self.lang.pick(&c.name_vi, &c.name_en)),
        )
    }

    fn answer_text(&self, key: &str, answer: Option<&Answer>) -> String {
        let lang = self.lang;
        match answer {
            None => lang.t(text::UNANSWERED).to_owned(),
            Some(Answer::NotMet) => lang.t(text::NOT_MET).to_owned(),
            Some(Answer::Chosen { option }) => self
                .set
                .and_then(|set| set.criterion(key))
                .and_then(|c| c.option(*option))
                .map_or_else(
                    || format!("#{}", option + 1),
                    |o| {
                        format!(
                            "{} ({} {})",
                            lang.pick(&o.label_vi, &o.label_en),
                            o.points,
                            text::points_unit(u32::from(o.points), lang)
                        )
                    },
                ),
        }
    }

    fn date(&self, d: Option<chrono::NaiveDate>) -> String {
        d.map_or_else(|| "—".to_owned(), |d| self.lang.date(d))
    }

    fn official(&self, o: &OfficialResult) -> String {
        format!(
            "{} · {} · {}",
            o.average_score
                .map_or_else(|| "—".to_owned(), |s| format!("{s:.1}")),
            o.star.map_or_else(|| "—".to_owned(), |s| format!("{s}★")),
            self.date(o.date)
        )
    }

    fn certificate(&self, c: Option<&Certificate>) -> String {
        c.map_or_else(
            || "—".to_owned(),
            |c| format!("{}★ {} {}", c.star, c.number, self.lang.date(c.issued_on)),
        )
    }

    /// A document's issue or expiry date changed.
    fn doc_date(
        &self,
        key: &str,
        which: DocDateField,
        from: Option<chrono::NaiveDate>,
        to: Option<chrono::NaiveDate>,
    ) -> String {
        let label = match which {
            DocDateField::Issued => text::DOC_ISSUED,
            DocDateField::ValidUntil => text::DOC_VALID_UNTIL,
        };
        format!(
            "{} · {}: {} → {}",
            self.doc_name(key),
            self.lang.t(label),
            self.date(from),
            self.date(to)
        )
    }

    /// An evidence file attached to or detached from a document (`what` says which).
    fn doc_file(&self, key: &str, what: text::Tr, file_name: &str) -> String {
        format!(
            "{} · {}: {file_name}",
            self.doc_name(key),
            self.lang.t(what)
        )
    }

    /// A criterion's answer changed on one sheet.
    fn answer(
        &self,
        sheet: Sheet,
        key: &str,
        from: Option<&Answer>,
        to: Option<&Answer>,
    ) -> String {
        format!(
            "{} ({}) {}: {} → {}",
            self.lang.t(text::H_SCORE),
            self.lang.t(text::sheet_name(sheet)),
            self.criterion_name(key),
            self.answer_text(key, from),
            self.answer_text(key, to)
        )
    }

    /// An eliminating condition marked or cleared on one sheet.
    fn elimination(&self, sheet: Sheet, key: &str, hit: bool) -> String {
        let lang = self.lang;
        format!(
            "{} ({}) {key}: {}",
            lang.t(text::H_ELIMINATION),
            lang.t(text::sheet_name(sheet)),
            lang.t(if hit {
                text::H_ELIMINATION_HIT
            } else {
                text::H_ELIMINATION_CLEARED
            })
        )
    }

    /// The certificate corrected (an old entry without its values says only that).
    fn certificate_change(&self, from: Option<&Certificate>, to: Option<&Certificate>) -> String {
        if from.is_none() && to.is_none() {
            self.lang.t(text::H_CERTIFICATE_EDITED).to_owned()
        } else {
            format!(
                "{}: {} → {}",
                self.lang.t(text::FIELD_CERTIFICATE),
                self.certificate(from),
                self.certificate(to)
            )
        }
    }

    /// A remark written or withdrawn (`what` says which) by `side`.
    fn remark(
        &self,
        what: text::Tr,
        side: WorkspaceKind,
        about: &RemarkAbout,
        said: &str,
    ) -> String {
        let about = match about {
            RemarkAbout::Product => self.lang.t(text::REMARK_ON_PRODUCT).to_owned(),
            RemarkAbout::Document(key) => self.doc_name(key),
            RemarkAbout::Criterion(key) => self.criterion_name(key),
        };
        format!(
            "{} {} · {}: “{said}”",
            self.lang.t(what),
            about,
            text::side_name(side, self.lang)
        )
    }
}

/// The change history's lines, worded once per product, revision and language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChangelogLines {
    /// What they are of: product, `AppState::revision`, language.
    key: Option<(ProductId, u64, Lang)>,
    /// Newest first: when, by whom, what.
    lines: Vec<ChangelogLine>,
}

/// One entry of the change history, worded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ChangelogLine {
    when: String,
    by: String,
    what: String,
}

/// Lines of the change history shown (the newest; the log only grows).
const SHOWN_LINES: usize = 300;

impl ChangelogLines {
    /// The lines of `product` as of `state`'s revision, worded now if they are not yet.
    fn of(&mut self, state: &AppState, product: &Product, lang: Lang) -> &[ChangelogLine] {
        let key = (product.id.clone(), state.revision(), lang);
        if self.key.as_ref() != Some(&key) {
            self.lines = product
                .history
                .iter()
                .rev()
                .take(SHOWN_LINES)
                .map(|entry| {
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
                    ChangelogLine {
                        when: format!(
                            "{} {}",
                            lang.date(entry.at.date()),
                            entry.at.format("%H:%M")
                        ),
                        by: entry.by.clone(),
                        what: format!("{origin}{}", changes.join("; ")),
                    }
                })
                .collect();
            self.key = Some(key);
        }
        &self.lines
    }
}

/// The change history, newest first (worded once per revision: `ChangelogLines`).
pub fn changelog_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    product: &Product,
    lang: Lang,
    kept: &mut ChangelogLines,
) {
    if product.history.is_empty() {
        ui.label(lang.t(text::NO_HISTORY));
        return;
    }
    for line in kept.of(state, product, lang) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&line.when).monospace().color(theme::muted()));
            if !line.by.is_empty() {
                ui.label(RichText::new(&line.by).color(theme::accent()));
            }
            ui.label(&line.what);
        });
    }
}
