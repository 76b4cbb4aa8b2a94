//! Process stages of an application under Decision 26/2026/QĐ-TTg (Art. 7; domain brief §5.2)
//! and the information each stage needs before a product may enter it.
//!
//! Pure logic: no egui, no files.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{Application, Certificate, Revocation};

/// Where an application stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum Stage {
    /// Idea, business plan, improvements (packaging, certificates, IP) before a dossier.
    #[default]
    Preparing,
    /// The producer prepares Form 01 and Form 02 with its evidence annex.
    DossierInPreparation,
    /// The commune received the dossier: its 15-working-day clock runs (Art. 7 step 2).
    SubmittedToCommune,
    /// The commune assesses the four items and issues Form 03, the request letter and 5 samples.
    CommuneAssessment,
    /// Sent to the province (round cut-offs 30 Apr / 30 Oct).
    ForwardedToProvince,
    /// The provincial advisory team and council evaluate (results by 30 Jun / 30 Dec).
    ProvincialEvaluation,
    /// Scored ≥ 90 at the province and sent to the ministry for 5★ (Art. 7 step 9).
    SentToMinistry,
    /// Recognised with a star and a certificate valid 36 months.
    Recognised,
    /// Not recognised (below 3★ or eliminated).
    NotRecognised,
    /// The certificate was revoked.
    Revoked,
    /// The certificate expired without re-rating.
    Expired,
}

impl Stage {
    /// Every stage in process order.
    pub const ALL: [Stage; 11] = [
        Stage::Preparing,
        Stage::DossierInPreparation,
        Stage::SubmittedToCommune,
        Stage::CommuneAssessment,
        Stage::ForwardedToProvince,
        Stage::ProvincialEvaluation,
        Stage::SentToMinistry,
        Stage::Recognised,
        Stage::NotRecognised,
        Stage::Revoked,
        Stage::Expired,
    ];

    /// The main path a successful application follows, shown as the stepper.
    pub const MAIN_PATH: [Stage; 7] = [
        Stage::Preparing,
        Stage::DossierInPreparation,
        Stage::SubmittedToCommune,
        Stage::CommuneAssessment,
        Stage::ForwardedToProvince,
        Stage::ProvincialEvaluation,
        Stage::Recognised,
    ];

    /// Position on the main path; side stages map to where they branch off.
    pub fn path_index(self) -> usize {
        match self {
            Stage::Preparing => 0,
            Stage::DossierInPreparation => 1,
            Stage::SubmittedToCommune => 2,
            Stage::CommuneAssessment => 3,
            Stage::ForwardedToProvince => 4,
            Stage::ProvincialEvaluation | Stage::SentToMinistry | Stage::NotRecognised => 5,
            Stage::Recognised | Stage::Revoked | Stage::Expired => 6,
        }
    }

    /// Whether the application is still before the provincial council (the commune's part).
    pub fn is_at_commune(self) -> bool {
        matches!(
            self,
            Stage::DossierInPreparation | Stage::SubmittedToCommune | Stage::CommuneAssessment
        )
    }

