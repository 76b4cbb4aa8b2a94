//! What happened, kept where an officer can find it and send it (issue 22): a small
//! rolling log of warnings and errors, a crash report on a panic, the folders they live
//! in, the renderer the window runs on, and where the program was started from (inside a
//! zip or a temporary folder: "extract first").
//!
//! Nothing here draws: the native message boxes are in `ui::start`, which knows the
//! language and whether there is a window at all. Here because only `storage` touches
//! files (tests/layers.rs).

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The log file's name in [`log_dir`]; the previous one is kept as `log.1.txt`.
pub const LOG_FILE: &str = "log.txt";
/// The log file is rolled over past this size (one older file is kept: at most 1 MiB).
pub const LOG_MAX_BYTES: u64 = 512 * 1024;
/// Lines kept in memory for a crash report.
const RECENT_LINES: usize = 50;

/// One value of the window's remembered settings (eframe's `app.ron` in
/// `settings_dir`: a RON map of RON values), read before any window exists (the language
/// of a message box). `None` when there is none or it cannot be read.
pub fn settings_value<T: serde::de::DeserializeOwned>(settings_dir: &Path, key: &str) -> Option<T> {
    let raw = std::fs::read_to_string(settings_dir.join("app.ron")).ok()?;
    let map: std::collections::HashMap<String, String> = ron::from_str(&raw).ok()?;
    ron::from_str(map.get(key)?).ok()
}

/// Makes sure the log folder exists (to open it from Help → About); the folder.
pub fn ensure_log_dir() -> Option<PathBuf> {
    let dir = log_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir)
}

/// The folder of the log and crash reports: `%LOCALAPPDATA%\ocop-tracker\logs` on
/// Windows (local, not roaming: logs stay on the PC), `~/.local/share/ocop-tracker/logs`
/// on Linux. `OCOP_LOG_DIR` overrides it (tests, a support session).
pub fn log_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("OCOP_LOG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::data_local_dir().map(|d| d.join("ocop-tracker").join("logs"))
}

/// The renderer the window started with, once it has ("OpenGL 3.3 (glow) …",
/// "wgpu: Vulkan, llvmpipe"). Shown in Help → About and written into crash reports.
static RENDERER: OnceLock<String> = OnceLock::new();

/// Records the renderer in use (the first call wins: one window per process).
pub fn set_renderer(description: String) {
    log::info!("renderer: {description}");
    let _ = RENDERER.set(description);
}

/// The renderer in use, if the window has started.
pub fn renderer() -> Option<&'static str> {
    RENDERER.get().map(String::as_str)
}

/// The logger: warnings and errors of every crate, and this crate's information lines,
/// appended to `log.txt` and kept in memory for a crash report.
struct FileLog {
    dir: Option<PathBuf>,
    recent: Mutex<VecDeque<String>>,
    file: Mutex<Option<std::fs::File>>,
}

static LOGGER: OnceLock<FileLog> = OnceLock::new();

impl FileLog {
    fn append(&self, line: &str) {
        if let Ok(mut recent) = self.recent.lock() {
            if recent.len() == RECENT_LINES {
                recent.pop_front();
            }
            recent.push_back(line.to_owned());
        }
        let Some(dir) = &self.dir else { return };
        let Ok(mut file) = self.file.lock() else {
            return;
        };
        let path = dir.join(LOG_FILE);
        let too_big = std::fs::metadata(&path).is_ok_and(|m| m.len() > LOG_MAX_BYTES);
        if too_big {
            *file = None;
            let _ = std::fs::rename(&path, dir.join("log.1.txt"));
        }
        if file.is_none() {
            let _ = std::fs::create_dir_all(dir);
            *file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .ok();
        }
        if let Some(f) = file.as_mut() {
            // A log that cannot be written must never stop the program.
            let _ = writeln!(f, "{line}");
        }
    }
}

impl log::Log for FileLog {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Warn
            || (metadata.level() <= log::Level::Info && metadata.target().starts_with("ocop"))
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = format!(
            "{} {:5} {}: {}",
            chrono::Local::now().format("%Y-%m-%d %H:%M:%S"),
            record.level(),
            record.target(),
            record.args()
        );
        self.append(&line);
    }

    fn flush(&self) {}
}

/// Starts the log (once per process; later calls do nothing). Returns the log file.
pub fn start_log() -> Option<PathBuf> {
    let logger = LOGGER.get_or_init(|| FileLog {
        dir: log_dir(),
        recent: Mutex::new(VecDeque::new()),
        file: Mutex::new(None),
    });
    if log::set_logger(logger).is_ok() {
        log::set_max_level(log::LevelFilter::Info);
        log::info!(
            "ocop-tracker {} started on {} {}",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS,
            std::env::consts::ARCH
        );
    }
    logger.dir.as_ref().map(|d| d.join(LOG_FILE))
}

/// The last lines logged in this process.
pub fn recent_lines() -> Vec<String> {
    LOGGER
        .get()
        .and_then(|l| l.recent.lock().ok().map(|r| r.iter().cloned().collect()))
        .unwrap_or_default()
}

