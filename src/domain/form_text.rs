//! The free-text fields of the forms (Appendix III of Decision 26/2026) kept on an
//! application: Form 02 Parts II and IV, the producer's and the commune's words on the
//! four Form 03 items, the Form 03 number, place and date, the Form 01 slip number.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A free-text field of the forms (Appendix III of Decision 26/2026), kept on the
/// application. `Producer*` fields are the producer's own words (Form 02, and its
/// statement on the four Form 03 items); `Commune*` fields are the commune's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FormText {
    /// Form 02 Part II: results of the production and business plan.
    BusinessResults,
    /// Form 02 Part IV: production and business plan.
    BusinessPlan,
    /// The producer's statement on the use of local raw materials (Form 03 II.1).
    ProducerRawMaterials,
    /// The producer's statement on the use of local labour (Form 03 II.2).
    ProducerLabour,
    /// The producer's statement on where the product idea came from (Form 03 II.3).
    ProducerIdeaOrigin,
    /// The producer's statement on local identity and know-how (Form 03 II.4).
    ProducerIdentity,
    /// The commune's assessment of the real use of local raw materials.
    CommuneRawMaterials,
    /// The commune's assessment of the real use of local labour.
    CommuneLabour,
    /// The commune's assessment of the idea's origin.
    CommuneIdeaOrigin,
    /// The commune's assessment of local identity.
    CommuneIdentity,
    /// Form 03 document number, e.g. "12/BC-UBND" (optional: the transcript has none).
    ReportNumber,
    /// Place on the Form 03 date line, e.g. "Lâm Bình".
    ReportPlace,
    /// The number part of the Form 01 receipt slip `…/PĐK-(tỉnh)-(xã)-(năm)`.
    RegistrationSlip,
}

impl FormText {
    /// Every field, in the order the product screen shows them.
    pub const ALL: [FormText; 13] = [
        FormText::BusinessResults,
        FormText::BusinessPlan,
        FormText::ProducerRawMaterials,
        FormText::ProducerLabour,
        FormText::ProducerIdeaOrigin,
        FormText::ProducerIdentity,
        FormText::CommuneRawMaterials,
        FormText::CommuneLabour,
        FormText::CommuneIdeaOrigin,
        FormText::CommuneIdentity,
        FormText::ReportNumber,
        FormText::ReportPlace,
        FormText::RegistrationSlip,
    ];

    /// The four Form 03 items: (producer's statement, commune's assessment).
    pub const FORM_03_ITEMS: [(FormText, FormText); 4] = [
        (
            FormText::ProducerRawMaterials,
            FormText::CommuneRawMaterials,
        ),
        (FormText::ProducerLabour, FormText::CommuneLabour),
        (FormText::ProducerIdeaOrigin, FormText::CommuneIdeaOrigin),
        (FormText::ProducerIdentity, FormText::CommuneIdentity),
    ];

    /// Whether the producer owns this text (a bundle from the producer may bring it in).
    pub fn is_producers(self) -> bool {
        matches!(
            self,
            FormText::BusinessResults
                | FormText::BusinessPlan
                | FormText::ProducerRawMaterials
                | FormText::ProducerLabour
                | FormText::ProducerIdeaOrigin
                | FormText::ProducerIdentity
        )
    }
}

/// The values of the [`FormText`] fields, and the Form 03 date.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FormTexts {
    /// Field → text; a field without an entry is empty.
    pub texts: BTreeMap<FormText, String>,
    /// Date on the Form 03 report (the date line stays dotted while empty).
    pub report_date: Option<NaiveDate>,
}

impl FormTexts {
    /// Whether nothing is filled in (then the field is left out of the file).
    pub fn is_empty(&self) -> bool {
        self.texts.values().all(String::is_empty) && self.report_date.is_none()
    }

    /// The text of `field` ("" when empty).
    pub fn get(&self, field: FormText) -> &str {
        self.texts.get(&field).map_or("", String::as_str)
    }

    /// Sets `field`; an empty value removes the entry, so the file stays small.
    pub fn set(&mut self, field: FormText, value: String) {
        if value.is_empty() {
            self.texts.remove(&field);
        } else {
            self.texts.insert(field, value);
        }
    }
}
