//! The scoring screen of a product's current application: the criteria of its set as
//! radio buttons (points and star markers shown), eliminating conditions, a per-criterion
//! note and the dossier documents that back each criterion; beside it a summary that
//! stays visible (parts, total, predicted star, blockers) and the way to the next star.

use egui::RichText;

use crate::command::{Command, Sheet};
use crate::domain::criteria::{Criterion, Elimination, Part, ScoringSet};
use crate::domain::dossier::{self, DocStatus, DossierTemplate};
use crate::domain::model::Product;
use crate::domain::scoring::{self, Answer, ScoreSheet, ScoreSummary};

use super::context::ScreenCtx;
use super::text::{self, Lang};
use super::{theme, widgets};

/// The predicted result in words: "★★★ (3 sao)", "not recognisable", "eliminated".
pub fn outcome_text(summary: &ScoreSummary, lang: Lang) -> String {
    match summary.outcome() {
        scoring::Outcome::Recognised(star) => {
            format!("{} ({star} {})", widgets::stars(star), lang.t(text::STARS))
        }
        scoring::Outcome::NotRecognised => lang.t(text::NOT_RECOGNISABLE).to_owned(),
        scoring::Outcome::Eliminated => lang.t(text::ELIMINATED).to_owned(),
    }
}

fn sheet(product: &Product, kind: Sheet) -> Option<&ScoreSheet> {
    product.current().map(|a| match kind {
        Sheet::SelfAssessment => &a.scores.self_assessment,
        Sheet::Commune => &a.scores.commune_view,
    })
}

fn option_label(criterion: &Criterion, index: usize, lang: Lang) -> String {
    criterion
        .option(index)
        .map(|o| lang.pick(&o.label_vi, &o.label_en).to_owned())
        .unwrap_or_default()
}

fn docs_line(
    template: Option<&DossierTemplate>,
    product: &Product,
    criterion: &Criterion,
    lang: Lang,
) -> Vec<(String, DocStatus)> {
    let Some(template) = template else {
        return Vec::new();
    };
    let entries = product
        .current()
        .map(|a| a.dossier.as_slice())
        .unwrap_or(&[]);
    dossier::backing_items(template, &criterion.name_vi)
        .into_iter()
        .map(|item| {
            let status = entries
                .iter()
                .find(|e| e.key == item.key)
                .map_or(DocStatus::Missing, |e| e.status);
            (lang.pick(&item.name_vi, &item.name_en).to_owned(), status)
        })
        .collect()
}

