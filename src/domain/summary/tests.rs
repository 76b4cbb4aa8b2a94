//! The periodic report's counts on a small synthetic workspace.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code")]

use chrono::NaiveDateTime;

use super::*;
use crate::domain::history::{HistoryEntry, Origin};
use crate::domain::model::{Application, Certificate, Revocation, test_product};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn at(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(10, 0, 0).expect("time")
}

fn entry(day: NaiveDate, changes: Vec<Change>) -> HistoryEntry {
    HistoryEntry {
        at: at(day),
        by: String::new(),
        origin: Origin::Edit,
        changes,
    }
}

fn moved(day: NaiveDate, from: Stage, to: Stage) -> HistoryEntry {
    entry(day, vec![Change::Stage { from, to }])
}

/// A product named `name`, at `stage` now, in set `set`, with `history`.
fn product(name: &str, set: u8, stage: Stage, history: Vec<HistoryEntry>) -> Product {
    let mut p = test_product(&[]);
    p.id = ProductId::slug_from(name);
    p.name = name.into();
    p.scoring_set = set;
    if let Some(app) = p.current_mut() {
        app.stage = stage;
    }
    p.history = history;
    p
}

fn certified(mut p: Product, star: u8, issued_on: NaiveDate) -> Product {
    if let Some(app) = p.current_mut() {
        app.stage = Stage::Recognised;
        app.certificate = Some(Certificate {
            star,
            number: format!("{star}/QĐ-UBND"),
            issued_on,
        });
    }
    p
}

/// The rule data of the sets the tests use (names and headings as in Appendix II).
fn catalog() -> Catalog {
    use crate::domain::criteria::{RuleSet, ScoringSet};
    let set = |number: u8, name: &str, roman: &str, heading: &str| ScoringSet {
        number,
        name_vi: name.into(),
        name_en: format!("Set {number}"),
        product_group: roman.into(),
        sheet_heading_vi: format!("{number}. Bộ sản phẩm: {name} ({heading})"),
        eliminations: Vec::new(),
        criteria: Vec::new(),
    };
    let fresh = "Sản phẩm: Thực phẩm. Nhóm: Thực phẩm tươi sống";
    let sets = vec![
        set(1, "Rau, củ, quả, hạt tươi", "I", fresh),
        set(2, "Thịt, thủy sản, trứng, sữa tươi", "I", fresh),
        set(
            3,
            "Gạo, ngũ cốc",
            "I",
            "Sản phẩm: Thực phẩm. Nhóm: Thực phẩm thô, sơ chế",
        ),
        set(
            6,
            "Chế biến từ gạo, ngũ cốc",
            "I",
            "Sản phẩm: Thực phẩm. Nhóm: Thực phẩm chế biến",
        ),
        set(
            9,
            "Tương, nước mắm",
            "I",
            "Sản phẩm: Thực phẩm. Nhóm: Gia vị",
        ),
        set(11, "Chè", "I", "Sản phẩm: Thực phẩm. Nhóm: Chè"),
        set(
            14,
            "Rượu trắng",
            "II",
            "Sản phẩm: Đồ uống. Nhóm: Đồ uống có cồn",
        ),
        set(
            20,
            "Tinh dầu",
            "III",
            "Sản phẩm: Dược liệu. Nhóm: Dược liệu khác",
        ),
        set(23, "Hoa", "V", "Sản phẩm: Sinh vật cảnh"),
    ];
    Catalog {
        rule_sets: vec![RuleSet {
            rule_version: CURRENT_RULE_VERSION.into(),
            title_vi: String::new(),
            source_note: String::new(),
            sets,
        }],
        ..Catalog::default()
    }
}

