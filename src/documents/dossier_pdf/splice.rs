//! The JPEG scans of a dossier are not held in memory while the PDF is built. krilla
//! assembles the whole document in memory (every page's streams as chunks, then one
//! buffer), so 200 MB of scans would take twice that. Instead each JPEG goes into the
//! document as a *placeholder*: its own header (start, every segment up to the start of
//! the scan data, so krilla reads the same size, colours and ICC profile) with a marked
//! comment and no scan data. The skeleton krilla writes is a few megabytes; writing it
//! out, each placeholder is replaced by the whole file, read from disk while it is
//! copied, its stream's `/Length` set to the file's size and every offset after it in
//! the cross-reference table moved by the difference. The file's bytes are embedded as
//! they are (DCTDecode), exactly as krilla would have embedded them.
//!
//! Pure: bytes in, bytes out through a writer; where the files' bytes come from is the
//! caller's `fill`.

use std::io::{self, Write};
use std::ops::Range;

/// The comment that marks a placeholder: `OCOP-SPLICE:<n>;` (n the placeholder's number).
const MARK: &[u8] = b"OCOP-SPLICE:";

/// A placeholder for the JPEG `jpeg` (number `n`): its start-of-image, a comment marking
/// it, its segments up to and including the start-of-scan header, then end-of-image.
/// None when the bytes are not a JPEG that can be read that far.
pub fn placeholder(jpeg: &[u8], n: usize) -> Option<Vec<u8>> {
    if jpeg.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let text = format!("{}{n};", String::from_utf8_lossy(MARK));
    let comment_len = u16::try_from(text.len() + 2).ok()?;
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xFE];
    out.extend(comment_len.to_be_bytes());
    out.extend(text.as_bytes());
    // Walk the segments: FF xx, then a two-byte length (markers without one are skipped).
    let mut at = 2usize;
    loop {
        let marker = *jpeg.get(at + 1)?;
        if *jpeg.get(at)? != 0xFF {
            return None;
        }
        if marker == 0xFF {
            at += 1; // fill byte
            continue;
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.extend(jpeg.get(at..at + 2)?);
            at += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([*jpeg.get(at + 2)?, *jpeg.get(at + 3)?]));
        let end = at + 2 + len;
        out.extend(jpeg.get(at..end)?);
        at = end;
        if marker == 0xDA {
            // Start of scan: the header is all krilla reads.
            out.extend([0xFF, 0xD9]);
            return Some(out);
        }
        if marker == 0xD9 {
            return None;
        }
    }
}

/// Where a placeholder sits in the skeleton: its stream's data and the digits of its
/// `/Length`, and the size of the file that replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    /// The placeholder's number (which file fills it).
    pub n: usize,
    length_digits: Range<usize>,
    data: Range<usize>,
    /// The file's size in bytes.
    pub real_len: u64,
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn rfind(haystack: &[u8], needle: &[u8], before: usize) -> Option<usize> {
    haystack
        .get(..before)?
        .windows(needle.len())
        .rposition(|w| w == needle)
}

