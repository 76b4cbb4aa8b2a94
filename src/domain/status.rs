//! Where a product stands, at a glance: the cooperative's question "what do we still
//! lack, and by when?". One computation shared by the Overview tab, the status report
//! (PDF) and the review of a received bundle. Pure: `today` is a parameter.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::catalog::Catalog;
use super::deadlines::{self, Deadline};
use super::dossier::{
    self, DocStatus, DossierEntry, Provider, Requirement, TemplateItem, Validity,
};
use super::model::{Application, Certificate, CertificateStanding, Product};
use super::scoring::{self, NextStarPlan, ScoreSummary};
use super::stage::Stage;

/// One dossier document as the status shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentLine<'a> {
    /// The template item (None for a key the template does not know).
    pub item: Option<&'a TemplateItem>,
    /// The application's entry.
    pub entry: &'a DossierEntry,
    /// How mandatory it is (Optional for an unknown key).
    pub requirement: Requirement,
    /// Earliest valid-until date of the document or its attachments, with its validity.
    pub validity: Option<(NaiveDate, Validity)>,
}

impl DocumentLine<'_> {
    /// Ready and not expired.
    pub fn is_ready(&self) -> bool {
        self.entry.status == DocStatus::Ready
            && !matches!(self.validity, Some((_, Validity::Expired(_))))
    }
}

/// A criterion the way to the next star asks to improve, with the documents that prove it.
#[derive(Debug, Clone, PartialEq)]
pub struct StarStep<'a> {
    /// Criterion key (e.g. "3.5").
    pub criterion_key: &'a str,
    /// Criterion name as printed.
    pub criterion_name_vi: &'a str,
    /// English name.
    pub criterion_name_en: &'a str,
    /// The option to reach, as printed.
    pub target_option_vi: &'a str,
    /// Its English label.
    pub target_option_en: &'a str,
    /// Points gained.
    pub points_gain: i32,
    /// Dossier documents that are evidence for this criterion.
    pub documents: Vec<&'a TemplateItem>,
}

/// A 3★ minimum the self-assessment does not meet: why the product is not recognisable.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocker<'a> {
    pub criterion_key: &'a str,
    /// Criterion name as printed.
    pub name_vi: &'a str,
    /// English name.
    pub name_en: &'a str,
    /// Points of the minimum option.
    pub required_points: u16,
    /// Points now.
    pub current_points: u16,
}

/// Everything the status shows, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductStatus<'a> {
    /// The current application.
    pub application: &'a Application,
    /// Where it stands.
    pub stage: Stage,
    /// The next step on the normal path (None once closed).
    pub next_stage: Option<Stage>,
    /// Deadlines of the application from `today` on (and overdue ones), soonest first.
    pub deadlines: Vec<Deadline>,
    /// The deadline that matters most now (the portfolio's "next deadline").
    pub next_deadline: Option<Deadline>,
    /// Every applicable document: required first, then conditional, then optional;
    /// within each, dossier order.
    pub documents: Vec<DocumentLine<'a>>,
    /// The self-assessment evaluated against the product's set (None without rule data).
    pub summary: Option<Cow<'a, ScoreSummary>>,
    /// The way to the next star from the self-assessment.
    pub plan: Option<Cow<'a, NextStarPlan>>,
    /// The steps of the plan with the documents behind each.
    pub star_steps: Vec<StarStep<'a>>,
    /// Unmet 3★ minima while the product is not recognisable (empty once it is).
    pub blockers: Vec<Blocker<'a>>,
    /// The latest certificate and its standing today.
    pub certificate: Option<(&'a Certificate, CertificateStanding)>,
}

impl ProductStatus<'_> {
    /// Required documents that are not ready (or have expired).
    pub fn missing_required(&self) -> impl Iterator<Item = &DocumentLine<'_>> {
        self.documents
            .iter()
            .filter(|d| d.requirement == Requirement::Required && !d.is_ready())
    }

    /// The missing required documents grouped by who owes them (producer, commune,
    /// province, in that order), groups with none left out.
    pub fn missing_required_by_provider(&self) -> Vec<(Provider, Vec<&DocumentLine<'_>>)> {
        [Provider::Producer, Provider::Commune, Provider::Province]
            .into_iter()
            .map(|provider| {
                let lines = self
                    .missing_required()
                    .filter(|line| line.item.map(|i| i.provider) == Some(provider))
                    .collect::<Vec<_>>();
                (provider, lines)
            })
            .filter(|(_, lines)| !lines.is_empty())
            .collect()
    }
}