/// Draws the scoring tab.
pub fn scoring_ui(ui: &mut egui::Ui, ctx: &mut ScreenCtx<'_>, product: &Product, kind: &mut Sheet) {
    let (state, lang) = (ctx.state, ctx.lang);
    let Some(app) = product.current() else {
        return;
    };
    if product.scoring_set == crate::domain::criteria::NO_SET {
        ui.colored_label(theme::warn(), lang.t(text::DOC_NO_SET_CHOSEN));
        return;
    }
    let Some(set) = state
        .catalog()
        .scoring_set(&app.rule_version, product.scoring_set)
    else {
        ui.colored_label(
            theme::warn(),
            format!(
                "{} {} / {}",
                lang.t(text::NO_CRITERIA),
                app.rule_version,
                product.scoring_set
            ),
        );
        return;
    };
    let template = state.catalog().template(&app.rule_version);
    // Each side scores its own sheet; the other's is shown, not edited (`domain::sides`):
    // the commune's view in a producer's workspace, the self-assessment in a commune's.
    let sheet_part = crate::domain::sides::Part::Sheet(*kind);
    let others_sheet = !state.may_edit(&product.id, sheet_part) && !ctx.read_only;
    let mut ctx = ctx.read_only_if(!state.may_edit(&product.id, sheet_part));
    let Some(current) = sheet(product, *kind) else {
        return;
    };
    // Kept per revision (`AppState::evaluation`): a frame only draws it.
    let evaluation = state.evaluation(&product.id, *kind).unwrap_or_else(|| {
        std::sync::Arc::new(crate::app::derived::Evaluation {
            summary: scoring::evaluate(set, current),
            plan: scoring::way_to_next_star(set, current),
        })
    });

    ui.horizontal(|ui| {
        ui.label(
            RichText::new(widgets::set_label(
                product.scoring_set,
                state.catalog(),
                lang,
            ))
            .strong(),
        );
        ui.separator();
        ui.selectable_value(kind, Sheet::SelfAssessment, lang.t(text::SHEET_SELF));
        ui.selectable_value(kind, Sheet::Commune, lang.t(text::SHEET_COMMUNE));
    });
    if others_sheet {
        ui.label(
            RichText::new(format!("⊘ {}", ctx.others_part_hint()))
                .small()
                .color(theme::muted()),
        );
    }
    official_ui(ui, &mut ctx, product, &app.scores.official);
    ui.separator();

    // The summary takes a share of the window, so a large screen gives it room.
    let summary_width = (ui.available_width() * 0.34).clamp(300.0, 720.0);
    // Keyed by the window width (in steps), so a new window size lays it out again.
    let width_step = (ui.available_width() / 160.0).round() as i32;
    egui::Panel::right(egui::Id::unique(("score-summary", width_step)))
        .resizable(true)
        .default_size(summary_width)
        .min_size(260.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(("summary-scroll", product.id.as_str()))
                .show(ui, |ui| {
                    summary_ui(ui, set, template, product, current, &evaluation, lang)
                });
        });
    egui::CentralPanel::no_frame().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt(("criteria-scroll", product.id.as_str()))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let sheet = SheetView {
                    set,
                    template,
                    product,
                    current,
                    kind: *kind,
                };
                criteria_ui(ui, &mut ctx, &sheet);
            });
    });
}

/// The provincial (or central) council's official result: average score, star, date.
fn official_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    product: &Product,
    official: &crate::domain::model::OfficialResult,
) {
    // The council's result is the commune's to record (`domain::sides`).
    let id = &product.id;
    let editable = ctx.state.may_edit(id, crate::domain::sides::Part::Official);
    let (lang, read_only) = (ctx.lang, !editable);
    let others_hint = ctx.others_part_hint();
    ui.horizontal_wrapped(|ui| {
        let heading = ui.label(RichText::new(lang.t(text::OFFICIAL_RESULT)).strong());
        if !editable {
            heading.on_hover_text(others_hint);
        }
        let shown = official
            .average_score
            .map(|s| format!("{s:.1}"))
            .unwrap_or_default();
        let salt = format!("official-score-{}", id.as_str());
        let invalid_id = ui.make_persistent_id((&salt, "invalid"));
        if let Some(raw) = widgets::text_field_width(
            ui,
            &salt,
            lang.t(text::OFFICIAL_SCORE),
            &shown,
            !read_only,
            60.0,
            lang,
        ) {
            let raw = raw.trim().replace(',', ".");
            let parsed = if raw.is_empty() {
                Some(None)
            } else {
                raw.parse::<f32>()
                    .ok()
                    .filter(|s| (0.0..=100.0).contains(s))
                    .map(Some)
            };
            match parsed {
                Some(score) => {
                    ui.data_mut(|d| d.remove::<String>(invalid_id));
                    ctx.command(Command::SetOfficialResult {
                        id: id.clone(),
                        average_score: score,
                        star: official.star,
                        date: official.date,
                    });
                }
                // Marked beside the field until corrected (nothing is written).
                None => ui.data_mut(|d| {
                    d.insert_temp(invalid_id, raw);
                }),
            }
        }
        if let Some(raw) = ui.data(|d| d.get_temp::<String>(invalid_id)) {
            ui.colored_label(
                theme::error(),
                format!("“{raw}”: {}", lang.t(text::SCORE_OUT_OF_RANGE)),
            );
        }
        let star_label = ui.label(lang.t(text::STAR_FIELD));
        let mut star = official.star;
        ui.add_enabled_ui(!read_only, |ui| {
            egui::ComboBox::from_id_salt("official-star")
                .selected_text(
                    star.map_or_else(|| lang.t(text::NOT_SET).to_owned(), widgets::stars),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut star, None, lang.t(text::NOT_SET));
                    for s in [3u8, 4, 5] {
                        ui.selectable_value(&mut star, Some(s), widgets::stars(s));
                    }
                })
                .response
                .labelled_by(star_label.id);
        });
        if star != official.star {
            ctx.command(Command::SetOfficialResult {
                id: id.clone(),
                average_score: official.average_score,
                star,
                date: official.date,
            });
        }
        let salt = format!("official-date-{}", id.as_str());
        match widgets::date_field(
            ui,
            &salt,
            lang.t(text::OFFICIAL_DATE),
            official.date,
            lang,
            !read_only,
        ) {
            Some(widgets::DateEdit::Set(date)) => ctx.command(Command::SetOfficialResult {
                id: id.clone(),
                average_score: official.average_score,
                star: official.star,
                date,
            }),
            // Kept in the field and marked there ("Ngày không hợp lệ").
            Some(widgets::DateEdit::Invalid(_)) | None => {}
        }
    });
}

