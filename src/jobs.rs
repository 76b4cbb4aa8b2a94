//! Long work on named background threads, so frames stay fast: copying and hashing
//! evidence files into the workspace (with progress and Cancel), and checking that every
//! referenced evidence file still exists and matches its hash.
//!
//! Threads report through channels and shared atomics; the UI polls them each frame and
//! asks for a repaint while they run. No egui widgets here.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

use crate::domain::dossier::Attachment;
use crate::domain::model::ProductId;
use crate::domain::search::nfc;
use crate::storage::evidence::{self, EvidenceStatus};

/// Live progress of an import, shared with the worker thread.
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes copied so far, over all files.
    pub bytes_done: AtomicU64,
    /// Bytes to copy in all.
    pub bytes_total: AtomicU64,
    /// Name of the file being copied.
    pub current: Mutex<String>,
}

impl Progress {
    /// Done share between 0 and 1.
    pub fn fraction(&self) -> f32 {
        let total = self.bytes_total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        #[expect(
            clippy::cast_precision_loss,
            reason = "a progress bar needs no more precision"
        )]
        let f = self.bytes_done.load(Ordering::Relaxed) as f32 / total as f32;
        f.clamp(0.0, 1.0)
    }

    /// The file being copied.
    pub fn current_file(&self) -> String {
        self.current.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

/// How an import ended.
#[derive(Debug)]
pub enum ImportOutcome {
    /// Every file was stored; failures are named.
    Finished {
        /// Stored files, ready to attach.
        attached: Vec<Attachment>,
        /// Files that could not be stored: (path, why; None when the worker stopped).
        failed: Vec<(PathBuf, Option<evidence::EvidenceError>)>,
    },
    /// The user cancelled: nothing was attached, and the file being copied left no
    /// partial file. Files this job had already stored completely stay in the store
    /// unreferenced (another document may share their content); "clean up unused
    /// evidence" removes them.
    Cancelled,
}

/// A running import of files to one dossier document.
#[derive(Debug)]
pub struct ImportJob {
    /// Product the files go to.
    pub product: ProductId,
    /// Dossier document key.
    pub key: String,
    /// Progress for the bar.
    pub progress: Arc<Progress>,
    cancel: Arc<AtomicBool>,
    rx: Receiver<ImportOutcome>,
}

impl ImportJob {
    /// Starts copying `files` into `workspace` on a thread named "evidence-import".
    /// `wake` is called whenever there is news (the UI asks for a repaint).
    pub fn start(
        workspace: PathBuf,
        product: ProductId,
        key: String,
        files: Vec<PathBuf>,
        now: chrono::NaiveDateTime,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<ImportJob> {
        let progress = Arc::new(Progress::default());
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let total = crate::storage::total_size(&files);
        progress.bytes_total.store(total, Ordering::Relaxed);
        let thread_progress = Arc::clone(&progress);
        let thread_cancel = Arc::clone(&cancel);
        std::thread::Builder::new()
            .name("evidence-import".to_owned())
            .spawn(move || {
                let outcome = run_import(
                    &workspace,
                    &files,
                    now,
                    &thread_progress,
                    &thread_cancel,
                    &wake,
                );
                let _ = tx.send(outcome);
                wake();
            })?;
        Ok(ImportJob {
            product,
            key,
            progress,
            cancel,
            rx,
        })
    }

    /// Asks the worker to stop; it cleans up and reports `Cancelled`.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The outcome, once the worker is done.
    pub fn poll(&self) -> Option<ImportOutcome> {
        match self.rx.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(ImportOutcome::Finished {
                attached: Vec::new(),
                failed: vec![(PathBuf::new(), None)],
            }),
        }
    }
}

fn run_import(
    workspace: &std::path::Path,
    files: &[PathBuf],
    now: chrono::NaiveDateTime,
    progress: &Progress,
    cancel: &AtomicBool,
    wake: &dyn Fn(),
) -> ImportOutcome {
    let mut attached = Vec::new();
    let mut failed = Vec::new();
    let mut done_before = 0u64;
    // Waking the UI once per MiB would be thousands of repaints a second: at most ~30.
    let mut last_wake = std::time::Instant::now();
    for file in files {
        if let Ok(mut current) = progress.current.lock() {
            *current = file
                .file_name()
                .map(|n| nfc(&n.to_string_lossy()))
                .unwrap_or_default();
        }
        let mut report = |bytes: u64| {
            progress
                .bytes_done
                .store(done_before.saturating_add(bytes), Ordering::Relaxed);
            if last_wake.elapsed() >= std::time::Duration::from_millis(33) {
                last_wake = std::time::Instant::now();
                wake();
            }
        };
        match evidence::import_file(workspace, file, &mut report, cancel) {
            Ok(imported) => {
                done_before = done_before.saturating_add(imported.size_bytes);
                attached.push(Attachment {
                    sha256: imported.sha256,
                    file_name: imported.file_name,
                    size_bytes: imported.size_bytes,
                    stored_path: imported.stored_path,
                    added_at: now,
                    document_date: None,
                    valid_until: None,
                });
            }
            Err(evidence::EvidenceError::Cancelled) => return ImportOutcome::Cancelled,
            Err(err) => failed.push((file.clone(), Some(err))),
        }
    }
    ImportOutcome::Finished { attached, failed }
}

/// Where an evidence file's status is kept: the folder (or bundle) it belongs to and the
/// [`path_key`](crate::domain::digest::path_key) of its stored path (8 bytes where the
/// path takes ~80: 100,000 files are checked at a 20,000-product workspace's open). Two
/// communes' copies of one file are two keys.
pub type EvidenceKey = (PathBuf, u64);

/// One evidence file for [`VerifyJob`]: the folder its stored path is relative to (or the
/// bundle it is in), and its status when that is known without reading anything.
#[derive(Debug, Clone)]
pub struct EvidenceCheck {
    /// The workspace folder, or the bundle file for one inside a bundle.
    pub home: PathBuf,
    /// The attachment.
    pub attachment: Attachment,
    /// Known without reading (inside a bundle: listed or not); `None`: check the file.
    pub known: Option<EvidenceStatus>,
}

impl EvidenceCheck {
    /// Its key in the results.
    pub fn key(&self) -> EvidenceKey {
        (
            self.home.clone(),
            crate::domain::digest::path_key(&self.attachment.stored_path),
        )
    }
}

/// One finished check: the file's key, its status, and whether its stored path is safe
/// to open on disk ([`evidence::resolve`] accepted it; never inside a bundle).
pub type EvidenceResult = (EvidenceKey, EvidenceStatus, bool);

/// Hands each check to the worker until it answers false (cancelled).
pub type EvidenceSink<'a> = &'a mut dyn FnMut(EvidenceCheck) -> bool;

/// A running check of every referenced evidence file. Its results are handed on as they
/// come ([`VerifyJob::poll`]); the job keeps none of them.
#[derive(Debug)]
pub struct VerifyJob {
    rx: Receiver<EvidenceResult>,
    cancel: Arc<AtomicBool>,
    /// Whether the worker has finished.
    pub finished: bool,
}

impl VerifyJob {
    /// Starts verifying `checks` on a thread named "evidence-verify", each file in its
    /// own folder, once per key.
    pub fn start(
        checks: Vec<EvidenceCheck>,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<VerifyJob> {
        VerifyJob::start_gathering(
            move |sink: EvidenceSink<'_>| {
                for check in checks {
                    if !sink(check) {
                        break;
                    }
                }
            },
            wake,
        )
    }

    /// [`VerifyJob::start`] with the checks found on the job's own thread, one at a time
    /// (finding every attachment decodes every product: not on the window's thread, and
    /// never all of them held at once).
    pub fn start_gathering(
        gather: impl FnOnce(EvidenceSink<'_>) + Send + 'static,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<VerifyJob> {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let thread_cancel = Arc::clone(&cancel);
        std::thread::Builder::new()
            .name("evidence-verify".to_owned())
            .spawn(move || {
                // Once per file: one file attached to two documents is read once.
                let mut seen: std::collections::HashMap<PathBuf, std::collections::HashSet<u64>> =
                    std::collections::HashMap::new();
                let mut last_wake = std::time::Instant::now();
                gather(&mut |check: EvidenceCheck| {
                    if thread_cancel.load(Ordering::Relaxed) {
                        return false;
                    }
                    let key = check.key();
                    let first = match seen.get_mut(&key.0) {
                        Some(files) => files.insert(key.1),
                        None => {
                            seen.insert(key.0.clone(), std::iter::once(key.1).collect());
                            true
                        }
                    };
                    if !first {
                        return true;
                    }
                    let (status, safe) = match check.known {
                        Some(status) => (status, false),
                        None => (
                            evidence::verify(&check.home, &check.attachment, &thread_cancel),
                            evidence::resolve(&check.home, &check.attachment.stored_path).is_ok(),
                        ),
                    };
                    if tx.send((key, status, safe)).is_err() {
                        return false;
                    }
                    // A repaint for each file would be a frame per file: a few a second.
                    if last_wake.elapsed() >= std::time::Duration::from_millis(100) {
                        last_wake = std::time::Instant::now();
                        wake();
                    }
                    true
                });
                drop(tx);
                wake();
            })?;
        Ok(VerifyJob {
            rx,
            cancel,
            finished: false,
        })
    }

    /// The results that arrived since the last call (empty when none did); sets
    /// `finished` once the worker is done and everything was handed on.
    pub fn poll(&mut self) -> Vec<EvidenceResult> {
        let mut arrived = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(result) => arrived.push(result),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.finished = true;
                    break;
                }
            }
        }
        arrived
    }
}

