//! The OCOP data model: workspace, products, producers and applications.
//!
//! Pure data with serde derives. Must not depend on egui, ron, rfd or `std::fs`:
//! the storage layer decides how these are written.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dossier::DossierEntry;
use super::history::HistoryEntry;
use super::remarks::Remark;
use super::scoring::ScoreSheet;
use super::stage::Stage;

pub use super::form_text::{FormText, FormTexts};

/// The rule version that governs new applications.
///
/// Decision 26/2026/QĐ-TTg of 22 May 2026 (domain brief §2.1).
pub const CURRENT_RULE_VERSION: &str = "26/2026/QĐ-TTg";

/// The rule version of the 2019–2023 regime (1048/QĐ-TTg amended by 781/QĐ-TTg).
pub const RULE_VERSION_1048: &str = "1048/QĐ-TTg";

/// Stable identifier of a product; also the stem of its file name in the workspace.
///
/// Only `a-z`, `0-9` and `-` are allowed, so an id can never name a path outside the
/// products folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProductId(String);

impl ProductId {
    /// Whether `raw` is a valid product id (non-empty, at most 64 chars of `a-z0-9-`).
    pub fn is_valid(raw: &str) -> bool {
        !raw.is_empty()
            && raw.len() <= 64
            && !raw.starts_with('-')
            && raw
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    }

    /// The id, if `raw` is a valid one (see [`ProductId::is_valid`]).
    pub fn parse(raw: &str) -> Option<ProductId> {
        Self::is_valid(raw).then(|| ProductId(raw.to_owned()))
    }

    /// Builds an id from a display name: folded to ASCII, spaces to dashes, at most 48
    /// characters.
    ///
    /// Never a Windows device name: a product called "Con" (a common word: "con giống",
    /// "con" = child) would get `products/con.ron`, which Windows cannot create (nor
    /// `con.ocop-conflict-….ron`), so such a slug gets `-sp` ("sản phẩm"): `con-sp`.
    /// Ids already in use are not changed: `is_valid` still accepts `con`, so an existing
    /// `con.ron` (made on Linux) keeps loading where it exists; only new ids avoid it.
    pub fn slug_from(name: &str) -> ProductId {
        let folded = super::search::fold(name);
        let mut slug = String::new();
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        let mut trimmed: String = slug.chars().take(48).collect();
        // Cut after the 48th character: a dash may now end it.
        trimmed.truncate(trimmed.trim_end_matches('-').len());
        if trimmed.is_empty() {
            ProductId("san-pham".to_owned())
        } else if super::filename::is_reserved(&trimmed) {
            ProductId(format!("{trimmed}-sp"))
        } else {
            ProductId(trimmed)
        }
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ProductId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The commune-level settings of a workspace (one commune officer's desk).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkspaceInfo {
    /// Display name of the workspace.
    pub name: String,
    /// Commune (xã) that keeps this workspace.
    pub commune: String,
    /// Province (tỉnh).
    pub province: String,
    /// Officers who work on it; the first is the default author of changes.
    pub officers: Vec<String>,
    /// Free notes.
    pub notes: String,
    /// Whose desk it is: a commune's (the default, and every workspace written before
    /// this field existed) or a producer's own. Left out of the file for a commune.
    #[serde(skip_serializing_if = "WorkspaceKind::is_commune")]
    pub kind: WorkspaceKind,
}

/// Whose workspace it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum WorkspaceKind {
    /// A commune officer's (cán bộ xã): every field, the commune's deadlines.
    #[default]
    Commune,
    /// A producer's own ("chủ thể": a cooperative, a company, a household): its dossier
    /// and self-assessment, no commune-only fields, no commune deadlines.
    Producer,
}

impl WorkspaceKind {
    /// Whether it is the commune's (serde's `skip_serializing_if`).
    #[allow(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde passes a reference"
    )]
    pub fn is_commune(&self) -> bool {
        *self == WorkspaceKind::Commune
    }
}

/// A workspace in memory: its settings and every product that could be read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workspace {
    /// Commune settings.
    pub info: WorkspaceInfo,
    /// Products by id, in id order, kept compact while no screen needs them
    /// ([`super::store`]).
    pub products: super::store::Products,
}

/// Kind of OCOP producer (chủ thể OCOP), Decision 26/2026, Art. 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ProducerKind {
    /// Hợp tác xã (HTX).
    #[default]
    Cooperative,
    /// Tổ hợp tác.
    CooperativeGroup,
    /// Doanh nghiệp nhỏ và vừa.
    Enterprise,
    /// Hộ sản xuất, kinh doanh có đăng ký kinh doanh.
    Household,
    /// Trang trại.
    Farm,
}

