//! A standing fuzz run (issue 27): mutated product files, bundles and spreadsheets go
//! through the real binary (`check`, `verify`, `receive`, `import --dry-run`) in a child
//! process with a memory cap and a time limit. Each run must end by itself with exit
//! 0, 1 or 2 (never a panic's 101, an abort or a kill), within the limits, and write
//! nothing outside its scratch folder.
//!
//! Stable Rust, no cargo-fuzz: a small deterministic mutator over seeds the test builds
//! (the demo's product file, a bundle of it, an .xlsx and an .ods list), after replaying
//! every file in `tests/fuzz-corpus/` (inputs that once crashed: the corpus grows with
//! each one found; a failing input is copied to `target/fuzz-failures/` to add there).
//! `OCOP_FUZZ_SECONDS` sets how long it runs (`.ci/run` gives it 90 s); a plain
//! `cargo test` runs a short round of 4 s. The seed is printed, and `OCOP_FUZZ_SEED`
//! replays a run.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common;

/// Virtual memory a child may take (KiB): a real file needs far less.
const MEMORY_KIB: u64 = 2 * 1024 * 1024;
/// Wall time a child may take.
const CHILD_TIME: Duration = Duration::from_secs(20);

/// xorshift64*: deterministic from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// What a seed is fed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Product,
    Bundle,
    Sheet,
}

/// One mutation of `input`: flip bytes, cut, repeat a chunk, or put a huge number or an
/// odd token where a number or a quote was.
fn mutate(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(3) {
        if out.is_empty() {
            break;
        }
        let at = rng.below(out.len());
        match rng.below(6) {
            0 => {
                let n = 1 + rng.below(8);
                for i in at..(at + n).min(out.len()) {
                    out[i] ^= 1 << rng.below(8);
                }
            }
            1 => out.truncate(at),
            2 => {
                let len = rng.below(64).min(out.len() - at);
                let chunk = out[at..at + len].to_vec();
                for _ in 0..=rng.below(16) {
                    out.splice(at..at, chunk.iter().copied());
                }
            }
            3 => {
                let tokens: [&[u8]; 6] = [
                    b"999999999999",
                    b"-1e308",
                    b"18446744073709551616",
                    b"\"\xe2\x80\xae\"",
                    b"(((((((((((",
                    b"XFD1048576",
                ];
                let token = tokens[rng.below(tokens.len())];
                out.splice(at..at, token.iter().copied());
            }
            4 => {
                let len = rng.below(32).min(out.len() - at);
                out.drain(at..at + len);
            }
            _ => out[at] = rng.below(256) as u8,
        }
    }
    out
}

/// A zip (bundle, .xlsx, .ods) with one entry's content mutated: reaches past the zip
/// layer into the parsers, which byte flips on the compressed file rarely do.
fn mutate_zip_entry(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(input)) else {
        return mutate(input, rng);
    };
    let target = rng.below(zip.len());
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            continue;
        };
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("entry{i}"));
        let mut bytes = Vec::new();
        if entry.read_to_end(&mut bytes).is_err() {
            continue;
        }
        if i == target {
            bytes = mutate(&bytes, rng);
        }
        let _ = out.start_file(name, zip::write::SimpleFileOptions::default());
        let _ = out.write_all(&bytes);
    }
    out.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// The seeds: the demo's product file, a bundle of it, an .xlsx and an .ods list.
fn seeds(scratch: &Path) -> Vec<(Kind, Vec<u8>)> {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let product = std::fs::read(demo.join("products/com-hong-quang.ron")).unwrap();
    let ws = scratch.join("seed-ws");
    common::copy_dir(&demo, &ws);
    let bundle = scratch.join("seed.ocop.zip");
    let state = crate::exchange::open(&ws);
    crate::exchange::export(&state, crate::exchange::COM, &bundle);
    drop(state);
    let xlsx = scratch.join("seed.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (col, head) in ["Tên sản phẩm", "Bộ tiêu chí", "Hạng sao", "Ngày cấp"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *head).unwrap();
    }
    sheet.write_string(1, 0, "Cốm Lâm Bình").unwrap();
    sheet.write_number(1, 1, 6.0).unwrap();
    sheet.write_string(1, 2, "3 sao").unwrap();
    sheet
        .write_number_with_format(1, 3, 45_000.0, &date)
        .unwrap();
    book.save(&xlsx).unwrap();
    let ods = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>Tên sản phẩm</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Bộ tiêu chí</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>Cốm</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="6"><text:p>6</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(ods.as_bytes()).unwrap();
    let ods = zip.finish().unwrap().into_inner();
    vec![
        (Kind::Product, product),
        (Kind::Bundle, std::fs::read(&bundle).unwrap()),
        (Kind::Sheet, std::fs::read(&xlsx).unwrap()),
        (Kind::Sheet, ods),
    ]
}

