//! Storage that cannot be tricked (issue 9): planted links, pipes, huge files, unknown
//! fields, stray temp files and honest messages. Each test reproduces one attack or
//! defect on a temp copy of the demo workspace.
#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command as Process, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use ocop_tracker::app::AppState;
use ocop_tracker::command::{Command, TextField};
use ocop_tracker::domain::model::ProductId;
use ocop_tracker::storage::{self, StorageError};
use ocop_tracker::ui::text::Lang;

fn open(ws: &Path) -> AppState {
    AppState::open(ws, common::catalog(), common::today(), Lang::En).expect("open")
}

fn com() -> ProductId {
    ProductId::parse("com-hong-quang").expect("valid id")
}

fn rename_com(state: &mut AppState, name: &str) {
    state
        .apply(&Command::SetText {
            id: com(),
            field: TextField::Name,
            value: name.into(),
        })
        .expect("edit applies");
}

/// Runs the binary with a time limit: a hang is a failure, not a stuck test run.
fn run_bounded(args: &[&str]) -> Output {
    let mut child = Process::new(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the binary");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("poll").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("`ocop-tracker {}` hung", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn mkfifo(path: &Path) {
    let status = Process::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success());
}

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

// 1. Temp file --------------------------------------------------------------------------

#[test]
fn a_link_planted_at_the_old_temp_name_is_never_written_through() {
    let (tmp, ws) = common::demo_copy();
    let outside = tmp.path().join("outside.txt");
    fs::write(&outside, "precious").expect("write");
    // Old builds wrote `.<file>.<pid>.tmp`: an attacker could plant a link there.
    let planted = ws.join(format!(
        "products/.com-hong-quang.ron.{}.tmp",
        std::process::id()
    ));
    symlink(&outside, &planted).expect("symlink");
    let mut state = open(&ws);
    rename_com(&mut state, "Cốm Hồng Quang mới");
    assert_eq!(state.unsaved_count(), 0, "{:?}", state.messages());
    assert_eq!(fs::read_to_string(&outside).expect("read"), "precious");
    let product = ws.join("products/com-hong-quang.ron");
    assert!(fs::symlink_metadata(&product).expect("meta").is_file());
    let reloaded = storage::load_workspace(&ws).expect("load");
    assert_eq!(
        reloaded.workspace.products[&com()].name,
        "Cốm Hồng Quang mới"
    );
}

#[test]
fn temp_names_are_unpredictable_dot_prefixed_and_cleaned_after_a_minute() {
    let (_tmp, ws) = common::demo_copy();
    let products = ws.join("products");
    // Leftovers of a crash: one old, one fresh (another instance may be writing it).
    let old = products.join(".com-hong-quang.ron.00000000deadbeef.tmp");
    let fresh = products.join(".thit-trau-binh-an.ron.00000000cafebabe.tmp");
    let foreign = products.join(".someone-elses.tmp");
    for path in [&old, &fresh, &foreign] {
        fs::write(path, "partial").expect("write");
    }
    let long_ago = SystemTime::now() - Duration::from_secs(600);
    fs::File::options()
        .write(true)
        .open(&old)
        .expect("open")
        .set_modified(long_ago)
        .expect("set mtime");
    fs::File::options()
        .write(true)
        .open(&foreign)
        .expect("open")
        .set_modified(long_ago)
        .expect("set mtime");

    let report = run_bounded(&["check", ws.to_str().expect("path"), "--lang", "en"]);
    assert_eq!(report.status.code(), Some(1), "{}", text(&report));
    assert!(text(&report).contains("temp file left by an interrupted save"));
    assert!(text(&report).contains(".com-hong-quang.ron.00000000deadbeef.tmp"));

    let mut state = open(&ws);
    assert!(!old.exists(), "an old temp file of ours is removed on open");
    assert!(
        fresh.exists(),
        "a fresh one may be another instance's write"
    );
    assert!(
        foreign.exists(),
        "only the app's own name pattern is touched"
    );
    fs::remove_file(&fresh).expect("rm");
    fs::remove_file(&foreign).expect("rm");
    rename_com(&mut state, "Cốm");
    assert!(
        temp_files(&products).is_empty(),
        "{:?}",
        temp_files(&products)
    );
}

