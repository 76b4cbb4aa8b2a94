//! Each product's append-only change log: when, by whom, what changed from what to what.
//!
//! The log is stored with the product. It is only ever appended to: undo and redo add an
//! entry instead of erasing one. [`describe`] derives the entry of an edit by comparing the
//! product before and after, so every command is logged without a case of its own.
//! Pure: no egui, no files.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::dossier::{DocStatus, DossierEntry};
use super::model::{
    Application, ApplicationKind, Certificate, FormText, OfficialResult, ProducerKind, Product,
    WorkspaceKind,
};
use super::remarks::{Remark, RemarkAbout};
use super::scoring::Answer;
use super::stage::Stage;

/// Which date of a dossier document changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocDateField {
    /// Issue date.
    Issued,
    ValidUntil,
}

/// A free-text field of the product or its current application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TextField {
    /// Product name.
    Name,
    Commune,
    ProductCode,
    Description,
    /// Product notes.
    Notes,
    /// Producer's name.
    Producer,
    /// Producer's legal representative.
    LegalRepresentative,
    /// Producer's phone.
    Phone,
    /// Producer's address.
    Address,
    /// Notes of the current application.
    ApplicationNotes,
    /// A form text of the current application.
    Form(FormText),
}

impl TextField {
    /// Whether the field is one of an application's (its notes, a form's text), not the
    /// product's.
    pub fn is_application_field(self) -> bool {
        matches!(self, TextField::ApplicationNotes | TextField::Form(_))
    }

    /// The product and application fields, in the order the screens show them.
    pub const BASE: [TextField; 10] = [
        TextField::Name,
        TextField::Commune,
        TextField::ProductCode,
        TextField::Description,
        TextField::Notes,
        TextField::Producer,
        TextField::LegalRepresentative,
        TextField::Phone,
        TextField::Address,
        TextField::ApplicationNotes,
    ];

    /// The field's text in `product`; an application's field is read from its
    /// application at `app` (empty when there is none). The one place that says which
    /// field of the model a `TextField` is, with [`TextField::get_mut`].
    pub fn get(self, product: &Product, app: Option<usize>) -> &str {
        let app = app.and_then(|i| product.applications.get(i));
        match self {
            TextField::Name => &product.name,
            TextField::Commune => &product.commune,
            TextField::ProductCode => &product.product_code,
            TextField::Description => &product.description,
            TextField::Notes => &product.notes,
            TextField::Producer => &product.producer.name,
            TextField::LegalRepresentative => &product.producer.legal_representative,
            TextField::Phone => &product.producer.phone,
            TextField::Address => &product.producer.address,
            TextField::ApplicationNotes => app.map_or("", |a| a.notes.as_str()),
            TextField::Form(field) => app.map_or("", |a| a.forms.get(field)),
        }
    }

    /// The field's text in `product` to change (see [`TextField::get`]); None for an
    /// application's field when there is no application at `app`. A form text is set
    /// through [`TextField::set`], which removes an emptied one.
    pub fn get_mut(self, product: &mut Product, app: Option<usize>) -> Option<&mut String> {
        let app = app.and_then(|i| product.applications.get_mut(i));
        Some(match self {
            TextField::Name => &mut product.name,
            TextField::Commune => &mut product.commune,
            TextField::ProductCode => &mut product.product_code,
            TextField::Description => &mut product.description,
            TextField::Notes => &mut product.notes,
            TextField::Producer => &mut product.producer.name,
            TextField::LegalRepresentative => &mut product.producer.legal_representative,
            TextField::Phone => &mut product.producer.phone,
            TextField::Address => &mut product.producer.address,
            TextField::ApplicationNotes => &mut app?.notes,
            TextField::Form(field) => app?.forms.texts.entry(field).or_default(),
        })
    }

    /// Sets the field's text in `product` (an application's in the one at `app`); false
    /// when it is an application's and there is none. An emptied form text is removed,
    /// as the forms keep only what was written.
    pub fn set(self, product: &mut Product, app: Option<usize>, value: String) -> bool {
        if let TextField::Form(field) = self {
            return match app.and_then(|i| product.applications.get_mut(i)) {
                Some(app) => {
                    app.forms.set(field, value);
                    true
                }
                None => false,
            };
        }
        match self.get_mut(product, app) {
            Some(text) => {
                *text = value;
                true
            }
            None => false,
        }
    }

