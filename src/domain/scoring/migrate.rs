//! A score sheet moved to another scoring set (or rule version), and answers that do
//! not fit a set. Nothing is dropped silently: unmatched answers become stale answers.

use std::collections::{BTreeMap, BTreeSet};

use super::{Answer, Resolved, ScoreSheet, StaleAnswer, StaleElimination, resolve};
use crate::domain::criteria::{Criterion, CriterionOption, ScoringSet};

/// How sure a migration is that an old criterion is the same as a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MatchStrength {
    /// Same key and same name: the same criterion.
    KeyAndName,
    /// Same name, unique in the new set, under another key (numbering moved).
    Name,
    /// Same key, another name, and the chosen option's label exists there.
    KeyAndLabel,
    /// Same part and group, and the chosen option's label exists in exactly one
    /// criterion there (e.g. set 2's 1.3 certified area is set 8's 1.2).
    GroupAndLabel,
}

/// Something in a score sheet that the scoring set does not have (hand-edited or
/// corrupted files; the engine ignores such answers, `check` reports them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetProblem {
    /// An answer to a criterion key the set does not have.
    UnknownCriterion { key: String },
    /// An option index past the criterion's options.
    OptionOutOfRange {
        /// Criterion key.
        key: String,
        /// The stored index (0-based).
        option: usize,
        /// How many options the criterion has.
        options: usize,
    },
    /// An eliminating condition the set does not have.
    UnknownElimination { key: String },
}

/// The answers and eliminations of `sheet` that do not fit `set`.
pub fn sheet_problems(set: &ScoringSet, sheet: &ScoreSheet) -> Vec<SheetProblem> {
    let mut problems = Vec::new();
    for (key, answer) in &sheet.answers {
        match (set.criterion(key), answer) {
            (None, _) => problems.push(SheetProblem::UnknownCriterion { key: key.clone() }),
            (Some(criterion), Answer::Chosen { option }) if criterion.option(*option).is_none() => {
                problems.push(SheetProblem::OptionOutOfRange {
                    key: key.clone(),
                    option: *option,
                    options: criterion.options.len(),
                });
            }
            _ => {}
        }
    }
    for key in &sheet.eliminations_hit {
        if set.elimination(key).is_none() {
            problems.push(SheetProblem::UnknownElimination { key: key.clone() });
        }
    }
    problems
}

/// Move a sheet from one scoring set to another (another set of the same rule
/// version, e.g. fresh buffalo meat set 2 → dried buffalo set 8, or the same set
/// under a new rule version).
///
/// Criteria are matched first by key and name, then by name alone (codes move between
/// sets: set 2's 1.2 "Gia tăng giá trị" is set 8's 1.3), then by key with the chosen
/// option's label, then by the label within the same group; each new criterion takes
/// at most one old one. Codes alone are never trusted: set 2's item 7 is uniqueness,
/// set 3's is nutrition (criteria README).
///
/// For a matched criterion:
/// - the same option label → kept, re-indexed (flagged in `needs_review` if the match
///   was not by key and name, or if the points changed);
/// - otherwise an option with the same points (same case preferred) → kept and flagged;
/// - otherwise → `stale_answers`, and the new criterion is flagged.
///
/// "Not met" answers, notes and review flags follow their criterion. Unmatched
/// answers and notes go to `stale_answers` with the old code, name and option label;
/// unknown eliminations go to `stale_eliminations`. Nothing is dropped silently.
#[must_use]
pub fn migrate_sheet(old: &ScoringSet, new: &ScoringSet, sheet: &ScoreSheet) -> ScoreSheet {
    let mut out = ScoreSheet {
        stale_answers: sheet.stale_answers.clone(),
        stale_eliminations: sheet.stale_eliminations.clone(),
        ..ScoreSheet::default()
    };

    let matched = match_criteria(old, new, sheet);
    for (old_index, old_criterion) in old.criteria.iter().enumerate() {
        if !carries_data(sheet, &old_criterion.key) {
            continue;
        }
        let target = matched
            .get(&old_index)
            .and_then(|&(i, strength)| new.criteria.get(i).map(|c| (c, strength)));
        if let Some((new_criterion, strength)) = target {
            move_criterion(old, old_criterion, new_criterion, strength, sheet, &mut out);
        } else {
            let note = sheet.notes.get(&old_criterion.key).cloned();
            out.stale_answers
                .push(stale(old, old_criterion, sheet, note.unwrap_or_default()));
        }
    }

    // Answers and notes under keys the old set does not know.
    let unknown: BTreeSet<&String> = sheet
        .answers
        .keys()
        .chain(sheet.notes.keys())
        .filter(|k| old.criterion(k).is_none())
        .collect();
    for key in unknown {
        out.stale_answers.push(StaleAnswer {
            from_set: old.number,
            criterion_key: key.clone(),
            code: key.clone(),
            criterion_name_vi: String::new(),
            answer: sheet.answers.get(key).cloned(),
            option_label_vi: None,
            points: 0,
            note: sheet.notes.get(key).cloned().unwrap_or_default(),
        });
    }

    for key in &sheet.eliminations_hit {
        if new.elimination(key).is_some() {
            out.eliminations_hit.insert(key.clone());
        } else {
            out.stale_eliminations.push(StaleElimination {
                from_set: old.number,
                key: key.clone(),
                label_vi: old
                    .elimination(key)
                    .map(|e| e.label_vi.clone())
                    .unwrap_or_default(),
            });
        }
    }
    out
}