impl ProducerKind {
    /// Every kind, in display order.
    pub const ALL: [ProducerKind; 5] = [
        ProducerKind::Cooperative,
        ProducerKind::CooperativeGroup,
        ProducerKind::Enterprise,
        ProducerKind::Household,
        ProducerKind::Farm,
    ];
}

/// The producer (chủ thể) of a product.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Producer {
    /// Registered name, e.g. "HTX Nông nghiệp Bình An".
    pub name: String,
    /// Legal form.
    pub kind: ProducerKind,
    /// Legal representative (người đại diện theo pháp luật).
    pub legal_representative: String,
    /// Phone number.
    pub phone: String,
    pub address: String,
}

/// Why an application was filed (Form 01 "type of application").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ApplicationKind {
    /// First evaluation and rating (đánh giá lần đầu).
    #[default]
    FirstRating,
    /// Upgrade to a higher star (nâng hạng).
    Upgrade,
    /// Re-rating before the certificate expires (đánh giá, phân hạng lại).
    ReRating,
}

impl ApplicationKind {
    /// Every kind, in display order.
    pub const ALL: [ApplicationKind; 3] = [
        ApplicationKind::FirstRating,
        ApplicationKind::Upgrade,
        ApplicationKind::ReRating,
    ];
}

/// A certificate issued for a recognised product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    /// Star rank on the certificate (3 or 4 by the province, 5 by the ministry).
    pub star: u8,
    /// Certificate or decision number.
    pub number: String,
    /// Issue date; expiry is 36 months later (Decision 26/2026).
    pub issued_on: NaiveDate,
}

/// A revocation of a certificate (Decision 26/2026, revocation grounds §5.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revocation {
    /// Date of the revocation decision.
    pub date: NaiveDate,
    /// Ground given in the decision.
    pub reason: String,
}

/// Dates recorded along an application's way through the process.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationDates {
    /// Day the commune received the complete dossier: starts the 15-working-day clock.
    pub received_by_commune: Option<NaiveDate>,
    /// Day the commune sent the dossier and samples to the province.
    pub forwarded_to_province: Option<NaiveDate>,
    /// Day of the provincial council's result.
    pub provincial_result: Option<NaiveDate>,
    /// Day the province sent the dossier to the ministry (5★ candidates).
    pub sent_to_ministry: Option<NaiveDate>,
    /// Day the application was closed as not recognised.
    pub not_recognised_on: Option<NaiveDate>,
}

/// The provincial (or central) council's official result.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OfficialResult {
    /// Average total score across council members (0–100).
    pub average_score: Option<f32>,
    /// Star decided, if any.
    pub star: Option<u8>,
    /// Date of the council's session or decision.
    pub date: Option<NaiveDate>,
}

/// The three separate score sheets of an application: they differ and are all kept.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationScores {
    /// The producer's self-assessment (Form 02, Part III).
    pub self_assessment: ScoreSheet,
    /// The commune officer's own view of the sheet.
    pub commune_view: ScoreSheet,
    /// The provincial council's official result.
    pub official: OfficialResult,
}

/// One pass of a product through the process: first rating, upgrade or re-rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    /// Why it was filed.
    pub kind: ApplicationKind,
    /// Legal basis the application runs under (e.g. "26/2026/QĐ-TTg").
    pub rule_version: String,
    /// Evaluation year (part of the product code).
    #[serde(default)]
    pub year: i32,
    /// Where the application stands.
    pub stage: Stage,
    /// Dates along the way.
    #[serde(default)]
    pub dates: ApplicationDates,
    /// Certificate, once recognised.
    #[serde(default)]
    pub certificate: Option<Certificate>,
    /// Revocation, if the certificate was revoked.
    #[serde(default)]
    pub revocation: Option<Revocation>,
    /// The dossier checklist.
    #[serde(default)]
    pub dossier: Vec<DossierEntry>,
    /// Score sheets and the official result.
    #[serde(default)]
    pub scores: ApplicationScores,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// The free texts the forms need (Form 02 Parts II/IV, Form 03); absent in files
    /// written before schema 3 and left out of the file while empty.
    #[serde(default, skip_serializing_if = "FormTexts::is_empty")]
    pub forms: FormTexts,
    /// Remarks of both sides on the product, its documents and criteria
    /// (`domain::remarks`); absent in files written before schema 4 and left out of the
    /// file while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<Remark>,
}

