//! `score DIR [--product ID] [--sheet self|commune] [--lang vi|en]`: the score sheet as a
//! person reads it: parts, total, star, blockers and the way to the next star.

use std::path::Path;

use crate::domain::dossier;
use crate::domain::scoring::{self, Outcome};
use crate::storage;
use crate::text;

use super::out::{Out, printable};

pub fn run(args: &[String]) -> Result<(), String> {
    let lang = super::lang_from(args);
    let dir = args
        .first()
        .ok_or_else(|| text::cli_needs_folder("score", lang))?;
    let only = super::flag(args, "--product");
    let commune_sheet = match super::flag(args, "--sheet") {
        None | Some("self") => false,
        Some("commune") => true,
        Some(other) => {
            return Err(text::cli_not_one_of(
                "--sheet",
                other,
                "self, commune",
                lang,
            ));
        }
    };
    let loaded =
        storage::load_workspace(Path::new(dir)).map_err(|e| text::storage_error(&e, lang))?;
    for problem in &loaded.problems {
        super::out::warning(lang, &text::storage_error(problem, lang));
    }
    let catalog = storage::assets::builtin_catalog().map_err(|e| text::storage_error(&e, lang))?;
    if let Some(id) = only
        && !loaded.workspace.products.keys().any(|k| k.as_str() == id)
    {
        return Err(format!("{}: “{id}”", lang.t(text::NO_SUCH_PRODUCT)));
    }
    let mut out = Out::new();
    for product in loaded.workspace.products.values() {
        if only.is_some_and(|id| id != product.id.as_str()) {
            continue;
        }
        product_lines(&mut out, &product, &catalog, commune_sheet, lang);
    }
    out.finish(lang)
}

/// One product's lines: its sheet's parts, total and star, then the way to the next star.
fn product_lines(
    out: &mut Out,
    product: &crate::domain::model::Product,
    catalog: &crate::domain::catalog::Catalog,
    commune_sheet: bool,
    lang: text::Lang,
) {
    out.line(printable(&text::cli_score_heading(
        &product.name,
        product.id.as_str(),
        product.scoring_set,
        lang,
    )));
    let Some(app) = product.current() else {
        out.line(format!("  {}", lang.t(text::NO_APPLICATION)));
        return;
    };
    let Some(set) = catalog.scoring_set(&app.rule_version, product.scoring_set) else {
        out.line(format!(
            "  {}",
            text::cli_score_no_criteria(&app.rule_version, product.scoring_set, lang)
        ));
        return;
    };
    let sheet = if commune_sheet {
        &app.scores.commune_view
    } else {
        &app.scores.self_assessment
    };
    let summary = scoring::evaluate(set, sheet);
    let stars = match summary.outcome() {
        Outcome::Recognised(s) => "★".repeat(usize::from(s)),
        Outcome::NotRecognised => text::cli_score_not_recognised(summary.band_star, lang),
        Outcome::Eliminated => lang.t(text::ELIMINATED).to_lowercase(),
    };
    out.line(format!(
        "  {}   {stars}",
        text::parts_line(&summary, set, lang)
    ));
    if !summary.complete {
        // "đã chấm 12/31; tổng có thể đạt 40–90": the score screen's words.
        out.line(format!(
            "  {} {}/{}; {} {}–{}",
            lang.t(text::ANSWERED).to_lowercase(),
            summary.answered,
            summary.criteria_count,
            lang.t(text::REACHABLE),
            summary.lowest_reachable,
            summary.highest_reachable
        ));
    }
    let eliminated = lang.t(text::ELIMINATED).to_lowercase();
    for key in &summary.eliminated {
        let label = set
            .elimination(key)
            .map_or(key.as_str(), |e| lang.pick(&e.label_vi, &e.label_en));
        out.line(printable(&format!("  {eliminated}: {label}")));
    }
    if let Some(plan) = scoring::way_to_next_star(set, sheet) {
        plan_lines(out, set, &plan, catalog.template(&app.rule_version), lang);
    }
}

/// The way to the next star: the target, the minima that block it and the first five
/// suggestions with the documents behind each (as the score screen gives them).
fn plan_lines(
    out: &mut Out,
    set: &crate::domain::criteria::ScoringSet,
    plan: &scoring::NextStarPlan,
    template: Option<&crate::domain::dossier::DossierTemplate>,
    lang: text::Lang,
) {
    out.line(format!(
        "  {}",
        text::cli_score_next(plan.target_star, plan.threshold, plan.points_gap, lang)
    ));
    for unmet in &plan.unmet_minima {
        let name = set
            .criterion(&unmet.criterion_key)
            .map(|c| format!("{} {}", c.code, lang.pick(&c.name_vi, &c.name_en)))
            .unwrap_or_else(|| unmet.criterion_key.clone());
        out.line(printable(&format!(
            "  {}",
            text::cli_score_blocker(
                &name,
                unmet.current_points,
                unmet.required_points,
                unmet.star,
                lang
            )
        )));
    }
    for suggestion in plan.suggestions.iter().take(5) {
        let Some(criterion) = set.criterion(&suggestion.criterion_key) else {
            continue;
        };
        let to = criterion
            .option(suggestion.to_option)
            .map_or("", |o| lang.pick(&o.label_vi, &o.label_en));
        // The reason as the score screen gives it: "tối thiểu 3★", "thêm điểm".
        let why = text::suggestion_reason(suggestion.reason, lang);
        let name = lang.pick(&criterion.name_vi, &criterion.name_en);
        out.line(printable(&format!(
            "  {}",
            text::cli_score_suggest(
                &criterion.code,
                name,
                to,
                suggestion.points_gain,
                &why,
                lang
            )
        )));
        if let Some(template) = template {
            // "Minh chứng:" of the score screen, in the line's lower case.
            let evidence = lang.t(text::EVIDENCE).to_lowercase();
            for item in dossier::backing_items(template, &criterion.name_vi) {
                out.line(printable(&format!(
                    "           {evidence} {}",
                    lang.pick(&item.name_vi, &item.name_en)
                )));
            }
        }
    }
    let more = plan.suggestions.len().saturating_sub(5);
    if more > 0 {
        out.line(format!("  {}", text::cli_score_more(more, lang)));
    }
}