/// Finds each placeholder (number, its bytes, the file's size) in the skeleton `pdf`.
/// An error says which one could not be found as expected (a defect, never user data).
pub fn locate(pdf: &[u8], expected: &[(usize, Vec<u8>, u64)]) -> Result<Vec<Splice>, String> {
    let mut out = Vec::with_capacity(expected.len());
    let mut from = 0usize;
    for (n, bytes, real_len) in expected {
        let start = find(pdf, bytes, from).ok_or(format!("placeholder {n} not in the PDF"))?;
        let end = start + bytes.len();
        // "/Length <digits>" of this stream: in its dictionary, just before "stream".
        let keyword = rfind(pdf, b"stream", start).ok_or(format!("placeholder {n}: no stream"))?;
        let previous_end = rfind(pdf, b"endobj", keyword).unwrap_or(0);
        let length_at = rfind(pdf, b"/Length ", keyword)
            .filter(|&at| at > previous_end)
            .ok_or(format!("placeholder {n}: no /Length"))?
            + b"/Length ".len();
        let digits_end = pdf
            .get(length_at..)
            .and_then(|rest| rest.iter().position(|b| !b.is_ascii_digit()))
            .map(|p| p + length_at)
            .ok_or(format!("placeholder {n}: bad /Length"))?;
        let declared: usize =
            std::str::from_utf8(pdf.get(length_at..digits_end).unwrap_or_default())
                .ok()
                .and_then(|d| d.parse().ok())
                .ok_or(format!("placeholder {n}: bad /Length"))?;
        if declared != bytes.len() {
            return Err(format!(
                "placeholder {n}: /Length {declared}, {} bytes",
                bytes.len()
            ));
        }
        out.push(Splice {
            n: *n,
            length_digits: length_at..digits_end,
            data: start..end,
            real_len: *real_len,
        });
        from = end;
    }
    Ok(out)
}

/// How far the bytes at `offset` move once every splice before it is made.
fn shift(splices: &[Splice], offset: usize) -> i128 {
    splices
        .iter()
        .filter(|s| s.data.end <= offset)
        .map(|s| {
            let digits = s.real_len.to_string().len() as i128 - s.length_digits.len() as i128;
            i128::from(s.real_len) - s.data.len() as i128 + digits
        })
        .sum()
}

fn moved(offset: usize, by: i128) -> io::Result<u64> {
    u64::try_from(offset as i128 + by).map_err(|_| io::Error::other("offset out of range"))
}

