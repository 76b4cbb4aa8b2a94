//! A product list from a spreadsheet: the header row and column mapping guessed, each row
//! checked with a stated reason, duplicates of existing products found.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::demo;
use crate::domain::dossier::DossierTemplate;
use crate::domain::model::{ApplicationKind, Certificate, Product, ProductId, Workspace};
use crate::domain::search::fold;
use crate::domain::stage::Stage;

use super::{Cell, Sheet};

/// A product field an imported column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ImportField {
    /// Product name (required).
    Name,
    /// Producer name.
    Producer,
    Commune,
    ProductCode,
    /// Scoring set 1–26 (required).
    ScoringSet,
    /// Stage of the current application.
    Stage,
    /// Star on the certificate.
    Star,
    CertificateNumber,
    /// Certificate issue date.
    IssuedOn,
    /// Certificate expiry date (checked against the issue date).
    ExpiresOn,
    /// Producer phone.
    Phone,
    /// Producer address.
    Address,
}

impl ImportField {
    /// Every field, in the order the mapping shows them.
    pub const ALL: [ImportField; 12] = [
        ImportField::Name,
        ImportField::Producer,
        ImportField::Commune,
        ImportField::ProductCode,
        ImportField::ScoringSet,
        ImportField::Stage,
        ImportField::Star,
        ImportField::CertificateNumber,
        ImportField::IssuedOn,
        ImportField::ExpiresOn,
        ImportField::Phone,
        ImportField::Address,
    ];

    /// Headers that name this field, folded (`search::fold`) and with punctuation as
    /// spaces: Vietnamese, English, and the export's own headers in both languages.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            ImportField::Name => &[
                "san pham",
                "ten san pham",
                "ten sp",
                "product",
                "product name",
                "name",
                "ten",
            ],
            ImportField::Producer => &[
                "chu the",
                "ten chu the",
                "chu the ocop",
                "co so san xuat",
                "don vi san xuat",
                "htx",
                "producer",
                "producer name",
                "manufacturer",
            ],
            ImportField::Commune => &["xa", "xa phuong", "phuong xa", "commune", "ward"],
            ImportField::ProductCode => &["ma san pham", "ma sp", "product code", "code"],
            ImportField::ScoringSet => &[
                "bo tc",
                "bo tieu chi",
                "bo tieu chi so",
                "set",
                "scoring set",
                "criteria set",
            ],
            ImportField::Stage => &["buoc", "giai doan", "trang thai", "stage", "status"],
            ImportField::Star => &[
                "hang sao chinh thuc",
                "hang sao",
                "so sao",
                "sao",
                "official star",
                "star",
                "stars",
                "rating",
            ],
            ImportField::CertificateNumber => &[
                "so giay chung nhan",
                "so gcn",
                "giay chung nhan",
                "so quyet dinh",
                "certificate number",
                "certificate no",
                "certificate",
            ],
            ImportField::IssuedOn => &[
                "ngay cap",
                "ngay cap gcn",
                "ngay cap giay chung nhan",
                "ngay cong nhan",
                "issued on",
                "issue date",
                "issued",
                "date issued",
            ],
            ImportField::ExpiresOn => &[
                "ngay het han",
                "het han",
                "han gcn",
                "expires on",
                "expiry date",
                "expiry",
                "expires",
            ],
            ImportField::Phone => &["dien thoai", "so dien thoai", "sdt", "phone", "telephone"],
            ImportField::Address => &["dia chi", "address"],
        }
    }
}

