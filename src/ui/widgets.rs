//! Small reusable widgets: labelled text fields that send one command when the edit
//! ends, date fields (dd/mm/yyyy), the scoring-set picker, star labels.

use chrono::NaiveDate;

use crate::domain::catalog::Catalog;

use super::text::{self, Lang};

/// The edit-buffer mechanism shared by the text and date fields: while the field has
/// focus, typing edits a buffer kept in egui memory; when focus leaves, the buffer is
/// returned once (the caller decides whether it is a change). Otherwise `shown` is drawn.
fn buffered_edit(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    shown: &str,
    enabled: bool,
    edit: impl FnOnce(&mut String) -> egui::TextEdit<'_>,
) -> Option<String> {
    let label_response = ui.label(label);
    let id = ui.make_persistent_id(id_salt);
    let mut buffer: String = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| shown.to_owned());
    let response = ui
        .add_enabled(enabled, edit(&mut buffer).id(id))
        .labelled_by(label_response.id);
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(id));
        return Some(buffer);
    }
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, buffer));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    None
}

/// A labelled single- or multi-line text field bound to `value`.
///
/// Typing edits a local buffer (kept in egui memory while focused); when focus leaves,
/// the new text is returned once, so undo steps are whole edits.
pub fn text_field(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    value: &str,
    multiline: bool,
    enabled: bool,
) -> Option<String> {
    text_field_width(ui, id_salt, label, value, multiline, enabled, f32::INFINITY)
}

/// Like [`text_field`] with a given width (for short values such as a score).
pub fn text_field_width(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    value: &str,
    multiline: bool,
    enabled: bool,
    width: f32,
) -> Option<String> {
    buffered_edit(ui, id_salt, label, value, enabled, |buffer| {
        let edit = if multiline {
            egui::TextEdit::multiline(buffer).desired_rows(2)
        } else {
            egui::TextEdit::singleline(buffer)
        };
        edit.desired_width(width)
    })
    .filter(|buffer| buffer != value)
}

/// Parses a user date: `dd/mm/yyyy` (also `d/m/yyyy`, `dd-mm-yyyy`, `yyyy-mm-dd`).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    for format in ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"] {
        if let Ok(date) = NaiveDate::parse_from_str(raw, format) {
            return Some(date);
        }
    }
    None
}

/// Outcome of a date field edit.
#[derive(Debug, Clone, PartialEq)]
pub enum DateEdit {
    /// A new date (None: cleared).
    Set(Option<NaiveDate>),
    /// Text that is not a date.
    Invalid(String),
}

/// A labelled date field (dd/mm/yyyy); returns an edit when focus leaves.
pub fn date_field(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    value: Option<NaiveDate>,
    lang: Lang,
    enabled: bool,
) -> Option<DateEdit> {
    let shown = value.map(|d| lang.date(d)).unwrap_or_default();
    let buffer = buffered_edit(ui, id_salt, label, &shown, enabled, |buffer| {
        egui::TextEdit::singleline(buffer)
            .hint_text(lang.t(text::DATE_HINT))
            .desired_width(90.0)
    })?;
    if buffer.trim() == shown {
        return None;
    }
    if buffer.trim().is_empty() {
        return Some(DateEdit::Set(None));
    }
    Some(match parse_date(&buffer) {
        Some(date) => DateEdit::Set(Some(date)),
        None => DateEdit::Invalid(buffer),
    })
}

/// The scoring-set picker ("6 – Chế biến từ gạo, ngũ cốc"). Returns true if changed.
pub fn scoring_set_combo(
    ui: &mut egui::Ui,
    id_salt: &str,
    value: &mut u8,
    catalog: &Catalog,
    lang: Lang,
) -> bool {
    let label = ui.label(lang.t(text::FIELD_SET));
    scoring_set_picker(ui, id_salt, value, catalog, lang, label.id)
}

/// The scoring-set picker alone, labelled by `label_id` (for grids). True if changed.
pub fn scoring_set_picker(
    ui: &mut egui::Ui,
    id_salt: &str,
    value: &mut u8,
    catalog: &Catalog,
    lang: Lang,
    label_id: egui::Id,
) -> bool {
    let before = *value;
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(set_label(*value, catalog, lang))
        .width(320.0)
        .show_ui(ui, |ui| {
            for number in 1..=26u8 {
                ui.selectable_value(value, number, set_label(number, catalog, lang));
            }
        })
        .response
        .labelled_by(label_id);
    before != *value
}

/// "6 – name" for a scoring set, from the criteria data when available.
pub fn set_label(number: u8, catalog: &Catalog, lang: Lang) -> String {
    match catalog.set_name(number) {
        Some((vi, en)) => format!("{number} – {}", lang.pick(vi, en)),
        None => format!("{number}"),
    }
}

/// "★★★" for a star count.
pub fn stars(count: u8) -> String {
    "★".repeat(usize::from(count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_in_vietnamese_order() {
        let expected = NaiveDate::from_ymd_opt(2026, 4, 30);
        for raw in [
            "30/04/2026",
            "30/4/2026",
            "30-04-2026",
            "2026-04-30",
            " 30.04.2026 ",
        ] {
            assert_eq!(parse_date(raw), expected, "{raw}");
        }
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_date("hôm qua"), None);
    }
}
