//! The built-in criteria data (`assets/criteria/26-2026.ron`) checked against its
//! source TSVs (`tests/fixtures/criteria-26-2026/`), and the scoring engine run on
//! real sheets: worked examples for sets 2, 6 and 8 and migrations between them.
//!
//! Reads only files inside this crate, never `../shared`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use ocop_tracker::domain::criteria::{Part, RuleSet, ScoringSet};
use ocop_tracker::domain::scoring::{
    Answer, Outcome, ScoreSheet, SuggestionReason, evaluate, migrate_sheet, way_to_next_star,
};

fn manifest_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn fixture(name: &str) -> String {
    let path = manifest_path("tests/fixtures/criteria-26-2026").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rules() -> RuleSet {
    let path = manifest_path("assets/criteria/26-2026.ron");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ron::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn set(rules: &RuleSet, number: u8) -> &ScoringSet {
    rules
        .set(number)
        .unwrap_or_else(|| panic!("set {number} missing"))
}

/// A tiny TSV reader: header row, tab-separated cells, no quoting.
fn read_tsv(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), header.len(), "row {line:?}");
            header
                .iter()
                .zip(cells)
                .map(|(h, c)| ((*h).to_owned(), c.to_owned()))
                .collect()
        })
        .collect()
}

fn part_letter(part: Part) -> &'static str {
    match part {
        Part::A => "A",
        Part::B => "B",
        Part::C => "C",
    }
}

/// One row of a set TSV as the RON data says it should be.
#[derive(Debug, PartialEq)]
struct Row {
    set: String,
    part: String,
    group_no: String,
    group_name_vi: String,
    code: String,
    criterion_vi: String,
    criterion_en: String,
    max_points: String,
    option_label_vi: String,
    option_label_en: String,
    points: String,
    star_min: String,
    note: String,
}

impl Row {
    fn from_tsv(row: &BTreeMap<String, String>) -> Row {
        let get = |k: &str| row.get(k).cloned().unwrap_or_else(|| panic!("column {k}"));
        Row {
            set: get("set"),
            part: get("part"),
            group_no: get("group_no"),
            group_name_vi: get("group_name_vi"),
            code: get("code"),
            criterion_vi: get("criterion_vi"),
            criterion_en: get("criterion_en"),
            max_points: get("max_points"),
            option_label_vi: get("option_label_vi"),
            option_label_en: get("option_label_en"),
            points: get("points"),
            star_min: get("star_min"),
            note: get("note"),
        }
    }
}

fn join_notes(criterion_note: &str, option_note: &str) -> String {
    match (criterion_note.is_empty(), option_note.is_empty()) {
        (_, true) => criterion_note.to_owned(),
        (true, false) => option_note.to_owned(),
        (false, false) => format!("{criterion_note} {option_note}"),
    }
}

/// The TSV rows a scoring set stands for, in file order: header eliminations, then
/// each criterion's options followed by its eliminations. Elimination rows carry
/// only what the RON keeps (labels, note), plus the position.
fn rows_from_ron(s: &ScoringSet) -> Vec<Row> {
    let mut rows = Vec::new();
    let number = s.number.to_string();
    for e in &s.eliminations {
        rows.push(Row {
            set: number.clone(),
            part: String::new(),
            group_no: String::new(),
            group_name_vi: String::new(),
            code: "ELIM".to_owned(),
            criterion_vi: String::new(),
            criterion_en: String::new(),
            max_points: String::new(),
            option_label_vi: e.label_vi.clone(),
            option_label_en: e.label_en.clone(),
            points: String::new(),
            star_min: String::new(),
            note: e.note.clone(),
        });
    }
    for c in &s.criteria {
        for o in &c.options {
            rows.push(Row {
                set: number.clone(),
                part: part_letter(c.part).to_owned(),
                group_no: c.group_no.to_string(),
                group_name_vi: c.group_name_vi.clone(),
                code: c.code.clone(),
                criterion_vi: c.name_vi.clone(),
                criterion_en: c.name_en.clone(),
                max_points: c.max_points.to_string(),
                option_label_vi: o.label_vi.clone(),
                option_label_en: o.label_en.clone(),
                points: o.points.to_string(),
                star_min: o.star_min.map(|s| s.to_string()).unwrap_or_default(),
                note: join_notes(&c.note, &o.note),
            });
        }
        for e in &c.eliminations {
            rows.push(Row {
                set: number.clone(),
                part: part_letter(c.part).to_owned(),
                group_no: c.group_no.to_string(),
                group_name_vi: c.group_name_vi.clone(),
                code: "ELIM".to_owned(),
                criterion_vi: String::new(),
                criterion_en: String::new(),
                max_points: String::new(),
                option_label_vi: e.label_vi.clone(),
                option_label_en: e.label_en.clone(),
                points: String::new(),
                star_min: String::new(),
                note: e.note.clone(),
            });
        }
    }
    rows
}

#[test]
fn ron_matches_the_tsvs_row_for_row() {
    let rules = rules();
    assert_eq!(rules.rule_version, "26/2026/QĐ-TTg");
    let sets_meta = read_tsv(&fixture("sets.tsv"));
    assert_eq!(sets_meta.len(), 26);
    assert_eq!(rules.sets.len(), 26);
    for (meta, s) in sets_meta.iter().zip(&rules.sets) {
        let get = |k: &str| meta.get(k).cloned().unwrap_or_default();
        assert_eq!(s.number.to_string(), get("set"));
        assert_eq!(s.name_vi, get("name_vi"), "set {}", s.number);
        assert_eq!(s.name_en, get("name_en"), "set {}", s.number);
        assert_eq!(s.product_group, get("product_group"), "set {}", s.number);
        assert_eq!(
            s.sheet_heading_vi,
            get("sheet_heading_vi"),
            "set {}",
            s.number
        );

        let tsv_rows: Vec<Row> = read_tsv(&fixture(&get("file")))
            .iter()
            .map(|r| {
                let mut row = Row::from_tsv(r);
                if row.code == "ELIM" {
                    // The RON keeps an elimination's labels, kind and note, and attaches
                    // it to the criterion it follows; the heading cells are not kept.
                    row.criterion_vi.clear();
                    row.criterion_en.clear();
                }
                row
            })
            .collect();
        let ron_rows = rows_from_ron(s);
        assert_eq!(
            ron_rows.len(),
            tsv_rows.len(),
            "set {}: row count",
            s.number
        );
        for (i, (ron_row, tsv_row)) in ron_rows.iter().zip(&tsv_rows).enumerate() {
            assert_eq!(ron_row, tsv_row, "set {}, data row {}", s.number, i + 1);
        }
    }
}

