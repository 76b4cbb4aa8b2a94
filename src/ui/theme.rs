//! Colours, spacing and the bundled Vietnamese font, installed in every context
//! (the app's and the tests').

use std::sync::Arc;

use std::sync::atomic::{AtomicBool, Ordering};

use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle};

use crate::app::shell::{dejavu_sans, dejavu_sans_bold};

// Colours come in a dark and a light variant, each with at least 4.5:1 contrast (WCAG AA)
// against its theme's panel and striped-row backgrounds. `sync` picks the variant from the
// context's theme once per frame; the names below read like constants at the call sites.

/// Whether the dark variants are in use (set by [`sync`] from the context's theme).
static DARK: AtomicBool = AtomicBool::new(true);

const fn pair(dark: Color32, light: Color32) -> [Color32; 2] {
    [dark, light]
}

fn pick(colours: [Color32; 2]) -> Color32 {
    let [dark, light] = colours;
    if DARK.load(Ordering::Relaxed) {
        dark
    } else {
        light
    }
}

const ERROR_PAIR: [Color32; 2] = pair(
    Color32::from_rgb(0xFF, 0x70, 0x70),
    Color32::from_rgb(0xB7, 0x1C, 0x1C),
);
const WARN_PAIR: [Color32; 2] = pair(
    Color32::from_rgb(0xE5, 0xA0, 0x0D),
    Color32::from_rgb(0x8A, 0x53, 0x00),
);
const OK_PAIR: [Color32; 2] = pair(
    Color32::from_rgb(0x6C, 0xC0, 0x70),
    Color32::from_rgb(0x25, 0x6B, 0x29),
);
const ACCENT_PAIR: [Color32; 2] = pair(
    Color32::from_rgb(0x64, 0xB5, 0xF6),
    Color32::from_rgb(0x15, 0x65, 0xC0),
);
const MUTED_PAIR: [Color32; 2] = pair(Color32::from_gray(0xA8), Color32::from_gray(0x5F));

/// Errors and overdue items.
pub fn error() -> Color32 {
    pick(ERROR_PAIR)
}
/// Warnings and things due soon.
pub fn warn() -> Color32 {
    pick(WARN_PAIR)
}
/// Confirmations and ready items.
pub fn ok() -> Color32 {
    pick(OK_PAIR)
}
/// The current step of the stepper, headings of groups.
pub fn accent() -> Color32 {
    pick(ACCENT_PAIR)
}
/// Done steps and secondary text (still 4.5:1).
pub fn muted() -> Color32 {
    pick(MUTED_PAIR)
}

/// Picks the colour variants of the context's current theme (call once per frame).
pub fn sync(ctx: &egui::Context) {
    DARK.store(ctx.theme() == egui::Theme::Dark, Ordering::Relaxed);
}

/// Smallest text size anywhere in the app, in points.
pub const MIN_TEXT_SIZE: f32 = 12.0;

/// Name of the bold family (use `FontFamily::Name(BOLD.into())`).
pub const BOLD: &str = "bold";

/// Installs the fonts and style in `ctx`. egui's default fonts cannot draw "ố", "ậ", "ữ"…,
/// and are not built in.
pub fn install(ctx: &egui::Context) {
    // Only DejaVu: the same fonts whatever features egui was built with (tests and the
    // Windows package draw alike; a glyph DejaVu lacks is a test failure, not a fallback).
    let mut fonts = FontDefinitions::empty();
    fonts.font_data.insert(
        "dejavu".to_owned(),
        Arc::new(FontData::from_static(dejavu_sans())),
    );
    fonts.font_data.insert(
        "dejavu-bold".to_owned(),
        Arc::new(FontData::from_static(dejavu_sans_bold())),
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
        // Nothing under 12 px: egui's "small" is 9 px, its body 12.5 px.
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(MIN_TEXT_SIZE)),
            (TextStyle::Body, FontId::proportional(14.0)),
            (TextStyle::Button, FontId::proportional(14.0)),
            (TextStyle::Monospace, FontId::monospace(13.0)),
            (TextStyle::Heading, FontId::proportional(20.0)),
        ]
        .into();
    });
    // Body text at 4.5:1 or more: egui's default grey text (and its 60 % "weak" text) is
    // below that on the dark panel.
    ctx.style_mut_of(egui::Theme::Dark, |style| {
        style.visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(0xC8);
        style.visuals.weak_text_color = Some(Color32::from_gray(0xA8));
    });
    ctx.style_mut_of(egui::Theme::Light, |style| {
        style.visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(0x30);
        style.visuals.weak_text_color = Some(Color32::from_gray(0x5F));
        // egui's light link blue (0, 155, 255) is under 3:1 on the light panel.
        style.visuals.hyperlink_color = ACCENT_PAIR[1];
        // Outlines of fields, check boxes and radio buttons visible on paper too.
        style.visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(0x8C));
        style.visuals.widgets.inactive.bg_fill = Color32::from_gray(0xDC);
    });
}

/// WCAG contrast ratio of two colours (1.0 to 21.0).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_colours_reach_wcag_aa_in_both_themes() {
        // Panel fill and the darkest/lightest striped row of each theme.
        let dark_backgrounds = [Color32::from_gray(27), Color32::from_gray(42)];
        let light_backgrounds = [Color32::from_gray(248), Color32::from_gray(232)];
        for pair in [ERROR_PAIR, WARN_PAIR, OK_PAIR, ACCENT_PAIR, MUTED_PAIR] {
            let [dark, light] = pair;
            for bg in dark_backgrounds {
                assert!(contrast_ratio(dark, bg) >= 4.5, "{dark:?} on {bg:?}");
            }
            for bg in light_backgrounds {
                assert!(contrast_ratio(light, bg) >= 4.5, "{light:?} on {bg:?}");
            }
        }
        let ctx = egui::Context::default();
        install(&ctx);
        for (theme, backgrounds) in [
            (egui::Theme::Dark, dark_backgrounds),
            (egui::Theme::Light, light_backgrounds),
        ] {
            ctx.set_theme(theme);
            let style = ctx.global_style();
            for text in [
                style.visuals.text_color(),
                style.visuals.weak_text_color(),
                style.visuals.hyperlink_color,
            ] {
                for bg in backgrounds {
                    assert!(
                        contrast_ratio(text, bg) >= 4.5,
                        "{theme:?}: {text:?} on {bg:?}"
                    );
                }
            }
            for (text_style, font) in &style.text_styles {
                assert!(font.size >= MIN_TEXT_SIZE, "{text_style:?}: {}", font.size);
            }
        }
    }
}
