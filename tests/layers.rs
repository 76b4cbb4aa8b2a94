//! Tidy test of the layers (in the spirit of rust-analyzer's `tidy.rs`): reads the sources
//! and fails when a file crosses a layer boundary stated in ARCHITECTURE.md.
//!
//! - `domain/` names no egui, ron, rfd, `std::fs` and no clock (today is a parameter);
//! - nothing outside `ui/` names egui or eframe;
//! - only `main`, `cli` and `bench` import `ui`;
//! - nothing outside `storage/` touches files or RON;
//! - `ui/` names no `storage::`: it reaches the system through `app/` (`app::shell`);
//! - `ui/` holds `&mut AppState` in one place only, where it hands a request over
//!   (`OcopApp::handle` → `AppState::handle`).
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
        applies: |f| f.starts_with("ui/"),
        forbidden: &["storage::"],
        why: "ui/ reaches the system through app/ (app::shell), never storage/ itself",
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
        ("ui/start.rs", "crate::storage::looks_like_workspace(p)"),
    ];
    for (file, line) in planted {
        assert!(!violations(file, line).is_empty(), "{file}: {line}");
    }
    // Allowed: storage reads files, ui names egui, cli imports ui, comments are prose.
    for (file, line) in [
        ("storage/mod.rs", "let bytes = std::fs::read(path);"),
        ("ui/mod.rs", "use egui::Ui;"),
        (
            "ui/start.rs",
            "crate::app::shell::may_open_at_start(p, None)",
        ),
        ("cli/mod.rs", "crate::ui::start::run(start)"),
        ("domain/model.rs", "// no egui here"),
    ] {
        assert!(violations(file, line).is_empty(), "{file}: {line}");
    }
}

/// The top-level modules of `src/` and the ones each names (`crate::x` outside comments).
fn module_graph(
    src: &Path,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut modules: Vec<String> = Vec::new();
    for entry in fs::read_dir(src).expect("list src") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let is_module = if path.is_dir() {
            name != "bin"
        } else {
            path.extension().is_some_and(|e| e == "rs") && name != "lib" && name != "main"
        };
        if is_module {
            modules.push(name);
        }
    }
    let mut graph = std::collections::BTreeMap::new();
    for module in &modules {
        let mut files = Vec::new();
        let dir = src.join(module);
        if dir.is_dir() {
            sources(&dir, &mut files);
        } else {
            files.push(src.join(format!("{module}.rs")));
        }
        let mut uses = std::collections::BTreeSet::new();
        for file in files {
            let text = fs::read_to_string(&file).expect("read source");
            for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for (at, _) in line.match_indices("crate::") {
                    let rest = line.get(at + "crate::".len()..).unwrap_or("");
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if modules.contains(&name) && &name != module {
                        uses.insert(name);
                    }
                }
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

/// The places in `ui/` that take the open workspace mutably: `file:line` of each.
fn mutable_holds(files: &[(String, String)]) -> Vec<String> {
    const HOLDS: &[&str] = &[
        "state.as_mut()",
        "&mut AppState",
        "state.as_mut().",
        "&mut self.state",
    ];
    let mut found = Vec::new();
    for (file, text) in files.iter().filter(|(f, _)| f.starts_with("ui/")) {
        for (number, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if !code.starts_with("//") && HOLDS.iter().any(|h| code.contains(h)) {
                found.push(format!("src/{file}:{}: {}", number + 1, line.trim()));
            }
        }
    }
    found
}

/// Issue 25: the window changes the workspace through one door. Everything in `ui/` reads
/// `&AppState`; the one `&mut` is `OcopApp::handle`, which hands a `Request` to
/// `AppState::handle`.
#[test]
fn ui_holds_the_workspace_mutably_in_one_place() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    sources(&src.join("ui"), &mut paths);
    let files: Vec<(String, String)> = paths
        .iter()
        .map(|path| {
            let file = path
                .strip_prefix(&src)
                .expect("inside src")
                .to_string_lossy()
                .replace('\\', "/");
            (file, fs::read_to_string(path).expect("read source"))
        })
        .collect();
    let holds = mutable_holds(&files);
    assert_eq!(holds.len(), 1, "one hand-over place:\n{}", holds.join("\n"));
    let mod_rs = files
        .iter()
        .find(|(f, _)| f == "ui/mod.rs")
        .map(|(_, text)| text.as_str())
        .expect("ui/mod.rs");
    assert!(
        holds[0].starts_with("src/ui/mod.rs:")
            && mod_rs.contains("Some(state) => state.handle(request)"),
        "the one hold is OcopApp::handle: {holds:?}"
    );
    // The checker finds a second one when one is planted.
    let mut planted = files.clone();
    planted.push((
        "ui/chrome.rs".to_owned(),
        "if let Some(state) = self.state.as_mut() { state.flush(); }".to_owned(),
    ));
    assert_eq!(mutable_holds(&planted).len(), 2);
}

/// A cycle among `graph`'s modules, if there is one (as the path that closes it).
fn find_cycle(
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path.get(at..).unwrap_or_default().to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = std::collections::BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_cycle_between_top_level_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = module_graph(&src);
    assert!(graph.len() > 8, "found the modules: {graph:?}");
    assert_eq!(
        find_cycle(&graph),
        None,
        "a cycle between top-level modules (ARCHITECTURE.md states the layers)"
    );
    // The checker finds one when one is planted.
    graph
        .get_mut("domain")
        .expect("domain")
        .insert("storage".to_owned());
    assert!(find_cycle(&graph).is_some(), "a planted cycle is found");
}

/// Every file and folder the source tree in ARCHITECTURE.md names exists (the document
/// follows the code when files move).
#[test]
fn every_file_architecture_md_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let tree = text.split("```").nth(1).expect("the source tree block");
    let mut folders: Vec<(usize, String)> = Vec::new();
    let mut named = 0;
    let mut missing = Vec::new();
    for line in tree.lines() {
        let indent = line.len() - line.trim_start().len();
        // Deeper lines continue an entry's description.
        if indent > 10 {
            continue;
        }
        let Some(token) = line.split_whitespace().next() else {
            continue;
        };
        let is_name = (token.ends_with(".rs") || token.ends_with('/'))
            && token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_./-".contains(c));
        if !is_name {
            continue;
        }
        while folders.last().is_some_and(|(at, _)| *at >= indent) {
            folders.pop();
        }
        let path: String = folders
            .iter()
            .map(|(_, name)| name.as_str())
            .collect::<String>()
            + token;
        named += 1;
        if !root.join(&path).exists() {
            missing.push(path.clone());
        }
        if token.ends_with('/') {
            folders.push((indent, token.to_owned()));
        }
    }
    assert!(named > 60, "read the tree: {named} names");
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names files that do not exist: {missing:?}"
    );
}
