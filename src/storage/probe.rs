//! File work for `bench` and its child processes, kept in the storage layer with the rest
//! of the file code: reading product files raw (the floor loading is measured against),
//! memory figures from `/proc`, scratch folders, and an outside writer's rename.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant, SystemTime};

use super::PRODUCTS_DIR;
use super::evidence::CHUNK_BYTES;

/// A figure from `/proc/self/status` in KiB (`VmHWM` peak, `VmRSS` resident); Linux only.
pub fn proc_status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status
        .lines()
        .find(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time this process has used so far, user and system (`/proc/self/stat`, in clock
/// ticks of 1/100 s, Linux's USER_HZ); None elsewhere.
pub fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces, inside parentheses).
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line: 12th and 13th after the name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Bytes in all the product files of workspace `dir`.
pub fn products_size(dir: &Path) -> Result<u64, String> {
    let mut bytes = 0;
    for entry in std::fs::read_dir(dir.join(PRODUCTS_DIR)).map_err(|e| e.to_string())? {
        bytes += entry
            .and_then(|e| e.metadata())
            .map_err(|e| e.to_string())?
            .len();
    }
    Ok(bytes)
}

/// The disk's own floor for writing a workspace's product files: copies of every file in
/// `from/products` are created (exclusive, under a dot-prefixed temp name), written and
/// renamed into `to`, on as many threads as a batch save uses, with no sync and no
/// serialisation. What is left is the file system creating the files: the figure an
/// import that writes the same files is measured against.
pub fn write_floor(from: &Path, to: &Path) -> Result<Duration, String> {
    let mut files = Vec::new();
    for entry in fs::read_dir(from.join(PRODUCTS_DIR)).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().map(|n| n.to_owned()).unwrap_or_default();
        files.push((name, fs::read(&path).map_err(|e| e.to_string())?));
    }
    fs::create_dir_all(to).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let results = super::batch::in_parallel(files.len(), &|i| {
        let Some((name, bytes)) = files.get(i) else {
            return Ok(());
        };
        let target = to.join(name);
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(".tmp");
        let tmp = to.join(tmp_name);
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        drop(file);
        fs::rename(&tmp, &target)
    });
    let elapsed = start.elapsed();
    results
        .into_iter()
        .collect::<std::io::Result<()>>()
        .map_err(|e| e.to_string())?;
    Ok(elapsed)
}

/// Time of `cat products/*.ron > /dev/null` in the workspace, run by the shell: the
/// "read the same files' bytes" figure a person would measure.
pub fn cat_products(dir: &Path) -> Result<Duration, String> {
    let start = Instant::now();
    let status = std::process::Command::new("sh")
        .args(["-c", "cat products/*.ron > /dev/null"])
        .current_dir(dir)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("cat failed: {status}"));
    }
    Ok(start.elapsed())
}

/// Size of a file in bytes, if it can be inspected.
pub fn file_size(path: &Path) -> Option<u64> {
    fs::metadata(path).ok().map(|m| m.len())
}

/// The file system holding `path`, for a benchmark's heading: its type and, for ext4,
/// whether it has a journal (Linux: `/proc/self/mountinfo` and `/sys/fs/ext4`; elsewhere
/// "unknown"). Best effort: a benchmark figure means little without it.
pub fn describe_file_system(path: &Path) -> String {
    let Ok(path) = fs::canonicalize(path) else {
        return "unknown".to_owned();
    };
    let Ok(mounts) = fs::read_to_string("/proc/self/mountinfo") else {
        return "unknown".to_owned();
    };
    // Fields: id parent major:minor root mount-point options … - type source options.
    let best = mounts
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split(' ').collect();
            let mount_point = Path::new(fields.get(4)?);
            let dash = fields.iter().position(|f| *f == "-")?;
            let kind = fields.get(dash + 1)?;
            let source = fields.get(dash + 2)?;
            path.starts_with(mount_point)
                .then_some((mount_point.as_os_str().len(), *kind, *source))
        })
        .max_by_key(|(len, ..)| *len);
    let Some((_, kind, source)) = best else {
        return "unknown".to_owned();
    };
    if kind != "ext4" {
        return kind.to_owned();
    }
    let device = source.rsplit('/').next().unwrap_or(source);
    match fs::read_to_string(format!("/sys/fs/ext4/{device}/journal_task")) {
        Ok(task) if task.trim() == "<none>" => "ext4 without a journal".to_owned(),
        Ok(_) => "ext4 with a journal".to_owned(),
        Err(_) => "ext4".to_owned(),
    }
}

