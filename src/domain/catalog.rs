//! The rule data the app runs on: dossier templates and scoring criteria per rule
//! version, and the working-day calendar. Loaded by storage from `assets/`.
//! Pure data: no egui, no files.

use super::deadlines::WorkCalendar;
use super::dossier::DossierTemplate;
use super::model::CURRENT_RULE_VERSION;

/// All rule data, by rule version.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalog {
    /// Dossier templates, one per rule version.
    pub dossier_templates: Vec<DossierTemplate>,
    /// Working-day calendar (weekends and public holidays).
    pub calendar: WorkCalendar,
    /// Scoring-set names (number, Vietnamese, English).
    pub set_names: Vec<(u8, String, String)>,
}

impl Catalog {
    /// The dossier template of a rule version.
    pub fn template(&self, rule_version: &str) -> Option<&DossierTemplate> {
        self.dossier_templates
            .iter()
            .find(|t| t.rule_version == rule_version)
    }

    /// Vietnamese and English name of a scoring set.
    pub fn set_name(&self, number: u8) -> Option<(&str, &str)> {
        self.set_names
            .iter()
            .find(|(n, _, _)| *n == number)
            .map(|(_, vi, en)| (vi.as_str(), en.as_str()))
    }

    /// The template for new applications.
    pub fn current_template(&self) -> Option<&DossierTemplate> {
        self.template(CURRENT_RULE_VERSION)
    }
}