// 2. Symlinks -------------------------------------------------------------------------

#[test]
fn a_symlinked_products_folder_is_neither_read_nor_written() {
    let (tmp, ws) = common::demo_copy();
    let product = storage::load_workspace(&ws)
        .expect("load")
        .workspace
        .products[&com()]
        .clone();
    let elsewhere = tmp.path().join("elsewhere");
    fs::rename(ws.join("products"), &elsewhere).expect("move");
    symlink(&elsewhere, ws.join("products")).expect("symlink");
    let loaded = storage::load_workspace(&ws).expect("load");
    assert!(loaded.workspace.products.is_empty());
    assert!(
        loaded
            .problems
            .iter()
            .any(|p| matches!(p, StorageError::Skipped { .. })),
        "{:?}",
        loaded.problems
    );
    let before = fs::read(elsewhere.join("com-hong-quang.ron")).expect("read");
    let mut edited = product;
    edited.name = "written through a link".into();
    assert!(storage::save_product(&ws, &edited).is_err());
    assert_eq!(
        fs::read(elsewhere.join("com-hong-quang.ron")).expect("read"),
        before
    );
}

#[test]
fn delete_never_moves_a_file_through_a_symlinked_trash() {
    let (tmp, ws) = common::demo_copy();
    let outside = tmp.path().join("outside-trash");
    fs::create_dir(&outside).expect("mkdir");
    symlink(&outside, ws.join("trash")).expect("symlink");
    let mut state = open(&ws);
    let _ = state.apply(&Command::DeleteProduct { id: com() });
    assert!(
        state.unsaved_count() > 0,
        "the delete is not on disk and says so"
    );
    assert!(ws.join("products/com-hong-quang.ron").is_file());
    assert_eq!(fs::read_dir(&outside).expect("list").count(), 0);
}

#[test]
fn symlinked_settings_and_holiday_files_are_not_read() {
    let (tmp, ws) = common::demo_copy();
    let secret = tmp.path().join("secret.ron");
    fs::write(&secret, "not for the app").expect("write");
    fs::remove_file(ws.join("workspace.ron")).expect("rm");
    symlink(&secret, ws.join("workspace.ron")).expect("symlink");
    fs::create_dir(ws.join("holidays")).expect("mkdir");
    symlink(&secret, ws.join("holidays/vn.ron")).expect("symlink");
    let out = run_bounded(&["check", ws.to_str().expect("path"), "--lang", "en"]);
    let report = text(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains("symbolic link, not followed"), "{report}");
    assert!(report.contains("workspace.ron"), "{report}");
    assert!(report.contains("vn.ron"), "{report}");
    assert!(!report.contains("not for the app"), "{report}");
    // A symlinked holidays/ folder is refused too.
    fs::remove_file(ws.join("holidays/vn.ron")).expect("rm");
    fs::remove_dir(ws.join("holidays")).expect("rmdir");
    let other = tmp.path().join("other-holidays");
    fs::create_dir(&other).expect("mkdir");
    symlink(&other, ws.join("holidays")).expect("symlink");
    let report = text(&run_bounded(&[
        "check",
        ws.to_str().expect("path"),
        "--lang",
        "en",
    ]));
    assert!(report.contains("holidays"), "{report}");
}

// 3. Not a regular file ---------------------------------------------------------------

