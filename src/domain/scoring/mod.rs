//! The OCOP scoring engine: turns a score sheet (one answer per criterion) into
//! part and total scores, a star band, a recognisable star rank, the unmet star
//! minima, a plan to reach the next star, and moves a sheet from one scoring set
//! (or rule version) to another.
//!
//! Pure functions over [`crate::domain::criteria`] data. Must not depend on egui,
//! ron, `std::fs` or any other I/O: only serde derives and std.
//!
//! Rules applied (Decision 26/2026/QĐ-TTg, Art. 3 and Appendix II; domain brief §2.3):
//! - Total out of 100 (Part A 40, B 25, C 35). There is no minimum per part.
//! - Bands: 1★ < 30; 2★ 30–<50; 3★ 50–<70; 4★ 70–<90; 5★ ≥ 90.
//! - No certificate below 3★; the province recognises 3★/4★, the ministry 5★.
//! - Options marked ***, ****, ***** are the minimum to reach for that star rank
//!   on that criterion. A rank needs both the band and every minimum for it.
//! - Any eliminating condition that is hit means no rank at all.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::domain::criteria::{Criterion, CriterionOption, Part, ScoringSet};

/// Lowest star rank that gets a certificate (Decision 26/2026, Art. 3: no decision
/// and no certificate for 1★ and 2★).
pub const LOWEST_RECOGNISED_STAR: u8 = 3;

/// Highest star rank.
pub const HIGHEST_STAR: u8 = 5;

/// The star band of a total score.
///
/// Decision 26/2026, Art. 3 (domain brief §2.3): 1★ < 30; 2★ 30 to < 50;
/// 3★ 50 to < 70; 4★ 70 to < 90; 5★ 90–100.
#[must_use]
pub fn star_band(total: u16) -> u8 {
    match total {
        0..=29 => 1,
        30..=49 => 2,
        50..=69 => 3,
        70..=89 => 4,
        _ => 5,
    }
}

/// The lowest total in the band of `star` (0, 30, 50, 70, 90), or `None` for a star
/// outside 1..=5.
#[must_use]
pub fn band_threshold(star: u8) -> Option<u16> {
    // Decision 26/2026, Art. 3.
    match star {
        1 => Some(0),
        2 => Some(30),
        3 => Some(50),
        4 => Some(70),
        5 => Some(90),
        _ => None,
    }
}

/// The answer given to one criterion. (Not `Copy`: callers clone it explicitly.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// The option at this index of [`Criterion::options`] was chosen.
    Chosen {
        /// Index into the criterion's options.
        option: usize,
    },
    /// The product cannot meet this criterion at all: 0 points, and it fails any
    /// star minimum on the criterion. Also the way to answer "no" to a criterion
    /// printed with only its positive option (the bilingual label, 2.4 / 2.3).
    NotMet,
}

/// One person's scoring of one product against one scoring set.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoreSheet {
    /// Criterion key → answer. A criterion without an entry is unanswered.
    pub answers: BTreeMap<String, Answer>,
    /// Keys of the eliminating conditions that apply.
    pub eliminations_hit: BTreeSet<String>,
    /// Criterion key → free note (evidence, reasoning).
    pub notes: BTreeMap<String, String>,
    /// Criterion keys whose answer should be checked again (set after a migration).
    pub needs_review: BTreeSet<String>,
    /// Answers that could not be carried over by [`migrate_sheet`], kept so that
    /// nothing is dropped silently.
    pub stale_answers: Vec<StaleAnswer>,
    /// Eliminating conditions hit in an earlier set that the current set does not have.
    pub stale_eliminations: Vec<StaleElimination>,
}

impl ScoreSheet {
    /// Points of the answer to `criterion` (0 when unanswered, not met or invalid).
    pub fn points_for(&self, criterion: &Criterion) -> u16 {
        match resolve(criterion, self) {
            Resolved::Chosen(_, option) => option.points,
            Resolved::Unanswered | Resolved::NotMet | Resolved::Invalid => 0,
        }
    }
}

