//! What the screens need of every product, every frame: its portfolio row, its agenda
//! items, what it adds to the dashboard's counts, and its attachments' stored paths.
//!
//! Computed once per change of the product (and again when today moves on), and kept
//! beside the packed product by `domain::store`, so that a workspace of 20,000 products
//! is drawn without decoding them. Pure.

use chrono::NaiveDate;

use super::agenda::{self, Due, ProductStats};
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
    pub agenda: Vec<Due>,
    /// What it adds to the dashboard's counts (None: no application yet).
    pub stats: Option<ProductStats>,
    /// The rules of its current application (what names its dossier's documents).
    pub rule_version: Option<Box<str>>,
    /// Every attachment of every application, by [`path_key`] of its stored path: what
    /// the portfolio's evidence flag looks up (8 bytes each instead of an 80-byte path:
    /// ~9 MiB at 20,000 heavy products).
    attachments: Box<[u64]>,
    /// The same attachments by [`path_key`] of their SHA-256: which products may hold
    /// a given file's content (a received bundle's files already here), without decoding.
    contents: Box<[u64]>,
}

impl Digest {
    /// The digest of `product` against `of`.
    pub fn of(product: &Product, of: DigestOf<'_>) -> Digest {
        Digest {
            today: of.today,
            side: of.side,
            row: portfolio_row(product, of.catalog, of.today, of.side),
            agenda: agenda::dues_of(product, of.side, of.catalog, of.today),
            stats: agenda::product_stats(product, of.catalog, of.today),
            rule_version: product.current().map(|a| a.rule_version.as_str().into()),
            attachments: product
                .attachments()
                .map(|a| path_key(&a.stored_path))
                .collect(),
            contents: product.attachments().map(|a| path_key(&a.sha256)).collect(),
        }
    }

    /// [`path_key`] of every attachment's stored path.
    pub fn attachments(&self) -> &[u64] {
        &self.attachments
    }

    /// [`path_key`] of every attachment's SHA-256.
    pub fn contents(&self) -> &[u64] {
        &self.contents
    }

    /// Whether it was computed for the same day and side as `of` (the catalog is the
    /// caller's to keep the same: one per open workspace).
    pub fn is_of(&self, of: DigestOf<'_>) -> bool {
        self.today == of.today && self.side == of.side
    }
}

/// A 64-bit key of an attachment's stored path, or of any text (SipHash with keys drawn
/// at random once per run: the keys are never written anywhere, and a path in a file
/// from outside cannot be made to share one with another). Two different paths share a
/// key with odds of about 1 in 10^19 per pair; the evidence check and its record, the
/// portfolio's flag and a received bundle's files already here are looked up by it.
pub fn path_key(stored_path: &str) -> u64 {
    use std::hash::BuildHasher;
    static KEYS: std::sync::OnceLock<std::hash::RandomState> = std::sync::OnceLock::new();
    KEYS.get_or_init(std::hash::RandomState::new)
        .hash_one(stored_path)
}
