//! Lists laid out as provinces publish them: the header found under title rows and read
//! through merged cells, columns matched by their words, sets proposed.

#![allow(
    clippy::unwrap_used,
    reason = "test code: a panic is the failure message"
)]
use super::tests::{date, n, stage_of, t};
use super::*;
use crate::domain::stage::Stage;

/// A list as provinces publish it: title rows, a two-row header with merged cells, a
/// numbers row, a section heading, products without a set, a totals row and signatures.
fn province_sheet(merged: bool) -> Sheet {
    let e = || Cell::Empty;
    let rows = vec![
        vec![t("ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG")],
        vec![t("DANH SÁCH SẢN PHẨM ĐẠT CHUẨN OCOP NĂM 2025")],
        vec![t("(Kèm theo Quyết định số 1845/QĐ-UBND ngày 20/12/2025)")],
        vec![],
        vec![
            t("STT"),
            t("Tên sản phẩm"),
            t("Chủ thể sản xuất"),
            t("Địa chỉ"),
            t("Nhóm sản phẩm"),
            t("Số điểm"),
            t("Phân hạng"),
            t("Quyết định công nhận"),
            e(),
        ],
        vec![e(), e(), e(), e(), e(), e(), e(), t("Số"), t("Ngày")],
        vec![
            n(1.0),
            n(2.0),
            n(3.0),
            n(4.0),
            n(5.0),
            n(6.0),
            n(7.0),
            n(8.0),
            n(9.0),
        ],
        vec![t("I"), t("Huyện Lâm Bình")],
        vec![
            n(1.0),
            t("Thịt trâu gác bếp Bình An"),
            t("HTX Bình An"),
            t("Thôn Nà Khà, xã Bình An, huyện Lâm Bình"),
            t("Thực phẩm chế biến"),
            n(78.5),
            t("4 sao"),
            t("1845/QĐ-UBND"),
            t("20/12/2025"),
        ],
        vec![
            n(2.0),
            t("Rượu ngô Hồng Quang"),
            t("HTX Hồng Quang"),
            t("Xã Hồng Quang, huyện Lâm Bình"),
            t("Đồ uống"),
            t("72,5"),
            t("3★"),
            t("1845/QĐ-UBND"),
            t("năm 2025"),
        ],
        vec![
            n(3.0),
            t("Cốm Hồng Quang"),
            e(),
            t("Xã Hồng Quang"),
            t("Thực phẩm chế biến"),
            e(),
            e(),
            e(),
            e(),
        ],
        vec![e(), t("Tổng số: 03 sản phẩm")],
        vec![],
        vec![
            e(),
            t("Người lập biểu"),
            e(),
            e(),
            e(),
            e(),
            t("KT. CHỦ TỊCH"),
        ],
        vec![e(), t("Nguyễn Văn An")],
    ];
    let mut s = Sheet::from_rows(rows);
    s.name = "Lâm Bình".into();
    if merged {
        // Every heading but the decision's merged over both rows; the decision's over
        // its two columns; the title rows across the table.
        let m = |first_row, last_row, first_col, last_col| Merge {
            first_row,
            last_row,
            first_col,
            last_col,
        };
        s.merges = (0..7).map(|c| m(4, 5, c, c)).collect();
        s.merges.push(m(4, 4, 7, 8));
        s.merges
            .extend([m(0, 0, 0, 8), m(1, 1, 0, 8), m(2, 2, 0, 8), m(7, 7, 1, 8)]);
    }
    s
}

#[test]
fn a_province_list_reads_with_and_without_merge_information() {
    for merged in [true, false] {
        let s = province_sheet(merged);
        let layout = find_layout(&s).unwrap();
        assert_eq!(
            (layout.header_at, layout.header_rows),
            (4, 2),
            "merged {merged}"
        );
        assert!(layout.numbers_row);
        assert_eq!(
            layout.headings.get(7).map(String::as_str),
            Some("Quyết định công nhận – Số")
        );
        assert_eq!(
            layout.headings.get(8).map(String::as_str),
            Some("Quyết định công nhận – Ngày")
        );
        let g = guess(&layout.headings);
        use ImportField as F;
        for (field, col, confidence) in [
            (F::Name, 1, Confidence::Exact),
            (F::Producer, 2, Confidence::Exact),
            (F::Address, 3, Confidence::Exact),
            (F::Group, 4, Confidence::Exact),
            (F::Score, 5, Confidence::Exact),
            (F::Star, 6, Confidence::Exact),
            (F::CertificateNumber, 7, Confidence::Exact),
            (F::IssuedOn, 8, Confidence::Exact),
        ] {
            assert_eq!(g.mapping.get(&field), Some(&col), "{field:?}");
            assert_eq!(g.confidence.get(&field), Some(&confidence), "{field:?}");
        }
        let sets = vec![
            SetInfo {
                number: 8,
                name_vi: "Chế biến từ thịt…".into(),
                group_vi: "Thực phẩm chế biến".into(),
                sector_vi: "Thực phẩm".into(),
            },
            SetInfo {
                number: 6,
                name_vi: "Chế biến từ gạo, ngũ cốc".into(),
                group_vi: "Thực phẩm chế biến".into(),
                sector_vi: "Thực phẩm".into(),
            },
            SetInfo {
                number: 14,
                name_vi: "Rượu trắng".into(),
                group_vi: "Đồ uống có cồn".into(),
                sector_vi: "Đồ uống".into(),
            },
            SetInfo {
                number: 17,
                name_vi: "Đồ uống không cồn khác".into(),
                group_vi: "Đồ uống không cồn".into(),
                sector_vi: "Đồ uống".into(),
            },
        ];
        let input = PreviewInput {
            sheet_index: 0,
            sheet: &s,
            layout: &layout,
            mapping: &g.mapping,
        };
        let p = preview(
            &[input],
            &PreviewContext {
                known: &KnownProducts::default(),
                stage_of: &stage_of,
                sets: &sets,
            },
        );
        assert!(p.bad.is_empty(), "{:?}", p.bad);
        let names: Vec<&str> = p.good.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Thịt trâu gác bếp Bình An",
                "Rượu ngô Hồng Quang",
                "Cốm Hồng Quang"
            ]
        );
        let skipped: Vec<(u32, SkipReason)> = p.skipped.iter().map(|(a, r)| (a.row, *r)).collect();
        assert_eq!(
            skipped,
            vec![
                (8, SkipReason::Heading),
                (12, SkipReason::Totals),
                (14, SkipReason::AfterTable),
                (15, SkipReason::AfterTable)
            ]
        );
        let [meat, spirit, com] = p.good.as_slice() else {
            panic!("three rows")
        };
        assert_eq!(meat.commune, "Bình An");
        assert_eq!(meat.score, Some(78.5));
        assert_eq!(
            meat.certificate
                .as_ref()
                .map(|c| (c.star, c.number.as_str(), c.issued_on)),
            Some((4, "1845/QĐ-UBND", date(2025, 12, 20)))
        );
        assert_eq!(meat.proposal.as_ref().map(|p| p.set), Some(8));
        assert_eq!(spirit.score, Some(72.5));
        assert_eq!(spirit.approximate_issue_date.as_deref(), Some("năm 2025"));
        assert_eq!(
            spirit.certificate.as_ref().map(|c| c.issued_on),
            Some(date(2025, 1, 1))
        );
        assert_eq!(spirit.proposal.as_ref().map(|p| p.set), Some(14));
        assert_eq!(com.commune, "Hồng Quang");
        assert_eq!(com.stage, Stage::Preparing);
        assert_eq!(
            com.proposal,
            Some(Proposal {
                set: 6,
                reason: ProposalReason::GroupAndWord {
                    group: "Thực phẩm chế biến".into(),
                    word: "Cốm".into()
                }
            })
        );
        assert_eq!(p.warnings.len(), 1);
    }
}

