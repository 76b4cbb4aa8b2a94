//! The electronic dossier bundle (issue 13): Cốm Hồng Quang from a producer's workspace to
//! the commune and back with every hash verified and no field lost; the CLI's exit codes;
//! and each kind of hostile bundle refused with a message, nothing written outside,
//! nothing half-imported.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use ocop_tracker::app::AppState;
use ocop_tracker::app::exchange;
use ocop_tracker::command::Command;
use ocop_tracker::domain::exchange::{FileRole, MANIFEST_NAME, Manifest};
use ocop_tracker::domain::model::{FormText, Product, ProductId, WorkspaceKind};
use ocop_tracker::domain::scoring::Answer;
use ocop_tracker::storage::{self, bundle};
use ocop_tracker::text::Lang;

pub(crate) const COM: &str = "com-hong-quang";

pub(crate) fn id(raw: &str) -> ProductId {
    ProductId::parse(raw).expect("id")
}

fn no_progress() -> impl FnMut(u64, u64) {
    |_, _| {}
}

pub(crate) fn open(dir: &Path) -> AppState {
    AppState::open(dir, common::catalog(), common::today(), Lang::Vi).expect("open workspace")
}

/// A producer's workspace holding Cốm Hồng Quang (the demo copy, made a producer's).
pub(crate) fn producer_workspace(root: &Path) -> PathBuf {
    let ws = root.join("htx");
    common::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("saves"), &ws);
    std::fs::remove_file(ws.join("products/thit-trau-binh-an.ron")).expect("one product only");
    let mut info = open(&ws).workspace().info.clone();
    info.name = "HTX Nông sản Hồng Quang".into();
    info.kind = WorkspaceKind::Producer;
    storage::save_workspace_info(&ws, &info).expect("save info");
    ws
}

/// An empty commune workspace.
fn commune_workspace(root: &Path) -> PathBuf {
    let ws = root.join("xa");
    let workspace = ocop_tracker::domain::model::Workspace {
        info: ocop_tracker::domain::model::WorkspaceInfo {
            name: "UBND xã Hồng Quang".into(),
            commune: "Hồng Quang".into(),
            province: "Tuyên Quang".into(),
            officers: vec!["Nguyễn Văn An".into()],
            ..Default::default()
        },
        products: Default::default(),
    };
    storage::save_workspace(&ws, &workspace).expect("commune workspace");
    ws
}

pub(crate) fn export(state: &AppState, product: &str, out: &Path) -> Manifest {
    state
        .bundle_request(&id(product))
        .expect("request")
        .write(out, &mut no_progress(), &AtomicBool::new(false))
        .expect("bundle written")
}

fn receive(state: &mut AppState, bundle: &Path, received: Option<NaiveDate>) -> Result<(), String> {
    let lang = state.lang();
    state
        .import_bundle(
            bundle,
            received,
            &mut no_progress(),
            &AtomicBool::new(false),
        )
        .map(|_| ())
        .map_err(|err| ocop_tracker::say::app_error(&err, lang))
}

/// Every file of `manifest` hashes to its entry (read back independently of the app).
fn assert_all_hashes(bundle: &Path, manifest: &Manifest) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(bundle).unwrap()).unwrap();
    for file in &manifest.files {
        let mut entry = zip.by_name(&file.path).expect(&file.path);
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        assert_eq!(bytes.len() as u64, file.size_bytes, "{}", file.path);
        assert_eq!(bundle::sha256_hex(&bytes), file.sha256, "{}", file.path);
    }
}

/// The stored evidence of every attachment exists and hashes to its record.
fn assert_evidence_present(dir: &Path, product: &Product) {
    let attachments: Vec<_> = product.attachments().collect();
    assert!(!attachments.is_empty(), "the demo product has evidence");
    for attachment in attachments {
        let path = storage::evidence::resolve(dir, &attachment.stored_path).expect("resolves");
        let bytes = std::fs::read(&path).expect("evidence file present");
        assert_eq!(
            bundle::sha256_hex(&bytes),
            attachment.sha256,
            "{}",
            attachment.file_name
        );
    }
}

/// Everything but the history (each side logs its own edits).
fn without_history(product: &Product) -> Product {
    let mut p = product.clone();
    p.history.clear();
    p
}

