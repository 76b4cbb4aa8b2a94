//! The dossier checklist: template items (data in `assets/dossier/`, per rule version) and
//! the per-application entries with status, notes and dates.
//!
//! Pure logic: no egui, no files, no RON.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who provides a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Provider {
    /// The producer (chủ thể).
    Producer,
    /// The commune People's Committee (UBND cấp xã).
    Commune,
    /// The provincial People's Committee (5★ dossiers).
    Province,
}

/// How mandatory a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Requirement {
    /// Always required.
    Required,
    /// Required where the law requires it (e.g. food-safety certificate for food sets).
    Conditional,
    /// Optional evidence that raises the score.
    Optional,
}

impl Requirement {
    /// Order for lists that put what matters first: required, conditional, optional.
    pub fn rank(self) -> u8 {
        match self {
            Requirement::Required => 0,
            Requirement::Conditional => 1,
            Requirement::Optional => 2,
        }
    }
}

/// Which applications a template document concerns; the others start with it marked
/// not applicable (data, so a new rule version can say otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Applicability {
    /// Every application.
    #[default]
    Always,
    /// Only a re-rating (Decision 26/2026, Art. 9).
    ReRatingOnly,
    /// Only a product the province proposes for 5★ (sent to the ministry); starts not
    /// applicable and the officer switches it on.
    FiveStarCandidates,
}

/// One document of a dossier template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateItem {
    /// Stable key, e.g. "form-01".
    pub key: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Who provides it.
    pub provider: Provider,
    /// Mandatory or not.
    pub requirement: Requirement,
    /// Whether the document has a validity period worth tracking.
    #[serde(default)]
    pub has_validity: bool,
    /// Notes (Vietnamese), including any [inferred] marker from the domain brief.
    #[serde(default)]
    pub note_vi: String,
    /// Notes (English).
    #[serde(default)]
    pub note_en: String,
    /// Criterion names (Vietnamese, folded match) this document is evidence for.
    #[serde(default)]
    pub backs_criteria: Vec<String>,
    /// Which applications it concerns.
    #[serde(default)]
    pub applies: Applicability,
}

/// A dossier template for one rule version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DossierTemplate {
    /// Rule version, e.g. "26/2026/QĐ-TTg".
    pub rule_version: String,
    /// Source of the list and how certain it is.
    #[serde(default)]
    pub source_note: String,
    /// The documents, in dossier order.
    pub items: Vec<TemplateItem>,
}

impl DossierTemplate {
    /// The item with this key.
    pub fn item(&self, key: &str) -> Option<&TemplateItem> {
        self.items.iter().find(|i| i.key == key)
    }

    /// Fresh checklist entries for a new application: everything missing.
    pub fn new_entries(&self) -> Vec<DossierEntry> {
        self.items
            .iter()
            .map(|item| DossierEntry::new(&item.key))
            .collect()
    }
}

/// Template items that are evidence for the criterion named `criterion_name_vi`
/// (matched ignoring diacritics and case, as `backs_criteria` says in the data).
pub fn backing_items<'a>(
    template: &'a DossierTemplate,
    criterion_name_vi: &str,
) -> Vec<&'a TemplateItem> {
    let name = super::search::fold(criterion_name_vi);
    template
        .items
        .iter()
        .filter(|item| {
            item.backs_criteria
                .iter()
                .any(|b| name.contains(&super::search::fold(b)))
        })
        .collect()
}

/// The criteria of `set` that `item` is evidence for (the same match as
/// [`backing_items`]), in the sheet's order.
pub fn criteria_backed_by<'a>(
    item: &TemplateItem,
    set: &'a super::criteria::ScoringSet,
) -> Vec<&'a super::criteria::Criterion> {
    let backs: Vec<String> = item
        .backs_criteria
        .iter()
        .map(|b| super::search::fold(b))
        .collect();
    set.criteria
        .iter()
        .filter(|c| {
            let name = super::search::fold(&c.name_vi);
            backs.iter().any(|b| name.contains(b.as_str()))
        })
        .collect()
}

/// Status of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum DocStatus {
    /// Not started.
    #[default]
    Missing,
    /// Being prepared.
    InProgress,
    /// Ready for the dossier.
    Ready,
    /// Does not apply to this product.
    NotApplicable,
}

impl DocStatus {
    /// Every status, in display order.
    pub const ALL: [DocStatus; 4] = [
        DocStatus::Missing,
        DocStatus::InProgress,
        DocStatus::Ready,
        DocStatus::NotApplicable,
    ];
}

/// One document of an application's dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DossierEntry {
    /// Template key.
    pub key: String,
    #[serde(default)]
    pub status: DocStatus,
    /// Free note.
    #[serde(default)]
    pub note: String,
    /// Date the document was issued or signed.
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
    /// Date it stops being valid.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// Evidence files attached to this document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