#[test]
fn periods_have_names_and_a_next_of_the_same_length() {
    let h1 = Period::of(PeriodKind::FirstHalf(2026), 2026).unwrap();
    let cases = [
        (
            h1,
            PeriodKind::FirstHalf(2026),
            (d(2026, 7, 1), d(2026, 12, 31)),
        ),
        (
            Period::new(d(2026, 7, 1), d(2026, 12, 31)).unwrap(),
            PeriodKind::SecondHalf(2026),
            (d(2027, 1, 1), d(2027, 6, 30)),
        ),
        (
            Period::new(d(2026, 1, 1), d(2026, 12, 31)).unwrap(),
            PeriodKind::Year(2026),
            (d(2027, 1, 1), d(2027, 12, 31)),
        ),
        // A quarter: whole months, the next quarter.
        (
            Period::new(d(2026, 1, 1), d(2026, 3, 31)).unwrap(),
            PeriodKind::Dates,
            (d(2026, 4, 1), d(2026, 6, 30)),
        ),
        // Other dates: the same number of days (10 days, then 10 more).
        (
            Period::new(d(2026, 3, 5), d(2026, 3, 14)).unwrap(),
            PeriodKind::Dates,
            (d(2026, 3, 15), d(2026, 3, 24)),
        ),
        (
            Period::new(d(2026, 3, 5), d(2026, 3, 5)).unwrap(),
            PeriodKind::Dates,
            (d(2026, 3, 6), d(2026, 3, 6)),
        ),
    ];
    for (period, kind, (from, to)) in cases {
        assert_eq!(period.kind(), kind, "{period:?}");
        assert_eq!(period.next(), Some(Period { from, to }), "{period:?}");
    }
    assert_eq!(
        Period::new(d(2026, 6, 30), d(2026, 1, 1)),
        Err(PeriodError::EndsBeforeStart {
            from: d(2026, 6, 30),
            to: d(2026, 1, 1)
        })
    );
}

#[test]
fn the_stage_at_the_periods_end_comes_from_the_log() {
    let end = d(2026, 6, 30);
    let today = d(2026, 12, 6);
    use Stage::*;
    let cases: Vec<(&str, Product, StageAt)> = vec![
        (
            "moved after the end: undone",
            product(
                "a",
                6,
                ForwardedToProvince,
                vec![
                    entry(d(2026, 2, 1), vec![Change::Created]),
                    moved(d(2026, 5, 2), Preparing, DossierInPreparation),
                    moved(d(2026, 7, 3), DossierInPreparation, SubmittedToCommune),
                    moved(d(2026, 8, 1), SubmittedToCommune, ForwardedToProvince),
                ],
            ),
            StageAt::Known(DossierInPreparation),
        ),
        (
            "a move on the last day counts",
            product(
                "b",
                6,
                SubmittedToCommune,
                vec![
                    entry(d(2026, 1, 3), vec![Change::Created]),
                    moved(end, DossierInPreparation, SubmittedToCommune),
                ],
            ),
            StageAt::Known(SubmittedToCommune),
        ),
        (
            "added as new after the end",
            product(
                "c",
                6,
                DossierInPreparation,
                vec![
                    entry(d(2026, 9, 1), vec![Change::Created]),
                    moved(d(2026, 9, 2), Preparing, DossierInPreparation),
                ],
            ),
            StageAt::NotYetAdded,
        ),
        (
            "imported after the end at a later stage: approximated",
            product(
                "d",
                6,
                Recognised,
                vec![entry(d(2026, 9, 1), vec![Change::Created])],
            ),
            StageAt::Approximated(Recognised),
        ),
        (
            "no log at all: today's stage, approximated",
            product("e", 6, CommuneAssessment, Vec::new()),
            StageAt::Approximated(CommuneAssessment),
        ),
        (
            "a log that starts after the end: its earliest stage",
            product(
                "f",
                6,
                CommuneAssessment,
                vec![moved(d(2026, 8, 1), SubmittedToCommune, CommuneAssessment)],
            ),
            StageAt::Approximated(SubmittedToCommune),
        ),
        (
            "a log that does not chain: approximated",
            product(
                "g",
                6,
                CommuneAssessment,
                vec![
                    entry(d(2026, 1, 1), vec![Change::Created]),
                    moved(d(2026, 8, 1), Preparing, DossierInPreparation),
                ],
            ),
            StageAt::Approximated(Preparing),
        ),
        (
            "an edit that is no stage move keeps the stage",
            product(
                "h",
                6,
                DossierInPreparation,
                vec![
                    entry(d(2026, 1, 1), vec![Change::Created]),
                    entry(d(2026, 8, 1), vec![Change::ScoringSet { from: 6, to: 7 }]),
                ],
            ),
            StageAt::Known(DossierInPreparation),
        ),
    ];
    for (what, p, expected) in cases {
        assert_eq!(stage_at(&p, end, today), expected, "{what}");
    }
    // For today or later, the stage is today's.
    let p = product("i", 6, Preparing, Vec::new());
    assert_eq!(stage_at(&p, today, today), StageAt::Known(Preparing));
}