/// Writes the skeleton `pdf` with every splice made: `fill(n, out)` writes file `n`'s
/// bytes and returns how many it wrote (it must be the `real_len` located: a file that
/// changed since is an error, and nothing is said to be written). The cross-reference
/// table and `startxref` are rewritten for the new offsets.
pub fn write(
    pdf: &[u8],
    splices: &[Splice],
    out: &mut dyn Write,
    fill: &mut dyn FnMut(usize, &mut dyn Write) -> io::Result<u64>,
) -> io::Result<()> {
    let bad = |what: &str| io::Error::other(format!("the PDF skeleton has no {what}"));
    let startxref = rfind(pdf, b"startxref", pdf.len()).ok_or_else(|| bad("startxref"))?;
    let xref: usize = pdf
        .get(startxref + b"startxref".len()..)
        .and_then(|rest| std::str::from_utf8(rest).ok())
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| bad("xref offset"))?;
    let trailer = find(pdf, b"trailer", xref).ok_or_else(|| bad("trailer"))?;
    // The objects, with the splices made.
    let mut at = 0usize;
    for splice in splices {
        out.write_all(pdf.get(at..splice.length_digits.start).unwrap_or_default())?;
        out.write_all(splice.real_len.to_string().as_bytes())?;
        out.write_all(
            pdf.get(splice.length_digits.end..splice.data.start)
                .unwrap_or_default(),
        )?;
        let written = fill(splice.n, out)?;
        if written != splice.real_len {
            return Err(io::Error::other(format!(
                "an evidence file changed while the dossier was written ({written} bytes, {} expected)",
                splice.real_len
            )));
        }
        at = splice.data.end;
    }
    out.write_all(pdf.get(at..xref).unwrap_or_default())?;
    // The cross-reference table: "xref", subsection headers, then entries of 20 bytes
    // ("0000012345 00000 n" and a two-byte end of line); in-use offsets move.
    let table = pdf.get(xref..trailer).ok_or_else(|| bad("xref table"))?;
    let text = std::str::from_utf8(table).map_err(|_| bad("text xref table"))?;
    let mut rewritten = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            [offset, generation, "n"] if offset.len() == 10 => {
                let old: usize = offset.parse().map_err(|_| bad("xref entry"))?;
                let new = moved(old, shift(splices, old))?;
                let ending = &line[line.trim_end().len()..];
                rewritten.push_str(&format!("{new:010} {generation} n{ending}"));
            }
            _ => rewritten.push_str(line),
        }
    }
    out.write_all(rewritten.as_bytes())?;
    out.write_all(pdf.get(trailer..startxref).unwrap_or_default())?;
    let total = shift(splices, pdf.len());
    out.write_all(format!("startxref\n{}\n%%EOF\n", moved(xref, total)?).as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny JPEG's header: SOI, APP0, DQT, SOF0, DHT, SOS, one byte of data, EOI.
    fn jpeg() -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        j.extend([0xFF, 0xE0, 0x00, 0x10]);
        j.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        j.extend([0xFF, 0xDB, 0x00, 0x04, 0x00, 0x01]);
        j.extend([
            0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x10, 0x00, 0x20, 0x01, 0x01, 0x11, 0x00,
        ]);
        j.extend([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        j.extend([0x12, 0x34, 0x56]);
        j.extend([0xFF, 0xD9]);
        j
    }

    #[test]
    fn a_placeholder_keeps_the_header_and_drops_the_scan() {
        let real = jpeg();
        let p = placeholder(&real, 7).expect("placeholder");
        assert!(p.starts_with(&[0xFF, 0xD8, 0xFF, 0xFE]));
        assert!(find(&p, b"OCOP-SPLICE:7;", 0).is_some());
        assert!(p.ends_with(&[
            0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0xFF, 0xD9
        ]));
        assert!(find(&p, &[0x12, 0x34, 0x56], 0).is_none(), "no scan data");
        assert_eq!(placeholder(b"not a jpeg", 1), None);
        assert_eq!(placeholder(&real[..20], 1), None, "cut short");
    }

    #[test]
    fn splicing_moves_every_later_offset() {
        // A made-up PDF: object 1 a stream holding placeholder 0, object 2 after it.
        let p = placeholder(&jpeg(), 0).expect("placeholder");
        let mut pdf = b"%PDF-2.0\n".to_vec();
        let obj1 = pdf.len();
        pdf.extend(format!("1 0 obj\n<<\n  /Length {}\n>>\nstream\n", p.len()).as_bytes());
        pdf.extend(&p);
        pdf.extend(b"\nendstream\nendobj\n");
        let obj2 = pdf.len();
        pdf.extend(b"2 0 obj\n(after)\nendobj\n");
        let xref = pdf.len();
        pdf.extend(
            format!("xref\n0 3\n0000000000 65535 f\r\n{obj1:010} 00000 n\r\n{obj2:010} 00000 n\r\ntrailer\n<< /Size 3 >>\nstartxref\n{xref}\n%%EOF\n")
                .as_bytes(),
        );
        let real = vec![0xAB_u8; 12_345];
        let splices = locate(&pdf, &[(0, p.clone(), real.len() as u64)]).expect("located");
        let mut out = Vec::new();
        write(&pdf, &splices, &mut out, &mut |n, w| {
            assert_eq!(n, 0);
            w.write_all(&real)?;
            Ok(real.len() as u64)
        })
        .expect("written");
        let text = String::from_utf8_lossy(&out).into_owned();
        assert!(text.contains("/Length 12345\n"), "{}", &text[..80]);
        // Object 2's new offset is in the table and points at "2 0 obj".
        let at = find(&out, b"2 0 obj", 0).expect("object 2");
        assert!(
            text.contains(&format!("{at:010} 00000 n\r\n")),
            "offset {at}"
        );
        let xref_at = find(&out, b"xref\n", 0).expect("xref");
        assert!(text.ends_with(&format!("startxref\n{xref_at}\n%%EOF\n")));
        // A file that changed since: an error.
        let mut sink = Vec::new();
        let changed = write(&pdf, &splices, &mut sink, &mut |_, w| {
            w.write_all(b"short")?;
            Ok(5)
        });
        assert!(changed.is_err());
    }
}
