//! Spreadsheets as data: the portfolio table that is exported to Excel, and the
//! product list that is imported from Excel or LibreOffice (column mapping guessed from
//! the headers, each row checked, duplicates of existing products found).
//!
//! Pure: no files, no egui, no clock ("today" is a parameter). Reading and writing the
//! `.xlsx`/`.ods` files is `storage/spreadsheet.rs`; the words are `text.rs`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::deadlines::{self, Deadline};
use super::dossier::{self, DossierTemplate};
use super::model::{
    ApplicationKind, Certificate, CertificateStanding, Product, ProductId, Workspace,
};
use super::scoring;
use super::search::{fold, nfc};
use super::stage::Stage;
use super::{catalog::Catalog, demo};

/// One cell of a sheet, as read from a file (dates already converted).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date (a date-formatted cell).
    Date(NaiveDate),
    /// TRUE/FALSE.
    Bool(bool),
}

impl Cell {
    /// The cell as trimmed NFC text ("" when empty; whole numbers without ".0").
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => nfc(t.trim()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }

    /// Whether the cell holds nothing (or only spaces).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// The first sheet of a workbook: its rows, and where they start.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// Rows of cells; the first is the header row.
    pub rows: Vec<Vec<Cell>>,
    /// Row number of `rows[0]` as the spreadsheet shows it (1 for the top row).
    pub first_row_number: u32,
}

// ---------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------

/// One product as the portfolio table shows it, plus its certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioRow {
    /// Product id.
    pub id: ProductId,
    /// Name.
    pub name: String,
    /// Producer name.
    pub producer: String,
    /// Commune.
    pub commune: String,
    /// Scoring set 1–26.
    pub scoring_set: u8,
    /// Stage of the current application.
    pub stage: Option<Stage>,
    /// Star of a certificate valid today (the portfolio's "official" star).
    pub valid_star: Option<u8>,
    /// Predicted outcome of the score sheet (commune's view once answered, else self).
    pub predicted: Option<scoring::Outcome>,
    /// Dossier completeness in percent.
    pub completeness: u8,
    /// Next deadline.
    pub deadline: Option<Deadline>,
    /// The latest certificate, if any (valid, expired or revoked).
    pub certificate: Option<Certificate>,
    /// Where that certificate stands today.
    pub standing: Option<CertificateStanding>,
    /// Its expiry date (36 months after issue).
    pub expires_on: Option<NaiveDate>,
    /// The official star: the latest certificate's, else the council's result.
    pub official_star: Option<u8>,
}

/// The rows of every product, in name order (folded), for the export.
pub fn portfolio_rows(
    workspace: &Workspace,
    catalog: &Catalog,
    today: NaiveDate,
) -> Vec<PortfolioRow> {
    let mut rows: Vec<(String, PortfolioRow)> = workspace
        .products
        .values()
        .map(|p| (fold(&p.name), portfolio_row(p, catalog, today)))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    rows.into_iter().map(|(_, row)| row).collect()
}

/// The row of one product (the same figures as the portfolio screen).
pub fn portfolio_row(product: &Product, catalog: &Catalog, today: NaiveDate) -> PortfolioRow {
    let app = product.current();
    let template = app.and_then(|a| catalog.template(&a.rule_version));
    let completeness = app
        .map(|a| dossier::completeness(&a.dossier, template).percent())
        .unwrap_or(0);
    let standing = product.certificate_standing(today);
    let valid_star = match &standing {
        Some((cert, CertificateStanding::Valid)) => Some(cert.star),
        _ => None,
    };
    let predicted = app.and_then(|a| {
        let sheet = if a.scores.commune_view.answers.is_empty() {
            &a.scores.self_assessment
        } else {
            &a.scores.commune_view
        };
        if sheet.answers.is_empty() {
            return None;
        }
        let set = catalog.scoring_set(&a.rule_version, product.scoring_set)?;
        Some(scoring::evaluate(set, sheet).outcome())
    });
    let certificate = standing.as_ref().map(|(c, _)| (*c).clone());
    let expires_on = certificate
        .as_ref()
        .and_then(|c| deadlines::certificate_expiry(c.issued_on));
    let official_star = certificate
        .as_ref()
        .map(|c| c.star)
        .or_else(|| app.and_then(|a| a.scores.official.star));
    PortfolioRow {
        id: product.id.clone(),
        name: product.name.clone(),
        producer: product.producer.name.clone(),
        commune: product.commune.clone(),
        scoring_set: product.scoring_set,
        stage: app.map(|a| a.stage),
        valid_star,
        predicted,
        completeness,
        deadline: deadlines::next_deadline(product, today, &catalog.calendar),
        certificate,
        standing: standing.map(|(_, s)| s),
        expires_on,
        official_star,
    }
}

