//! Who does what between a cooperative and its commune, and a district reading many
//! communes at once: a producer's workspace refuses the commune's parts and says what its
//! bundle still lacks; the many-communes view checks each product's evidence where it is
//! and says where each product came from.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use std::path::{Path, PathBuf};

use crate::common;
use crate::exchange::{COM, cli_bundle, id, open, producer_workspace, snapshot, sound_bundle};

use ocop_tracker::app::exchange;
use ocop_tracker::command::Command;
use ocop_tracker::domain::model::{FormText, ProductId};
use ocop_tracker::domain::scoring::Answer;
use ocop_tracker::storage;
use ocop_tracker::text::Lang;

/// A district folder `huyen` in `root` holding `n` copies of the demo workspace (`xa-0`…).
fn district_of(root: &Path, n: usize) -> PathBuf {
    let district = root.join("huyen");
    std::fs::create_dir(&district).unwrap();
    for n in 0..n {
        let ws = district.join(format!("xa-{n}"));
        common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("saves"), &ws);
    }
    district
}

use common::verified;

#[test]
fn many_communes_open_as_one_read_only_portfolio() {
    let tmp = tempfile::tempdir().unwrap();
    let district = district_of(tmp.path(), 3);
    let sound = sound_bundle(tmp.path());
    std::fs::copy(&sound, district.join("Cốm gửi huyện.ocop.zip")).unwrap();
    std::fs::write(district.join("broken.ocop.zip"), "not a zip").unwrap();
    let before = snapshot(&district);
    let mut state =
        exchange::open_many(&district, common::catalog(), common::today(), Lang::Vi).expect("many");
    // The bundle holds one of the communes' Cốm: counted once, not as an eighth product.
    assert_eq!(state.workspace().products.len(), 3 * 2);
    assert!(
        state.messages().iter().any(|m| m
            .words(Lang::Vi)
            .starts_with("1 sản phẩm có cả trong thư mục của xã và trong gói")),
        "{:?}",
        state.messages()
    );
    assert!(state.workspace_locked().is_some());
    let any = state.workspace().products.keys().next().unwrap().clone();
    assert!(
        state
            .apply(&Command::SetText {
                id: any,
                field: ocop_tracker::command::TextField::Notes,
                value: "x".into(),
            })
            .is_err(),
        "nothing can be edited"
    );
    assert!(
        state
            .load_problems()
            .iter()
            .map(|p| ocop_tracker::say::reason(p, Lang::Vi))
            .any(|p| p.contains("broken.ocop.zip") && p.contains("không phải tệp zip")),
        "the broken bundle is named: {:?}",
        state.load_problems()
    );
    drop(state);
    assert_eq!(snapshot(&district), before, "nothing written");
}