    /// Every field: [`TextField::BASE`], then the form texts.
    pub fn all() -> impl Iterator<Item = TextField> {
        Self::BASE
            .into_iter()
            .chain(FormText::ALL.into_iter().map(TextField::Form))
    }
}

/// Which score sheet.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub enum Sheet {
    /// The producer's self-assessment.
    #[default]
    SelfAssessment,
    /// The commune officer's view.
    Commune,
}

/// One change, as typed data: what changed, from what, to what. The UI words it in the
/// user's language; nothing here is display text except the values users typed.
///
/// Schema 2. Schema-1 files stored English and `Debug` strings; `storage::migrate`
/// turns them into these variants when such a file is read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    /// The product was created.
    Created,
    /// The product was restored (undo of a delete).
    Restored,
    /// The current application moved to another stage.
    Stage {
        /// Before.
        from: Stage,
        /// After.
        to: Stage,
    },
    /// A dossier document's status changed.
    DocStatus {
        /// Template key.
        key: String,
        /// Before.
        from: DocStatus,
        /// After.
        to: DocStatus,
    },
    /// A dossier document's date changed.
    DocDate {
        /// Template key.
        key: String,
        /// Which date.
        which: DocDateField,
        /// Before.
        from: Option<NaiveDate>,
        /// After.
        to: Option<NaiveDate>,
    },
    /// A dossier document's note changed.
    DocNote {
        /// Template key.
        key: String,
        /// Before (empty in entries migrated from schema 1, which did not keep it).
        #[serde(default)]
        from: String,
        /// After.
        to: String,
    },
    /// The date on the Form 03 report changed (schema 3).
    ReportDate {
        /// Before.
        from: Option<NaiveDate>,
        /// After.
        to: Option<NaiveDate>,
    },
    /// A free-text field changed.
    Text {
        /// Which field.
        field: TextField,
        /// Before.
        from: String,
        /// After.
        to: String,
    },
    /// The producer's kind changed.
    ProducerKind {
        /// Before.
        from: ProducerKind,
        /// After.
        to: ProducerKind,
    },
    /// The scoring set changed.
    ScoringSet {
        /// Before.
        from: u8,
        /// After.
        to: u8,
    },
    /// A score sheet answer changed (None = unanswered).
    Answer {
        /// Which sheet.
        sheet: Sheet,
        /// Criterion key.
        criterion: String,
        /// Before.
        from: Option<Answer>,
        /// After.
        to: Option<Answer>,
    },
    /// An eliminating condition was marked or cleared.
    Elimination {
        /// Which sheet.
        sheet: Sheet,
        /// Elimination key.
        key: String,
        /// Whether it applies now.
        hit: bool,
    },
    /// The notes of a score sheet changed.
    SheetNotes {
        /// Which sheet.
        sheet: Sheet,
    },
    /// The council's official result changed.
    Official {
        /// Before.
        from: OfficialResult,
        /// After.
        to: OfficialResult,
    },
    /// The certificate was corrected (number, date, star) outside a stage move.
    Certificate {
        /// Before (None also in entries migrated from schema 1, which did not keep it).
        from: Option<Certificate>,
        /// After.
        to: Option<Certificate>,
    },
    /// A new application was started.
    NewApplication {
        /// Its kind.
        kind: ApplicationKind,
    },
    /// An evidence file was attached to a document.
    Attached {
        /// Template key.
        key: String,
        file_name: String,
    },
    /// An evidence file reference was removed.
    Detached {
        /// Template key.
        key: String,
        file_name: String,
    },
    /// The commune said whether the producer keeps its own copy (schema 4).
    KeptByProducer {
        /// After.
        kept: bool,
    },
    /// A remark was written (schema 4).
    RemarkAdded {
        /// The side that wrote it.
        side: WorkspaceKind,
        /// What it is about.
        about: RemarkAbout,
        /// Its words.
        text: String,
    },
    /// A remark was withdrawn by its side (schema 4).
    RemarkRemoved {
        /// The side that wrote it.
        side: WorkspaceKind,
        /// What it was about.
        about: RemarkAbout,
        /// Its words.
        text: String,
    },
    /// A schema-1 entry that could not be typed, kept word for word (English).
    Legacy {
        /// The schema-1 text.
        text: String,
    },
}