/// An answer that [`migrate_sheet`] could not place in the new set.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StaleAnswer {
    /// Number of the set the answer was given in.
    pub from_set: u8,
    /// The criterion key in that set.
    pub criterion_key: String,
    /// The printed code in that set.
    pub code: String,
    /// The criterion name in that set (empty if the key was unknown there too).
    pub criterion_name_vi: String,
    /// The answer as it was (`None` when only a note was left).
    pub answer: Option<Answer>,
    /// Label of the chosen option (`None` for "not met" or an invalid index).
    pub option_label_vi: Option<String>,
    /// Points the answer was worth there.
    pub points: u16,
    /// The note that went with the answer.
    pub note: String,
}

/// An eliminating condition hit in an earlier set that the new set does not list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StaleElimination {
    /// Number of the set it was hit in.
    pub from_set: u8,
    /// Its key there.
    pub key: String,
    /// Its Vietnamese label there (empty if the key was unknown there too).
    pub label_vi: String,
}

/// Points of one part of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct PartScore {
    /// Which part.
    pub part: Part,
    /// Points so far.
    pub points: u16,
    /// Sum of the criterion maxima of the part.
    pub max_points: u16,
}

/// Points of one criterion group (e.g. "1 Tổ chức sản xuất").
#[derive(Debug, Clone, PartialEq)]
pub struct GroupScore {
    /// The part the group belongs to.
    pub part: Part,
    /// Group number as printed.
    pub group_no: u8,
    /// Group name as printed.
    pub group_name_vi: String,
    /// English group name.
    pub group_name_en: String,
    /// Points so far.
    pub points: u16,
    /// Sum of the criterion maxima of the group.
    pub max_points: u16,
}

/// What a criterion needs for one star rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StarRequirement {
    /// The star marker that sets the requirement (≤ the rank asked about).
    pub marker_star: u8,
    /// The points of the minimum option.
    pub required_points: u16,
}

/// A star minimum that the sheet does not meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmetMinimum {
    /// The star rank (3, 4 or 5) the minimum is needed for.
    pub star: u8,
    /// The criterion.
    pub criterion_key: String,
    /// Points of the minimum option.
    pub required_points: u16,
    /// Points of the current answer (0 when unanswered or not met).
    pub current_points: u16,
    /// Whether the criterion has an answer at all.
    pub is_answered: bool,
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreSummary {
    /// Parts A, B, C in that order.
    pub parts: Vec<PartScore>,
    /// Criterion groups in sheet order.
    pub groups: Vec<GroupScore>,
    /// Points so far.
    pub total: u16,
    /// Sum of all criterion maxima (100).
    pub max_total: u16,
    /// Criteria with a valid answer (chosen option or not met).
    pub answered: usize,
    /// Criteria in the set.
    pub criteria_count: usize,
    /// Every criterion answered.
    pub complete: bool,
    /// Lowest total still reachable: the points so far.
    pub lowest_reachable: u16,
    /// Highest total still reachable: points so far plus the maximum of every
    /// unanswered criterion.
    pub highest_reachable: u16,
    /// The band of the total alone (1..=5).
    pub band_star: u8,
    /// The recognisable rank: the highest star in 3..=5 within the band whose minima
    /// are all met; `None` if there is none or an elimination was hit.
    pub rated_star: Option<u8>,
    /// Unmet minima for stars 3, 4 and 5 (by star, then in sheet order).
    pub unmet_minima: Vec<UnmetMinimum>,
    /// Keys of the eliminating conditions hit (known to the set).
    pub eliminated: Vec<String>,
    /// Answer keys that do not resolve: unknown criterion or option index out of
    /// range. They count as unanswered.
    pub invalid_answers: Vec<String>,
    /// Elimination keys in the sheet that the set does not have (ignored).
    pub unknown_eliminations: Vec<String>,
}

/// The overall result of a sheet, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An eliminating condition was hit.
    Eliminated,
    /// Recognisable at this star rank (3, 4 or 5).
    Recognised(u8),
    /// Below 3★, or the minima for 3★ are not met: no certificate.
    NotRecognised,
}

impl ScoreSummary {
    /// Points of one part.
    pub fn part_points(&self, part: Part) -> u16 {
        self.parts
            .iter()
            .find(|p| p.part == part)
            .map_or(0, |p| p.points)
    }

    /// Points of one group.
    pub fn group_points(&self, group_no: u8) -> u16 {
        self.groups
            .iter()
            .find(|g| g.group_no == group_no)
            .map_or(0, |g| g.points)
    }

