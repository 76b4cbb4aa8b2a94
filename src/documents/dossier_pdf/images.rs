//! Photos and scans in the printed dossier: their size read from the header (nothing
//! decoded before a page is given to them), whether the file is whole, the EXIF
//! orientation, and placing one upright in the evidence area.

use krilla::geom::{Size, Transform};
use krilla::image::Image;
use krilla::surface::Surface;

use super::evidence::fit;

/// An image's pixel size from its header (nothing decoded): a PNG's IHDR read here, a
/// JPEG's frame header by the image crate.
pub(super) fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.get(12..16) == Some(b"IHDR") {
        let be = |at: usize| {
            bytes
                .get(at..at + 4)
                .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        };
        return Some((be(16)?, be(20)?));
    }
    image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()
}

/// Whether an image file is whole: a JPEG ends with its end-of-image marker, a PNG with
/// its IEND chunk (a cut-short download lacks them).
pub(super) fn complete_image(bytes: &[u8], png: bool) -> bool {
    if png {
        bytes.windows(4).rev().take(64).any(|w| w == b"IEND")
    } else {
        let trimmed = bytes
            .iter()
            .rposition(|b| *b != 0)
            .map_or(&[][..], |end| bytes.get(..=end).unwrap_or(&[]));
        trimmed.ends_with(&[0xFF, 0xD9])
    }
}

/// The EXIF orientation of a JPEG (1 when it has none): 3 upside down, 6 turned right,
/// 8 turned left (the mirrored ones, 2/4/5/7, are printed as their unmirrored turn).
pub(super) fn exif_orientation(bytes: &[u8]) -> u16 {
    exif_orientation_of(bytes).unwrap_or(1)
}

fn exif_orientation_of(bytes: &[u8]) -> Option<u16> {
    let mut at = 2usize; // after SOI
    while at + 4 <= bytes.len().min(256 * 1024) {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        let len = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        if marker == 0xE1 && bytes.get(at + 4..at + 10)? == b"Exif\0\0" {
            let tiff = bytes.get(at + 10..at + 2 + len)?;
            let little = tiff.get(..2)? == b"II";
            let u16_at = |o: usize| -> Option<u16> {
                let b = tiff.get(o..o + 2)?;
                Some(if little {
                    u16::from_le_bytes([b[0], b[1]])
                } else {
                    u16::from_be_bytes([b[0], b[1]])
                })
            };
            let u32_at = |o: usize| -> Option<u32> {
                let b = tiff.get(o..o + 4)?;
                Some(if little {
                    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
                } else {
                    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
                })
            };
            let ifd = usize::try_from(u32_at(4)?).ok()?;
            let count = usize::from(u16_at(ifd)?);
            for i in 0..count.min(64) {
                let entry = ifd + 2 + i * 12;
                if u16_at(entry)? == 0x0112 {
                    return u16_at(entry + 8);
                }
            }
            return None;
        }
        if marker == 0xDA {
            return None; // image data starts: no EXIF before it
        }
        at += 2 + len;
    }
    None
}

/// A photo or scan placed in the evidence area, turned upright by its EXIF orientation.
pub(super) fn place_image(surface: &mut Surface<'_>, image: Image, orientation: u16) {
    let (pw, ph) = image.size();
    let (pw, ph) = (pw as f32, ph as f32);
    if pw <= 0.0 || ph <= 0.0 {
        return;
    }
    let turned = matches!(orientation, 5..=8);
    let (w, h) = if turned { (ph, pw) } else { (pw, ph) };
    let (x, y, scale) = fit(w, h);
    let (dw, dh) = (pw * scale, ph * scale);
    let Some(size) = Size::from_wh(dw, dh) else {
        return;
    };
    // Rotate about the placed box's corner, then move the turned image into place.
    let transform = match orientation {
        3 | 4 => Transform::from_row(-1.0, 0.0, 0.0, -1.0, x + dw, y + dh),
        6 | 5 => Transform::from_row(0.0, 1.0, -1.0, 0.0, x + dh, y),
        8 | 7 => Transform::from_row(0.0, -1.0, 1.0, 0.0, x, y + dw),
        _ => Transform::from_translate(x, y),
    };
    surface.push_transform(&transform);
    surface.draw_image(image, size);
    surface.pop();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exif_orientation_is_read_and_a_cut_short_image_is_not_whole() {
        // SOI, APP1 "Exif" with a little-endian TIFF header and one IFD entry 0x0112 = 6.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
        let tiff: Vec<u8> = [
            b"II".as_slice(),
            &[0x2A, 0x00, 0x08, 0x00, 0x00, 0x00],
            &[0x01, 0x00],
            &[
                0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
            ],
            &[0, 0, 0, 0],
        ]
        .concat();
        let len = u16::try_from(2 + 6 + tiff.len()).unwrap_or(0);
        jpeg.extend(len.to_be_bytes());
        jpeg.extend(b"Exif\0\0");
        jpeg.extend(&tiff);
        jpeg.extend([0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9]);
        assert_eq!(exif_orientation(&jpeg), 6);
        assert!(complete_image(&jpeg, false));
        assert!(!complete_image(&jpeg[..jpeg.len() - 1], false));
        assert_eq!(exif_orientation(&[0xFF, 0xD8, 0xFF, 0xDA]), 1);
    }
}