/// An OCOP product and its whole history of applications.
///
/// Generic over the history entry only so that storage can read older file formats
/// into the same structure (`storage::migrate`); everywhere else it is `Product`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product<H = HistoryEntry> {
    /// Stable id (also the file name stem).
    pub id: ProductId,
    /// Product name, e.g. "Cốm Hồng Quang".
    pub name: String,
    #[serde(default)]
    pub producer: Producer,
    /// Commune where it is produced.
    #[serde(default)]
    pub commune: String,
    /// Scoring set 1–26 (Appendix II). A field per product, not per kind of food:
    /// fresh buffalo meat is set 2, dried buffalo set 8 (domain brief §3, inferred).
    pub scoring_set: u8,
    /// Product code `(T)-(X)-(STT)-year` once the commune assigns it.
    #[serde(default)]
    pub product_code: String,
    /// Short description.
    #[serde(default)]
    pub description: String,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// True for invented demo data (fictional producers), shown as "example".
    #[serde(default)]
    pub is_example: bool,
    /// The producer keeps its own copy of this product in its own workspace and sends it
    /// in bundles: set when a commune receives the producer's bundle (schema 4). In a
    /// commune's workspace the producer's parts are then read-only (`domain::sides`), as
    /// its next bundle would replace them anyway; a product the commune keeps alone (the
    /// producer has no app) stays editable whole. Left out of the file while false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kept_by_producer: bool,
    /// Applications, oldest first. The last one is the current one.
    #[serde(default)]
    pub applications: Vec<Application>,
    /// Append-only log of changes.
    #[serde(default = "Vec::new")]
    pub history: Vec<H>,
}

impl<H> Product<H> {
    /// The same product with its history converted (file-format migrations).
    pub fn map_history<T>(self, convert: impl FnMut(H) -> T) -> Product<T> {
        Product {
            id: self.id,
            name: self.name,
            producer: self.producer,
            commune: self.commune,
            scoring_set: self.scoring_set,
            product_code: self.product_code,
            description: self.description,
            notes: self.notes,
            is_example: self.is_example,
            kept_by_producer: self.kept_by_producer,
            applications: self.applications,
            history: self.history.into_iter().map(convert).collect(),
        }
    }
}

impl Application {
    /// The deadline rules of the decision this application was filed under.
    pub fn deadline_rules(&self) -> &'static super::deadlines::DeadlineRules {
        super::deadlines::rules(&self.rule_version)
    }

    /// When this application's certificate expires, if it has one.
    pub fn certificate_expiry(&self) -> Option<NaiveDate> {
        let issued_on = self.certificate.as_ref()?.issued_on;
        self.deadline_rules().certificate_expiry(issued_on)
    }
}

impl Product {
    /// Whether every number in it survives JSON (which writes NaN and infinities as
    /// `null`): a product holding one is neither cached nor packed in memory.
    pub fn all_finite(&self) -> bool {
        use crate::domain::history::Change;
        let score_ok = |r: &OfficialResult| r.average_score.is_none_or(f32::is_finite);
        self.applications
            .iter()
            .all(|a| score_ok(&a.scores.official))
            && self
                .history
                .iter()
                .flat_map(|e| &e.changes)
                .all(|c| match c {
                    Change::Official { from, to } => score_ok(from) && score_ok(to),
                    _ => true,
                })
    }

    /// Gives back the spare capacity of its lists. A parser grows a list by doubling
    /// (RON does not say a list's length first), so a dossier of 17 documents holds room
    /// for 32: at 20,000 products that spare room was tens of MB.
    pub fn shrink_to_fit(&mut self) {
        self.applications.shrink_to_fit();
        for app in &mut self.applications {
            app.dossier.shrink_to_fit();
            for entry in &mut app.dossier {
                entry.attachments.shrink_to_fit();
            }
            for sheet in [
                &mut app.scores.self_assessment,
                &mut app.scores.commune_view,
            ] {
                sheet.stale_answers.shrink_to_fit();
                sheet.stale_eliminations.shrink_to_fit();
            }
        }
        self.history.shrink_to_fit();
        for entry in &mut self.history {
            entry.changes.shrink_to_fit();
        }
    }

    /// Every attachment of every document of every application, in order.
    pub fn attachments(&self) -> impl Iterator<Item = &crate::domain::dossier::Attachment> {
        self.applications
            .iter()
            .flat_map(|a| a.dossier.iter())
            .flat_map(|e| e.attachments.iter())
    }

