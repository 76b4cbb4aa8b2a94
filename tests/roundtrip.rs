//! The round trip between a cooperative and its commune keeps every word (issue 21):
//! remarks belong to their writer and travel in every bundle; each side's parts are
//! read-only on the other side once the producer keeps its own copy; a new officer
//! starts a workspace from nothing (GUI and `init`); copy and paste reach other programs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::atomic::AtomicBool;

use crate::common;
use crate::exchange::{COM, id, open, producer_workspace};

use ocop_tracker::app::AppState;
use ocop_tracker::command::{Command, CommandError, ProductField, Refusal, SheetKind};
use ocop_tracker::domain::model::{FormText, WorkspaceKind};
use ocop_tracker::domain::remarks::RemarkAbout;
use ocop_tracker::domain::scoring::Answer;
use ocop_tracker::storage;
use ocop_tracker::text::Lang;

const COMMUNE_REMARK: &str = "Xã: cần bổ sung chữ ký và đóng dấu vào Mẫu 02";
const PRODUCER_REPLY: &str = "HTX: đã bổ sung chữ ký và dấu, gửi lại bản mới";

fn bin() -> Process {
    Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
}

fn bundle(state: &AppState, out: &Path) {
    state
        .bundle_request(&id(COM), Lang::Vi)
        .expect("request")
        .write(out, &mut |_, _| {}, &AtomicBool::new(false))
        .expect("bundle written");
}

fn receive(state: &mut AppState, path: &Path) {
    state
        .import_bundle(path, None, &mut |_, _| {}, &AtomicBool::new(false))
        .expect("received");
    assert!(state.flush(), "on disk");
}

