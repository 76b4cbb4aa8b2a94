//! An evidence file on the dossier's pages: how it prints (decided from its bytes in the
//! first pass) and where a PDF page goes in the evidence area.

use std::sync::Arc;

use krilla::geom::{Size, Transform};
use krilla::pdf::{Pdf, PdfDocument};
use krilla::surface::Surface;

use super::images::{complete_image, exif_orientation, image_size};
use super::{EVIDENCE_MARGIN, FOOTER_BAND, Loaded, MAX_IMAGE_PIXELS, Plan, PrintWords};
use crate::documents::pdf::{PAGE_H, PAGE_W};
use crate::domain::dossier::Attachment;
use crate::domain::print::{FileKind, file_kind};

/// How a file prints: its kind by name, checked by its bytes (first pass).
pub(super) fn plan_file(attachment: &Attachment, loaded: Loaded, words: &PrintWords) -> Plan {
    let bytes = match loaded {
        Loaded::Bytes(bytes) => bytes,
        Loaded::Problem(reason) => return Plan::Problem(reason),
    };
    match file_kind(&attachment.file_name) {
        FileKind::Other => Plan::NotPrintable,
        FileKind::Pdf => match Pdf::new(bytes) {
            Ok(pdf) if !pdf.pages().is_empty() => Plan::Pdf(pdf.pages().len()),
            Err(hayro_syntax::LoadPdfError::Decryption(_)) => {
                Plan::Problem(words.encrypted.clone())
            }
            // No page, or not readable.
            Ok(_) | Err(_) => Plan::Problem(words.damaged_pdf.clone()),
        },
        kind @ (FileKind::Jpeg | FileKind::Png) => {
            let png = kind == FileKind::Png;
            let Some((width, height)) = image_size(&bytes) else {
                return Plan::Problem(words.damaged_image.clone());
            };
            if u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS {
                return Plan::Problem(words.too_large_image.clone());
            }
            if !complete_image(&bytes, png) {
                return Plan::Problem(words.damaged_image.clone());
            }
            Plan::Image {
                png,
                orientation: if png { 1 } else { exif_orientation(&bytes) },
            }
        }
    }
}

/// The evidence area: the page less a small margin and the footer band.
fn evidence_area() -> (f32, f32, f32, f32) {
    (
        EVIDENCE_MARGIN,
        EVIDENCE_MARGIN,
        PAGE_W - 2.0 * EVIDENCE_MARGIN,
        PAGE_H - 2.0 * EVIDENCE_MARGIN - FOOTER_BAND,
    )
}

/// Where a `w` × `h` box goes in the evidence area: scaled to fit (never enlarged past
/// the area, kept whole), centred. (x, y, scale).
pub(super) fn fit(w: f32, h: f32) -> (f32, f32, f32) {
    let (ax, ay, aw, ah) = evidence_area();
    let scale = (aw / w).min(ah / h);
    (
        ax + (aw - w * scale) / 2.0,
        ay + (ah - h * scale) / 2.0,
        scale,
    )
}

/// One page of an embedded PDF, scaled into the evidence area (its rotation and size as
/// the PDF gives them).
pub(super) fn place_pdf_page(surface: &mut Surface<'_>, pdf: &Arc<Pdf>, index: usize) {
    let Some((w, h)) = pdf.pages().get(index).map(|p| p.render_dimensions()) else {
        return;
    };
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let (x, y, scale) = fit(w, h);
    let Some(size) = Size::from_wh(w * scale, h * scale) else {
        return;
    };
    let document = PdfDocument::new(Arc::clone(pdf));
    surface.push_transform(&Transform::from_translate(x, y));
    surface.draw_pdf_page(&document, size, index);
    surface.pop();
}
