//! Starting the window: eframe options, UI preferences restored from eframe's storage
//! (language, last workspace, officer's name), the workspace to open, and the renderer.
//!
//! Renderers (issue 22): OpenGL through glow first. Windows' basic display driver,
//! Remote Desktop sessions and many VMs offer only OpenGL 1.1, where glow cannot start;
//! the window then starts again with wgpu (DirectX 12, which falls back to Microsoft's
//! WARP software rasteriser; or Vulkan). eframe keeps one event loop per thread, so a
//! second `run_native` after a failed one works (measured under Wine). When none starts,
//! a native message box says so: a GUI-subsystem .exe has no console to print to.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::domain::catalog::Catalog;
use crate::text::{self, Lang};

/// The window icon (256 px, made by tools/make-icon.py).
const APP_ICON_PNG: &[u8] = include_bytes!("../../assets/icon-256.png");

/// What the command line decided before the window starts.
#[derive(Clone)]
pub struct Start {
    /// The rule data.
    pub catalog: Catalog,
    /// `--today`, if given.
    pub pinned_today: Option<chrono::NaiveDate>,
    /// `--lang`, if given (else the remembered language).
    pub lang: Option<Lang>,
    /// `--window WxH`, if given: wins over the size remembered from last time.
    pub window: Option<[f32; 2]>,
    /// `--workspace DIR` (or a bundle to review), if given.
    pub workspace: Option<PathBuf>,
    /// `--many DIR`: a folder of many communes, read-only.
    pub many: Option<PathBuf>,
    /// The demo workspace, if found (the start screen offers it).
    pub demo: Option<PathBuf>,
    /// Open the demo when nothing else is known: only when run from the source checkout
    /// (`cargo run`). An installed or unzipped program offers to create the commune's
    /// own workspace instead.
    pub open_demo_first: bool,
    /// Folders where no workspace may be created (the system's temporary folder, on
    /// Windows): the new-workspace dialog refuses them.
    pub refuse_temp: Option<PathBuf>,
    /// `--renderer glow|wgpu` or `OCOP_RENDERER`: only that renderer.
    pub renderer: Option<String>,
    /// `OCOP_FORCE_PANIC`: panic once the window has started (tests the crash box).
    pub force_panic: bool,
}

/// One way of starting the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// OpenGL 2.0 or later, through glow.
    Glow,
    /// wgpu with its default backends (DirectX 12 on Windows, Vulkan elsewhere), or the
    /// ones `WGPU_BACKEND` names.
    Wgpu,
    /// wgpu on Vulkan alone (after DirectX 12 failed, e.g. a broken DirectX driver).
    WgpuVulkan,
}

impl Attempt {
    fn name(self) -> &'static str {
        match self {
            Attempt::Glow => "OpenGL (glow)",
            Attempt::Wgpu => "wgpu",
            Attempt::WgpuVulkan => "wgpu (Vulkan)",
        }
    }
}

/// The renderers to try, in order. `forced`: `--renderer` / `OCOP_RENDERER`;
/// `backend_from_env`: `WGPU_BACKEND` is set (it then chooses wgpu's backends alone).
pub fn attempts(forced: Option<&str>, backend_from_env: bool) -> Vec<Attempt> {
    let wgpu: &[Attempt] = if backend_from_env {
        &[Attempt::Wgpu]
    } else {
        &[Attempt::Wgpu, Attempt::WgpuVulkan]
    };
    match forced.map(str::to_ascii_lowercase).as_deref() {
        Some("glow" | "opengl" | "gl") => vec![Attempt::Glow],
        Some("wgpu") => wgpu.to_vec(),
        _ => std::iter::once(Attempt::Glow)
            .chain(wgpu.iter().copied())
            .collect(),
    }
}

/// Why the window did not start.
#[derive(Debug)]
pub enum StartError {
    /// No renderer could start: each one tried and why it failed.
    NoRenderer(Vec<(Attempt, String)>),
    /// The window started and then failed.
    Other(String),
}

