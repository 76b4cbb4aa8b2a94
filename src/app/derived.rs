//! Values derived from one product that its screen shows every frame: a score sheet
//! evaluated and the way to the next star (a knapsack over the criteria). Computed once
//! per revision of the workspace and kept, so a frame of the product screen only draws.

use std::sync::Arc;

use super::AppState;
use crate::domain::history::Sheet;
use crate::domain::model::ProductId;
use crate::domain::scoring::{self, NextStarPlan, ScoreSummary};

/// One score sheet of a product's current application, evaluated against its set.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The sheet's parts, total, star and unmet minima.
    pub summary: ScoreSummary,
    /// What stands between it and the next star (None at the top, or without rules).
    pub plan: Option<NextStarPlan>,
}

/// The evaluations kept, by product and sheet, with the revision they are of.
pub(super) type Evaluations =
    std::sync::Mutex<std::collections::HashMap<(ProductId, Sheet), (u64, Arc<Evaluation>)>>;

impl AppState {
    /// `sheet` of `product`'s current application evaluated, and the way to its next
    /// star: kept from an earlier call of the same revision, else computed now (None
    /// without a product, an application or the rules of its set).
    pub fn evaluation(&self, product: &ProductId, sheet: Sheet) -> Option<Arc<Evaluation>> {
        let key = (product.clone(), sheet);
        if let Ok(kept) = self.evaluations.lock()
            && let Some((revision, evaluation)) = kept.get(&key)
            && *revision == self.revision
        {
            return Some(Arc::clone(evaluation));
        }
        let found = self.workspace.products.get(product)?;
        let app = found.current()?;
        let set = self
            .catalog
            .scoring_set(&app.rule_version, found.scoring_set)?;
        let scores = match sheet {
            Sheet::SelfAssessment => &app.scores.self_assessment,
            Sheet::Commune => &app.scores.commune_view,
        };
        let evaluation = Arc::new(Evaluation {
            summary: scoring::evaluate(set, scores),
            plan: scoring::way_to_next_star(set, scores),
        });
        if let Ok(mut kept) = self.evaluations.lock() {
            // Only this revision's: a product screen shows one product at a time.
            kept.retain(|_, (revision, _)| *revision == self.revision);
            kept.insert(key, (self.revision, Arc::clone(&evaluation)));
        }
        Some(evaluation)
    }
}
