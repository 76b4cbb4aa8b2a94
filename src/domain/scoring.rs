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

/// Options of `criterion` that may replace the current answer: all of them, or only
/// those of the same case when the current option belongs to a case (set 26: the case
/// is a fact about who provides the service, not something to improve).
fn allowed_options<'a>(
    criterion: &'a Criterion,
    resolved: &Resolved<'_>,
) -> impl Iterator<Item = (usize, &'a CriterionOption)> {
    let case = match resolved {
        Resolved::Chosen(_, option) => option.case_no,
        Resolved::Unanswered | Resolved::NotMet | Resolved::Invalid => None,
    };
    criterion
        .options
        .iter()
        .enumerate()
        .filter(move |(_, o)| case.is_none() || o.case_no.is_none() || o.case_no == case)
}

/// A criterion that may be upgraded for points, with its possible steps.
struct Candidate {
    index: usize,
    from_option: Option<usize>,
    /// (gain, option index), ascending gain, one option per gain (the first in sheet order).
    steps: Vec<(u16, usize)>,
}

/// Feasibility table for the "fewest upgrades" search: `get(i, c, g)` says whether the
/// candidates from `i` on can give a gain of exactly `g` with exactly `c` changes.
struct Table {
    changes: usize,
    gains: usize,
    cells: Vec<bool>,
}

impl Table {
    fn new(candidates: usize, gains: usize) -> Self {
        let changes = candidates + 1;
        Table {
            changes,
            gains,
            cells: vec![false; (candidates + 1) * changes * gains],
        }
    }

    fn at(&self, i: usize, c: usize, g: usize) -> Option<usize> {
        (c < self.changes && g < self.gains).then_some((i * self.changes + c) * self.gains + g)
    }

    fn get(&self, i: usize, c: usize, g: usize) -> bool {
        self.at(i, c, g)
            .and_then(|k| self.cells.get(k))
            .copied()
            .unwrap_or(false)
    }

    fn set(&mut self, i: usize, c: usize, g: usize) {
        if let Some(cell) = self.at(i, c, g).and_then(|k| self.cells.get_mut(k)) {
            *cell = true;
        }
    }
}

/// Choose upgrades worth at least `needed` points with the fewest changes, and among
/// those the smallest total gain (smallest steps). Ties go to earlier candidates and
/// then to smaller steps. Returns (candidate position, option index, gain), or `None`
/// if even every maximum upgrade is not enough.
///
/// A small exact knapsack: at most ~35 criteria and 100 points, so the table has
/// about 130,000 cells.
fn fewest_upgrades(candidates: &[Candidate], needed: u16) -> Option<Vec<(usize, usize, u16)>> {
    let needed = usize::from(needed);
    let max_gain: usize = candidates
        .iter()
        .map(|c| c.steps.last().map_or(0, |s| usize::from(s.0)))
        .sum();
    if max_gain < needed {
        return None;
    }
    let n = candidates.len();
    let mut table = Table::new(n, max_gain + 1);
    table.set(n, 0, 0);
    for (i, candidate) in candidates.iter().enumerate().rev() {
        for c in 0..=(n - i) {
            for g in 0..=max_gain {
                let skip = table.get(i + 1, c, g);
                let take = c > 0
                    && candidate.steps.iter().any(|&(gain, _)| {
                        usize::from(gain) <= g && table.get(i + 1, c - 1, g - usize::from(gain))
                    });
                if skip || take {
                    table.set(i, c, g);
                }
            }
        }
    }
    let (mut changes, mut gain) = (0..=n).find_map(|c| {
        (needed..=max_gain)
            .find(|&g| table.get(0, c, g))
            .map(|g| (c, g))
    })?;
    let mut chosen = Vec::new();
    for (i, candidate) in candidates.iter().enumerate() {
        if changes == 0 {
            break;
        }
        let step = candidate.steps.iter().find(|&&(step_gain, _)| {
            let step_gain = usize::from(step_gain);
            step_gain <= gain && table.get(i + 1, changes - 1, gain - step_gain)
        });
        if let Some(&(step_gain, option)) = step {
            chosen.push((i, option, step_gain));
            changes -= 1;
            gain -= usize::from(step_gain);
        }
    }
    Some(chosen)
}

fn to_i32(points: u16) -> i32 {
    i32::from(points)
}

