//! Colours, spacing and the bundled Vietnamese font, installed in every context
//! (the app's and the tests').

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily};

/// Errors and overdue items.
pub const ERROR: Color32 = Color32::from_rgb(0xC6, 0x28, 0x28);
/// Warnings and things due soon.
pub const WARN: Color32 = Color32::from_rgb(0xC7, 0x7C, 0x02);
/// Confirmations and ready items.
pub const OK: Color32 = Color32::from_rgb(0x2E, 0x7D, 0x32);
/// The current step of the stepper.
pub const ACCENT: Color32 = Color32::from_rgb(0x15, 0x65, 0xC0);
/// Done steps and muted text.
pub const MUTED: Color32 = Color32::from_rgb(0x75, 0x75, 0x75);

/// DejaVu Sans: full Vietnamese coverage (licence in `assets/fonts/LICENSE-DejaVu.txt`).
const DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, for headings.
const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Name of the bold family (use `FontFamily::Name(BOLD.into())`).
pub const BOLD: &str = "bold";

/// Installs the fonts and style in `ctx`. egui's default font cannot draw "ố", "ậ", "ữ"….
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu".to_owned(),
        Arc::new(FontData::from_static(DEJAVU_SANS)),
    );
    fonts.font_data.insert(
        "dejavu-bold".to_owned(),
        Arc::new(FontData::from_static(DEJAVU_SANS_BOLD)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, "dejavu".to_owned());
    }
    fonts.families.insert(
        FontFamily::Name(BOLD.into()),
        vec!["dejavu-bold".to_owned(), "dejavu".to_owned()],
    );
    ctx.set_fonts(fonts);
    // Thumbnails of evidence photos: file reading and decoding run off the UI thread.
    egui_extras::install_image_loaders(ctx);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
    });
}