#[test]
fn com_goes_to_the_commune_and_back_with_nothing_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let producer_dir = producer_workspace(tmp.path());
    let commune_dir = commune_workspace(tmp.path());
    let mut producer = open(&producer_dir);
    producer.set_officer("Ma Thị Hoa");
    let original = producer.workspace().products[&id(COM)].clone();

    // 1. The cooperative exports its dossier.
    let first = tmp.path().join("Cốm Hồng Quang.ocop.zip");
    let manifest = export(&producer, COM, &first);
    assert_eq!(manifest.made_in, WorkspaceKind::Producer);
    assert_eq!(manifest.made_by, "Ma Thị Hoa");
    assert_all_hashes(&first, &manifest);
    let roles: Vec<&FileRole> = manifest.files.iter().map(|f| &f.role).collect();
    assert!(roles.contains(&&FileRole::Product));
    assert!(roles.contains(&&FileRole::Index));
    assert_eq!(
        roles
            .iter()
            .filter(|r| matches!(r, FileRole::Form(_)))
            .count(),
        6,
        "forms 01, 02, 03, the request letter, the sheet and the report"
    );
    assert!(
        manifest
            .files
            .iter()
            .any(|f| f.path.starts_with("Minh chứng/") && f.path.ends_with(".jpg")),
        "evidence under readable names: {:?}",
        manifest.files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    let verified = bundle::verify(&first, &mut no_progress(), &AtomicBool::new(false)).unwrap();
    assert!(verified.problems.is_empty(), "{:?}", verified.problems);

    // 2. The commune receives it and records the receipt date.
    let mut commune = open(&commune_dir);
    let received = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    receive(&mut commune, &first, Some(received)).expect("received");
    assert!(commune.flush());
    let at_commune = commune.workspace().products[&id(COM)].clone();
    let app = at_commune.current().unwrap();
    assert_eq!(app.dates.received_by_commune, Some(received));
    assert_evidence_present(&commune_dir, &at_commune);
    let mut expected = without_history(&original);
    ocop_tracker::domain::exchange::record_receipt(&mut expected, received);
    // The commune now knows the producer keeps its own copy (its parts read-only there).
    expected.kept_by_producer = true;
    assert_eq!(
        without_history(&at_commune),
        expected,
        "every field came in"
    );
    // One undo step takes it out again, and redo brings it back.
    assert!(commune.undo());
    assert!(!commune.workspace().products.contains_key(&id(COM)));
    assert!(commune.redo());
    assert_eq!(
        without_history(&commune.workspace().products[&id(COM)]),
        expected
    );

    // 3. The commune adds its notes and its view.
    let key = app
        .scores
        .self_assessment
        .answers
        .keys()
        .next()
        .unwrap()
        .clone();
    for command in [
        Command::SetText {
            id: id(COM),
            field: ocop_tracker::command::TextField::ApplicationNotes,
            value: "Cần bổ sung phiếu kiểm nghiệm vi sinh.".into(),
        },
        Command::SetText {
            id: id(COM),
            field: ocop_tracker::command::TextField::Form(FormText::CommuneLabour),
            value: "Sử dụng 12 lao động địa phương.".into(),
        },
        Command::SetAnswer {
            id: id(COM),
            sheet: ocop_tracker::command::Sheet::Commune,
            criterion: key.clone(),
            answer: Some(Answer::Chosen { option: 0 }),
        },
    ] {
        commune.apply(&command).expect("commune edit");
    }
    assert!(commune.flush());
    let commune_version = commune.workspace().products[&id(COM)].clone();

    // 4. The commune sends it back.
    let back = tmp.path().join("back.ocop.zip");
    let manifest_back = export(&commune, COM, &back);
    assert_eq!(manifest_back.made_in, WorkspaceKind::Commune);
    assert_all_hashes(&back, &manifest_back);

    // Meanwhile the cooperative edited its own Part II: it must survive the import.
    producer
        .apply(&Command::SetText {
            id: id(COM),
            field: ocop_tracker::command::TextField::Form(FormText::BusinessResults),
            value: "Doanh thu 2026: 480 triệu đồng.".into(),
        })
        .unwrap();
    let producer_before = producer.workspace().products[&id(COM)].clone();

    // 5. The cooperative imports the commune's bundle.
    receive(&mut producer, &back, None).expect("received back");
    assert!(producer.flush());
    let home = producer.workspace().products[&id(COM)].clone();
    let (mine, theirs) = (home.current().unwrap(), commune_version.current().unwrap());
    assert_eq!(
        mine.scores.self_assessment,
        producer_before.current().unwrap().scores.self_assessment,
        "the self-assessment is unchanged"
    );
    assert_eq!(
        mine.forms.get(FormText::BusinessResults),
        "Doanh thu 2026: 480 triệu đồng.",
        "the producer's own text stays"
    );
    assert_eq!(mine.notes, "Cần bổ sung phiếu kiểm nghiệm vi sinh.");
    assert_eq!(
        mine.forms.get(FormText::CommuneLabour),
        "Sử dụng 12 lao động địa phương."
    );
    assert_eq!(mine.scores.commune_view, theirs.scores.commune_view);
    assert_eq!(mine.stage, theirs.stage);
    assert_eq!(mine.dates, theirs.dates);
    assert_eq!(
        mine.dossier.len(),
        producer_before.current().unwrap().dossier.len()
    );
    assert_evidence_present(&producer_dir, &home);
    // Both histories are kept.
    assert!(home.history.len() > producer_before.history.len());
    // And the product file on disk is what the app shows.
    let reloaded = open(&producer_dir);
    assert_eq!(
        without_history(&reloaded.workspace().products[&id(COM)]),
        without_history(&home)
    );
}

#[test]
fn receiving_the_same_bundle_twice_changes_nothing_the_second_time() {
    let tmp = tempfile::tempdir().unwrap();
    let producer = open(&producer_workspace(tmp.path()));
    let bundle_path = tmp.path().join("com.ocop.zip");
    export(&producer, COM, &bundle_path);
    let mut commune = open(&commune_workspace(tmp.path()));
    receive(&mut commune, &bundle_path, None).unwrap();
    let opened = bundle::open(&bundle_path, &mut no_progress(), &AtomicBool::new(false)).unwrap();
    let preview = commune.import_preview(opened).unwrap();
    assert!(!preview.plan.is_new);
    assert!(
        preview.plan.changes.is_empty(),
        "{:?}",
        preview.plan.changes
    );
    assert!(
        preview.to_extract.is_empty(),
        "evidence is deduplicated by hash"
    );
}

/// An entry's new name and bytes, or None to drop it.
type Edit<'a> = &'a dyn Fn(&str, Vec<u8>) -> Option<(String, Vec<u8>)>;