    /// The current (latest) application, if any.
    pub fn current(&self) -> Option<&Application> {
        self.applications.last()
    }

    /// The current application, mutable.
    pub fn current_mut(&mut self) -> Option<&mut Application> {
        self.applications.last_mut()
    }

    /// The most recent certificate among all applications (for re-rating and expiry).
    pub fn latest_certificate(&self) -> Option<&Certificate> {
        self.certificate_holder()
            .and_then(|a| a.certificate.as_ref())
    }

    /// The application holding the most recent certificate: its rule version dates the
    /// certificate.
    pub fn certificate_holder(&self) -> Option<&Application> {
        self.applications
            .iter()
            .rev()
            .find(|a| a.certificate.is_some())
    }

    /// When the most recent certificate expires, under the rules it was won under.
    pub fn latest_certificate_expiry(&self) -> Option<NaiveDate> {
        self.certificate_holder()?.certificate_expiry()
    }

    /// The latest certificate and where it stands on `today`.
    ///
    /// Only a certificate that is [`CertificateStanding::Valid`] makes an OCOP n-star
    /// product: a revoked or expired one is history (Decision 26/2026: certificates are
    /// valid 36 months and can be revoked).
    pub fn certificate_standing(
        &self,
        today: NaiveDate,
    ) -> Option<(&Certificate, CertificateStanding)> {
        let holder = self.certificate_holder()?;
        let certificate = holder.certificate.as_ref()?;
        let current_stage = self.current().map(|a| a.stage);
        let expiry = holder.certificate_expiry();
        let standing =
            if let Some(revocation) = holder.revocation.as_ref().filter(|r| r.date <= today) {
                CertificateStanding::Revoked {
                    on: Some(revocation.date),
                    reason: revocation.reason.clone(),
                }
            } else if current_stage == Some(Stage::Revoked) {
                CertificateStanding::Revoked {
                    on: None,
                    reason: String::new(),
                }
            } else if expiry.is_none_or(|e| today > e) || current_stage == Some(Stage::Expired) {
                CertificateStanding::Expired { on: expiry }
            } else if certificate.issued_on > today {
                CertificateStanding::NotYetIssued
            } else {
                CertificateStanding::Valid
            };
        Some((certificate, standing))
    }

    /// The star of a certificate valid on `today`, if any: what counts as "officially
    /// starred" on the dashboard and in the portfolio.
    pub fn valid_star(&self, today: NaiveDate) -> Option<u8> {
        match self.certificate_standing(today)? {
            (certificate, CertificateStanding::Valid) => Some(certificate.star),
            _ => None,
        }
    }
}

/// Where a product's certificate stands on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertificateStanding {
    /// In force: the product counts with its stars.
    Valid,
    /// Ran out 36 months after issue (or the application was closed as expired).
    Expired {
        /// Expiry date, when it can be computed.
        on: Option<NaiveDate>,
    },
    /// Revoked by decision.
    Revoked {
        /// Date of the revocation decision, if recorded.
        on: Option<NaiveDate>,
        /// Ground given in the decision (may be empty).
        reason: String,
    },
    /// Issue date after today (typed ahead): not in force yet.
    NotYetIssued,
}

/// A first-rating product named "Cốm" (set 6, stage Preparing) with these dossier
/// entries, for the domain's unit tests.
#[cfg(test)]
pub(crate) fn test_product(dossier_keys: &[&str]) -> Product {
    Product {
        id: ProductId::slug_from("p"),
        name: "Cốm".into(),
        producer: Producer::default(),
        commune: String::new(),
        scoring_set: 6,
        product_code: String::new(),
        description: String::new(),
        notes: String::new(),
        is_example: false,
        kept_by_producer: false,
        applications: vec![Application {
            kind: ApplicationKind::FirstRating,
            rule_version: CURRENT_RULE_VERSION.into(),
            year: 2026,
            stage: super::stage::Stage::Preparing,
            dates: ApplicationDates::default(),
            certificate: None,
            revocation: None,
            dossier: dossier_keys
                .iter()
                .map(|k| super::dossier::DossierEntry::new(k))
                .collect(),
            scores: ApplicationScores::default(),
            notes: String::new(),
            forms: FormTexts::default(),
            remarks: Vec::new(),
        }],
        history: Vec::new(),
    }
}