#[test]
fn a_new_application_after_the_end_goes_back_to_the_one_before() {
    // Recognised in 2023; a re-rating application started in August 2026.
    let mut p = certified(product("a", 6, Recognised, Vec::new()), 3, d(2023, 9, 1));
    let mut rerating = p.current().unwrap().clone();
    rerating.kind = ApplicationKind::ReRating;
    rerating.stage = DossierInPreparation;
    rerating.certificate = None;
    p.applications.push(rerating);
    use Stage::*;
    p.history = vec![
        entry(d(2023, 1, 1), vec![Change::Created]),
        entry(
            d(2026, 8, 1),
            vec![Change::NewApplication {
                kind: ApplicationKind::ReRating,
            }],
        ),
        moved(d(2026, 8, 2), Preparing, DossierInPreparation),
    ];
    assert_eq!(
        stage_at(&p, d(2026, 6, 30), d(2026, 12, 6)),
        StageAt::Known(Recognised)
    );
}

/// A small commune: stages, certificates in and out of the period, one expiring in
/// the next period, one due for re-rating, one revoked, and one without a set.
fn commune() -> Workspace {
    use Stage::*;
    let created = |day| vec![entry(day, vec![Change::Created])];
    let mut products = vec![
        product("Cốm", 6, DossierInPreparation, created(d(2025, 1, 1))),
        product("Chè", 11, SubmittedToCommune, created(d(2025, 1, 1))),
        // Set 0: imported without a set (no log: approximated).
        product("Mật ong", 0, Preparing, Vec::new()),
        // 4★ in the period, first rating.
        certified(
            product("Thịt trâu", 2, Preparing, created(d(2025, 1, 1))),
            4,
            d(2026, 3, 10),
        ),
        // 3★ on the period's first day.
        certified(
            product("Măng", 1, Preparing, created(d(2025, 1, 1))),
            3,
            d(2026, 1, 1),
        ),
        // 3★ the day after the period: not new in it.
        certified(
            product("Gạo", 3, Preparing, created(d(2025, 1, 1))),
            3,
            d(2026, 7, 1),
        ),
        // 3★ of 2023-09-15: expires 15/09/2026, in the next period (1/7–31/12).
        certified(
            product("Rượu", 14, Preparing, created(d(2023, 1, 1))),
            3,
            d(2023, 9, 15),
        ),
        // 4★ of 2024-03-01: expires 01/03/2027; re-rating window 02/09/2026–01/11/2026.
        certified(
            product("Tinh dầu", 20, Preparing, created(d(2023, 1, 1))),
            4,
            d(2024, 3, 1),
        ),
        // 3★ of 2024-12-01: expires 01/12/2027, window opens 04/06/2027: not due.
        certified(
            product("Hoa", 23, Preparing, created(d(2023, 1, 1))),
            3,
            d(2024, 12, 1),
        ),
        // 3★ of 2023-10-01, revoked in May 2026: never "due".
        certified(
            product("Tương", 9, Preparing, created(d(2023, 1, 1))),
            3,
            d(2023, 10, 1),
        ),
    ];
    if let Some(app) = products.last_mut().and_then(Product::current_mut) {
        app.stage = Revoked;
        app.revocation = Some(Revocation {
            date: d(2026, 5, 2),
            reason: "vi phạm nhãn".into(),
        });
    }
    // An upgrade in the period: the 3★ of "Măng" becomes 5★ in June (second certificate).
    let mut upgrade: Application = products[4].current().unwrap().clone();
    upgrade.kind = ApplicationKind::Upgrade;
    upgrade.certificate = Some(Certificate {
        star: 5,
        number: "5/QĐ-BNNMT".into(),
        issued_on: d(2026, 6, 20),
    });
    products[4].applications.push(upgrade);
    Workspace {
        info: Default::default(),
        products: products.into_iter().map(|p| (p.id.clone(), p)).collect(),
    }
}

