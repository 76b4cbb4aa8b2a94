//! Small reusable widgets: labelled text fields that send one command when the edit
//! ends, date fields (dd/mm/yyyy), the scoring-set picker, star labels.

use chrono::{Datelike, NaiveDate};

use crate::domain::catalog::Catalog;

use super::text::{self, Lang};

/// Seconds after the last keystroke when typed text is committed although the field
/// still has focus (so a crash or a closed window loses at most this much typing).
pub const AUTOSAVE_SECONDS: f64 = 0.6;

/// A field's edit buffer, kept in egui memory while the field has focus.
#[derive(Debug, Clone, PartialEq)]
struct EditBuffer {
    text: String,
    /// UI time of the last change not committed yet; None when everything is committed.
    dirty_since: Option<f64>,
}

/// Where a field says, for this frame, that it holds typing not committed yet (read by the
/// status bar and the window's close). Widget state, kept where egui keeps a widget's own
/// (the field has no other way to the window); the model never goes through it.
pub fn pending_edit_id() -> egui::Id {
    egui::Id::unique("pending-edit")
}

/// The edit-buffer mechanism shared by the text and date fields: while the field has
/// focus, typing edits a buffer kept in egui memory. The buffer is returned (the caller
/// decides whether it is a change) when focus leaves, [`AUTOSAVE_SECONDS`] after the last
/// keystroke if `commit_while_typing` accepts it, and when the window is asked to close.
/// Otherwise `shown` is drawn.
fn buffered_edit(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    shown: &str,
    enabled: bool,
    commit_while_typing: impl Fn(&str) -> bool,
    edit: impl FnOnce(&mut String) -> egui::TextEdit<'_>,
) -> Option<String> {
    let label_response = ui.label(label);
    let id = ui.make_persistent_id(id_salt);
    let mut buffer: EditBuffer = ui
        .data(|d| d.get_temp::<EditBuffer>(id))
        .unwrap_or_else(|| EditBuffer {
            text: shown.to_owned(),
            dirty_since: None,
        });
    let response = ui
        .add_enabled(enabled, edit(&mut buffer.text).id(id))
        .labelled_by(label_response.id);
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<EditBuffer>(id));
        return Some(buffer.text);
    }
    if !response.has_focus() {
        ui.data_mut(|d| d.remove::<EditBuffer>(id));
        return None;
    }
    let (now, closing) = ui.input(|i| (i.time, i.viewport().close_requested()));
    if response.changed() {
        buffer.dirty_since = Some(now);
    }
    let mut commit = None;
    if let Some(since) = buffer.dirty_since {
        let waited = now - since;
        if closing || (waited >= AUTOSAVE_SECONDS && commit_while_typing(&buffer.text)) {
            buffer.dirty_since = None;
            commit = Some(buffer.text.clone());
        } else {
            ui.ctx()
                .data_mut(|d| d.insert_temp(pending_edit_id(), true));
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(
                    (AUTOSAVE_SECONDS - waited).max(0.0) + 0.01,
                ));
        }
    }
    ui.data_mut(|d| d.insert_temp(id, buffer));
    commit
}

/// Longer text than this (a pasted document, a corrupted file) is shown as a short
/// preview instead of an editable field: laying out a megabyte of text in a text field
/// takes hundreds of MB of memory. Real notes are a few hundred characters.
pub const MAX_EDITABLE_BYTES: usize = 20_000;

/// Characters of a too-long text shown in its preview.
const PREVIEW_CHARS: usize = 600;

/// A read-only preview of a text too long to edit here, saying so.
fn long_text_preview(ui: &mut egui::Ui, label: &str, value: &str, lang: super::text::Lang) {
    ui.label(label);
    let preview: String = value.chars().take(PREVIEW_CHARS).collect();
    ui.label(format!("{preview}…"));
    ui.colored_label(
        super::theme::warn(),
        format!(
            "{} ({} {})",
            lang.t(super::text::TEXT_TOO_LONG),
            value.chars().count(),
            lang.t(super::text::CHARACTERS)
        ),
    );
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
    lang: super::text::Lang,
) -> Option<String> {
    let shape = (multiline, f32::INFINITY);
    edit_text(ui, id_salt, label, value, enabled, shape, lang)
}