    /// Eliminated, recognised at a rank, or not recognised.
    pub fn outcome(&self) -> Outcome {
        if !self.eliminated.is_empty() {
            Outcome::Eliminated
        } else if let Some(star) = self.rated_star {
            Outcome::Recognised(star)
        } else {
            Outcome::NotRecognised
        }
    }

    /// The unmet minima for one star rank.
    pub fn unmet_for(&self, star: u8) -> impl Iterator<Item = &UnmetMinimum> {
        self.unmet_minima.iter().filter(move |u| u.star == star)
    }
}

/// Why a change is suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestionReason {
    /// Needed to meet the star minimum of this rank.
    StarMinimum(u8),
    /// Needed for the points of the target band.
    Points,
}

/// One suggested change of answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The criterion to improve.
    pub criterion_key: String,
    /// The option chosen now (`None` when unanswered or not met).
    pub from_option: Option<usize>,
    /// The option to reach.
    pub to_option: usize,
    /// Points gained.
    pub points_gain: i32,
    /// Why.
    pub reason: SuggestionReason,
}

/// What it takes to reach the next star rank.
#[derive(Debug, Clone, PartialEq)]
pub struct NextStarPlan {
    /// The star rank aimed at.
    pub target_star: u8,
    /// The lowest total of its band (50, 70 or 90).
    pub threshold: u16,
    /// Points missing to the threshold now (0 if the total is already enough).
    pub points_gap: u16,
    /// The minima of the target rank that are not met now.
    pub unmet_minima: Vec<UnmetMinimum>,
    /// Changes that together reach the target, ranked: star minima first, then
    /// point upgrades, each in sheet order.
    pub suggestions: Vec<Suggestion>,
    /// Whether the suggestions reach the target (false only if the data makes it
    /// impossible, e.g. a minimum with no option in the chosen case).
    pub reaches_target: bool,
}

/// How an answer resolves against a criterion.
enum Resolved<'a> {
    Unanswered,
    NotMet,
    Chosen(usize, &'a CriterionOption),
    /// An option index out of range: counted as unanswered and reported.
    Invalid,
}

fn resolve<'a>(criterion: &'a Criterion, sheet: &ScoreSheet) -> Resolved<'a> {
    match sheet.answers.get(&criterion.key) {
        None => Resolved::Unanswered,
        Some(Answer::NotMet) => Resolved::NotMet,
        Some(Answer::Chosen { option }) => match criterion.options.get(*option) {
            Some(chosen) => Resolved::Chosen(*option, chosen),
            None => Resolved::Invalid,
        },
    }
}

/// What `criterion` requires for star rank `star`, or `None` if nothing.
///
/// The requirement comes from the options whose marker is the largest marker ≤ `star`:
/// a 4★ product must also meet the 3★ minimum of a criterion that has no 4★ marker.
/// This carrying-up is \[inferred\] in the domain brief (§2.3), not printed; it is also
/// what makes a higher marker imply the lower ones, since markers rise with points.
/// The minimum is the lowest points among those options.
///
/// Set 26 cases ("choose one of two cases", items 8, 9, 15): the requirement compares
/// points only, whatever the case. Both cases of a criterion have the same point
/// scale (1/3, 1/2, 1/3), so a points comparison is fair across cases, and no
/// case option carries a star marker in 26/2026 (`tests/criteria_data.rs` checks it).
#[must_use]
pub fn star_requirement(criterion: &Criterion, star: u8) -> Option<StarRequirement> {
    let marker_star = criterion
        .options
        .iter()
        .filter_map(|o| o.star_min)
        .filter(|&m| m <= star)
        .max()?;
    let required_points = criterion
        .options
        .iter()
        .filter(|o| o.star_min == Some(marker_star))
        .map(|o| o.points)
        .min()?;
    Some(StarRequirement {
        marker_star,
        required_points,
    })
}

/// Whether the answer meets the requirement (unanswered, not met and invalid fail).
fn meets(resolved: &Resolved<'_>, requirement: StarRequirement) -> bool {
    match resolved {
        Resolved::Chosen(_, option) => option.points >= requirement.required_points,
        Resolved::Unanswered | Resolved::NotMet | Resolved::Invalid => false,
    }
}