/// What a crash report says: everything someone helping the officer needs.
pub fn crash_report(message: &str, location: &str, backtrace: &str) -> String {
    let mut report = String::new();
    let _ = writeln!(report, "ocop-tracker crash report / báo cáo lỗi");
    let _ = writeln!(
        report,
        "time: {}",
        chrono::Local::now().format("%Y-%m-%d %H:%M:%S %z")
    );
    let _ = writeln!(report, "version: {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(
        report,
        "rule data: {}",
        crate::domain::model::CURRENT_RULE_VERSION
    );
    let _ = writeln!(
        report,
        "os: {} {} ({})",
        std::env::consts::OS,
        std::env::consts::ARCH,
        os_description()
    );
    let _ = writeln!(
        report,
        "renderer: {}",
        renderer().unwrap_or("(the window had not started)")
    );
    let _ = writeln!(
        report,
        "thread: {}",
        std::thread::current().name().unwrap_or("?")
    );
    let _ = writeln!(report, "\nmessage: {message}\nat: {location}\n");
    let _ = writeln!(report, "backtrace:\n{backtrace}");
    let _ = writeln!(report, "last log lines:");
    for line in recent_lines() {
        let _ = writeln!(report, "  {line}");
    }
    report
}

/// The operating system as the environment names it (Windows' `OS` variable and the
/// processor; on Linux the kernel's release), for a report.
fn os_description() -> String {
    if cfg!(windows) {
        let os = std::env::var("OS").unwrap_or_default();
        let cpu = std::env::var("PROCESSOR_IDENTIFIER").unwrap_or_default();
        format!("{os}; {cpu}")
    } else {
        std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    }
}

/// Writes a crash report into [`log_dir`] as `crash-YYYYMMDD-HHMMSS.txt`; its path.
pub fn write_crash_report(report: &str) -> Option<PathBuf> {
    let dir = log_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    let name = format!("crash-{}.txt", chrono::Local::now().format("%Y%m%d-%H%M%S"));
    let path = dir.join(name);
    std::fs::write(&path, report).ok()?;
    Some(path)
}

/// What a panic leaves behind: the report written, and its path.
pub struct Crash {
    /// The panic's message.
    pub message: String,
    /// Where the report was written, if it could be.
    pub report: Option<PathBuf>,
}

thread_local! {
    /// How many [`catch_guarded`] calls are running on this thread.
    static GUARDED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Runs `f`, catching a panic in it: one that is expected and recovered from (a hostile
/// spreadsheet that makes the reader library panic). The hook then only logs a warning:
/// no crash report, no box saying the program must close. Every build unwinds (the
/// Windows package too: `panic = "unwind"` in the `dist` profile), so this always catches.
pub fn catch_guarded<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    GUARDED.with(|g| g.set(g.get() + 1));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(g.get().saturating_sub(1)));
    result
}

/// Installs the panic hook: every panic, on any thread, writes a crash report, logs it,
/// prints it to standard error, then calls `tell` (the GUI shows a message box there);
/// one inside [`catch_guarded`] is only logged.
pub fn install_panic_hook(tell: fn(&Crash)) {
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if cfg!(panic = "unwind") && GUARDED.with(std::cell::Cell::get) > 0 {
            log::warn!("caught panic at {location}: {message}");
            return;
        }
        let backtrace = std::backtrace::Backtrace::force_capture().to_string();
        log::error!("panic at {location}: {message}");
        let report = write_crash_report(&crash_report(&message, &location, &backtrace));
        eprintln!("ocop-tracker: internal error at {location}: {message}");
        if let Some(path) = &report {
            eprintln!("crash report: {}", path.display());
        }
        tell(&Crash { message, report });
    }));
}

/// Where the program was started from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartPlace {
    /// An ordinary folder.
    Installed,
    /// Inside a zip: Explorer copied the .exe alone into a temporary folder named after
    /// the zip (`…\Temp\Temp1_ocop-tracker-….zip\…`); 7-Zip and WinRAR do the same.
    InsideZip,
    /// Some other temporary folder (cleaned by Windows without asking).
    TempFolder,
}

/// Where `exe` is, given the system's temporary folder. Pure (tested on every OS).
pub fn start_place(exe: &Path, temp: &Path) -> StartPlace {
    let exe_text = windows_form(exe);
    let folder_names: Vec<&str> = exe_text.split('/').collect();
    let in_zip_folder =
        folder_names.iter().rev().skip(1).any(|name| {
            name.ends_with(".zip") || name.starts_with("7zo") || name.starts_with("rar$")
        });
    if in_zip_folder {
        return StartPlace::InsideZip;
    }
    if is_temporary(exe, temp) {
        StartPlace::TempFolder
    } else {
        StartPlace::Installed
    }
}

/// Whether `path` lies in the temporary folder `temp` (compared without case and with
/// either slash, as Windows does).
pub fn is_temporary(path: &Path, temp: &Path) -> bool {
    let (path, temp) = (windows_form(path), windows_form(temp));
    !temp.is_empty() && (path == temp || path.starts_with(&format!("{temp}/")))
}

