//! A product list from a spreadsheet: each data row checked with a stated reason, title,
//! totals and signature rows skipped (and listed), a scoring set proposed where the list
//! gives none, and rows naming a product the workspace already has set apart.
//!
//! Where the header is and which column is which: `header.rs`; the set proposal:
//! `propose.rs`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::demo;
use crate::domain::dossier::DossierTemplate;
use crate::domain::model::{ApplicationKind, Certificate, Product, ProductId, Workspace};
use crate::domain::search::fold;
use crate::domain::stage::Stage;

use super::cells::{
    DateRead, commune_in_address, read_date, score_of, set_number, split_decision, star_of,
};
use super::header::{ImportField, Layout, Mapping, header_key, spans_across};
use super::propose::{Proposal, Proposer, SetInfo};
use super::{Cell, Sheet};

/// Where a row is: the sheet (its index among the sheets imported) and the row number the
/// spreadsheet shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowAt {
    pub sheet: usize,
    pub row: u32,
}

/// Why a row is left out without being an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// "Tổng số: 05 sản phẩm", "Cộng".
    Totals,
    /// A signature block, date line or note under the table ("Người lập biểu", "Ghi chú").
    Footer,
    /// A section heading across the table ("I. HUYỆN LÂM BÌNH").
    Heading,
    /// Anything below the totals or the signature.
    AfterTable,
}

/// Why a row cannot be imported (translated in `text::import_problem`).
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    /// No product name.
    MissingName,
    /// The scoring set is not a whole number 1–26 (the cell's text).
    BadSet(String),
    /// The star is not 3, 4 or 5.
    BadStar(String),
    /// The council's score is not a number 0–100 (the cell's text).
    BadScore(String),
    /// The stage is not one this app knows.
    BadStage(String),
    /// A date cell that is not a date (which field, the text).
    BadDate(ImportField, String),
    /// A star without a certificate number or issue date (which is missing).
    CertificateIncomplete(ImportField),
    /// A certificate number or date without a star.
    CertificateWithoutStar,
    /// The expiry date is not after the issue date.
    ExpiryBeforeIssue,
    /// A stage that needs a certificate (recognised, revoked, expired) without one.
    StageNeedsCertificate(Stage),
    /// A certificate with a stage before recognition.
    CertificateButStage(Stage),
    /// The same name and producer as an earlier row of the file (its row number).
    RepeatedRow(u32),
    /// A text longer than this app keeps (which field).
    TooLong(ImportField),
}

impl RowProblem {
    /// The field whose cell the problem is in (its column is named with it).
    pub fn field(&self) -> Option<ImportField> {
        match self {
            RowProblem::MissingName => Some(ImportField::Name),
            RowProblem::BadSet(_) => Some(ImportField::ScoringSet),
            RowProblem::BadStar(_) => Some(ImportField::Star),
            RowProblem::BadScore(_) => Some(ImportField::Score),
            RowProblem::BadStage(_) => Some(ImportField::Stage),
            RowProblem::BadDate(field, _)
            | RowProblem::TooLong(field)
            | RowProblem::CertificateIncomplete(field) => Some(*field),
            RowProblem::CertificateWithoutStar
            | RowProblem::ExpiryBeforeIssue
            | RowProblem::StageNeedsCertificate(_)
            | RowProblem::CertificateButStage(_)
            | RowProblem::RepeatedRow(_) => None,
        }
    }
}

/// Something the officer should know about a row that is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowWarning {
    /// Only a year (or month) of the issue date: the first day of it is recorded, and
    /// the product's notes say so (the certificate's expiry then falls early, never late).
    ApproximateIssueDate { written: String, used: NaiveDate },
}

/// A good row: a product to create (or, for a row naming a product the workspace has,
/// the data to update it with).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// Where the row is.
    pub at: RowAt,
    pub name: String,
    /// Producer name.
    pub producer: String,
    /// Commune: its column, else read from the address ([`commune_in_address`]).
    pub commune: String,
    pub product_code: String,
    /// The set the list gives; `None` when it gives none (then see `proposal`).
    pub scoring_set: Option<u8>,
    /// The product group the list gives ("" when none).
    pub group: String,
    /// The set proposed when the list gives none, and why.
    pub proposal: Option<Proposal>,
    /// Stage (Preparing when not given; Recognised with a certificate).
    pub stage: Stage,
    /// Certificate, for a certified product.
    pub certificate: Option<Certificate>,
    /// The council's score ("Số điểm"), 0–100.
    pub score: Option<f32>,
    /// How the issue date was written when only its year or month was given.
    pub approximate_issue_date: Option<String>,
    pub phone: String,
    pub address: String,
}