/// A header folded for matching: `search::fold`, punctuation to spaces, spaces collapsed.
pub fn header_key(header: &str) -> String {
    let folded = fold(header);
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Which column fills each field: field → column index (0-based).
pub type Mapping = BTreeMap<ImportField, usize>;

/// Guesses the mapping from the header row: a header equal (folded) to one of a field's
/// aliases maps it. Aliases are tried in order, so "Hạng sao chính thức" wins over a
/// plain "Sao"; each column serves one field.
pub fn guess_mapping(headers: &[Cell]) -> Mapping {
    let keys: Vec<String> = headers.iter().map(|h| header_key(&h.text())).collect();
    let mut mapping = Mapping::new();
    let mut used = vec![false; keys.len()];
    for field in ImportField::ALL {
        let found = field.aliases().iter().find_map(|alias| {
            keys.iter()
                .enumerate()
                .position(|(i, key)| key == alias && !used.get(i).copied().unwrap_or(true))
        });
        if let Some(i) = found {
            mapping.insert(field, i);
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        }
    }
    mapping
}

/// Rows looked at for the header: a list may start with a few title rows.
const HEADER_SEARCH_ROWS: usize = 20;

/// Index of the header row: the first of the top rows whose headers name the product
/// name column, else the first row with anything in it (None: the sheet is empty).
pub fn header_row_index(rows: &[Vec<Cell>]) -> Option<usize> {
    rows.iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|r| guess_mapping(r).contains_key(&ImportField::Name))
        .or_else(|| rows.iter().position(|r| r.iter().any(|c| !c.is_blank())))
}

/// Why a row cannot be imported (translated in `text::import_problem`).
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    /// No product name.
    MissingName,
    /// No scoring set.
    MissingSet,
    /// The scoring set is not a whole number 1–26 (the cell's text).
    BadSet(String),
    /// The star is not 3, 4 or 5.
    BadStar(String),
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

/// A good row: a product to create.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// Row number as the spreadsheet shows it.
    pub row_number: u32,
    pub name: String,
    /// Producer name.
    pub producer: String,
    pub commune: String,
    pub product_code: String,
    pub scoring_set: u8,
    /// Stage (Preparing when not given; Recognised with a certificate).
    pub stage: Stage,
    /// Certificate, for a certified product.
    pub certificate: Option<Certificate>,
    pub phone: String,
    pub address: String,
}

/// What an import would do, shown before the officer confirms.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPreview {
    /// Rows that become products.
    pub good: Vec<ImportRow>,
    /// Rows that cannot be imported: (row number, reason), every reason of a row in turn
    /// (a row may appear more than once; [`ImportPreview::bad_rows`] counts rows).
    pub bad: Vec<(u32, RowProblem)>,
    /// Rows naming a product already in the workspace: (row number, name, its id).
    pub existing: Vec<(u32, String, ProductId)>,
    /// Data rows read (empty rows not counted).
    pub rows_read: usize,
}

impl ImportPreview {
    /// How many rows are left out for a problem (each counted once).
    pub fn bad_rows(&self) -> usize {
        self.bad_by_row().len()
    }

    /// The rows left out, each with all its problems, in sheet order.
    pub fn bad_by_row(&self) -> Vec<(u32, Vec<&RowProblem>)> {
        let mut rows: Vec<(u32, Vec<&RowProblem>)> = Vec::new();
        for (row, problem) in &self.bad {
            match rows.last_mut() {
                Some((last, problems)) if last == row => problems.push(problem),
                _ => rows.push((*row, vec![problem])),
            }
        }
        rows
    }
}

/// Longest text kept from a cell (a product name is a line, an address a few).
const MAX_CELL_CHARS: usize = 500;

