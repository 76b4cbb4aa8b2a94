//! Older file formats and how they become today's, in memory.
//!
//! A file is migrated when it is read and written in the new format only when the user
//! next edits that product: reading never rewrites a file. Frozen copies of every
//! released format live in `tests/fixtures/schema-N/` and must keep loading.
//!
//! - Schema 1 → 2: the history was English and `Debug` text (`Field { field: "name" }`,
//!   `Score { from: "option 2" }`, `Other { summary: "certificate" }`); it becomes typed
//!   [`Change`]s. Text that cannot be typed is kept word for word as [`Change::Legacy`].

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

use crate::domain::dossier::DocStatus;
use crate::domain::history::{Change, DocDateField, HistoryEntry, Origin, Sheet, TextField};
use crate::domain::model::{ApplicationKind, OfficialResult, ProducerKind, Product};
use crate::domain::scoring::Answer;
use crate::domain::stage::Stage;

/// A schema-1 history line (same RON shape and names as written then).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename = "HistoryEntry")]
pub struct HistoryEntryV1 {
    at: NaiveDateTime,
    #[serde(default)]
    by: String,
    #[serde(default)]
    origin: Origin,
    changes: Vec<ChangeV1>,
}

/// A schema-1 change, exactly as schema 1 wrote it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename = "Change")]
enum ChangeV1 {
    Created,
    Restored,
    Stage {
        from: Stage,
        to: Stage,
    },
    DocStatus {
        key: String,
        from: DocStatus,
        to: DocStatus,
    },
    DocDate {
        key: String,
        which: String,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    DocNote {
        key: String,
        to: String,
    },
    Field {
        field: String,
        from: String,
        to: String,
    },
    ScoringSet {
        from: u8,
        to: u8,
    },
    Score {
        sheet: String,
        item: String,
        from: String,
        to: String,
    },
    NewApplication {
        kind: ApplicationKind,
    },
    Attached {
        key: String,
        file_name: String,
    },
    Detached {
        key: String,
        file_name: String,
    },
    Other {
        summary: String,
    },
}

/// A schema-1 product: today's product with the schema-1 history.
pub type ProductV1 = Product<HistoryEntryV1>;

/// Schema 1 → today.
pub fn product_from_v1(product: ProductV1) -> Product {
    product.map_history(|entry| HistoryEntry {
        at: entry.at,
        by: entry.by,
        origin: entry.origin,
        changes: entry.changes.into_iter().map(change_from_v1).collect(),
    })
}

fn text_field(name: &str) -> Option<TextField> {
    Some(match name {
        "name" => TextField::Name,
        "commune" => TextField::Commune,
        "product_code" => TextField::ProductCode,
        "description" => TextField::Description,
        "notes" => TextField::Notes,
        "producer" => TextField::Producer,
        "legal_representative" => TextField::LegalRepresentative,
        "phone" => TextField::Phone,
        "address" => TextField::Address,
        "application_notes" => TextField::ApplicationNotes,
        _ => return None,
    })
}

/// Schema 1 wrote the producer kind with `{:?}`.
fn producer_kind(debug: &str) -> Option<ProducerKind> {
    ProducerKind::ALL
        .into_iter()
        .find(|k| format!("{k:?}") == debug)
}

fn sheet(name: &str) -> Option<Sheet> {
    match name {
        "self" => Some(Sheet::SelfAssessment),
        "commune" => Some(Sheet::Commune),
        _ => None,
    }
}

/// Schema 1 wrote answers as "-", "not met" or "option N" (1-based).
fn answer(text: &str) -> Option<Option<Answer>> {
    match text {
        "-" => Some(None),
        "not met" => Some(Some(Answer::NotMet)),
        _ => {
            let n: usize = text.strip_prefix("option ")?.parse().ok()?;
            Some(Some(Answer::Chosen {
                option: n.checked_sub(1)?,
            }))
        }
    }
}

/// Schema 1 wrote the official result as "81.5 pts, 4★, 2026-03-02" ("-" for none).
fn official(text: &str) -> Option<OfficialResult> {
    let mut parts = text.split(", ");
    let score = parts.next()?.strip_suffix(" pts")?;
    let star = parts.next()?.strip_suffix('★')?;
    let date = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    Some(OfficialResult {
        average_score: match score {
            "-" => None,
            s => Some(s.parse().ok()?),
        },
        star: match star {
            "-" => None,
            s => Some(s.parse().ok()?),
        },
        date: match date {
            "-" => None,
            d => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?),
        },
    })
}