/// Runs the window until it closes, trying each renderer until one starts.
pub fn run(start: Start) -> Result<(), StartError> {
    let forced = start.renderer.clone();
    let mut failures = Vec::new();
    for attempt in attempts(
        forced.as_deref(),
        std::env::var_os("WGPU_BACKEND").is_some(),
    ) {
        let started = Arc::new(AtomicBool::new(false));
        let result = eframe::run_native(
            "ocop-tracker",
            options(&start, attempt),
            creator(start.clone(), attempt, Arc::clone(&started)),
        );
        match result {
            Ok(()) => return Ok(()),
            Err(err) if !started.load(Ordering::SeqCst) => {
                log::warn!("the window could not start with {}: {err}", attempt.name());
                failures.push((attempt, err.to_string()));
            }
            Err(err) => return Err(StartError::Other(err.to_string())),
        }
    }
    Err(StartError::NoRenderer(failures))
}

fn options(start: &Start, attempt: Attempt) -> eframe::NativeOptions {
    let size = start.window.unwrap_or([1280.0, 800.0]);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Theo dõi OCOP – OCOP tracker")
        .with_inner_size(size)
        .with_min_inner_size([800.0, 500.0]);
    // The app's icon in the title bar and task bar (the .exe's own icon resource is the
    // same picture, assets/icon.ico); eframe's default icon if it cannot be decoded.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(APP_ICON_PNG) {
        viewport = viewport.with_icon(Arc::new(icon));
    }
    let mut options = eframe::NativeOptions {
        viewport,
        // An explicit --window size wins over the size remembered from last time.
        persist_window: start.window.is_none(),
        renderer: match attempt {
            Attempt::Glow => eframe::Renderer::Glow,
            Attempt::Wgpu | Attempt::WgpuVulkan => eframe::Renderer::Wgpu,
        },
        ..Default::default()
    };
    if attempt == Attempt::WgpuVulkan {
        let mut setup = eframe::egui_wgpu::WgpuSetupCreateNew::without_display_handle();
        setup.instance_descriptor.backends = eframe::wgpu::Backends::VULKAN;
        options.wgpu_options.wgpu_setup = eframe::egui_wgpu::WgpuSetup::CreateNew(setup);
    }
    options
}

/// What the renderer that started is, in a line (Help → About, crash reports).
fn describe_renderer(cc: &eframe::CreationContext<'_>, attempt: Attempt) -> String {
    if let Some(state) = &cc.wgpu_render_state {
        let info = state.adapter.get_info();
        return format!(
            "wgpu: {:?}, {} ({:?})",
            info.backend, info.name, info.device_type
        );
    }
    if cc.gl.is_some() {
        return "OpenGL (glow)".to_owned();
    }
    attempt.name().to_owned()
}

fn creator(
    start: Start,
    attempt: Attempt,
    started: Arc<AtomicBool>,
) -> eframe::AppCreator<'static> {
    Box::new(move |cc| {
        started.store(true, Ordering::SeqCst);
        crate::app::shell::set_renderer(describe_renderer(cc, attempt));
        let Start {
            catalog,
            pinned_today,
            lang,
            window,
            workspace,
            many,
            demo,
            open_demo_first,
            refuse_temp,
            renderer: _,
            force_panic,
        } = start;
        super::theme::install(&cc.egui_ctx);
        let stored_lang: Option<Lang> = cc
            .storage
            .and_then(|s| eframe::get_value(s, super::PREF_LANG));
        let last: Option<PathBuf> = cc
            .storage
            .and_then(|s| eframe::get_value(s, super::PREF_LAST_WORKSPACE));
        let lang = lang.or(stored_lang).unwrap_or_default();
        set_box_lang(lang);
        // A test of the crash box and report (tools/wine-smoke); never set otherwise.
        assert!(
            !force_panic,
            "OCOP_FORCE_PANIC: a panic asked for, to test the crash report"
        );
        let officer: Option<String> = cc
            .storage
            .and_then(|s| eframe::get_value(s, super::PREF_OFFICER));
        let usable = |p: &PathBuf| crate::app::shell::may_open_at_start(p, refuse_temp.as_deref());
        let dir = workspace
            .or_else(|| last.filter(usable))
            .or_else(|| demo.clone().filter(|_| open_demo_first));
        let mut app = super::OcopApp::new(catalog, None, lang, pinned_today);
        app.demo_workspace = demo;
        app.refuse_temp = refuse_temp;
        app.officer = officer.unwrap_or_default();
        if let Some([w, h]) = window {
            app.requested_size = Some(egui::vec2(w, h));
        }
        match (many, dir) {
            (Some(many), _) => app.open_many_at(many),
            (None, Some(bundle)) if crate::app::shell::is_bundle_to_review(&bundle) => {
                app.review_bundle_at(bundle);
            }
            (None, Some(dir)) => app.open_workspace(&dir),
            (None, None) => app.offer_first_workspace(),
        }
        Ok(Box::new(app))
    })
}

