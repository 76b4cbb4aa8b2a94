//! Two versions of one product (the product file and a conflict copy of it) compared
//! part by part, and merged with the officer's choice for each part.
//!
//! Histories are append-only, so both are kept: merged by time, duplicates dropped.
//! Pure: no files (storage finds and reads the copy), no egui (the UI shows the parts).

use std::collections::{BTreeMap, BTreeSet};

use super::dossier::DossierEntry;
use super::history::{HistoryEntry, Sheet, TextField};
use super::model::{Application, Product};
use super::scoring::ScoreSheet;

/// A part of a product that the officer keeps from one side or the other.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// A free-text field.
    Text(TextField),
    /// The producer's legal form.
    ProducerKind,
    ScoringSet,
    /// Where the current application stands: stage, its dates, certificate, revocation.
    Process,
    /// A dossier document's status.
    DocStatus(String),
    /// A dossier document's note.
    DocNote(String),
    /// A dossier document's issue and valid-until dates.
    DocDates(String),
    /// A dossier document's evidence files.
    DocAttachments(String),
    /// One criterion's answer on a score sheet.
    Answer(Sheet, String),
    /// The eliminating conditions ticked on a score sheet.
    Eliminations(Sheet),
    /// The notes of a score sheet.
    SheetNotes(Sheet),
    /// The council's official result.
    Official,
    /// The list of applications (one side started a new application).
    Applications,
}

impl Part {
    /// Whether the part is the product's own (not one of an application's).
    pub fn is_product_level(&self) -> bool {
        match self {
            Part::Text(field) => !field.is_application_field(),
            Part::ProducerKind | Part::ScoringSet | Part::Applications => true,
            _ => false,
        }
    }

    /// Whether "keep both" makes sense: text is joined, attachments united.
    pub fn can_keep_both(&self) -> bool {
        matches!(
            self,
            Part::Text(_) | Part::DocNote(_) | Part::DocAttachments(_)
        )
    }
}

/// Which side to keep for a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Keep {
    /// The product file's version (what the app shows now).
    #[default]
    Current,
    /// The conflict copy's version.
    Copy,
    /// Both: text joined (current first), attachments united.
    Both,
}

/// The last application both versions have: the one compared and merged part by part.
/// Applications are only ever added at the end, so when one side started a new one the
/// other's last is the one they share ([`Part::Applications`] then says whose later
/// applications to keep), and edits to it on either side are still offered one by one.
///
/// When the lists differ in length they must agree, application by application, on
/// kind and year up to there: receiving a bundle may insert an older application before
/// the current one (`domain::exchange`), and two different applications are never
/// compared part by part. Otherwise there is no shared application: only the whole list
/// is a choice ([`Part::Applications`]).
pub fn shared_index(current: &Product, copy: &Product) -> Option<usize> {
    let (ours, theirs) = (&current.applications, &copy.applications);
    let last = ours.len().min(theirs.len()).checked_sub(1)?;
    let aligned = ours.len() == theirs.len()
        || ours
            .iter()
            .zip(theirs.iter())
            .all(|(a, b)| a.kind == b.kind && a.year == b.year);
    aligned.then_some(last)
}

/// `product`'s application compared with `other`'s (see [`shared_index`]).
pub fn compared_application<'a>(product: &'a Product, other: &Product) -> Option<&'a Application> {
    shared_index(product, other).and_then(|i| product.applications.get(i))
}

/// The text of a field of `product` as compared with `other` (what [`Part::Text`]
/// compares; an application's field is read from the shared application).
pub fn text_of<'a>(product: &'a Product, other: &Product, field: TextField) -> &'a str {
    field.get(product, shared_index(product, other))
}

fn sheet_of(app: &Application, sheet: Sheet) -> &ScoreSheet {
    match sheet {
        Sheet::SelfAssessment => &app.scores.self_assessment,
        Sheet::Commune => &app.scores.commune_view,
    }
}

fn sheet_mut(app: &mut Application, sheet: Sheet) -> &mut ScoreSheet {
    match sheet {
        Sheet::SelfAssessment => &mut app.scores.self_assessment,
        Sheet::Commune => &mut app.scores.commune_view,
    }
}

fn entry<'a>(app: &'a Application, key: &str) -> Option<&'a DossierEntry> {
    app.dossier.iter().find(|e| e.key == key)
}

fn same_process(a: &Application, b: &Application) -> bool {
    a.stage == b.stage
        && a.dates == b.dates
        && a.certificate == b.certificate
        && a.revocation == b.revocation
        && a.forms.report_date == b.forms.report_date
}

