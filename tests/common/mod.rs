//! Shared test helpers: temp copies of the demo workspace (tests never write `saves/`).
#![allow(dead_code, reason = "each test crate uses some of the helpers")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ocop_tracker::domain::catalog::Catalog;

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create target folder");
    for entry in fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A temp folder holding a copy of `saves/`; returns (guard, workspace path).
pub fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let ws = tmp.path().join("ws");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("saves"), &ws);
    (tmp, ws)
}

/// The built-in rule data.
pub fn catalog() -> Catalog {
    ocop_tracker::storage::assets::builtin_catalog().expect("built-in assets parse")
}

/// The pinned "today" of the demo.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

/// The real app on `ws` in a kittest harness of `size`, in `lang`, "today" pinned,
/// returned once the background evidence check has finished (a settled screen).
pub fn app_harness(
    ws: &Path,
    size: egui::Vec2,
    lang: ocop_tracker::ui::text::Lang,
) -> egui_kittest::Harness<'static, ocop_tracker::ui::OcopApp> {
    use ocop_tracker::ui::OcopApp;
    let app = OcopApp::new(catalog(), Some(ws), lang, Some(today()));
    let mut harness = harness_of(app, size);
    wait_for_evidence_check(&mut harness);
    harness
}

/// The real app `app` (already set up) in a kittest harness of `size`.
pub fn harness_of(
    app: ocop_tracker::ui::OcopApp,
    size: egui::Vec2,
) -> egui_kittest::Harness<'static, ocop_tracker::ui::OcopApp> {
    use ocop_tracker::ui::OcopApp;
    egui_kittest::Harness::builder()
        .with_size(size)
        // Grids in dialogs take a few passes to settle their column widths.
        .with_max_steps(16)
        .with_context_setup(ocop_tracker::ui::theme::install)
        .build_ui_state(|ui, app: &mut OcopApp| app.show(ui), app)
}

/// The evidence integrity check runs on a background thread and asks for repaints until
/// it is done; wait for it (bounded).
pub fn wait_for_evidence_check(
    harness: &mut egui_kittest::Harness<'static, ocop_tracker::ui::OcopApp>,
) {
    for _ in 0..1000 {
        harness.run_steps(1);
        if harness.state().verify.as_ref().is_none_or(|v| v.finished) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the evidence check did not finish");
}

/// File dialogs answered by the test (None / empty: the user cancelled); the names the
/// app proposed for "save as" are recorded.
#[derive(Debug, Default, Clone)]
pub struct FakeDialogs {
    /// The folder "picked".
    pub folder: Option<PathBuf>,
    /// The files "opened".
    pub files: Vec<PathBuf>,
    /// Where to "save".
    pub save: Option<PathBuf>,
    /// Each name the app proposed in a save dialog.
    pub proposed: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl ocop_tracker::ui::FileDialogs for FakeDialogs {
    fn pick_folder(&mut self) -> Result<Option<PathBuf>, String> {
        Ok(self.folder.clone())
    }
    fn pick_files(&mut self) -> Result<Vec<PathBuf>, String> {
        Ok(self.files.clone())
    }
    fn save_file(&mut self, default_name: &str) -> Result<Option<PathBuf>, String> {
        self.proposed.lock().unwrap().push(default_name.to_owned());
        Ok(self.save.clone())
    }
}

/// Dialogs that cannot be shown, as on a Linux desktop without a portal or zenity.
pub struct NoDialogs;

impl ocop_tracker::ui::FileDialogs for NoDialogs {
    fn pick_folder(&mut self) -> Result<Option<PathBuf>, String> {
        Err("no dialog".into())
    }
    fn pick_files(&mut self) -> Result<Vec<PathBuf>, String> {
        Err("no dialog".into())
    }
    fn save_file(&mut self, _default_name: &str) -> Result<Option<PathBuf>, String> {
        Err("no dialog".into())
    }
}

/// Runs frames until no bundle task is running (bounded).
pub fn wait_for_exchange(harness: &mut egui_kittest::Harness<'static, ocop_tracker::ui::OcopApp>) {
    for _ in 0..2000 {
        harness.run_steps(1);
        if harness.state().exchange.is_none() {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the bundle task did not finish");
}

/// Types `text` into the text field labelled `label` (focused first, a frame after each).
pub fn type_into(
    harness: &mut egui_kittest::Harness<'static, ocop_tracker::ui::OcopApp>,
    label: &str,
    text: &str,
) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
}

/// Runs the binary under test with `args`; `OCOP_TEST_BIN` names another build of it (a
/// target folder shared by several work trees links each one's binary to the same path).
pub fn run_bin(args: &[&str]) -> std::process::Output {
    let bin = std::env::var_os("OCOP_TEST_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_ocop-tracker")),
        PathBuf::from,
    );
    std::process::Command::new(bin)
        .args(args)
        .output()
        .expect("run the binary")
}

/// What a run of the binary printed, standard output then standard error.
pub fn said(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Makes the stored evidence file `stored` (a path inside `ws`) look `days` old to the
/// clean-up: its modification time, and when this computer first saw it.
pub fn age_evidence(ws: &Path, stored: &str, days: u64) {
    let when = std::time::SystemTime::now() - std::time::Duration::from_secs(days * 24 * 3600);
    std::fs::File::options()
        .write(true)
        .open(ws.join(stored))
        .and_then(|f| f.set_modified(when))
        .expect("set mtime");
    let sha = ocop_tracker::storage::evidence::sha_of_stored_name(stored).expect("a stored name");
    ocop_tracker::storage::seen::set_first_seen(ws, &sha, when).expect("first seen");
}

/// LibreOffice's program on PATH (`libreoffice` or `soffice`), if it starts.
pub fn soffice() -> Option<&'static str> {
    ["libreoffice", "soffice"].into_iter().find(|program| {
        std::process::Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Converts `files` to PDF into `outdir` with one run of LibreOffice (its profile kept
/// under `scratch`, so a user's own LibreOffice is never touched); panics with its
/// message when it fails.
pub fn convert_to_pdf<P: AsRef<std::ffi::OsStr>>(
    soffice: &str,
    files: impl IntoIterator<Item = P>,
    outdir: &Path,
    scratch: &Path,
) {
    let profile = scratch.join("lo-profile");
    let out = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(outdir)
        .args(files)
        .output()
        .expect("run LibreOffice");
    assert!(
        out.status.success(),
        "LibreOffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `word/document.xml` of a .docx.
pub fn document_xml(bytes: &[u8]) -> String {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

/// `state` with the evidence check of all its files run to its end and recorded.
pub fn verified(state: &mut ocop_tracker::app::AppState) {
    let mut job =
        ocop_tracker::jobs::VerifyJob::start(state.attachments_to_verify(), || {}).expect("job");
    while !job.finished {
        state.record_evidence(job.poll());
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// The stored path of every attachment of every application of `product`.
pub fn stored_paths(product: &ocop_tracker::domain::model::Product) -> Vec<String> {
    product
        .attachments()
        .map(|a| a.stored_path.clone())
        .collect()
}