    /// Whether the application is closed (no more process steps).
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Stage::Recognised | Stage::NotRecognised | Stage::Revoked | Stage::Expired
        )
    }

    /// The usual next stage, if any.
    pub fn next(self) -> Option<Stage> {
        match self {
            Stage::Preparing => Some(Stage::DossierInPreparation),
            Stage::DossierInPreparation => Some(Stage::SubmittedToCommune),
            Stage::SubmittedToCommune => Some(Stage::CommuneAssessment),
            Stage::CommuneAssessment => Some(Stage::ForwardedToProvince),
            Stage::ForwardedToProvince => Some(Stage::ProvincialEvaluation),
            Stage::ProvincialEvaluation | Stage::SentToMinistry => Some(Stage::Recognised),
            // After recognition the next step is a new application (re-rating or upgrade);
            // expiry happens on its date, it is not a step to click.
            Stage::Recognised | Stage::NotRecognised | Stage::Revoked | Stage::Expired => None,
        }
    }

    /// The side outcomes that make sense from this stage (the "other outcomes" menu).
    pub fn other_outcomes(self) -> &'static [Stage] {
        match self {
            Stage::ProvincialEvaluation => &[Stage::SentToMinistry, Stage::NotRecognised],
            Stage::ForwardedToProvince | Stage::SentToMinistry => &[Stage::NotRecognised],
            Stage::Recognised => &[Stage::Revoked, Stage::Expired],
            Stage::Preparing
            | Stage::DossierInPreparation
            | Stage::SubmittedToCommune
            | Stage::CommuneAssessment
            | Stage::NotRecognised
            | Stage::Revoked
            | Stage::Expired => &[],
        }
    }

    /// Stable machine name (used by the CLI and in CSV output).
    pub fn code(self) -> &'static str {
        match self {
            Stage::Preparing => "preparing",
            Stage::DossierInPreparation => "dossier",
            Stage::SubmittedToCommune => "submitted",
            Stage::CommuneAssessment => "commune-assessment",
            Stage::ForwardedToProvince => "forwarded",
            Stage::ProvincialEvaluation => "provincial-evaluation",
            Stage::SentToMinistry => "sent-to-ministry",
            Stage::Recognised => "recognised",
            Stage::NotRecognised => "not-recognised",
            Stage::Revoked => "revoked",
            Stage::Expired => "expired",
        }
    }
}

/// A piece of information a stage needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StageField {
    /// Date the commune received the dossier.
    ReceivedByCommune,
    /// Date the dossier went to the province.
    ForwardedToProvince,
    /// The provincial council's average score.
    ProvincialScore,
    /// Date the dossier went to the ministry.
    SentToMinistry,
    /// Star on the certificate.
    CertificateStar,
    CertificateNumber,
    /// Certificate issue date.
    CertificateIssued,
    /// Date of the negative result.
    NotRecognisedOn,
    /// Date of revocation.
    RevocationDate,
    /// Ground of revocation.
    RevocationReason,
}

/// Values the officer supplies when moving an application to another stage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StageInput {
    /// Receipt date at the commune.
    pub received_by_commune: Option<NaiveDate>,
    /// Forwarding date to the province.
    pub forwarded_to_province: Option<NaiveDate>,
    /// Provincial average score.
    pub provincial_score: Option<f32>,
    /// Date sent to the ministry.
    pub sent_to_ministry: Option<NaiveDate>,
    pub certificate_star: Option<u8>,
    pub certificate_number: Option<String>,
    /// Certificate issue date.
    pub certificate_issued: Option<NaiveDate>,
    /// Date of the negative result.
    pub not_recognised_on: Option<NaiveDate>,
    pub revocation_date: Option<NaiveDate>,
    pub revocation_reason: Option<String>,
}

/// Why a value given for a stage change is not one the rules allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidValue {
    /// A score is between 0 and 100.
    ScoreOutOfRange,
    /// Decision 26/2026, Art. 7 step 7: only products scoring at least 90 go to the
    /// ministry (for 5 stars).
    BelowMinistryScore,
    /// A certificate carries 3, 4 or 5 stars.
    CertificateStars,
}

impl std::fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            InvalidValue::ScoreOutOfRange => "score must be between 0 and 100",
            InvalidValue::BelowMinistryScore => {
                "only products scoring at least 90 go to the ministry for 5 stars"
            }
            InvalidValue::CertificateStars => "a certificate carries 3, 4 or 5 stars",
        })
    }
}

/// Why a stage change was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StageError {
    /// Required information is missing; the UI asks for exactly these fields.
    #[error("missing information: {fields:?}")]
    Missing {
        /// Fields to ask for.
        fields: Vec<StageField>,
    },
    /// A value is outside what the rules allow.
    #[error("invalid {field:?}: {reason}")]
    Invalid {
        /// Which field.
        field: StageField,
        /// Why (worded by `text::command_error`; English in `Display`, for logs).
        reason: InvalidValue,
    },
    /// The move makes no sense from the current stage.
    #[error("cannot move from {from:?} to {to:?}")]
    NotAllowed {
        /// Current stage.
        from: Stage,
        /// Requested stage.
        to: Stage,
    },
}