#[test]
fn the_counts_of_a_small_commune() {
    let period = Period::of(PeriodKind::FirstHalf(2026), 2026).unwrap();
    let summary = summarise(&commune(), &catalog(), period, d(2026, 12, 6));
    assert_eq!(summary.as_of, d(2026, 6, 30));
    assert_eq!(summary.products, 10);
    let stage = |s: Stage| summary.by_stage.iter().find(|(x, _)| *x == s).unwrap().1;
    for (s, n) in [
        (Stage::DossierInPreparation, 1),
        (Stage::SubmittedToCommune, 1),
        (Stage::Preparing, 1),
        (Stage::Recognised, 6),
        (Stage::Revoked, 1),
    ] {
        assert_eq!(stage(s), n, "{s:?}");
    }
    assert_eq!(summary.by_stage.iter().map(|(_, n)| n).sum::<usize>(), 10);
    assert_eq!(summary.approximated, 1, "the product without a log");
    assert_eq!(summary.added_after, 0);

    // New certificates: 3★ (first day), 4★, 5★ upgrade; not the one of 1 July.
    let new: Vec<(&str, u8)> = summary
        .new_certificates
        .iter()
        .map(|c| (c.product.as_str(), c.star))
        .collect();
    assert_eq!(new, [("Măng", 3), ("Thịt trâu", 4), ("Măng", 5)]);
    let stars: Vec<(u8, usize, usize, usize)> = summary
        .new_by_star
        .iter()
        .map(|c| (c.star, c.first_rating, c.upgrade, c.re_rating))
        .collect();
    assert_eq!(stars, [(3, 1, 0, 0), (4, 1, 0, 0), (5, 0, 1, 0)]);

    // Due in the next period (1/7–31/12/2026).
    assert_eq!(
        summary.next,
        Period::new(d(2026, 7, 1), d(2026, 12, 31)).unwrap()
    );
    let due: Vec<(&str, bool, bool)> = summary
        .due_next
        .iter()
        .map(|c| (c.product.as_str(), c.expires_in_next, c.rerating_in_next))
        .collect();
    // Rượu: expires 15/09/2026 (its window 19/03–18/05/2026 is before the next
    // period); Tinh dầu: window 02/09–01/11/2026, expires 01/03/2027.
    assert_eq!(due, [("Rượu", true, false), ("Tinh dầu", false, true)]);
    let tinh_dau = &summary.due_next[1];
    assert_eq!(tinh_dau.expires_on, d(2027, 3, 1));
    assert_eq!(
        (tinh_dau.rerating_opens, tinh_dau.rerating_closes),
        (d(2026, 9, 2), d(2026, 11, 1))
    );

    // By set: "not chosen" first, then by number; certified at the period's end.
    let sets: Vec<(SetKey, usize, usize)> = summary
        .by_set
        .iter()
        .map(|r| (r.key, r.products, r.certified))
        .collect();
    assert_eq!(sets.first(), Some(&(SetKey::NotChosen, 1, 0)));
    assert!(sets.contains(&(SetKey::Set(2), 1, 1)));
    assert!(
        sets.contains(&(SetKey::Set(3), 1, 0)),
        "Gạo: certified after the end"
    );
    assert!(sets.contains(&(SetKey::Set(9), 1, 0)), "Tương: revoked");
    assert_eq!(sets.iter().map(|s| s.1).sum::<usize>(), 10);
    let named = summary
        .by_set
        .iter()
        .find(|r| r.key == SetKey::Set(6))
        .unwrap();
    assert_eq!(named.name_vi, "Chế biến từ gạo, ngũ cốc");

    // By group: Appendix I order, the food groups first; set 0 its own row.
    let groups: Vec<(&str, usize)> = summary
        .by_group
        .iter()
        .map(|r| (r.name_vi.as_str(), r.products))
        .collect();
    assert_eq!(
        groups.first(),
        Some(&("Thực phẩm – Thực phẩm tươi sống", 2)),
        "{groups:?}"
    );
    assert!(
        groups.contains(&("Đồ uống – Đồ uống có cồn", 1)),
        "{groups:?}"
    );
    assert!(groups.contains(&("Sinh vật cảnh", 1)), "{groups:?}");
    assert_eq!(
        summary.by_group.last().map(|r| &r.key),
        Some(&GroupKey::NotChosen)
    );
    assert_eq!(
        summary.by_group.iter().map(|r| r.products).sum::<usize>(),
        10
    );

    // The annex: every product, as the portfolio shows it.
    assert_eq!(summary.annex.len(), 10);
    assert!(summary.annex.iter().any(|r| r.scoring_set == 0));
}

#[test]
fn a_period_ending_after_today_counts_todays_stages() {
    let period = Period::of(PeriodKind::Year(2026), 2026).unwrap();
    let summary = summarise(&commune(), &catalog(), period, d(2026, 12, 6));
    assert_eq!(summary.as_of, d(2026, 12, 6));
    assert_eq!(summary.approximated, 0);
    assert_eq!(summary.next.from, d(2027, 1, 1));
    // Gạo's certificate of 1 July is in the year.
    assert_eq!(summary.new_certificates.len(), 4);
}