/// Checks every data row of `sheet` with `mapping`; `stage_of` recognises a stage name
/// (both languages, folded). Existing products are matched by folded name + producer.
pub fn preview(
    sheet: &Sheet,
    mapping: &Mapping,
    workspace: &Workspace,
    stage_of: &dyn Fn(&str) -> Option<Stage>,
) -> ImportPreview {
    let existing: BTreeMap<(String, String), ProductId> = workspace
        .products
        .values()
        .map(|p| ((fold(&p.name), fold(&p.producer.name)), p.id.clone()))
        .collect();
    let mut seen: BTreeMap<(String, String), u32> = BTreeMap::new();
    let mut out = ImportPreview::default();
    for (index, row) in sheet.rows.iter().enumerate().skip(1) {
        if row.iter().all(Cell::is_blank) {
            continue;
        }
        out.rows_read += 1;
        let row_number = sheet
            .first_row_number
            .saturating_add(u32::try_from(index).unwrap_or(u32::MAX));
        match check_row(row, mapping, stage_of) {
            Err(problems) => out
                .bad
                .extend(problems.into_iter().map(|problem| (row_number, problem))),
            Ok(mut good) => {
                good.row_number = row_number;
                let key = (fold(&good.name), fold(&good.producer));
                if let Some(id) = existing.get(&key) {
                    out.existing.push((row_number, good.name, id.clone()));
                } else if let Some(first) = seen.get(&key) {
                    out.bad.push((row_number, RowProblem::RepeatedRow(*first)));
                } else {
                    seen.insert(key, row_number);
                    out.good.push(good);
                }
            }
        }
    }
    out
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

/// A date from a date cell, or text as dd/mm/yyyy, d-m-yyyy or yyyy-mm-dd.
pub fn parse_date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::Text(t) => {
            let t = t.trim();
            ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        }
        _ => None,
    }
}