/// Fields the given stage itself requires.
fn own_fields(stage: Stage) -> &'static [StageField] {
    use StageField as F;
    match stage {
        Stage::SubmittedToCommune => &[F::ReceivedByCommune],
        Stage::ForwardedToProvince => &[F::ForwardedToProvince],
        Stage::SentToMinistry => &[F::ProvincialScore, F::SentToMinistry],
        Stage::Recognised => &[
            F::CertificateStar,
            F::CertificateNumber,
            F::CertificateIssued,
        ],
        Stage::NotRecognised => &[F::NotRecognisedOn],
        Stage::Revoked => &[F::RevocationDate, F::RevocationReason],
        Stage::Preparing
        | Stage::DossierInPreparation
        | Stage::CommuneAssessment
        | Stage::ProvincialEvaluation
        | Stage::Expired => &[],
    }
}

/// Every field needed to stand at `target`: its own, and those of the main-path stages it
/// skips over (a product cannot be "forwarded" without ever having been received).
pub fn required_fields(target: Stage) -> Vec<StageField> {
    let mut fields = Vec::new();
    for stage in Stage::MAIN_PATH {
        if stage.path_index() < target.path_index() && stage != Stage::Recognised {
            fields.extend_from_slice(own_fields(stage));
        }
    }
    if matches!(target, Stage::Revoked | Stage::Expired) {
        fields.extend_from_slice(own_fields(Stage::Recognised));
    }
    fields.extend_from_slice(own_fields(target));
    fields
}

/// Whether the application already holds a value for `field`.
fn has_field(app: &Application, field: StageField) -> bool {
    use StageField as F;
    match field {
        F::ReceivedByCommune => app.dates.received_by_commune.is_some(),
        F::ForwardedToProvince => app.dates.forwarded_to_province.is_some(),
        F::ProvincialScore => app.scores.official.average_score.is_some(),
        F::SentToMinistry => app.dates.sent_to_ministry.is_some(),
        F::CertificateStar | F::CertificateNumber | F::CertificateIssued => {
            app.certificate.is_some()
        }
        F::NotRecognisedOn => app.dates.not_recognised_on.is_some(),
        F::RevocationDate | F::RevocationReason => app.revocation.is_some(),
    }
}

fn input_has(input: &StageInput, field: StageField) -> bool {
    use StageField as F;
    match field {
        F::ReceivedByCommune => input.received_by_commune.is_some(),
        F::ForwardedToProvince => input.forwarded_to_province.is_some(),
        F::ProvincialScore => input.provincial_score.is_some(),
        F::SentToMinistry => input.sent_to_ministry.is_some(),
        F::CertificateStar => input.certificate_star.is_some(),
        F::CertificateNumber => input
            .certificate_number
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty()),
        F::CertificateIssued => input.certificate_issued.is_some(),
        F::NotRecognisedOn => input.not_recognised_on.is_some(),
        F::RevocationDate => input.revocation_date.is_some(),
        F::RevocationReason => input
            .revocation_reason
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty()),
    }
}

/// The fields the officer still has to give to move `app` to `target`.
pub fn missing_fields(app: &Application, target: Stage, input: &StageInput) -> Vec<StageField> {
    required_fields(target)
        .into_iter()
        .filter(|f| !has_field(app, *f) && !input_has(input, *f))
        .collect()
}