impl ImportRow {
    /// The set the row brings unless the officer chooses: the list's, else the proposal.
    pub fn default_set(&self) -> Option<u8> {
        self.scoring_set.or(self.proposal.as_ref().map(|p| p.set))
    }
}

/// A row whose product name (folded) is a product the workspace already has: skipped
/// unless the officer says otherwise (its certificate data can update the product, or it
/// can be added as a new product).
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The row, checked like any other.
    pub row: ImportRow,
    /// The product already there.
    pub existing: ProductId,
    /// Its producer as the workspace has it (to compare with the row's).
    pub existing_producer: String,
}

/// What an import would do, shown before the officer confirms.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPreview {
    /// Rows that become products.
    pub good: Vec<ImportRow>,
    /// Rows that cannot be imported: (where, reason), every reason of a row in turn (a
    /// row may appear more than once; [`ImportPreview::bad_rows`] counts rows).
    pub bad: Vec<(RowAt, RowProblem)>,
    /// Rows naming a product already in the workspace.
    pub existing: Vec<Duplicate>,
    /// Rows left out that are not products: totals, headings, signatures.
    pub skipped: Vec<(RowAt, SkipReason)>,
    /// Imported rows the officer should look at.
    pub warnings: Vec<(RowAt, RowWarning)>,
    /// Data rows read (empty rows not counted).
    pub rows_read: usize,
    /// Empty rows among the data.
    pub empty_rows: usize,
}

impl ImportPreview {
    /// How many rows are left out for a problem (each counted once).
    pub fn bad_rows(&self) -> usize {
        self.bad_by_row().len()
    }

    /// The rows left out, each with all its problems, in sheet order.
    pub fn bad_by_row(&self) -> Vec<(RowAt, Vec<&RowProblem>)> {
        let mut rows: Vec<(RowAt, Vec<&RowProblem>)> = Vec::new();
        for (at, problem) in &self.bad {
            match rows.last_mut() {
                Some((last, problems)) if last == at => problems.push(problem),
                _ => rows.push((*at, vec![problem])),
            }
        }
        rows
    }

    /// Good rows with no set from the list nor a proposal.
    pub fn without_set(&self) -> usize {
        self.good
            .iter()
            .filter(|r| r.default_set().is_none())
            .count()
    }
}

/// One sheet to preview: its rows, where its header is and which column is which.
#[derive(Debug, Clone, Copy)]
pub struct PreviewInput<'a> {
    /// The sheet's index among the file's sheets (rows are named by it).
    pub sheet_index: usize,
    pub sheet: &'a Sheet,
    pub layout: &'a Layout,
    pub mapping: &'a Mapping,
}

/// The products a workspace already has, as a duplicate names them: (id, producer) by
/// folded name. Built from the digests' rows in the window (nothing decoded), or from
/// the products themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownProducts {
    by_name: BTreeMap<String, Vec<(ProductId, String)>>,
}

impl KnownProducts {
    /// From (id, name, producer) of each product.
    pub fn of<'a>(products: impl IntoIterator<Item = (&'a ProductId, &'a str, &'a str)>) -> Self {
        let mut known = KnownProducts::default();
        for (id, name, producer) in products {
            known.add(id, name, producer);
        }
        known
    }

    /// From the products of `workspace` (decoding each in turn).
    pub fn of_workspace(workspace: &Workspace) -> Self {
        let mut known = KnownProducts::default();
        for product in workspace.products.values() {
            known.add(&product.id, &product.name, &product.producer.name);
        }
        known
    }

    fn add(&mut self, id: &ProductId, name: &str, producer: &str) {
        self.by_name
            .entry(fold(name.trim()))
            .or_default()
            .push((id.clone(), producer.to_owned()));
    }
}

/// What the preview needs beside the sheets.
#[derive(Clone, Copy)]
pub struct PreviewContext<'a> {
    /// The products of the workspace the rows go into (the duplicates' reference).
    pub known: &'a KnownProducts,
    /// Recognises a stage name (both languages, folded).
    pub stage_of: &'a dyn Fn(&str) -> Option<Stage>,
    /// The scoring sets proposals choose from.
    pub sets: &'a [SetInfo],
}