/// A new scratch folder under the system temp folder.
pub fn scratch_dir(name: &str) -> Result<PathBuf, String> {
    scratch_dir_in(&std::env::temp_dir(), name)
}

/// A new folder `name` inside a scratch folder.
pub fn scratch_sub_dir(scratch: &Path, name: &str) -> Result<PathBuf, String> {
    let dir = scratch.join(name);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(dir)
}

/// [`scratch_dir`] inside `parent` (a benchmark run on another file system).
pub fn scratch_dir_in(parent: &Path, name: &str) -> Result<PathBuf, String> {
    let root = parent.join(format!("{name}-{}", std::process::id()));
    std::fs::create_dir_all(&root).map_err(|e| format!("{}: {e}", root.display()))?;
    Ok(root)
}

/// Removes a scratch folder (best effort).
pub fn remove_scratch(root: &Path) {
    let _ = std::fs::remove_dir_all(root);
}

/// The first product file of a workspace.
pub fn some_product_file(dir: &Path) -> Result<PathBuf, String> {
    std::fs::read_dir(dir.join(PRODUCTS_DIR))
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .ok_or_else(|| "no product file".to_owned())
}

/// Rewrites `file` the way another officer's app or a sync tool does (a new file renamed
/// over it), with a comment appended; returns the moment of the rename.
pub fn outside_rewrite(file: &Path, comment: &str) -> Result<Instant, String> {
    let mut bytes = std::fs::read(file).map_err(|e| e.to_string())?;
    bytes.extend_from_slice(format!("// {comment}\n").as_bytes());
    let tmp = file.with_extension("incoming");
    std::fs::write(&tmp, &bytes).map_err(|e| e.to_string())?;
    let at = Instant::now();
    std::fs::rename(&tmp, file).map_err(|e| e.to_string())?;
    Ok(at)
}

/// A small, fast pseudo-random generator (xorshift64*) for benchmark content that
/// compressing filesystems cannot shrink. Not for anything that needs real randomness.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn fill(&mut self, buffer: &mut [u8]) {
        for chunk in buffer.chunks_mut(8) {
            let bytes = self.next().to_le_bytes();
            for (dst, src) in chunk.iter_mut().zip(bytes) {
                *dst = src;
            }
        }
    }
}

/// Writes `size_bytes` of pseudo-random content to `path`, streaming, and syncs it.
fn write_random_file(path: &Path, size_bytes: u64, seed: u64) -> Result<(), String> {
    let mut file = File::create(path).map_err(|e| format!("create: {e} — {}", path.display()))?;
    let mut rng = XorShift(seed | 1);
    let mut buffer = vec![0_u8; CHUNK_BYTES];
    let mut left = size_bytes;
    while left > 0 {
        let n = usize::try_from(left).map_or(CHUNK_BYTES, |left| left.min(CHUNK_BYTES));
        let chunk = buffer.get_mut(..n).unwrap_or_default();
        rng.fill(chunk);
        file.write_all(chunk)
            .map_err(|e| format!("write: {e} — {}", path.display()))?;
        left -= n as u64;
    }
    file.sync_all()
        .map_err(|e| format!("sync: {e} — {}", path.display()))
}

