//! What `check` says of a product's own data, as typed problems: a scoring set outside the
//! 26, a rule version this build has no data for, answers and eliminating conditions the
//! set does not have. One rule for `check` and for receiving a bundle, so a receive never
//! brings in a product that `check` then rejects.
//!
//! Pure: no egui, no files.

use super::catalog::Catalog;
use super::criteria::SETS;
use super::history::Sheet;
use super::model::Product;
use super::scoring::{SheetProblem, sheet_problems};

/// A problem in a product's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataProblem {
    /// The scoring set is not 1–26.
    SetOutOfRange(u8),
    /// An application's rule version is not one this build has data for.
    UnknownRuleVersion(String),
    /// A score sheet's answer or eliminating condition does not fit the set.
    Sheet {
        /// Which sheet.
        sheet: Sheet,
        /// What.
        problem: SheetProblem,
    },
}

/// Every [`DataProblem`] of `product`, in application order.
pub fn data_problems(product: &Product, catalog: &Catalog) -> Vec<DataProblem> {
    let mut problems = Vec::new();
    // Not chosen yet (an imported row without a set) is a task, not a fault.
    if !SETS.contains(&product.scoring_set) && product.scoring_set != super::criteria::NO_SET {
        problems.push(DataProblem::SetOutOfRange(product.scoring_set));
    }
    for app in &product.applications {
        if catalog.template(&app.rule_version).is_none() {
            problems.push(DataProblem::UnknownRuleVersion(app.rule_version.clone()));
        }
        let Some(set) = catalog.scoring_set(&app.rule_version, product.scoring_set) else {
            continue;
        };
        for (sheet, scores) in [
            (Sheet::SelfAssessment, &app.scores.self_assessment),
            (Sheet::Commune, &app.scores.commune_view),
        ] {
            problems.extend(
                sheet_problems(set, scores)
                    .into_iter()
                    .map(|problem| DataProblem::Sheet { sheet, problem }),
            );
        }
    }
    problems
}
