//! OCOP scoring criteria as versioned data: the 26 scoring sheets ("bộ tiêu chí
//! kiêm phiếu đánh giá") of one legal basis, with their options, points, star
//! minima and eliminating conditions.
//!
//! The data itself lives in `assets/criteria/` (one RON file per rule version,
//! generated from the TSVs by `tools/criteria_tsv_to_ron.py`); this module only
//! defines its shape and a few lookups. Scoring lives in
//! [`crate::domain::scoring`].
//!
//! Must not depend on egui, ron, `std::fs` or any other I/O: only serde derives
//! and std. Loading the RON file is the storage layer's job.

use serde::{Deserialize, Serialize};

/// The scoring sets' numbers (Appendix II of Decision 26/2026: 26 sets). The one home of
/// this range: commands, the import, `check` and the set picker use it.
pub const SETS: std::ops::RangeInclusive<u8> = 1..=26;

/// A product's `scoring_set` while none is chosen: a product imported from a list that
/// gives only its product group, its set proposed but left open by the officer. Such a
/// product is a task ("chưa chọn bộ tiêu chí") on the dashboard and in the portfolio; it
/// has no scoring sheet until a set is chosen in the product.
pub const NO_SET: u8 = 0;

/// The set of a product's `scoring_set` field, `None` while not chosen ([`NO_SET`]).
pub fn chosen_set(scoring_set: u8) -> Option<u8> {
    SETS.contains(&scoring_set).then_some(scoring_set)
}

/// The three parts of every scoring sheet.
///
/// Decision 26/2026, Art. 3: Part A 40 points, Part B 25, Part C 35 (total 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Part {
    /// Product and community strength (Sản phẩm và sức mạnh cộng đồng), 40 points.
    A,
    /// Marketing capability (Khả năng tiếp thị), 25 points.
    B,
    /// Product quality (Chất lượng sản phẩm), 35 points.
    C,
}

impl Part {
    /// All parts in sheet order.
    pub const ALL: [Part; 3] = [Part::A, Part::B, Part::C];

    /// The part's maximum as set by the decision (Decision 26/2026, Art. 3).
    pub fn legal_max(self) -> u16 {
        match self {
            Part::A => 40,
            Part::B => 25,
            Part::C => 35,
        }
    }

    /// Vietnamese part name as printed on the sheets.
    pub fn name_vi(self) -> &'static str {
        match self {
            Part::A => "Sản phẩm và sức mạnh cộng đồng",
            Part::B => "Khả năng tiếp thị",
            Part::C => "Chất lượng sản phẩm",
        }
    }
}

/// All scoring sheets of one legal basis (e.g. Decision 26/2026/QĐ-TTg, Appendix II).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// Legal basis, e.g. "26/2026/QĐ-TTg".
    pub rule_version: String,
    /// Title of the appendix as printed.
    pub title_vi: String,
    /// Where the data comes from and how far it has been verified.
    #[serde(default)]
    pub source_note: String,
    /// The scoring sets, numbered 1..=26 under 26/2026.
    pub sets: Vec<ScoringSet>,
}

impl RuleSet {
    /// The scoring set with this number, if any.
    pub fn set(&self, number: u8) -> Option<&ScoringSet> {
        self.sets.iter().find(|s| s.number == number)
    }
}

/// One scoring sheet ("bộ sản phẩm"), e.g. set 2, fresh meat, aquatic products, eggs and milk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringSet {
    /// Set number as printed (1–26 under 26/2026).
    pub number: u8,
    /// Vietnamese name (Appendix I).
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Product group I–VI (Appendix I).
    pub product_group: String,
    /// The heading exactly as printed above the sheet.
    #[serde(default)]
    pub sheet_heading_vi: String,
    /// Sheet-header eliminating conditions ("Hồ sơ bị loại khi: …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eliminations: Vec<Elimination>,
    /// The criteria in sheet order.
    pub criteria: Vec<Criterion>,
}