#[test]
fn named_pipes_never_block_check_list_gc_or_opening() {
    let (_tmp, ws) = common::demo_copy();
    mkfifo(&ws.join("products/x.ron"));
    fs::create_dir(ws.join("trash")).expect("mkdir");
    mkfifo(&ws.join("trash/y.ron"));
    let ws_str = ws.to_str().expect("path");
    let out = run_bounded(&["check", ws_str, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("not a regular file"), "{}", text(&out));
    assert!(text(&out).contains("x.ron"));
    let out = run_bounded(&["list", ws_str]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // gc refuses while a product file cannot be read, naming it…
    let out = run_bounded(&["gc", ws_str, "--dry-run", "--lang", "en"]);
    assert!(text(&out).contains("x.ron"), "{}", text(&out));
    // …and names a pipe in the trash too, without blocking on it.
    fs::remove_file(ws.join("products/x.ron")).expect("rm");
    let out = run_bounded(&["gc", ws_str, "--dry-run", "--lang", "en"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(text(&out).contains("y.ron"), "{}", text(&out));
    mkfifo(&ws.join("products/x.ron"));
    // The GUI's loading path, with a pipe as workspace.ron as well.
    fs::remove_file(ws.join("workspace.ron")).expect("rm");
    mkfifo(&ws.join("workspace.ron"));
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    let dir = ws.clone();
    std::thread::spawn(move || {
        let state = AppState::open(&dir, common::catalog(), common::today(), Lang::En);
        let _ = done_tx.send(state.map(|s| s.load_problems().len()));
    });
    let problems = done_rx
        .recv_timeout(Duration::from_secs(30))
        .expect("opening does not hang")
        .expect("opens");
    assert!(problems >= 2);
}

// 4. Unknown fields --------------------------------------------------------------------

#[test]
fn unknown_fields_open_read_only_and_are_never_dropped() {
    let (_tmp, ws) = common::demo_copy();
    let path = ws.join("products/com-hong-quang.ron");
    let original = fs::read_to_string(&path).expect("read");
    let with_extra = original.replacen(
        "        scoring_set: 6,",
        "        scoring_set: 6,\n        export_region: \"EU\",",
        1,
    );
    assert_ne!(with_extra, original);
    fs::write(&path, &with_extra).expect("write");
    let out = run_bounded(&["check", ws.to_str().expect("path"), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("export_region"), "{}", text(&out));
    let mut state = open(&ws);
    assert!(state.read_only().contains(&com()));
    assert!(
        state
            .apply(&Command::SetText {
                id: com(),
                field: TextField::Name,
                value: "x".into(),
            })
            .is_err()
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), with_extra);
}

// 5. Size limits -----------------------------------------------------------------------

#[test]
fn oversized_product_files_are_refused_unread() {
    let (_tmp, ws) = common::demo_copy();
    let path = ws.join("products/big.ron");
    let padding = "x".repeat(usize::try_from(storage::MAX_PRODUCT_FILE_BYTES).expect("fits") + 10);
    fs::write(&path, format!("// {padding}\n")).expect("write");
    let loaded = storage::load_workspace(&ws).expect("load");
    assert!(loaded.unreadable.contains("big"));
    let out = run_bounded(&["check", ws.to_str().expect("path"), "--lang", "en"]);
    assert!(text(&out).contains("KiB limit"), "{}", text(&out));
    assert_eq!(out.status.code(), Some(1));
}

// 7. Honest messages -------------------------------------------------------------------

fn check_report(ws: &Path) -> (Option<i32>, String) {
    let out = run_bounded(&["check", ws.to_str().expect("path"), "--lang", "en"]);
    (out.status.code(), text(&out))
}

#[test]
fn a_byte_order_mark_is_accepted_and_left_alone() {
    let (_tmp, ws) = common::demo_copy();
    let path = ws.join("products/com-hong-quang.ron");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fs::read(&path).expect("read"));
    fs::write(&path, &bytes).expect("write");
    let (code, report) = check_report(&ws);
    assert_eq!(code, Some(0), "{report}");
    let _state = open(&ws);
    assert_eq!(
        fs::read(&path).expect("read"),
        bytes,
        "reading never rewrites"
    );
}

#[test]
fn invalid_utf8_is_reported_where_it_is() {
    let (_tmp, ws) = common::demo_copy();
    let path = ws.join("products/com-hong-quang.ron");
    let text = fs::read_to_string(&path).expect("read");
    let broken = text
        .replacen("Cốm Hồng Quang", "C\u{FFFD}m", 1)
        .replace('\u{FFFD}', "\u{1}");
    let mut bytes = broken.into_bytes();
    let at = bytes.iter().position(|b| *b == 1).expect("marker");
    bytes[at] = 0xFF;
    fs::write(&path, &bytes).expect("write");
    let (code, report) = check_report(&ws);
    assert_eq!(code, Some(1));
    assert!(report.contains("line 5, column 17"), "{report}");
}

#[test]
fn odd_names_ids_and_answers_are_all_named() {
    let (_tmp, ws) = common::demo_copy();
    let products = ws.join("products");
    let com_text = fs::read_to_string(products.join("com-hong-quang.ron")).expect("read");
    fs::write(products.join(".hidden.ron"), &com_text).expect("write");
    fs::write(products.join("..ron"), &com_text).expect("write");
    fs::write(
        products
            .join(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(b"bad\xff.ron")),
        &com_text,
    )
    .expect("write");
    // A copy under another name: its id says com-hong-quang.
    fs::write(products.join("com-copy.ron"), &com_text).expect("write");
    let out_of_range = com_text.replacen("option: 0", "option: 99", 1);
    assert_ne!(out_of_range, com_text);
    fs::write(products.join("com-hong-quang.ron"), out_of_range).expect("write");
    let (code, report) = check_report(&ws);
    assert_eq!(code, Some(1));
    for expected in [
        ".hidden.ron",
        "..ron",
        "not valid Unicode",
        "the file name says “com-copy”",
        "2 files claim the same product id “com-hong-quang”",
        "option 100 chosen",
    ] {
        assert!(
            report.contains(expected),
            "missing “{expected}” in:\n{report}"
        );
    }
    assert!(!report.contains("refused to write"), "{report}");
}

#[test]
fn a_holiday_file_without_working_days_is_flagged() {
    use chrono::Datelike;
    let (_tmp, ws) = common::demo_copy();
    fs::create_dir(ws.join("holidays")).expect("mkdir");
    let mut days = String::new();
    let mut date = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).expect("date");
    while date.year() == 2027 {
        if date.weekday().number_from_monday() <= 5 {
            days.push_str(&format!(
                "(date: \"{date}\", kind: Swapped, name_vi: \"nghỉ\", name_en: \"off\"),\n"
            ));
        }
        date = date.succ_opt().expect("next");
    }
    fs::write(
        ws.join("holidays/vn.ron"),
        format!("(years: [(year: 2027, status: Official, source: \"typo\", days_off: [{days}])])"),
    )
    .expect("write");
    let (code, report) = check_report(&ws);
    assert_eq!(code, Some(1), "{report}");
    assert!(report.contains("2027 has only 0 working days"), "{report}");
}

// 8. One deadline path -----------------------------------------------------------------

#[test]
fn list_and_calendar_use_the_workspace_holidays() {
    let (_tmp, ws) = common::demo_copy();
    fs::create_dir(ws.join("holidays")).expect("mkdir");
    // Two extra days off in the commune's 15-working-day window (16/11 → 07/12/2026).
    fs::write(
        ws.join("holidays/vn.ron"),
        "(years: [(year: 2026, status: Official, source: \"test\", days_off: [\n\
         (date: \"2026-11-23\", kind: Swapped, name_vi: \"nghỉ\", name_en: \"off\"),\n\
         (date: \"2026-11-24\", kind: Swapped, name_vi: \"nghỉ\", name_en: \"off\"),\n\
         ])])",
    )
    .expect("write");
    let ws_str = ws.to_str().expect("path");
    let out = run_bounded(&["list", ws_str, "--format", "csv", "--today", "2026-11-26"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("com-hong-quang,Cốm Hồng Quang,")
            && String::from_utf8_lossy(&out.stdout).contains(",2026-12-09,"),
        "{}",
        text(&out)
    );
    let out = run_bounded(&["calendar", ws_str, "--out", "-", "--today", "2026-11-26"]);
    assert!(
        text(&out).contains("DTSTART;VALUE=DATE:20261209"),
        "{}",
        text(&out)
    );
}