/// What it takes to reach the next star rank, or `None` if the sheet is eliminated or
/// already rated 5★.
///
/// Target: the star above the current rated star (3★ when there is none).
///
/// Algorithm:
/// 1. For every unmet minimum of the target (in sheet order), suggest the cheapest
///    option that meets it: the fewest points ≥ the minimum, within the current case
///    for set 26 case criteria; ties go to the earlier option.
/// 2. If the total after step 1 is still below the target's band threshold, add point
///    upgrades on the other criteria: the fewest changes that close the gap, and
///    among those the smallest total gain (smallest steps, least overshoot). Ties go
///    to earlier criteria in sheet order, then to smaller steps. Solved exactly by a
///    small knapsack over (criteria, changes, points). Criteria changed in step 1 are
///    not changed again, so each criterion appears at most once.
///
/// Unanswered and not-met criteria count as 0 points and may be suggested
/// (`from_option: None`). The result is deterministic.
#[must_use]
pub fn way_to_next_star(set: &ScoringSet, sheet: &ScoreSheet) -> Option<NextStarPlan> {
    let summary = evaluate(set, sheet);
    if !summary.eliminated.is_empty() {
        return None;
    }
    let target_star = match summary.rated_star {
        None => LOWEST_RECOGNISED_STAR,
        Some(star) if star >= HIGHEST_STAR => return None,
        Some(star) => star + 1,
    };
    let threshold = band_threshold(target_star)?;
    let unmet_minima: Vec<UnmetMinimum> = summary.unmet_for(target_star).cloned().collect();

    let mut suggestions = Vec::new();
    let mut reaches_target = true;
    let mut changed: BTreeSet<&str> = BTreeSet::new();
    let mut total_after = i32::from(summary.total);

    // Step 1: the star minima of the target.
    for unmet in &unmet_minima {
        let Some(criterion) = set.criterion(&unmet.criterion_key) else {
            continue;
        };
        let resolved = resolve(criterion, sheet);
        let best = allowed_options(criterion, &resolved)
            .filter(|(_, o)| o.points >= unmet.required_points)
            .min_by_key(|&(index, o)| (o.points, index));
        match best {
            Some((to_option, option)) => {
                let gain = to_i32(option.points) - to_i32(unmet.current_points);
                total_after += gain;
                changed.insert(criterion.key.as_str());
                suggestions.push(Suggestion {
                    criterion_key: criterion.key.clone(),
                    from_option: chosen_index(&resolved),
                    to_option,
                    points_gain: gain,
                    reason: SuggestionReason::StarMinimum(target_star),
                });
            }
            None => reaches_target = false,
        }
    }

    // Step 2: points, if still short of the band.
    let short = i32::from(threshold) - total_after;
    if short > 0 {
        let candidates: Vec<Candidate> = set
            .criteria
            .iter()
            .enumerate()
            .filter(|(_, c)| !changed.contains(c.key.as_str()))
            .filter_map(|(index, criterion)| {
                let resolved = resolve(criterion, sheet);
                let current = match &resolved {
                    Resolved::Chosen(_, option) => option.points,
                    Resolved::Unanswered | Resolved::NotMet | Resolved::Invalid => 0,
                };
                let mut steps: Vec<(u16, usize)> = allowed_options(criterion, &resolved)
                    .filter(|(_, o)| o.points > current)
                    .map(|(i, o)| (o.points - current, i))
                    .collect();
                steps.sort_unstable();
                steps.dedup_by_key(|s| s.0);
                (!steps.is_empty()).then(|| Candidate {
                    index,
                    from_option: chosen_index(&resolved),
                    steps,
                })
            })
            .collect();
        let needed = u16::try_from(short).unwrap_or(u16::MAX);
        match fewest_upgrades(&candidates, needed) {
            Some(chosen) => {
                for (position, to_option, gain) in chosen {
                    let Some(candidate) = candidates.get(position) else {
                        continue;
                    };
                    let Some(criterion) = set.criteria.get(candidate.index) else {
                        continue;
                    };
                    suggestions.push(Suggestion {
                        criterion_key: criterion.key.clone(),
                        from_option: candidate.from_option,
                        to_option,
                        points_gain: to_i32(gain),
                        reason: SuggestionReason::Points,
                    });
                }
            }
            None => reaches_target = false,
        }
    }

    Some(NextStarPlan {
        target_star,
        threshold,
        points_gap: threshold.saturating_sub(summary.total),
        unmet_minima,
        suggestions,
        reaches_target,
    })
}

