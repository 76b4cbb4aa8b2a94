//! What the screens need of every product, every frame: its portfolio row, its agenda
//! items, what it adds to the dashboard's counts, and its attachments' stored paths.
//!
//! Computed once per change of the product (and again when today moves on), and kept
//! beside the packed product by `domain::store`, so that a workspace of 20,000 products
//! is drawn without decoding them. Pure.

use chrono::NaiveDate;

use super::agenda::{self, AgendaItem, ProductStats};
use super::model::{Product, WorkspaceKind};
use super::spreadsheet::{PortfolioRow, portfolio_row};
use super::store::DigestOf;

/// One product's digest (see the module's comment).
#[derive(Debug, Clone, PartialEq)]
pub struct Digest {
    /// The day and side it was computed for.
    today: NaiveDate,
    side: WorkspaceKind,
    /// The row the portfolio, the Excel export and `list` share.
    pub row: PortfolioRow,
    /// Its agenda items for the side, in no particular order.
    pub agenda: Vec<AgendaItem>,
    /// What it adds to the dashboard's counts (None: no application yet).
    pub stats: Option<ProductStats>,
    /// Stored paths of every attachment of every application, each ended by a NUL (no
    /// path holds one): one allocation instead of one per path, ~4 MiB at 20,000.
    attachments: String,
}

impl Digest {
    /// The digest of `product` against `of`.
    pub fn of(product: &Product, of: DigestOf<'_>) -> Digest {
        Digest {
            today: of.today,
            side: of.side,
            row: portfolio_row(product, of.catalog, of.today, of.side),
            agenda: agenda::items_of(product, of.side, of.catalog, of.today),
            stats: agenda::product_stats(product, of.catalog, of.today),
            attachments: product
                .applications
                .iter()
                .flat_map(|a| a.dossier.iter())
                .flat_map(|e| e.attachments.iter())
                .fold(String::new(), |mut all, a| {
                    all.push_str(&a.stored_path);
                    all.push('\0');
                    all
                }),
        }
    }

    /// Stored paths of every attachment of every application.
    pub fn attachments(&self) -> impl Iterator<Item = &str> {
        self.attachments.split_terminator('\0')
    }

    /// Whether it was computed for the same day and side as `of` (the catalog is the
    /// caller's to keep the same: one per open workspace).
    pub fn is_of(&self, of: DigestOf<'_>) -> bool {
        self.today == of.today && self.side == of.side
    }
}