/// A whole number from a number cell or from text whose first word is one ("4 sao", "4★").
fn whole_number(cell: &Cell) -> Option<i64> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e9 => Some(*n as i64),
        Cell::Text(t) => {
            let digits: String = t.trim().chars().take_while(char::is_ascii_digit).collect();
            let rest = t.trim().get(digits.len()..).unwrap_or("").trim();
            let rest_ok = rest.is_empty()
                || rest.starts_with('★')
                || rest.starts_with('*')
                || header_key(rest) == "sao"
                || header_key(rest) == "star"
                || header_key(rest) == "stars";
            if digits.is_empty() || !rest_ok {
                None
            } else {
                digits.parse().ok()
            }
        }
        _ => None,
    }
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
    let commune = text(ImportField::Commune);
    let product_code = text(ImportField::ProductCode);
    let phone = text(ImportField::Phone);
    let address = text(ImportField::Address);
    let number = text(ImportField::CertificateNumber);
    let stage_text = text(ImportField::Stage);
    if name.is_empty() && !problems.contains(&RowProblem::TooLong(ImportField::Name)) {
        problems.push(RowProblem::MissingName);
    }
    let set_cell = cell(row, mapping, ImportField::ScoringSet);
    let scoring_set = if set_cell.is_blank() {
        problems.push(RowProblem::MissingSet);
        None
    } else {
        let set = set_number(set_cell);
        if set.is_none() {
            problems.push(RowProblem::BadSet(set_cell.text()));
        }
        set
    };
    let star_cell = cell(row, mapping, ImportField::Star);
    // `Err(())`: a star was given but is not one (its problem is already listed).
    let star = if star_cell.is_blank() {
        Ok(None)
    } else {
        match whole_number(star_cell)
            .filter(|n| (3..=5).contains(n))
            .and_then(|n| u8::try_from(n).ok())
        {
            Some(star) => Ok(Some(star)),
            None => {
                problems.push(RowProblem::BadStar(star_cell.text()));
                Err(())
            }
        }
    };
    let mut date_of = |field| -> Result<Option<NaiveDate>, ()> {
        let c = cell(row, mapping, field);
        if c.is_blank() {
            return Ok(None);
        }
        parse_date(c).map(Some).ok_or_else(|| {
            problems.push(RowProblem::BadDate(field, c.text()));
        })
    };
    let issued_on = date_of(ImportField::IssuedOn);
    let expires_on = date_of(ImportField::ExpiresOn);
    // The certificate is judged only from cells that read well.
    let number_read = !problems.contains(&RowProblem::TooLong(ImportField::CertificateNumber));
    let certificate = match (star, issued_on, expires_on) {
        (Ok(star), Ok(issued_on), Ok(expires_on)) if number_read => {
            let certificate = match (star, number.is_empty(), issued_on) {
                (Some(star), false, Some(issued_on)) => Ok(Some(Certificate {
                    star,
                    number: number.clone(),
                    issued_on,
                })),
                (Some(_), true, _) => Err(RowProblem::CertificateIncomplete(
                    ImportField::CertificateNumber,
                )),
                (Some(_), false, None) => {
                    Err(RowProblem::CertificateIncomplete(ImportField::IssuedOn))
                }
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
        _ => Err(()),
    };
    let named_stage = if stage_text.is_empty() {
        Ok(None)
    } else {
        stage_of(&stage_text).map(Some).ok_or_else(|| {
            problems.push(RowProblem::BadStage(stage_text));
        })
    };
    let needs_certificate =
        |s: Stage| matches!(s, Stage::Recognised | Stage::Revoked | Stage::Expired);
    let stage = match (named_stage, &certificate) {
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
    };
    match (scoring_set, stage, certificate) {
        (Some(scoring_set), Some(stage), Ok(certificate)) if problems.is_empty() => Ok(ImportRow {
            row_number: 0,
            name,
            producer,
            commune,
            product_code,
            scoring_set,
            stage,
            certificate,
            phone,
            address,
        }),
        _ => Err(problems),
    }
}

/// A scoring set number 1–26 from a number cell, or from text as people write it: "6",
/// "6. Chế biến từ gạo, ngũ cốc" (the status report's form), "6 – Chế biến…" (the
/// screen's), "Bộ số 6", "Bộ 6", "Set 6".
fn set_number(cell: &Cell) -> Option<u8> {
    let number = match cell {
        Cell::Text(t) => {
            // The text starts with the number or a word ("Bộ", "Set"), never with a sign
            // or a bracket: "-6" and "(6)" are not set 6.
            if !t.trim_start().starts_with(char::is_alphanumeric) {
                return None;
            }
            // Folded: no marks, no punctuation, single spaces ("6. Chế…" is "6 che…").
            let folded = header_key(t);
            let rest = [
                "bo tieu chi so ",
                "bo tieu chi ",
                "bo so ",
                "bo ",
                "set no ",
                "set ",
            ]
            .iter()
            .find_map(|prefix| folded.strip_prefix(prefix))
            .unwrap_or(&folded);
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let after = rest.get(digits.len()..).unwrap_or("");
            // After the number: nothing, or the set's name (not more digits: "6.5").
            let separated = after.is_empty()
                || after.starts_with(' ') && !after.trim_start().starts_with(char::is_numeric);
            if digits.is_empty() || !separated {
                return None;
            }
            digits.parse::<i64>().ok()?
        }
        other => whole_number(other)?,
    };
    u8::try_from(number)
        .ok()
        .filter(|n| crate::domain::criteria::SETS.contains(n))
}

/// The product an import row becomes: a new product with one application (of the
/// certificate's year when certified, else `today`'s), at the row's stage, with the
/// certificate and the dates the stage implies.
pub fn build_product(
    row: &ImportRow,
    id: ProductId,
    template: &DossierTemplate,
    today: NaiveDate,
) -> Product {
    let year = row
        .certificate
        .as_ref()
        .map_or(today.year(), |c| c.issued_on.year());
    let mut product = demo::new_product(id, &row.name, row.scoring_set, template, year);
    product.producer.name = row.producer.clone();
    product.producer.phone = row.phone.clone();
    product.producer.address = row.address.clone();
    product.commune = row.commune.clone();
    product.product_code = row.product_code.clone();
    if let Some(app) = product.current_mut() {
        app.kind = ApplicationKind::FirstRating;
        app.stage = row.stage;
        if let Some(cert) = &row.certificate {
            app.certificate = Some(cert.clone());
            app.scores.official.star = Some(cert.star);
            app.scores.official.date = Some(cert.issued_on);
            app.dates.provincial_result = Some(cert.issued_on);
        }
    }
    product
}