/// Whether the sheet holds anything (answer, note, review flag) for this criterion key.
fn carries_data(sheet: &ScoreSheet, key: &str) -> bool {
    sheet.answers.contains_key(key)
        || sheet.notes.contains_key(key)
        || sheet.needs_review.contains(key)
}

/// Pair the old criteria that carry data with new criteria, strongest evidence first;
/// each new criterion takes at most one old one. Returns old index → (new index, strength).
fn match_criteria(
    old: &ScoringSet,
    new: &ScoringSet,
    sheet: &ScoreSheet,
) -> BTreeMap<usize, (usize, MatchStrength)> {
    let mut matched: BTreeMap<usize, (usize, MatchStrength)> = BTreeMap::new();
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    let strengths = [
        MatchStrength::KeyAndName,
        MatchStrength::Name,
        MatchStrength::KeyAndLabel,
        MatchStrength::GroupAndLabel,
    ];
    for strength in strengths {
        for (old_index, old_criterion) in old.criteria.iter().enumerate() {
            if matched.contains_key(&old_index) || !carries_data(sheet, &old_criterion.key) {
                continue;
            }
            let label = match resolve(old_criterion, sheet) {
                Resolved::Chosen(_, option) => Some(option.label_vi.as_str()),
                Resolved::Unanswered | Resolved::NotMet | Resolved::Invalid => None,
            };
            let has_label =
                |c: &Criterion| label.is_some_and(|l| c.option_index_by_label(l).is_some());
            let fits = |c: &Criterion| match strength {
                MatchStrength::KeyAndName => {
                    c.key == old_criterion.key && c.name_vi == old_criterion.name_vi
                }
                MatchStrength::Name => c.name_vi == old_criterion.name_vi,
                MatchStrength::KeyAndLabel => c.key == old_criterion.key && has_label(c),
                MatchStrength::GroupAndLabel => {
                    c.part == old_criterion.part
                        && c.group_no == old_criterion.group_no
                        && has_label(c)
                }
            };
            let found: Vec<usize> = new
                .criteria
                .iter()
                .enumerate()
                .filter(|(i, c)| !taken.contains(i) && fits(c))
                .map(|(i, _)| i)
                .collect();
            // Only an unambiguous candidate is a match.
            if let [new_index] = found.as_slice() {
                matched.insert(old_index, (*new_index, strength));
                taken.insert(*new_index);
            }
        }
    }
    matched
}

/// Carry the answer, note and review flag of one matched criterion into `out`.
fn move_criterion(
    old: &ScoringSet,
    old_criterion: &Criterion,
    new_criterion: &Criterion,
    strength: MatchStrength,
    sheet: &ScoreSheet,
    out: &mut ScoreSheet,
) {
    let new_key = new_criterion.key.clone();
    let mut review =
        sheet.needs_review.contains(&old_criterion.key) || strength != MatchStrength::KeyAndName;
    if let Some(note) = sheet.notes.get(&old_criterion.key) {
        out.notes.insert(new_key.clone(), note.clone());
    }
    match resolve(old_criterion, sheet) {
        Resolved::Unanswered => {}
        Resolved::NotMet => {
            out.answers.insert(new_key.clone(), Answer::NotMet);
        }
        Resolved::Chosen(_, option) => {
            if let Some((index, exact)) = map_option(option, new_criterion) {
                let points_changed = new_criterion
                    .option(index)
                    .is_none_or(|o| o.points != option.points);
                review |= !exact || points_changed;
                out.answers
                    .insert(new_key.clone(), Answer::Chosen { option: index });
            } else {
                review = true;
                out.stale_answers
                    .push(stale(old, old_criterion, sheet, String::new()));
            }
        }
        Resolved::Invalid => {
            review = true;
            out.stale_answers
                .push(stale(old, old_criterion, sheet, String::new()));
        }
    }
    if review {
        out.needs_review.insert(new_key);
    }
}

/// The new option for an old one: by label (exact = true), else by points, preferring
/// the same case and then the first in sheet order (exact = false).
fn map_option(old_option: &CriterionOption, new_criterion: &Criterion) -> Option<(usize, bool)> {
    if let Some(index) = new_criterion.option_index_by_label(&old_option.label_vi) {
        return Some((index, true));
    }
    new_criterion
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.points == old_option.points)
        .min_by_key(|&(index, o)| (o.case_no != old_option.case_no, index))
        .map(|(index, _)| (index, false))
}

fn stale(set: &ScoringSet, criterion: &Criterion, sheet: &ScoreSheet, note: String) -> StaleAnswer {
    let resolved = resolve(criterion, sheet);
    let (option_label_vi, points) = match resolved {
        Resolved::Chosen(_, option) => (Some(option.label_vi.clone()), option.points),
        Resolved::Unanswered | Resolved::NotMet | Resolved::Invalid => (None, 0),
    };
    StaleAnswer {
        from_set: set.number,
        criterion_key: criterion.key.clone(),
        code: criterion.code.clone(),
        criterion_name_vi: criterion.name_vi.clone(),
        answer: sheet.answers.get(&criterion.key).cloned(),
        option_label_vi,
        points,
        note,
    }
}