/// Longest text kept from a cell (a product name is a line, an address a few).
const MAX_CELL_CHARS: usize = 500;

/// Checks every data row of every sheet of `inputs`. A product the workspace has is
/// matched by its folded name alone: a list often spells the producer differently or
/// leaves it out, and adding the product a second time is the worse mistake.
pub fn preview(inputs: &[PreviewInput<'_>], context: &PreviewContext<'_>) -> ImportPreview {
    let existing = &context.known.by_name;
    let mut seen: BTreeMap<(String, String), RowAt> = BTreeMap::new();
    let mut proposer = Proposer::new(context.sets);
    let mut out = ImportPreview::default();
    for input in inputs {
        let sheet = input.sheet;
        let mapping = input.mapping;
        let mut after_table = false;
        for (index, row) in sheet
            .rows
            .iter()
            .enumerate()
            .skip(input.layout.data_start())
        {
            let at = RowAt {
                sheet: input.sheet_index,
                row: sheet.row_number(index),
            };
            if row.iter().all(Cell::is_blank) {
                out.empty_rows += 1;
                continue;
            }
            if after_table {
                out.skipped.push((at, SkipReason::AfterTable));
                continue;
            }
            if let Some(reason) = skip_reason(sheet, index, row, mapping) {
                after_table = matches!(reason, SkipReason::Totals | SkipReason::Footer);
                out.skipped.push((at, reason));
                continue;
            }
            out.rows_read += 1;
            match check_row(row, mapping, context.stage_of) {
                Err(problems) => out
                    .bad
                    .extend(problems.into_iter().map(|problem| (at, problem))),
                Ok(mut good) => {
                    good.at = at;
                    if good.scoring_set.is_none() {
                        good.proposal = proposer.propose(&good.name, &good.group);
                    }
                    if let Some(text) = &good.approximate_issue_date
                        && let Some(cert) = &good.certificate
                    {
                        out.warnings.push((
                            at,
                            RowWarning::ApproximateIssueDate {
                                written: text.clone(),
                                used: cert.issued_on,
                            },
                        ));
                    }
                    let key = (fold(&good.name), fold(&good.producer));
                    if let Some(products) = existing.get(&key.0) {
                        // The same producer's product when there are several of that name.
                        let product = products
                            .iter()
                            .find(|(_, producer)| fold(producer) == key.1)
                            .or_else(|| products.first());
                        if let Some((id, producer)) = product {
                            out.existing.push(Duplicate {
                                existing: id.clone(),
                                existing_producer: producer.clone(),
                                row: good,
                            });
                        }
                    } else if let Some(first) = seen.get(&key) {
                        out.bad.push((at, RowProblem::RepeatedRow(first.row)));
                    } else {
                        seen.insert(key, at);
                        out.good.push(good);
                    }
                }
            }
        }
    }
    out
}

/// Words a totals row starts with.
const TOTALS: &[&str] = &["tong", "total", "sum"];
/// Phrases of what stands under a table: signatures, the place-and-date line, notes.
const FOOTER: &[&str] = &[
    "nguoi lap",
    "lap bieu",
    "ky ten",
    "ky ghi ro",
    "ky va ghi ro",
    "ghi ro ho ten",
    "chu tich",
    "pho chu tich",
    "tm uy ban",
    "tm ubnd",
    "kt chu tich",
    "giam doc",
    "truong phong",
    "thu truong",
    "noi nhan",
    "ghi chu",
    "xac nhan cua",
    "prepared by",
    "signature",
    "note",
];

/// Whether a text is a section marker: a Roman numeral or one capital letter ("II.", "B").
fn is_section_marker(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ')', ':']);
    !t.is_empty()
        && (t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
            || (t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase())))
}

