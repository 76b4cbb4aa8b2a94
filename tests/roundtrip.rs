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
use ocop_tracker::command::{Command, CommandError, Refusal, Sheet, TextField};
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
        .bundle_request(&id(COM))
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
    // Files dropped on the producer's document are refused before anything is copied,
    // as the producer's part (it once said "the commune's part" on either side).
    assert_eq!(
        commune.attach_refusal(&id(COM), "form-02"),
        Some(ocop_tracker::app::Notice::error(Refusal::ProducersPart))
    );
    assert_eq!(commune.attach_refusal(&id(COM), "form-03"), None);

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
            field: TextField::Form(FormText::BusinessResults),
            value: "sửa của xã".into(),
        },
        Command::SetAnswer {
            id: id(COM),
            sheet: Sheet::SelfAssessment,
            criterion: "1.3".into(),
            answer: Some(Answer::Chosen { option: 2 }),
        },
        Command::SetText {
            id: id(COM),
            field: TextField::Producer,
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
            field: TextField::ApplicationNotes,
            value: "Đã nhận hồ sơ".into(),
        })
        .unwrap();
    let remark = commune.remark(&id(COM), form_02(), COMMUNE_REMARK);
    commune.apply(&remark).unwrap();
    // A remark of the other side's cannot be removed here.
    assert_eq!(
        commune.apply(&Command::WithdrawRemark {
            id: id(COM),
            side: WorkspaceKind::Producer,
            at: chrono::Local::now().naive_local(),
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
    assert!(blocks.contains("Chủ thể cần nộp ("), "{blocks}");
    // The cooperative cannot withdraw the commune's remark, and replies with its own.
    let communes_at = producer.workspace().products[&id(COM)]
        .current()
        .unwrap()
        .remarks[0]
        .at;
    assert_eq!(
        producer.apply(&Command::WithdrawRemark {
            id: id(COM),
            side: WorkspaceKind::Commune,
            at: communes_at,
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

    // 6. The commune withdraws its remark (the signature came): the withdrawal reaches the
    // cooperative, and the commune's older bundle received again brings nothing back.
    commune
        .apply(&Command::WithdrawRemark {
            id: id(COM),
            side: WorkspaceKind::Commune,
            at: communes_at,
        })
        .unwrap();
    assert!(commune.flush());
    let fifth = tmp.path().join("5-xa.ocop.zip");
    bundle(&commune, &fifth);
    receive(&mut producer, &fifth);
    let current = |state: &AppState| -> Vec<String> {
        state.workspace().products[&id(COM)]
            .current()
            .unwrap()
            .remarks
            .iter()
            .filter(|r| r.is_current())
            .map(|r| r.text.clone())
            .collect()
    };
    assert_eq!(current(&producer), [PRODUCER_REPLY]);
    receive(&mut producer, &fourth);
    assert_eq!(
        current(&producer),
        [PRODUCER_REPLY],
        "an older bundle brings nothing back"
    );
    assert_eq!(
        remarks_on_disk(&producer_dir).len(),
        2,
        "the withdrawn words stay in the file"
    );
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
            sheet: Sheet::SelfAssessment,
            criterion: "1.3".into(),
            answer: None,
        })
        .unwrap();
    // But a producer's remark is never the commune's to withdraw, even here.
    let mut producer = open(&producer_workspace(tmp.path()));
    let reply = producer.remark(&id(COM), RemarkAbout::Product, "HTX: cảm ơn");
    producer.apply(&reply).unwrap();
    let path = tmp.path().join("htx.ocop.zip");
    bundle(&producer, &path);
    drop(producer);
    // Received as the commune keeps the product alone (the switch turned off again).
    receive(&mut commune, &path);
    commune
        .apply(&Command::SetKeptByProducer {
            id: id(COM),
            kept: false,
        })
        .unwrap();
    let at = commune.workspace().products[&id(COM)]
        .current()
        .unwrap()
        .remarks[0]
        .at;
    assert_eq!(
        commune.apply(&Command::WithdrawRemark {
            id: id(COM),
            side: WorkspaceKind::Producer,
            at,
        }),
        Err(CommandError::Refused(Refusal::ProducersPart))
    );
    // The producer's parts are the commune's to enter again; undo turns the switch back.
    commune
        .apply(&Command::SetDocNote {
            id: id(COM),
            key: "form-02".into(),
            note: "xã nhập hộ lần nữa".into(),
        })
        .unwrap();
    assert!(commune.undo() && commune.undo());
    assert!(commune.workspace().products[&id(COM)].kept_by_producer);
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
    use egui_kittest::kittest::Queryable;
    use ocop_tracker::ui::OcopApp;
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("OCOP Hồng Quang");
    let mut app = OcopApp::new(common::catalog(), None, Lang::Vi, Some(common::today()));
    app.dialogs = Box::new(common::FakeDialogs {
        folder: Some(target.clone()),
        ..Default::default()
    });
    let mut harness = common::harness_of(app, egui::vec2(1024.0, 700.0));
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
        common::type_into(&mut harness, label, text);
    }
    harness.get_by_label("Tạo và mở").click();
    // Opened on a task (the progress strip, moving), the window answering meanwhile.
    common::wait_for_exchange(&mut harness);
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
    common::wait_for_exchange(&mut harness);
    assert!(
        harness
            .query_by_label_contains("Không mở được thư mục làm việc")
            .is_some()
    );
}

/// Copy and paste reach other programs: eframe is built with its `clipboard` feature
/// (arboard: Word, Zalo, a browser), and the app's fields hand copied text to the
/// platform and take pasted text in.
#[test]
fn copy_and_paste_go_through_the_system_clipboard() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    // Without the feature egui keeps a clipboard of its own no other program sees.
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let eframe = manifest
        .lines()
        .find(|l| l.starts_with("eframe ="))
        .expect("eframe dependency");
    assert!(eframe.contains("\"clipboard\""), "{eframe}");
    assert!(eframe.contains("\"links\""), "{eframe}");

    let (_tmp, ws) = common::demo_copy();
    let mut harness = common::app_harness(&ws, egui::vec2(1280.0, 800.0), Lang::Vi);
    harness.get_by_label("Danh mục sản phẩm").click();
    harness.run();
    harness.get_by_label("Cốm Hồng Quang").click();
    harness.run();
    // Copy: the product's name, selected whole, goes to the platform's clipboard.
    harness
        .get_by_role_and_label(Role::TextInput, "Tên sản phẩm")
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.event(egui::Event::Copy);
    harness.step();
    let copied: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, ["Cốm Hồng Quang"]);
    // Paste: text from another program lands in the remark box and is sent with Enter.
    harness
        .get_by_role_and_label(Role::TextInput, "Ý kiến của xã:")
        .focus();
    harness.run();
    harness.event(egui::Event::Paste(COMMUNE_REMARK.to_owned()));
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let state = harness.state().state.as_ref().unwrap();
    let remarks = &state.workspace().products[&id(COM)]
        .current()
        .unwrap()
        .remarks;
    assert_eq!(remarks.len(), 1);
    assert_eq!(remarks[0].text, COMMUNE_REMARK);
    assert!(
        harness.query_by_label_contains(COMMUNE_REMARK).is_some(),
        "shown on the Overview"
    );
    drop(harness);
    let on_disk = storage::load_workspace(&ws).unwrap();
    assert_eq!(
        on_disk.workspace.products[&id(COM)]
            .current()
            .unwrap()
            .remarks[0]
            .text,
        COMMUNE_REMARK
    );
}