/// Whether an entry records an edit, its undo, or its redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Origin {
    /// A direct edit.
    #[default]
    Edit,
    /// An undo of an earlier edit.
    Undo,
    Redo,
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Local date and time.
    pub at: NaiveDateTime,
    /// Officer's name from the settings.
    #[serde(default)]
    pub by: String,
    /// Edit, undo or redo.
    #[serde(default)]
    pub origin: Origin,
    /// What changed.
    pub changes: Vec<Change>,
}

/// The changes between two versions of a product (history itself is ignored).
pub fn describe(before: Option<&Product>, after: Option<&Product>) -> Vec<Change> {
    let (before, after) = match (before, after) {
        (None, Some(_)) => return vec![Change::Created],
        (Some(_), None) | (None, None) => return Vec::new(),
        (Some(b), Some(a)) => (b, a),
    };
    let mut changes = Vec::new();
    product_changes(before, after, &mut changes);
    if after.applications.len() > before.applications.len() {
        if let Some(app) = after.current() {
            changes.push(Change::NewApplication { kind: app.kind });
        }
        return changes;
    }
    let (Some(b), Some(a)) = (before.current(), after.current()) else {
        return changes;
    };
    application_changes(b, a, &mut changes);
    changes
}

/// The product's own fields: its texts, the producer's legal form, the scoring set, and
/// whether the producer keeps its own copy.
fn product_changes(before: &Product, after: &Product, changes: &mut Vec<Change>) {
    let fields = TextField::BASE
        .into_iter()
        .filter(|field| !field.is_application_field())
        .map(|field| (field, field.get(before, None), field.get(after, None)));
    for (field, from, to) in fields {
        if from != to {
            changes.push(Change::Text {
                field,
                from: from.to_owned(),
                to: to.to_owned(),
            });
        }
    }
    if before.producer.kind != after.producer.kind {
        changes.push(Change::ProducerKind {
            from: before.producer.kind,
            to: after.producer.kind,
        });
    }
    if before.scoring_set != after.scoring_set {
        changes.push(Change::ScoringSet {
            from: before.scoring_set,
            to: after.scoring_set,
        });
    }
    if before.kept_by_producer != after.kept_by_producer {
        changes.push(Change::KeptByProducer {
            kept: after.kept_by_producer,
        });
    }
}

/// The current application's changes (`b` before, `a` after): stage, texts, remarks,
/// report date, dossier, score sheets, official result and certificate, in that order.
fn application_changes(b: &Application, a: &Application, changes: &mut Vec<Change>) {
    if b.stage != a.stage {
        changes.push(Change::Stage {
            from: b.stage,
            to: a.stage,
        });
    }
    if b.notes != a.notes {
        changes.push(Change::Text {
            field: TextField::ApplicationNotes,
            from: b.notes.clone(),
            to: a.notes.clone(),
        });
    }
    for field in FormText::ALL {
        let (from, to) = (b.forms.get(field), a.forms.get(field));
        if from != to {
            changes.push(Change::Text {
                field: TextField::Form(field),
                from: from.to_owned(),
                to: to.to_owned(),
            });
        }
    }
    remark_changes(b, a, changes);
    if b.forms.report_date != a.forms.report_date {
        changes.push(Change::ReportDate {
            from: b.forms.report_date,
            to: a.forms.report_date,
        });
    }
    for entry in &a.dossier {
        let Some(old) = b.dossier.iter().find(|e| e.key == entry.key) else {
            continue;
        };
        entry_changes(old, entry, changes);
    }
    sheet_changes(b, a, changes);
    if b.scores.official != a.scores.official {
        changes.push(Change::Official {
            from: b.scores.official.clone(),
            to: a.scores.official.clone(),
        });
    }
    if b.certificate != a.certificate && b.stage == a.stage {
        changes.push(Change::Certificate {
            from: b.certificate.clone(),
            to: a.certificate.clone(),
        });
    }
}

