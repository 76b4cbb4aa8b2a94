//! Tidy test of the layers (in the spirit of rust-analyzer's `tidy.rs`): reads the sources
//! and fails when a file crosses a layer boundary stated in ARCHITECTURE.md.
//!
//! - `domain/` names no egui, ron, rfd, `std::fs` and no clock (today is a parameter);
//! - nothing outside `ui/` names egui or eframe;
//! - only `main`, `cli` and `bench` import `ui`;
//! - nothing outside `storage/` touches files or RON.
//!
//! Comment lines are not code and are skipped; a rule names the file and line it caught.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use std::fs;
use std::path::{Path, PathBuf};

/// One rule: which files it covers, what they may not contain, and why.
struct Rule {
    applies: fn(&str) -> bool,
    forbidden: &'static [&'static str],
    why: &'static str,
}

const RULES: &[Rule] = &[
    Rule {
        applies: |f| f.starts_with("domain/"),
        forbidden: &[
            "egui",
            "eframe",
            "ron::",
            "rfd",
            "std::fs",
            "fs::",
            "Local::now",
            "Utc::now",
            "SystemTime::now",
            "Instant::now",
        ],
        why: "domain/ is pure: no UI, no files, no RON, no clock (today is a parameter)",
    },
    Rule {
        applies: |f| !f.starts_with("ui/"),
        forbidden: &["egui", "eframe", "rfd::"],
        why: "only ui/ knows egui",
    },
    Rule {
        applies: |f| {
            !f.starts_with("ui/")
                && f != "main.rs"
                && !f.starts_with("bench/")
                && !f.starts_with("cli/")
        },
        forbidden: &["crate::ui", "super::ui", "ocop_tracker::ui"],
        why: "only main, cli and bench may import ui",
    },
    Rule {
        applies: |f| f.starts_with("documents/"),
        forbidden: &[
            "crate::app",
            "crate::command",
            "Local::now",
            "Utc::now",
            "SystemTime::now",
        ],
        why: "documents/ builds bytes from the domain: no app state, no commands, no clock",
    },
    Rule {
        applies: |f| !f.starts_with("storage/"),
        forbidden: &["std::fs", "fs::", "File::", "OpenOptions", "ron::"],
        why: "only storage/ touches files or RON",
    },
];

/// The violations in one file's text: `file:line: why: the line`.
fn violations(file: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let code = code.split(" //").next().unwrap_or(code);
        for rule in RULES.iter().filter(|r| (r.applies)(file)) {
            if let Some(word) = rule.forbidden.iter().find(|w| code.contains(**w)) {
                found.push(format!(
                    "src/{file}:{}: {} (found `{word}`): {}",
                    number + 1,
                    rule.why,
                    line.trim()
                ));
            }
        }
    }
    found
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("list src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_layers_hold() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    assert!(files.len() > 20, "found the sources");
    let mut all = Vec::new();
    for path in &files {
        let file = path
            .strip_prefix(&src)
            .expect("inside src")
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(path).expect("read source");
        all.extend(violations(&file, &text));
    }
    assert!(all.is_empty(), "layer violations:\n{}", all.join("\n"));
}

#[test]
fn the_checker_catches_planted_violations() {
    let planted = [
        ("domain/model.rs", "use egui::Ui;"),
        ("domain/deadlines.rs", "let today = chrono::Local::now();"),
        ("app.rs", "use crate::ui::text::Lang;"),
        ("jobs.rs", "let bytes = std::fs::read(path);"),
        ("command.rs", "let x: Foo = ron::from_str(text)?;"),
        ("cli/list.rs", "fn f(ctx: &egui::Context) {}"),
        ("documents/forms.rs", "let today = chrono::Local::now();"),
        ("documents/report.rs", "use crate::app::AppState;"),
    ];
    for (file, line) in planted {
        assert!(!violations(file, line).is_empty(), "{file}: {line}");
    }
    // Allowed: storage reads files, ui names egui, cli imports ui, comments are prose.
    for (file, line) in [
        ("storage/mod.rs", "let bytes = std::fs::read(path);"),
        ("ui/mod.rs", "use egui::Ui;"),
        ("cli/mod.rs", "crate::ui::start::run(start)"),
        ("domain/model.rs", "// no egui here"),
    ] {
        assert!(violations(file, line).is_empty(), "{file}: {line}");
    }
}