/// How one child run ended, if not as it should.
fn run_child(args: &[&str]) -> Result<(), String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB}; exec \"$@\""))
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_ocop-tracker"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) => {
                return match status.code() {
                    Some(0..=2) => Ok(()),
                    _ => {
                        let mut err = String::new();
                        if let Some(mut stderr) = child.stderr.take() {
                            let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
                        }
                        Err(format!("{status}: {}", err.lines().last().unwrap_or("")))
                    }
                };
            }
            None if started.elapsed() > CHILD_TIME => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("still running after {CHILD_TIME:?}"));
            }
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
}

/// Feeds `input` of `kind` to the binary in a fresh scratch folder inside `root`; checks
/// how it ended and that nothing appeared in `root` outside the scratch folder.
fn feed(root: &Path, kind: Kind, input: &[u8], n: usize) -> Result<(), String> {
    let scratch = root.join(format!("run-{n}"));
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let ws = scratch.join("ws");
    common::copy_dir(&demo, &ws);
    let result = match kind {
        Kind::Product => {
            std::fs::write(ws.join("products/com-hong-quang.ron"), input).unwrap();
            run_child(&["check", ws.to_str().unwrap()])
                .and_then(|()| run_child(&["list", ws.to_str().unwrap()]))
        }
        Kind::Bundle => {
            let file = scratch.join("in.ocop.zip");
            std::fs::write(&file, input).unwrap();
            run_child(&["verify", file.to_str().unwrap()]).and_then(|()| {
                run_child(&["receive", ws.to_str().unwrap(), file.to_str().unwrap()])
            })
        }
        Kind::Sheet => {
            // The same bytes as .xlsx and as .ods: the reader picks by content.
            let file = scratch.join("ds.xlsx");
            std::fs::write(&file, input).unwrap();
            run_child(&[
                "import",
                ws.to_str().unwrap(),
                file.to_str().unwrap(),
                "--dry-run",
            ])
        }
    };
    let outside: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|name| {
            let name = name.to_string_lossy();
            !name.starts_with("run-") && !name.starts_with("seed")
        })
        .collect();
    if !outside.is_empty() {
        return Err(format!("written outside the scratch folder: {outside:?}"));
    }
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

/// Keeps a failing input for the corpus.
fn keep_failure(kind: Kind, input: &[u8], why: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    std::fs::create_dir_all(&dir).unwrap();
    let name = format!(
        "{}-{:016x}",
        match kind {
            Kind::Product => "product",
            Kind::Bundle => "bundle",
            Kind::Sheet => "sheet",
        },
        ocop_tracker::storage::FileStamp::of(input).hash
    );
    let path = dir.join(name);
    std::fs::write(&path, input).unwrap();
    std::fs::write(path.with_extension("why.txt"), why).unwrap();
    path
}

#[test]
fn mutated_inputs_never_crash_hang_or_write_outside() {
    let seconds: u64 = std::env::var("OCOP_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    let seed: u64 = std::env::var("OCOP_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("fuzz: seed {seed} (OCOP_FUZZ_SEED={seed} replays), {seconds} s");
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let mut failures = Vec::new();
    let mut n = 0;
    // The corpus first: every input that once crashed.
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let mut replayed = 0;
    if let Ok(entries) = std::fs::read_dir(&corpus) {
        let mut files: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let kind = if name.starts_with("product") {
                Kind::Product
            } else if name.starts_with("bundle") {
                Kind::Bundle
            } else if name.starts_with("sheet") {
                Kind::Sheet
            } else {
                continue;
            };
            let input = std::fs::read(&file).unwrap();
            n += 1;
            replayed += 1;
            if let Err(why) = feed(root, kind, &input, n) {
                failures.push(format!("{}: {why}", file.display()));
            }
        }
    }
    let seeds = seeds(root);
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0;
    while Instant::now() < deadline && failures.len() < 5 {
        let (kind, input) = &seeds[rng.below(seeds.len())];
        let mutated = if *kind != Kind::Product && rng.below(3) > 0 {
            mutate_zip_entry(input, &mut rng)
        } else {
            mutate(input, &mut rng)
        };
        n += 1;
        runs += 1;
        if let Err(why) = feed(root, *kind, &mutated, n) {
            let kept = keep_failure(*kind, &mutated, &why);
            failures.push(format!("{why} (input kept: {})", kept.display()));
        }
    }
    eprintln!("fuzz: {replayed} corpus files replayed, {runs} mutated inputs run");
    assert!(runs > 0, "no mutated input ran");
    assert!(failures.is_empty(), "seed {seed}: {failures:#?}");
}