/// The status of `product`'s current application on `today`; None without one.
pub fn product_status<'a>(
    product: &'a Product,
    catalog: &'a Catalog,
    today: NaiveDate,
) -> Option<ProductStatus<'a>> {
    product_status_for(
        product,
        catalog,
        today,
        super::model::WorkspaceKind::Commune,
    )
}

/// [`product_status`] as the side keeping the workspace sees it: a producer's leaves
/// out the commune's own deadline.
pub fn product_status_for<'a>(
    product: &'a Product,
    catalog: &'a Catalog,
    today: NaiveDate,
    side: super::model::WorkspaceKind,
) -> Option<ProductStatus<'a>> {
    product_status_with(product, catalog, today, side, None)
}

/// [`product_status_for`] with the self-assessment already evaluated (its summary and
/// the way to the next star: what a screen keeps per revision instead of computing
/// every frame), borrowed; None computes them here.
pub fn product_status_with<'a>(
    product: &'a Product,
    catalog: &'a Catalog,
    today: NaiveDate,
    side: super::model::WorkspaceKind,
    evaluated: Option<(&'a ScoreSummary, Option<&'a NextStarPlan>)>,
) -> Option<ProductStatus<'a>> {
    let application = product.current()?;
    let template = catalog.template(&application.rule_version);
    let mut documents: Vec<DocumentLine<'a>> = application
        .dossier
        .iter()
        .filter(|e| e.status != DocStatus::NotApplicable)
        .map(|entry| {
            let item = template.and_then(|t| t.item(&entry.key));
            let earliest = entry
                .valid_until
                .into_iter()
                .chain(entry.attachments.iter().filter_map(|a| a.valid_until))
                .min();
            DocumentLine {
                item,
                entry,
                requirement: item.map_or(Requirement::Optional, |i| i.requirement),
                validity: earliest.map(|d| (d, dossier::validity(d, today))),
            }
        })
        .collect();
    // Stable: dossier order within each requirement.
    documents.sort_by_key(|d| d.requirement.rank());
    let set = catalog.scoring_set(&application.rule_version, product.scoring_set);
    let sheet = &application.scores.self_assessment;
    let (summary, plan) = match (set, evaluated) {
        (Some(_), Some((summary, plan))) => (Some(Cow::Borrowed(summary)), plan.map(Cow::Borrowed)),
        _ => (
            set.map(|s| Cow::Owned(scoring::evaluate(s, sheet))),
            set.and_then(|s| scoring::way_to_next_star(s, sheet))
                .map(Cow::Owned),
        ),
    };
    let star_steps = match (set, &plan) {
        (Some(set), Some(plan)) => plan
            .suggestions
            .iter()
            .filter_map(|suggestion| {
                let criterion = set.criterion(&suggestion.criterion_key)?;
                let option = criterion.option(suggestion.to_option)?;
                Some(StarStep {
                    criterion_key: &criterion.key,
                    criterion_name_vi: &criterion.name_vi,
                    criterion_name_en: &criterion.name_en,
                    target_option_vi: &option.label_vi,
                    target_option_en: &option.label_en,
                    points_gain: suggestion.points_gain,
                    documents: template
                        .map(|t| dossier::backing_items(t, &criterion.name_vi))
                        .unwrap_or_default(),
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    let blockers = match (set, &summary) {
        // Only answered criteria block: one not scored yet is "not scored", not below its
        // minimum (and a sheet with no answer lists nothing).
        (Some(set), Some(summary)) if summary.rated_star.is_none() => summary
            .unmet_for(3)
            .filter(|unmet| unmet.is_answered)
            .filter_map(|unmet| {
                let criterion = set.criterion(&unmet.criterion_key)?;
                Some(Blocker {
                    criterion_key: &criterion.key,
                    name_vi: &criterion.name_vi,
                    name_en: &criterion.name_en,
                    required_points: unmet.required_points,
                    current_points: unmet.current_points,
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    let calendar = &catalog.calendar;
    let deadlines = deadlines::for_side(
        deadlines::application_deadlines(product, application, today, calendar),
        side,
    );
    Some(ProductStatus {
        application,
        stage: application.stage,
        next_stage: application.stage.next(),
        next_deadline: deadlines::next_deadline_for(product, today, calendar, side),
        deadlines,
        documents,
        summary,
        plan,
        star_steps,
        blockers,
        certificate: product.certificate_standing(today),
    })
}
