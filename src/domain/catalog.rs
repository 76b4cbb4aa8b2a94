//! The rule data the app runs on: dossier templates and scoring criteria per rule
//! version, and the working-day calendar. Loaded by storage from `assets/`.
//! Pure data: no egui, no files.

use super::criteria::{RuleSet, ScoringSet};
use super::deadlines::WorkCalendar;
use super::dossier::DossierTemplate;
use super::holidays::HolidayCalendar;
use super::model::CURRENT_RULE_VERSION;

/// All rule data, by rule version.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalog {
    /// Dossier templates, one per rule version.
    pub dossier_templates: Vec<DossierTemplate>,
    /// Working-day calendar (weekends and public holidays).
    pub calendar: WorkCalendar,
    /// Scoring criteria, one rule set per rule version.
    pub rule_sets: Vec<RuleSet>,
    /// Public holidays as data (built in, or overlaid by the workspace's copy).
    pub holidays: HolidayCalendar,
}

/// Years for which the working-day calendar is built (stored years, else computed).
pub const CALENDAR_YEARS: std::ops::RangeInclusive<i32> = 2020..=2045;

impl Catalog {
    /// The dossier template of a rule version.
    pub fn template(&self, rule_version: &str) -> Option<&DossierTemplate> {
        self.dossier_templates
            .iter()
            .find(|t| t.rule_version == rule_version)
    }

    /// Vietnamese and English name of a dossier document of a product's current
    /// application (its rule version's template), if the key is known.
    pub fn document_names(
        &self,
        product: &super::model::Product,
        key: &str,
    ) -> Option<(&str, &str)> {
        product
            .current()
            .and_then(|a| self.document_names_under(&a.rule_version, key))
    }

    /// Vietnamese and English name of dossier document `key` under `rule_version`.
    pub fn document_names_under(&self, rule_version: &str, key: &str) -> Option<(&str, &str)> {
        self.template(rule_version)
            .and_then(|t| t.item(key))
            .map(|i| (i.name_vi.as_str(), i.name_en.as_str()))
    }

    /// Vietnamese and English name of a scoring set.
    pub fn set_name(&self, number: u8) -> Option<(&str, &str)> {
        self.rule_set(CURRENT_RULE_VERSION)
            .and_then(|r| r.set(number))
            .map(|s| (s.name_vi.as_str(), s.name_en.as_str()))
    }

    /// The criteria of a rule version.
    pub fn rule_set(&self, rule_version: &str) -> Option<&RuleSet> {
        self.rule_sets
            .iter()
            .find(|r| r.rule_version == rule_version)
    }

    /// The scoring sheet for `set_number` under `rule_version`.
    pub fn scoring_set(&self, rule_version: &str, set_number: u8) -> Option<&ScoringSet> {
        self.rule_set(rule_version).and_then(|r| r.set(set_number))
    }

    /// Replaces the holiday data (e.g. with the workspace's overlay) and rebuilds the calendar.
    pub fn set_holidays(&mut self, holidays: HolidayCalendar) {
        self.calendar = holidays.work_calendar_for(CALENDAR_YEARS);
        self.holidays = holidays;
    }

    /// The template for new applications.
    pub fn current_template(&self) -> Option<&DossierTemplate> {
        self.template(CURRENT_RULE_VERSION)
    }
}
