#![allow(
    clippy::unwrap_used,
    reason = "test code: a panic is the failure message"
)]
use super::*;
use crate::domain::model::{ProductId, Workspace};
use crate::domain::stage::Stage;
use chrono::NaiveDate;

pub(super) fn t(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

pub(super) fn n(v: f64) -> Cell {
    Cell::Number(v)
}

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(super) fn stage_of(s: &str) -> Option<Stage> {
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
            known: &KnownProducts::of_workspace(workspace),
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
