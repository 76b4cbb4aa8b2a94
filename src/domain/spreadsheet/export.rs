//! The portfolio as rows for the Excel export, and the summary counts.

use chrono::NaiveDate;

use crate::domain::catalog::Catalog;
use crate::domain::deadlines::{self, Deadline};
use crate::domain::dossier;
use crate::domain::model::{
    Certificate, CertificateStanding, Product, ProductId, Workspace, WorkspaceKind,
};
use crate::domain::scoring;
use crate::domain::search::fold;
use crate::domain::stage::Stage;
use crate::domain::store::DigestOf;

/// One product as the portfolio table shows it and the Excel export writes it, with its
/// certificate: the one row type of both.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioRow {
    pub id: ProductId,
    pub name: String,
    /// Producer name.
    pub producer: String,
    pub commune: String,
    /// Product code, once the commune assigns it.
    pub product_code: String,
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
    /// The council's star for the current application (before a certificate exists).
    pub council_star: Option<u8>,
    /// Invented demo data.
    pub example: bool,
}

impl PortfolioRow {
    /// The star the portfolio counts: a certificate valid today's, else the council's
    /// result while no certificate exists yet; an expired or revoked one never counts.
    pub fn counted_star(&self) -> Option<u8> {
        match &self.standing {
            Some(CertificateStanding::Valid) => self.valid_star,
            Some(CertificateStanding::NotYetIssued) | None => self.council_star,
            Some(CertificateStanding::Expired { .. } | CertificateStanding::Revoked { .. }) => None,
        }
    }

    /// The star of an expired or revoked certificate, with where it stands (shown struck
    /// through, never counted).
    pub fn lapsed(&self) -> Option<(u8, &CertificateStanding)> {
        match (&self.certificate, &self.standing) {
            (
                Some(cert),
                Some(
                    standing @ (CertificateStanding::Expired { .. }
                    | CertificateStanding::Revoked { .. }),
                ),
            ) => Some((cert.star, standing)),
            _ => None,
        }
    }
}

/// The rows of every product, in name order (folded), for the export.
pub fn portfolio_rows(
    workspace: &Workspace,
    catalog: &Catalog,
    today: NaiveDate,
) -> Vec<PortfolioRow> {
    let of = DigestOf {
        catalog,
        today,
        side: workspace.info.kind,
    };
    let mut rows: Vec<(String, PortfolioRow)> = workspace
        .products
        .digests(of)
        .map(|d| (fold(&d.row.name), d.row.clone()))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    rows.into_iter().map(|(_, row)| row).collect()
}

/// The row of one product: the figures the portfolio screen shows and the Excel export
/// writes, with the deadlines that concern `side`.
pub fn portfolio_row(
    product: &Product,
    catalog: &Catalog,
    today: NaiveDate,
    side: WorkspaceKind,
) -> PortfolioRow {
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
    let expires_on = product.latest_certificate_expiry();
    let official_star = certificate
        .as_ref()
        .map(|c| c.star)
        .or_else(|| app.and_then(|a| a.scores.official.star));
    PortfolioRow {
        id: product.id.clone(),
        name: product.name.clone(),
        producer: product.producer.name.clone(),
        commune: product.commune.clone(),
        product_code: product.product_code.clone(),
        scoring_set: product.scoring_set,
        stage: app.map(|a| a.stage),
        valid_star,
        predicted,
        completeness,
        deadline: deadlines::next_deadline_for(product, today, &catalog.calendar, side),
        certificate,
        standing: standing.map(|(_, s)| s),
        expires_on,
        official_star,
        council_star: app.and_then(|a| a.scores.official.star),
        example: product.is_example,
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
    Text(String),
    /// A whole number.
    Int(u32),
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