#[cfg(test)]
mod standing_tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn product(stage: Stage, issued_on: NaiveDate, revocation: Option<Revocation>) -> Product {
        let mut product = super::test_product(&[]);
        if let Some(app) = product.current_mut() {
            app.year = 2024;
            app.stage = stage;
            app.certificate = Some(Certificate {
                star: 4,
                number: "1/QĐ".into(),
                issued_on,
            });
            app.revocation = revocation;
        }
        product
    }

    #[test]
    fn only_a_certificate_valid_today_counts() {
        let today = d(2026, 11, 26);
        let revoked = Some(Revocation {
            date: d(2026, 3, 1),
            reason: "vi phạm ATTP".into(),
        });
        let later_revocation = Some(Revocation {
            date: d(2027, 1, 1),
            reason: String::new(),
        });
        let cases = [
            (Stage::Recognised, d(2025, 1, 10), None, Some(4)),
            // 36 months: issued 26/11/2023 expires 26/11/2026, still valid that day.
            (Stage::Recognised, d(2023, 11, 26), None, Some(4)),
            (Stage::Recognised, d(2023, 11, 25), None, None),
            (Stage::Expired, d(2023, 1, 5), None, None),
            (Stage::Expired, d(2025, 1, 5), None, None),
            (Stage::Revoked, d(2025, 1, 5), revoked.clone(), None),
            (Stage::Revoked, d(2025, 1, 5), None, None),
            (Stage::Recognised, d(2025, 1, 5), revoked, None),
            (Stage::Recognised, d(2025, 1, 5), later_revocation, Some(4)),
            (Stage::Recognised, d(2027, 1, 5), None, None),
        ];
        for (stage, issued, revocation, expected) in cases {
            let p = product(stage, issued, revocation.clone());
            assert_eq!(
                p.valid_star(today),
                expected,
                "{stage:?} {issued} {revocation:?}"
            );
        }
    }

    #[test]
    fn lapsed_certificates_say_why() {
        let today = d(2026, 11, 26);
        let p = product(
            Stage::Revoked,
            d(2025, 1, 5),
            Some(Revocation {
                date: d(2026, 3, 1),
                reason: "vi phạm ATTP".into(),
            }),
        );
        assert_eq!(
            p.certificate_standing(today).map(|(_, s)| s),
            Some(CertificateStanding::Revoked {
                on: Some(d(2026, 3, 1)),
                reason: "vi phạm ATTP".into()
            })
        );
        let p = product(Stage::Recognised, d(2023, 1, 5), None);
        assert_eq!(
            p.certificate_standing(today).map(|(_, s)| s),
            Some(CertificateStanding::Expired {
                on: Some(d(2026, 1, 5))
            })
        );
    }
}

#[cfg(test)]
mod id_tests {
    use super::*;
    use crate::domain::filename::is_windows_safe;

    #[test]
    fn slugs_from_names() {
        for (name, expected) in [
            ("Cốm Hồng Quang", "com-hong-quang"),
            ("Đậu phụ  Mơ!", "dau-phu-mo"),
            ("", "san-pham"),
            ("!!!", "san-pham"),
            // Windows device names get a suffix, in any case and with accents folded.
            ("Con", "con-sp"),
            ("CON", "con-sp"),
            ("Côn", "con-sp"),
            ("Nul", "nul-sp"),
            ("Aux", "aux-sp"),
            ("PRN", "prn-sp"),
            ("Com 1", "com-1"),
            ("COM1", "com1-sp"),
            ("lpt9", "lpt9-sp"),
            ("Con gà", "con-ga"),
        ] {
            assert_eq!(ProductId::slug_from(name).as_str(), expected, "{name:?}");
        }
    }

    #[test]
    fn slugs_are_valid_ids_and_windows_safe_file_stems() {
        let long = format!("{}b", "a ".repeat(23)); // the 48th character is a dash
        for name in [
            "Con",
            "x",
            "Mật ong bạc hà Mèo Vạc",
            long.as_str(),
            "con.",
            "lpt¹",
        ] {
            let id = ProductId::slug_from(name);
            assert!(ProductId::is_valid(id.as_str()), "{name:?} → {id}");
            assert!(!id.as_str().ends_with('-'), "{name:?} → {id}");
            assert!(is_windows_safe(&format!("{id}.ron")), "{name:?} → {id}");
            assert!(is_windows_safe(id.as_str()), "{name:?} → {id}");
        }
        // Existing ids are not renamed: an old `con` still parses (and so loads).
        assert!(ProductId::parse("con").is_some());
    }
}