/// The receive preview names answers by their option and points, says whose version
/// each side is, and lets the officer take the bundle's version of a part that would
/// otherwise stay (here the product's name, which each side keeps alone).
#[test]
fn the_receive_preview_shows_both_and_the_officer_chooses() {
    use egui_kittest::kittest::Queryable;
    let tmp = tempfile::tempdir().unwrap();
    let producer_dir = producer_workspace(tmp.path());
    let mut producer = open(&producer_dir);
    producer.set_officer("Ma Thị Hoa");
    producer
        .apply(&Command::SetText {
            id: id(COM),
            field: TextField::Name,
            value: "Cốm Hồng Quang Lâm Bình".into(),
        })
        .unwrap();
    producer
        .apply(&Command::SetAnswer {
            id: id(COM),
            sheet: Sheet::SelfAssessment,
            criterion: "1.1".into(),
            answer: Some(Answer::Chosen { option: 0 }),
        })
        .unwrap();
    let reply = producer.remark(&id(COM), form_02(), PRODUCER_REPLY);
    producer.apply(&reply).unwrap();
    assert!(producer.flush());
    let path = tmp.path().join("Cốm.ocop.zip");
    bundle(&producer, &path);
    drop(producer);

    let (_demo, commune_dir) = common::demo_copy();
    let mut harness = common::app_harness(&commune_dir, egui::vec2(1024.0, 700.0), Lang::Vi);
    harness.state_mut().dialogs = Box::new(common::FakeDialogs {
        files: vec![path],
        ..Default::default()
    });
    crate::exchange::bundle_menu(&mut harness, "Nhận gói hồ sơ vào thư mục làm việc này…");
    common::wait_for_exchange(&mut harness);
    // The answer in words, with its points (was "#1").
    assert!(
        harness
            .query_by_label_contains("Nguyên liệu có nguồn gốc trong tỉnh: dưới 50% (1 đ)")
            .is_some()
    );
    assert!(harness.query_by_label_contains("#1").is_none());
    // Whose the bundle's version is: its maker, and this side's last edit.
    assert!(harness.query_by_label_contains("Ma Thị Hoa").is_some());
    // The producer's reply is among the changes.
    assert!(harness.query_by_label_contains(PRODUCER_REPLY).is_some());
    if let Some(out) = std::env::var_os("OCOP_SAVE_RECEIVE_CHOICE") {
        harness.render().expect("render").save(&out).expect("save");
    }
    harness
        .get_by_label("Lấy bản trong gói thay cho bản ở đây")
        .click();
    harness.run();
    harness.get_by_label("Nhận vào (hoàn tác được)").click();
    common::wait_for_exchange(&mut harness);
    let state = harness.state().state.as_ref().unwrap();
    let product = &state.workspace().products[&id(COM)];
    assert_eq!(product.name, "Cốm Hồng Quang Lâm Bình", "taken by choice");
    assert!(product.kept_by_producer);
    drop(harness);
    let on_disk = storage::load_workspace(&commune_dir).unwrap();
    let product = &on_disk.workspace.products[&id(COM)];
    assert_eq!(product.name, "Cốm Hồng Quang Lâm Bình");
    assert_eq!(
        product.current().unwrap().remarks[0].text,
        PRODUCER_REPLY,
        "the reply came in"
    );
}