/// A remark is written once and withdrawn at most once (`domain::remarks`).
fn remark_changes(b: &Application, a: &Application, changes: &mut Vec<Change>) {
    for remark in &a.remarks {
        let before = b.remarks.iter().find(|r| r.key() == remark.key());
        if before.is_none() && remark.is_current() {
            changes.push(Change::RemarkAdded {
                side: remark.side,
                about: remark.about.clone(),
                text: remark.text.clone(),
            });
        } else if before.is_none_or(Remark::is_current) && !remark.is_current() {
            changes.push(Change::RemarkRemoved {
                side: remark.side,
                about: remark.about.clone(),
                text: remark.text.clone(),
            });
        }
    }
}

/// One dossier document's changes: status, dates, note, files attached and detached.
fn entry_changes(old: &DossierEntry, entry: &DossierEntry, changes: &mut Vec<Change>) {
    if old.status != entry.status {
        changes.push(Change::DocStatus {
            key: entry.key.clone(),
            from: old.status,
            to: entry.status,
        });
    }
    for (which, from, to) in [
        (DocDateField::Issued, old.issued_on, entry.issued_on),
        (DocDateField::ValidUntil, old.valid_until, entry.valid_until),
    ] {
        if from != to {
            changes.push(Change::DocDate {
                key: entry.key.clone(),
                which,
                from,
                to,
            });
        }
    }
    if old.note != entry.note {
        changes.push(Change::DocNote {
            key: entry.key.clone(),
            from: old.note.clone(),
            to: entry.note.clone(),
        });
    }
    for attachment in &entry.attachments {
        if !old
            .attachments
            .iter()
            .any(|o| o.sha256 == attachment.sha256)
        {
            changes.push(Change::Attached {
                key: entry.key.clone(),
                file_name: attachment.file_name.clone(),
            });
        }
    }
    for attachment in &old.attachments {
        if !entry
            .attachments
            .iter()
            .any(|n| n.sha256 == attachment.sha256)
        {
            changes.push(Change::Detached {
                key: entry.key.clone(),
                file_name: attachment.file_name.clone(),
            });
        }
    }
}

/// Both score sheets' changes: answers, eliminating conditions, notes.
fn sheet_changes(b: &Application, a: &Application, changes: &mut Vec<Change>) {
    for (sheet, old, new) in [
        (
            Sheet::SelfAssessment,
            &b.scores.self_assessment,
            &a.scores.self_assessment,
        ),
        (
            Sheet::Commune,
            &b.scores.commune_view,
            &a.scores.commune_view,
        ),
    ] {
        let keys: std::collections::BTreeSet<&String> =
            old.answers.keys().chain(new.answers.keys()).collect();
        for key in keys {
            let (from, to) = (old.answers.get(key), new.answers.get(key));
            if from != to {
                changes.push(Change::Answer {
                    sheet,
                    criterion: key.clone(),
                    from: from.cloned(),
                    to: to.cloned(),
                });
            }
        }
        for key in old
            .eliminations_hit
            .symmetric_difference(&new.eliminations_hit)
        {
            changes.push(Change::Elimination {
                sheet,
                key: key.clone(),
                hit: new.eliminations_hit.contains(key),
            });
        }
        if old.notes != new.notes {
            changes.push(Change::SheetNotes { sheet });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product() -> Product {
        crate::domain::model::test_product(&["form-01"])
    }

    #[test]
    fn describes_what_changed() {
        let before = product();
        let mut after = before.clone();
        assert_eq!(describe(Some(&before), Some(&after)), vec![]);
        assert_eq!(describe(None, Some(&after)), vec![Change::Created]);
        if let Some(app) = after.current_mut() {
            app.stage = Stage::DossierInPreparation;
            if let Some(e) = app.dossier.first_mut() {
                e.status = DocStatus::Ready;
            }
        }
        after.name = "Cốm Hồng Quang".into();
        let changes = describe(Some(&before), Some(&after));
        assert!(changes.contains(&Change::Stage {
            from: Stage::Preparing,
            to: Stage::DossierInPreparation
        }));
        assert!(changes.contains(&Change::DocStatus {
            key: "form-01".into(),
            from: DocStatus::Missing,
            to: DocStatus::Ready
        }));
        assert!(changes.contains(&Change::Text {
            field: TextField::Name,
            from: "Cốm".into(),
            to: "Cốm Hồng Quang".into()
        }));
    }
}
