#![allow(
    clippy::unwrap_used,
    reason = "test code: a panic is the failure message"
)]
use super::*;
use crate::domain::model::{ProductId, Workspace};
use crate::domain::stage::Stage;
use chrono::NaiveDate;

fn t(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn n(v: f64) -> Cell {
    Cell::Number(v)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn stage_of(s: &str) -> Option<Stage> {
    match header_key(s).as_str() {
        "da cong nhan" | "recognised" => Some(Stage::Recognised),
        "chuan bi" | "preparing" => Some(Stage::Preparing),
        _ => None,
    }
}

#[test]
fn headers_are_guessed_in_both_languages_without_diacritics() {
    let check = |headers: &[&str], expected: &[(ImportField, usize)]| {
        let cells: Vec<Cell> = headers.iter().map(|h| t(h)).collect();
        let mapping = guess_mapping(&cells);
        assert_eq!(
            mapping,
            expected.iter().copied().collect::<Mapping>(),
            "{headers:?}"
        );
    };
    use ImportField as F;
    check(
        &["Tên sản phẩm", "Chủ thể", "Bộ TC"],
        &[(F::Name, 0), (F::Producer, 1), (F::ScoringSet, 2)],
    );
    check(
        &["TEN SAN PHAM", "chu the", "bo tieu chi"],
        &[(F::Name, 0), (F::Producer, 1), (F::ScoringSet, 2)],
    );
    check(
        &["Product", "Producer", "Set", "Official star"],
        &[
            (F::Name, 0),
            (F::Producer, 1),
            (F::ScoringSet, 2),
            (F::Star, 3),
        ],
    );
    check(
        &["STT", "Số GCN", "Ngày cấp", "Ngày hết hạn"],
        &[
            (F::CertificateNumber, 1),
            (F::IssuedOn, 2),
            (F::ExpiresOn, 3),
        ],
    );
    check(&["", "Sản phẩm", "Sản phẩm"], &[(F::Name, 1)]);
    check(
        &["Điện thoại", "Địa chỉ", "Xã"],
        &[(F::Phone, 0), (F::Address, 1), (F::Commune, 2)],
    );
}

fn sheet(rows: Vec<Vec<Cell>>) -> Sheet {
    Sheet::from_rows(rows)
}

/// The preview of a sheet whose header is its first row, as the app would make it.
fn run(s: &Sheet, workspace: &Workspace) -> ImportPreview {
    let layout = Layout::first_row(s);
    let mapping = guess(&layout.headings).mapping;
    let input = PreviewInput {
        sheet_index: 0,
        sheet: s,
        layout: &layout,
        mapping: &mapping,
    };
    preview(
        &[input],
        &PreviewContext {
            workspace,
            stage_of: &stage_of,
            sets: &[],
        },
    )
}

fn at(row: u32) -> RowAt {
    RowAt { sheet: 0, row }
}

fn headers() -> Vec<Cell> {
    [
        "Sản phẩm",
        "Chủ thể",
        "Bộ TC",
        "Sao",
        "Số GCN",
        "Ngày cấp",
        "Ngày hết hạn",
        "Bước",
    ]
    .iter()
    .map(|h| t(h))
    .collect()
}

fn problem(row: Vec<Cell>) -> Option<RowProblem> {
    let s = sheet(vec![headers(), row]);
    let p = run(&s, &Workspace::default());
    p.bad.first().map(|(_, why)| why.clone())
}

#[test]
fn each_bad_row_has_its_reason() {
    use RowProblem as P;
    let e = Cell::Empty;
    let row =
        |name: Cell, set: Cell, star: Cell, num: Cell, issued: Cell, expires: Cell, stage: Cell| {
            vec![name, t("HTX A"), set, star, num, issued, expires, stage]
        };
    let ok_date = Cell::Date(date(2025, 3, 1));
    assert_eq!(
        problem(row(
            e.clone(),
            n(6.0),
            e.clone(),
            e.clone(),
            e.clone(),
            e.clone(),
            e.clone()
        )),
        Some(P::MissingName)
    );
    assert_eq!(
        problem(row(
            t("Cốm"),
            e.clone(),
            e.clone(),
            e.clone(),
            e.clone(),
            e.clone(),
            e.clone()
        )),
        None,
        "no set is not a problem: it is proposed or chosen later"
    );
    assert_eq!(
        problem(row(
            t("Cốm"),
            n(27.0),
            e.clone(),
            e.clone(),
            e.clone(),
            e.clone(),
            e.clone()
        )),
        Some(P::BadSet("27".into()))
    );
    assert_eq!(
        problem(row(
            t("Cốm"),
            n(6.0),
            n(2.0),
            t("1"),
            ok_date.clone(),
            e.clone(),
            e.clone()
        )),
        Some(P::BadStar("2".into()))
    );
    assert_eq!(
        problem(row(
            t("Cốm"),
            n(6.0),
            n(4.0),
            e.clone(),
            ok_date.clone(),
            e.clone(),
            e.clone()
        )),
        Some(P::CertificateIncomplete(ImportField::CertificateNumber))
    );
    assert_eq!(
        problem(row(
            t("Cốm"),
            n(6.0),
            n(4.0),
            t("12/QĐ"),
            e.clone(),
            e.clone(),
            e.clone()
        )),
        Some(P::CertificateIncomplete(ImportField::IssuedOn))
    );
    assert_eq!(
        problem(row(
            t("Cốm"),
            n(6.0),
            e.clone(),
            t("12/QĐ"),
            e.clone(),
            e.clone(),
            e.clone()
        )),
        Some(P::CertificateWithoutStar)
    );
    assert_eq!(
        problem(row(
            t("Cốm"),
            n(6.0),
            n(4.0),
            t("12"),
            t("31/02/2025"),
            e.clone(),
            e.clone()
        )),
        Some(P::BadDate(ImportField::IssuedOn, "31/02/2025".into()))
    );
    assert_eq!(
        problem(row(
            t("Cốm"),
            n(6.0),
            n(4.0),
            t("12"),
            ok_date.clone(),
            Cell::Date(date(2024, 1, 1)),
            e.clone()
        )),
        Some(P::ExpiryBeforeIssue)
    );
    assert_eq!(
        problem(row(
            t("Cốm"),
            n(6.0),
            e.clone(),
            e.clone(),
            e.clone(),
            e.clone(),
            t("Đã công nhận")
        )),
        Some(P::StageNeedsCertificate(Stage::Recognised))
    );
    assert_eq!(
        problem(row(
            t("Cốm"),
            n(6.0),
            n(3.0),
            t("1"),
            ok_date.clone(),
            e.clone(),
            t("chuẩn bị")
        )),
        Some(P::CertificateButStage(Stage::Preparing))
    );
    assert_eq!(
        problem(row(
            t("Cốm"),
            n(6.0),
            e.clone(),
            e.clone(),
            e.clone(),
            e.clone(),
            t("xyz")
        )),
        Some(P::BadStage("xyz".into()))
    );
    assert_eq!(
        problem(row(
            t(&"x".repeat(501)),
            n(6.0),
            e.clone(),
            e.clone(),
            e.clone(),
            e.clone(),
            e.clone()
        )),
        Some(P::TooLong(ImportField::Name))
    );
    // Good: text star "4 sao", text date, certificate → recognised.
    assert_eq!(
        problem(row(
            t("Cốm"),
            t("6"),
            t("4 sao"),
            t("12/QĐ-UBND"),
            t("01/03/2025"),
            t("2028-03-01"),
            e.clone()
        )),
        None
    );
    assert_eq!(
        problem(row(
            t("Cốm"),
            n(6.0),
            t("5★"),
            t("9"),
            ok_date,
            e.clone(),
            t("Recognised")
        )),
        None
    );
}

#[test]
fn rows_are_numbered_as_the_sheet_shows_and_duplicates_are_found() {
    let mut workspace = Workspace::default();
    let mut existing = crate::domain::model::test_product(&[]);
    existing.name = "Cốm Hồng Quang".into();
    existing.producer.name = "HTX Hồng Quang".into();
    workspace
        .products
        .insert(existing.id.clone(), existing.clone());
    let s = Sheet {
        name: String::new(),
        merges: Vec::new(),
        first_row_number: 3, // two title rows above the header
        rows: vec![
            headers(),
            vec![t("com hong quang"), t("htx HONG quang"), n(6.0)],
            vec![],
            vec![t("Mật ong"), t("HTX B"), n(2.0)],
            vec![t("MẬT ONG"), t("htx b"), n(2.0)],
            vec![t("Trà"), t("HTX B"), t("x")],
        ],
    };
    let p = run(&s, &workspace);
    let found: Vec<(RowAt, &str, &ProductId)> = p
        .existing
        .iter()
        .map(|d| (d.row.at, d.row.name.as_str(), &d.existing))
        .collect();
    assert_eq!(found, vec![(at(4), "com hong quang", &existing.id)]);
    assert_eq!(p.good.len(), 1);
    assert_eq!(p.good.first().map(|r| r.at), Some(at(6)));
    assert_eq!(
        p.bad,
        vec![
            (at(7), RowProblem::RepeatedRow(6)),
            (at(8), RowProblem::BadSet("x".into()))
        ]
    );
    assert_eq!(p.rows_read, 4);
}

#[test]
fn dates_parse_in_the_usual_forms() {
    for (text, expected) in [
        ("01/03/2025", Some(date(2025, 3, 1))),
        ("1-3-2025", Some(date(2025, 3, 1))),
        ("2025-03-01", Some(date(2025, 3, 1))),
        ("30/02/2025", None),
        ("mùng một", None),
    ] {
        assert_eq!(parse_date(&t(text)), expected, "{text}");
    }
    // An Excel day number in a cell formatted as a number; a year alone is not a day.
    assert_eq!(parse_date(&n(45000.0)), Some(date(2023, 3, 15)));
    assert_eq!(parse_date(&n(2023.0)), None);
    for (text, expected) in [
        ("15/8/2023", Some(DateRead::Day(date(2023, 8, 15)))),
        (
            "ngày 15 tháng 8 năm 2023",
            Some(DateRead::Day(date(2023, 8, 15))),
        ),
        ("15/08/23", Some(DateRead::Day(date(2023, 8, 15)))),
        ("năm 2023", Some(DateRead::Year(2023))),
        ("2023", Some(DateRead::Year(2023))),
        ("08/2023", Some(DateRead::Month(2023, 8))),
        ("tháng 8 năm 2023", Some(DateRead::Month(2023, 8))),
        ("năm ngoái", None),
        ("13/2023", None),
    ] {
        assert_eq!(read_date(&t(text)), expected, "{text}");
    }
    assert_eq!(read_date(&n(2023.0)), Some(DateRead::Year(2023)));
}

#[test]
fn a_decision_number_gives_its_date_and_an_address_its_commune() {
    assert_eq!(
        split_decision("Số 123/QĐ-UBND ngày 15/8/2023"),
        (
            "123/QĐ-UBND".to_owned(),
            Some(DateRead::Day(date(2023, 8, 15)))
        )
    );
    assert_eq!(
        split_decision("1845/QĐ-UBND, ngày 20 tháng 12 năm 2024"),
        (
            "1845/QĐ-UBND".to_owned(),
            Some(DateRead::Day(date(2024, 12, 20)))
        )
    );
    assert_eq!(
        split_decision("55/QĐ-UBND"),
        ("55/QĐ-UBND".to_owned(), None)
    );
    for (address, commune) in [
        (
            "Thôn Nà Khà, xã Hồng Quang, huyện Lâm Bình",
            Some("Hồng Quang"),
        ),
        ("Xã Bình An - huyện Lâm Bình - Tuyên Quang", Some("Bình An")),
        ("Tổ 5, phường Minh Xuân, TP Tuyên Quang", Some("Minh Xuân")),
        ("Thị trấn Lăng Can", Some("Lăng Can")),
        ("Thôn Bản Khiển", None),
    ] {
        assert_eq!(commune_in_address(address).as_deref(), commune, "{address}");
    }
}

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
                workspace: &Workspace::default(),
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

fn problems(row: Vec<Cell>) -> Vec<RowProblem> {
    let s = sheet(vec![headers(), row]);
    let p = run(&s, &Workspace::default());
    assert!(p.bad.iter().all(|(row, _)| *row == at(2)), "{:?}", p.bad);
    assert_eq!(p.bad_rows(), usize::from(!p.bad.is_empty()));
    p.bad.into_iter().map(|(_, why)| why).collect()
}

/// The set column takes the forms this app itself writes ("6. Chế biến…" in the report,
/// "6 – Chế biến…" on screen) and "Bộ số 6"; a number beside another is refused.
#[test]
fn a_set_is_read_as_people_write_it() {
    let with_set = |set: Cell| vec![t("Cốm"), t("HTX A"), set];
    for (written, set) in [
        ("6", 6),
        ("6. Chế biến từ gạo, ngũ cốc", 6),
        ("6 – Chế biến từ gạo, ngũ cốc", 6),
        ("Bộ số 6", 6),
        ("bộ tiêu chí số 26", 26),
        ("Bộ 2: Thịt, thủy sản, trứng, sữa tươi", 2),
        ("Set 8", 8),
    ] {
        let s = sheet(vec![headers(), with_set(t(written))]);
        let p = run(&s, &Workspace::default());
        assert_eq!(
            p.good.first().map(|r| r.scoring_set),
            Some(Some(set)),
            "{written}: {:?}",
            p.bad
        );
    }
    for written in [
        "6.5",
        "27. Khác",
        "6abc",
        "Bộ số",
        "Chế biến 6",
        "0",
        "-6",
        "(6)",
        "+6",
        "#6",
    ] {
        assert_eq!(
            problems(with_set(t(written))),
            vec![RowProblem::BadSet(written.into())],
            "{written}"
        );
    }
}

/// A row with several problems names them all, so the sheet is fixed in one pass.
#[test]
fn a_bad_row_names_every_problem() {
    let e = Cell::Empty;
    assert_eq!(
        problems(vec![
            e.clone(),
            t("HTX A"),
            t("x"),
            n(6.0),
            t("1"),
            t("mùng một"),
            t("hôm qua"),
            t("chưa biết"),
        ]),
        vec![
            RowProblem::MissingName,
            RowProblem::BadSet("x".into()),
            RowProblem::BadStar("6".into()),
            RowProblem::BadDate(ImportField::IssuedOn, "mùng một".into()),
            RowProblem::BadDate(ImportField::ExpiresOn, "hôm qua".into()),
            RowProblem::BadStage("chưa biết".into()),
        ]
    );
}

/// A certificate number too long to keep is that problem alone, not also "missing".
#[test]
fn a_too_long_certificate_number_is_not_also_missing() {
    let e = Cell::Empty;
    assert_eq!(
        problems(vec![
            t("Cốm"),
            t("HTX A"),
            n(6.0),
            n(4.0),
            t(&"1".repeat(600)),
            Cell::Date(date(2025, 3, 1)),
            e.clone(),
            e,
        ]),
        vec![RowProblem::TooLong(ImportField::CertificateNumber)]
    );
}