/// Rewrites a zip, entry by entry, through `edit`.
fn rezip(from: &Path, to: &Path, edit: Edit) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        entries.push((name, bytes));
    }
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for (name, bytes) in entries {
        if let Some((name, bytes)) = edit(&name, bytes) {
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap();
}

/// Rewrites the manifest of a bundle with `change` and the rest with `edit`.
fn with_manifest(
    from: &Path,
    to: &Path,
    change: &dyn Fn(&mut Manifest),
    edit: &dyn Fn(&str, Vec<u8>) -> Vec<u8>,
) {
    rezip(from, to, &|name, bytes| {
        if name == MANIFEST_NAME {
            let mut manifest: Manifest =
                ron::from_str(std::str::from_utf8(&bytes).unwrap()).unwrap();
            change(&mut manifest);
            let text =
                ron::ser::to_string_pretty(&manifest, ron::ser::PrettyConfig::new()).unwrap();
            Some((name.to_owned(), text.into_bytes()))
        } else {
            Some((name.to_owned(), edit(name, bytes)))
        }
    });
}

/// A copy of `sound` at `bad` with more entries written by `add`.
fn with_more(sound: &Path, bad: &Path, add: &dyn Fn(&mut zip::ZipWriter<std::fs::File>)) {
    rezip(sound, bad, &|name, bytes| Some((name.to_owned(), bytes)));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(bad)
        .unwrap();
    let mut zip = zip::ZipWriter::new_append(file).unwrap();
    add(&mut zip);
    zip.finish().unwrap();
}

/// A sound bundle of Cốm made by its producer, in `tmp`.
pub(crate) fn sound_bundle(tmp: &Path) -> PathBuf {
    let producer = open(&producer_workspace(tmp));
    let path = tmp.join("sound.ocop.zip");
    export(&producer, COM, &path);
    path
}

/// Receiving `bad` into a fresh commune workspace fails with a message containing
/// `expected`, and the workspace is unchanged on disk (nothing half-imported).
fn refused(tmp: &Path, bad: &Path, expected: &str) {
    let dir = tmp.join("xa");
    if !dir.exists() {
        commune_workspace(tmp);
    }
    let before = snapshot(&dir);
    let mut commune = open(&dir);
    let err = receive(&mut commune, bad, None).expect_err("refused");
    assert!(
        err.contains(expected),
        "message “{err}” should contain “{expected}”"
    );
    assert!(
        err.contains(&bad.display().to_string()),
        "names the file: {err}"
    );
    drop(commune);
    assert_eq!(snapshot(&dir), before, "nothing written into the workspace");
}

/// Every file under `dir` (except the per-PC lock) with its bytes.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if !path.ends_with(".ocop-tracker.lock") {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// A sound bundle with one more entry named `entry`, written as `file` in `tmp`: `verify`
/// must name that entry an unsafe name (as a problem, or by refusing the bundle).
fn with_unsafe_entry(tmp: &Path, file: &str, entry: &str) -> PathBuf {
    let sound = sound_bundle(tmp);
    let bad = tmp.join(file);
    with_more(&sound, &bad, &|zip| {
        zip.start_file(entry, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"pwned").unwrap();
    });
    let problems = match bundle::verify(&bad, &mut no_progress(), &AtomicBool::new(false)) {
        Ok(v) => v.problems,
        Err(bundle::BundleError::Problems { problems, .. }) => problems,
        Err(other) => panic!("{entry}: {other}"),
    };
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, bundle::Problem::UnsafeName { .. })),
        "{entry}: {problems:?}"
    );
    bad
}

#[test]
fn zip_slip_names_are_refused_and_nothing_lands_outside() {
    for (n, hostile) in [
        "../evil.txt",
        "Minh chứng/../../evil.txt",
        "/tmp/evil-absolute.txt",
        "C:/evil.txt",
        "Minh chứng\\..\\..\\evil.txt",
    ]
    .into_iter()
    .enumerate()
    {
        let tmp = tempfile::tempdir().unwrap();
        let bad = with_unsafe_entry(tmp.path(), &format!("slip-{n}.ocop.zip"), hostile);
        refused(tmp.path(), &bad, "không an toàn");
        assert!(!tmp.path().join("evil.txt").exists());
        assert!(!tmp.path().parent().unwrap().join("evil.txt").exists());
        assert!(!Path::new("/tmp/evil-absolute.txt").exists());
    }
}

/// Entry names Windows cannot extract (issue 27, item 6): a 300-byte component, a path
/// past what a folder can hold, 200 levels. `verify` names each; receive refuses.
#[test]
fn entry_names_windows_cannot_extract_are_problems() {
    let deep = vec!["a"; 200].join("/") + "/x.txt";
    for (n, hostile) in [
        format!("Minh chứng/{}.jpg", "ả".repeat(150)),
        format!("Minh chứng/{}/{}.jpg", "b".repeat(120), "c".repeat(130)),
        deep,
    ]
    .into_iter()
    .enumerate()
    {
        let tmp = tempfile::tempdir().unwrap();
        let bad = with_unsafe_entry(tmp.path(), &format!("long-{n}.ocop.zip"), &hostile);
        refused(tmp.path(), &bad, "không an toàn");
    }
}

/// A product with a very long name: every entry of its bundle (forms included) stays
/// short enough to extract on Windows into an ordinary folder.
#[test]
fn a_long_product_name_gives_entry_names_windows_can_extract() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = producer_workspace(tmp.path());
    let mut producer = open(&dir);
    producer
        .apply(&Command::SetText {
            id: id(COM),
            field: ocop_tracker::command::TextField::Name,
            value: "Cốm Hồng Quang đặc sản xã Hồng Quang huyện Lâm Bình cũ tỉnh Tuyên Quang \
                    làm từ lúa nếp nương Khẩu Pái thu hoạch mùa thu, rang và giã thủ công \
                    theo cách truyền thống của đồng bào Tày, đóng túi 200 g và hộp quà 500 g"
                .into(),
        })
        .unwrap();
    let path = tmp.path().join("long.ocop.zip");
    let manifest = export(&producer, COM, &path);
    for file in &manifest.files {
        let units = file.path.encode_utf16().count();
        assert!(
            units <= ocop_tracker::domain::filename::MAX_ENTRY_UNITS,
            "{units}: {}",
            file.path
        );
    }
    let verified = bundle::verify(&path, &mut no_progress(), &AtomicBool::new(false)).unwrap();
    assert!(verified.problems.is_empty(), "{:?}", verified.problems);
}