fn unmet_minima_for(set: &ScoringSet, sheet: &ScoreSheet, star: u8) -> Vec<UnmetMinimum> {
    let mut out = Vec::new();
    for criterion in &set.criteria {
        let Some(requirement) = star_requirement(criterion, star) else {
            continue;
        };
        let resolved = resolve(criterion, sheet);
        if !meets(&resolved, requirement) {
            let (current_points, is_answered) = match resolved {
                Resolved::Chosen(_, option) => (option.points, true),
                Resolved::NotMet => (0, true),
                Resolved::Unanswered | Resolved::Invalid => (0, false),
            };
            out.push(UnmetMinimum {
                star,
                criterion_key: criterion.key.clone(),
                required_points: requirement.required_points,
                current_points,
                is_answered,
            });
        }
    }
    out
}

/// Score a sheet against a set.
///
/// Unanswered criteria count 0 points and fail their minima, so `rated_star` is what
/// the sheet earns *as it stands*; `highest_reachable` shows what is still open.
#[must_use]
pub fn evaluate(set: &ScoringSet, sheet: &ScoreSheet) -> ScoreSummary {
    let mut parts: Vec<PartScore> = Part::ALL
        .iter()
        .map(|&part| PartScore {
            part,
            points: 0,
            max_points: set.part_max(part),
        })
        .collect();
    let mut groups: Vec<GroupScore> = Vec::new();
    let mut total: u16 = 0;
    let mut open_max: u16 = 0;
    let mut answered = 0;
    let mut invalid_answers = Vec::new();

    for criterion in &set.criteria {
        let points = match resolve(criterion, sheet) {
            Resolved::Chosen(_, option) => {
                answered += 1;
                option.points
            }
            Resolved::NotMet => {
                answered += 1;
                0
            }
            Resolved::Unanswered => {
                open_max = open_max.saturating_add(criterion.max_points);
                0
            }
            Resolved::Invalid => {
                invalid_answers.push(criterion.key.clone());
                open_max = open_max.saturating_add(criterion.max_points);
                0
            }
        };
        total = total.saturating_add(points);
        if let Some(part) = parts.iter_mut().find(|p| p.part == criterion.part) {
            part.points = part.points.saturating_add(points);
        }
        match groups
            .iter_mut()
            .find(|g| g.part == criterion.part && g.group_no == criterion.group_no)
        {
            Some(group) => {
                group.points = group.points.saturating_add(points);
                group.max_points = group.max_points.saturating_add(criterion.max_points);
            }
            None => groups.push(GroupScore {
                part: criterion.part,
                group_no: criterion.group_no,
                group_name_vi: criterion.group_name_vi.clone(),
                group_name_en: criterion.group_name_en.clone(),
                points,
                max_points: criterion.max_points,
            }),
        }
    }
    for key in sheet.answers.keys() {
        if set.criterion(key).is_none() {
            invalid_answers.push(key.clone());
        }
    }

    let mut eliminated = Vec::new();
    let mut unknown_eliminations = Vec::new();
    for key in &sheet.eliminations_hit {
        if set.elimination(key).is_some() {
            eliminated.push(key.clone());
        } else {
            unknown_eliminations.push(key.clone());
        }
    }

    // Decision 26/2026, Art. 3: no certificate below 3★. Appendix II legend: the star
    // markers are the minimum to reach for each rank, so a rank needs both its band
    // and every minimum; an elimination rules out any rank.
    let band_star = star_band(total);
    let mut unmet_minima = Vec::new();
    let mut rated_star = None;
    for star in LOWEST_RECOGNISED_STAR..=HIGHEST_STAR {
        let unmet = unmet_minima_for(set, sheet, star);
        if star <= band_star && unmet.is_empty() && eliminated.is_empty() {
            rated_star = Some(star);
        }
        unmet_minima.extend(unmet);
    }

    ScoreSummary {
        parts,
        groups,
        total,
        max_total: set.total_max(),
        answered,
        criteria_count: set.criteria.len(),
        complete: answered == set.criteria.len(),
        lowest_reachable: total,
        highest_reachable: total.saturating_add(open_max),
        band_star,
        rated_star,
        unmet_minima,
        eliminated,
        invalid_answers,
        unknown_eliminations,
    }
}

mod migrate;
mod next_star;

pub use migrate::{SheetProblem, migrate_sheet, sheet_problems};
pub use next_star::way_to_next_star;

#[cfg(test)]
mod tests;