#[test]
fn headings_match_by_their_words_with_a_confidence() {
    use ImportField as F;
    let check = |headings: &[&str], expected: &[(F, usize, Confidence)]| {
        let headings: Vec<String> = headings.iter().map(|h| (*h).to_owned()).collect();
        let g = guess(&headings);
        let got: Vec<(F, usize, Confidence)> = g
            .mapping
            .iter()
            .map(|(f, c)| (*f, *c, *g.confidence.get(f).unwrap()))
            .collect();
        assert_eq!(got, expected, "{headings:?}");
    };
    check(
        &["Tên chủ thể OCOP", "Tên sản phẩm OCOP", "Số QĐ", "Ngày QĐ"],
        &[
            (F::Name, 1, Confidence::Exact),
            (F::Producer, 0, Confidence::Exact),
            (F::CertificateNumber, 2, Confidence::Exact),
            (F::IssuedOn, 3, Confidence::Exact),
        ],
    );
    check(
        &[
            "Sản phẩm",
            "Cơ sở sản xuất, kinh doanh",
            "Phân hạng sản phẩm",
            "Năm công nhận",
        ],
        &[
            (F::Name, 0, Confidence::Exact),
            (F::Producer, 1, Confidence::Words),
            (F::Star, 2, Confidence::Words),
            (F::IssuedOn, 3, Confidence::Exact),
        ],
    );
    // One column for the decision: its number (the date is read out of it).
    check(
        &["Tên sản phẩm", "Số, ngày Quyết định công nhận"],
        &[
            (F::Name, 0, Confidence::Exact),
            (F::CertificateNumber, 1, Confidence::Words),
        ],
    );
}

#[test]
fn sets_are_proposed_from_the_group_and_the_name() {
    let sets = [
        (
            2,
            "Thịt, thủy sản, trứng, sữa tươi",
            "Thực phẩm tươi sống",
            "Thực phẩm",
        ),
        (
            6,
            "Chế biến từ gạo, ngũ cốc",
            "Thực phẩm chế biến",
            "Thực phẩm",
        ),
        (
            8,
            "Chế biến từ thịt, thủy sản",
            "Thực phẩm chế biến",
            "Thực phẩm",
        ),
        (14, "Rượu trắng", "Đồ uống có cồn", "Đồ uống"),
        (22, "Vải, may mặc", "Vải, may mặc", "Thủ công mỹ nghệ"),
        (
            26,
            "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
            "",
            "Dịch vụ du lịch",
        ),
    ]
    .map(|(number, name, group, sector)| SetInfo {
        number,
        name_vi: name.into(),
        group_vi: group.into(),
        sector_vi: sector.into(),
    });
    for (name, group, expected) in [
        ("Thịt trâu Bình An", "Thực phẩm tươi sống", Some(2)),
        ("Thịt trâu gác bếp", "Thực phẩm chế biến", Some(8)),
        ("Thịt trâu gác bếp", "", Some(8)),
        ("Cốm Hồng Quang", "", Some(6)),
        ("Khăn thổ cẩm", "Vải và may mặc", Some(22)),
        ("Homestay Nà Tông", "Dịch vụ du lịch cộng đồng", Some(26)),
        ("Rượu ngô", "Đồ uống", Some(14)),
        ("Sản phẩm X", "Thực phẩm chế biến", None),
        ("Sản phẩm X", "", None),
    ] {
        assert_eq!(
            propose_set(name, group, &sets).map(|p| p.set),
            expected,
            "{name} / {group}"
        );
    }
}