impl ScoringSet {
    /// The sector ("Sản phẩm", e.g. "Thực phẩm") and group ("Nhóm", e.g. "Thực phẩm chế
    /// biến") of Appendix I, as the printed sheet heading names them in its last
    /// parentheses: "(Sản phẩm: Thực phẩm. Nhóm: Thực phẩm chế biến)". The group is empty
    /// where Appendix I has none (the ornamental and tourism sets). `None` when the heading
    /// does not say (older rule versions).
    pub fn sector_and_group(&self) -> Option<(&str, &str)> {
        const SECTOR: &str = "(Sản phẩm:";
        let start = self.sheet_heading_vi.rfind(SECTOR)? + SECTOR.len();
        let inner = self.sheet_heading_vi.get(start..)?;
        let inner = inner.get(..inner.rfind(')')?)?;
        Some(match inner.split_once("Nhóm:") {
            Some((sector, group)) => (
                sector.trim().trim_end_matches(['.', ',']).trim(),
                group.trim(),
            ),
            None => (inner.trim(), ""),
        })
    }

    /// The criterion with this key, if any.
    pub fn criterion(&self, key: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.key == key)
    }

    /// Sum of the criterion maxima of one part (40 / 25 / 35 in every 26/2026 set).
    pub fn part_max(&self, part: Part) -> u16 {
        self.criteria
            .iter()
            .filter(|c| c.part == part)
            .map(|c| c.max_points)
            .sum()
    }

    /// Sum of all criterion maxima (100 in every 26/2026 set).
    pub fn total_max(&self) -> u16 {
        self.criteria.iter().map(|c| c.max_points).sum()
    }

    /// Every eliminating condition of the set: the sheet-header ones first, then
    /// those attached to criteria, in sheet order.
    pub fn all_eliminations(&self) -> impl Iterator<Item = &Elimination> {
        self.eliminations
            .iter()
            .chain(self.criteria.iter().flat_map(|c| c.eliminations.iter()))
    }

    /// The eliminating condition with this key, wherever it is attached.
    pub fn elimination(&self, key: &str) -> Option<&Elimination> {
        self.all_eliminations().find(|e| e.key == key)
    }
}

/// One scored criterion of a sheet, e.g. "2.2 Đóng gói, bao bì" (3 points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Identifier unique within the set; the printed code.
    pub key: String,
    /// Code as printed: "1.1", "7", "6.1.1". Codes are per set: never match
    /// criteria across sets by code alone (Part C numbering differs).
    pub code: String,
    /// Part A, B or C.
    pub part: Part,
    /// Criterion group number as printed (1 Tổ chức sản xuất, 2 Phát triển sản phẩm, …).
    pub group_no: u8,
    /// Criterion group name as printed.
    pub group_name_vi: String,
    /// English name of the criterion group (from the generator's table).
    #[serde(default)]
    pub group_name_en: String,
    /// Short Vietnamese name.
    pub name_vi: String,
    /// Short English name.
    pub name_en: String,
    /// The criterion maximum as printed.
    pub max_points: u16,
    /// The options in sheet order (normally ascending points).
    pub options: Vec<CriterionOption>,
    /// Eliminating or stop rules attached to this criterion ("Ghi chú: Bị loại nếu …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eliminations: Vec<Elimination>,
    /// Requirements from the sheet, and any uncertainty about the data.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Criterion {
    /// The option at this index, if any.
    pub fn option(&self, index: usize) -> Option<&CriterionOption> {
        self.options.get(index)
    }

    /// Index of the option with exactly this Vietnamese label, if any.
    pub fn option_index_by_label(&self, label_vi: &str) -> Option<usize> {
        self.options.iter().position(|o| o.label_vi == label_vi)
    }

    /// Highest option points (equals `max_points` in every 26/2026 set).
    pub fn max_option_points(&self) -> u16 {
        self.options.iter().map(|o| o.points).max().unwrap_or(0)
    }

    /// Whether the options are split into alternative cases (set 26, items 8, 9, 15).
    pub fn has_cases(&self) -> bool {
        self.options.iter().any(|o| o.case_no.is_some())
    }
}