#[test]
fn set_26_case_notes_become_case_numbers() {
    let rules = rules();
    for s in &rules.sets {
        for c in &s.criteria {
            for o in &c.options {
                let note = join_notes(&c.note, &o.note);
                let expected = if note.starts_with("Case 1:") {
                    Some(1)
                } else if note.starts_with("Case 2:") {
                    Some(2)
                } else {
                    None
                };
                assert_eq!(o.case_no, expected, "set {} {}", s.number, c.code);
            }
        }
    }
    let s26 = set(&rules, 26);
    let cased: Vec<&str> = s26
        .criteria
        .iter()
        .filter(|c| c.has_cases())
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(cased, ["8", "9", "15"]);
}

#[test]
fn every_set_is_consistent() {
    let rules = rules();
    let numbers: Vec<u8> = rules.sets.iter().map(|s| s.number).collect();
    assert_eq!(numbers, (1..=26).collect::<Vec<u8>>());
    for s in &rules.sets {
        let n = s.number;
        // Decision 26/2026, Art. 3: A 40, B 25, C 35.
        for part in Part::ALL {
            assert_eq!(s.part_max(part), part.legal_max(), "set {n} part {part:?}");
        }
        assert_eq!(s.total_max(), 100, "set {n}");

        let mut keys: Vec<&str> = s.criteria.iter().map(|c| c.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(
            keys.len(),
            s.criteria.len(),
            "set {n}: criterion keys unique"
        );
        let mut elim_keys: Vec<&str> = s.all_eliminations().map(|e| e.key.as_str()).collect();
        let elim_count = elim_keys.len();
        elim_keys.sort_unstable();
        elim_keys.dedup();
        assert_eq!(
            elim_keys.len(),
            elim_count,
            "set {n}: elimination keys unique"
        );

        for c in &s.criteria {
            let at = format!("set {n} criterion {}", c.code);
            assert!(!c.options.is_empty(), "{at}: no options");
            assert!(
                c.options.iter().all(|o| o.points <= c.max_points),
                "{at}: points > max"
            );
            // The maximum is reached by an option, in every case separately (set 26:
            // both cases of 8, 9 and 15 run up to the criterion maximum).
            let cases: Vec<Option<u8>> = {
                let mut v: Vec<Option<u8>> = c.options.iter().map(|o| o.case_no).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            for case in cases {
                let mut in_case: Vec<(u16, Option<u8>)> = c
                    .options
                    .iter()
                    .filter(|o| o.case_no == case)
                    .map(|o| (o.points, o.star_min))
                    .collect();
                let max = in_case.iter().map(|o| o.0).max();
                assert_eq!(max, Some(c.max_points), "{at} case {case:?}: max");
                // Star markers rise with points.
                in_case.sort_by_key(|o| o.0);
                let markers: Vec<u8> = in_case.iter().filter_map(|o| o.1).collect();
                assert!(
                    markers.windows(2).all(|w| w[0] < w[1]),
                    "{at} case {case:?}: markers {markers:?}"
                );
            }
            for o in &c.options {
                if let Some(star) = o.star_min {
                    assert!((3..=5).contains(&star), "{at}: marker {star}");
                    // The engine compares points across cases; it relies on no case
                    // option carrying a marker (see scoring::star_requirement).
                    assert_eq!(o.case_no, None, "{at}: starred option inside a case");
                }
            }
            // Options are in ascending points on every sheet except where cases restart.
            if !c.has_cases() {
                assert!(
                    c.options.windows(2).all(|w| w[0].points <= w[1].points),
                    "{at}: options not ascending"
                );
            }
        }
    }
}

/// The per-set table of the fixture README ("Per set: criteria, option rows, ELIM rows,
/// star markers") must describe the RON.
#[test]
fn ron_matches_the_readme_counts() {
    let rules = rules();
    let readme = fixture("README.md");
    let mut checked = 0;
    for line in readme.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | Set | Name | Criteria | Option rows | ELIM rows | Stars 3/4/5 | A | B | C |
        let [_, number, _, criteria, options, elims, stars, ..] = cells.as_slice() else {
            continue;
        };
        let Ok(number) = number.parse::<u8>() else {
            continue;
        };
        let Ok(criteria) = criteria.parse::<usize>() else {
            continue;
        };
        let s = set(&rules, number);
        assert_eq!(s.criteria.len(), criteria, "set {number} criteria");
        let option_rows: usize = s.criteria.iter().map(|c| c.options.len()).sum();
        assert_eq!(
            option_rows.to_string(),
            *options,
            "set {number} option rows"
        );
        assert_eq!(
            s.all_eliminations().count().to_string(),
            *elims,
            "set {number} ELIM rows"
        );
        let count = |star: u8| {
            s.criteria
                .iter()
                .flat_map(|c| &c.options)
                .filter(|o| o.star_min == Some(star))
                .count()
        };
        assert_eq!(
            format!("{}/{}/{}", count(3), count(4), count(5)),
            *stars,
            "set {number} stars"
        );
        checked += 1;
    }
    assert_eq!(checked, 26);
    let markers: usize = rules
        .sets
        .iter()
        .flat_map(|s| &s.criteria)
        .flat_map(|c| &c.options)
        .filter(|o| o.star_min.is_some())
        .count();
    assert_eq!(markers, 575, "README: 575 star markers in the source");
}

#[test]
fn anomalies_stay_visible() {
    let rules = rules();
    let criterion = |n: u8, code: &str| {
        set(&rules, n)
            .criterion(code)
            .unwrap_or_else(|| panic!("set {n} {code}"))
            .clone()
    };
    let all_notes = |n: u8, code: &str| {
        let c = criterion(n, code);
        let mut text = c.note.clone();
        for o in &c.options {
            text.push(' ');
            text.push_str(&o.note);
        }
        text
    };
    // Changed values, flagged "Verify".
    assert!(all_notes(4, "7").contains("Verify"));
    assert!(all_notes(11, "6.1.1").contains("Verify"));
    // Bilingual label: one printed option; "not met" is the implied 0.
    for (n, code) in [(2, "2.4"), (21, "2.3")] {
        let c = criterion(n, code);
        assert_eq!(c.options.len(), 1, "set {n} {code}");
        assert!(c.note.contains("implied"), "set {n} {code}");
    }
    // Set 23 item 9 prints "4" and "1": 4 is used and said so.
    let c = criterion(23, "9");
    assert_eq!(c.max_points, 4);
    assert!(!all_notes(23, "9").is_empty());
    // Sheet-header grounds with unclear wording, flagged "Uncertain".
    for n in [17, 18] {
        assert!(
            set(&rules, n)
                .eliminations
                .iter()
                .any(|e| e.note.contains("Uncertain")),
            "set {n}"
        );
    }
    // Set 26 has no sheet-header eliminations.
    assert!(set(&rules, 26).eliminations.is_empty());
}

// ------------------------------------------------------------------ worked examples

/// Choose the option of `code` with this label, checking its points against the
/// value written by hand from the table.
fn pick(s: &ScoringSet, sheet: &mut ScoreSheet, code: &str, label_vi: &str, points: u16) {
    let c = s
        .criterion(code)
        .unwrap_or_else(|| panic!("set {} has no {code}", s.number));
    let option = c
        .option_index_by_label(label_vi)
        .unwrap_or_else(|| panic!("set {} {code}: no option {label_vi:?}", s.number));
    assert_eq!(
        c.options[option].points, points,
        "set {} {code} {label_vi:?}",
        s.number
    );
    sheet
        .answers
        .insert(c.key.clone(), Answer::Chosen { option });
}

fn not_met(sheet: &mut ScoreSheet, code: &str) {
    sheet.answers.insert(code.to_owned(), Answer::NotMet);
}

/// Set 2, fresh buffalo meat ("Thịt trâu BA"), a first 3★ attempt.
fn set2_example(s: &ScoringSet) -> ScoreSheet {
    let mut sh = ScoreSheet::default();
    // Group 1: 3 + 2 + 1 + 2 + 1 + 1 + 0 = 10
    pick(s, &mut sh, "1.1", "Nuôi, đánh bắt tại xã: 75% đến 100%", 3);
    pick(
        s,
        &mut sh,
        "1.2",
        "Dùng máy móc để sơ chế, giết mổ, đóng gói",
        2,
    );
    pick(
        s,
        &mut sh,
        "1.3",
        "Chứng nhận theo tiêu chuẩn quốc gia (VietGAP, hữu cơ…)",
        1,
    );
    pick(s, &mut sh, "1.4", "Năng lực, quy mô sản xuất trung bình", 2);
    pick(
        s,
        &mut sh,
        "1.5",
        "Hợp đồng liên kết cho 50% đến dưới 75% sản lượng tiêu thụ",
        1,
    );
    pick(
        s,
        &mut sh,
        "1.6",
        "Có hồ sơ, thủ tục môi trường theo quy định",
        1,
    );
    pick(
        s,
        &mut sh,
        "1.7",
        "Không dùng công nghệ theo hướng bền vững",
        0,
    );
    // Group 2: 1 + 2 + 1 + 0 (no bilingual label) = 4
    pick(
        s,
        &mut sh,
        "2.1",
        "Trồng phổ biến nhưng chất lượng nổi trội nhờ đất đai, thời tiết, kỹ thuật bản địa",
        1,
    );
    pick(s, &mut sh, "2.2", "Đóng gói sáng tạo, bao bì đẹp", 2);
    pick(s, &mut sh, "2.3", "Có nhãn đầy đủ, đúng quy định", 1);
    not_met(&mut sh, "2.4");
    // Group 3: 3 + 1 + 3 + 1 + 1 = 9          → Part A = 10 + 4 + 9 = 23
    pick(
        s,
        &mut sh,
        "3.1",
        "HTX hoạt động đúng luật, hoặc công ty cổ phần có vốn cộng đồng địa phương ≥51%",
        3,
    );
    pick(
        s,
        &mut sh,
        "3.2",
        "Người đại diện pháp luật là nữ, người dân tộc thiểu số hoặc người khuyết tật",
        1,
    );
    pick(
        s,
        &mut sh,
        "3.3",
        "Lao động là người trong xã: từ 75% trở lên",
        3,
    );
    pick(
        s,
        &mut sh,
        "3.4",
        "HTX xếp loại trung bình, hoặc lợi nhuận năm gần nhất cao hơn năm trước đó (loại hình khác: chỉ xét lợi nhuận)",
        1,
    );
    pick(
        s,
        &mut sh,
        "3.5",
        "Đơn đăng ký nhãn hiệu đã được chấp nhận hoặc công bố (qua thẩm định hình thức)",
        1,
    );
    // Group 4: 2 + 1 + 3 = 6
    pick(
        s,
        &mut sh,
        "4.1",
        "Ngoài xã, dưới 5 đại diện/đại lý phân phối",
        2,
    );
    pick(s, &mut sh, "4.2", "Có người phụ trách quản lý phân phối", 1);
    pick(
        s,
        &mut sh,
        "4.3",
        "Trên 03 hoạt động, có website/mạng xã hội, dự xúc tiến thương mại, hội chợ ngoài tỉnh",
        3,
    );
    // Group 5: 3 + 1 + 1 = 5                  → Part B = 6 + 5 = 11
    pick(
        s,
        &mut sh,
        "5.1",
        "Câu chuyện tư liệu hóa trên tờ rơi và website (hình ảnh, clip)",
        3,
    );
    pick(s, &mut sh, "5.2", "Ngắn gọn, xúc tích", 1);
    pick(
        s,
        &mut sh,
        "5.3",
        "Câu chuyện riêng, gắn với nguồn gốc xuất xứ",
        1,
    );
    // Group 6: 2 + 2 + 3 + 2 = 9
    pick(s, &mut sh, "6.1", "Rất ít tạp chất, chấp nhận được", 2);
    pick(s, &mut sh, "6.2", "Tương đối đồng đều", 2);
    pick(s, &mut sh, "6.3", "Tốt, phù hợp với đặc tính sản phẩm", 3);
    pick(s, &mut sh, "6.4", "Mùi rõ, phù hợp với sản phẩm", 2);
    // 7–11: 3 + 4 + 1 + 1 + 1 = 10            → Part C = 9 + 10 = 19
    pick(s, &mut sh, "7", "Độc đáo, mang tính đặc trưng", 3);
    pick(
        s,
        &mut sh,
        "8",
        "Công bố đúng quy định (bắt buộc áp dụng QCVN nếu có) và áp dụng tiêu chuẩn quốc gia",
        4,
    );
    pick(
        s,
        &mut sh,
        "9",
        "Cơ sở sơ chế, đóng gói có GCN đủ điều kiện ATTP",
        1,
    );
    pick(s, &mut sh, "10", "Có hướng dẫn sử dụng đơn giản", 1);
    pick(
        s,
        &mut sh,
        "11",
        "Có thể xuất khẩu trong khu vực Đông Nam Á",
        1,
    );
    // Total = 23 + 11 + 19 = 53 → band 3★; every 3★ minimum met (2.2, 2.3, 3.5, 4.1,
    // 5.3, 8, 9: domain brief §4.4).
    sh
}

#[test]
fn worked_example_set_2_fresh_buffalo() {
    let rules = rules();
    let s = set(&rules, 2);
    let sheet = set2_example(s);
    let summary = evaluate(s, &sheet);
    assert!(summary.complete);
    assert_eq!((summary.answered, summary.criteria_count), (31, 31));
    assert_eq!(summary.part_points(Part::A), 23);
    assert_eq!(summary.part_points(Part::B), 11);
    assert_eq!(summary.part_points(Part::C), 19);
    let groups: Vec<(u8, u16)> = summary
        .groups
        .iter()
        .map(|g| (g.group_no, g.points))
        .collect();
    assert_eq!(
        groups,
        [
            (1, 10),
            (2, 4),
            (3, 9),
            (4, 6),
            (5, 5),
            (6, 9),
            (7, 3),
            (8, 4),
            (9, 1),
            (10, 1),
            (11, 1)
        ]
    );
    assert_eq!(summary.total, 53);
    assert_eq!(summary.band_star, 3);
    assert_eq!(summary.rated_star, Some(3));
    assert_eq!(summary.outcome(), Outcome::Recognised(3));
    assert_eq!(summary.unmet_for(3).count(), 0);

    // The way to 4★: every 4★ minimum not yet met, at its cheapest option, then points.
    let plan = way_to_next_star(s, &sheet).expect("a plan");
    assert_eq!(
        (plan.target_star, plan.threshold, plan.points_gap),
        (4, 70, 17)
    );
    let minima: Vec<(&str, u16, u16)> = plan
        .unmet_minima
        .iter()
        .map(|u| {
            (
                u.criterion_key.as_str(),
                u.required_points,
                u.current_points,
            )
        })
        .collect();
    assert_eq!(
        minima,
        [
            ("1.5", 2, 1),
            ("2.1", 3, 1),
            ("2.3", 3, 1),
            ("3.4", 2, 1),
            ("3.5", 2, 1),
            ("4.1", 3, 2),
            ("5.1", 5, 3),
            ("6.2", 3, 2),
            ("9", 3, 1),
        ]
    );
    // Minima add 1+2+2+1+1+1+2+1+2 = 13 → 66; 4 short: the only single change worth
    // ≥ 4 is 5.3 from 1 to 5 points.
    let steps: Vec<(&str, Option<usize>, usize, i32, SuggestionReason)> = plan
        .suggestions
        .iter()
        .map(|x| {
            (
                x.criterion_key.as_str(),
                x.from_option,
                x.to_option,
                x.points_gain,
                x.reason,
            )
        })
        .collect();
    let four = SuggestionReason::StarMinimum(4);
    assert_eq!(
        steps,
        [
            ("1.5", Some(1), 2, 1, four),
            ("2.1", Some(1), 2, 2, four),
            ("2.3", Some(0), 2, 2, four),
            ("3.4", Some(0), 1, 1, four),
            ("3.5", Some(0), 1, 1, four),
            ("4.1", Some(1), 2, 1, four),
            ("5.1", Some(3), 4, 2, four),
            ("6.2", Some(2), 3, 1, four),
            ("9", Some(0), 1, 2, four),
            ("5.3", Some(1), 3, 4, SuggestionReason::Points),
        ]
    );
    let mut applied = sheet.clone();
    for step in &plan.suggestions {
        applied.answers.insert(
            step.criterion_key.clone(),
            Answer::Chosen {
                option: step.to_option,
            },
        );
    }
    let after = evaluate(s, &applied);
    assert_eq!((after.total, after.rated_star), (70, Some(4)));
}

#[test]
fn set_2_not_met_on_a_starred_criterion_and_eliminations() {
    let rules = rules();
    let s = set(&rules, 2);
    // No trademark application at all (3.5, 3★ minimum): 52 points, band 3, no star.
    let mut sheet = set2_example(s);
    not_met(&mut sheet, "3.5");
    let summary = evaluate(s, &sheet);
    assert_eq!(
        (summary.total, summary.band_star, summary.rated_star),
        (52, 3, None)
    );
    assert_eq!(summary.outcome(), Outcome::NotRecognised);
    let plan = way_to_next_star(s, &sheet).expect("a plan");
    assert_eq!(plan.target_star, 3);
    assert_eq!(plan.suggestions.len(), 1);
    assert_eq!(plan.suggestions[0].criterion_key, "3.5");
    assert_eq!(plan.suggestions[0].from_option, None);
    assert_eq!(plan.suggestions[0].to_option, 0);

    // Unacceptable impurities stop the evaluation: no rank, no plan.
    let mut sheet = set2_example(s);
    sheet
        .eliminations_hit
        .insert("unacceptable-impurities".to_owned());
    let summary = evaluate(s, &sheet);
    assert_eq!(summary.outcome(), Outcome::Eliminated);
    assert_eq!(summary.rated_star, None);
    assert_eq!(way_to_next_star(s, &sheet), None);

    // Half-filled sheet: only Part A answered.
    let full = set2_example(s);
    let mut half = ScoreSheet::default();
    for c in s.criteria.iter().filter(|c| c.part == Part::A) {
        if let Some(a) = full.answers.get(&c.key) {
            half.answers.insert(c.key.clone(), a.clone());
        }
    }
    let summary = evaluate(s, &half);
    assert!(!summary.complete);
    assert_eq!(summary.lowest_reachable, 23);
    assert_eq!(summary.highest_reachable, 23 + 25 + 35);
}

/// Set 6, young-rice flakes ("Cốm Hồng Quang"), a 4★ sheet.
fn set6_example(s: &ScoringSet) -> ScoreSheet {
    let mut sh = ScoreSheet::default();
    // Group 1: 3 + 1 + 2 + 2 + 2 + 2 + 1 = 13
    pick(
        s,
        &mut sh,
        "1.1",
        "Nguyên liệu có nguồn gốc trong tỉnh: 75% đến 100%",
        3,
    );
    pick(
        s,
        &mut sh,
        "1.2",
        "Chứng nhận theo tiêu chuẩn quốc gia (VietGAP, hữu cơ…)",
        1,
    );
    pick(s, &mut sh, "1.3", "Chế biến", 2);
    pick(s, &mut sh, "1.4", "Năng lực, quy mô sản xuất trung bình", 2);
    pick(
        s,
        &mut sh,
        "1.5",
        "Hợp đồng liên kết cho trên 75% sản lượng tiêu thụ",
        2,
    );
    pick(
        s,
        &mut sh,
        "1.6",
        "Hồ sơ môi trường và minh chứng công trình thu gom, xử lý chất thải",
        2,
    );
    pick(
        s,
        &mut sh,
        "1.7",
        "Có công nghệ bền vững (tiết kiệm nguyên, nhiên liệu; xử lý, tái chế chất thải; tái sử dụng phụ phẩm)",
        1,
    );
    // Group 2: 3 + 2 + 3 + 1 = 9
    pick(
        s,
        &mut sh,
        "2.1",
        "Đặc sản truyền thống chỉ sản xuất tại xã, bán kèm chỉ dẫn nguồn gốc địa lý; hoặc sản phẩm mới từ nguyên liệu đặc trưng, bán ổn định ít nhất 36 tháng",
        3,
    );
    pick(s, &mut sh, "2.2", "Đóng gói sáng tạo, bao bì đẹp", 2);
    pick(
        s,
        &mut sh,
        "2.3",
        "Nhãn đúng quy định, đẹp, có câu chuyện sản phẩm và mã truy xuất nguồn gốc điện tử",
        3,
    );
    pick(s, &mut sh, "2.4", "Có nhãn song ngữ", 1);
    // Group 3: 3 + 0 + 2 + 2 + 2 = 9          → Part A = 13 + 9 + 9 = 31
    pick(
        s,
        &mut sh,
        "3.1",
        "HTX hoạt động đúng luật, hoặc công ty cổ phần có vốn cộng đồng địa phương ≥51%",
        3,
    );
    pick(
        s,
        &mut sh,
        "3.2",
        "Người đại diện pháp luật không phải nữ, người dân tộc thiểu số hay người khuyết tật",
        0,
    );
    pick(
        s,
        &mut sh,
        "3.3",
        "Lao động là người trong xã: 50% đến 75%",
        2,
    );
    pick(
        s,
        &mut sh,
        "3.4",
        "HTX xếp loại khá trở lên, hoặc lợi nhuận tăng 02 năm liên tiếp (loại hình khác: lợi nhuận tăng 02 năm liên tiếp)",
        2,
    );
    pick(
        s,
        &mut sh,
        "3.5",
        "Nhãn hiệu trên bao bì đã được cấp văn bằng và có dấu hiệu nguồn gốc gắn với cộng đồng (CDĐL, nhãn hiệu tập thể/chứng nhận cần văn bản cho phép sử dụng)",
        2,
    );
    // Group 4: 3 + 2 + 3 = 8
    pick(
        s,
        &mut sh,
        "4.1",
        "Ngoài xã, từ 5 đại diện/đại lý phân phối trở lên",
        3,
    );
    pick(s, &mut sh, "4.2", "Có bộ phận/phòng quản lý phân phối", 2);
    pick(
        s,
        &mut sh,
        "4.3",
        "Trên 03 hoạt động, có website/mạng xã hội, dự xúc tiến thương mại, hội chợ ngoài tỉnh",
        3,
    );
    // Group 5: 5 + 2 + 3 = 10                 → Part B = 8 + 10 = 18
    pick(
        s,
        &mut sh,
        "5.1",
        "Câu chuyện trên tờ rơi, website và trong nội dung truy xuất nguồn gốc điện tử",
        5,
    );
    pick(
        s,
        &mut sh,
        "5.2",
        "Ngắn gọn, xúc tích, có văn phong kể chuyện",
        2,
    );
    pick(
        s,
        &mut sh,
        "5.3",
        "Mang sắc thái truyền thống, văn hóa địa phương và giá trị đặc trưng",
        3,
    );
    // Group 6: 3 + 2 + 2 + 2 + 2 = 11
    pick(s, &mut sh, "6.1", "Sạch, không phát hiện tạp chất", 3);
    pick(s, &mut sh, "6.2", "Tương đối đồng đều", 2);
    pick(s, &mut sh, "6.3", "Phù hợp với đặc tính sản phẩm", 2);
    pick(s, &mut sh, "6.4", "Mùi đặc trưng phù hợp của sản phẩm", 2);
    pick(s, &mut sh, "6.5", "Vị phù hợp đặc trưng sản phẩm", 2);
    // 7–11: 3 + 4 + 3 + 2 + 1 = 13            → Part C = 11 + 13 = 24
    pick(s, &mut sh, "7", "Độc đáo, mang tính đặc trưng", 3);
    pick(
        s,
        &mut sh,
        "8",
        "Công bố đúng quy định (bắt buộc áp dụng QCVN nếu có) và áp dụng tiêu chuẩn quốc gia",
        4,
    );
    pick(
        s,
        &mut sh,
        "9",
        "Cơ sở chế biến, đóng gói có chứng nhận quản lý chất lượng tiêu chuẩn quốc gia (ISO, HACCP…)",
        3,
    );
    pick(
        s,
        &mut sh,
        "10",
        "Hướng dẫn sử dụng chi tiết để bảo đảm chất lượng",
        2,
    );
    pick(
        s,
        &mut sh,
        "11",
        "Có thể xuất khẩu trong khu vực Đông Nam Á",
        1,
    );
    // Total = 31 + 18 + 24 = 73 → band 4★; every 3★ and 4★ minimum met.
    sh
}

#[test]
fn worked_example_set_6_com_hong_quang() {
    let rules = rules();
    let s = set(&rules, 6);
    let sheet = set6_example(s);
    let summary = evaluate(s, &sheet);
    assert!(summary.complete);
    assert_eq!(summary.part_points(Part::A), 31);
    assert_eq!(summary.part_points(Part::B), 18);
    assert_eq!(summary.part_points(Part::C), 24);
    assert_eq!(summary.total, 73);
    assert_eq!((summary.band_star, summary.rated_star), (4, Some(4)));
    assert_eq!(
        summary.unmet_for(3).count() + summary.unmet_for(4).count(),
        0
    );

    // Set 6 only: the 3★ minimum on 1.1 is "50% to under 75%" of in-province raw
    // material (domain brief §4.4). With under 50% the sheet scores 71, band 4, and
    // is not recognisable at all.
    let mut low_origin = sheet.clone();
    pick(
        s,
        &mut low_origin,
        "1.1",
        "Nguyên liệu có nguồn gốc trong tỉnh: dưới 50%",
        1,
    );
    let summary = evaluate(s, &low_origin);
    assert_eq!(
        (summary.total, summary.band_star, summary.rated_star),
        (71, 4, None)
    );
    let unmet: Vec<(u8, &str)> = summary
        .unmet_minima
        .iter()
        .map(|u| (u.star, u.criterion_key.as_str()))
        .collect();
    assert!(unmet.contains(&(3, "1.1")));
    let plan = way_to_next_star(s, &low_origin).expect("a plan");
    assert_eq!(plan.target_star, 3);
    assert_eq!(plan.suggestions.len(), 1);
    assert_eq!(plan.suggestions[0].criterion_key, "1.1");
    assert_eq!(plan.suggestions[0].to_option, 1);
}

/// Set 8, dried ("gác bếp") buffalo: 94 points, but 4.1 misses its 5★ minimum.
fn set8_example(s: &ScoringSet) -> ScoreSheet {
    let mut sh = ScoreSheet::default();
    // Group 1: 3 + 2 + 3 + 3 + 3 + 3 + 1 = 18
    pick(
        s,
        &mut sh,
        "1.1",
        "Nguyên liệu có nguồn gốc trong tỉnh: 75% đến 100%",
        3,
    );
    pick(
        s,
        &mut sh,
        "1.2",
        "Chứng nhận theo tiêu chuẩn quốc tế (ASC, BAP, GlobalGAP, MSC…)",
        2,
    );
    pick(
        s,
        &mut sh,
        "1.3",
        "Chế biến sâu từ vùng nguyên liệu địa phương (chất lượng cao theo nhu cầu thị trường)",
        3,
    );
    pick(s, &mut sh, "1.4", "Năng lực, quy mô sản xuất lớn", 3);
    pick(
        s,
        &mut sh,
        "1.5",
        "Liên kết trên 75% sản lượng, thực hiện ổn định từ 12 tháng trở lên tính đến khi đăng ký",
        3,
    );
    pick(
        s,
        &mut sh,
        "1.6",
        "Hồ sơ môi trường, công trình xử lý chất thải và minh chứng bao gói thân thiện môi trường",
        3,
    );
    pick(
        s,
        &mut sh,
        "1.7",
        "Có công nghệ bền vững (tiết kiệm nguyên, nhiên liệu; xử lý, tái chế chất thải; tái sử dụng phế phẩm)",
        1,
    );
    // Group 2: 3 + 3 + 3 + 1 = 10
    pick(
        s,
        &mut sh,
        "2.1",
        "Đặc sản truyền thống chỉ sản xuất tại xã, bán kèm chỉ dẫn nguồn gốc địa lý; hoặc sản phẩm mới từ nguyên liệu đặc trưng, bán ổn định ít nhất 36 tháng",
        3,
    );
    pick(
        s,
        &mut sh,
        "2.2",
        "Đóng gói sáng tạo, tiện lợi, bao bì đẹp, sang trọng",
        3,
    );
    pick(
        s,
        &mut sh,
        "2.3",
        "Nhãn đúng quy định, đẹp, có câu chuyện sản phẩm và mã truy xuất nguồn gốc điện tử",
        3,
    );
    pick(s, &mut sh, "2.4", "Có nhãn song ngữ", 1);
    // Group 3: 3 + 1 + 3 + 2 + 3 = 12         → Part A = 18 + 10 + 12 = 40
    pick(
        s,
        &mut sh,
        "3.1",
        "HTX hoạt động đúng luật, hoặc công ty cổ phần có vốn cộng đồng địa phương ≥51%",
        3,
    );
    pick(
        s,
        &mut sh,
        "3.2",
        "Người đại diện pháp luật là nữ, người dân tộc thiểu số hoặc người khuyết tật",
        1,
    );
    pick(
        s,
        &mut sh,
        "3.3",
        "Lao động là người trong xã: từ 75% trở lên",
        3,
    );
    pick(
        s,
        &mut sh,
        "3.4",
        "HTX xếp loại khá trở lên, hoặc lợi nhuận tăng 02 năm liên tiếp (loại hình khác: lợi nhuận tăng 02 năm liên tiếp)",
        2,
    );
    pick(
        s,
        &mut sh,
        "3.5",
        "Nhãn hiệu đã cấp văn bằng, có dấu hiệu nguồn gốc cộng đồng, và có bằng kiểu dáng, sáng chế, giải pháp hữu ích hoặc GCN quyền tác giả (trừ quyền tác giả cho nhãn hiệu)",
        3,
    );
    // Group 4: 3 + 3 + 5 = 11
    pick(
        s,
        &mut sh,
        "4.1",
        "Ngoài xã, từ 5 đại diện/đại lý phân phối trở lên",
        3,
    );
    pick(
        s,
        &mut sh,
        "4.2",
        "Có bộ phận phân phối, ứng dụng CNTT trong quản lý",
        3,
    );
    pick(
        s,
        &mut sh,
        "4.3",
        "Trên 03 hoạt động, website/mạng xã hội hoạt động thường xuyên, hội chợ ngoài tỉnh và quốc tế",
        5,
    );
    // Group 5: 5 + 2 + 5 = 12                 → Part B = 11 + 12 = 23
    pick(
        s,
        &mut sh,
        "5.1",
        "Câu chuyện trên tờ rơi, website và trong nội dung truy xuất nguồn gốc điện tử",
        5,
    );
    pick(
        s,
        &mut sh,
        "5.2",
        "Ngắn gọn, xúc tích, có văn phong kể chuyện",
        2,
    );
    pick(
        s,
        &mut sh,
        "5.3",
        "Mang sắc thái truyền thống, văn hóa, giá trị đặc trưng; truyền cảm, thuyết phục",
        5,
    );
    // Group 6: 2 + 3 + 3 + 3 + 4 = 15
    pick(s, &mut sh, "6.1", "Sạch, không phát hiện tạp chất", 2);
    pick(s, &mut sh, "6.2", "Đồng đều", 3);
    pick(s, &mut sh, "6.3", "Rất phù hợp với đặc tính sản phẩm", 3);
    pick(s, &mut sh, "6.4", "Mùi đặc trưng, hấp dẫn", 3);
    pick(s, &mut sh, "6.5", "Vị đặc trưng, hấp dẫn", 4);
    // 7–11: 5 + 4 + 3 + 2 + 2 = 16            → Part C = 15 + 16 = 31
    pick(s, &mut sh, "7", "Rất độc đáo, có tính đặc trưng", 5);
    pick(
        s,
        &mut sh,
        "8",
        "Công bố đúng quy định (bắt buộc áp dụng QCVN nếu có) và áp dụng tiêu chuẩn quốc gia",
        4,
    );
    pick(
        s,
        &mut sh,
        "9",
        "Cơ sở chế biến, đóng gói có chứng nhận quản lý chất lượng tiêu chuẩn quốc gia (ISO, HACCP…)",
        3,
    );
    pick(
        s,
        &mut sh,
        "10",
        "Hướng dẫn sử dụng chi tiết để bảo đảm chất lượng",
        2,
    );
    pick(s, &mut sh, "11", "Có thể xuất khẩu ra ngoài Đông Nam Á", 2);
    // Total = 40 + 23 + 31 = 94 → band 5★, but 4.1 needs the 5-point option for 5★.
    sh
}

#[test]
fn worked_example_set_8_dried_buffalo() {
    let rules = rules();
    let s = set(&rules, 8);
    let sheet = set8_example(s);
    let summary = evaluate(s, &sheet);
    assert!(summary.complete);
    assert_eq!(summary.part_points(Part::A), 40);
    assert_eq!(summary.part_points(Part::B), 23);
    assert_eq!(summary.part_points(Part::C), 31);
    assert_eq!(summary.total, 94);
    assert_eq!(summary.band_star, 5);
    assert_eq!(
        summary.rated_star,
        Some(4),
        "capped by the 5★ minimum on 4.1"
    );
    let unmet: Vec<(u8, &str, u16, u16)> = summary
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
    assert_eq!(unmet, [(5, "4.1", 5, 3)]);

    let plan = way_to_next_star(s, &sheet).expect("a plan");
    assert_eq!((plan.target_star, plan.points_gap), (5, 0));
    assert_eq!(plan.suggestions.len(), 1);
    let step = &plan.suggestions[0];
    assert_eq!(
        (
            step.criterion_key.as_str(),
            step.from_option,
            step.to_option,
            step.points_gain
        ),
        ("4.1", Some(2), 3, 2)
    );
    assert_eq!(step.reason, SuggestionReason::StarMinimum(5));
}

// ------------------------------------------------------------------ migration

/// Every answer of `before` is either an answer of `after` or a stale answer.
fn assert_nothing_lost(before: &ScoreSheet, after: &ScoreSheet) {
    // Stale entries already in `before` are carried over first.
    assert!(after.stale_answers.starts_with(&before.stale_answers));
    let stale_answers = after.stale_answers[before.stale_answers.len()..]
        .iter()
        .filter(|a| a.answer.is_some())
        .count();
    assert_eq!(
        after.answers.len() + stale_answers,
        before.answers.len(),
        "answers kept + stale = answers before"
    );
    assert_eq!(
        after.eliminations_hit.len() + after.stale_eliminations.len(),
        before.eliminations_hit.len() + before.stale_eliminations.len()
    );
}

fn label_of(s: &ScoringSet, sheet: &ScoreSheet, key: &str) -> Option<String> {
    match sheet.answers.get(key)? {
        Answer::Chosen { option } => s
            .criterion(key)
            .and_then(|c| c.option(*option))
            .map(|o| o.label_vi.clone()),
        Answer::NotMet => Some("NotMet".to_owned()),
    }
}

#[test]
fn migrate_set_2_fresh_to_set_8_dried_buffalo() {
    let rules = rules();
    let (s2, s8) = (set(&rules, 2), set(&rules, 8));
    let mut before = set2_example(s2);
    before
        .notes
        .insert("1.2".to_owned(), "máy xẻ thịt".to_owned());
    before
        .eliminations_hit
        .insert("unacceptable-impurities".to_owned());
    before
        .eliminations_hit
        .insert("common-key-product".to_owned());
    let after = migrate_sheet(s2, s8, &before);
    assert_nothing_lost(&before, &after);

    // Same criterion, same label: kept and not flagged.
    assert_eq!(
        label_of(s8, &after, "2.2").as_deref(),
        Some("Đóng gói sáng tạo, bao bì đẹp")
    );
    assert!(!after.needs_review.contains("2.2"));
    assert_eq!(label_of(s8, &after, "2.4").as_deref(), Some("NotMet"));
    // 1.1: "product origin" (set 2) is not "raw-material source" (set 8): stale.
    let stale_1_1 = after
        .stale_answers
        .iter()
        .find(|a| a.criterion_key == "1.1")
        .expect("1.1 is stale");
    assert_eq!(stale_1_1.from_set, 2);
    assert_eq!(stale_1_1.criterion_name_vi, "Nguồn gốc sản phẩm");
    assert_eq!(
        stale_1_1.option_label_vi.as_deref(),
        Some("Nuôi, đánh bắt tại xã: 75% đến 100%")
    );
    assert_eq!(stale_1_1.points, 3);
    assert!(!after.answers.contains_key("1.1"));
    // Value added is 1.2 in set 2 and 1.3 in set 8: found by name, kept by points
    // ("Chế biến", 2), flagged, with its note.
    assert_eq!(label_of(s8, &after, "1.3").as_deref(), Some("Chế biến"));
    assert!(after.needs_review.contains("1.3"));
    assert_eq!(
        after.notes.get("1.3").map(String::as_str),
        Some("máy xẻ thịt")
    );
    // Certified area is 1.3 in set 2 and 1.2 in set 8: found by its option label.
    assert_eq!(
        label_of(s8, &after, "1.2").as_deref(),
        Some("Chứng nhận theo tiêu chuẩn quốc gia (VietGAP, hữu cơ…)")
    );
    assert!(after.needs_review.contains("1.2"));
    // Impurities: same label, but worth 1 instead of 2 in set 8: flagged.
    assert_eq!(
        label_of(s8, &after, "6.1").as_deref(),
        Some("Rất ít tạp chất, chấp nhận được")
    );
    assert!(after.needs_review.contains("6.1"));
    // 6.5 (taste) is new in set 8: unanswered.
    assert!(!after.answers.contains_key("6.5"));
    // Eliminations: impurities exist in set 8; the "common key product" rule does not.
    assert!(after.eliminations_hit.contains("unacceptable-impurities"));
    assert_eq!(after.stale_eliminations.len(), 1);
    assert_eq!(after.stale_eliminations[0].key, "common-key-product");

    // And back: nothing lost either way.
    let back = migrate_sheet(s8, s2, &after);
    assert_nothing_lost(&after, &back);
    assert_eq!(
        label_of(s2, &back, "1.2").as_deref(),
        Some("Dùng máy móc để sơ chế, giết mổ, đóng gói")
    );
}

#[test]
fn migrate_set_2_to_set_6_and_within_set_6() {
    let rules = rules();
    let (s2, s6) = (set(&rules, 2), set(&rules, 6));
    let before = set2_example(s2);
    let after = migrate_sheet(s2, s6, &before);
    assert_nothing_lost(&before, &after);
    assert!(after.stale_answers.iter().any(|a| a.criterion_key == "1.1"));
    assert_eq!(
        label_of(s6, &after, "3.5").as_deref(),
        Some("Đơn đăng ký nhãn hiệu đã được chấp nhận hoặc công bố (qua thẩm định hình thức)")
    );
    // Whatever moved, every answer kept in set 6 points at a real option.
    let summary = evaluate(s6, &after);
    assert!(summary.invalid_answers.is_empty());

    let own = set6_example(s6);
    assert_eq!(migrate_sheet(s6, s6, &own), own);
}

#[test]
fn score_sheet_ron_round_trip() {
    let rules = rules();
    let s2 = set(&rules, 2);
    let mut sheet = migrate_sheet(s2, set(&rules, 8), &set2_example(s2));
    sheet
        .notes
        .insert("2.2".to_owned(), "Bao bì \"mới\"".to_owned());
    let text =
        ron::ser::to_string_pretty(&sheet, ron::ser::PrettyConfig::default()).expect("serialise");
    let back: ScoreSheet = ron::from_str(&text).expect("deserialise");
    assert_eq!(back, sheet);
    // Fields may be missing in older files.
    let empty: ScoreSheet = ron::from_str("()").expect("empty sheet");
    assert_eq!(empty, ScoreSheet::default());
}

#[test]
fn every_criterion_group_has_an_english_name() {
    let rules = rules();
    for set in &rules.sets {
        for criterion in &set.criteria {
            assert!(
                !criterion.group_name_en.trim().is_empty(),
                "set {} criterion {}: group {:?} has no English name",
                set.number,
                criterion.code,
                criterion.group_name_vi
            );
            assert_ne!(
                criterion.group_name_en, criterion.group_name_vi,
                "set {} criterion {}",
                set.number, criterion.code
            );
        }
    }
}

#[test]
fn every_criterion_note_reads_in_vietnamese() {
    let rules = rules();
    for set in &rules.sets {
        for criterion in set.criteria.iter().filter(|c| !c.note.is_empty()) {
            assert!(
                ocop_tracker::ui::text::criterion_note_vi(&criterion.note).is_some(),
                "set {} criterion {}: no Vietnamese for the note {:?} (add it to ui::text::criterion_note_vi)",
                set.number,
                criterion.code,
                criterion.note
            );
        }
    }
}

/// Every criterion a dossier document claims to back exists in the rule set of its
/// template's rule version (matched the way `backing_items` matches): a typo in the data
/// would otherwise silently link the document to nothing.
#[test]
fn every_backed_criterion_exists() {
    let catalog = ocop_tracker::storage::assets::builtin_catalog().expect("assets");
    let mut checked = 0;
    for template in &catalog.dossier_templates {
        let Some(rules) = catalog.rule_set(&template.rule_version) else {
            continue;
        };
        for item in &template.items {
            for backed in &item.backs_criteria {
                let wanted = ocop_tracker::domain::search::fold(backed);
                let found = rules.sets.iter().any(|set| {
                    set.criteria
                        .iter()
                        .any(|c| ocop_tracker::domain::search::fold(&c.name_vi).contains(&wanted))
                });
                assert!(
                    found,
                    "{}: backs “{backed}”, which no criterion is called",
                    item.key
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 5, "checked {checked} links");
}

/// A typo in rule data a domain person edits (`has_valdity`) is an error, not ignored.
#[test]
fn unknown_fields_in_rule_data_are_errors() {
    use ocop_tracker::domain::dossier::DossierTemplate;
    let catalog = ocop_tracker::storage::assets::builtin_catalog().expect("assets");
    let template = catalog.dossier_templates.first().expect("a template");
    let text = ron::to_string(template).expect("serialise");
    assert!(
        ron::from_str::<DossierTemplate>(&text).is_ok(),
        "round trip"
    );
    let typo = text.replacen("backs_criteria:", "has_valdity:true,backs_criteria:", 1);
    assert_ne!(typo, text);
    let err = ron::from_str::<DossierTemplate>(&typo).expect_err("typo refused");
    assert!(err.to_string().contains("has_valdity"), "{err}");
}

/// Form 01's "Ngành, Nhóm" comes from the sheet heading: every set of 26/2026 names its
/// sector, and every set outside the ornamental and tourism ones its group.
#[test]
fn every_set_names_its_sector_and_group() {
    let rules = rules();
    for s in &rules.sets {
        let (sector, group) = s
            .sector_and_group()
            .unwrap_or_else(|| panic!("set {} heading names no sector", s.number));
        assert!(!sector.is_empty(), "set {}", s.number);
        assert!(
            !sector.contains("Nhóm") && !sector.ends_with(['.', ',']),
            "set {}: {sector}",
            s.number
        );
        assert_eq!(
            group.is_empty(),
            (23..=26).contains(&s.number),
            "set {}",
            s.number
        );
    }
    assert_eq!(
        set(&rules, 6).sector_and_group(),
        Some(("Thực phẩm", "Thực phẩm chế biến"))
    );
    assert_eq!(
        set(&rules, 21).sector_and_group(),
        Some(("Thủ công mỹ nghệ", "Thủ công mỹ nghệ gia dụng, trang trí"))
    );
    assert_eq!(
        set(&rules, 24).sector_and_group(),
        Some(("Sinh vật cảnh", ""))
    );
}

#[test]
fn every_dossier_document_names_criteria_that_exist_and_its_hint_says_which() {
    use ocop_tracker::domain::dossier::{DossierTemplate, criteria_backed_by};
    use ocop_tracker::text::{Lang, document_hint};
    let path = manifest_path("assets/dossier/26-2026.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let template: DossierTemplate = ron::from_str(&text).unwrap();
    let rules = rules();
    // Each criterion name in the data matches a criterion in at least one of the 26 sets
    // (a typo would silently drop the document from "Cách đạt" and from its hint).
    for item in template
        .items
        .iter()
        .filter(|i| !i.backs_criteria.is_empty())
    {
        let matched = (1..=26).any(|n| !criteria_backed_by(item, set(&rules, n)).is_empty());
        assert!(
            matched,
            "{}: {:?} matches no criterion",
            item.key, item.backs_criteria
        );
    }
    // The hint of the trademark papers on the processed-rice sheet (Cốm, set 6).
    let ip = template
        .items
        .iter()
        .find(|i| i.key == "ip-documents")
        .unwrap();
    let backed = criteria_backed_by(ip, set(&rules, 6));
    let criterion = backed.first().expect("set 6 has the IP criterion");
    let vi = document_hint(ip, Some(set(&rules, 6)), Lang::Vi);
    assert!(vi.contains("Chủ thể"), "{vi}");
    assert!(vi.contains("Không bắt buộc"), "{vi}");
    assert!(
        vi.contains("[suy luận"),
        "the inferred mark stays visible: {vi}"
    );
    assert!(
        vi.contains(&format!(
            "Minh chứng cho tiêu chí: {} {}",
            criterion.code, criterion.name_vi
        )),
        "{vi}"
    );
    let en = document_hint(ip, Some(set(&rules, 6)), Lang::En);
    assert!(
        en.contains(&format!(
            "Evidence for criteria: {} {}",
            criterion.code, criterion.name_en
        )),
        "{en}"
    );
    assert!(en.contains("The producer"), "{en}");
}