/// The summary beside the criteria: parts, total, predicted star and what blocks it, then
/// the way to the next star.
fn summary_ui(
    ui: &mut egui::Ui,
    set: &ScoringSet,
    template: Option<&DossierTemplate>,
    product: &Product,
    current: &ScoreSheet,
    evaluation: &crate::app::derived::Evaluation,
    lang: Lang,
) {
    let (summary, plan) = (&evaluation.summary, evaluation.plan.as_ref());
    ui.heading(lang.t(text::SCORE_SUMMARY));
    ui.label(RichText::new(text::parts_line(summary, set, lang)).monospace());
    prediction_ui(ui, set, summary, lang);
    review_ui(ui, current, lang);
    ui.separator();
    // What stands between the product and the next star.
    match plan {
        None => {
            ui.label(lang.t(text::NO_NEXT_STAR));
        }
        Some(plan) => plan_ui(ui, set, template, product, plan, lang),
    }
}

/// The predicted result, how much is answered, a star capped by the band's minima, and
/// the eliminating conditions that apply.
fn prediction_ui(ui: &mut egui::Ui, set: &ScoringSet, summary: &ScoreSummary, lang: Lang) {
    // A sheet nobody has scored yet predicts nothing: "not scored", not a failure.
    let (outcome, color) = if summary.answered == 0 {
        (lang.t(text::NOT_SCORED).to_owned(), theme::muted())
    } else {
        let color = match summary.outcome() {
            scoring::Outcome::Recognised(_) => theme::ok(),
            _ => theme::error(),
        };
        (outcome_text(summary, lang), color)
    };
    ui.label(
        RichText::new(format!("{}: {outcome}", lang.t(text::PREDICTED)))
            .strong()
            .color(color),
    );
    if summary.complete {
        ui.label(format!(
            "{}: {}/{}",
            lang.t(text::ANSWERED),
            summary.answered,
            summary.criteria_count
        ));
    } else {
        ui.label(format!(
            "{}: {}/{} · {} {}–{}",
            lang.t(text::ANSWERED),
            summary.answered,
            summary.criteria_count,
            lang.t(text::REACHABLE),
            summary.lowest_reachable,
            summary.highest_reachable
        ));
    }
    if summary.band_star >= 3
        && summary.rated_star.is_none_or(|s| s < summary.band_star)
        && summary.eliminated.is_empty()
    {
        ui.colored_label(
            theme::warn(),
            format!(
                "{} {}{}",
                lang.t(text::BAND_CAPPED),
                summary.band_star,
                lang.t(text::STAR_SUFFIX)
            ),
        );
    }
    for key in &summary.eliminated {
        let label = set
            .elimination(key)
            .map_or(key.as_str(), |e| lang.pick(&e.label_vi, &e.label_en));
        ui.colored_label(theme::error(), format!("× {label}"));
    }
}