/// Runs a system command, failing on a non-zero exit; returns its standard output.
fn run(program: &str, args: &[&Path]) -> Result<String, String> {
    let output = std::process::Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("could not run {program}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{program} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Benchmark for the README figure "import ≤ 1.3× cp + sha256sum".
///
/// Creates a pseudo-random file of `size_bytes` (written streaming and synced) in a
/// scratch folder `.evidence-bench-<pid>` inside `workspace`, then times, once each:
/// 1. [`import_file`] of it into `workspace`'s store;
/// 2. the system commands `cp` (to a scratch path) then `sha256sum` (of the source),
///    run one after the other.
///
/// Returns `(import, cp + sha256sum)`. Each runs once, warm: the page cache cannot be
/// dropped without root, and the source was just written, so both mostly read from
/// memory. The import also fsyncs its result and `cp` does not, which makes the
/// comparison unfavourable to the import on slow disks. Checks that `sha256sum` agrees
/// with the import. Removes everything it created (use a scratch workspace anyway).
/// Needs `cp` and `sha256sum` on the `PATH` (GNU coreutils; not on stock Windows).
pub fn bench_import(workspace: &Path, size_bytes: u64) -> Result<(Duration, Duration), String> {
    let scratch = workspace.join(format!(".evidence-bench-{}", std::process::id()));
    fs::create_dir_all(&scratch)
        .map_err(|e| format!("create folder: {e} — {}", scratch.display()))?;
    let result = bench_in(workspace, &scratch, size_bytes);
    let _ = fs::remove_dir_all(&scratch);
    result
}

fn bench_in(
    workspace: &Path,
    scratch: &Path,
    size_bytes: u64,
) -> Result<(Duration, Duration), String> {
    let source = scratch.join("source.bin");
    let copy = scratch.join("copy.bin");
    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() ^ u64::from(d.subsec_nanos()))
        ^ u64::from(std::process::id());
    write_random_file(&source, size_bytes, seed)?;

    let cancel = AtomicBool::new(false);
    let start = Instant::now();
    let imported = super::evidence::import_file(workspace, &source, &mut |_| {}, &cancel)
        .map_err(|e| e.to_string())?;
    let import_time = start.elapsed();
    if !imported.already_stored {
        // Best effort: the figure is what matters, not the leftover. (A scratch file
        // of the benchmark: deleted, not moved to the evidence trash.)
        if let Ok(path) = super::evidence::resolve(workspace, &imported.stored_path) {
            let _ = fs::remove_file(path);
        }
    }

    let start = Instant::now();
    run("cp", &[&source, &copy])?;
    let sum = run("sha256sum", &[&source])?;
    let baseline_time = start.elapsed();

    let system_hash = sum.split_whitespace().next().unwrap_or_default();
    if system_hash != imported.sha256 {
        return Err(format!(
            "sha256sum says {system_hash}, import says {} — {}",
            imported.sha256,
            source.display()
        ));
    }
    Ok((import_time, baseline_time))
}

/// One line saying on what machine a benchmark ran: cores, the kernel, the processor
/// (Linux; elsewhere what is known).
pub fn machine_line() -> String {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| format!("{} {}", std::env::consts::OS, s.trim()))
        .unwrap_or_else(|_| std::env::consts::OS.to_owned());
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_owned());
    format!("{cores} cores, {kernel}, {cpu}")
}

/// The bytes of a benchmark output.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("read: {e} — {}", path.display()))
}

/// Writes `bytes` to `path` (benchmark inputs; the folder is created).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("create folder: {e} — {}", parent.display()))?;
    }
    fs::write(path, bytes).map_err(|e| format!("write: {e} — {}", path.display()))
}

/// Writes `count` pseudo-random files of `each_bytes` into `dir` (created), named
/// `Ảnh minh chứng NN.jpg` (incompressible, like photos); returns their paths.
pub fn write_random_files(
    dir: &Path,
    count: usize,
    each_bytes: u64,
    seed: u64,
) -> Result<Vec<PathBuf>, String> {
    fs::create_dir_all(dir).map_err(|e| format!("create folder: {e} — {}", dir.display()))?;
    (0..count)
        .map(|n| {
            let path = dir.join(format!("Ảnh minh chứng {n:02}.jpg"));
            write_random_file(&path, each_bytes, seed.wrapping_add(n as u64))?;
            Ok(path)
        })
        .collect()
}

/// Times `zip -r -0 -q <target> <what>` run in `cwd` (the reference a bundle export is
/// compared with: the same files stored, not deflated); removes `target` afterwards.
pub fn zip_stored(cwd: &Path, what: &str, target: &Path) -> Result<Duration, String> {
    let _ = fs::remove_file(target);
    let start = Instant::now();
    let output = std::process::Command::new("zip")
        .current_dir(cwd)
        .args(["-r", "-0", "-q"])
        .arg(target)
        .arg(what)
        .output()
        .map_err(|e| format!("could not run zip (install it: apt-get install zip): {e}"))?;
    let took = start.elapsed();
    if !output.status.success() {
        return Err(format!(
            "zip failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let _ = fs::remove_file(target);
    Ok(took)
}

/// Removes a file the benchmark made (best effort).
pub fn remove_file(path: &Path) {
    let _ = fs::remove_file(path);
}