/// An empty commune workspace made as a new officer would, with `init`.
fn init_commune(root: &Path) -> PathBuf {
    let dir = root.join("Xã Hồng Quang");
    let out = bin()
        .args([
            "init",
            dir.to_str().unwrap(),
            "--commune",
            "Hồng Quang",
            "--province",
            "Tuyên Quang",
            "--officer",
            "Nguyễn Văn An",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// The remark texts of `product` in `dir` as the file on disk holds them.
fn remarks_on_disk(dir: &Path) -> Vec<(WorkspaceKind, RemarkAbout, String)> {
    let loaded = storage::load_workspace(dir).unwrap();
    loaded.workspace.products[&id(COM)]
        .current()
        .unwrap()
        .remarks
        .iter()
        .map(|r| (r.side, r.about.clone(), r.text.clone()))
        .collect()
}

fn form_02() -> RemarkAbout {
    RemarkAbout::Document("form-02".into())
}

#[test]
fn a_communes_remark_reaches_the_cooperative_and_survives_its_next_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let producer_dir = producer_workspace(tmp.path());
    let commune_dir = init_commune(tmp.path());
    let mut producer = open(&producer_dir);
    producer.set_officer("Ma Thị Hoa");

    // 1. The cooperative sends its dossier; the commune receives it.
    let first = tmp.path().join("1-htx.ocop.zip");
    bundle(&producer, &first);
    let mut commune = open(&commune_dir);
    receive(&mut commune, &first);
    assert!(
        commune.workspace().products[&id(COM)].kept_by_producer,
        "the producer keeps its own copy from now on"
    );

    // 2. The commune may not change the producer's parts: Form 02's note, its text, the
    // self-assessment. It writes a remark instead.
    for refused in [
        Command::SetDocNote {
            id: id(COM),
            key: "form-02".into(),
            note: COMMUNE_REMARK.into(),
        },
        Command::SetText {
            id: id(COM),
            field: ProductField::Form(FormText::BusinessResults),
            value: "sửa của xã".into(),
        },
        Command::SetAnswer {
            id: id(COM),
            sheet: SheetKind::SelfAssessment,
            criterion: "1.3".into(),
            answer: Some(Answer::Chosen { option: 2 }),
        },
        Command::SetText {
            id: id(COM),
            field: ProductField::ProducerName,
            value: "HTX khác".into(),
        },
    ] {
        assert_eq!(
            commune.apply(&refused),
            Err(CommandError::Refused(Refusal::ProducersPart)),
            "{refused:?}"
        );
    }
    // Its own parts stay its own.
    commune
        .apply(&Command::SetText {
            id: id(COM),
            field: ProductField::ApplicationNotes,
            value: "Đã nhận hồ sơ".into(),
        })
        .unwrap();
    let remark = commune.remark(&id(COM), form_02(), COMMUNE_REMARK);
    commune.apply(&remark).unwrap();
    // A remark of the other side's cannot be removed here.
    assert_eq!(
        commune.apply(&Command::DeleteRemark {
            id: id(COM),
            side: WorkspaceKind::Producer,
            number: 1,
        }),
        Err(CommandError::Refused(Refusal::ProducersPart))
    );
    // One undo step each way.
    assert!(commune.undo());
    assert!(remarks_on_disk(&commune_dir).is_empty(), "undone on disk");
    assert!(commune.redo());
    assert!(commune.flush());
    assert_eq!(
        remarks_on_disk(&commune_dir),
        [(WorkspaceKind::Commune, form_02(), COMMUNE_REMARK.to_owned())]
    );

    // 3. The commune sends it back; the cooperative receives the remark.
    let second = tmp.path().join("2-xa.ocop.zip");
    bundle(&commune, &second);
    receive(&mut producer, &second);
    assert_eq!(
        remarks_on_disk(&producer_dir),
        [(WorkspaceKind::Commune, form_02(), COMMUNE_REMARK.to_owned())],
        "the commune's remark is in the cooperative's file"
    );
    // The cooperative's status report says it: a headline and the remark itself.
    let product = producer.workspace().products[&id(COM)].clone();
    let input = ocop_tracker::documents::Input {
        product: &product,
        workspace: &producer.workspace().info,
        catalog: producer.catalog(),
        today: common::today(),
    };
    let blocks = format!(
        "{:?}",
        ocop_tracker::documents::report::blocks(&input, Lang::Vi).unwrap()
    );
    assert!(blocks.contains("Ý kiến của xã: 1"), "{blocks}");
    assert!(blocks.contains(COMMUNE_REMARK), "{blocks}");
    assert!(blocks.contains("Chủ thể cần nộp tiếp"), "{blocks}");
    // The cooperative cannot remove the commune's remark, and replies with its own.
    assert_eq!(
        producer.apply(&Command::DeleteRemark {
            id: id(COM),
            side: WorkspaceKind::Commune,
            number: 1,
        }),
        Err(CommandError::Refused(Refusal::CommunesPart))
    );
    let reply = producer.remark(&id(COM), form_02(), PRODUCER_REPLY);
    producer.apply(&reply).unwrap();
    producer
        .apply(&Command::SetDocNote {
            id: id(COM),
            key: "form-02".into(),
            note: "Bản ký đóng dấu ngày 05/12".into(),
        })
        .unwrap();
    assert!(producer.flush());

    // 4. The cooperative's next bundle: the commune keeps its remark and gets the reply.
    let third = tmp.path().join("3-htx.ocop.zip");
    bundle(&producer, &third);
    receive(&mut commune, &third);
    let on_commune = remarks_on_disk(&commune_dir);
    assert!(
        on_commune.contains(&(WorkspaceKind::Commune, form_02(), COMMUNE_REMARK.to_owned())),
        "{on_commune:?}"
    );
    assert!(
        on_commune.contains(&(
            WorkspaceKind::Producer,
            form_02(),
            PRODUCER_REPLY.to_owned()
        )),
        "{on_commune:?}"
    );
    let commune_product = &commune.workspace().products[&id(COM)];
    assert_eq!(
        commune_product.current().unwrap().notes,
        "Đã nhận hồ sơ",
        "the commune's own notes untouched"
    );

    // 5. And back to the cooperative once more: nothing lost on either side.
    let fourth = tmp.path().join("4-xa.ocop.zip");
    bundle(&commune, &fourth);
    receive(&mut producer, &fourth);
    let on_producer = remarks_on_disk(&producer_dir);
    assert_eq!(on_producer.len(), 2, "{on_producer:?}");
    let note = &producer.workspace().products[&id(COM)]
        .current()
        .unwrap()
        .dossier
        .iter()
        .find(|e| e.key == "form-02")
        .unwrap()
        .note;
    assert_eq!(
        note, "Bản ký đóng dấu ngày 05/12",
        "the producer's note kept"
    );
}

#[test]
fn a_product_the_commune_keeps_alone_stays_editable_whole() {
    // The officer enters the paper dossier of a producer without the app: every part.
    let (tmp, ws) = common::demo_copy();
    let mut commune = open(&ws);
    assert!(!commune.workspace().products[&id(COM)].kept_by_producer);
    commune
        .apply(&Command::SetDocNote {
            id: id(COM),
            key: "form-02".into(),
            note: "xã nhập hộ".into(),
        })
        .unwrap();
    commune
        .apply(&Command::SetAnswer {
            id: id(COM),
            sheet: SheetKind::SelfAssessment,
            criterion: "1.3".into(),
            answer: None,
        })
        .unwrap();
    // But a producer's remark is never the commune's to remove.
    let mut producer = open(&producer_workspace(tmp.path()));
    let reply = producer.remark(&id(COM), RemarkAbout::Product, "HTX: cảm ơn");
    producer.apply(&reply).unwrap();
    assert!(producer.flush());
}

#[test]
fn cli_init_and_remark_with_clear_refusals() {
    let tmp = tempfile::tempdir().unwrap();
    let commune = init_commune(tmp.path());
    let text = std::fs::read_to_string(commune.join("workspace.ron")).unwrap();
    assert!(
        text.contains("name: \"Xã Hồng Quang, Tuyên Quang\""),
        "{text}"
    );
    assert!(text.contains("\"Nguyễn Văn An\""), "{text}");
    // Twice: refused, nothing changed.
    let again = bin()
        .args([
            "init",
            commune.to_str().unwrap(),
            "--commune",
            "X",
            "--province",
            "Y",
        ])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("đã là một thư mục làm việc"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(commune.join("workspace.ron")).unwrap(),
        text
    );
    // A folder with other files: refused, nothing written into it.
    let other = tmp.path().join("Tài liệu");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("báo cáo.docx"), b"x").unwrap();
    let out = bin()
        .args(["init", other.to_str().unwrap(), "--producer", "HTX A"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("đang chứa tệp khác"));
    assert_eq!(std::fs::read_dir(&other).unwrap().count(), 1);
    // A commune without its province: the field is named, in English too.
    let out = bin()
        .args([
            "init",
            tmp.path().join("new").to_str().unwrap(),
            "--commune",
            "Bình An",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("“Province” is empty"));
    assert!(!tmp.path().join("new").exists(), "nothing made");
    // A producer's workspace asks for the producer's name and uses it for new products.
    let htx = tmp.path().join("htx");
    let out = bin()
        .args([
            "init",
            htx.to_str().unwrap(),
            "--producer",
            "HTX Nông sản Hồng Quang",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut producer = open(&htx);
    assert_eq!(producer.workspace().info.kind, WorkspaceKind::Producer);
    let new_id = producer.free_product_id("Cốm");
    producer
        .apply(&Command::AddProduct {
            id: new_id.clone(),
            name: "Cốm".into(),
            scoring_set: 6,
            year: 2026,
        })
        .unwrap();
    assert_eq!(
        producer.workspace().products[&new_id].producer.name,
        "HTX Nông sản Hồng Quang"
    );
    // An empty name is refused by the command itself, not only by the dialog.
    assert_eq!(
        producer.apply(&Command::AddProduct {
            id: producer.free_product_id("x"),
            name: "  ".into(),
            scoring_set: 6,
            year: 2026,
        }),
        Err(CommandError::Refused(Refusal::EmptyName))
    );
    drop(producer);

    // `remark` writes as the workspace's side, on the file on disk.
    let (_demo_tmp, demo) = common::demo_copy();
    let out = bin()
        .args([
            "remark",
            demo.to_str().unwrap(),
            "--product",
            COM,
            "--document",
            "form-02",
            "--by",
            "Nguyễn Văn An",
            COMMUNE_REMARK,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let loaded = storage::load_workspace(&demo).unwrap();
    let remarks = &loaded.workspace.products[&id(COM)]
        .current()
        .unwrap()
        .remarks;
    assert_eq!(remarks.len(), 1);
    assert_eq!(remarks[0].side, WorkspaceKind::Commune);
    assert_eq!(remarks[0].author, "Nguyễn Văn An");
    assert_eq!(remarks[0].text, COMMUNE_REMARK);
    // A document the product does not have is named, nothing written.
    let out = bin()
        .args([
            "remark",
            demo.to_str().unwrap(),
            "--product",
            COM,
            "--document",
            "no-such-doc",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-doc"));
}

#[test]
fn a_new_officer_starts_from_nothing_in_the_gui() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    use ocop_tracker::ui::OcopApp;
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("OCOP Hồng Quang");
    let mut app = OcopApp::new(common::catalog(), None, Lang::Vi, Some(common::today()));
    app.dialogs = Box::new(common::FakeDialogs {
        folder: Some(target.clone()),
        ..Default::default()
    });
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1024.0, 700.0))
        .with_max_steps(16)
        .with_context_setup(ocop_tracker::ui::theme::install)
        .build_ui_state(|ui, app: &mut OcopApp| app.show(ui), app);
    harness.run();
    harness.get_by_label("Tạo thư mục làm việc mới…").click();
    harness.run();
    // Nothing typed: the missing field is named, nothing written.
    harness.get_by_label("Chọn thư mục khác…").click();
    harness.run();
    harness.get_by_label("Tạo và mở").click();
    harness.run();
    assert!(harness.query_by_label_contains("Chưa điền “Xã”").is_some());
    assert!(!target.exists());
    for (label, text) in [
        ("Xã", "Hồng Quang"),
        ("Tỉnh", "Tuyên Quang"),
        ("Họ tên cán bộ", "Nguyễn Văn An"),
    ] {
        harness
            .get_by_role_and_label(Role::TextInput, label)
            .focus();
        harness.run();
        harness
            .get_by_role_and_label(Role::TextInput, label)
            .type_text(text);
        harness.run();
    }
    harness.get_by_label("Tạo và mở").click();
    harness.run();
    let state = harness.state().state.as_ref().unwrap_or_else(|| {
        panic!(
            "the new workspace is open: {:?} {:?}",
            harness.state().new_workspace,
            harness.state().open_error
        )
    });
    assert_eq!(state.workspace().info.commune, "Hồng Quang");
    assert_eq!(state.workspace().info.officers, ["Nguyễn Văn An"]);
    assert!(target.join("workspace.ron").is_file());
    assert!(target.join("products").is_dir());
    // Opening a folder that is not a workspace, with a workspace open: said, in
    // Vietnamese, on this screen.
    let not_ws = tmp.path().join("không phải");
    std::fs::create_dir(&not_ws).unwrap();
    std::fs::write(not_ws.join("a.txt"), b"x").unwrap();
    harness.state_mut().dialogs = Box::new(common::FakeDialogs {
        folder: Some(not_ws),
        ..Default::default()
    });
    harness.get_by_label("Tệp").click();
    harness.run();
    harness.get_by_label("Mở thư mục làm việc…").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Không mở được thư mục làm việc")
            .is_some()
    );
}
