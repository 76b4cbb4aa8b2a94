//! `score DIR [--product ID] [--sheet self|commune] [--lang vi|en]`: the score sheet as a
//! person reads it: parts, total, star, blockers and the way to the next star.

use std::path::Path;

use crate::domain::dossier;
use crate::domain::scoring::{self, Outcome, SuggestionReason};
use crate::storage;
use crate::text::{self, Lang};

use super::out::{Out, printable};

fn pick(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let dir = args.first().ok_or("score needs a folder")?;
    let lang = super::lang_from(args);
    let only = super::flag(args, "--product");
    let commune_sheet = match super::flag(args, "--sheet") {
        None | Some("self") => false,
        Some("commune") => true,
        Some(other) => return Err(format!("--sheet: “{other}” (self or commune)")),
    };
    let loaded =
        storage::load_workspace(Path::new(dir)).map_err(|e| text::storage_error(&e, lang))?;
    for problem in &loaded.problems {
        super::out::warning(lang, &text::storage_error(problem, lang));
    }
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    if let Some(id) = only
        && !loaded.workspace.products.keys().any(|k| k.as_str() == id)
    {
        return Err(format!("no product “{id}” in {dir}"));
    }
    let mut out = Out::new();
    for product in loaded.workspace.products.values() {
        if only.is_some_and(|id| id != product.id.as_str()) {
            continue;
        }
        out.line(printable(&pick(
            lang,
            format!(
                "{} ({}) — bộ {}",
                product.name, product.id, product.scoring_set
            ),
            format!(
                "{} ({}) — set {}",
                product.name, product.id, product.scoring_set
            ),
        )));
        let Some(app) = product.current() else {
            out.line(pick(
                lang,
                "  chưa có hồ sơ".into(),
                "  no application".into(),
            ));
            continue;
        };
        let Some(set) = catalog.scoring_set(&app.rule_version, product.scoring_set) else {
            out.line(pick(
                lang,
                format!(
                    "  không có tiêu chí cho {} bộ {}",
                    app.rule_version, product.scoring_set
                ),
                format!(
                    "  no criteria for {} set {}",
                    app.rule_version, product.scoring_set
                ),
            ));
            continue;
        };
        let sheet = if commune_sheet {
            &app.scores.commune_view
        } else {
            &app.scores.self_assessment
        };
        let summary = scoring::evaluate(set, sheet);
        let stars = match summary.outcome() {
            Outcome::Recognised(s) => "★".repeat(usize::from(s)),
            Outcome::NotRecognised => pick(
                lang,
                format!(
                    "chưa đủ điều kiện công nhận (mức điểm {}★)",
                    summary.band_star
                ),
                format!("not recognisable (score band {}★)", summary.band_star),
            ),
            Outcome::Eliminated => pick(lang, "bị loại".into(), "eliminated".into()),
        };
        out.line(format!(
            "  {}   {stars}",
            text::parts_line(&summary, set, lang)
        ));
        if !summary.complete {
            out.line(pick(
                lang,
                format!(
                    "  đã chấm {}/{}; tổng có thể đạt {}–{}",
                    summary.answered,
                    summary.criteria_count,
                    summary.lowest_reachable,
                    summary.highest_reachable
                ),
                format!(
                    "  answered {}/{}; reachable total {}–{}",
                    summary.answered,
                    summary.criteria_count,
                    summary.lowest_reachable,
                    summary.highest_reachable
                ),
            ));
        }
        for key in &summary.eliminated {
            let label = set
                .elimination(key)
                .map_or(key.as_str(), |e| lang.pick(&e.label_vi, &e.label_en));
            out.line(printable(&pick(
                lang,
                format!("  bị loại: {label}"),
                format!("  eliminated: {label}"),
            )));
        }
        let Some(plan) = scoring::way_to_next_star(set, sheet) else {
            continue;
        };
        out.line(pick(
            lang,
            format!(
                "  tiếp theo: {}★ cần {} điểm (còn thiếu {})",
                plan.target_star, plan.threshold, plan.points_gap
            ),
            format!(
                "  next: {}★ needs {} points ({} missing)",
                plan.target_star, plan.threshold, plan.points_gap
            ),
        ));
        for unmet in &plan.unmet_minima {
            let name = set
                .criterion(&unmet.criterion_key)
                .map(|c| format!("{} {}", c.code, lang.pick(&c.name_vi, &c.name_en)))
                .unwrap_or_else(|| unmet.criterion_key.clone());
            out.line(printable(&pick(
                lang,
                format!(
                    "  vướng: {name}: có {} trên {} điểm cần cho {}★",
                    unmet.current_points, unmet.required_points, unmet.star
                ),
                format!(
                    "  blocker: {name}: {} of {} points needed for {}★",
                    unmet.current_points, unmet.required_points, unmet.star
                ),
            )));
        }
        let template = catalog.template(&app.rule_version);
        for suggestion in plan.suggestions.iter().take(5) {
            let Some(criterion) = set.criterion(&suggestion.criterion_key) else {
                continue;
            };
            let to = criterion
                .option(suggestion.to_option)
                .map_or("", |o| lang.pick(&o.label_vi, &o.label_en));
            let why = match suggestion.reason {
                SuggestionReason::StarMinimum(s) => pick(
                    lang,
                    format!("tối thiểu cho {s}★"),
                    format!("minimum for {s}★"),
                ),
                SuggestionReason::Points => pick(lang, "điểm".into(), "points".into()),
            };
            let name = lang.pick(&criterion.name_vi, &criterion.name_en);
            out.line(printable(&pick(
                lang,
                format!(
                    "  nên: {} {name} → “{to}” (+{}, {why})",
                    criterion.code, suggestion.points_gain
                ),
                format!(
                    "  suggest: {} {name} → “{to}” (+{}, {why})",
                    criterion.code, suggestion.points_gain
                ),
            )));
            if let Some(template) = template {
                for item in dossier::backing_items(template, &criterion.name_vi) {
                    let evidence = lang.t(text::Tr {
                        vi: "minh chứng",
                        en: "evidence",
                    });
                    out.line(printable(&format!(
                        "           {evidence}: {}",
                        lang.pick(&item.name_vi, &item.name_en)
                    )));
                }
            }
        }
        let more = plan.suggestions.len().saturating_sub(5);
        if more > 0 {
            out.line(pick(
                lang,
                format!("  … và {more} thay đổi khác"),
                format!(
                    "  … and {}",
                    text::count(more, lang, "", "more change", "more changes")
                ),
            ));
        }
    }
    out.finish()
}