/// One option ("□" line) of a criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionOption {
    /// Short Vietnamese paraphrase of the option (not the legal wording).
    pub label_vi: String,
    /// English paraphrase.
    pub label_en: String,
    /// Points as printed (corrections are flagged in `note`).
    pub points: u16,
    /// 3, 4 or 5 when the option carries ***, **** or *****: the minimum option for
    /// that star rank on this criterion (legend under each sheet: "dấu sao là yêu cầu
    /// tối thiểu phải đạt theo các cấp độ sao").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub star_min: Option<u8>,
    /// Set 26, items 8, 9 and 15: "Lựa chọn một trong hai trường hợp sau" (choose one
    /// of two cases). `Some(1)` or `Some(2)`; score within one case only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_no: Option<u8>,
    /// What is specific to this option (the criterion note is not repeated).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A condition that eliminates a dossier or stops its evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Elimination {
    /// Stable identifier, unique within the set; the same ground has the same key
    /// in every set (e.g. "forged-dossier", "unacceptable-impurities").
    pub key: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// What the text says happens.
    pub kind: EliminationKind,
    /// Where it is printed, and any uncertainty about the wording.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// What an eliminating condition does, in the text's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EliminationKind {
    /// "Bị loại": the dossier is eliminated.
    Eliminated,
    /// "Không đánh giá các bước tiếp theo": evaluation stops here.
    EvaluationStops,
    /// "Không đánh giá": the product is not evaluated at all.
    NotEvaluated,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(points: u16, star_min: Option<u8>) -> CriterionOption {
        CriterionOption {
            label_vi: format!("{points} điểm"),
            label_en: format!("{points} points"),
            points,
            star_min,
            case_no: None,
            note: String::new(),
        }
    }

    fn criterion(key: &str, part: Part, points: &[u16]) -> Criterion {
        Criterion {
            key: key.to_owned(),
            code: key.to_owned(),
            part,
            group_no: 1,
            group_name_vi: String::new(),
            group_name_en: String::new(),
            name_vi: key.to_owned(),
            name_en: key.to_owned(),
            max_points: points.iter().copied().max().unwrap_or(0),
            options: points.iter().map(|&p| option(p, None)).collect(),
            eliminations: vec![],
            note: String::new(),
        }
    }

    fn sample_set() -> ScoringSet {
        let mut with_elim = criterion("6.1", Part::C, &[0, 1, 3]);
        with_elim.eliminations.push(Elimination {
            key: "unacceptable-impurities".to_owned(),
            label_vi: "Tạp chất".to_owned(),
            label_en: "Impurities".to_owned(),
            kind: EliminationKind::EvaluationStops,
            note: String::new(),
        });
        ScoringSet {
            number: 6,
            name_vi: "Chế biến từ gạo, ngũ cốc".to_owned(),
            name_en: "Processed from rice and cereals".to_owned(),
            product_group: "I".to_owned(),
            sheet_heading_vi: String::new(),
            eliminations: vec![Elimination {
                key: "forged-dossier".to_owned(),
                label_vi: "Giả mạo hồ sơ".to_owned(),
                label_en: "Forged dossier".to_owned(),
                kind: EliminationKind::Eliminated,
                note: String::new(),
            }],
            criteria: vec![
                criterion("1.1", Part::A, &[1, 2, 3]),
                criterion("4.1", Part::B, &[1, 2, 3, 5]),
                with_elim,
            ],
        }
    }

    #[test]
    fn lookups() {
        let set = sample_set();
        let rules = RuleSet {
            rule_version: "26/2026/QĐ-TTg".to_owned(),
            title_vi: String::new(),
            source_note: String::new(),
            sets: vec![set.clone()],
        };
        assert_eq!(rules.set(6).map(|s| s.number), Some(6));
        assert!(rules.set(2).is_none());
        assert_eq!(set.criterion("4.1").map(|c| c.max_points), Some(5));
        assert!(set.criterion("9.9").is_none());
        assert_eq!(set.part_max(Part::A), 3);
        assert_eq!(set.part_max(Part::B), 5);
        assert_eq!(set.part_max(Part::C), 3);
        assert_eq!(set.total_max(), 11);
        let keys: Vec<&str> = set.all_eliminations().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["forged-dossier", "unacceptable-impurities"]);
        assert_eq!(
            set.elimination("unacceptable-impurities").map(|e| e.kind),
            Some(EliminationKind::EvaluationStops)
        );
        let c = set.criterion("4.1").expect("4.1");
        assert_eq!(c.option_index_by_label("5 điểm"), Some(3));
        assert_eq!(c.max_option_points(), 5);
        assert!(!c.has_cases());
    }

    #[test]
    fn legal_part_maxima_sum_to_100() {
        let total: u16 = Part::ALL.iter().map(|p| p.legal_max()).sum();
        assert_eq!(total, 100);
    }
}