/// The language of the native message boxes: the app's once the window has started,
/// else the one remembered from last time (read by [`remembered_lang`]).
static BOX_IN_ENGLISH: AtomicBool = AtomicBool::new(false);

/// Sets the language of later message boxes (a crash box shows in the app's language).
pub fn set_box_lang(lang: Lang) {
    BOX_IN_ENGLISH.store(lang == Lang::En, Ordering::SeqCst);
}

/// The language the next message box speaks.
pub fn box_lang() -> Lang {
    if BOX_IN_ENGLISH.load(Ordering::SeqCst) {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// The language remembered by the window last time (eframe's `app.ron` in the settings
/// folder, a RON map of RON values), for messages shown before any window: `None` when
/// nothing is remembered or it cannot be read.
pub fn remembered_lang() -> Option<Lang> {
    crate::app::shell::settings_value(&settings_dir()?, super::PREF_LANG)
}

/// The folder of the settings (eframe's storage: the language, the last workspace):
/// `%APPDATA%\ocop-tracker\data` on Windows, `~/.local/share/ocop-tracker` on Linux.
pub fn settings_dir() -> Option<PathBuf> {
    eframe::storage_dir("ocop-tracker")
}

/// Shows a native error box (MessageBoxW on Windows; zenity or the desktop portal on
/// Linux) and waits until it is closed.
pub fn error_box(message: &str) {
    let lang = box_lang();
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title(lang.t(text::BOX_TITLE))
        .set_description(message)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

/// The box when no renderer starts: what happened, what to do, where the log is.
pub fn no_window_message(
    lang: Lang,
    failures: &[(Attempt, String)],
    log: Option<&std::path::Path>,
) -> String {
    let mut message = format!(
        "{}\n\n{}",
        lang.t(text::NO_WINDOW),
        lang.t(text::NO_WINDOW_WHAT_TO_DO)
    );
    if let Some(log) = log {
        message.push_str(&format!(
            "\n\n{}: {}",
            lang.t(text::LOG_IS_AT),
            log.display()
        ));
    }
    for (attempt, why) in failures {
        message.push_str(&format!("\n\n{}: {why}", attempt.name()));
    }
    message
}

/// The box after a panic (the panic hook calls it on whatever thread panicked).
pub fn crash_box(crash: &crate::app::shell::Crash) {
    let lang = box_lang();
    let mut message = lang.t(text::CRASH).to_owned();
    match &crash.report {
        Some(path) => message.push_str(&format!(
            "\n\n{}: {}",
            lang.t(text::CRASH_REPORT_AT),
            path.display()
        )),
        None => message.push_str(&format!("\n\n{}", lang.t(text::CRASH_NO_REPORT))),
    }
    message.push_str(&format!("\n\n({})", crash.message));
    error_box(&message);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glow_first_then_wgpu_then_vulkan_unless_told() {
        use Attempt::*;
        assert_eq!(attempts(None, false), vec![Glow, Wgpu, WgpuVulkan]);
        // WGPU_BACKEND set: wgpu's own choice, no second wgpu try.
        assert_eq!(attempts(None, true), vec![Glow, Wgpu]);
        assert_eq!(attempts(Some("wgpu"), false), vec![Wgpu, WgpuVulkan]);
        assert_eq!(attempts(Some("GLOW"), false), vec![Glow]);
        assert_eq!(attempts(Some("bogus"), false), vec![Glow, Wgpu, WgpuVulkan]);
    }

    #[test]
    fn the_no_window_box_says_what_to_do_and_where_the_log_is() {
        let failures = vec![(Attempt::Glow, "glutin error".to_owned())];
        let log = std::path::Path::new(r"C:\Users\An\AppData\Local\ocop-tracker\logs\log.txt");
        let vi = no_window_message(Lang::Vi, &failures, Some(log));
        assert!(vi.contains("trình điều khiển"), "{vi}");
        assert!(vi.contains("Remote Desktop"), "{vi}");
        assert!(vi.contains("log.txt"), "{vi}");
        assert!(vi.contains("OpenGL (glow): glutin error"), "{vi}");
        let en = no_window_message(Lang::En, &failures, None);
        assert!(en.contains("graphics driver"), "{en}");
    }
}