#[test]
fn symlink_entries_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let sound = sound_bundle(tmp.path());
    let bad = tmp.path().join("link.ocop.zip");
    with_more(&sound, &bad, &|zip| {
        zip.add_symlink(
            "Minh chứng/passwd",
            "/etc/passwd",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    });
    refused(tmp.path(), &bad, "liên kết");
}

#[test]
fn names_that_differ_only_by_case_are_duplicates() {
    let tmp = tempfile::tempdir().unwrap();
    let sound = sound_bundle(tmp.path());
    let bad = tmp.path().join("dup.ocop.zip");
    with_more(&sound, &bad, &|zip| {
        zip.start_file("MANIFEST.RON", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"other").unwrap();
    });
    refused(tmp.path(), &bad, "trùng");
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    let tmp = tempfile::tempdir().unwrap();
    let sound = sound_bundle(tmp.path());
    let bad = tmp.path().join("bomb.ocop.zip");
    with_more(&sound, &bad, &|zip| {
        zip.start_file(
            "Minh chứng/zeros.bin",
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated),
        )
        .unwrap();
        let zeros = vec![0_u8; 1 << 20];
        for _ in 0..64 {
            zip.write_all(&zeros).unwrap();
        }
    });
    assert!(
        std::fs::metadata(&bad).unwrap().len() < 2 << 20,
        "a 64 MiB entry in a small zip"
    );
    refused(tmp.path(), &bad, "bom zip");
}

#[test]
fn a_truncated_zip_and_a_renamed_file_are_not_bundles() {
    let tmp = tempfile::tempdir().unwrap();
    let sound = sound_bundle(tmp.path());
    let bytes = std::fs::read(&sound).unwrap();
    let cut = tmp.path().join("cut.ocop.zip");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    refused(tmp.path(), &cut, "cắt cụt");
    let renamed = tmp.path().join("letter.ocop.zip");
    std::fs::write(&renamed, "Kính gửi UBND xã …").unwrap();
    refused(tmp.path(), &renamed, "không phải tệp zip");
    let no_manifest = tmp.path().join("plain.ocop.zip");
    rezip(&sound, &no_manifest, &|name, bytes| {
        (name != MANIFEST_NAME).then(|| (name.to_owned(), bytes))
    });
    refused(tmp.path(), &no_manifest, "manifest.ron");
}

#[test]
fn a_manifest_that_lies_about_a_hash_or_a_size_is_caught() {
    let tmp = tempfile::tempdir().unwrap();
    let sound = sound_bundle(tmp.path());
    let lying_hash = tmp.path().join("hash.ocop.zip");
    with_manifest(
        &sound,
        &lying_hash,
        &|m| {
            let file = m
                .files
                .iter_mut()
                .find(|f| matches!(f.role, FileRole::Evidence { .. }))
                .unwrap();
            file.sha256 = "0".repeat(64);
        },
        &|_, bytes| bytes,
    );
    let verified =
        bundle::verify(&lying_hash, &mut no_progress(), &AtomicBool::new(false)).unwrap();
    assert!(
        matches!(verified.problems.as_slice(), [bundle::Problem::WrongHash(name)] if name.starts_with("Minh chứng/")),
        "{:?}",
        verified.problems
    );
    refused(tmp.path(), &lying_hash, "mã băm");

    // A file changed inside, the manifest left as it was.
    let changed = tmp.path().join("changed.ocop.zip");
    rezip(&sound, &changed, &|name, mut bytes| {
        if name.starts_with("Minh chứng/") {
            bytes.push(0);
        }
        Some((name.to_owned(), bytes))
    });
    refused(tmp.path(), &changed, "kích thước sai");

    // A file in the manifest that is not in the zip, and one in the zip not in it.
    let missing = tmp.path().join("missing.ocop.zip");
    rezip(&sound, &missing, &|name, bytes| {
        if name.starts_with("Biểu mẫu/Mẫu 01") {
            Some(("Biểu mẫu/thêm.docx".to_owned(), bytes))
        } else {
            Some((name.to_owned(), bytes))
        }
    });
    let verified = bundle::verify(&missing, &mut no_progress(), &AtomicBool::new(false)).unwrap();
    assert!(
        verified
            .problems
            .iter()
            .any(|p| matches!(p, bundle::Problem::Missing(n) if n.starts_with("Biểu mẫu/Mẫu 01")))
    );
    assert!(
        verified
            .problems
            .iter()
            .any(|p| matches!(p, bundle::Problem::Extra(n) if n == "Biểu mẫu/thêm.docx"))
    );
}

