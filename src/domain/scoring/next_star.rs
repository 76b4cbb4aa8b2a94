//! The way to the next star: the fewest answer changes that reach its band and minima.

use std::collections::BTreeSet;

use super::{
    HIGHEST_STAR, LOWEST_RECOGNISED_STAR, NextStarPlan, Resolved, ScoreSheet, Suggestion,
    SuggestionReason, UnmetMinimum, band_threshold, evaluate, resolve,
};
use crate::domain::criteria::{Criterion, CriterionOption, ScoringSet};

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