/// Evidence opens under the name it was attached with (a viewer shows "Phiếu kiểm nghiệm
/// cốm 2026.jpg", not a SHA-256), from a workspace and from a bundle under review alike.
#[test]
fn evidence_opens_under_its_real_name() {
    let (_tmp, ws) = common::demo_copy();
    let loaded = storage::load_workspace(&ws).unwrap();
    let attachment = loaded.workspace.products[&id(COM)]
        .current()
        .unwrap()
        .dossier
        .iter()
        .flat_map(|e| e.attachments.iter())
        .find(|a| a.file_name == "Phiếu kiểm nghiệm cốm 2026.jpg")
        .unwrap()
        .clone();
    let stored = storage::evidence::resolve(&ws, &attachment.stored_path).unwrap();
    let named = storage::evidence::named_copy_for_opening(&stored, &attachment.file_name).unwrap();
    assert_eq!(
        named.file_name().unwrap().to_str().unwrap(),
        "Phiếu kiểm nghiệm cốm 2026.jpg"
    );
    assert_eq!(
        std::fs::read(&named).unwrap(),
        std::fs::read(&stored).unwrap()
    );
    // Again: the same file, not a second copy.
    assert_eq!(
        storage::evidence::named_copy_for_opening(&stored, &attachment.file_name).unwrap(),
        named
    );
    // A hostile name is made safe, never a path.
    let odd = storage::evidence::named_copy_for_opening(&stored, "../../x:y?.jpg").unwrap();
    assert!(odd.starts_with(std::env::temp_dir().join("ocop-tracker-open")));
    assert!(
        !odd.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .contains(['/', ':', '?'])
    );
}

/// The stage dialog names the required documents still missing, not only their count.
#[test]
fn the_stage_dialog_names_the_missing_documents() {
    use ocop_tracker::domain::stage::Stage;
    let (_tmp, ws) = common::demo_copy();
    let state = open(&ws);
    let dialog = ocop_tracker::ui::product::StageDialog::new(
        &state,
        &id("thit-trau-binh-an"),
        Stage::CommuneAssessment,
    );
    assert!(dialog.required_missing > 0);
    assert_eq!(dialog.missing_names.len(), dialog.required_missing);
    assert!(
        dialog
            .missing_names
            .iter()
            .all(|[vi, en]| !vi.is_empty() && !en.is_empty()),
        "{:?}",
        dialog.missing_names
    );
}

/// A product read both from its commune's folder and from a bundle is one row, and the
/// many-communes portfolio has a source column.
#[test]
fn many_communes_count_one_product_once_with_its_source() {
    use egui_kittest::kittest::Queryable;
    let tmp = tempfile::tempdir().unwrap();
    let district = tmp.path().join("huyen");
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("saves"),
        &district.join("xa-hong-quang"),
    );
    let producer = open(&producer_workspace(tmp.path()));
    bundle(&producer, &district.join("Cốm Hồng Quang.ocop.zip"));
    drop(producer);
    let state = ocop_tracker::app::exchange::open_many(
        &district,
        common::catalog(),
        common::today(),
        Lang::Vi,
    )
    .unwrap();
    let names: Vec<String> = state
        .workspace()
        .products
        .values()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(
        names.iter().filter(|n| **n == "Cốm Hồng Quang").count(),
        1,
        "{names:?}"
    );
    let mut app =
        ocop_tracker::ui::OcopApp::new(common::catalog(), None, Lang::Vi, Some(common::today()));
    app.state = Some(state);
    let mut harness = common::harness_of(app, egui::vec2(1024.0, 700.0));
    harness.run();
    harness.get_by_label("Danh mục sản phẩm").click();
    harness.run();
    assert!(
        harness.query_by_label_contains("Nguồn").is_some(),
        "the source column"
    );
    assert_eq!(
        harness.query_all_by_label("xa-hong-quang").count(),
        2,
        "the source of each of the folder's two products"
    );
}