/// Why a non-empty data row is not a product, if it is not one.
fn skip_reason(sheet: &Sheet, index: usize, row: &[Cell], mapping: &Mapping) -> Option<SkipReason> {
    // A product row fills more than three cells: nothing to look at (the common case).
    if row.iter().filter(|c| !c.is_blank()).count() > 3 {
        return None;
    }
    let filled: Vec<(usize, String)> = row
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_blank())
        .map(|(i, c)| (i, c.text()))
        .collect();
    let joined = header_key(
        &filled
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let tokens: Vec<&str> = joined.split(' ').collect();
    let name_col = mapping.get(&ImportField::Name).copied();
    let name_blank = name_col.is_none_or(|c| row.get(c).is_none_or(Cell::is_blank));
    if filled.len() <= 3 {
        let first = tokens.first().copied().unwrap_or("");
        // "Cộng" alone or before a number: a sum ("Cồng chiêng" is a product).
        let cong = first == "cong"
            && tokens
                .get(1)
                .is_none_or(|t| t.chars().all(|c| c.is_ascii_digit()) || *t == "so");
        if TOTALS.contains(&first) || cong {
            return Some(SkipReason::Totals);
        }
        let date_line = ["ngay", "thang", "nam"].iter().all(|w| tokens.contains(w));
        if date_line
            || FOOTER
                .iter()
                .any(|p| format!(" {joined} ").contains(&format!(" {p} ")))
        {
            return Some(SkipReason::Footer);
        }
    }
    let only_marker_beside = filled.len() == 2
        && filled.first().is_some_and(|(_, t)| is_section_marker(t))
        && filled.get(1).is_some_and(|(c, _)| Some(*c) == name_col);
    let single = filled.len() == 1
        && (name_blank
            || spans_across(sheet, index)
            || filled
                .first()
                .is_some_and(|(_, t)| t.split_whitespace().next().is_some_and(is_section_marker)));
    (single || only_marker_beside).then_some(SkipReason::Heading)
}

fn cell<'a>(row: &'a [Cell], mapping: &Mapping, field: ImportField) -> &'a Cell {
    mapping
        .get(&field)
        .and_then(|&i| row.get(i))
        .unwrap_or(&Cell::Empty)
}

fn text_of(row: &[Cell], mapping: &Mapping, field: ImportField) -> Result<String, RowProblem> {
    let text = cell(row, mapping, field).text();
    if text.chars().count() > MAX_CELL_CHARS {
        return Err(RowProblem::TooLong(field));
    }
    Ok(text)
}

/// Every problem of a row, not only the first: the officer fixes the sheet once.
fn check_row(
    row: &[Cell],
    mapping: &Mapping,
    stage_of: &dyn Fn(&str) -> Option<Stage>,
) -> Result<ImportRow, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let mut text = |field| {
        text_of(row, mapping, field).unwrap_or_else(|problem| {
            problems.push(problem);
            String::new()
        })
    };
    let name = text(ImportField::Name);
    let producer = text(ImportField::Producer);
    let mut commune = text(ImportField::Commune);
    let product_code = text(ImportField::ProductCode);
    let group = text(ImportField::Group);
    let phone = text(ImportField::Phone);
    let address = text(ImportField::Address);
    let number_text = text(ImportField::CertificateNumber);
    let stage_text = text(ImportField::Stage);
    if name.is_empty() && !problems.contains(&RowProblem::TooLong(ImportField::Name)) {
        problems.push(RowProblem::MissingName);
    }
    if commune.is_empty() {
        commune = commune_in_address(&address).unwrap_or_default();
    }
    let scoring_set = set_in(row, mapping, &mut problems);
    let star = star_in(row, mapping, &mut problems);
    let score = score_in(row, mapping, &mut problems);
    // The decision's date may be written in its number's cell ("123/QĐ-UBND ngày …").
    let (number, date_in_number) = if mapping.contains_key(&ImportField::IssuedOn)
        && !cell(row, mapping, ImportField::IssuedOn).is_blank()
    {
        (number_text, None)
    } else {
        split_decision(&number_text)
    };
    let mut approximate_issue_date = None;
    let mut date_of = |field| {
        date_in(
            row,
            mapping,
            field,
            date_in_number,
            &mut approximate_issue_date,
            &mut problems,
        )
    };
    let issued_on = date_of(ImportField::IssuedOn);
    let expires_on = date_of(ImportField::ExpiresOn);
    // The certificate is judged only from cells that read well.
    let number_read = !problems.contains(&RowProblem::TooLong(ImportField::CertificateNumber));
    let certificate = match (star, issued_on, expires_on) {
        (Ok(star), Ok(issued_on), Ok(expires_on)) if number_read => {
            certificate_of(star, &number, issued_on, expires_on, &mut problems)
        }
        _ => Err(()),
    };
    let stage = stage_in(stage_text, stage_of, &certificate, &mut problems);
    match (stage, certificate) {
        (Some(stage), Ok(certificate)) if problems.is_empty() => Ok(ImportRow {
            at: RowAt { sheet: 0, row: 0 },
            name,
            producer,
            commune,
            product_code,
            scoring_set,
            group,
            proposal: None,
            stage,
            approximate_issue_date: approximate_issue_date.filter(|_| certificate.is_some()),
            certificate,
            score,
            phone,
            address,
        }),
        _ => Err(problems),
    }
}