fn chosen_index(resolved: &Resolved<'_>) -> Option<usize> {
    match resolved {
        Resolved::Chosen(index, _) => Some(*index),
        Resolved::Unanswered | Resolved::NotMet | Resolved::Invalid => None,
    }
}

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
    UnknownCriterion {
        /// The key.
        key: String,
    },
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
    UnknownElimination {
        /// The key.
        key: String,
    },
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::criteria::{Elimination, EliminationKind};

    fn opt(label: &str, points: u16, star_min: Option<u8>) -> CriterionOption {
        CriterionOption {
            label_vi: label.to_owned(),
            label_en: label.to_owned(),
            points,
            star_min,
            case_no: None,
            note: String::new(),
        }
    }

    fn crit(key: &str, part: Part, group_no: u8, options: Vec<CriterionOption>) -> Criterion {
        Criterion {
            key: key.to_owned(),
            code: key.to_owned(),
            part,
            group_no,
            group_name_vi: format!("Nhóm {group_no}"),
            group_name_en: format!("Group {group_no}"),
            name_vi: format!("Tiêu chí {key}"),
            name_en: format!("Criterion {key}"),
            max_points: options.iter().map(|o| o.points).max().unwrap_or(0),
            options,
            eliminations: vec![],
            note: String::new(),
        }
    }

    /// Options "p0", "p1", … worth 0, 1, … points.
    fn ladder(max: u16) -> Vec<CriterionOption> {
        (0..=max).map(|p| opt(&format!("p{p}"), p, None)).collect()
    }

    fn set_of(criteria: Vec<Criterion>) -> ScoringSet {
        ScoringSet {
            number: 99,
            name_vi: "Bộ thử".to_owned(),
            name_en: "Test set".to_owned(),
            product_group: "I".to_owned(),
            sheet_heading_vi: String::new(),
            eliminations: vec![Elimination {
                key: "forged-dossier".to_owned(),
                label_vi: "Giả mạo hồ sơ".to_owned(),
                label_en: "Forged dossier".to_owned(),
                kind: EliminationKind::Eliminated,
                note: String::new(),
            }],
            criteria,
        }
    }

    /// "bulk" (A) worth 0..=95 and "m" (B) with a 3★/4★/5★ ladder worth 0/1/2/3.
    fn band_set() -> ScoringSet {
        set_of(vec![
            crit("bulk", Part::A, 1, ladder(95)),
            crit(
                "m",
                Part::B,
                4,
                vec![
                    opt("none", 0, None),
                    opt("s3", 1, Some(3)),
                    opt("s4", 2, Some(4)),
                    opt("s5", 3, Some(5)),
                ],
            ),
        ])
    }

    fn chosen(option: usize) -> Option<Answer> {
        Some(Answer::Chosen { option })
    }

    fn sheet(answers: &[(&str, Option<Answer>)]) -> ScoreSheet {
        let mut sheet = ScoreSheet::default();
        for (key, answer) in answers {
            if let Some(answer) = answer {
                sheet.answers.insert((*key).to_owned(), answer.clone());
            }
        }
        sheet
    }

    #[test]
    fn star_band_edges() {
        let cases = [
            (0, 1),
            (29, 1),
            (30, 2),
            (49, 2),
            (50, 3),
            (69, 3),
            (70, 4),
            (89, 4),
            (90, 5),
            (100, 5),
        ];
        for (total, band) in cases {
            assert_eq!(star_band(total), band, "total {total}");
        }
        assert_eq!(band_threshold(3), Some(50));
        assert_eq!(band_threshold(6), None);
    }

    #[test]
    fn bands_and_minima_capping() {
        let set = band_set();
        // (bulk points, answer to "m", total, band, rated star)
        type Case = (usize, Option<Answer>, u16, u8, Option<u8>);
        let cases: [Case; 18] = [
            (26, chosen(3), 29, 1, None),
            (27, chosen(3), 30, 2, None),
            (46, chosen(3), 49, 2, None),
            (47, chosen(3), 50, 3, Some(3)),
            (66, chosen(3), 69, 3, Some(3)),
            (67, chosen(3), 70, 4, Some(4)),
            (86, chosen(3), 89, 4, Some(4)),
            (87, chosen(3), 90, 5, Some(5)),
            (95, chosen(3), 98, 5, Some(5)),
            // Capped by the minimum on "m".
            (89, chosen(1), 90, 5, Some(3)),
            (88, chosen(2), 90, 5, Some(4)),
            (69, chosen(1), 70, 4, Some(3)),
            (49, chosen(1), 50, 3, Some(3)),
            (48, chosen(2), 50, 3, Some(3)),
            // 3★ minimum missing: not recognisable at all, whatever the total.
            (90, chosen(0), 90, 5, None),
            (75, chosen(0), 75, 4, None),
            // Not met fails every minimum; unanswered too.
            (95, Some(Answer::NotMet), 95, 5, None),
            (95, None, 95, 5, None),
        ];
        for (bulk, m, total, band, rated) in cases {
            let s = sheet(&[("bulk", chosen(bulk)), ("m", m.clone())]);
            let summary = evaluate(&set, &s);
            assert_eq!(summary.total, total, "bulk {bulk}, m {m:?}");
            assert_eq!(summary.band_star, band, "bulk {bulk}, m {m:?}");
            assert_eq!(summary.rated_star, rated, "bulk {bulk}, m {m:?}");
        }
    }

    #[test]
    fn unmet_minima_are_listed_per_star() {
        let set = band_set();
        let summary = evaluate(&set, &sheet(&[("bulk", chosen(80)), ("m", chosen(1))]));
        let listed: Vec<(u8, &str, u16, u16)> = summary
            .unmet_minima
            .iter()
            .map(|u| {
                (
                    u.star,
                    u.criterion_key.as_str(),
                    u.required_points,
                    u.current_points,
                )
            })
            .collect();
        assert_eq!(listed, [(4, "m", 2, 1), (5, "m", 3, 1)]);
        assert_eq!(summary.rated_star, Some(3));
        assert_eq!(summary.outcome(), Outcome::Recognised(3));

        let not_met = evaluate(
            &set,
            &sheet(&[("bulk", chosen(80)), ("m", Some(Answer::NotMet))]),
        );
        assert_eq!(not_met.unmet_for(3).count(), 1);
        assert!(not_met.unmet_minima.iter().all(|u| u.is_answered));
        assert_eq!(not_met.outcome(), Outcome::NotRecognised);
    }

    #[test]
    fn requirement_carries_up_from_the_largest_lower_marker() {
        let with_3_and_5 = crit(
            "c",
            Part::A,
            1,
            vec![
                opt("0", 0, None),
                opt("1", 1, Some(3)),
                opt("2", 2, None),
                opt("3", 3, Some(5)),
            ],
        );
        let only_4 = crit(
            "d",
            Part::A,
            1,
            vec![opt("0", 0, None), opt("2", 2, Some(4))],
        );
        let none = crit("e", Part::A, 1, ladder(3));
        // (criterion, star, expected (marker, required points))
        let cases = [
            (&with_3_and_5, 3, Some((3, 1))),
            (&with_3_and_5, 4, Some((3, 1))),
            (&with_3_and_5, 5, Some((5, 3))),
            (&only_4, 3, None),
            (&only_4, 4, Some((4, 2))),
            (&only_4, 5, Some((4, 2))),
            (&none, 5, None),
        ];
        for (criterion, star, expected) in cases {
            let got = star_requirement(criterion, star).map(|r| (r.marker_star, r.required_points));
            assert_eq!(got, expected, "{} at {star}★", criterion.key);
        }
    }

    #[test]
    fn eliminations() {
        let set = band_set();
        let mut s = sheet(&[("bulk", chosen(95)), ("m", chosen(3))]);
        assert_eq!(evaluate(&set, &s).rated_star, Some(5));
        assert_eq!(way_to_next_star(&set, &s), None, "already 5★");
        s.eliminations_hit.insert("no-such-ground".to_owned());
        let summary = evaluate(&set, &s);
        assert_eq!(summary.rated_star, Some(5), "unknown keys are ignored");
        assert_eq!(summary.unknown_eliminations, ["no-such-ground"]);
        s.eliminations_hit.insert("forged-dossier".to_owned());
        let summary = evaluate(&set, &s);
        assert_eq!(summary.eliminated, ["forged-dossier"]);
        assert_eq!(summary.rated_star, None);
        assert_eq!(summary.band_star, 5);
        assert_eq!(summary.outcome(), Outcome::Eliminated);
        assert_eq!(way_to_next_star(&set, &s), None);
    }

    #[test]
    fn incomplete_sheet_reports_reachable_range() {
        let set = band_set();
        let summary = evaluate(&set, &sheet(&[("bulk", chosen(40))]));
        assert_eq!(summary.total, 40);
        assert_eq!(summary.lowest_reachable, 40);
        assert_eq!(summary.highest_reachable, 43);
        assert_eq!((summary.answered, summary.criteria_count), (1, 2));
        assert!(!summary.complete);
        assert_eq!(summary.part_points(Part::A), 40);
        assert_eq!(summary.part_points(Part::B), 0);
        assert_eq!(summary.max_total, 98);

        let empty = evaluate(&set, &ScoreSheet::default());
        assert_eq!((empty.lowest_reachable, empty.highest_reachable), (0, 98));

        let invalid = evaluate(
            &set,
            &sheet(&[
                ("bulk", chosen(999)),
                ("ghost", chosen(0)),
                ("m", chosen(1)),
            ]),
        );
        assert_eq!(invalid.invalid_answers, ["bulk", "ghost"]);
        assert_eq!(invalid.answered, 1);
        assert_eq!(invalid.highest_reachable, 96);
    }

    #[test]
    fn group_subtotals_follow_sheet_order() {
        let set = set_of(vec![
            crit("1.1", Part::A, 1, ladder(3)),
            crit("1.2", Part::A, 1, ladder(2)),
            crit("4.1", Part::B, 4, ladder(5)),
        ]);
        let summary = evaluate(
            &set,
            &sheet(&[("1.1", chosen(2)), ("1.2", chosen(1)), ("4.1", chosen(5))]),
        );
        let groups: Vec<(u8, u16, u16)> = summary
            .groups
            .iter()
            .map(|g| (g.group_no, g.points, g.max_points))
            .collect();
        assert_eq!(groups, [(1, 3, 5), (4, 5, 5)]);
        assert_eq!(summary.group_points(4), 5);
    }

    /// a: 0..=3; b: 0, 2 (3★), 3 (4★), 5 (5★); c: 0, 1, 2, 3, 5; d: 0..=2; bulk: 0..=60.
    fn plan_set() -> ScoringSet {
        set_of(vec![
            crit("a", Part::A, 1, ladder(3)),
            crit(
                "b",
                Part::A,
                1,
                vec![
                    opt("b0", 0, None),
                    opt("b2", 2, Some(3)),
                    opt("b3", 3, Some(4)),
                    opt("b5", 5, Some(5)),
                ],
            ),
            crit(
                "c",
                Part::B,
                4,
                vec![
                    opt("c0", 0, None),
                    opt("c1", 1, None),
                    opt("c2", 2, None),
                    opt("c3", 3, None),
                    opt("c5", 5, None),
                ],
            ),
            crit("d", Part::B, 5, ladder(2)),
            crit("bulk", Part::C, 6, ladder(60)),
        ])
    }

    fn suggestion(
        key: &str,
        from: Option<usize>,
        to: usize,
        gain: i32,
        reason: SuggestionReason,
    ) -> Suggestion {
        Suggestion {
            criterion_key: key.to_owned(),
            from_option: from,
            to_option: to,
            points_gain: gain,
            reason,
        }
    }

    #[test]
    fn next_star_minimum_then_points() {
        let set = plan_set();
        // a1 + b0 + c1 + d0 + bulk45 = 47; b misses its 3★ minimum (2 points).
        let s = sheet(&[
            ("a", chosen(1)),
            ("b", chosen(0)),
            ("c", chosen(1)),
            ("d", chosen(0)),
            ("bulk", chosen(45)),
        ]);
        let plan = way_to_next_star(&set, &s).expect("a plan");
        assert_eq!(
            (plan.target_star, plan.threshold, plan.points_gap),
            (3, 50, 3)
        );
        assert_eq!(plan.unmet_minima.len(), 1);
        assert!(plan.reaches_target);
        assert_eq!(
            plan.suggestions,
            [
                suggestion("b", Some(0), 1, 2, SuggestionReason::StarMinimum(3)),
                // 49 after b: one more point; a, c, d and bulk all have a 1-point step,
                // and a comes first on the sheet.
                suggestion("a", Some(1), 2, 1, SuggestionReason::Points),
            ]
        );
    }

    #[test]
    fn next_star_point_upgrades() {
        use SuggestionReason::{Points, StarMinimum};
        let set = plan_set();
        // (a, b, c, d, bulk option indices) → expected suggestions.
        // Option index = points for a, d and bulk; b: 1 = 2 points (3★), c: 1 = 1 point.
        let cases: [([usize; 5], Vec<Suggestion>); 4] = [
            // 0+2+1+0+60 = 63 → 3★; target 4★: b +1 → 64, short 6. No single change gives
            // 6 (a +3, c +4, d +2, bulk capped): fewest changes is 2, smallest total 6,
            // earliest first: a +2 with c +4.
            (
                [0, 1, 1, 0, 60],
                vec![
                    suggestion("b", Some(1), 2, 1, StarMinimum(4)),
                    suggestion("a", Some(0), 2, 2, Points),
                    suggestion("c", Some(1), 4, 4, Points),
                ],
            ),
            // 0+2+1+0+44 = 47 → no star; target 3★, minima met, short 3. Single changes
            // a +3 and bulk +3 are the smallest that suffice (c +4 overshoots): a is first.
            (
                [0, 1, 1, 0, 44],
                vec![suggestion("a", Some(0), 3, 3, Points)],
            ),
            // 46, short 4: c +4 and bulk +4 tie; c is first on the sheet.
            (
                [0, 1, 1, 0, 43],
                vec![suggestion("c", Some(1), 4, 4, Points)],
            ),
            // 0+2+1+0+30 = 33, short 17: bulk +17 is one change (fewest) and exact.
            (
                [0, 1, 1, 0, 30],
                vec![suggestion("bulk", Some(30), 47, 17, Points)],
            ),
        ];
        for (options, expected) in cases {
            let keys = ["a", "b", "c", "d", "bulk"];
            let answers: Vec<(&str, Option<Answer>)> = keys
                .iter()
                .zip(options)
                .map(|(k, o)| (*k, chosen(o)))
                .collect();
            let s = sheet(&answers);
            let plan = way_to_next_star(&set, &s).expect("a plan");
            assert!(plan.reaches_target, "{options:?}");
            assert_eq!(plan.suggestions, expected, "{options:?}");
            // Applying the plan reaches the target.
            let mut applied = s.clone();
            for step in &plan.suggestions {
                applied.answers.insert(
                    step.criterion_key.clone(),
                    Answer::Chosen {
                        option: step.to_option,
                    },
                );
            }
            assert_eq!(
                evaluate(&set, &applied).rated_star,
                Some(plan.target_star),
                "{options:?}"
            );
        }
    }

    #[test]
    fn next_star_from_unanswered_and_not_met() {
        let set = plan_set();
        // Only bulk answered (48) and d not met: target 3★ needs b ≥ 2 (unanswered).
        let s = sheet(&[("bulk", chosen(48)), ("d", Some(Answer::NotMet))]);
        let plan = way_to_next_star(&set, &s).expect("a plan");
        assert_eq!(plan.target_star, 3);
        assert_eq!(
            plan.suggestions,
            [suggestion(
                "b",
                None,
                1,
                2,
                SuggestionReason::StarMinimum(3)
            )]
        );
        let mut full = sheet(&[
            ("a", chosen(3)),
            ("b", chosen(3)),
            ("c", chosen(4)),
            ("d", chosen(2)),
            ("bulk", chosen(60)),
        ]);
        // 3 + 5 + 5 + 2 + 60 = 75 → 4★, and nothing left to upgrade: 5★ is out of reach.
        assert_eq!(evaluate(&set, &full).rated_star, Some(4));
        let plan = way_to_next_star(&set, &full).expect("a plan");
        assert_eq!((plan.target_star, plan.points_gap), (5, 15));
        assert!(plan.suggestions.is_empty());
        assert!(!plan.reaches_target);
        full.answers.insert("bulk".to_owned(), Answer::NotMet);
        let plan = way_to_next_star(&set, &full).expect("a plan");
        assert_eq!(plan.target_star, 3);
        assert_eq!(
            plan.suggestions,
            [suggestion("bulk", None, 35, 35, SuggestionReason::Points)]
        );
    }

    #[test]
    fn next_star_stays_within_the_chosen_case() {
        let mut cased = crit(
            "8",
            Part::C,
            8,
            vec![
                opt("case 1 low", 1, None),
                opt("case 1 high", 3, None),
                opt("case 2 low", 1, None),
                opt("case 2 high", 3, None),
            ],
        );
        for (i, option) in cased.options.iter_mut().enumerate() {
            option.case_no = Some(if i < 2 { 1 } else { 2 });
        }
        let set = set_of(vec![cased, crit("bulk", Part::A, 1, ladder(47))]);
        // 1 (case 2) + 47 = 48, short 2: the only upgrade is within case 2.
        let s = sheet(&[("8", chosen(2)), ("bulk", chosen(47))]);
        let plan = way_to_next_star(&set, &s).expect("a plan");
        assert_eq!(
            plan.suggestions,
            [suggestion("8", Some(2), 3, 2, SuggestionReason::Points)]
        );
    }

    fn sample_sheet() -> ScoreSheet {
        let mut s = sheet(&[
            ("a", chosen(2)),
            ("b", chosen(1)),
            ("c", Some(Answer::NotMet)),
        ]);
        s.notes.insert("a".to_owned(), "biên bản".to_owned());
        s.needs_review.insert("b".to_owned());
        s.eliminations_hit.insert("forged-dossier".to_owned());
        s
    }

    #[test]
    fn migrate_to_the_same_set_changes_nothing() {
        let set = plan_set();
        let s = sample_sheet();
        assert_eq!(migrate_sheet(&set, &set, &s), s);
    }

    #[test]
    fn migrate_matches_by_label_then_points_and_keeps_the_rest() {
        let old = plan_set();
        let mut new = plan_set();
        new.number = 98;
        new.eliminations.clear();
        for criterion in &mut new.criteria {
            match criterion.key.as_str() {
                // Same criterion, options reordered: re-indexed by label.
                "a" => criterion.options.reverse(),
                // Labels changed, points kept: kept by points and flagged.
                "b" => {
                    for option in &mut criterion.options {
                        option.label_vi.push_str(" (mới)");
                    }
                }
                // Renamed and renumbered: "c" becomes "4.9" with the same name.
                "c" => criterion.key = "4.9".to_owned(),
                _ => {}
            }
        }
        new.criteria.retain(|c| c.key != "d");
        let mut s = sample_sheet();
        s.answers
            .insert("d".to_owned(), Answer::Chosen { option: 1 });
        s.notes.insert("d".to_owned(), "ghi chú d".to_owned());
        s.answers.insert("ghost".to_owned(), Answer::NotMet);

        let migrated = migrate_sheet(&old, &new, &s);
        assert_eq!(
            migrated.answers.get("a"),
            Some(&Answer::Chosen { option: 1 }),
            "p2 is now index 1"
        );
        assert_eq!(
            migrated.notes.get("a").map(String::as_str),
            Some("biên bản")
        );
        assert_eq!(
            migrated.answers.get("b"),
            Some(&Answer::Chosen { option: 1 })
        );
        assert_eq!(migrated.answers.get("4.9"), Some(&Answer::NotMet));
        let review: Vec<&str> = migrated.needs_review.iter().map(String::as_str).collect();
        assert_eq!(review, ["4.9", "b"]);
        let stale: Vec<(&str, Option<&str>, u16, &str)> = migrated
            .stale_answers
            .iter()
            .map(|a| {
                (
                    a.criterion_key.as_str(),
                    a.option_label_vi.as_deref(),
                    a.points,
                    a.note.as_str(),
                )
            })
            .collect();
        assert_eq!(
            stale,
            [("d", Some("p1"), 1, "ghi chú d"), ("ghost", None, 0, "")]
        );
        assert!(migrated.eliminations_hit.is_empty());
        assert_eq!(migrated.stale_eliminations.len(), 1);
        assert_eq!(
            migrated
                .stale_eliminations
                .first()
                .map(|e| e.label_vi.as_str()),
            Some("Giả mạo hồ sơ")
        );
    }
}