/// Answers to review and answers left over from an older sheet, if any.
fn review_ui(ui: &mut egui::Ui, current: &ScoreSheet, lang: Lang) {
    if current.needs_review.is_empty() && current.stale_answers.is_empty() {
        return;
    }
    ui.colored_label(
        theme::warn(),
        format!(
            "{}: {} · {}: {}",
            lang.t(text::NEEDS_REVIEW),
            current.needs_review.len(),
            lang.t(text::STALE_ANSWERS),
            current.stale_answers.len()
        ),
    );
    for stale in &current.stale_answers {
        ui.label(
            RichText::new(format!(
                "• {} {} — {} ({} {})",
                stale.code,
                stale.criterion_name_vi,
                stale.option_label_vi.as_deref().unwrap_or("—"),
                stale.points,
                text::points_unit(u32::from(stale.points), lang)
            ))
            .small(),
        );
    }
}

/// The way to the next star: the threshold and the gap, the minima not met, the
/// suggested answers with the documents that back them.
fn plan_ui(
    ui: &mut egui::Ui,
    set: &ScoringSet,
    template: Option<&DossierTemplate>,
    product: &Product,
    plan: &scoring::NextStarPlan,
    lang: Lang,
) {
    ui.heading(format!(
        "{} {}{}",
        lang.t(text::WAY_TO),
        plan.target_star,
        lang.t(text::STAR_SUFFIX)
    ));
    ui.label(format!(
        "{} {} · {}",
        lang.t(text::THRESHOLD),
        plan.threshold,
        text::points_short(plan.points_gap, lang)
    ));
    if !plan.unmet_minima.is_empty() {
        ui.label(RichText::new(lang.t(text::UNMET_MINIMA)).strong());
        for unmet in &plan.unmet_minima {
            let name = set
                .criterion(&unmet.criterion_key)
                .map(|c| format!("{} {}", c.code, lang.pick(&c.name_vi, &c.name_en)))
                .unwrap_or_else(|| unmet.criterion_key.clone());
            ui.colored_label(
                theme::error(),
                format!(
                    "• {name}: {}\u{a0}{} / {}\u{a0}≥\u{a0}{}\u{a0}{}",
                    unmet.current_points,
                    text::points_unit(u32::from(unmet.current_points), lang),
                    lang.t(text::MIN_NEEDED),
                    unmet.required_points,
                    text::points_unit(u32::from(unmet.required_points), lang)
                ),
            );
        }
    }
    if !plan.suggestions.is_empty() {
        ui.label(RichText::new(lang.t(text::SUGGESTIONS)).strong());
    }
    for suggestion in &plan.suggestions {
        // A criterion the set does not know is skipped.
        if let Some(criterion) = set.criterion(&suggestion.criterion_key) {
            suggestion_ui(ui, template, product, suggestion, criterion, lang);
        }
    }
    if !plan.reaches_target {
        ui.colored_label(theme::warn(), lang.t(text::TARGET_UNREACHABLE));
    }
}

/// One suggested answer: the criterion, the points it gains and why, the option to
/// choose, and the documents that back it with their status.
fn suggestion_ui(
    ui: &mut egui::Ui,
    template: Option<&DossierTemplate>,
    product: &Product,
    suggestion: &scoring::Suggestion,
    criterion: &Criterion,
    lang: Lang,
) {
    let reason = text::suggestion_reason(suggestion.reason, lang);
    ui.label(format!(
        "• {} {} (+{}\u{a0}{}, {reason})",
        criterion.code,
        lang.pick(&criterion.name_vi, &criterion.name_en),
        suggestion.points_gain,
        text::points_unit(suggestion.points_gain.unsigned_abs(), lang)
    ));
    ui.label(
        RichText::new(format!(
            "   → {}",
            option_label(criterion, suggestion.to_option, lang)
        ))
        .italics(),
    );
    for (doc, status) in docs_line(template, product, criterion, lang) {
        let color = if status == DocStatus::Ready {
            theme::ok()
        } else {
            theme::warn()
        };
        ui.colored_label(
            color,
            format!("   • {doc} ({})", lang.t(text::doc_status_name(status))),
        );
    }
}

/// One score sheet of a product, with what it is scored against.
#[derive(Clone, Copy)]
struct SheetView<'s> {
    set: &'s ScoringSet,
    template: Option<&'s DossierTemplate>,
    product: &'s Product,
    current: &'s ScoreSheet,
    kind: Sheet,
}