/// An evidence file stored inside the workspace, content-addressed by SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
    /// Original file name, NFC-normalised, for display.
    pub file_name: String,
    /// Size in bytes.
    pub size_bytes: u64,
    /// Path inside the workspace, relative, `/`-separated (e.g. `evidence/ab/ab12….jpg`).
    pub stored_path: String,
    /// When it was attached (local time).
    pub added_at: chrono::NaiveDateTime,
    /// Date printed on the document, if any.
    #[serde(default)]
    pub document_date: Option<NaiveDate>,
    /// Date the document stops being valid, if any.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
}

impl DossierEntry {
    /// A missing entry for `key`.
    pub fn new(key: &str) -> Self {
        DossierEntry {
            key: key.to_owned(),
            status: DocStatus::Missing,
            note: String::new(),
            issued_on: None,
            valid_until: None,
            attachments: Vec::new(),
        }
    }
}

/// How complete a dossier is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Completeness {
    /// Entries marked ready.
    pub ready: usize,
    /// Entries that apply (all but "not applicable").
    pub applicable: usize,
    /// Required documents (per the template) that are not ready.
    pub required_missing: usize,
}

impl Completeness {
    /// Ready share in whole percent (100 when nothing applies).
    pub fn percent(&self) -> u8 {
        if self.applicable == 0 {
            return 100;
        }
        let pct = self.ready.saturating_mul(100) / self.applicable;
        u8::try_from(pct.min(100)).unwrap_or(100)
    }
}

/// Completeness of `entries` against `template` (None: entries judged on their own).
pub fn completeness(entries: &[DossierEntry], template: Option<&DossierTemplate>) -> Completeness {
    let mut c = Completeness::default();
    for entry in entries {
        if entry.status == DocStatus::NotApplicable {
            continue;
        }
        c.applicable += 1;
        if entry.status == DocStatus::Ready {
            c.ready += 1;
        } else if template
            .and_then(|t| t.item(&entry.key))
            .is_some_and(|i| i.requirement == Requirement::Required)
        {
            c.required_missing += 1;
        }
    }
    c
}

/// A dated document "expires soon" within this many days of its valid-until date: it is
/// shown as expiring on the dossier and the dashboard (a working choice, not a legal
/// rule: renewing a food-safety certificate or a test report takes weeks).
pub const EXPIRING_DAYS: i64 = 60;

/// Validity of a dated document seen from `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    /// Valid for more than [`EXPIRING_DAYS`] days.
    Valid,
    /// Expires within [`EXPIRING_DAYS`] days: this many days left.
    Expiring(i64),
    /// Expired this many days ago.
    Expired(i64),
}

/// The validity of a valid-until date.
pub fn validity(valid_until: NaiveDate, today: NaiveDate) -> Validity {
    let days = (valid_until - today).num_days();
    if days < 0 {
        Validity::Expired(-days)
    } else if days <= EXPIRING_DAYS {
        Validity::Expiring(days)
    } else {
        Validity::Valid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, status: DocStatus) -> DossierEntry {
        DossierEntry {
            status,
            ..DossierEntry::new(key)
        }
    }

    #[test]
    fn completeness_counts_ready_over_applicable() {
        use DocStatus::*;
        let cases: &[(&[DocStatus], u8)] = &[
            (&[], 100),
            (&[Missing], 0),
            (&[Ready, Missing], 50),
            (&[Ready, NotApplicable], 100),
            (&[Ready, InProgress, Missing], 33),
            (&[NotApplicable, NotApplicable], 100),
        ];
        for (statuses, expected) in cases {
            let entries: Vec<_> = statuses
                .iter()
                .enumerate()
                .map(|(i, s)| entry(&format!("k{i}"), *s))
                .collect();
            assert_eq!(
                completeness(&entries, None).percent(),
                *expected,
                "{statuses:?}"
            );
        }
    }

    #[test]
    fn required_missing_uses_the_template() {
        let template = DossierTemplate {
            rule_version: "x".into(),
            source_note: String::new(),
            items: vec![
                TemplateItem {
                    key: "a".into(),
                    name_vi: "A".into(),
                    name_en: "A".into(),
                    provider: Provider::Producer,
                    requirement: Requirement::Required,
                    has_validity: false,
                    note_vi: String::new(),
                    note_en: String::new(),
                    backs_criteria: vec![],
                    applies: Applicability::Always,
                },
                TemplateItem {
                    key: "b".into(),
                    name_vi: "B".into(),
                    name_en: "B".into(),
                    provider: Provider::Producer,
                    requirement: Requirement::Optional,
                    has_validity: false,
                    note_vi: String::new(),
                    note_en: String::new(),
                    backs_criteria: vec![],
                    applies: Applicability::Always,
                },
            ],
        };
        let entries = template.new_entries();
        let c = completeness(&entries, Some(&template));
        assert_eq!(c.required_missing, 1);
        assert_eq!(c.applicable, 2);
    }
}
