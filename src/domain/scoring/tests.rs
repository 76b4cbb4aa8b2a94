//! Tests of the scoring engine: bands, minima, eliminations, the next star, migration.
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