/// Like [`text_field`], on one line of a given width (for short values such as a score).
pub fn text_field_width(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    value: &str,
    enabled: bool,
    width: f32,
    lang: super::text::Lang,
) -> Option<String> {
    edit_text(ui, id_salt, label, value, enabled, (false, width), lang)
}

/// The field itself; `(multiline, width)` is its shape.
fn edit_text(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    value: &str,
    enabled: bool,
    (multiline, width): (bool, f32),
    lang: super::text::Lang,
) -> Option<String> {
    if value.len() > MAX_EDITABLE_BYTES {
        long_text_preview(ui, label, value, lang);
        return None;
    }
    buffered_edit(
        ui,
        id_salt,
        label,
        value,
        enabled,
        |_| true,
        |buffer| {
            let edit = if multiline {
                egui::TextEdit::multiline(buffer).desired_rows(2)
            } else {
                egui::TextEdit::singleline(buffer)
            };
            edit.desired_width(width)
        },
    )
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

/// A labelled date field (dd/mm/yyyy); returns an edit when focus leaves (or a complete
/// date a moment after typing stops). Text that is not a date is kept in the field and
/// marked, not cleared, until it is corrected.
pub fn date_field(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    value: Option<NaiveDate>,
    lang: Lang,
    enabled: bool,
) -> Option<DateEdit> {
    let invalid_id = ui.make_persistent_id((id_salt, "invalid"));
    let invalid: Option<String> = ui.data(|d| d.get_temp::<String>(invalid_id));
    let value_text = value.map(|d| lang.date(d)).unwrap_or_default();
    let shown = invalid.clone().unwrap_or_else(|| value_text.clone());
    let mut edit_result = None;
    ui.horizontal(|ui| {
        let buffer = buffered_edit(
            ui,
            id_salt,
            label,
            &shown,
            enabled,
            |typed| parse_date(typed).is_some_and(|d| (1900..=2200).contains(&d.year())),
            |buffer| {
                let edit = egui::TextEdit::singleline(buffer)
                    .hint_text(lang.t(text::DATE_HINT))
                    .desired_width(112.0);
                if invalid.is_some() {
                    edit.text_color(super::theme::error())
                } else {
                    edit
                }
            },
        );
        if invalid.is_some() {
            ui.colored_label(super::theme::error(), lang.t(text::INVALID_DATE));
        }
        edit_result = buffer;
    });
    let buffer = edit_result?;
    let trimmed = buffer.trim();
    if trimmed == shown.trim() {
        return None;
    }
    let edit = if trimmed.is_empty() {
        DateEdit::Set(None)
    } else {
        match parse_date(trimmed) {
            Some(date) => DateEdit::Set(Some(date)),
            None => DateEdit::Invalid(buffer.clone()),
        }
    };
    match &edit {
        DateEdit::Invalid(raw) => {
            ui.data_mut(|d| d.insert_temp(invalid_id, raw.clone()));
        }
        DateEdit::Set(_) => ui.data_mut(|d| d.remove::<String>(invalid_id)),
    }
    if edit == DateEdit::Set(value) {
        return None; // corrected back to the stored value: nothing to change
    }
    Some(edit)
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
            for number in crate::domain::criteria::SETS {
                // Picking with the keyboard (arrows, Enter) closes the list as a click does.
                if ui
                    .selectable_value(value, number, set_label(number, catalog, lang))
                    .clicked()
                {
                    ui.close();
                }
            }
        })
        .response
        .labelled_by(label_id);
    before != *value
}

/// "6 – name" for a scoring set, from the criteria data when available.
pub fn set_label(number: u8, catalog: &Catalog, lang: Lang) -> String {
    if number == crate::domain::criteria::NO_SET {
        return lang.t(text::XL_IMPORT_NOT_CHOSEN).to_owned();
    }
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