#[test]
fn a_broken_or_newer_product_file_inside_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let sound = sound_bundle(tmp.path());
    for (n, (transform, expected)) in [
        (
            Box::new(|text: String| text.replacen("Product(", "Product(((", 1))
                as Box<dyn Fn(String) -> String>,
            "tệp hỏng ở dòng",
        ),
        (
            Box::new(|text: String| text.replacen("schema_version: 4", "schema_version: 99", 1)),
            "phiên bản mới hơn",
        ),
        (
            Box::new(|text: String| {
                text.replacen(
                    "name: \"Cốm Hồng Quang\",",
                    "name: \"Cốm Hồng Quang\", hologram: true,",
                    1,
                )
            }),
            "không biết",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let bad = tmp.path().join(format!("product-{n}.ocop.zip"));
        let transform = &transform;
        // The manifest is made to agree with the changed file: only the content is wrong.
        let changed: std::cell::RefCell<Option<(String, u64)>> = std::cell::RefCell::new(None);
        let mid = tmp.path().join(format!("mid-{n}.ocop.zip"));
        rezip(&sound, &mid, &|name, bytes| {
            if name.starts_with("product/") {
                let text = transform(String::from_utf8(bytes).unwrap());
                changed.replace(Some((
                    bundle::sha256_hex(text.as_bytes()),
                    text.len() as u64,
                )));
                Some((name.to_owned(), text.into_bytes()))
            } else {
                Some((name.to_owned(), bytes))
            }
        });
        let (sha, size) = changed.borrow().clone().unwrap();
        with_manifest(
            &mid,
            &bad,
            &|m| {
                let file = m
                    .files
                    .iter_mut()
                    .find(|f| f.role == FileRole::Product)
                    .unwrap();
                file.sha256.clone_from(&sha);
                file.size_bytes = size;
            },
            &|_, bytes| bytes,
        );
        refused(tmp.path(), &bad, expected);
    }
}

#[test]
fn a_product_of_another_producer_under_a_taken_id_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let sound = sound_bundle(tmp.path());
    // The commune already has a "com-hong-quang" of another cooperative.
    let dir = commune_workspace(tmp.path());
    let mut commune = open(&dir);
    commune
        .apply(&Command::AddProduct {
            id: id(COM),
            name: "Cốm Hồng Quang".into(),
            scoring_set: 6,
            year: 2026,
        })
        .unwrap();
    commune
        .apply(&Command::SetText {
            id: id(COM),
            field: ocop_tracker::command::TextField::Producer,
            value: "HTX Cốm làng Vòng".into(),
        })
        .unwrap();
    assert!(commune.flush());
    drop(commune);
    refused(tmp.path(), &sound, "chủ thể khác");
}

#[test]
fn review_mode_shows_the_bundle_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let sound = sound_bundle(tmp.path());
    let before = std::fs::read(&sound).unwrap();
    let (mut state, folder) = exchange::open_review(
        &sound,
        common::catalog(),
        common::today(),
        Lang::Vi,
        &mut no_progress(),
        &AtomicBool::new(false),
    )
    .expect("review");
    assert!(state.workspace().products.contains_key(&id(COM)));
    assert!(state.workspace_locked().is_some());
    assert_evidence_present(folder.path(), &state.workspace().products[&id(COM)]);
    let err = state
        .apply(&Command::SetText {
            id: id(COM),
            field: ocop_tracker::command::TextField::Notes,
            value: "x".into(),
        })
        .expect_err("read-only");
    assert!(matches!(
        err,
        ocop_tracker::command::CommandError::Refused(_)
    ));
    // The status report can still be made.
    let report = state
        .document(ocop_tracker::documents::DocKind::Report, &id(COM), Lang::Vi)
        .expect("report");
    assert!(report.starts_with(b"%PDF"));
    let private = folder.path().to_owned();
    drop(state);
    drop(folder);
    assert!(!private.exists(), "the private copy is removed");
    assert_eq!(
        std::fs::read(&sound).unwrap(),
        before,
        "the bundle is never written"
    );
}

/// The binary the tests run (built by cargo for integration tests).
fn bin() -> Process {
    Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
}