/// Products counted by stage (every stage, in process order, zeros included) and by
/// valid star (3, 4, 5, then "none"), for the summary sheet.
pub fn summary_counts(rows: &[PortfolioRow]) -> (Vec<(Stage, usize)>, [usize; 4]) {
    let by_stage = Stage::ALL
        .iter()
        .map(|&s| (s, rows.iter().filter(|r| r.stage == Some(s)).count()))
        .collect();
    let mut by_star = [0; 4];
    for row in rows {
        let slot = match row.valid_star {
            Some(3) => 0,
            Some(4) => 1,
            Some(5) => 2,
            _ => 3,
        };
        if let Some(n) = by_star.get_mut(slot) {
            *n += 1;
        }
    }
    (by_stage, by_star)
}

/// A cell of the exported sheet, typed so that dates are real dates.
#[derive(Debug, Clone, PartialEq)]
pub enum OutCell {
    /// Text.
    Text(String),
    /// A whole number.
    Int(u32),
    /// A date.
    Date(NaiveDate),
    /// Nothing.
    Empty,
}

/// The workbook to write: the product sheet and the summary, every word translated.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioBook {
    /// Name of the product sheet.
    pub sheet_name: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// One row per product, as many cells as headers.
    pub rows: Vec<Vec<OutCell>>,
    /// Name of the summary sheet.
    pub summary_name: String,
    /// Heading of the stage table, and its column headers.
    pub stage_heading: [String; 2],
    /// (stage name, count), every stage.
    pub by_stage: Vec<(String, usize)>,
    /// Heading of the star table, and its column headers.
    pub star_heading: [String; 2],
    /// (star label, count).
    pub by_star: Vec<(String, usize)>,
    /// Chart titles: products by stage, products by star.
    pub chart_titles: [String; 2],
    /// Date format of date cells (Excel number format).
    pub date_format: String,
}

// ---------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------

/// A product field an imported column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ImportField {
    /// Product name (required).
    Name,
    /// Producer name.
    Producer,
    /// Commune.
    Commune,
    /// Product code.
    ProductCode,
    /// Scoring set 1–26 (required).
    ScoringSet,
    /// Stage of the current application.
    Stage,
    /// Star on the certificate.
    Star,
    /// Certificate number.
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
    /// Name.
    pub name: String,
    /// Producer name.
    pub producer: String,
    /// Commune.
    pub commune: String,
    /// Product code.
    pub product_code: String,
    /// Scoring set.
    pub scoring_set: u8,
    /// Stage (Preparing when not given; Recognised with a certificate).
    pub stage: Stage,
    /// Certificate, for a certified product.
    pub certificate: Option<Certificate>,
    /// Phone.
    pub phone: String,
    /// Address.
    pub address: String,
}

/// What an import would do, shown before the officer confirms.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPreview {
    /// Rows that become products.
    pub good: Vec<ImportRow>,
    /// Rows that cannot be imported: (row number, reason).
    pub bad: Vec<(u32, RowProblem)>,
    /// Rows naming a product already in the workspace: (row number, name, its id).
    pub existing: Vec<(u32, String, ProductId)>,
    /// Data rows read (empty rows not counted).
    pub rows_read: usize,
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
            Err(problem) => out.bad.push((row_number, problem)),
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