/// The README's pictures of the new screens, in both languages at 1024×700:
/// `OCOP_ROUNDTRIP_PICTURES=DIR cargo test --test integration roundtrip::pictures` writes
/// `DIR/<name>-vi.png` and `DIR/<name>-en.png` (needs a renderer). Without the variable it
/// still walks every screen and checks what each says.
#[test]
fn pictures_of_the_new_screens_in_both_languages() {
    use egui_kittest::kittest::Queryable;
    use ocop_tracker::ui::OcopApp;
    let out = std::env::var_os("OCOP_ROUNDTRIP_PICTURES").map(PathBuf::from);
    let save = |harness: &mut egui_kittest::Harness<'static, OcopApp>, name: &str, lang: Lang| {
        if let Some(dir) = &out {
            let suffix = if lang == Lang::Vi { "vi" } else { "en" };
            harness
                .render()
                .expect("render")
                .save(dir.join(format!("{name}-{suffix}.png")))
                .expect("save");
        }
    };
    let size = egui::vec2(1024.0, 700.0);
    for lang in [Lang::Vi, Lang::En] {
        let vi = lang == Lang::Vi;
        // The start screen, with the demo beside the program, and the new-workspace dialog.
        let tmp = tempfile::tempdir().unwrap();
        let mut app = OcopApp::new(common::catalog(), None, lang, Some(common::today()));
        app.demo_workspace = Some(tmp.path().join("saves"));
        let mut harness = common::harness_of(app, size);
        harness.run();
        harness.get_by_label(if vi {
            "Xem dữ liệu mẫu"
        } else {
            "Look at the demo data"
        });
        save(&mut harness, "start", lang);
        harness
            .get_by_label(if vi {
                "Tạo thư mục làm việc mới…"
            } else {
                "New workspace…"
            })
            .click();
        harness.run();
        if let Some(dialog) = harness.state_mut().new_workspace.as_mut() {
            dialog.spec.commune = "Hồng Quang".into();
            dialog.spec.province = "Tuyên Quang".into();
            dialog.spec.officer = "Nguyễn Văn An".into();
            dialog.folder = Some(PathBuf::from(if vi {
                "C:\\Users\\An\\Documents\\OCOP Hồng Quang"
            } else {
                "C:\\Users\\An\\Documents\\OCOP Hong Quang"
            }));
        }
        harness.run();
        save(&mut harness, "new-workspace", lang);
        drop(harness);

        // The cooperative's Overview after the commune's bundle came back with a remark.
        let producer_dir = producer_workspace(tmp.path());
        let commune_dir = tmp.path().join("xa");
        common::copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("saves"),
            &commune_dir,
        );
        let mut commune = open(&commune_dir);
        commune.set_officer("Nguyễn Văn An");
        let remark = commune.remark(&id(COM), form_02(), COMMUNE_REMARK);
        commune.apply(&remark).unwrap();
        let about_product = commune.remark(
            &id(COM),
            RemarkAbout::Product,
            "Xã: mang 05 mẫu sản phẩm đến UBND xã trước ngày 07/12",
        );
        commune.apply(&about_product).unwrap();
        let path = tmp.path().join("xa.ocop.zip");
        bundle(&commune, &path);
        drop(commune);
        let mut producer = open(&producer_dir);
        receive(&mut producer, &path);
        drop(producer);
        let mut harness = common::app_harness(&producer_dir, size, lang);
        harness
            .get_by_label(if vi {
                "Danh mục sản phẩm"
            } else {
                "Portfolio"
            })
            .click();
        harness.run();
        harness.get_by_label("Cốm Hồng Quang").click();
        harness.run();
        assert!(harness.query_by_label_contains(COMMUNE_REMARK).is_some());
        // Scrolled to the remarks panel, under the summary.
        harness
            .get_by_label_contains(if vi {
                "Ý kiến của xã ·"
            } else {
                "The commune's remarks ·"
            })
            .scroll_to_me();
        harness.run();
        save(&mut harness, "remarks", lang);
    }
}