fn change_from_v1(change: ChangeV1) -> Change {
    match change {
        ChangeV1::Created => Change::Created,
        ChangeV1::Restored => Change::Restored,
        ChangeV1::Stage { from, to } => Change::Stage { from, to },
        ChangeV1::DocStatus { key, from, to } => Change::DocStatus { key, from, to },
        ChangeV1::DocDate {
            key,
            which,
            from,
            to,
        } => {
            let which = match which.as_str() {
                "issued" => DocDateField::Issued,
                "valid_until" => DocDateField::ValidUntil,
                _ => {
                    return Change::Legacy {
                        text: format!("{key} {which}: {from:?} → {to:?}"),
                    };
                }
            };
            Change::DocDate {
                key,
                which,
                from,
                to,
            }
        }
        ChangeV1::DocNote { key, to } => Change::DocNote {
            key,
            from: String::new(),
            to,
        },
        ChangeV1::Field { field, from, to } => {
            if let Some(field) = text_field(&field) {
                Change::Text { field, from, to }
            } else if let (true, Some(from), Some(to)) = (
                field == "producer_kind",
                producer_kind(&from),
                producer_kind(&to),
            ) {
                Change::ProducerKind { from, to }
            } else {
                Change::Legacy {
                    text: format!("{field}: “{from}” → “{to}”"),
                }
            }
        }
        ChangeV1::ScoringSet { from, to } => Change::ScoringSet { from, to },
        ChangeV1::Score {
            sheet: sheet_name,
            item,
            from,
            to,
        } => score_from_v1(&sheet_name, item, &from, &to),
        ChangeV1::NewApplication { kind } => Change::NewApplication { kind },
        ChangeV1::Attached { key, file_name } => Change::Attached { key, file_name },
        ChangeV1::Detached { key, file_name } => Change::Detached { key, file_name },
        ChangeV1::Other { summary } => match summary.as_str() {
            "self sheet notes" => Change::SheetNotes {
                sheet: Sheet::SelfAssessment,
            },
            "commune sheet notes" => Change::SheetNotes {
                sheet: Sheet::Commune,
            },
            // Schema 1 did not keep the certificate's values.
            "certificate" => Change::Certificate {
                from: None,
                to: None,
            },
            _ => Change::Legacy { text: summary },
        },
    }
}

fn score_from_v1(sheet_name: &str, item: String, from: &str, to: &str) -> Change {
    let legacy = || Change::Legacy {
        text: format!("{sheet_name} {item}: {from} → {to}"),
    };
    if sheet_name == "official" {
        return match (official(from), official(to)) {
            (Some(from), Some(to)) => Change::Official { from, to },
            _ => legacy(),
        };
    }
    let Some(sheet) = sheet(sheet_name) else {
        return legacy();
    };
    match (from, to) {
        ("no", "eliminated") | ("eliminated", "no") => Change::Elimination {
            sheet,
            key: item,
            hit: to == "eliminated",
        },
        _ => match (answer(from), answer(to)) {
            (Some(from), Some(to)) => Change::Answer {
                sheet,
                criterion: item,
                from,
                to,
            },
            _ => legacy(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(v1: ChangeV1, expected: Change) {
        assert_eq!(change_from_v1(v1), expected);
    }

    #[test]
    fn schema_1_changes_become_typed() {
        check(
            ChangeV1::Field {
                field: "name".into(),
                from: "a".into(),
                to: "b".into(),
            },
            Change::Text {
                field: TextField::Name,
                from: "a".into(),
                to: "b".into(),
            },
        );
        check(
            ChangeV1::Field {
                field: "producer_kind".into(),
                from: "Cooperative".into(),
                to: "Household".into(),
            },
            Change::ProducerKind {
                from: ProducerKind::Cooperative,
                to: ProducerKind::Household,
            },
        );
        check(
            ChangeV1::Score {
                sheet: "self".into(),
                item: "a-1".into(),
                from: "-".into(),
                to: "option 2".into(),
            },
            Change::Answer {
                sheet: Sheet::SelfAssessment,
                criterion: "a-1".into(),
                from: None,
                to: Some(Answer::Chosen { option: 1 }),
            },
        );
        check(
            ChangeV1::Score {
                sheet: "commune".into(),
                item: "x".into(),
                from: "no".into(),
                to: "eliminated".into(),
            },
            Change::Elimination {
                sheet: Sheet::Commune,
                key: "x".into(),
                hit: true,
            },
        );
        check(
            ChangeV1::Score {
                sheet: "official".into(),
                item: "council result".into(),
                from: "- pts, -★, -".into(),
                to: "81.5 pts, 4★, 2026-03-02".into(),
            },
            Change::Official {
                from: OfficialResult::default(),
                to: OfficialResult {
                    average_score: Some(81.5),
                    star: Some(4),
                    date: NaiveDate::from_ymd_opt(2026, 3, 2),
                },
            },
        );
        check(
            ChangeV1::Other {
                summary: "certificate".into(),
            },
            Change::Certificate {
                from: None,
                to: None,
            },
        );
        check(
            ChangeV1::Field {
                field: "mystery".into(),
                from: "a".into(),
                to: "b".into(),
            },
            Change::Legacy {
                text: "mystery: “a” → “b”".into(),
            },
        );
    }
}