fn check_row(
    row: &[Cell],
    mapping: &Mapping,
    stage_of: &dyn Fn(&str) -> Option<Stage>,
) -> Result<ImportRow, RowProblem> {
    let name = text_of(row, mapping, ImportField::Name)?;
    if name.is_empty() {
        return Err(RowProblem::MissingName);
    }
    let set_cell = cell(row, mapping, ImportField::ScoringSet);
    if set_cell.is_blank() {
        return Err(RowProblem::MissingSet);
    }
    let scoring_set = whole_number(set_cell)
        .filter(|n| (1..=26).contains(n))
        .and_then(|n| u8::try_from(n).ok())
        .ok_or_else(|| RowProblem::BadSet(set_cell.text()))?;
    let star_cell = cell(row, mapping, ImportField::Star);
    let star = if star_cell.is_blank() {
        None
    } else {
        Some(
            whole_number(star_cell)
                .filter(|n| (3..=5).contains(n))
                .and_then(|n| u8::try_from(n).ok())
                .ok_or_else(|| RowProblem::BadStar(star_cell.text()))?,
        )
    };
    let date_of = |field| -> Result<Option<NaiveDate>, RowProblem> {
        let c = cell(row, mapping, field);
        if c.is_blank() {
            return Ok(None);
        }
        parse_date(c)
            .map(Some)
            .ok_or_else(|| RowProblem::BadDate(field, c.text()))
    };
    let issued_on = date_of(ImportField::IssuedOn)?;
    let expires_on = date_of(ImportField::ExpiresOn)?;
    let number = text_of(row, mapping, ImportField::CertificateNumber)?;
    let certificate = match (star, number.is_empty(), issued_on) {
        (Some(star), false, Some(issued_on)) => Some(Certificate {
            star,
            number: number.clone(),
            issued_on,
        }),
        (Some(_), true, _) => {
            return Err(RowProblem::CertificateIncomplete(
                ImportField::CertificateNumber,
            ));
        }
        (Some(_), false, None) => {
            return Err(RowProblem::CertificateIncomplete(ImportField::IssuedOn));
        }
        (None, true, None) if expires_on.is_none() => None,
        (None, _, _) => return Err(RowProblem::CertificateWithoutStar),
    };
    if let (Some(issued), Some(expires)) = (issued_on, expires_on)
        && expires <= issued
    {
        return Err(RowProblem::ExpiryBeforeIssue);
    }
    let stage_text = text_of(row, mapping, ImportField::Stage)?;
    let named_stage = if stage_text.is_empty() {
        None
    } else {
        Some(stage_of(&stage_text).ok_or(RowProblem::BadStage(stage_text))?)
    };
    let needs_certificate =
        |s: Stage| matches!(s, Stage::Recognised | Stage::Revoked | Stage::Expired);
    let stage = match (named_stage, &certificate) {
        (None, Some(_)) => Stage::Recognised,
        (None, None) => Stage::Preparing,
        (Some(s), Some(_)) if needs_certificate(s) => s,
        (Some(s), Some(_)) => return Err(RowProblem::CertificateButStage(s)),
        (Some(s), None) if needs_certificate(s) => {
            return Err(RowProblem::StageNeedsCertificate(s));
        }
        (Some(s), None) => s,
    };
    Ok(ImportRow {
        row_number: 0,
        name,
        producer: text_of(row, mapping, ImportField::Producer)?,
        commune: text_of(row, mapping, ImportField::Commune)?,
        product_code: text_of(row, mapping, ImportField::ProductCode)?,
        scoring_set,
        stage,
        certificate,
        phone: text_of(row, mapping, ImportField::Phone)?,
        address: text_of(row, mapping, ImportField::Address)?,
    })
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

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "test code: a panic is the failure message"
)]
mod tests {
    use super::*;

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
        Sheet {
            rows,
            first_row_number: 1,
        }
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
        let mapping = guess_mapping(s.rows.first().unwrap());
        let p = preview(&s, &mapping, &Workspace::default(), &stage_of);
        p.bad.first().map(|(_, why)| why.clone())
    }

    #[test]
    fn each_bad_row_has_its_reason() {
        use RowProblem as P;
        let e = Cell::Empty;
        let row = |name: Cell,
                   set: Cell,
                   star: Cell,
                   num: Cell,
                   issued: Cell,
                   expires: Cell,
                   stage: Cell| {
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
            Some(P::MissingSet)
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
        let mapping = guess_mapping(s.rows.first().unwrap());
        let p = preview(&s, &mapping, &workspace, &stage_of);
        assert_eq!(
            p.existing,
            vec![(4, "com hong quang".to_owned(), existing.id)]
        );
        assert_eq!(p.good.len(), 1);
        assert_eq!(p.good.first().map(|r| r.row_number), Some(6));
        assert_eq!(
            p.bad,
            vec![
                (7, RowProblem::RepeatedRow(6)),
                (8, RowProblem::BadSet("x".into()))
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
        assert_eq!(parse_date(&n(45000.0)), None);
    }
}