/// The row's scoring set, if it gives one that reads as a set.
fn set_in(row: &[Cell], mapping: &Mapping, problems: &mut Vec<RowProblem>) -> Option<u8> {
    let set_cell = cell(row, mapping, ImportField::ScoringSet);
    if set_cell.is_blank() {
        None
    } else {
        let set = set_number(set_cell);
        if set.is_none() {
            problems.push(RowProblem::BadSet(set_cell.text()));
        }
        set
    }
}

/// The row's star. `Err(())`: a star was given but is not one (its problem is listed).
fn star_in(
    row: &[Cell],
    mapping: &Mapping,
    problems: &mut Vec<RowProblem>,
) -> Result<Option<u8>, ()> {
    let star_cell = cell(row, mapping, ImportField::Star);
    if star_cell.is_blank() {
        Ok(None)
    } else {
        match star_of(star_cell) {
            Some(star) => Ok(Some(star)),
            None => {
                problems.push(RowProblem::BadStar(star_cell.text()));
                Err(())
            }
        }
    }
}

/// The row's score, if it gives one that reads as a score.
fn score_in(row: &[Cell], mapping: &Mapping, problems: &mut Vec<RowProblem>) -> Option<f32> {
    let score_cell = cell(row, mapping, ImportField::Score);
    if score_cell.is_blank() {
        None
    } else {
        let score = score_of(score_cell);
        if score.is_none() {
            problems.push(RowProblem::BadScore(score_cell.text()));
        }
        score
    }
}

/// A date of the row (`field`: the issue or the expiry date). A blank issue date is the
/// one written in the number's cell (`date_in_number`), if any. An issue date given only
/// as a month or a year reads as its first day, and `approximate` keeps what was written;
/// any other date must be a whole day. `Err(())`: not a date (its problem is listed).
fn date_in(
    row: &[Cell],
    mapping: &Mapping,
    field: ImportField,
    date_in_number: Option<DateRead>,
    approximate: &mut Option<String>,
    problems: &mut Vec<RowProblem>,
) -> Result<Option<NaiveDate>, ()> {
    let c = cell(row, mapping, field);
    let read = if c.is_blank() {
        match field {
            ImportField::IssuedOn => date_in_number,
            _ => None,
        }
    } else {
        Some(read_date(c).ok_or_else(|| {
            problems.push(RowProblem::BadDate(field, c.text()));
        })?)
    };
    match read {
        None => Ok(None),
        Some(DateRead::Day(d)) => Ok(Some(d)),
        Some(partial) if field == ImportField::IssuedOn => {
            *approximate = Some(if c.is_blank() {
                number_text_date(&partial)
            } else {
                c.text()
            });
            Ok(partial.first_day())
        }
        Some(_) => {
            problems.push(RowProblem::BadDate(field, c.text()));
            Err(())
        }
    }
}

/// The certificate from cells that read well: a star, a number and an issue date, or
/// none of them (nor an expiry date). An expiry on or before the issue is listed too.
/// `Err(())`: an incomplete certificate (its problem is listed).
fn certificate_of(
    star: Option<u8>,
    number: &str,
    issued_on: Option<NaiveDate>,
    expires_on: Option<NaiveDate>,
    problems: &mut Vec<RowProblem>,
) -> Result<Option<Certificate>, ()> {
    let certificate = match (star, number.is_empty(), issued_on) {
        (Some(star), false, Some(issued_on)) => Ok(Some(Certificate {
            star,
            number: number.to_owned(),
            issued_on,
        })),
        (Some(_), true, _) => Err(RowProblem::CertificateIncomplete(
            ImportField::CertificateNumber,
        )),
        (Some(_), false, None) => Err(RowProblem::CertificateIncomplete(ImportField::IssuedOn)),
        (None, true, None) if expires_on.is_none() => Ok(None),
        (None, _, _) => Err(RowProblem::CertificateWithoutStar),
    };
    if let (Some(issued), Some(expires)) = (issued_on, expires_on)
        && expires <= issued
    {
        problems.push(RowProblem::ExpiryBeforeIssue);
    }
    certificate.map_err(|problem| problems.push(problem))
}