/// The parts in which the two versions differ (history is never a difference: both
/// sides' entries are always kept).
pub fn differences(current: &Product, copy: &Product) -> Vec<Part> {
    let mut parts = Vec::new();
    for field in TextField::all() {
        if text_of(current, copy, field) != text_of(copy, current, field) {
            parts.push(Part::Text(field));
        }
    }
    if current.producer.kind != copy.producer.kind {
        parts.push(Part::ProducerKind);
    }
    if current.scoring_set != copy.scoring_set {
        parts.push(Part::ScoringSet);
    }
    if current.applications.len() != copy.applications.len() {
        parts.push(Part::Applications);
    }
    let (Some(a), Some(b)) = (
        compared_application(current, copy),
        compared_application(copy, current),
    ) else {
        return parts;
    };
    if !same_process(a, b) {
        parts.push(Part::Process);
    }
    let keys: BTreeSet<&str> = a
        .dossier
        .iter()
        .chain(b.dossier.iter())
        .map(|e| e.key.as_str())
        .collect();
    for key in keys {
        let (x, y) = (entry(a, key), entry(b, key));
        if x.map(|e| e.status) != y.map(|e| e.status) {
            parts.push(Part::DocStatus(key.to_owned()));
        }
        if x.map(|e| &e.note) != y.map(|e| &e.note) {
            parts.push(Part::DocNote(key.to_owned()));
        }
        if x.map(|e| (e.issued_on, e.valid_until)) != y.map(|e| (e.issued_on, e.valid_until)) {
            parts.push(Part::DocDates(key.to_owned()));
        }
        if x.map(|e| &e.attachments) != y.map(|e| &e.attachments) {
            parts.push(Part::DocAttachments(key.to_owned()));
        }
    }
    for sheet in [Sheet::SelfAssessment, Sheet::Commune] {
        let (s, t) = (sheet_of(a, sheet), sheet_of(b, sheet));
        let criteria: BTreeSet<&String> = s.answers.keys().chain(t.answers.keys()).collect();
        for key in criteria {
            if s.answers.get(key) != t.answers.get(key) {
                parts.push(Part::Answer(sheet, key.clone()));
            }
        }
        if s.eliminations_hit != t.eliminations_hit {
            parts.push(Part::Eliminations(sheet));
        }
        if s.notes != t.notes {
            parts.push(Part::SheetNotes(sheet));
        }
    }
    if a.scores.official != b.scores.official {
        parts.push(Part::Official);
    }
    // Remarks are no choice: both versions' are always kept (`merge`).
    parts
}

/// "Keep both" for a text: the common part once (see the comment inside).
fn join_text(current: &str, copy: &str) -> String {
    if current.trim().is_empty() || current.contains(copy.trim()) {
        return if current.trim().is_empty() {
            copy.to_owned()
        } else {
            current.to_owned()
        };
    }
    if copy.contains(current.trim()) {
        return copy.to_owned();
    }
    // Both were edited from one text: keep the current one whole and add only the
    // copy's lines it does not have, so the common part is not said twice.
    let have: BTreeSet<&str> = current.lines().map(str::trim).collect();
    let extra: Vec<&str> = copy
        .lines()
        .filter(|line| !line.trim().is_empty() && !have.contains(line.trim()))
        .collect();
    if extra.is_empty() {
        current.to_owned()
    } else {
        format!("{current}\n{}", extra.join("\n"))
    }
}

/// Both histories in time order; an entry in both (same time, author and changes) once.
pub fn merged_history(current: &[HistoryEntry], copy: &[HistoryEntry]) -> Vec<HistoryEntry> {
    let mut all: Vec<HistoryEntry> = current.to_vec();
    for entry in copy {
        if !current.contains(entry) {
            all.push(entry.clone());
        }
    }
    all.sort_by_key(|e| e.at);
    all
}

/// The merged product: the current version with each chosen part taken from the copy
/// (or both), and both histories. Parts not in `choices` keep the current version.
pub fn merge(current: &Product, copy: &Product, choices: &BTreeMap<Part, Keep>) -> Product {
    let mut merged = current.clone();
    let index = shared_index(current, copy);
    for (part, keep) in choices {
        if *keep == Keep::Current {
            continue;
        }
        apply_part(&mut merged, copy, index, part, *keep);
    }
    // Once the producer keeps its own copy, it does (either version may know it first).
    merged.kept_by_producer |= copy.kept_by_producer;
    // Nobody's words are a choice: every remark of either version stays, a withdrawal too.
    // (The copy's later applications come with their own remarks when they are kept.)
    if let (Some(ours), Some(theirs)) = (
        index.and_then(|i| merged.applications.get_mut(i)),
        index.and_then(|i| copy.applications.get(i)),
    ) {
        ours.remarks = super::remarks::union(&ours.remarks, &theirs.remarks);
    }
    merged.history = merged_history(&current.history, &copy.history);
    merged
}