fn criteria_ui(ui: &mut egui::Ui, ctx: &mut ScreenCtx<'_>, sheet: &SheetView<'_>) {
    let set = sheet.set;
    let lang = ctx.lang;
    if !set.eliminations.is_empty() {
        ui.heading(lang.t(text::ELIMINATIONS));
        for elimination in &set.eliminations {
            let label = lang.pick(&elimination.label_vi, &elimination.label_en);
            elimination_checkbox(ui, ctx, sheet, elimination, label.to_owned());
        }
        ui.separator();
    }
    for part in Part::ALL {
        let header = format!(
            "{} {} ({} {})",
            lang.t(text::PART),
            part_letter(part),
            set.part_max(part),
            text::points_unit(u32::from(set.part_max(part)), lang)
        );
        egui::CollapsingHeader::new(RichText::new(header).strong())
            .id_salt(format!("part-{}", part_letter(part)))
            .default_open(true)
            .show(ui, |ui| {
                let mut last_group = None;
                for criterion in set.criteria.iter().filter(|c| c.part == part) {
                    if last_group != Some(criterion.group_no) {
                        last_group = Some(criterion.group_no);
                        ui.add_space(6.0);
                        ui.label(
                            RichText::new(format!(
                                "{}. {}",
                                criterion.group_no,
                                lang.pick(&criterion.group_name_vi, &criterion.group_name_en)
                            ))
                            .strong()
                            .color(theme::accent()),
                        );
                    }
                    criterion_ui(ui, ctx, sheet, criterion);
                }
            });
    }
}

fn part_letter(part: Part) -> &'static str {
    match part {
        Part::A => "A",
        Part::B => "B",
        Part::C => "C",
    }
}

/// One elimination condition of a sheet as a checkbox; ticking it sends the command.
fn elimination_checkbox(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    sheet: &SheetView<'_>,
    elimination: &Elimination,
    label: String,
) {
    let mut hit = sheet.current.eliminations_hit.contains(&elimination.key);
    if ui
        .add_enabled(!ctx.read_only, egui::Checkbox::new(&mut hit, label))
        .changed()
    {
        ctx.command(Command::SetElimination {
            id: sheet.product.id.clone(),
            sheet: sheet.kind,
            key: elimination.key.clone(),
            hit,
        });
    }
}

/// One criterion of the sheet in its group: its title and points, the options as radio
/// buttons, its eliminating conditions, the documents that back it, the source's note,
/// this sheet's note on it and the remarks on it.
fn criterion_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    sheet: &SheetView<'_>,
    criterion: &Criterion,
) {
    let SheetView {
        template, product, ..
    } = *sheet;
    let lang = ctx.lang;
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        criterion_title_ui(ui, sheet.current, criterion, lang);
        answer_ui(ui, ctx, sheet, criterion);
        for elimination in &criterion.eliminations {
            let label = format!(
                "× {}",
                lang.pick(&elimination.label_vi, &elimination.label_en)
            );
            elimination_checkbox(ui, ctx, sheet, elimination, label);
        }
        evidence_ui(ui, docs_line(template, product, criterion, lang), lang);
        if !criterion.note.is_empty() {
            // The source's notes (requirements, anomalies, "Verify") stay one hover away.
            ui.label(
                RichText::new(format!("({})", lang.t(text::SOURCE_NOTE))).color(theme::muted()),
            )
            .on_hover_text(text::criterion_note_hover(&criterion.note, lang));
        }
        criterion_note_ui(ui, ctx, sheet, criterion);
        // Remarks on this criterion from both sides, on either sheet: each side may add
        // its own even where the sheet is the other's (`AppState::may_edit` still says
        // no in a locked window or on a product open read-only).
        super::remarks::remarks_ui(
            ui,
            &mut ctx.for_remarks(),
            product,
            &crate::domain::remarks::RemarkAbout::Criterion(criterion.key.clone()),
            true,
        );
    });
}