#[test]
fn many_communes_check_each_products_evidence_in_its_own_folder() {
    use ocop_tracker::storage::evidence::EvidenceStatus;
    let tmp = tempfile::tempdir().unwrap();
    let district = district_of(tmp.path(), 2);
    // One evidence file gone from the second commune only: its copy of Cốm must show it
    // missing although the first commune holds the very same file.
    let gone = std::fs::read_dir(district.join("xa-1/evidence"))
        .unwrap()
        .filter_map(Result::ok)
        .flat_map(|d| std::fs::read_dir(d.path()).unwrap().filter_map(Result::ok))
        .map(|f| f.path())
        .next()
        .expect("an evidence file");
    let gone_stored = gone
        .strip_prefix(district.join("xa-1"))
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    std::fs::remove_file(&gone).unwrap();
    // A bundle of another producer's product holding the same evidence (a bundle of the
    // very same product would count once with its commune's record:
    // `roundtrip::many_communes_…`).
    let producer_dir = crate::exchange::producer_workspace(tmp.path());
    let mut producer = open(&producer_dir);
    producer
        .apply(&Command::SetText {
            id: id(COM),
            field: ocop_tracker::command::TextField::Producer,
            value: "HTX Cốm Lâm Bình".into(),
        })
        .unwrap();
    assert!(producer.flush());
    let path = tmp.path().join("sound.ocop.zip");
    producer
        .bundle_request(&id(COM))
        .unwrap()
        .write(
            &path,
            &mut |_, _| {},
            &std::sync::atomic::AtomicBool::new(false),
        )
        .unwrap();
    drop(producer);
    std::fs::copy(&path, district.join("Cốm.ocop.zip")).unwrap();

    let mut state =
        exchange::open_many(&district, common::catalog(), common::today(), Lang::Vi).expect("many");
    for check in state.attachments_to_verify() {
        let home = &check.home;
        assert!(
            *home == district.join("xa-0")
                || *home == district.join("xa-1")
                || *home == district.join("Cốm.ocop.zip"),
            "checked where it is, not in {}",
            home.display()
        );
    }
    verified(&mut state);
    // Which copy of Cốm is whose: the view names them com-hong-quang, -2, -3, the communes'
    // folders first, then the bundle.
    let products: Vec<(ProductId, Vec<String>)> = state
        .workspace()
        .products
        .values()
        .map(|p| (p.id.clone(), common::stored_paths(&p)))
        .filter(|(_, stored): &(ProductId, Vec<String>)| stored.contains(&gone_stored))
        .collect();
    assert_eq!(products.len(), 3, "Cốm in two communes and in the bundle");
    // Each copy says where it was read from.
    let sources: Vec<Option<String>> = products.iter().map(|(id, _)| state.source_of(id)).collect();
    assert_eq!(
        sources,
        vec![
            Some("xa-0".to_owned()),
            Some("xa-1".to_owned()),
            Some("Cốm.ocop.zip".to_owned()),
        ]
    );
    let status_of = |id: &ProductId| state.evidence_of(id, &gone_stored).0.cloned();
    let statuses: Vec<Option<EvidenceStatus>> =
        products.iter().map(|(id, _)| status_of(id)).collect();
    assert_eq!(
        statuses,
        vec![
            Some(EvidenceStatus::Ok),
            Some(EvidenceStatus::Missing),
            Some(EvidenceStatus::InBundle),
        ],
        "xa-0, xa-1, bundle in that order: {products:?}"
    );
    // Every other file: intact in both communes, in the bundle for the bundle's product.
    for (n, (id, stored)) in products.iter().enumerate() {
        for path in stored.iter().filter(|s| **s != gone_stored) {
            let want = if n == 2 {
                EvidenceStatus::InBundle
            } else {
                EvidenceStatus::Ok
            };
            let (status, on_disk) = state.evidence_of(id, path);
            assert_eq!(status, Some(&want), "{id:?} {path}");
            // Only a file in a commune's folder can be shown or opened, from that folder.
            match on_disk {
                Some(file) => {
                    assert!(n < 2 && file.is_file());
                    assert!(file.starts_with(district.join(format!("xa-{n}"))));
                }
                None => assert_eq!(n, 2, "{path}"),
            }
        }
    }
}

#[test]
fn many_communes_with_the_same_longest_ids_open() {
    let tmp = tempfile::tempdir().unwrap();
    let district = tmp.path().join("huyen");
    let catalog = common::catalog();
    let template = catalog.current_template().unwrap().clone();
    let long = "a".repeat(64);
    for n in 0..3 {
        let product =
            ocop_tracker::domain::demo::new_product(id(&long), "Sản phẩm dài", 6, &template, 2026);
        let workspace = ocop_tracker::domain::model::Workspace {
            info: Default::default(),
            products: [(product.id.clone(), product)].into_iter().collect(),
        };
        storage::save_workspace(&district.join(format!("xa-{n}")), &workspace).unwrap();
    }
    let state = exchange::open_many(&district, catalog, common::today(), Lang::Vi).unwrap();
    assert_eq!(
        state.workspace().products.len(),
        3,
        "each kept under its own id"
    );
}

