//! Each product's append-only change log: when, by whom, what changed from what to what.
//!
//! The log is stored with the product. It is only ever appended to: undo and redo add an
//! entry instead of erasing one. [`describe`] derives the entry of an edit by comparing the
//! product before and after, so every command is logged without a case of its own.
//! Pure: no egui, no files.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::dossier::DocStatus;
use super::model::{ApplicationKind, Product};
use super::stage::Stage;

/// One change.
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
        /// "issued" or "valid_until".
        which: String,
        /// Before.
        from: Option<NaiveDate>,
        /// After.
        to: Option<NaiveDate>,
    },
    /// A dossier document's note changed.
    DocNote {
        /// Template key.
        key: String,
        /// After.
        to: String,
    },
    /// A text field changed (field name in English, values as typed).
    Field {
        /// Field name.
        field: String,
        /// Before.
        from: String,
        /// After.
        to: String,
    },
    /// The scoring set changed.
    ScoringSet {
        /// Before.
        from: u8,
        /// After.
        to: u8,
    },
    /// A score sheet answer or elimination changed.
    Score {
        /// "self" or "commune".
        sheet: String,
        /// Criterion key or elimination key.
        item: String,
        /// Points or state before, as text.
        from: String,
        /// After.
        to: String,
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
        /// File name.
        file_name: String,
    },
    /// An evidence file reference was removed.
    Detached {
        /// Template key.
        key: String,
        /// File name.
        file_name: String,
    },
    /// Something else changed (summary in English).
    Other {
        /// Summary.
        summary: String,
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
    /// A redo.
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

fn opt_points(sheet: &super::scoring::ScoreSheet, key: &str) -> String {
    match sheet.answers.get(key) {
        None => "-".to_owned(),
        Some(super::scoring::Answer::NotMet) => "not met".to_owned(),
        Some(super::scoring::Answer::Chosen { option }) => format!("option {}", option + 1),
    }
}

/// The changes between two versions of a product (history itself is ignored).
pub fn describe(before: Option<&Product>, after: Option<&Product>) -> Vec<Change> {
    let (before, after) = match (before, after) {
        (None, Some(_)) => return vec![Change::Created],
        (Some(_), None) | (None, None) => return Vec::new(),
        (Some(b), Some(a)) => (b, a),
    };
    let mut changes = Vec::new();
    let fields: [(&str, &str, &str); 9] = [
        ("name", &before.name, &after.name),
        ("commune", &before.commune, &after.commune),
        ("product_code", &before.product_code, &after.product_code),
        ("description", &before.description, &after.description),
        ("notes", &before.notes, &after.notes),
        ("producer", &before.producer.name, &after.producer.name),
        (
            "legal_representative",
            &before.producer.legal_representative,
            &after.producer.legal_representative,
        ),
        ("phone", &before.producer.phone, &after.producer.phone),
        ("address", &before.producer.address, &after.producer.address),
    ];
    for (field, from, to) in fields {
        if from != to {
            changes.push(Change::Field {
                field: field.to_owned(),
                from: from.to_owned(),
                to: to.to_owned(),
            });
        }
    }
    if before.producer.kind != after.producer.kind {
        changes.push(Change::Field {
            field: "producer_kind".to_owned(),
            from: format!("{:?}", before.producer.kind),
            to: format!("{:?}", after.producer.kind),
        });
    }
    if before.scoring_set != after.scoring_set {
        changes.push(Change::ScoringSet {
            from: before.scoring_set,
            to: after.scoring_set,
        });
    }
    if after.applications.len() > before.applications.len() {
        if let Some(app) = after.current() {
            changes.push(Change::NewApplication { kind: app.kind });
        }
        return changes;
    }
    let (Some(b), Some(a)) = (before.current(), after.current()) else {
        return changes;
    };
    if b.stage != a.stage {
        changes.push(Change::Stage {
            from: b.stage,
            to: a.stage,
        });
    }
    if b.notes != a.notes {
        changes.push(Change::Field {
            field: "application_notes".to_owned(),
            from: b.notes.clone(),
            to: a.notes.clone(),
        });
    }
    for entry in &a.dossier {
        let Some(old) = b.dossier.iter().find(|e| e.key == entry.key) else {
            continue;
        };
        if old.status != entry.status {
            changes.push(Change::DocStatus {
                key: entry.key.clone(),
                from: old.status,
                to: entry.status,
            });
        }
        for (which, from, to) in [
            ("issued", old.issued_on, entry.issued_on),
            ("valid_until", old.valid_until, entry.valid_until),
        ] {
            if from != to {
                changes.push(Change::DocDate {
                    key: entry.key.clone(),
                    which: which.to_owned(),
                    from,
                    to,
                });
            }
        }
        if old.note != entry.note {
            changes.push(Change::DocNote {
                key: entry.key.clone(),
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
    for (sheet_name, old, new) in [
        ("self", &b.scores.self_assessment, &a.scores.self_assessment),
        ("commune", &b.scores.commune_view, &a.scores.commune_view),
    ] {
        let keys: std::collections::BTreeSet<&String> =
            old.answers.keys().chain(new.answers.keys()).collect();
        for key in keys {
            let (from, to) = (opt_points(old, key), opt_points(new, key));
            if from != to {
                changes.push(Change::Score {
                    sheet: sheet_name.to_owned(),
                    item: key.clone(),
                    from,
                    to,
                });
            }
        }
        for key in old
            .eliminations_hit
            .symmetric_difference(&new.eliminations_hit)
        {
            let hit = new.eliminations_hit.contains(key);
            changes.push(Change::Score {
                sheet: sheet_name.to_owned(),
                item: key.clone(),
                from: if hit { "no" } else { "eliminated" }.to_owned(),
                to: if hit { "eliminated" } else { "no" }.to_owned(),
            });
        }
        if old.notes != new.notes {
            changes.push(Change::Other {
                summary: format!("{sheet_name} sheet notes"),
            });
        }
    }
    if b.scores.official != a.scores.official {
        let show = |o: &super::model::OfficialResult| {
            format!(
                "{} pts, {}★, {}",
                o.average_score
                    .map_or_else(|| "-".to_owned(), |s| format!("{s:.1}")),
                o.star.map_or_else(|| "-".to_owned(), |s| s.to_string()),
                o.date.map_or_else(|| "-".to_owned(), |d| d.to_string())
            )
        };
        changes.push(Change::Score {
            sheet: "official".to_owned(),
            item: "council result".to_owned(),
            from: show(&b.scores.official),
            to: show(&a.scores.official),
        });
    }
    if b.certificate != a.certificate && b.stage == a.stage {
        changes.push(Change::Other {
            summary: "certificate".to_owned(),
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dossier::DossierEntry;
    use crate::domain::model::{Application, CURRENT_RULE_VERSION, ProductId};

    fn product() -> Product {
        Product {
            id: ProductId("p".into()),
            name: "Cốm".into(),
            producer: Default::default(),
            commune: String::new(),
            scoring_set: 6,
            product_code: String::new(),
            description: String::new(),
            notes: String::new(),
            is_example: false,
            applications: vec![Application {
                kind: ApplicationKind::FirstRating,
                rule_version: CURRENT_RULE_VERSION.into(),
                year: 2026,
                stage: Stage::Preparing,
                dates: Default::default(),
                certificate: None,
                revocation: None,
                dossier: vec![DossierEntry::new("form-01")],
                scores: Default::default(),
                notes: String::new(),
            }],
            history: Vec::new(),
        }
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
        assert!(changes.contains(&Change::Field {
            field: "name".into(),
            from: "Cốm".into(),
            to: "Cốm Hồng Quang".into()
        }));
    }
}