/// Moves `app` to `target`, storing what `input` supplies.
///
/// Moving back is always allowed and keeps the recorded dates (nothing is erased).
/// Moving forward needs every field of [`required_fields`]; missing ones are returned
/// so the UI can ask for them instead of silently accepting.
pub fn change_stage(
    app: &mut Application,
    target: Stage,
    input: &StageInput,
) -> Result<(), StageError> {
    if matches!(target, Stage::Revoked | Stage::Expired)
        && app.certificate.is_none()
        && input.certificate_star.is_none()
    {
        return Err(StageError::NotAllowed {
            from: app.stage,
            to: target,
        });
    }
    let missing = missing_fields(app, target, input);
    if !missing.is_empty() {
        return Err(StageError::Missing { fields: missing });
    }
    if let Some(score) = input.provincial_score
        && !(0.0..=100.0).contains(&score)
    {
        return Err(StageError::Invalid {
            field: StageField::ProvincialScore,
            reason: InvalidValue::ScoreOutOfRange,
        });
    }
    // Decision 26/2026, Art. 7 step 7: only products scoring ≥ 90 go to the ministry.
    if target == Stage::SentToMinistry {
        let score = input
            .provincial_score
            .or(app.scores.official.average_score)
            .unwrap_or(0.0);
        if score < 90.0 {
            return Err(StageError::Invalid {
                field: StageField::ProvincialScore,
                reason: InvalidValue::BelowMinistryScore,
            });
        }
    }
    if let Some(star) = input.certificate_star {
        // No certificate below 3★ (domain brief §2.3); 5★ is the ministry's.
        if !(3..=5).contains(&star) {
            return Err(StageError::Invalid {
                field: StageField::CertificateStar,
                reason: InvalidValue::CertificateStars,
            });
        }
    }
    // Store the supplied values.
    if let Some(d) = input.received_by_commune {
        app.dates.received_by_commune = Some(d);
    }
    if let Some(d) = input.forwarded_to_province {
        app.dates.forwarded_to_province = Some(d);
    }
    if let Some(s) = input.provincial_score {
        app.scores.official.average_score = Some(s);
    }
    if let Some(d) = input.sent_to_ministry {
        app.dates.sent_to_ministry = Some(d);
    }
    if let (Some(star), Some(number), Some(issued_on)) = (
        input.certificate_star,
        input.certificate_number.as_ref(),
        input.certificate_issued,
    ) {
        app.certificate = Some(Certificate {
            star,
            number: number.trim().to_owned(),
            issued_on,
        });
        app.scores.official.star = Some(star);
        if app.scores.official.date.is_none() {
            app.scores.official.date = Some(issued_on);
        }
    }
    if let Some(d) = input.not_recognised_on {
        app.dates.not_recognised_on = Some(d);
    }
    if let (Some(date), Some(reason)) = (input.revocation_date, input.revocation_reason.as_ref()) {
        app.revocation = Some(Revocation {
            date,
            reason: reason.trim().to_owned(),
        });
    }
    app.stage = target;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{ApplicationKind, CURRENT_RULE_VERSION};

    fn app_at(stage: Stage) -> Application {
        Application {
            kind: ApplicationKind::FirstRating,
            rule_version: CURRENT_RULE_VERSION.to_owned(),
            year: 2026,
            stage,
            dates: Default::default(),
            certificate: None,
            revocation: None,
            dossier: vec![],
            scores: Default::default(),
            notes: String::new(),
            forms: Default::default(),
            remarks: Vec::new(),
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn forward_without_information_asks_for_it() {
        use StageField as F;
        let cases: &[(Stage, Stage, &[StageField])] = &[
            (Stage::Preparing, Stage::DossierInPreparation, &[]),
            (
                Stage::DossierInPreparation,
                Stage::SubmittedToCommune,
                &[F::ReceivedByCommune],
            ),
            (
                Stage::Preparing,
                Stage::ForwardedToProvince,
                &[F::ReceivedByCommune, F::ForwardedToProvince],
            ),
            (
                Stage::ProvincialEvaluation,
                Stage::Recognised,
                &[
                    F::ReceivedByCommune,
                    F::ForwardedToProvince,
                    F::CertificateStar,
                    F::CertificateNumber,
                    F::CertificateIssued,
                ],
            ),
        ];
        for (from, to, expected) in cases {
            let mut app = app_at(*from);
            let result = change_stage(&mut app, *to, &StageInput::default());
            if expected.is_empty() {
                assert_eq!(result, Ok(()), "{from:?} -> {to:?}");
                assert_eq!(app.stage, *to);
            } else {
                assert_eq!(
                    result,
                    Err(StageError::Missing {
                        fields: expected.to_vec()
                    }),
                    "{from:?} -> {to:?}"
                );
                assert_eq!(app.stage, *from, "a refused move leaves the stage alone");
            }
        }
    }

    #[test]
    fn recognised_with_certificate_stores_it() {
        let mut app = app_at(Stage::ProvincialEvaluation);
        app.dates.received_by_commune = Some(d(2026, 3, 2));
        app.dates.forwarded_to_province = Some(d(2026, 3, 20));
        let input = StageInput {
            certificate_star: Some(3),
            certificate_number: Some("123/QĐ-UBND".into()),
            certificate_issued: Some(d(2026, 6, 25)),
            ..Default::default()
        };
        assert_eq!(change_stage(&mut app, Stage::Recognised, &input), Ok(()));
        assert_eq!(app.stage, Stage::Recognised);
        let cert = app.certificate.expect("certificate stored");
        assert_eq!(cert.star, 3);
        assert_eq!(cert.issued_on, d(2026, 6, 25));
    }

    #[test]
    fn star_outside_three_to_five_is_refused() {
        let mut app = app_at(Stage::ProvincialEvaluation);
        app.dates.received_by_commune = Some(d(2026, 3, 2));
        app.dates.forwarded_to_province = Some(d(2026, 3, 20));
        let input = StageInput {
            certificate_star: Some(2),
            certificate_number: Some("1".into()),
            certificate_issued: Some(d(2026, 6, 25)),
            ..Default::default()
        };
        assert!(matches!(
            change_stage(&mut app, Stage::Recognised, &input),
            Err(StageError::Invalid {
                field: StageField::CertificateStar,
                ..
            })
        ));
    }

    #[test]
    fn ministry_needs_ninety_points() {
        let mut app = app_at(Stage::ProvincialEvaluation);
        app.dates.received_by_commune = Some(d(2026, 3, 2));
        app.dates.forwarded_to_province = Some(d(2026, 3, 20));
        let mut input = StageInput {
            provincial_score: Some(89.5),
            sent_to_ministry: Some(d(2026, 7, 1)),
            ..Default::default()
        };
        assert!(change_stage(&mut app, Stage::SentToMinistry, &input).is_err());
        input.provincial_score = Some(90.0);
        assert_eq!(
            change_stage(&mut app, Stage::SentToMinistry, &input),
            Ok(())
        );
    }

    #[test]
    fn moving_back_keeps_dates() {
        let mut app = app_at(Stage::SubmittedToCommune);
        app.dates.received_by_commune = Some(d(2026, 3, 2));
        assert_eq!(
            change_stage(
                &mut app,
                Stage::DossierInPreparation,
                &StageInput::default()
            ),
            Ok(())
        );
        assert_eq!(app.dates.received_by_commune, Some(d(2026, 3, 2)));
    }

    #[test]
    fn revoking_needs_a_certificate() {
        let mut app = app_at(Stage::ProvincialEvaluation);
        assert!(matches!(
            change_stage(&mut app, Stage::Revoked, &StageInput::default()),
            Err(StageError::NotAllowed { .. })
        ));
    }

    #[test]
    fn next_follows_the_process() {
        let mut stage = Stage::Preparing;
        let mut seen = vec![stage];
        while let Some(next) = stage.next() {
            stage = next;
            seen.push(stage);
        }
        assert_eq!(seen.first(), Some(&Stage::Preparing));
        assert_eq!(seen.last(), Some(&Stage::Recognised));
    }
}
