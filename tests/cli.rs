//! The CLI as a script would use it: exit codes, output, files left untouched.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::fs;
use std::process::{Command, Output};

use icalendar::{Calendar, CalendarComponent, Component};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args(args)
        .output()
        .expect("run the binary")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn check_exit_codes_and_untouched_broken_file() {
    let (tmp, ws) = common::demo_copy();
    let ws_str = ws.to_str().expect("utf-8 path");
    let out = run(&["check", ws_str, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("2 products read, 0 problems"));

    let path = ws.join("products/com-hong-quang.ron");
    let bytes = fs::read(&path).expect("read");
    let truncated = bytes[..bytes.len() / 2].to_vec();
    fs::write(&path, &truncated).expect("truncate");
    let out = run(&["check", ws_str, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("com-hong-quang.ron"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        fs::read(&path).expect("reread"),
        truncated,
        "check never writes"
    );

    let empty = tmp.path().join("empty");
    fs::create_dir_all(&empty).expect("mkdir");
    let out = run(&["check", empty.to_str().expect("path"), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an OCOP workspace"));
}

#[test]
fn list_csv_has_one_line_per_product() {
    let (_tmp, ws) = common::demo_copy();
    let out = run(&[
        "list",
        ws.to_str().expect("path"),
        "--format",
        "csv",
        "--today",
        "2026-11-26",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "id,name,producer,stage,dossier_percent,next_deadline,deadline_rule"
    );
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with("com-hong-quang,Cốm Hồng Quang,"));
    assert!(lines[1].contains(",submitted,"));
    assert!(
        lines[1].contains(",2026-12-07,"),
        "15 working days from Mon 16/11: {}",
        lines[1]
    );
    assert!(lines[2].starts_with("thit-trau-binh-an,Thịt trâu Bình An,"));
}

#[test]
fn score_prints_the_sheet_as_a_person_reads_it() {
    let (_tmp, ws) = common::demo_copy();
    let out = run(&[
        "score",
        ws.to_str().expect("path"),
        "--product",
        "com-hong-quang",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("A 24/40   B 13/25   C 22/35   Total 59/100   ★★★"),
        "{text}"
    );
    assert!(
        text.contains("next: 4★ needs 70 points (11 missing)"),
        "{text}"
    );

    let out = run(&[
        "score",
        ws.to_str().expect("path"),
        "--product",
        "thit-trau-binh-an",
        "--lang",
        "en",
    ]);
    let text = stdout(&out);
    assert!(text.contains("Total 52/100   not recognisable"), "{text}");
    assert!(
        text.contains("blocker: 3.5 Intellectual property: 0 of 1 points needed for 3★"),
        "{text}"
    );
    assert!(
        text.contains("evidence: Intellectual property papers"),
        "{text}"
    );

    let out = run(&["score", ws.to_str().expect("path"), "--product", "nope"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn demo_data_writes_a_loadable_workspace_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("gen");
    let dir_str = dir.to_str().expect("path");
    let out = run(&["demo-data", dir_str, "--products", "120", "--seed", "3"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["check", dir_str, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("120 products read"));
    let out = run(&["demo-data", dir_str, "--products", "5"]);
    assert_eq!(out.status.code(), Some(2), "never writes over a workspace");
}

fn uids_and_summaries(text: &str) -> Vec<(String, String)> {
    let calendar: Calendar = text.parse().expect("iCalendar parses");
    calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((
                e.get_uid().unwrap_or_default().to_owned(),
                e.get_summary().unwrap_or_default().to_owned(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn calendar_export_parses_and_reexport_keeps_uids() {
    let (tmp, ws) = common::demo_copy();
    let ws_str = ws.to_str().expect("path");
    let file = tmp.path().join("ocop.ics");
    let file_str = file.to_str().expect("path");
    let out = run(&[
        "calendar",
        ws_str,
        "--out",
        file_str,
        "--today",
        "2026-11-26",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = uids_and_summaries(&fs::read_to_string(&file).expect("ics"));
    assert!(
        first
            .iter()
            .any(|(_, s)| s == "Cốm Hồng Quang: Hạn xã xử lý hồ sơ (15 ngày làm việc)"),
        "{first:?}"
    );
    // The overdue test report is not an upcoming event.
    assert!(
        first
            .iter()
            .all(|(_, s)| !s.starts_with("Thịt trâu Bình An: Tài liệu hết hiệu lực"))
    );

    // Move a date and export again: same UIDs, so calendars update instead of duplicating.
    let path = ws.join("products/com-hong-quang.ron");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(
        &path,
        text.replace(
            "valid_until: Some(\"2027-01-15\")",
            "valid_until: Some(\"2027-01-20\")",
        ),
    )
    .expect("write");
    let out = run(&[
        "calendar",
        ws_str,
        "--out",
        file_str,
        "--today",
        "2026-11-26",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let second = uids_and_summaries(&fs::read_to_string(&file).expect("ics"));
    let uids = |v: &[(String, String)]| v.iter().map(|(u, _)| u.clone()).collect::<Vec<_>>();
    let mut a = uids(&first);
    let mut b = uids(&second);
    a.sort();
    b.sort();
    assert_eq!(a, b);
    assert!(
        fs::read_to_string(&file)
            .expect("ics")
            .contains("DTSTART;VALUE=DATE:20270120")
    );
}

fn stored_paths(ws: &std::path::Path) -> Vec<String> {
    fs::read_to_string(ws.join("products/com-hong-quang.ron"))
        .expect("file")
        .lines()
        .filter_map(|l| l.trim().strip_prefix("stored_path: \""))
        .map(|l| l.trim_end_matches("\",").to_owned())
        .collect()
}

#[test]
fn check_verifies_evidence_and_refuses_paths_outside() {
    let (tmp, ws) = common::demo_copy();
    let ws_str = ws.to_str().expect("path");
    let stored = stored_paths(&ws);
    fs::remove_file(ws.join(&stored[0])).expect("delete");
    fs::write(ws.join(&stored[1]), b"edited behind the app's back").expect("edit");
    // A hostile file points outside the workspace; it must never be read.
    let secret = tmp.path().join("secret.txt");
    fs::write(&secret, b"outside").expect("secret");
    let path = ws.join("products/com-hong-quang.ron");
    let text = fs::read_to_string(&path).expect("read");
    let hostile = text.replacen(&stored[2], "../secret.txt", 1);
    fs::write(&path, &hostile).expect("write");
    let out = run(&["check", ws_str, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(report.contains("evidence file missing"), "{report}");
    assert!(report.contains("changed since it was attached"), "{report}");
    assert!(
        report.contains("evidence path refused, never read"),
        "{report}"
    );
    assert!(report.contains("com-hong-quang.ron"), "{report}");
    assert_eq!(
        fs::read_to_string(&path).expect("reread"),
        hostile,
        "check never writes"
    );
    for absolute in ["/etc/passwd", "evidence/../../secret.txt"] {
        fs::write(&path, text.replacen(&stored[2], absolute, 1)).expect("write");
        let report = stdout(&run(&["check", ws_str, "--lang", "en"]));
        assert!(
            report.contains("evidence path refused"),
            "{absolute}: {report}"
        );
    }
}

#[test]
fn gc_lists_then_removes_only_unused_files() {
    let (_tmp, ws) = common::demo_copy();
    let ws_str = ws.to_str().expect("path");
    let stored = stored_paths(&ws);
    // Drop the reference to the packaging photo; keep the file.
    let path = ws.join("products/com-hong-quang.ron");
    let text = fs::read_to_string(&path).expect("read");
    let start = text.find("attachments: [").expect("attachments");
    let end = start + text[start..].find("],").expect("end") + 2;
    let without = format!("{}{}", &text[..start], &text[end..]);
    fs::write(&path, without).expect("write");
    // Just copied, so younger than the 7-day grace: kept by default.
    let out = run(&["gc", ws_str, "--dry-run", "--lang", "en"]);
    assert!(
        stdout(&out).contains(
            "0 unused evidence file(s) (dry run: nothing moved); 1 newer than 7 days kept"
        ),
        "{}",
        stdout(&out)
    );
    let out = run(&[
        "gc",
        ws_str,
        "--dry-run",
        "--grace-days",
        "0",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains(&format!("would move to trash: {}", stored[0])),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("1 unused evidence file(s) (dry run"),
        "{}",
        stdout(&out)
    );
    assert!(ws.join(&stored[0]).is_file(), "dry run removes nothing");
    let out = run(&["gc", ws_str, "--grace-days", "0"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!ws.join(&stored[0]).exists());
    let in_trash = ws.join("trash").join(&stored[0]);
    assert!(in_trash.is_file(), "moved to trash/evidence/, not deleted");
    assert!(ws.join(&stored[1]).is_file() && ws.join(&stored[2]).is_file());
    let out = run(&["gc", ws_str, "--empty-trash", "--lang", "en"]);
    assert!(
        stdout(&out).contains("deleted 1 file in trash/evidence"),
        "{}",
        stdout(&out)
    );
    assert!(!in_trash.exists());
}

#[test]
fn gc_refuses_while_a_product_file_is_unreadable() {
    let (_tmp, ws) = common::demo_copy();
    fs::write(ws.join("products/thit-trau-binh-an.ron"), b"broken").expect("write");
    let out = run(&[
        "gc",
        ws.to_str().expect("path"),
        "--dry-run",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not be read"));
}

// Issue 8, point 7: the CLI as a terminal user and a shell script meet it.

#[test]
fn a_closed_pipe_ends_list_quietly() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("big");
    let dir_str = dir.to_str().expect("path");
    assert!(
        run(&["demo-data", dir_str, "--products", "1500"])
            .status
            .success()
    );
    // `list DIR | head -1`: read one line, then close the pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args(["list", dir_str])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 64];
    std::io::Read::read_exact(&mut stdout, &mut first).expect("first bytes");
    drop(stdout);
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn check_never_prints_control_characters_from_file_names() {
    let (_tmp, ws) = common::demo_copy();
    fs::write(ws.join("products/\u{1b}[31mred\u{7}.ron"), "x").expect("write");
    let out = run(&["check", ws.to_str().expect("path")]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("\\u{1b}[31mred\\u{7}.ron"), "{text}");
}

#[test]
fn the_cli_speaks_vietnamese_by_default_and_english_on_request() {
    let (_tmp, ws) = common::demo_copy();
    let ws_str = ws.to_str().expect("path");
    let check = stdout(&run(&["check", ws_str]));
    assert!(check.contains("đã đọc 2 sản phẩm, 0 vấn đề"), "{check}");
    let score = stdout(&run(&["score", ws_str, "--product", "com-hong-quang"]));
    assert!(score.contains("Tổng 59/100"), "{score}");
    assert!(score.contains("tiếp theo: 4★ cần 70 điểm"), "{score}");
    let list = stdout(&run(&["list", ws_str, "--today", "2026-11-26"]));
    assert!(list.contains("07/12/2026 Hạn xã xử lý hồ sơ"), "{list}");
    let list_en = stdout(&run(&[
        "list",
        ws_str,
        "--today",
        "2026-11-26",
        "--lang",
        "en",
    ]));
    assert!(list_en.contains("Commune"), "{list_en}");
    assert!(!list_en.contains("Hạn xã"), "{list_en}");
    let calendar = stdout(&run(&[
        "calendar",
        ws_str,
        "--today",
        "2026-11-26",
        "--lang",
        "en",
    ]));
    assert!(
        calendar.contains("SUMMARY:Cốm Hồng Quang: Commune"),
        "{calendar}"
    );
}

#[cfg(unix)]
#[test]
fn calendar_out_never_replaces_a_link_or_a_device() {
    let (tmp, ws) = common::demo_copy();
    let ws_str = ws.to_str().expect("path");
    // `--out -` is standard output.
    let out = run(&["calendar", ws_str, "--out", "-"]);
    assert!(
        stdout(&out).starts_with("BEGIN:VCALENDAR"),
        "{}",
        stdout(&out)
    );
    assert!(!ws.join("-").exists() && !std::path::Path::new("-").exists());
    // A link as target: refused with a message, the link and its target untouched.
    let real = tmp.path().join("real.ics");
    fs::write(&real, "mine").expect("write");
    let link = tmp.path().join("link.ics");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let out = run(&[
        "calendar",
        ws_str,
        "--out",
        link.to_str().expect("path"),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("symbolic link"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).expect("read"), "mine");
    // A device is written into, never replaced by a regular file.
    let out = run(&["calendar", ws_str, "--out", "/dev/null"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fs::symlink_metadata("/dev/null")
            .expect("meta")
            .file_type()
            .is_char_device()
    );
}

/// An unknown command names itself on one line, then shows the usage with its lines (it
/// once came out as one line with every newline written `\u{a}`).
#[test]
fn an_unknown_command_shows_the_usage_line_by_line() {
    let out = run(&["new-workspace", "\u{1b}[31m"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let first = err.lines().next().expect("a line");
    assert!(first.contains("new-workspace"), "{err}");
    assert!(!err.contains("\\u{a}"), "{err}");
    assert!(
        err.lines()
            .any(|l| l.trim_start().starts_with("ocop-tracker list DIR")),
        "{err}"
    );
    // The word from outside stays printable (no terminal escape gets through).
    let out = run(&["x\u{1b}[31mred"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\u{1b}'), "{err}");
}

/// `check` and `conflicts` without a folder say so, then show the usage line by line.
#[test]
fn a_command_without_its_folder_shows_the_usage_line_by_line() {
    for command in ["check", "conflicts"] {
        let out = run(&[command]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.lines().next().is_some_and(|l| l.contains(command)),
            "{err}"
        );
        assert!(!err.contains("\\u{a}"), "{err}");
        assert!(
            err.lines()
                .any(|l| l.trim_start().starts_with("ocop-tracker list DIR")),
            "{err}"
        );
    }
}

/// The usage is in the user's language like every other word of the command line:
/// Vietnamese by default, English with `--lang en`; the commands are the same in both.
#[test]
fn the_usage_speaks_the_users_language() {
    let vi = run(&["--help"]);
    assert_eq!(vi.status.code(), Some(0));
    let vi = String::from_utf8_lossy(&vi.stdout);
    assert!(vi.contains("Cách dùng:"), "{vi}");
    assert!(!vi.contains("Usage:"), "{vi}");
    let en = run(&["--help", "--lang", "en"]);
    let en = String::from_utf8_lossy(&en.stdout);
    assert!(en.contains("Usage:"), "{en}");
    let commands = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.trim_start().strip_prefix("ocop-tracker "))
            .map(|l| l.split_whitespace().next().unwrap_or("").to_owned())
            .collect()
    };
    assert_eq!(commands(&vi), commands(&en));
    assert!(commands(&vi).len() > 15);
    // After a command it could not take, in the language asked for.
    let out = run(&["nope", "--lang", "en"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Usage:"));
}