/// `bundle WS --product com-hong-quang --out OUT`, run.
pub(crate) fn cli_bundle(ws: &Path, out: &Path) -> std::process::Output {
    bin()
        .args([
            "bundle",
            ws.to_str().unwrap(),
            "--product",
            COM,
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap()
}

#[test]
fn cli_bundle_verify_receive_and_their_exit_codes() {
    let (_tmp, ws) = common::demo_copy();
    let out = ws.parent().unwrap().join("Cốm.ocop.zip");
    let status = cli_bundle(&ws, &out);
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let verify = bin()
        .args(["verify", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    assert!(String::from_utf8_lossy(&verify.stdout).contains("Cốm Hồng Quang"));
    // Who made it is labelled, not run on after "xã" as if it were the commune's name.
    let said = String::from_utf8_lossy(&verify.stdout).to_string();
    assert!(
        said.contains("người lập: ") && !said.contains("·  ·"),
        "{said}"
    );

    let lying = ws.parent().unwrap().join("lying.ocop.zip");
    with_manifest(
        &out,
        &lying,
        &|m| {
            let file = m
                .files
                .iter_mut()
                .find(|f| f.role == FileRole::Product)
                .unwrap();
            file.size_bytes += 1;
        },
        &|_, bytes| bytes,
    );
    let verify = bin()
        .args(["verify", lying.to_str().unwrap(), "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(verify.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&verify.stdout).contains("wrong size: product/com-hong-quang.ron")
    );

    let not_zip = ws.parent().unwrap().join("x.ocop.zip");
    std::fs::write(&not_zip, "hello").unwrap();
    let verify = bin()
        .args(["verify", not_zip.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(verify.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&verify.stderr).contains("x.ocop.zip"));

    let commune = ws.parent().unwrap().join("xa");
    commune_workspace(ws.parent().unwrap());
    let receive = bin()
        .args([
            "receive",
            commune.to_str().unwrap(),
            out.to_str().unwrap(),
            "--received",
            "2026-11-20",
        ])
        .output()
        .unwrap();
    assert!(
        receive.status.success(),
        "{}",
        String::from_utf8_lossy(&receive.stderr)
    );
    let state = open(&commune);
    let product = &state.workspace().products[&id(COM)];
    assert_eq!(
        product.current().unwrap().dates.received_by_commune,
        NaiveDate::from_ymd_opt(2026, 11, 20)
    );
    assert_evidence_present(&commune, product);
}

/// Opens File → Electronic dossier → `item` in the window.
pub(crate) fn bundle_menu(
    harness: &mut egui_kittest::Harness<'static, ocop_tracker::ui::OcopApp>,
    item: &str,
) {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label("Tệp").click();
    harness.run();
    harness
        .get_by_label("Gói hồ sơ điện tử (.ocop.zip)")
        .click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
    common::wait_for_exchange(harness);
}

#[test]
fn gui_export_receive_with_preview_and_review() {
    use egui_kittest::kittest::Queryable;
    let tmp = tempfile::tempdir().unwrap();
    let producer_dir = producer_workspace(tmp.path());
    let commune_dir = commune_workspace(tmp.path());
    let bundle_path = tmp.path().join("Cốm Hồng Quang.ocop.zip");

    // The cooperative exports from its product screen.
    let mut harness = common::app_harness(&producer_dir, egui::vec2(1280.0, 900.0), Lang::Vi);
    harness.state_mut().dialogs = Box::new(common::FakeDialogs {
        save: Some(bundle_path.clone()),
        ..Default::default()
    });
    harness.state_mut().screen = ocop_tracker::ui::Screen::Product(id(COM));
    harness.run();
    bundle_menu(&mut harness, "Xuất gói hồ sơ của sản phẩm…");
    let verified = bundle::verify(&bundle_path, &mut no_progress(), &AtomicBool::new(false))
        .expect("a bundle was written");
    assert!(verified.problems.is_empty());
    assert!(
        harness
            .state()
            .state
            .as_ref()
            .unwrap()
            .messages()
            .iter()
            .any(|m| m.words(Lang::Vi).starts_with("Đã xuất gói hồ sơ"))
    );
    // ... and is told, until it dismisses it, what the dossier still lacks.
    let state = harness.state().state.as_ref().unwrap();
    assert!(
        state
            .messages()
            .iter()
            .any(|m| m.level == ocop_tracker::app::Level::Warning
                && m.words(Lang::Vi)
                    .contains("còn 2 tài liệu bắt buộc của chủ thể chưa sẵn sàng")),
        "{:?}",
        state.messages()
    );
    drop(harness);

    // The commune receives it: verify, preview, confirm with the receipt date.
    let mut harness = common::app_harness(&commune_dir, egui::vec2(1280.0, 900.0), Lang::Vi);
    harness.state_mut().dialogs = Box::new(common::FakeDialogs {
        files: vec![bundle_path.clone()],
        ..Default::default()
    });
    bundle_menu(&mut harness, "Nhận gói hồ sơ vào thư mục làm việc này…");
    harness.get_by_label("Nhận gói hồ sơ");
    harness.get_by_label("Sản phẩm mới: sẽ được thêm vào thư mục làm việc.");
    assert!(
        harness
            .state()
            .state
            .as_ref()
            .unwrap()
            .workspace()
            .products
            .is_empty(),
        "nothing changes before the confirmation"
    );
    harness.get_by_label("Nhận vào (hoàn tác được)").click();
    harness.run();
    common::wait_for_exchange(&mut harness);
    let state = harness.state().state.as_ref().unwrap();
    let product = &state.workspace().products[&id(COM)];
    assert_eq!(
        product.current().unwrap().dates.received_by_commune,
        Some(common::today())
    );
    assert_eq!(state.undo_label(), Some("nhận gói hồ sơ"));
    assert_eq!(
        harness.state().screen,
        ocop_tracker::ui::Screen::Product(id(COM))
    );
    drop(harness);

    // A cooperative reviews the bundle read-only.
    let before = std::fs::read(&bundle_path).unwrap();
    let mut harness = common::app_harness(&commune_dir, egui::vec2(1280.0, 900.0), Lang::Vi);
    harness.state_mut().review_bundle_at(bundle_path.clone());
    common::wait_for_exchange(&mut harness);
    common::wait_for_evidence_check(&mut harness);
    let state = harness.state().state.as_ref().unwrap();
    assert!(matches!(
        state.source(),
        ocop_tracker::app::Source::Review(_)
    ));
    harness.get_by_label_contains("Đang xem gói hồ sơ, chỉ đọc");
    harness.get_by_label_contains("Tóm tắt");
    // The product's Xuất… menu: forms yes, a bundle of the bundle no (as in the File menu).
    use egui_kittest::kittest::NodeT;
    harness.get_by_label("Xuất…").click();
    harness.run();
    assert!(
        !harness
            .get_by_label("Mẫu 01 – Phiếu đăng ký (Word)…")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        harness
            .get_by_label("Gói hồ sơ điện tử (.ocop.zip)…")
            .accesskit_node()
            .is_disabled()
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    if let Some(out) = std::env::var_os("OCOP_SAVE_REVIEW") {
        harness.render().expect("render").save(&out).expect("save");
    }
    drop(harness);
    assert_eq!(std::fs::read(&bundle_path).unwrap(), before);
}

#[test]
fn a_producer_workspace_leaves_out_the_communes_deadline_and_records_its_kind() {
    use ocop_tracker::domain::agenda;
    use ocop_tracker::domain::deadlines::DeadlineKind;
    let tmp = tempfile::tempdir().unwrap();
    let fresh = tmp.path().join("HTX mới");
    let spec = ocop_tracker::app::new_workspace::NewWorkspace {
        kind: WorkspaceKind::Producer,
        producer: "HTX Nông sản Hồng Quang".into(),
        ..Default::default()
    };
    ocop_tracker::app::new_workspace::create_workspace(&fresh, &spec).unwrap();
    let text = std::fs::read_to_string(fresh.join("workspace.ron")).unwrap();
    assert!(text.contains("kind: Producer"), "{text}");
    assert_eq!(open(&fresh).workspace().info.kind, WorkspaceKind::Producer);
    assert!(
        ocop_tracker::app::new_workspace::create_workspace(&fresh, &spec).is_err(),
        "an existing workspace is never overwritten"
    );
    // A commune's workspace file does not name its kind (files of older versions match).
    let (_demo_tmp, demo) = common::demo_copy();
    assert!(
        !std::fs::read_to_string(demo.join("workspace.ron"))
            .unwrap()
            .contains("kind")
    );

    let commune = open(&demo);
    let producer = open(&producer_workspace(tmp.path()));
    let kinds = |state: &AppState| -> Vec<DeadlineKind> {
        agenda::agenda(state.workspace(), state.catalog(), state.today())
            .into_iter()
            .filter(|item| item.product_id == id(COM))
            .map(|item| item.kind)
            .collect()
    };
    assert!(kinds(&commune).contains(&DeadlineKind::CommuneProcessing));
    assert!(!kinds(&producer).contains(&DeadlineKind::CommuneProcessing));
    assert!(kinds(&producer).contains(&DeadlineKind::ProvinceRoundCutoff));
    // `list` tells each side the deadline its portfolio shows: the commune's own
    // processing deadline for the commune, never for the cooperative.
    let list = |dir: &Path| {
        let out = Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
            .arg("list")
            .arg(dir)
            .args(["--format", "csv", "--today", "2026-11-26"])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|l| l.starts_with("com-hong-quang,"))
            .unwrap()
            .to_owned()
    };
    let commune_line = list(&demo);
    let producer_line = list(&tmp.path().join("htx"));
    assert!(
        commune_line.contains("Hạn xã xử lý"),
        "the commune's deadline: {commune_line}"
    );
    assert!(
        !producer_line.contains("Hạn xã xử lý"),
        "not the cooperative's: {producer_line}"
    );
}

#[test]
fn gui_preview_of_an_existing_product_lists_changes_and_what_stays() {
    use egui_kittest::kittest::Queryable;
    let tmp = tempfile::tempdir().unwrap();
    let producer_dir = producer_workspace(tmp.path());
    let mut producer = open(&producer_dir);
    producer
        .apply(&Command::SetText {
            id: id(COM),
            field: ocop_tracker::command::TextField::Description,
            value: "Cốm non, túi 200 g và hộp quà 500 g.".into(),
        })
        .unwrap();
    let key = producer.workspace().products[&id(COM)]
        .current()
        .unwrap()
        .scores
        .self_assessment
        .answers
        .keys()
        .next()
        .unwrap()
        .clone();
    producer
        .apply(&Command::SetAnswer {
            id: id(COM),
            sheet: ocop_tracker::command::Sheet::SelfAssessment,
            criterion: key,
            answer: Some(Answer::Chosen { option: 0 }),
        })
        .unwrap();
    assert!(producer.flush());
    let bundle_path = tmp.path().join("Cốm Hồng Quang.ocop.zip");
    export(&producer, COM, &bundle_path);
    drop(producer);

    let (_demo, commune_dir) = common::demo_copy();
    // The commune wrote its remarks meanwhile: they stay (its own part).
    let mut commune = open(&commune_dir);
    commune
        .apply(&Command::SetText {
            id: id(COM),
            field: ocop_tracker::command::TextField::ApplicationNotes,
            value: "Cần bổ sung Mẫu 02 phần IV.".into(),
        })
        .unwrap();
    assert!(commune.flush());
    drop(commune);
    let mut harness = common::app_harness(&commune_dir, egui::vec2(1280.0, 900.0), Lang::Vi);
    harness.state_mut().dialogs = Box::new(common::FakeDialogs {
        files: vec![bundle_path.clone()],
        ..Default::default()
    });
    bundle_menu(&mut harness, "Nhận gói hồ sơ vào thư mục làm việc này…");
    harness.get_by_label_contains("Sẽ thay đổi (");
    harness.get_by_label("Cốm non, túi 200 g và hộp quà 500 g.");
    harness.get_by_label_contains("giữ nguyên bản ở đây");
    if let Some(out) = std::env::var_os("OCOP_SAVE_RECEIVE") {
        harness.render().expect("render").save(&out).expect("save");
    }
    // Cancel changes nothing.
    let before = harness.state().state.as_ref().unwrap().workspace().clone();
    harness.get_by_label("Hủy").click();
    harness.run();
    assert!(harness.state().receive_dialog.is_none());
    assert_eq!(harness.state().state.as_ref().unwrap().workspace(), &before);
}

#[test]
fn entry_names_are_flagged_utf8_and_a_cancelled_export_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let producer = open(&producer_workspace(tmp.path()));
    let out = tmp.path().join("out").join("Cốm.ocop.zip");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    // Cancelled before the first chunk: no bundle, no temp file.
    let request = producer.bundle_request(&id(COM)).unwrap();
    let err = request
        .write(&out, &mut no_progress(), &AtomicBool::new(true))
        .expect_err("cancelled");
    assert!(matches!(err, bundle::BundleError::Cancelled), "{err}");
    assert_eq!(std::fs::read_dir(out.parent().unwrap()).unwrap().count(), 0);

    // Written: every non-ASCII name carries the UTF-8 flag (bit 11) in its local header.
    let mut progress = Vec::new();
    request
        .write(
            &out,
            &mut |done, total| progress.push((done, total)),
            &AtomicBool::new(false),
        )
        .unwrap();
    assert!(
        progress
            .last()
            .is_some_and(|(done, total)| done == total && *total > 0)
    );
    let bytes = std::fs::read(&out).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut non_ascii = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).unwrap();
        let at = usize::try_from(entry.header_start()).unwrap();
        let flags = u16::from_le_bytes([bytes[at + 6], bytes[at + 7]]);
        if !entry.name().unwrap().is_ascii() {
            non_ascii += 1;
            assert_ne!(
                flags & 0x0800,
                0,
                "{} has no UTF-8 flag",
                entry.name().unwrap()
            );
        }
    }
    assert!(non_ascii >= 3);
}

#[test]
fn the_communes_own_parts_never_change_when_the_producer_sends_again() {
    let tmp = tempfile::tempdir().unwrap();
    let producer = open(&producer_workspace(tmp.path()));
    let first = tmp.path().join("first.ocop.zip");
    export(&producer, COM, &first);
    let mut commune = open(&commune_workspace(tmp.path()));
    let received = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    receive(&mut commune, &first, Some(received)).unwrap();
    // The commune's own work.
    let key = commune.workspace().products[&id(COM)]
        .current()
        .unwrap()
        .scores
        .self_assessment
        .answers
        .keys()
        .nth(1)
        .unwrap()
        .clone();
    for command in [
        Command::SetAnswer {
            id: id(COM),
            sheet: ocop_tracker::command::Sheet::Commune,
            criterion: key,
            answer: Some(Answer::NotMet),
        },
        Command::SetText {
            id: id(COM),
            field: ocop_tracker::command::TextField::Form(FormText::CommuneIdentity),
            value: "Nghề cốm truyền thống của người Tày.".into(),
        },
        Command::SetText {
            id: id(COM),
            field: ocop_tracker::command::TextField::ApplicationNotes,
            value: "Cần bổ sung bản thuyết minh.".into(),
        },
    ] {
        commune.apply(&command).unwrap();
    }
    let before = commune.workspace().products[&id(COM)].clone();
    // The cooperative sends an update (a new Part II text).
    let mut producer = producer;
    producer
        .apply(&Command::SetText {
            id: id(COM),
            field: ocop_tracker::command::TextField::Form(FormText::BusinessPlan),
            value: "Mở rộng 2 ha nếp nương.".into(),
        })
        .unwrap();
    let second = tmp.path().join("second.ocop.zip");
    export(&producer, COM, &second);
    receive(&mut commune, &second, None).unwrap();
    let after = &commune.workspace().products[&id(COM)];
    let (a, b) = (after.current().unwrap(), before.current().unwrap());
    assert_eq!(
        a.forms.get(FormText::BusinessPlan),
        "Mở rộng 2 ha nếp nương."
    );
    assert_eq!(a.scores.commune_view, b.scores.commune_view);
    assert_eq!(
        a.forms.get(FormText::CommuneIdentity),
        b.forms.get(FormText::CommuneIdentity)
    );
    assert_eq!(a.notes, b.notes);
    assert_eq!(a.stage, b.stage);
    assert_eq!(a.dates, b.dates, "the receipt date stays");
    // One undo takes the second receipt back whole.
    assert!(commune.undo());
    assert_eq!(
        without_history(&commune.workspace().products[&id(COM)]),
        without_history(&before)
    );
}

#[test]
fn a_manifest_listing_one_path_twice_is_a_problem_and_hashed_once() {
    let tmp = tempfile::tempdir().unwrap();
    let sound = sound_bundle(tmp.path());
    let twice = tmp.path().join("twice.ocop.zip");
    with_manifest(
        &sound,
        &twice,
        &|m| {
            let first = m.files[0].clone();
            for _ in 0..1000 {
                m.files.push(first.clone());
            }
        },
        &|_, bytes| bytes,
    );
    let verified = bundle::verify(&twice, &mut no_progress(), &AtomicBool::new(false)).unwrap();
    assert!(
        verified
            .problems
            .iter()
            .any(|p| matches!(p, bundle::Problem::Duplicate(_))),
        "{:?}",
        verified.problems.first()
    );
    refused(tmp.path(), &twice, "trùng");
}

/// Every entry of a bundle says "made by Unix" (3) with the UTF-8 flag, whichever OS
/// wrote it (issue 22): a Windows build used to write "MS-DOS", and Info-ZIP's `unzip`
/// then garbled the Vietnamese names. Read from the central directory's own bytes.
#[test]
fn bundle_entries_are_made_by_unix_with_utf8_names() {
    let tmp = tempfile::tempdir().unwrap();
    let bundle = std::fs::read(sound_bundle(tmp.path())).unwrap();
    let mut entries = 0;
    let mut vietnamese = 0;
    let mut at = 0;
    while let Some(pos) = bundle[at..]
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .map(|p| p + at)
    {
        let made_by_os = bundle[pos + 5];
        let flags = u16::from_le_bytes([bundle[pos + 8], bundle[pos + 9]]);
        let name_len = usize::from(u16::from_le_bytes([bundle[pos + 28], bundle[pos + 29]]));
        let name = String::from_utf8(bundle[pos + 46..pos + 46 + name_len].to_vec()).unwrap();
        assert_eq!(made_by_os, 3, "{name}: made by {made_by_os}, not Unix");
        if !name.is_ascii() {
            vietnamese += 1;
            assert_ne!(flags & 0x800, 0, "{name}: no UTF-8 flag");
        }
        entries += 1;
        at = pos + 46 + name_len;
    }
    assert!(entries > 3, "{entries} entries");
    assert!(vietnamese > 0, "some names are Vietnamese");
}
