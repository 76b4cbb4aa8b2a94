//! Starting the window: eframe options, UI preferences restored from eframe's storage
//! (language, last workspace, officer's name), the workspace to open.

use std::path::PathBuf;

use crate::domain::catalog::Catalog;
use crate::text::Lang;

/// The window icon (256 px, made by tools/make-icon.py).
const APP_ICON_PNG: &[u8] = include_bytes!("../../assets/icon-256.png");

/// What the command line decided before the window starts.
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
    /// The demo workspace, opened when nothing else is known.
    pub default_workspace: Option<PathBuf>,
}

/// Runs the window until it closes.
pub fn run(start: Start) -> Result<(), String> {
    let Start {
        catalog,
        pinned_today,
        lang,
        window,
        workspace,
        many,
        default_workspace,
    } = start;
    let size = window.unwrap_or([1280.0, 800.0]);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Theo dõi OCOP – OCOP tracker")
        .with_inner_size(size)
        .with_min_inner_size([800.0, 500.0]);
    // The app's icon in the title bar and task bar (the .exe's own icon resource is the
    // same picture, assets/icon.ico); eframe's default icon if it cannot be decoded.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(APP_ICON_PNG) {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    // Settings (eframe's persistence, `app.ron`) live in eframe's storage folder named by
    // the app name below: `%APPDATA%\ocop-tracker\data` on Windows (eframe 0.37 asks
    // Windows for the roaming AppData folder), `~/.local/share/ocop-tracker` on Linux;
    // never beside the executable.
    let options = eframe::NativeOptions {
        viewport,
        // An explicit --window size wins over the size remembered from last time.
        persist_window: window.is_none(),
        ..Default::default()
    };
    eframe::run_native(
        "ocop-tracker",
        options,
        Box::new(move |cc| {
            super::theme::install(&cc.egui_ctx);
            let stored_lang: Option<Lang> = cc
                .storage
                .and_then(|s| eframe::get_value(s, super::PREF_LANG));
            let last: Option<PathBuf> = cc
                .storage
                .and_then(|s| eframe::get_value(s, super::PREF_LAST_WORKSPACE));
            let lang = lang.or(stored_lang).unwrap_or_default();
            let officer: Option<String> = cc
                .storage
                .and_then(|s| eframe::get_value(s, super::PREF_OFFICER));
            let dir = workspace
                .or_else(|| last.filter(|p| crate::storage::looks_like_workspace(p)))
                .or_else(|| default_workspace.clone());
            let mut app = super::OcopApp::new(catalog, None, lang, pinned_today);
            app.demo_workspace = default_workspace;
            app.officer = officer.unwrap_or_default();
            if let Some([w, h]) = window {
                app.requested_size = Some(egui::vec2(w, h));
            }
            match (many, dir) {
                (Some(many), _) => app.open_many_at(many),
                (None, Some(bundle)) if crate::storage::bundle::is_bundle_name(&bundle) => {
                    app.review_bundle_at(bundle);
                }
                (None, Some(dir)) => app.open_workspace(&dir),
                (None, None) => {}
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| err.to_string())
}