/// A path as Windows compares it: without case, either slash, no trailing slash.
fn windows_form(path: &Path) -> String {
    let mut s = path.to_string_lossy().replace('\\', "/").to_lowercase();
    while s.ends_with('/') {
        s.pop();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_run_from_inside_a_zip_or_a_temp_folder_is_told_apart() {
        let temp = Path::new(r"C:\Users\Nguyễn Văn An\AppData\Local\Temp");
        let exe = |s: &str| PathBuf::from(s);
        assert_eq!(
            start_place(
                &exe(
                    r"C:\Users\Nguyễn Văn An\AppData\Local\Temp\Temp1_ocop-tracker-0.1.0-windows-x64.zip\ocop-tracker-0.1.0-windows-x64\ocop-tracker.exe"
                ),
                temp
            ),
            StartPlace::InsideZip
        );
        assert_eq!(
            start_place(
                &exe(r"C:\Users\An\AppData\Local\Temp\7zO8A1B2C3D\ocop-tracker.exe"),
                temp
            ),
            StartPlace::InsideZip
        );
        assert_eq!(
            start_place(
                &exe(r"c:\users\nguyễn văn an\appdata\local\temp\abc\ocop-tracker.exe"),
                temp
            ),
            StartPlace::TempFolder
        );
        assert_eq!(
            start_place(
                &exe(
                    r"C:\Users\Nguyễn Văn An\AppData\Local\Programs\ocop-tracker\ocop-tracker.exe"
                ),
                temp
            ),
            StartPlace::Installed
        );
        // A folder merely named like the temporary one is not inside it.
        assert_eq!(
            start_place(
                &exe(r"C:\Users\Nguyễn Văn An\AppData\Local\Temporary\ocop-tracker.exe"),
                temp
            ),
            StartPlace::Installed
        );
        // The .exe's own name never counts as a folder.
        assert_eq!(
            start_place(&exe("/opt/ocop/ocop-tracker.zip"), Path::new("/tmp")),
            StartPlace::Installed
        );
        assert!(is_temporary(Path::new("/tmp/x"), Path::new("/tmp/")));
        assert!(!is_temporary(Path::new("/tmpfoo/x"), Path::new("/tmp")));
    }

    #[test]
    fn a_crash_report_names_the_version_the_message_and_where() {
        let report = crash_report("boom", "src/x.rs:1", "0: main");
        for needle in [
            env!("CARGO_PKG_VERSION"),
            crate::domain::model::CURRENT_RULE_VERSION,
            "message: boom",
            "at: src/x.rs:1",
            "0: main",
            "renderer:",
        ] {
            assert!(report.contains(needle), "{needle} missing in {report}");
        }
    }

    #[test]
    fn a_remembered_setting_is_read_from_the_windows_app_ron() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        // As eframe writes it: a map of keys to RON-encoded values.
        let written = "{\n    \"lang\": \"En\",\n    \"officer\": \"\\\"Nguyễn Văn An\\\"\",\n}";
        std::fs::write(dir.path().join("app.ron"), written).unwrap_or_else(|e| panic!("{e}"));
        // An enum as eframe stores one (the language), without naming `text`: storage
        // sits below it.
        #[derive(Debug, PartialEq, serde::Deserialize)]
        enum Lang {
            Vi,
            En,
        }
        let lang: Option<Lang> = settings_value(dir.path(), "lang");
        assert_eq!(lang, Some(Lang::En));
        let officer: Option<String> = settings_value(dir.path(), "officer");
        assert_eq!(officer.as_deref(), Some("Nguyễn Văn An"));
        assert_eq!(settings_value::<String>(dir.path(), "missing"), None);
        // No file, or a damaged one: nothing remembered, no error.
        std::fs::write(dir.path().join("app.ron"), "{ not ron").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(settings_value::<Lang>(dir.path(), "lang"), None);
    }

    #[test]
    fn a_guarded_panic_is_caught_and_the_guard_unwinds() {
        let caught = catch_guarded(|| -> u8 { panic!("hostile file") });
        assert!(caught.is_err());
        assert_eq!(
            GUARDED.with(std::cell::Cell::get),
            0,
            "the guard is released"
        );
        assert_eq!(catch_guarded(|| 7).ok(), Some(7));
    }

    #[test]
    fn the_log_rolls_over_and_keeps_one_older_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let log = FileLog {
            dir: Some(dir.path().to_owned()),
            recent: Mutex::new(VecDeque::new()),
            file: Mutex::new(None),
        };
        let line = "x".repeat(1000);
        for _ in 0..1200 {
            log.append(&line);
        }
        let current = std::fs::metadata(dir.path().join(LOG_FILE)).map(|m| m.len());
        let older = std::fs::metadata(dir.path().join("log.1.txt")).map(|m| m.len());
        assert!(
            matches!(current, Ok(n) if n <= LOG_MAX_BYTES + 1001),
            "{current:?}"
        );
        assert!(matches!(older, Ok(n) if n > LOG_MAX_BYTES), "{older:?}");
        let recent = log.recent.lock().map(|r| r.len()).unwrap_or_default();
        assert_eq!(recent, RECENT_LINES);
    }
}