impl Drop for VerifyJob {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// How often the workspace is listed again even without file events (Windows and
/// network shares drop them).
pub const RESCAN_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

/// Quiet time after a file event before listing, so a burst of writes is one rescan.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(250);

/// Watches a workspace for other officers' changes on a thread named "workspace-watch":
/// file events plus a periodic listing. Sends a new listing of `products/` only when it
/// differs from the last one, so the UI reads files only when something changed.
pub struct WatchJob {
    rx: Receiver<crate::storage::shared::Listing>,
    stop: Arc<AtomicBool>,
}

impl WatchJob {
    /// Starts watching `workspace`; `wake` asks the UI for a repaint when there is news.
    pub fn start(
        workspace: PathBuf,
        initial: crate::storage::shared::Listing,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> std::io::Result<WatchJob> {
        let (tx, rx) = mpsc::channel();
        let (event_tx, event_rx) = mpsc::channel::<()>();
        let stop = Arc::new(AtomicBool::new(false));
        let thread_stop = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("workspace-watch".to_owned())
            .spawn(move || {
                let _watcher = crate::storage::shared::watch_products(&workspace, move || {
                    let _ = event_tx.send(());
                });
                let mut last = initial;
                while !thread_stop.load(Ordering::Relaxed) {
                    match event_rx.recv_timeout(RESCAN_EVERY) {
                        Ok(()) => {
                            // Let the burst settle, then drain it.
                            std::thread::sleep(SETTLE);
                            while event_rx.try_recv().is_ok() {}
                        }
                        Err(mpsc::RecvTimeoutError::Timeout) => {}
                        // No watcher on this platform or folder: keep polling.
                        Err(mpsc::RecvTimeoutError::Disconnected) => {
                            std::thread::sleep(RESCAN_EVERY);
                        }
                    }
                    let now = crate::storage::product_dir_listing(&workspace);
                    if now != last {
                        last = now.clone();
                        if tx.send(now).is_err() {
                            return;
                        }
                        wake();
                    }
                }
            })?;
        Ok(WatchJob { rx, stop })
    }

    /// The newest listing, if the folder changed since the last poll.
    pub fn poll(&self) -> Option<crate::storage::shared::Listing> {
        self.rx.try_iter().last()
    }
}

impl Drop for WatchJob {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Long work with a progress bar and Cancel whose result the UI picks up when done (a
/// bundle written, verified, opened or received).
#[derive(Debug)]
pub struct Task<T> {
    /// Progress for the bar (`current` names the step).
    pub progress: Arc<Progress>,
    cancel: Arc<AtomicBool>,
    rx: Receiver<T>,
}

impl<T: Send + 'static> Task<T> {
    /// Runs `work` on a thread named `name`; it reports (done, total) through its first
    /// argument and should stop when the flag is set. `wake` asks the UI for a repaint
    /// (at most ~30 times a second while progress moves, and once at the end).
    pub fn start(
        name: &str,
        step: String,
        work: impl FnOnce(&mut dyn FnMut(u64, u64), &AtomicBool) -> T + Send + 'static,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<Task<T>> {
        let progress = Arc::new(Progress::default());
        if let Ok(mut current) = progress.current.lock() {
            *current = step;
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let thread_progress = Arc::clone(&progress);
        let thread_cancel = Arc::clone(&cancel);
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let mut last_wake = std::time::Instant::now();
                let mut report = |done: u64, total: u64| {
                    thread_progress.bytes_done.store(done, Ordering::Relaxed);
                    thread_progress.bytes_total.store(total, Ordering::Relaxed);
                    if last_wake.elapsed() >= std::time::Duration::from_millis(33) {
                        last_wake = std::time::Instant::now();
                        wake();
                    }
                };
                let result = work(&mut report, &thread_cancel);
                let _ = tx.send(result);
                wake();
            })?;
        Ok(Task {
            progress,
            cancel,
            rx,
        })
    }

    /// Asks the work to stop.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The result once done; `Err(())` if the thread died without one.
    pub fn poll(&self) -> Option<Result<T, ()>> {
        match self.rx.try_recv() {
            Ok(result) => Some(Ok(result)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(())),
        }
    }
}
