//! The dossier's page geometry: evidence inside its area, contents paginated by height.
use super::evidence::fit;
use super::lines::{CONTENTS_BOTTOM, CONTENTS_TEXT_W, CONTENTS_TOP};
use super::*;
use crate::documents::pdf::wrap;

#[test]
fn contents_pages_hold_what_fits_by_height() {
    let regular = Face::new(dejavu_sans()).expect("font");
    let long = "Hồ sơ, thủ tục môi trường; ảnh, mô tả công nghệ bền vững, hợp đồng, \
                hóa đơn, xác nhận vùng nguyên liệu và các giấy tờ khác có liên quan";
    let documents: Vec<PrintedDocument> = (0..70)
        .map(|i| PrintedDocument {
            key: format!("k{i}"),
            name_vi: if i % 2 == 0 {
                long.to_owned()
            } else {
                format!("Tài liệu {i}")
            },
            name_en: String::new(),
            provider: crate::domain::dossier::Provider::Producer,
            status: crate::domain::dossier::DocStatus::Ready,
            included: false,
            attachments: Vec::new(),
            typeset: false,
        })
        .collect();
    let words = crate::text::print_words(crate::text::Lang::Vi);
    let job = PrintJob {
        product: "P".into(),
        cover: Vec::new(),
        documents: &documents,
        words: &words,
        odd_pages: false,
        forms: &[],
    };
    let pages = contents_layout(&job, &regular);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let names = super::lines::contents_names(&job);
    assert_eq!(
        names.len(),
        documents.len() + 1,
        "the documents, then the file index"
    );
    let mut next = 0;
    for range in &pages {
        assert_eq!(range.start, next, "no entry lost or repeated");
        next = range.end;
        let used: f32 = names[range.clone()]
            .iter()
            .map(|name| wrap(&regular, &nfc(name), 10.5, CONTENTS_TEXT_W).len() as f32 * 14.0 + 4.0)
            .sum();
        assert!(
            CONTENTS_TOP + used <= CONTENTS_BOTTOM + 0.01,
            "{range:?}: {used}"
        );
    }
    assert_eq!(next, names.len());
}

#[test]
fn a_page_fits_the_evidence_area_and_never_covers_the_footer() {
    for (w, h) in [
        (595.0, 842.0),
        (842.0, 595.0),
        (2000.0, 100.0),
        (100.0, 3000.0),
    ] {
        let (x, y, scale) = fit(w, h);
        assert!(x >= EVIDENCE_MARGIN - 0.01 && y >= EVIDENCE_MARGIN - 0.01);
        assert!(x + w * scale <= PAGE_W - EVIDENCE_MARGIN + 0.01);
        assert!(y + h * scale <= PAGE_H - EVIDENCE_MARGIN - FOOTER_BAND + 0.01);
    }
}