/// Takes `part` from `copy` into `merged` (the current version, being merged); an
/// application's part concerns the shared application at `index`.
fn apply_part(merged: &mut Product, copy: &Product, index: Option<usize>, part: &Part, keep: Keep) {
    let both = keep == Keep::Both;
    let theirs_app = index.and_then(|i| copy.applications.get(i));
    match part {
        Part::Text(field) => {
            let theirs = field.get(copy, index).to_owned();
            let value = if both {
                join_text(field.get(merged, index), &theirs)
            } else {
                theirs
            };
            if let Some(target) = field.get_mut(merged, index) {
                *target = value;
            }
        }
        Part::ProducerKind => merged.producer.kind = copy.producer.kind,
        Part::ScoringSet => merged.scoring_set = copy.scoring_set,
        Part::Applications => {
            // The applications both have stay merged part by part; the later ones are
            // the copy's.
            let shared = index.map_or(0, |i| i + 1);
            merged.applications.truncate(shared);
            merged
                .applications
                .extend(copy.applications.iter().skip(shared).cloned());
        }
        Part::Process => {
            if let (Some(m), Some(c)) = (
                index.and_then(|i| merged.applications.get_mut(i)),
                theirs_app,
            ) {
                m.stage = c.stage;
                m.dates = c.dates.clone();
                m.certificate = c.certificate.clone();
                m.revocation = c.revocation.clone();
                m.forms.report_date = c.forms.report_date;
            }
        }
        Part::DocStatus(key)
        | Part::DocNote(key)
        | Part::DocDates(key)
        | Part::DocAttachments(key) => {
            let Some(app) = index.and_then(|i| merged.applications.get_mut(i)) else {
                return;
            };
            let theirs = theirs_app.and_then(|c| entry(c, key)).cloned();
            let Some(theirs) = theirs else {
                app.dossier.retain(|e| &e.key != key);
                return;
            };
            let Some(ours) = app.dossier.iter_mut().find(|e| &e.key == key) else {
                app.dossier.push(theirs);
                return;
            };
            match part {
                Part::DocStatus(_) => ours.status = theirs.status,
                Part::DocNote(_) if both => ours.note = join_text(&ours.note, &theirs.note),
                Part::DocNote(_) => ours.note = theirs.note,
                Part::DocDates(_) => {
                    ours.issued_on = theirs.issued_on;
                    ours.valid_until = theirs.valid_until;
                }
                _ if both => {
                    for attachment in theirs.attachments {
                        if !ours
                            .attachments
                            .iter()
                            .any(|a| a.sha256 == attachment.sha256)
                        {
                            ours.attachments.push(attachment);
                        }
                    }
                }
                _ => ours.attachments = theirs.attachments,
            }
        }
        Part::Answer(sheet, key) => {
            let theirs = theirs_app
                .and_then(|c| sheet_of(c, *sheet).answers.get(key))
                .cloned();
            if let Some(app) = index.and_then(|i| merged.applications.get_mut(i)) {
                let answers = &mut sheet_mut(app, *sheet).answers;
                match theirs {
                    Some(answer) => {
                        answers.insert(key.clone(), answer);
                    }
                    None => {
                        answers.remove(key);
                    }
                }
            }
        }
        Part::Eliminations(sheet) | Part::SheetNotes(sheet) => {
            let Some(theirs) = theirs_app.map(|c| sheet_of(c, *sheet).clone()) else {
                return;
            };
            if let Some(app) = index.and_then(|i| merged.applications.get_mut(i)) {
                let ours = sheet_mut(app, *sheet);
                if matches!(part, Part::Eliminations(_)) {
                    ours.eliminations_hit = theirs.eliminations_hit;
                } else {
                    ours.notes = theirs.notes;
                }
            }
        }
        Part::Official => {
            if let (Some(m), Some(c)) = (
                index.and_then(|i| merged.applications.get_mut(i)),
                theirs_app,
            ) {
                m.scores.official = c.scores.official.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dossier::DocStatus;
    use crate::domain::history::Origin;

    fn product() -> Product {
        let mut product = crate::domain::model::test_product(&["form-01", "form-02"]);
        product.notes = "ghi chú".into();
        product
    }

    fn entry_at(minute: u32, by: &str) -> HistoryEntry {
        HistoryEntry {
            at: chrono::NaiveDate::from_ymd_opt(2026, 11, 28)
                .and_then(|d| d.and_hms_opt(9, minute, 0))
                .expect("time"),
            by: by.into(),
            origin: Origin::Edit,
            changes: Vec::new(),
        }
    }

    /// Receiving a bundle may put an older application before the current one: the two
    /// versions' applications at one index are then different applications, and none of
    /// their parts is compared or merged across them; only the whole list is a choice.
    #[test]
    fn applications_that_do_not_correspond_are_never_merged_part_by_part() {
        use crate::domain::model::Certificate;
        let base = product();
        let mut older = base.applications[0].clone();
        older.year = 2023;
        older.certificate = Some(Certificate {
            star: 3,
            number: "12/QĐ-UBND".into(),
            issued_on: chrono::NaiveDate::from_ymd_opt(2023, 8, 1).expect("date"),
        });
        let mut current = base.clone();
        current.applications[0].year = 2025;
        current.applications.insert(0, older.clone());
        let mut copy = base;
        copy.applications[0].year = 2025;
        copy.applications[0].stage = crate::domain::stage::Stage::SubmittedToCommune;
        assert_eq!(shared_index(&current, &copy), None);
        let parts = differences(&current, &copy);
        assert_eq!(parts, vec![Part::Applications]);
        // Keeping this side's list keeps the 2023 certificate; the copy's is the copy's.
        let kept = merge(
            &current,
            &copy,
            &BTreeMap::from([(Part::Process, Keep::Copy)]),
        );
        assert_eq!(kept.applications[0], older);
        let taken = merge(
            &current,
            &copy,
            &BTreeMap::from([(Part::Applications, Keep::Copy)]),
        );
        assert_eq!(taken.applications, copy.applications);
        // Lists that do correspond: the shared last application is merged part by part.
        let mut longer = copy.clone();
        longer.applications.push(longer.applications[0].clone());
        longer.applications[1].year = 2026;
        assert_eq!(shared_index(&copy, &longer), Some(0));
    }

    #[test]
    fn both_officers_edits_survive_a_merge() {
        let base = product();
        let mut current = base.clone();
        current.name = "Cốm Hồng Quang".into();
        current.history = vec![entry_at(1, "An"), entry_at(5, "An")];
        if let Some(e) = current.current_mut().and_then(|a| a.dossier.first_mut()) {
            e.status = DocStatus::Ready;
        }
        let mut copy = base;
        copy.notes = "ghi chú của Bình".into();
        copy.history = vec![entry_at(1, "An"), entry_at(3, "Bình")];
        if let Some(e) = copy.current_mut().and_then(|a| a.dossier.get_mut(1)) {
            e.note = "thiếu phần IV".into();
        }
        let parts = differences(&current, &copy);
        assert_eq!(
            parts,
            vec![
                Part::Text(TextField::Name),
                Part::Text(TextField::Notes),
                Part::DocStatus("form-01".into()),
                Part::DocNote("form-02".into()),
            ]
        );
        let choices = BTreeMap::from([
            (Part::Text(TextField::Notes), Keep::Both),
            (Part::DocNote("form-02".into()), Keep::Copy),
        ]);
        let merged = merge(&current, &copy, &choices);
        assert_eq!(merged.name, "Cốm Hồng Quang");
        // Bình's note grew out of the current one: kept once, not "ghi chú\nghi chú của Bình".
        assert_eq!(merged.notes, "ghi chú của Bình");
        let app = merged.current().expect("app");
        assert_eq!(app.dossier[0].status, DocStatus::Ready);
        assert_eq!(app.dossier[1].note, "thiếu phần IV");
        let authors: Vec<&str> = merged.history.iter().map(|e| e.by.as_str()).collect();
        assert_eq!(
            authors,
            ["An", "Bình", "An"],
            "merged by time, shared entry once"
        );
        assert!(differences(&merged, &merged).is_empty());
    }

    #[test]
    fn keeping_both_texts_says_the_common_part_once() {
        for (current, copy, expected) in [
            ("", "b", "b"),
            ("a", "", "a"),
            ("a", "a", "a"),
            (
                "Cần bổ sung chữ ký",
                "Cần bổ sung chữ ký và đóng dấu",
                "Cần bổ sung chữ ký và đóng dấu",
            ),
            ("dòng 1\ndòng 2", "dòng 1\ndòng 3", "dòng 1\ndòng 2\ndòng 3"),
            ("của An", "của Bình", "của An\ncủa Bình"),
        ] {
            assert_eq!(join_text(current, copy), expected, "{current:?} + {copy:?}");
        }
    }
}