/// The row's stage: the one named (a stage that needs a certificate only with one, and
/// with a certificate only such a stage), else Recognised with a certificate and
/// Preparing without. `None` when the stage or the certificate has a problem (listed).
fn stage_in(
    stage_text: String,
    stage_of: &dyn Fn(&str) -> Option<Stage>,
    certificate: &Result<Option<Certificate>, ()>,
    problems: &mut Vec<RowProblem>,
) -> Option<Stage> {
    let named_stage = if stage_text.is_empty() {
        Ok(None)
    } else {
        stage_of(&stage_text).map(Some).ok_or_else(|| {
            problems.push(RowProblem::BadStage(stage_text));
        })
    };
    let needs_certificate =
        |s: Stage| matches!(s, Stage::Recognised | Stage::Revoked | Stage::Expired);
    match (named_stage, certificate) {
        (Ok(None), Ok(Some(_))) => Some(Stage::Recognised),
        (Ok(None), Ok(None)) => Some(Stage::Preparing),
        (Ok(Some(s)), Ok(Some(_))) if needs_certificate(s) => Some(s),
        (Ok(Some(s)), Ok(Some(_))) => {
            problems.push(RowProblem::CertificateButStage(s));
            None
        }
        (Ok(Some(s)), Ok(None)) if needs_certificate(s) => {
            problems.push(RowProblem::StageNeedsCertificate(s));
            None
        }
        (Ok(Some(s)), Ok(None)) => Some(s),
        _ => None,
    }
}

/// How a partial date found in a decision's text is shown back ("2023", "08/2023").
fn number_text_date(date: &DateRead) -> String {
    match date {
        DateRead::Day(d) => d.format("%d/%m/%Y").to_string(),
        DateRead::Year(y) => y.to_string(),
        DateRead::Month(y, m) => format!("{m:02}/{y}"),
    }
}

/// The product an import row becomes: a new product with one application (of the
/// certificate's year when certified, else `today`'s), at the row's stage, with the
/// certificate, the council's score and the dates the stage implies. `set`: the set
/// chosen for it (`None`: not chosen yet, [`crate::domain::criteria::NO_SET`]).
pub fn build_product(
    row: &ImportRow,
    set: Option<u8>,
    id: ProductId,
    template: &DossierTemplate,
    today: NaiveDate,
) -> Product {
    let year = row
        .certificate
        .as_ref()
        .map_or(today.year(), |c| c.issued_on.year());
    let set = set.unwrap_or(crate::domain::criteria::NO_SET);
    let mut product = demo::new_product(id, &row.name, set, template, year);
    product.producer.name = row.producer.clone();
    product.producer.phone = row.phone.clone();
    product.producer.address = row.address.clone();
    product.commune = row.commune.clone();
    product.product_code = row.product_code.clone();
    if let Some(app) = product.current_mut() {
        app.kind = ApplicationKind::FirstRating;
        app.stage = row.stage;
        apply_result(app, row);
    }
    product
}

/// The row's certificate and council result on an application (a new one, or the
/// current one of a product the officer chose to update from the list). A provisional
/// issue date is noted by the caller, in the officer's language
/// ([`note_on_current`]).
fn apply_result(app: &mut crate::domain::model::Application, row: &ImportRow) {
    if let Some(cert) = &row.certificate {
        app.certificate = Some(cert.clone());
        app.scores.official.star = Some(cert.star);
        app.scores.official.date = Some(cert.issued_on);
        app.dates.provincial_result = Some(cert.issued_on);
    }
    if let Some(score) = row.score {
        app.scores.official.average_score = Some(score);
    }
}

/// Adds `line` to the current application's notes (once).
pub fn note_on_current(product: &mut Product, line: &str) {
    if let Some(app) = product.current_mut()
        && !app.notes.contains(line)
    {
        if !app.notes.is_empty() {
            app.notes.push('\n');
        }
        app.notes.push_str(line);
    }
}

/// `product` updated from a list row naming it: the certificate and the council's result
/// (and the stage "recognised" when the row brings a certificate), the product code and
/// the commune when the product has none. Everything else is the officer's own.
pub fn update_from_row(product: &Product, row: &ImportRow) -> Product {
    let mut updated = product.clone();
    if updated.product_code.trim().is_empty() {
        updated.product_code = row.product_code.clone();
    }
    if updated.commune.trim().is_empty() {
        updated.commune = row.commune.clone();
    }
    if let Some(app) = updated.current_mut() {
        if row.certificate.is_some() && app.certificate.is_none() {
            app.stage = row.stage;
        }
        apply_result(app, row);
    }
    updated
}