/// The criterion's code, name and maximum, "needs review", and its points once answered.
fn criterion_title_ui(ui: &mut egui::Ui, current: &ScoreSheet, criterion: &Criterion, lang: Lang) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{} {} ({} {} {})",
                criterion.code,
                lang.pick(&criterion.name_vi, &criterion.name_en),
                lang.t(text::MAX),
                criterion.max_points,
                text::points_unit(u32::from(criterion.max_points), lang)
            ))
            .strong(),
        );
        if current.needs_review.contains(&criterion.key) {
            ui.colored_label(theme::warn(), lang.t(text::NEEDS_REVIEW));
        }
        let points = current.points_for(criterion);
        if current.answers.contains_key(&criterion.key) {
            ui.label(
                RichText::new(format!(
                    "= {points} {}",
                    text::points_unit(u32::from(points), lang)
                ))
                .color(theme::accent()),
            );
        }
    });
}

/// The criterion's options as radio buttons (grouped by case, with star minima), then
/// "not met" and "unanswered"; a new choice sends the command.
fn answer_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    sheet: &SheetView<'_>,
    criterion: &Criterion,
) {
    let (lang, read_only) = (ctx.lang, ctx.read_only);
    let mut chosen: Option<Answer> = sheet.current.answers.get(&criterion.key).cloned();
    let before = chosen.clone();
    ui.add_enabled_ui(!read_only, |ui| {
        let mut last_case = None;
        for (index, option) in criterion.options.iter().enumerate() {
            if option.case_no.is_some() && option.case_no != last_case {
                last_case = option.case_no;
                ui.label(
                    RichText::new(format!(
                        "{} {}",
                        lang.t(text::CASE),
                        option.case_no.unwrap_or(0)
                    ))
                    .italics(),
                );
            }
            let star = option
                .star_min
                .map(|s| {
                    format!(
                        "  [{} {}{}]",
                        lang.t(text::MINIMUM_FOR),
                        s,
                        lang.t(text::STAR_SUFFIX)
                    )
                })
                .unwrap_or_default();
            let text = format!(
                "{} — {} {}{star}",
                lang.pick(&option.label_vi, &option.label_en),
                option.points,
                text::points_unit(u32::from(option.points), lang)
            );
            ui.radio_value(&mut chosen, Some(Answer::Chosen { option: index }), text);
        }
        ui.horizontal(|ui| {
            ui.radio_value(&mut chosen, Some(Answer::NotMet), lang.t(text::NOT_MET));
            ui.radio_value(&mut chosen, None, lang.t(text::UNANSWERED));
        });
    });
    if chosen != before {
        ctx.command(Command::SetAnswer {
            id: sheet.product.id.clone(),
            sheet: sheet.kind,
            criterion: criterion.key.clone(),
            answer: chosen,
        });
    }
}

/// The dossier documents that back the criterion, each with its status; nothing when
/// none does.
fn evidence_ui(ui: &mut egui::Ui, docs: Vec<(String, DocStatus)>, lang: Lang) {
    if docs.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(lang.t(text::EVIDENCE))
                .small()
                .color(theme::muted()),
        );
        for (doc, status) in docs {
            let color = if status == DocStatus::Ready {
                theme::ok()
            } else {
                theme::warn()
            };
            ui.label(
                RichText::new(format!("{doc} ({})", lang.t(text::doc_status_name(status))))
                    .small()
                    .color(color),
            );
        }
    });
}

/// This sheet's note on the criterion.
fn criterion_note_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    sheet: &SheetView<'_>,
    criterion: &Criterion,
) {
    let (lang, read_only) = (ctx.lang, ctx.read_only);
    let (id, kind) = (&sheet.product.id, sheet.kind);
    let note = sheet
        .current
        .notes
        .get(&criterion.key)
        .map(String::as_str)
        .unwrap_or("");
    let salt = format!("crit-note-{}-{kind:?}-{}", id.as_str(), criterion.key);
    let label = format!("{} {}", lang.t(text::DOC_NOTE), criterion.code);
    ui.horizontal(|ui| {
        if let Some(new_note) =
            widgets::text_field(ui, &salt, &label, note, false, !read_only, lang)
        {
            ctx.command(Command::SetCriterionNote {
                id: id.clone(),
                sheet: kind,
                criterion: criterion.key.clone(),
                note: new_note,
            });
        }
    });
}