#[test]
fn a_producers_workspace_edits_its_own_parts_and_refuses_the_communes() {
    use ocop_tracker::command::{CommandError, Refusal, Sheet, TextField};
    use ocop_tracker::domain::dossier::DocStatus;
    use ocop_tracker::domain::stage::{Stage, StageInput};
    let tmp = tempfile::tempdir().unwrap();
    let mut producer = open(&producer_workspace(tmp.path()));
    let criterion = producer
        .catalog()
        .scoring_set("26/2026/QĐ-TTg", 6)
        .expect("set 6")
        .criteria[0]
        .key
        .clone();
    let before = std::fs::read(tmp.path().join("htx/products/com-hong-quang.ron")).unwrap();
    // The commune's: its documents, the stage from receipt on, its score sheet, its
    // notes and Form 03 texts, the council's result, the certificate.
    let communes = [
        Command::SetDocStatus {
            id: id(COM),
            key: "form-03".into(),
            status: DocStatus::Ready,
        },
        Command::ChangeStage {
            id: id(COM),
            target: Stage::Recognised,
            input: Box::new(StageInput::default()),
        },
        // Back from "submitted" too: the commune recorded the receipt.
        Command::ChangeStage {
            id: id(COM),
            target: Stage::DossierInPreparation,
            input: Box::new(StageInput::default()),
        },
        Command::SetText {
            id: id(COM),
            field: TextField::ProductCode,
            value: "TQ-2026-01".into(),
        },
        Command::SetAnswer {
            id: id(COM),
            sheet: Sheet::Commune,
            criterion: criterion.clone(),
            answer: Some(Answer::Chosen { option: 0 }),
        },
        Command::SetText {
            id: id(COM),
            field: TextField::ApplicationNotes,
            value: "x".into(),
        },
        Command::SetText {
            id: id(COM),
            field: TextField::Form(FormText::CommuneLabour),
            value: "x".into(),
        },
        Command::SetOfficialResult {
            id: id(COM),
            average_score: Some(80.0),
            star: Some(4),
            date: None,
        },
        Command::SetReportDate {
            id: id(COM),
            date: None,
        },
    ];
    for command in &communes {
        assert_eq!(
            producer.apply(command),
            Err(CommandError::Refused(Refusal::CommunesPart)),
            "{command:?}"
        );
    }
    assert!(producer.flush());
    assert_eq!(
        std::fs::read(tmp.path().join("htx/products/com-hong-quang.ron")).unwrap(),
        before,
        "nothing of the commune's was written"
    );
    // Files are attached (and copied) only to its own documents.
    assert!(!producer.may_attach(&id(COM), "form-03"));
    assert!(producer.may_attach(&id(COM), "form-02"));
    // Asked before anything is copied, the refusal is the one the command would give.
    assert_eq!(
        producer.attach_refusal(&id(COM), "form-03"),
        Some(ocop_tracker::app::Notice::error(Refusal::CommunesPart))
    );
    assert!(producer.attach_refusal(&id(COM), "form-02").is_none());
    // Its own: its documents, its self-assessment, its Form 02 and Form 03 statements.
    let own = [
        Command::SetDocStatus {
            id: id(COM),
            key: "form-02".into(),
            status: DocStatus::Ready,
        },
        Command::SetAnswer {
            id: id(COM),
            sheet: Sheet::SelfAssessment,
            criterion,
            answer: Some(Answer::Chosen { option: 0 }),
        },
        Command::SetText {
            id: id(COM),
            field: TextField::Form(FormText::BusinessPlan),
            value: "Kế hoạch 2027".into(),
        },
        Command::SetText {
            id: id(COM),
            field: TextField::Form(FormText::ProducerLabour),
            value: "12 lao động".into(),
        },
    ];
    for command in &own {
        producer
            .apply(command)
            .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    }
    // A commune's workspace still edits everything (the officer often keeps it all).
    let (_tmp2, ws) = common::demo_copy();
    let mut commune = open(&ws);
    for command in &communes[..1] {
        commune.apply(command).expect("the commune's own");
    }
}

#[test]
fn a_cooperatives_bundle_says_what_it_still_lacks() {
    use ocop_tracker::domain::exchange::{BundleGap, bundle_gaps};
    let tmp = tempfile::tempdir().unwrap();
    let ws = producer_workspace(tmp.path());
    let out = tmp.path().join("Cốm.ocop.zip");
    let run = cli_bundle(&ws, &out);
    assert!(run.status.success());
    let said = String::from_utf8_lossy(&run.stderr);
    // The demo's Cốm still lacks Form 02 and the five samples (the producer's own).
    assert!(
        said.contains(
            "cảnh báo: Lưu ý trước khi gửi cho xã: còn 2 tài liệu bắt buộc của chủ thể chưa sẵn sàng"
        ),
        "{said}"
    );
    // Everything a draft can lack, named.
    let state = open(&ws);
    let mut draft = state.workspace().products[&id(COM)].clone();
    draft.producer.name.clear();
    draft.commune.clear();
    if let Some(app) = draft.applications.last_mut() {
        app.scores.self_assessment = Default::default();
    }
    assert_eq!(
        bundle_gaps(&draft, state.catalog(), common::today()),
        vec![
            BundleGap::NoProducerName,
            BundleGap::NoCommune,
            BundleGap::DocumentsMissing(2),
            BundleGap::NotSelfAssessed
        ]
    );
    // A commune's bundle goes back as it is.
    let (_tmp2, demo) = common::demo_copy();
    assert!(open(&demo).bundle_gaps(&id(COM)).is_empty());
}
