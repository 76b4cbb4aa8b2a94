//! Paths that had no test (issue 26, item 6), each followed through to the file on disk:
//! the change goes in through `AppState` (the commands the screens push), the CLI binary
//! or storage, and what is checked is read back from the product file, the exported
//! document or the calendar the app wrote, never only the value in memory.
//!
//! 1. Merging a conflict copy's attachments, answers, stage and applications.
//! 2. The re-rating cycle: its own application, documents, deadlines and Form 01 ticks.
//! 3. An application under the older 1048/2019 rules: loaded, scored, exported, dated.
//! 4. Each deadline kind, by stage.
//! 5. The forms and the status report for all 26 scoring sets (LibreOffice converts every
//!    form in one run, when installed).
//!
//! Expected dates are written out by hand from the rules (Decision 26/2026, Art. 7: 15
//! working days, 30 Apr / 30 Oct, 30 Jun / 30 Dec, 30 Jan → 30 Mar; 36 months; expiry −180
//! / −120 days; +180 days of grace), not computed by the code under test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use ocop_tracker::app::AppState;
use ocop_tracker::command::{Command, DocDateField, Sheet};
use ocop_tracker::documents::DocKind;
use ocop_tracker::domain::criteria::Part as CriteriaPart;
use ocop_tracker::domain::deadlines::{self, DeadlineKind};
use ocop_tracker::domain::dossier::{Attachment, DocStatus};
use ocop_tracker::domain::merge::{self, Keep, Part};
use ocop_tracker::domain::model::{
    ApplicationKind, CURRENT_RULE_VERSION, Certificate, CertificateStanding, Product, ProductId,
    RULE_VERSION_1048,
};
use ocop_tracker::domain::scoring::Answer;
use ocop_tracker::domain::stage::{Stage, StageInput};
use ocop_tracker::storage::{self, ConflictCopy};
use ocop_tracker::text::{self, Lang};

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// Deadlines as (kind, day), in date order.
type Dated = Vec<(DeadlineKind, NaiveDate)>;
/// Stage changes with what each needs.
type Moves = Vec<(Stage, StageInput)>;
/// Per scoring set, each exported document's file by kind.
type SetFiles = Vec<(u8, Vec<(DocKind, PathBuf)>)>;

fn id(raw: &str) -> ProductId {
    ProductId::parse(raw).expect("valid id")
}

fn com() -> ProductId {
    id("com-hong-quang")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn open(ws: &Path, today: NaiveDate, officer: &str) -> AppState {
    let mut state = AppState::open(ws, common::catalog(), today, Lang::Vi).expect("open");
    state.set_officer(officer);
    state
}

/// Applies one command as the screens do; it must be accepted and written at once.
fn apply(state: &mut AppState, command: Command) {
    state
        .apply(&command)
        .unwrap_or_else(|err| panic!("{command:?}: {err:?}"));
    assert_eq!(state.unsaved_count(), 0, "written at once: {command:?}");
}

fn move_to(state: &mut AppState, product: &ProductId, target: Stage, input: StageInput) {
    apply(
        state,
        Command::ChangeStage {
            id: product.clone(),
            target,
            input: Box::new(input),
        },
    );
}

fn add_product(state: &mut AppState, raw_id: &str, name: &str, scoring_set: u8, year: i32) {
    apply(
        state,
        Command::AddProduct {
            id: id(raw_id),
            name: name.into(),
            scoring_set,
            year,
        },
    );
}

fn received(on: NaiveDate) -> StageInput {
    StageInput {
        received_by_commune: Some(on),
        ..Default::default()
    }
}

fn forwarded(received_on: NaiveDate, forwarded_on: NaiveDate) -> StageInput {
    StageInput {
        received_by_commune: Some(received_on),
        forwarded_to_province: Some(forwarded_on),
        ..Default::default()
    }
}

/// Everything a product needs to be recognised from any earlier stage.
fn recognised(
    received_on: NaiveDate,
    forwarded_on: NaiveDate,
    star: u8,
    number: &str,
    issued_on: NaiveDate,
) -> StageInput {
    StageInput {
        certificate_star: Some(star),
        certificate_number: Some(number.into()),
        certificate_issued: Some(issued_on),
        ..forwarded(received_on, forwarded_on)
    }
}

/// The product as its file on disk holds it now (the whole workspace read afresh).
fn on_disk(ws: &Path, product: &ProductId) -> Product {
    let loaded = storage::load_workspace(ws).expect("load");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded
        .workspace
        .products
        .get(product)
        .cloned()
        .unwrap_or_else(|| panic!("{product} on disk"))
}

fn entry<'a>(
    product: &'a Product,
    app: usize,
    key: &str,
) -> &'a ocop_tracker::domain::dossier::DossierEntry {
    product.applications[app]
        .dossier
        .iter()
        .find(|e| e.key == key)
        .unwrap_or_else(|| panic!("{key} in application {app}"))
}

fn shas(product: &Product, app: usize, key: &str) -> BTreeSet<String> {
    entry(product, app, key)
        .attachments
        .iter()
        .map(|a| a.sha256.clone())
        .collect()
}

/// The text of a .docx file on disk (`word/document.xml`, runs joined, entities
/// decoded, white space collapsed).
fn docx_text(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let xml = common::document_xml(&bytes);
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(start) = [rest.find("<w:t>"), rest.find("<w:t ")]
        .into_iter()
        .flatten()
        .min()
    {
        rest = &rest[start..];
        let (Some(open_end), Some(close)) = (rest.find('>'), rest.find("</w:t>")) else {
            break;
        };
        if open_end < close {
            out.push_str(&rest[open_end + 1..close]);
            out.push(' ');
        }
        rest = &rest[close + "</w:t>".len()..];
    }
    collapse(&unescape_xml(&out))
}

fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The events of an iCalendar file on disk: (day, summary), lines unfolded (RFC 5545
/// §3.1) and TEXT unescaped (§3.3.11).
fn ics_events(path: &Path) -> Vec<(NaiveDate, String)> {
    let raw = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let unfolded = raw.replace("\r\n ", "").replace("\r\n\t", "");
    let mut events = Vec::new();
    let (mut date, mut summary) = (None, None);
    for line in unfolded.split("\r\n") {
        if line == "BEGIN:VEVENT" {
            (date, summary) = (None, None);
        } else if let Some(value) = line.strip_prefix("DTSTART;VALUE=DATE:") {
            date = NaiveDate::parse_from_str(value, "%Y%m%d").ok();
        } else if let Some(value) = line.strip_prefix("SUMMARY:") {
            let mut text = String::new();
            let mut chars = value.chars();
            while let Some(c) = chars.next() {
                if c != '\\' {
                    text.push(c);
                    continue;
                }
                match chars.next() {
                    Some('n' | 'N') => text.push('\n'),
                    Some(other) => text.push(other),
                    None => {}
                }
            }
            summary = Some(text);
        } else if line == "END:VEVENT" {
            events.push((
                date.take().expect("DTSTART"),
                summary.take().expect("SUMMARY"),
            ));
        }
    }
    events
}

/// The deadline kind an English calendar summary names (its rule's name).
fn kind_named(rule: &str) -> DeadlineKind {
    DeadlineKind::ALL
        .into_iter()
        .find(|k| text::deadline_name(*k).en == rule)
        .unwrap_or_else(|| panic!("no deadline is called {rule:?}"))
}

/// The calendar the CLI writes for `ws` on `today` (English), as (kind, day) per product
/// name: "{product}: {rule}" or "{product}: {rule} – {document}".
fn calendar_by_cli(ws: &Path, today: NaiveDate) -> BTreeMap<String, Dated> {
    let out_file = ws
        .parent()
        .expect("temp root")
        .join(format!("calendar-{today}.ics"));
    let out = common::run_bin(&[
        "calendar",
        ws.to_str().expect("utf-8 path"),
        "--out",
        out_file.to_str().expect("utf-8 path"),
        "--lang",
        "en",
        "--today",
        &today.to_string(),
    ]);
    assert!(out.status.success(), "{}", common::said(&out));
    let mut by_product: BTreeMap<String, Dated> = BTreeMap::new();
    for (date, summary) in ics_events(&out_file) {
        let (product, rest) = summary.split_once(": ").expect("product: rule");
        let rule = rest.split(" – ").next().unwrap_or(rest);
        by_product
            .entry(product.to_owned())
            .or_default()
            .push((kind_named(rule), date));
    }
    by_product
}

/// `list --format csv` on `today` (English): per product id, its next deadline's day
/// and rule as the list prints them (the rule unquoted).
fn listed_by_cli(ws: &Path, today: NaiveDate) -> BTreeMap<String, (String, String)> {
    let out = common::run_bin(&[
        "list",
        ws.to_str().expect("utf-8 path"),
        "--format",
        "csv",
        "--lang",
        "en",
        "--today",
        &today.to_string(),
    ]);
    assert!(out.status.success(), "{}", common::said(&out));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .map(|line| {
            // id,name,producer,stage,dossier_percent,next_deadline,deadline_rule (our
            // names hold no comma; a rule that does is quoted, and last).
            let fields: Vec<&str> = line.splitn(7, ',').collect();
            assert_eq!(fields.len(), 7, "{line}");
            (
                fields[0].to_owned(),
                (fields[5].to_owned(), fields[6].trim_matches('"').to_owned()),
            )
        })
        .collect()
}

/// Every deadline of the product as loaded from its file, with its day (past ones too).
fn deadlines_on_disk(ws: &Path, product: &ProductId, today: NaiveDate) -> Dated {
    let catalog = common::catalog();
    let product = on_disk(ws, product);
    let app = product.current().expect("an application");
    deadlines::application_deadlines(&product, app, today, &catalog.calendar)
        .into_iter()
        .map(|d| (d.kind, d.date))
        .collect()
}

fn export_cli(
    ws: &Path,
    product: &str,
    form: &str,
    out: &Path,
    today: NaiveDate,
) -> std::process::Output {
    common::run_bin(&[
        "export",
        ws.to_str().expect("utf-8 path"),
        "--product",
        product,
        "--form",
        form,
        "--out",
        out.to_str().expect("utf-8 path"),
        "--today",
        &today.to_string(),
    ])
}

/// Form 01 item 4, as its .docx on disk says it: which of the three kinds is ticked.
fn form_01_kind_line(path: &Path) -> String {
    let text = docx_text(path);
    let start = text.find("Lần đầu").expect("item 4 of Form 01");
    text[start..]
        .split(" 5. ")
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// A file imported into the workspace's evidence store, as the attach dialog does.
fn evidence(ws: &Path, name: &str, content: &[u8]) -> Attachment {
    let source_dir = ws.parent().expect("temp root").join("sources");
    fs::create_dir_all(&source_dir).expect("sources");
    let source = source_dir.join(name);
    fs::write(&source, content).expect("source");
    storage::evidence::import_file(ws, &source, &mut |_| {}, &AtomicBool::new(false))
        .expect("import")
        .to_attachment(day(2026, 11, 27).and_hms_opt(8, 30, 0).expect("time"))
}

fn attach(product: &ProductId, key: &str, attachment: &Attachment) -> Command {
    Command::Attach {
        id: product.clone(),
        key: key.into(),
        attachments: vec![attachment.clone()],
    }
}

// ---------------------------------------------------------------------------------------
// 1. Merging a conflict copy
// ---------------------------------------------------------------------------------------

const BINH: &str = "Lò Văn Bình";
const AN: &str = "Nguyễn Văn An";

/// `officer` edits a copy of `ws` on another PC (offline); returns the product file it
/// wrote (with the copy's guard).
fn edited_elsewhere(
    ws: &Path,
    officer: &str,
    product: &ProductId,
    edits: &[Command],
) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let theirs = tmp.path().join("ws");
    common::copy_dir(ws, &theirs);
    let _ = fs::remove_file(theirs.join(storage::shared::LOCK_FILE));
    let mut state = open(&theirs, common::today(), officer);
    for edit in edits {
        apply(&mut state, edit.clone());
    }
    drop(state);
    let file = storage::product_path(&theirs, product);
    (tmp, file)
}

/// Two officers edited `product` from the same start: Bình's version is synced into the
/// product file, An's arrives as Syncthing's conflict copy beside it. Returns the app
/// opened on `ws`, the copy, the current version (Bình's) and the copy's (An's).
fn conflict(
    ws: &Path,
    product: &ProductId,
    binh: &[Command],
    an: &[Command],
) -> (AppState, ConflictCopy, Product, Product) {
    let (_binh_pc, binh_file) = edited_elsewhere(ws, BINH, product, binh);
    let (_an_pc, an_file) = edited_elsewhere(ws, AN, product, an);
    fs::copy(binh_file, storage::product_path(ws, product)).expect("sync Bình's file");
    let copy_path = ws.join(storage::PRODUCTS_DIR).join(format!(
        "{product}.sync-conflict-20261128-101010-ABCDEFG.ron"
    ));
    fs::copy(an_file, &copy_path).expect("sync An's file as a conflict copy");
    let state = open(ws, common::today(), AN);
    let copies = state.conflicts_of(product);
    assert_eq!(copies.len(), 1, "the conflict copy is found");
    let copy = copies[0].clone();
    assert_eq!(copy.path, copy_path);
    let current = state.workspace().products[product].clone();
    let theirs = state.read_conflict(&copy).expect("read the copy");
    (state, copy, current, theirs)
}

/// Resolves with `choices` as the comparison dialog does (`AppState::merge_conflict`: the
/// copy merged into the product as it is now, `current`); returns the product file's
/// content afterwards.
fn resolve(
    ws: &Path,
    mut state: AppState,
    copy: &ConflictCopy,
    current: &Product,
    theirs: &Product,
    choices: &BTreeMap<Part, Keep>,
) -> Product {
    assert_eq!(state.workspace().products.get(&copy.of), Some(current));
    state
        .merge_conflict(copy, theirs, choices)
        .expect("resolve");
    assert!(!copy.path.exists(), "the copy left products/");
    drop(state);
    let loaded = storage::load_workspace(ws).expect("load");
    assert!(loaded.conflicts.is_empty(), "no conflict left");
    on_disk(ws, &copy.of)
}

fn authors(product: &Product) -> BTreeSet<&str> {
    product.history.iter().map(|e| e.by.as_str()).collect()
}

#[test]
fn merge_keeps_the_chosen_attachments_of_each_document_on_disk() {
    let (_tmp, ws) = common::demo_copy();
    let contract = evidence(&ws, "Hợp đồng liên kết 2026.pdf", b"%PDF-1.4 hop dong");
    let invoice = evidence(&ws, "Hóa đơn mua nếp.pdf", b"%PDF-1.4 hoa don");
    let [raw, market, environment] = [
        "raw-material-origin",
        "market-evidence",
        "environment-records",
    ];
    let before = on_disk(&ws, &com());
    for key in [raw, market, environment] {
        assert!(
            shas(&before, 0, key).is_empty(),
            "{key}: nothing attached yet"
        );
    }
    let (state, copy, current, theirs) = conflict(
        &ws,
        &com(),
        &[
            attach(&com(), raw, &contract),
            attach(&com(), market, &contract),
            attach(&com(), environment, &contract),
        ],
        &[
            attach(&com(), raw, &invoice),
            attach(&com(), market, &invoice),
            attach(&com(), environment, &invoice),
        ],
    );
    let parts: BTreeSet<Part> = merge::differences(&current, &theirs).into_iter().collect();
    assert_eq!(
        parts,
        BTreeSet::from([
            Part::DocAttachments(raw.into()),
            Part::DocAttachments(market.into()),
            Part::DocAttachments(environment.into()),
        ])
    );
    let product = resolve(
        &ws,
        state,
        &copy,
        &current,
        &theirs,
        &BTreeMap::from([
            (Part::DocAttachments(raw.into()), Keep::Both),
            (Part::DocAttachments(market.into()), Keep::Copy),
            (Part::DocAttachments(environment.into()), Keep::Current),
        ]),
    );
    let (c, i) = (contract.sha256.clone(), invoice.sha256.clone());
    assert_eq!(
        shas(&product, 0, raw),
        BTreeSet::from([c.clone(), i.clone()]),
        "both"
    );
    assert_eq!(shas(&product, 0, market), BTreeSet::from([i]), "the copy's");
    assert_eq!(
        shas(&product, 0, environment),
        BTreeSet::from([c]),
        "the current one's"
    );
    for attachment in [&contract, &invoice] {
        assert!(
            storage::evidence::is_present(&ws, attachment),
            "{} stays in the store",
            attachment.file_name
        );
    }
    assert!(authors(&product).is_superset(&BTreeSet::from([BINH, AN])));
}

#[test]
fn merge_keeps_the_chosen_answers_of_both_sheets_on_disk() {
    let (_tmp, ws) = common::demo_copy();
    let before = on_disk(&ws, &com());
    let base = &before.applications[0].scores;
    // An answer the demo already has, which An clears and Bình leaves.
    let cleared = base
        .self_assessment
        .answers
        .keys()
        .find(|k| *k != "1.1")
        .expect("the demo has answers")
        .clone();
    assert!(!base.commune_view.answers.contains_key("2.2"));
    let answer = |sheet, criterion: &str, answer| Command::SetAnswer {
        id: com(),
        sheet,
        criterion: criterion.into(),
        answer,
    };
    let (state, copy, current, theirs) = conflict(
        &ws,
        &com(),
        &[
            answer(
                Sheet::SelfAssessment,
                "1.1",
                Some(Answer::Chosen { option: 0 }),
            ),
            answer(Sheet::Commune, "2.2", Some(Answer::NotMet)),
        ],
        &[
            answer(
                Sheet::SelfAssessment,
                "1.1",
                Some(Answer::Chosen { option: 2 }),
            ),
            answer(Sheet::Commune, "2.2", Some(Answer::Chosen { option: 1 })),
            answer(Sheet::SelfAssessment, &cleared, None),
        ],
    );
    let parts: BTreeSet<Part> = merge::differences(&current, &theirs).into_iter().collect();
    assert_eq!(
        parts,
        BTreeSet::from([
            Part::Answer(Sheet::SelfAssessment, "1.1".into()),
            Part::Answer(Sheet::Commune, "2.2".into()),
            Part::Answer(Sheet::SelfAssessment, cleared.clone()),
        ])
    );
    let product = resolve(
        &ws,
        state,
        &copy,
        &current,
        &theirs,
        &BTreeMap::from([
            (
                Part::Answer(Sheet::SelfAssessment, "1.1".into()),
                Keep::Copy,
            ),
            (Part::Answer(Sheet::Commune, "2.2".into()), Keep::Current),
            (
                Part::Answer(Sheet::SelfAssessment, cleared.clone()),
                Keep::Copy,
            ),
        ]),
    );
    let scores = &product.applications[0].scores;
    assert_eq!(
        scores.self_assessment.answers.get("1.1"),
        Some(&Answer::Chosen { option: 2 }),
        "An's answer, kept from the copy"
    );
    assert_eq!(
        scores.commune_view.answers.get("2.2"),
        Some(&Answer::NotMet),
        "Bình's answer, kept"
    );
    assert!(
        !scores.self_assessment.answers.contains_key(&cleared),
        "An's clearing of {cleared}, kept from the copy"
    );
    // The other answers of the demo are untouched.
    for (key, answer) in &base.self_assessment.answers {
        if key != "1.1" && *key != cleared {
            assert_eq!(
                scores.self_assessment.answers.get(key),
                Some(answer),
                "{key}"
            );
        }
    }
}

#[test]
fn merge_takes_the_copys_stage_with_its_dates_onto_disk() {
    let (_tmp, ws) = common::demo_copy();
    let before = on_disk(&ws, &com());
    assert_eq!(before.applications[0].stage, Stage::SubmittedToCommune);
    let received_on = before.applications[0].dates.received_by_commune;
    assert_eq!(received_on, Some(day(2026, 11, 16)));
    let (state, copy, current, theirs) = conflict(
        &ws,
        &com(),
        &[Command::ChangeStage {
            id: com(),
            target: Stage::CommuneAssessment,
            input: Box::default(),
        }],
        &[Command::ChangeStage {
            id: com(),
            target: Stage::ForwardedToProvince,
            input: Box::new(StageInput {
                forwarded_to_province: Some(day(2026, 11, 25)),
                ..Default::default()
            }),
        }],
    );
    assert_eq!(merge::differences(&current, &theirs), vec![Part::Process]);
    assert_eq!(current.applications[0].stage, Stage::CommuneAssessment);
    let product = resolve(
        &ws,
        state,
        &copy,
        &current,
        &theirs,
        &BTreeMap::from([(Part::Process, Keep::Copy)]),
    );
    let app = &product.applications[0];
    assert_eq!(app.stage, Stage::ForwardedToProvince);
    assert_eq!(app.dates.forwarded_to_province, Some(day(2026, 11, 25)));
    assert_eq!(app.dates.received_by_commune, received_on, "kept");
    // And the product is dated by its new stage: the provincial round ends 30 December.
    assert_eq!(
        deadlines_on_disk(&ws, &com(), common::today())
            .into_iter()
            .filter(|(kind, _)| *kind != DeadlineKind::DocumentValidUntil)
            .collect::<Vec<_>>(),
        vec![(DeadlineKind::ProvincialResult, day(2026, 12, 30))]
    );
}

/// The demo's Cốm, recognised (3★) on 24 Nov 2026: its application is closed, so either
/// officer may start the next one. Returns a file both officers then attach.
fn recognised_com(ws: &Path) -> Attachment {
    let scan = evidence(ws, "Giấy chứng nhận ISO.pdf", b"%PDF-1.4 iso");
    let mut state = open(ws, common::today(), AN);
    move_to(
        &mut state,
        &com(),
        Stage::Recognised,
        recognised(
            day(2026, 11, 16),
            day(2026, 11, 20),
            3,
            "101/QĐ-UBND",
            day(2026, 11, 24),
        ),
    );
    scan
}

#[test]
fn merge_takes_the_copys_new_application_onto_disk() {
    let (_tmp, ws) = common::demo_copy();
    recognised_com(&ws);
    let (state, copy, current, theirs) = conflict(
        &ws,
        &com(),
        &[Command::SetText {
            id: com(),
            field: ocop_tracker::command::TextField::Notes,
            value: "Bình: đã nhận giấy chứng nhận.".into(),
        }],
        &[Command::StartApplication {
            id: com(),
            kind: ApplicationKind::Upgrade,
            year: 2027,
        }],
    );
    let parts = merge::differences(&current, &theirs);
    assert!(parts.contains(&Part::Applications), "{parts:?}");
    assert!(
        parts.contains(&Part::Text(ocop_tracker::domain::history::TextField::Notes)),
        "{parts:?}"
    );
    let product = resolve(
        &ws,
        state,
        &copy,
        &current,
        &theirs,
        &BTreeMap::from([
            (Part::Applications, Keep::Copy),
            (
                Part::Text(ocop_tracker::domain::history::TextField::Notes),
                Keep::Current,
            ),
        ]),
    );
    assert_eq!(product.applications.len(), 2);
    let (first, upgrade) = (&product.applications[0], &product.applications[1]);
    assert_eq!(first.stage, Stage::Recognised);
    assert_eq!(
        first.certificate.as_ref().map(|c| c.number.as_str()),
        Some("101/QĐ-UBND")
    );
    assert_eq!(upgrade.kind, ApplicationKind::Upgrade);
    assert_eq!(upgrade.year, 2027);
    assert_eq!(upgrade.stage, Stage::Preparing);
    assert_eq!(product.notes, "Bình: đã nhận giấy chứng nhận.");
}

/// The reported bug (issue 26, item 6): "keep the copy" for the applications replaces
/// the whole list, so every per-document choice on the earlier application is lost. Here
/// Bình attached the ISO certificate to the recognised application while An started the
/// upgrade; the officer keeps An's applications and "both" for that document's files.
/// Bình's file must still be attached on disk. (The comparison does not even offer the
/// document: `merge::differences` lists only `Applications` once the counts differ.)
#[test]
fn merge_keeping_the_copys_applications_keeps_the_per_document_choices() {
    let (_tmp, ws) = common::demo_copy();
    let scan = recognised_com(&ws);
    let (state, copy, current, theirs) = conflict(
        &ws,
        &com(),
        &[attach(&com(), "qms-certificates", &scan)],
        &[Command::StartApplication {
            id: com(),
            kind: ApplicationKind::Upgrade,
            year: 2027,
        }],
    );
    assert_eq!(shas(&current, 0, "qms-certificates").len(), 1);
    let product = resolve(
        &ws,
        state,
        &copy,
        &current,
        &theirs,
        &BTreeMap::from([
            (Part::DocAttachments("qms-certificates".into()), Keep::Both),
            (Part::Applications, Keep::Copy),
        ]),
    );
    assert_eq!(product.applications.len(), 2, "An's upgrade is there");
    assert_eq!(
        shas(&product, 0, "qms-certificates"),
        BTreeSet::from([scan.sha256.clone()]),
        "Bình's file on the recognised application was dropped by 'keep copy' for the applications"
    );
}

// ---------------------------------------------------------------------------------------
// 2. The re-rating cycle
// ---------------------------------------------------------------------------------------

/// A product recognised 4★ on 1 May 2024: expiry 1 May 2027, re-rating window
/// 2 Nov 2026 – 1 Jan 2027 (today, 26 Nov 2026, is inside it).
fn recognised_2024(state: &mut AppState, raw_id: &str, name: &str, number: &str) {
    add_product(state, raw_id, name, 6, 2024);
    move_to(
        state,
        &id(raw_id),
        Stage::Recognised,
        recognised(
            day(2024, 3, 1),
            day(2024, 3, 20),
            4,
            number,
            day(2024, 5, 1),
        ),
    );
}

#[test]
fn a_re_rating_has_its_own_application_documents_deadlines_and_form_01_on_disk() {
    let (tmp, ws) = common::demo_copy();
    let today = common::today();
    let mien = id("mien-dong-hong-quang");
    let mut state = open(&ws, today, AN);
    recognised_2024(
        &mut state,
        mien.as_str(),
        "Miến dong Hồng Quang",
        "45/QĐ-UBND",
    );
    recognised_2024(
        &mut state,
        "mat-ong-binh-an",
        "Mật ong Bình An",
        "46/QĐ-UBND",
    );

    // Before: the first rating's Form 01, and the window's dates in the calendar.
    let first_form = tmp.path().join("Mẫu 01 - lần đầu.docx");
    state.export_now(ocop_tracker::app::Export::Document {
        kind: DocKind::Form01,
        id: mien.clone(),
        path: first_form.clone(),
    });
    assert_eq!(
        form_01_kind_line(&first_form),
        "Lần đầu ☑ Nâng hạng □ Đánh giá lại □"
    );
    let before = on_disk(&ws, &mien);
    assert_eq!(
        entry(&before, 0, "rerating-updates").status,
        DocStatus::NotApplicable,
        "a first rating has no re-rating updates"
    );
    // The opening (2 Nov 2026) has passed: a calendar holds what is still to come.
    assert_eq!(
        calendar_by_cli(&ws, today)["Miến dong Hồng Quang"],
        vec![
            (DeadlineKind::ReRatingCloses, day(2027, 1, 1)),
            (DeadlineKind::CertificateExpiry, day(2027, 5, 1)),
        ]
    );

    // The re-rating: a new application; the upgrade of the other product for contrast.
    apply(
        &mut state,
        Command::StartApplication {
            id: mien.clone(),
            kind: ApplicationKind::ReRating,
            year: 2026,
        },
    );
    apply(
        &mut state,
        Command::StartApplication {
            id: id("mat-ong-binh-an"),
            kind: ApplicationKind::Upgrade,
            year: 2026,
        },
    );
    let product = on_disk(&ws, &mien);
    assert_eq!(product.applications.len(), 2);
    let (old, rerating) = (&product.applications[0], &product.applications[1]);
    assert_eq!(
        old.stage,
        Stage::Recognised,
        "the first application is kept whole"
    );
    assert_eq!(old.certificate.as_ref().map(|c| c.star), Some(4));
    assert_eq!(rerating.kind, ApplicationKind::ReRating);
    assert_eq!(rerating.rule_version, CURRENT_RULE_VERSION);
    assert_eq!(rerating.year, 2026);
    assert_eq!(rerating.stage, Stage::Preparing);
    assert!(rerating.certificate.is_none());
    // Re-rating-only documents: the updates since recognition concern this one only.
    assert_eq!(
        entry(&product, 1, "rerating-updates").status,
        DocStatus::Missing
    );
    assert_eq!(
        entry(&product, 1, "five-star-dossier").status,
        DocStatus::NotApplicable
    );
    assert!(
        rerating
            .dossier
            .iter()
            .filter(|e| !["rerating-updates", "five-star-dossier"].contains(&e.key.as_str()))
            .all(|e| e.status == DocStatus::Missing && e.attachments.is_empty()),
        "a fresh dossier"
    );
    let upgrade = on_disk(&ws, &id("mat-ong-binh-an"));
    assert_eq!(upgrade.applications[1].kind, ApplicationKind::Upgrade);
    assert_eq!(
        entry(&upgrade, 1, "rerating-updates").status,
        DocStatus::NotApplicable,
        "an upgrade has no re-rating updates"
    );
    // The re-rating's own document can be worked on.
    apply(
        &mut state,
        Command::SetDocStatus {
            id: mien.clone(),
            key: "rerating-updates".into(),
            status: DocStatus::Ready,
        },
    );
    assert_eq!(
        entry(&on_disk(&ws, &mien), 1, "rerating-updates").status,
        DocStatus::Ready
    );

    // Form 01 of the re-rating, exported by the command line: "Đánh giá lại" ticked.
    let rerating_form = tmp.path().join("Mẫu 01 - đánh giá lại.docx");
    let out = export_cli(&ws, mien.as_str(), "01", &rerating_form, today);
    assert!(out.status.success(), "{}", common::said(&out));
    assert_eq!(
        form_01_kind_line(&rerating_form),
        "Lần đầu □ Nâng hạng □ Đánh giá lại ☑"
    );
    let text = docx_text(&rerating_form);
    assert!(
        text.contains("Miến dong Hồng Quang") && text.contains("năm 2026"),
        "{text}"
    );
    let upgrade_form = tmp.path().join("Mẫu 01 - nâng hạng.docx");
    let out = export_cli(&ws, "mat-ong-binh-an", "01", &upgrade_form, today);
    assert!(out.status.success(), "{}", common::said(&out));
    assert_eq!(
        form_01_kind_line(&upgrade_form),
        "Lần đầu □ Nâng hạng ☑ Đánh giá lại □"
    );

    // While the re-rating runs, the old certificate still stands and dates the product.
    let product = on_disk(&ws, &mien);
    assert!(matches!(
        product.certificate_standing(today),
        Some((Certificate { star: 4, .. }, CertificateStanding::Valid))
    ));
    move_to(
        &mut state,
        &mien,
        Stage::SubmittedToCommune,
        received(day(2026, 11, 25)),
    );
    assert_eq!(
        calendar_by_cli(&ws, today)["Miến dong Hồng Quang"],
        vec![
            // 15 working days from Wed 25 Nov 2026 (no holiday before Tết).
            (DeadlineKind::CommuneProcessing, day(2026, 12, 16)),
            (DeadlineKind::ProvinceRoundCutoff, day(2027, 4, 30)),
            (DeadlineKind::CertificateExpiry, day(2027, 5, 1)),
        ]
    );

    // Recognised again on 1 Mar 2027: the new certificate dates the product from then on.
    state.set_today(day(2027, 3, 5));
    move_to(
        &mut state,
        &mien,
        Stage::Recognised,
        recognised(
            day(2026, 11, 25),
            day(2026, 12, 10),
            4,
            "12/QĐ-UBND",
            day(2027, 3, 1),
        ),
    );
    drop(state);
    let later = day(2027, 6, 1);
    let product = on_disk(&ws, &mien);
    assert_eq!(
        product.applications[0]
            .certificate
            .as_ref()
            .map(|c| c.number.as_str()),
        Some("45/QĐ-UBND"),
        "the old certificate stays on record"
    );
    assert!(
        matches!(
            product.certificate_standing(later),
            Some((Certificate { number, .. }, CertificateStanding::Valid)) if number == "12/QĐ-UBND"
        ),
        "after the old one expired (1 May 2027) the new one stands"
    );
    assert_eq!(
        deadlines_on_disk(&ws, &mien, later)
            .into_iter()
            .filter(|(kind, _)| *kind != DeadlineKind::DocumentValidUntil)
            .collect::<Vec<_>>(),
        vec![
            (DeadlineKind::ReRatingOpens, day(2029, 9, 2)),
            (DeadlineKind::ReRatingCloses, day(2029, 11, 1)),
            (DeadlineKind::CertificateExpiry, day(2030, 3, 1)),
        ]
    );
}

/// The re-rating dossier must be filed no later than 120 days before expiry (Decision
/// 26/2026, Art. 9): while the re-rating application is being prepared, that is its
/// deadline. Today the window's dates are listed only while the recognised application is
/// the current one (src/domain/deadlines.rs, `app.stage == Stage::Recognised`), so
/// starting the re-rating removes the closing date from the agenda and the calendar.
#[test]
fn a_re_rating_in_preparation_keeps_its_filing_deadline() {
    let (_tmp, ws) = common::demo_copy();
    let today = common::today();
    let mut state = open(&ws, today, AN);
    recognised_2024(
        &mut state,
        "mien-dong-hong-quang",
        "Miến dong Hồng Quang",
        "45/QĐ-UBND",
    );
    apply(
        &mut state,
        Command::StartApplication {
            id: id("mien-dong-hong-quang"),
            kind: ApplicationKind::ReRating,
            year: 2026,
        },
    );
    drop(state);
    assert!(
        calendar_by_cli(&ws, today)["Miến dong Hồng Quang"]
            .contains(&(DeadlineKind::ReRatingCloses, day(2027, 1, 1))),
        "the re-rating must be filed by 1 Jan 2027"
    );
}

// ---------------------------------------------------------------------------------------
// 3. An application under the 1048/2019 rules
// ---------------------------------------------------------------------------------------

#[test]
fn an_application_under_1048_is_loaded_scored_exported_and_dated_from_disk() {
    let (tmp, ws) = common::demo_copy();
    let catalog = common::catalog();
    let today = day(2025, 6, 1);
    let mien = id("mien-dong-2022");
    // A product recognised in 2022 under 1048/QĐ-TTg, as an older workspace holds it:
    // added through the app, then its application rewritten as the old rules' and saved
    // by storage.
    {
        let mut state = open(&ws, today, AN);
        add_product(&mut state, mien.as_str(), "Miến dong Bình An 2022", 6, 2022);
    }
    let template = catalog
        .template(RULE_VERSION_1048)
        .expect("1048 dossier template");
    let mut product = on_disk(&ws, &mien);
    {
        let app = product.current_mut().expect("application");
        app.rule_version = RULE_VERSION_1048.to_owned();
        app.dossier = template.new_entries();
        for e in &mut app.dossier {
            e.status = DocStatus::Ready;
        }
        app.stage = Stage::Recognised;
        app.dates.received_by_commune = Some(day(2022, 8, 1));
        app.dates.forwarded_to_province = Some(day(2022, 9, 5));
        app.certificate = Some(Certificate {
            star: 4,
            number: "2468/QĐ-UBND".into(),
            issued_on: day(2022, 11, 10),
        });
        app.scores.official.average_score = Some(76.5);
        app.scores.official.star = Some(4);
        app.scores.official.date = Some(day(2022, 11, 10));
    }
    storage::save_product(&ws, &product).expect("save");
    let keys_1048: Vec<String> = template.items.iter().map(|i| i.key.clone()).collect();

    // Loaded: by the app (writable, the same product) and by `check` (no problem).
    let state = open(&ws, today, AN);
    assert!(
        state.load_problems().is_empty(),
        "{:?}",
        state.load_problems()
    );
    assert!(!state.read_only().contains(&mien));
    assert_eq!(state.workspace().products[&mien], product);
    drop(state);
    let ws_str = ws.to_str().expect("utf-8 path");
    let out = common::run_bin(&["check", ws_str, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::said(&out));
    assert!(
        common::said(&out).contains("3 products read, 0 problems"),
        "{}",
        common::said(&out)
    );

    // Scored: the app has no 1048 criteria, so it scores nothing under 26/2026's; the
    // council's 4★ stands through its certificate.
    let out = common::run_bin(&["score", ws_str, "--product", mien.as_str(), "--lang", "en"]);
    assert!(out.status.success(), "{}", common::said(&out));
    let said = common::said(&out);
    assert!(said.contains("no criteria for 1048/QĐ-TTg set 6"), "{said}");
    assert!(!said.contains("next:") && !said.contains('★'), "{said}");
    let row = ocop_tracker::domain::spreadsheet::portfolio_row(
        &on_disk(&ws, &mien),
        &catalog,
        today,
        ocop_tracker::domain::model::WorkspaceKind::Commune,
    );
    assert_eq!(row.valid_star, Some(4));
    assert!(row.predicted.is_none());
    assert_eq!(
        row.completeness, 100,
        "complete by its own (1048) checklist"
    );
    assert_eq!(
        listed_by_cli(&ws, today)[mien.as_str()],
        (
            "2025-07-13".to_owned(),
            text::deadline_name(DeadlineKind::ReRatingCloses)
                .en
                .to_owned()
        ),
        "the next deadline in the list"
    );

    // Exported: Form 01 and the status report; the 26/2026 Form 02 and scoring sheet need
    // criteria the app does not have for 1048, and say so without leaving a file.
    let form_01 = tmp.path().join("mau-01-1048.docx");
    let out = export_cli(&ws, mien.as_str(), "01", &form_01, today);
    assert!(out.status.success(), "{}", common::said(&out));
    let text = docx_text(&form_01);
    assert!(text.contains("Miến dong Bình An 2022"), "{text}");
    assert!(text.contains("năm 2022"), "{text}");
    assert_eq!(
        form_01_kind_line(&form_01),
        "Lần đầu ☑ Nâng hạng □ Đánh giá lại □"
    );
    let report = tmp.path().join("tinh-trang-1048.pdf");
    let out = export_cli(&ws, mien.as_str(), "report", &report, today);
    assert!(out.status.success(), "{}", common::said(&out));
    assert!(fs::read(&report).expect("report").starts_with(b"%PDF-"));
    for form in ["02", "sheet"] {
        let target = tmp.path().join(format!("{form}-1048.docx"));
        let out = export_cli(&ws, mien.as_str(), form, &target, today);
        assert_eq!(out.status.code(), Some(2), "{form}: {}", common::said(&out));
        assert!(
            common::said(&out).contains("Thiếu bộ tiêu chí của sản phẩm trong dữ liệu quy định"),
            "{form}: {}",
            common::said(&out)
        );
        assert!(!target.exists(), "{form}: no file");
    }

    // Dated: 36 months from 10 Nov 2022, the window 180/120 days before.
    assert_eq!(
        deadlines_on_disk(&ws, &mien, today),
        vec![
            (DeadlineKind::ReRatingOpens, day(2025, 5, 14)),
            (DeadlineKind::ReRatingCloses, day(2025, 7, 13)),
            (DeadlineKind::CertificateExpiry, day(2025, 11, 10)),
        ]
    );
    assert_eq!(
        calendar_by_cli(&ws, today)["Miến dong Bình An 2022"],
        vec![
            (DeadlineKind::ReRatingCloses, day(2025, 7, 13)),
            (DeadlineKind::CertificateExpiry, day(2025, 11, 10)),
        ]
    );

    // Its re-rating runs under today's rules; the 1048 application stays as it was, and
    // its certificate still dates the product.
    let mut state = open(&ws, today, AN);
    apply(
        &mut state,
        Command::StartApplication {
            id: mien.clone(),
            kind: ApplicationKind::ReRating,
            year: 2025,
        },
    );
    drop(state);
    let after = on_disk(&ws, &mien);
    assert_eq!(after.applications.len(), 2);
    assert_eq!(after.applications[0], product.applications[0], "untouched");
    assert_eq!(
        after.applications[0]
            .dossier
            .iter()
            .map(|e| e.key.clone())
            .collect::<Vec<_>>(),
        keys_1048
    );
    assert_eq!(after.applications[1].rule_version, CURRENT_RULE_VERSION);
    assert!(
        after.applications[1]
            .dossier
            .iter()
            .any(|e| e.key == "form-01")
    );
    assert_eq!(
        calendar_by_cli(&ws, today)["Miến dong Bình An 2022"],
        vec![
            // The re-rating being prepared must be filed before the window closes.
            (DeadlineKind::ReRatingCloses, day(2025, 7, 13)),
            (DeadlineKind::ProvinceRoundCutoff, day(2025, 10, 30)),
            (DeadlineKind::CertificateExpiry, day(2025, 11, 10)),
        ]
    );
    let out = export_cli(&ws, mien.as_str(), "01", &form_01, today);
    assert!(out.status.success(), "{}", common::said(&out));
    let text = docx_text(&form_01);
    assert_eq!(
        form_01_kind_line(&form_01),
        "Lần đầu □ Nâng hạng □ Đánh giá lại ☑"
    );
    assert!(
        text.contains("Bộ số 6:"),
        "the 26/2026 set is named now: {text}"
    );
}

// ---------------------------------------------------------------------------------------
// 4. Each deadline kind, by stage
// ---------------------------------------------------------------------------------------

#[test]
fn each_deadline_kind_by_stage_reaches_the_calendar_and_the_list() {
    use DeadlineKind as K;
    let (_tmp, ws) = common::demo_copy();
    let today = common::today(); // Thursday 26 Nov 2026
    let mut state = open(&ws, today, AN);
    let cert = |issued| recognised(day(2022, 1, 4), day(2022, 1, 20), 4, "77/QĐ-UBND", issued);
    // (id, stage changes, every deadline of the current application, past ones too)
    let cases: Vec<(&str, Moves, Dated)> = vec![
        (
            "preparing",
            vec![],
            vec![(K::ProvinceRoundCutoff, day(2027, 4, 30))],
        ),
        (
            "dossier",
            vec![(Stage::DossierInPreparation, StageInput::default())],
            vec![
                (K::DocumentValidUntil, day(2027, 3, 31)),
                (K::ProvinceRoundCutoff, day(2027, 4, 30)),
            ],
        ),
        (
            // 15 working days from Fri 20 Nov 2026: Fri 11 Dec.
            "submitted",
            vec![(Stage::SubmittedToCommune, received(day(2026, 11, 20)))],
            vec![
                (K::CommuneProcessing, day(2026, 12, 11)),
                (K::ProvinceRoundCutoff, day(2027, 4, 30)),
            ],
        ),
        (
            // From Mon 2 Nov: Mon 23 Nov, overdue (kept in the list for 60 days).
            "commune-assessment",
            vec![(Stage::CommuneAssessment, received(day(2026, 11, 2)))],
            vec![
                (K::CommuneProcessing, day(2026, 11, 23)),
                (K::ProvinceRoundCutoff, day(2027, 4, 30)),
            ],
        ),
        (
            "forwarded",
            vec![(
                Stage::ForwardedToProvince,
                forwarded(day(2026, 10, 1), day(2026, 11, 10)),
            )],
            vec![(K::ProvincialResult, day(2026, 12, 30))],
        ),
        (
            // Forwarded before 30 Apr: round 1, due 30 Jun, overdue.
            "provincial-evaluation",
            vec![(
                Stage::ProvincialEvaluation,
                forwarded(day(2026, 3, 2), day(2026, 4, 20)),
            )],
            vec![(K::ProvincialResult, day(2026, 6, 30))],
        ),
        (
            // Sent after 30 Jul: the round of 30 Jan, decided by 30 Mar.
            "sent-to-ministry",
            vec![(
                Stage::SentToMinistry,
                StageInput {
                    provincial_score: Some(92.5),
                    sent_to_ministry: Some(day(2026, 11, 20)),
                    ..forwarded(day(2026, 3, 2), day(2026, 4, 20))
                },
            )],
            vec![(K::NationalResult, day(2027, 3, 30))],
        ),
        (
            "recognised",
            vec![(Stage::Recognised, cert(day(2024, 12, 20)))],
            vec![
                (K::ReRatingOpens, day(2027, 6, 23)),
                (K::ReRatingCloses, day(2027, 8, 22)),
                (K::CertificateExpiry, day(2027, 12, 20)),
            ],
        ),
        (
            "recognised-lapsed",
            vec![(Stage::Recognised, cert(day(2023, 6, 15)))],
            vec![
                (K::ReRatingOpens, day(2025, 12, 17)),
                (K::ReRatingCloses, day(2026, 2, 15)),
                (K::CertificateExpiry, day(2026, 6, 15)),
                (K::GraceEnds, day(2026, 12, 12)),
            ],
        ),
        (
            "not-recognised",
            vec![(
                Stage::NotRecognised,
                StageInput {
                    not_recognised_on: Some(day(2026, 7, 1)),
                    ..forwarded(day(2026, 3, 2), day(2026, 4, 20))
                },
            )],
            vec![],
        ),
        (
            "revoked",
            vec![
                (Stage::Recognised, cert(day(2025, 1, 10))),
                (
                    Stage::Revoked,
                    StageInput {
                        revocation_date: Some(day(2026, 9, 1)),
                        revocation_reason: Some("Ngừng sản xuất".into()),
                        ..Default::default()
                    },
                ),
            ],
            vec![],
        ),
        (
            // Marked expired: no window any more; the expiry and the grace stay dated.
            "expired",
            vec![
                (Stage::Recognised, cert(day(2023, 6, 15))),
                (Stage::Expired, StageInput::default()),
            ],
            vec![
                (K::CertificateExpiry, day(2026, 6, 15)),
                (K::GraceEnds, day(2026, 12, 12)),
            ],
        ),
    ];
    for (raw_id, moves, _) in &cases {
        let product = id(&format!("han-{raw_id}"));
        add_product(
            &mut state,
            product.as_str(),
            &format!("Hạn {raw_id}"),
            6,
            2026,
        );
        for (target, input) in moves {
            move_to(&mut state, &product, *target, input.clone());
        }
    }
    // A document's own date, and an attached file's earlier one, date that document.
    apply(
        &mut state,
        Command::SetDocDate {
            id: id("han-dossier"),
            key: "food-safety-certificate".into(),
            which: DocDateField::ValidUntil,
            date: Some(day(2027, 6, 30)),
        },
    );
    let license = evidence(&ws, "Giấy ATTP.pdf", b"%PDF-1.4 attp");
    apply(
        &mut state,
        attach(&id("han-dossier"), "food-safety-certificate", &license),
    );
    apply(
        &mut state,
        Command::SetAttachmentDate {
            id: id("han-dossier"),
            key: "food-safety-certificate".into(),
            sha256: license.sha256.clone(),
            which: DocDateField::ValidUntil,
            date: Some(day(2027, 3, 31)),
        },
    );
    drop(state);

    let calendar = calendar_by_cli(&ws, today);
    let listed = listed_by_cli(&ws, today);
    let mut kinds_seen = BTreeSet::new();
    for (raw_id, _, expected) in &cases {
        let product = id(&format!("han-{raw_id}"));
        let name = format!("Hạn {raw_id}");
        // Every deadline of the stage, from the product file.
        assert_eq!(
            &deadlines_on_disk(&ws, &product, today),
            expected,
            "{raw_id}"
        );
        kinds_seen.extend(expected.iter().map(|(kind, _)| *kind));
        // The calendar holds those still to come.
        let upcoming: Vec<(K, NaiveDate)> = expected
            .iter()
            .copied()
            .filter(|(_, d)| *d >= today)
            .collect();
        assert_eq!(
            calendar.get(&name).cloned().unwrap_or_default(),
            upcoming,
            "{raw_id}: calendar"
        );
        // The list names the next one: the one still to come, or the commune's own
        // overdue 15 days (shown for 60 days after).
        let next = expected.iter().find(|(kind, d)| {
            *d >= today || (*kind == K::CommuneProcessing && (today - *d).num_days() <= 60)
        });
        assert_eq!(
            listed[product.as_str()],
            next.map_or_else(Default::default, |(kind, d)| (
                d.to_string(),
                text::deadline_name(*kind).en.to_owned()
            )),
            "{raw_id}: list"
        );
    }
    assert_eq!(
        kinds_seen.len(),
        9,
        "every kind is exercised: {kinds_seen:?}"
    );
}

// ---------------------------------------------------------------------------------------
// 5. The forms and the report for all 26 scoring sets
// ---------------------------------------------------------------------------------------

/// One product per set, added and answered through the app (option `(i + set) mod n` of
/// criterion i), then each form and the status report exported from a fresh open of the
/// workspace. Returns the guard, the workspace and, per set, its files by kind.
fn every_sets_documents() -> (tempfile::TempDir, PathBuf, SetFiles) {
    let (tmp, ws) = common::demo_copy();
    let catalog = common::catalog();
    let rules = catalog
        .rule_set(CURRENT_RULE_VERSION)
        .expect("26/2026 criteria");
    let mut state = open(&ws, common::today(), AN);
    for set in &rules.sets {
        let product = id(&format!("bo-{:02}", set.number));
        add_product(
            &mut state,
            product.as_str(),
            &format!("Sản phẩm bộ {:02}", set.number),
            set.number,
            2026,
        );
        for (index, criterion) in set.criteria.iter().enumerate() {
            apply(
                &mut state,
                Command::SetAnswer {
                    id: product.clone(),
                    sheet: Sheet::SelfAssessment,
                    criterion: criterion.key.clone(),
                    answer: Some(Answer::Chosen {
                        option: (index + usize::from(set.number)) % criterion.options.len(),
                    }),
                },
            );
        }
    }
    drop(state);
    let mut state = open(&ws, common::today(), AN);
    let out_dir = tmp.path().join("out");
    fs::create_dir_all(&out_dir).expect("out");
    let mut files = Vec::new();
    for set in &rules.sets {
        let product = id(&format!("bo-{:02}", set.number));
        let mut of_set = Vec::new();
        for kind in DocKind::ALL {
            let path = out_dir.join(format!("{product}-{}.{}", kind.code(), kind.extension()));
            state.export_now(ocop_tracker::app::Export::Document {
                kind,
                id: product.clone(),
                path: path.clone(),
            });
            assert!(
                path.is_file(),
                "set {} {kind:?}: {:?}",
                set.number,
                state.messages().last().map(|m| m.words(Lang::Vi))
            );
            of_set.push((kind, path));
        }
        files.push((set.number, of_set));
    }
    (tmp, ws, files)
}

#[test]
fn every_sets_forms_on_disk_name_each_criterion_and_the_chosen_options() {
    let (_tmp, _ws, files) = every_sets_documents();
    let catalog = common::catalog();
    assert_eq!(files.len(), 26);
    for (number, of_set) in &files {
        let set = catalog
            .scoring_set(CURRENT_RULE_VERSION, *number)
            .expect("set");
        let name = format!("Sản phẩm bộ {number:02}");
        // What the answers add up to, from the options' own points.
        let mut part_points = BTreeMap::new();
        for (index, criterion) in set.criteria.iter().enumerate() {
            let option =
                &criterion.options[(index + usize::from(*number)) % criterion.options.len()];
            *part_points.entry(criterion.part).or_insert(0u16) += option.points;
        }
        let points = |part| part_points.get(&part).copied().unwrap_or(0);
        let total: u16 = part_points.values().sum();
        for (kind, path) in of_set {
            if *kind == DocKind::Report {
                let bytes = fs::read(path).expect("report");
                assert!(
                    bytes.starts_with(b"%PDF-"),
                    "set {number}: the report is a PDF"
                );
                continue;
            }
            let text = docx_text(path);
            assert!(text.contains(&name), "set {number} {kind:?}: product named");
            match kind {
                DocKind::Form01 => assert!(
                    text.contains(&collapse(&format!("Bộ số {number}: {}", set.name_vi))),
                    "set {number}: Form 01 names the set"
                ),
                DocKind::Letter => assert!(
                    text.contains(&collapse(&format!("{number} – {}", set.name_vi))),
                    "set {number}: the letter names the set"
                ),
                DocKind::Form02 => {
                    assert!(
                        text.contains(&collapse(&format!(
                            "Bộ sản phẩm số {number}: {}",
                            set.name_vi
                        ))),
                        "set {number}: Form 02 names the set"
                    );
                    for (index, criterion) in set.criteria.iter().enumerate() {
                        let option = &criterion.options
                            [(index + usize::from(*number)) % criterion.options.len()];
                        let row = collapse(&format!(
                            "{} {} {} {}",
                            criterion.code, criterion.name_vi, option.label_vi, option.points
                        ));
                        assert!(text.contains(&row), "set {number} Form 02: row {row:?}");
                    }
                    let sum = format!(
                        "TỔNG CỘNG A {}/40 · B {}/25 · C {}/35 {total}",
                        points(CriteriaPart::A),
                        points(CriteriaPart::B),
                        points(CriteriaPart::C)
                    );
                    assert!(text.contains(&sum), "set {number} Form 02: {sum:?}");
                }
                DocKind::Sheet => {
                    for criterion in &set.criteria {
                        let heading =
                            collapse(&format!("{} {}", criterion.code, criterion.name_vi));
                        assert!(text.contains(&heading), "set {number} sheet: {heading:?}");
                        for option in &criterion.options {
                            assert!(
                                text.contains(&collapse(&option.label_vi)),
                                "set {number} sheet {}: {:?}",
                                criterion.code,
                                option.label_vi
                            );
                        }
                    }
                    let options: usize = set.criteria.iter().map(|c| c.options.len()).sum();
                    let boxes = text.matches('□').count() + text.matches('☑').count();
                    assert_eq!(
                        boxes,
                        options + set.all_eliminations().count(),
                        "set {number}: a box per option and elimination"
                    );
                    assert_eq!(
                        text.matches('☑').count(),
                        set.criteria.len(),
                        "set {number}: one tick per criterion"
                    );
                    assert!(
                        text.contains(&format!("TỔNG CỘNG {total} / 100")),
                        "set {number} sheet: total {total}"
                    );
                }
                DocKind::Form03 | DocKind::Report => {}
            }
        }
    }
}

fn pdf_text(pdf: &Path) -> Option<String> {
    let out = Process::new("pdftotext").arg(pdf).arg("-").output().ok()?;
    out.status
        .success()
        .then(|| collapse(&String::from_utf8_lossy(&out.stdout)))
}

/// LibreOffice opens every form of every set (one `soffice` run for all 130 files) and
/// `pdftotext` reads each result; the status report of every set reads too.
#[test]
#[cfg_attr(
    any(ocop_no_libreoffice, ocop_no_poppler),
    ignore = "LibreOffice or poppler-utils is not installed here (apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils); OCOP_REQUIRE_LIBREOFFICE=1 makes it a failure"
)]
fn libreoffice_converts_every_sets_forms_and_every_report_reads() {
    let (tmp, _ws, files) = every_sets_documents();
    let catalog = common::catalog();
    let converted = tmp.path().join("pdf");
    fs::create_dir_all(&converted).expect("pdf dir");
    let docx: Vec<&PathBuf> = files
        .iter()
        .flat_map(|(_, of_set)| of_set.iter())
        .filter(|(kind, _)| *kind != DocKind::Report)
        .map(|(_, path)| path)
        .collect();
    assert_eq!(docx.len(), 26 * 5);
    let soffice = common::soffice().expect("LibreOffice");
    common::convert_to_pdf(soffice, docx, &converted, tmp.path());
    for (number, of_set) in &files {
        let set = catalog
            .scoring_set(CURRENT_RULE_VERSION, *number)
            .expect("set");
        let name = format!("Sản phẩm bộ {number:02}");
        for (kind, path) in of_set {
            let pdf = if *kind == DocKind::Report {
                path.clone()
            } else {
                converted.join(path.with_extension("pdf").file_name().expect("name"))
            };
            let text = pdf_text(&pdf)
                .unwrap_or_else(|| panic!("set {number} {kind:?}: {} converted", pdf.display()));
            assert!(text.contains(&name), "set {number} {kind:?}: product named");
            let expected = match kind {
                DocKind::Form01 => "PHIẾU ĐĂNG KÝ".to_owned(),
                DocKind::Form02 => "BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM".to_owned(),
                DocKind::Form03 => "ỦY BAN NHÂN DÂN".to_owned(),
                DocKind::Letter => "Kính gửi: Ủy ban nhân dân tỉnh".to_owned(),
                DocKind::Sheet => "PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP".to_owned(),
                // The report names the set as the product screen does.
                DocKind::Report => collapse(&format!("{number}. {}", set.name_vi)),
            };
            assert!(
                text.contains(&expected),
                "set {number} {kind:?}: {expected:?}"
            );
            if *kind == DocKind::Sheet {
                // The last criterion's code and the total row made it through the layout.
                let last = set.criteria.last().expect("criteria");
                assert!(
                    text.contains(&last.code),
                    "set {number} sheet: {}",
                    last.code
                );
                assert!(text.contains("TỔNG CỘNG"), "set {number} sheet: total row");
            }
        }
    }
}
