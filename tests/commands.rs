//! `command::apply`, one row per command: the command, then what must hold afterwards
//! (or the refusal expected), on a fresh copy of the seed workspace each time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use chrono::NaiveDate;
use ocop_tracker::command::{self, Command, CommandError, DocDateField, Refusal, Sheet, TextField};
use ocop_tracker::domain::dossier::DocStatus;
use ocop_tracker::domain::model::{ApplicationKind, ProducerKind, Product, ProductId, Workspace};
use ocop_tracker::domain::scoring::Answer;
use ocop_tracker::domain::stage::{Stage, StageInput};

fn id(raw: &str) -> ProductId {
    ProductId::parse(raw).expect("valid id")
}

fn com() -> ProductId {
    id("com-hong-quang")
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn product<'a>(ws: &'a Workspace, raw: &str) -> &'a Product {
    &ws.products[&id(raw)]
}

fn entry_status(ws: &Workspace, key: &str) -> DocStatus {
    product(ws, "com-hong-quang")
        .current()
        .and_then(|a| a.dossier.iter().find(|e| e.key == key))
        .map(|e| e.status)
        .expect("entry")
}

type Check = fn(&Workspace) -> bool;

#[test]
fn every_command_does_what_it_says() {
    let catalog = common::catalog();
    let seed = ocop_tracker::domain::demo::seed_workspace(&catalog);
    let attachment = ocop_tracker::domain::dossier::Attachment {
        sha256: "ab".repeat(32),
        file_name: "Giấy phép.pdf".into(),
        size_bytes: 10,
        stored_path: format!("evidence/ab/{}.pdf", "ab".repeat(32)),
        added_at: day(2026, 11, 20)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("time"),
        document_date: None,
        valid_until: None,
    };
    let mut merged = seed.products[&com()].clone();
    merged.notes = "gộp".into();
    let rows: Vec<(&str, Command, Result<Check, CommandError>)> = vec![
        (
            "add",
            Command::AddProduct {
                id: id("mat-ong"),
                name: "Mật ong".into(),
                scoring_set: 7,
                year: 2026,
            },
            Ok(|ws| {
                product(ws, "mat-ong").scoring_set == 7 && product(ws, "mat-ong").name == "Mật ong"
            }),
        ),
        (
            "add an existing id",
            Command::AddProduct {
                id: com(),
                name: "x".into(),
                scoring_set: 6,
                year: 2026,
            },
            Err(CommandError::Exists(com())),
        ),
        (
            "add with a bad set",
            Command::AddProduct {
                id: id("x"),
                name: "x".into(),
                scoring_set: 27,
                year: 2026,
            },
            Err(CommandError::Refused(Refusal::ScoringSetRange)),
        ),
        (
            "delete",
            Command::DeleteProduct { id: com() },
            Ok(|ws| !ws.products.contains_key(&com())),
        ),
        (
            "rename",
            Command::SetText {
                id: com(),
                field: TextField::Name,
                value: "Cốm Hồng Quang mới".into(),
            },
            Ok(|ws| product(ws, "com-hong-quang").name == "Cốm Hồng Quang mới"),
        ),
        (
            "empty name",
            Command::SetText {
                id: com(),
                field: TextField::Name,
                value: "  ".into(),
            },
            Err(CommandError::Refused(Refusal::EmptyName)),
        ),
        (
            "producer kind",
            Command::SetProducerKind {
                id: com(),
                kind: ProducerKind::Household,
            },
            Ok(|ws| product(ws, "com-hong-quang").producer.kind == ProducerKind::Household),
        ),
        (
            "scoring set",
            Command::SetScoringSet {
                id: com(),
                scoring_set: 7,
            },
            Ok(|ws| product(ws, "com-hong-quang").scoring_set == 7),
        ),
        (
            "document status",
            Command::SetDocStatus {
                id: com(),
                key: "environment-records".into(),
                status: DocStatus::Ready,
            },
            Ok(|ws| entry_status(ws, "environment-records") == DocStatus::Ready),
        ),
        (
            "document note",
            Command::SetDocNote {
                id: com(),
                key: "form-02".into(),
                note: "đủ".into(),
            },
            Ok(|ws| {
                product(ws, "com-hong-quang").current().is_some_and(|a| {
                    a.dossier
                        .iter()
                        .any(|e| e.key == "form-02" && e.note == "đủ")
                })
            }),
        ),
        (
            "document date",
            Command::SetDocDate {
                id: com(),
                key: "form-02".into(),
                which: DocDateField::Issued,
                date: day(2026, 11, 1),
            },
            Ok(|ws| {
                product(ws, "com-hong-quang").current().is_some_and(|a| {
                    a.dossier
                        .iter()
                        .any(|e| e.key == "form-02" && e.issued_on == day(2026, 11, 1))
                })
            }),
        ),
        (
            "unknown document",
            Command::SetDocStatus {
                id: com(),
                key: "nope".into(),
                status: DocStatus::Ready,
            },
            Err(CommandError::NoDocument { key: "nope".into() }),
        ),
        (
            "stage",
            Command::ChangeStage {
                id: com(),
                target: Stage::ForwardedToProvince,
                input: Box::new(StageInput {
                    forwarded_to_province: day(2026, 11, 25),
                    ..Default::default()
                }),
            },
            Ok(|ws| {
                product(ws, "com-hong-quang")
                    .current()
                    .is_some_and(|a| a.stage == Stage::ForwardedToProvince)
            }),
        ),
        (
            "new application while one is open",
            Command::StartApplication {
                id: com(),
                kind: ApplicationKind::Upgrade,
                year: 2027,
            },
            Err(CommandError::Refused(Refusal::ApplicationOpen)),
        ),
        (
            "answer",
            Command::SetAnswer {
                id: com(),
                sheet: Sheet::Commune,
                criterion: "1.1".into(),
                answer: Some(Answer::NotMet),
            },
            Ok(|ws| {
                product(ws, "com-hong-quang").current().is_some_and(|a| {
                    a.scores.commune_view.answers.get("1.1") == Some(&Answer::NotMet)
                })
            }),
        ),
        (
            "criterion note",
            Command::SetCriterionNote {
                id: com(),
                sheet: Sheet::SelfAssessment,
                criterion: "1.1".into(),
                note: "xem".into(),
            },
            Ok(|ws| {
                product(ws, "com-hong-quang").current().is_some_and(|a| {
                    a.scores
                        .self_assessment
                        .notes
                        .get("1.1")
                        .is_some_and(|n| n == "xem")
                })
            }),
        ),
        (
            "attach",
            Command::Attach {
                id: com(),
                key: "form-02".into(),
                attachments: vec![attachment.clone()],
            },
            Ok(|ws| {
                product(ws, "com-hong-quang").current().is_some_and(|a| {
                    a.dossier
                        .iter()
                        .any(|e| e.key == "form-02" && e.attachments.len() == 1)
                })
            }),
        ),
        (
            "detach what is not there",
            Command::Detach {
                id: com(),
                key: "form-02".into(),
                sha256: "00".repeat(32),
            },
            Err(CommandError::Refused(Refusal::NoSuchAttachment)),
        ),
        (
            "certificate where there is none",
            Command::SetCertificate {
                id: com(),
                number: "1/QĐ".into(),
                issued_on: day(2026, 1, 1).expect("d"),
            },
            Err(CommandError::Refused(Refusal::NoCertificate)),
        ),
        (
            "official result",
            Command::SetOfficialResult {
                id: com(),
                average_score: Some(72.5),
                star: Some(4),
                date: day(2026, 12, 1),
            },
            Ok(|ws| {
                product(ws, "com-hong-quang")
                    .current()
                    .is_some_and(|a| a.scores.official.star == Some(4))
            }),
        ),
        (
            "official star out of range",
            Command::SetOfficialResult {
                id: com(),
                average_score: None,
                star: Some(2),
                date: None,
            },
            Err(CommandError::Refused(Refusal::OfficialStarRange)),
        ),
        (
            "resolve a conflict",
            Command::ResolveConflict {
                id: com(),
                merged: Box::new(merged),
            },
            Ok(|ws| product(ws, "com-hong-quang").notes == "gộp"),
        ),
        (
            "workspace settings",
            Command::SetWorkspaceInfo {
                info: ocop_tracker::domain::model::WorkspaceInfo {
                    name: "Xã mới".into(),
                    ..Default::default()
                },
            },
            Ok(|ws| ws.info.name == "Xã mới"),
        ),
        (
            "no such product",
            Command::SetText {
                id: id("khong-co"),
                field: TextField::Notes,
                value: "x".into(),
            },
            Err(CommandError::NoProduct(id("khong-co"))),
        ),
    ];
    for (name, command, expected) in rows {
        let mut ws = seed.clone();
        let result = command::apply(&mut ws, &catalog, &command);
        match expected {
            Ok(check) => {
                assert_eq!(result, Ok(()), "{name}");
                assert!(check(&ws), "{name}: not what the command says");
            }
            Err(expected) => {
                assert_eq!(result, Err(expected), "{name}");
                assert_eq!(ws, seed, "{name}: a refused command changes nothing");
            }
        }
    }
}
