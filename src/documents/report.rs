//! The status report for the cooperative: one or two A4 pages that answer "where does
//! our product stand, what do we still lack, by when, and how do we reach the next
//! star?". Built from [`crate::domain::status`], so it says exactly what the Overview
//! tab says. Vietnamese by default (officers send it through Zalo), English on request.

use super::pdf::Block;
use super::{DocumentError, Input};
use crate::domain::dossier::{DocStatus, Validity};
use crate::domain::model::CertificateStanding;
use crate::domain::status::{self, ProductStatus};
use crate::text::{self, Lang};

fn stars(n: u8) -> String {
    "★".repeat(usize::from(n))
}

/// The first letter upper-case ("còn thiếu…" starting a line).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn doc_name(line: &status::DocumentLine<'_>, lang: Lang) -> String {
    line.item.map_or_else(
        || line.entry.key.clone(),
        |i| lang.pick(&i.name_vi, &i.name_en).to_owned(),
    )
}

/// The report's blocks (the PDF is drawn from them; tests read them too).
pub fn blocks(input: &Input, lang: Lang) -> Result<Vec<Block>, DocumentError> {
    let product = input.product;
    let status =
        status::product_status_for(product, input.catalog, input.today, input.workspace.kind)
            .ok_or(DocumentError::NoApplication)?;
    let t = |tr: text::Tr| lang.t(tr).to_owned();
    let mut out = vec![
        Block::Title(format!("{}: {}", t(text::R_TITLE), product.name)),
        Block::Subtitle(format!(
            "{} · {} {}",
            product.producer.name,
            t(text::R_AS_OF),
            lang.date(input.today)
        )),
        Block::Space,
    ];
    at_a_glance(&mut out, input, &status, lang);
    where_it_stands(&mut out, input, &status, lang);
    remarks(&mut out, input, &status, lang);
    dossier(&mut out, &status, lang);
    score(&mut out, &status, lang);
    next_star(&mut out, &status, lang);
    deadlines(&mut out, input, &status, lang);
    Ok(out)
}

/// The answer to "what do we still lack, by when?" in four or five large lines, before
/// the details: next step, its date, missing required documents (by who owes them), the
/// predicted star and the points to the next one.
fn at_a_glance(out: &mut Vec<Block>, input: &Input, status: &ProductStatus, lang: Lang) {
    let t = |tr: text::Tr| lang.t(tr).to_owned();
    if let Some(next) = status.next_stage {
        out.push(Block::Large {
            text: format!("{}: {}", t(text::R_NEXT_STEP), lang.t(text::step_to(next))),
            warn: false,
        });
    }
    if let Some(deadline) = &status.next_deadline {
        let days = (deadline.date - input.today).num_days();
        // The date, how far off, and what it is ("… · Tài liệu đã hết hiệu lực: Phiếu
        // kết quả kiểm nghiệm…"): a date alone does not say what to do.
        out.push(Block::Large {
            text: format!(
                "{}: {}",
                t(text::R_NEXT_DEADLINE),
                text::deadline_line(deadline, input.product, input.catalog, input.today, lang)
            ),
            warn: days <= 0,
        });
    }
    // Missing required documents: how many, by who owes them, and what the cooperative
    // must bring next by name ("Tài liệu bắt buộc còn thiếu: 4 (UBND xã 2) — Chủ thể cần
    // nộp (2): Mẫu 02; 05 mẫu sản phẩm"); the others' are named in the dossier section.
    let missing: Vec<_> = status.missing_required().collect();
    out.push(if missing.is_empty() {
        Block::Large {
            text: t(text::R_REQUIRED_COMPLETE),
            warn: false,
        }
    } else {
        let by_provider = status.missing_required_by_provider();
        let others: Vec<String> = by_provider
            .iter()
            .filter(|(p, _)| *p != crate::domain::dossier::Provider::Producer)
            .map(|(p, lines)| format!("{} {}", lang.t(text::provider_name(*p)), lines.len()))
            .collect();
        let producers = by_provider
            .iter()
            .find(|(p, _)| *p == crate::domain::dossier::Provider::Producer)
            .map(|(_, lines)| {
                let names: Vec<String> = lines.iter().take(3).map(|l| doc_name(l, lang)).collect();
                let more = lines.len().saturating_sub(names.len());
                format!(
                    " — {} ({}): {}{}",
                    t(text::R_PRODUCER_BRINGS),
                    lines.len(),
                    names.join("; "),
                    if more > 0 {
                        format!(" {}", text::and_more(more, lang))
                    } else {
                        String::new()
                    }
                )
            })
            .unwrap_or_default();
        Block::Large {
            text: format!(
                "{}: {}{}{producers}",
                t(text::R_REQUIRED_MISSING),
                missing.len(),
                if others.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", others.join(", "))
                }
            ),
            warn: true,
        }
    });
    let commune_remarks = crate::domain::remarks::of_side(
        &status.application.remarks,
        crate::domain::model::WorkspaceKind::Commune,
    )
    .count();
    if commune_remarks > 0 {
        out.push(Block::Large {
            text: format!(
                "{}: {commune_remarks} — {}",
                lang.t(text::REMARKS_OF_COMMUNE),
                t(text::R_SEE_REMARKS)
            ),
            warn: true,
        });
    }
    if let Some(summary) = &status.summary {
        let verdict = text::verdict(summary, lang);
        let gap = status
            .plan
            .as_ref()
            .filter(|plan| plan.points_gap > 0)
            .map(|plan| {
                format!(
                    " · {} {}: {}",
                    t(text::R_WAY_TO),
                    stars(plan.target_star),
                    text::points_short(plan.points_gap, lang)
                )
            })
            .unwrap_or_default();
        out.push(Block::Large {
            text: format!("{verdict} ({}/{}){gap}", summary.total, summary.max_total),
            warn: !status.blockers.is_empty(),
        });
    }
    out.push(Block::Space);
}

fn where_it_stands(out: &mut Vec<Block>, input: &Input, status: &ProductStatus, lang: Lang) {
    let t = |tr: text::Tr| lang.t(tr).to_owned();
    let product = input.product;
    out.push(Block::Heading(t(text::R_WHERE)));
    out.push(Block::Pair(
        t(text::R_PRODUCER),
        format!(
            "{} ({}){}",
            product.producer.name,
            lang.t(text::producer_kind_name(product.producer.kind)),
            if product.producer.phone.trim().is_empty() {
                String::new()
            } else {
                format!(" · {}", product.producer.phone.trim())
            }
        ),
    ));
    if let Some((number, name)) = input
        .catalog
        .set_name(product.scoring_set)
        .map(|(vi, en)| (product.scoring_set, lang.pick(vi, en)))
    {
        out.push(Block::Pair(t(text::FIELD_SET), format!("{number}. {name}")));
    }
    out.push(Block::Pair(
        t(text::R_APPLICATION),
        format!(
            "{} {}",
            lang.t(text::application_kind_name(status.application.kind)),
            status.application.year
        ),
    ));
    out.push(Block::Pair(
        t(text::R_STAGE),
        lang.t(text::stage_name(status.stage)).to_owned(),
    ));
    // The next step and the nearest deadline are the headline's first lines, in large
    // type: not said twice (the report keeps to two pages).
    if let Some((certificate, standing)) = &status.certificate {
        let state = match standing {
            CertificateStanding::Valid => t(text::R_CERT_VALID),
            CertificateStanding::Expired { .. } => t(text::R_CERT_EXPIRED),
            CertificateStanding::Revoked { .. } => t(text::R_CERT_REVOKED),
            CertificateStanding::NotYetIssued => t(text::R_CERT_NOT_YET),
        };
        out.push(Block::Pair(
            t(text::FIELD_CERTIFICATE),
            format!(
                "{} {} · {} · {state}",
                stars(certificate.star),
                certificate.number,
                lang.date(certificate.issued_on)
            ),
        ));
    }
    let notes = status.application.notes.trim();
    if !notes.is_empty() {
        out.push(Block::Pair(t(text::R_COMMUNE_NOTES), notes.to_owned()));
    }
}

/// Both sides' remarks: the commune's first (what the cooperative must answer), then
/// the producer's replies; each says what it is about, who wrote it and when.
fn remarks(out: &mut Vec<Block>, input: &Input, status: &ProductStatus, lang: Lang) {
    use crate::domain::model::WorkspaceKind;
    use crate::domain::remarks::RemarkAbout;
    let remarks = &status.application.remarks;
    for side in [WorkspaceKind::Commune, WorkspaceKind::Producer] {
        let of_side: Vec<_> = crate::domain::remarks::of_side(remarks, side).collect();
        if of_side.is_empty() {
            continue;
        }
        out.push(Block::Heading(text::remarks_of(side, lang).to_owned()));
        for remark in of_side {
            let about = match &remark.about {
                RemarkAbout::Product => lang.t(text::ABOUT_PRODUCT).to_owned(),
                RemarkAbout::Document(key) => {
                    text::document_name(input.catalog, input.product, key, lang)
                }
                RemarkAbout::Criterion(key) => {
                    format!("{} {key}", lang.t(text::ABOUT_CRITERION))
                }
            };
            let who = if remark.author.trim().is_empty() {
                String::new()
            } else {
                format!("{}, ", remark.author)
            };
            out.push(Block::Bullet {
                level: 0,
                text: format!(
                    "{about} ({who}{}): {}",
                    remark.at.format("%d/%m/%Y"),
                    remark.text
                ),
                warn: side == WorkspaceKind::Commune,
            });
        }
    }
}

fn dossier(out: &mut Vec<Block>, status: &ProductStatus, lang: Lang) {
    let t = |tr: text::Tr| lang.t(tr).to_owned();
    let ready = status.documents.iter().filter(|d| d.is_ready()).count();
    out.push(Block::Heading(format!(
        "{} ({ready}/{})",
        t(text::R_DOSSIER),
        status.documents.len()
    )));
    // The producer's missing required documents are named at the top; the commune's (and
    // the province's) here, before each document's line.
    for (provider, lines) in status.missing_required_by_provider() {
        if provider == crate::domain::dossier::Provider::Producer {
            continue;
        }
        let names: Vec<String> = lines.iter().map(|line| doc_name(line, lang)).collect();
        out.push(Block::Text(format!(
            "{} {} ({}): {}",
            lang.t(text::provider_name(provider)),
            t(text::R_TO_PROVIDE),
            names.len(),
            names.join("; ")
        )));
    }
    for line in &status.documents {
        let validity = line.validity.map_or(String::new(), |(date, validity)| {
            let word = match validity {
                Validity::Expired(_) => t(text::R_EXPIRED_ON),
                Validity::Expiring(_) => t(text::R_EXPIRES_ON),
                Validity::Valid => t(text::R_VALID_UNTIL),
            };
            format!(" · {word} {}", lang.date(date))
        });
        let requirement = lang.t(text::requirement_name(line.requirement));
        let status_word = if line.entry.status == DocStatus::Ready && !line.is_ready() {
            t(text::R_EXPIRED)
        } else {
            lang.t(text::doc_status_name(line.entry.status)).to_owned()
        };
        // What is still to do about a required document not ready (the officer's or
        // HTX's note: "Còn thiếu phần IV kế hoạch kinh doanh"); the optional ones' notes
        // stay on the Overview, so that the report keeps to two pages.
        let note = match line.entry.note.trim() {
            note if !note.is_empty()
                && !line.is_ready()
                && line.requirement != crate::domain::dossier::Requirement::Optional =>
            {
                format!(" — {note}")
            }
            _ => String::new(),
        };
        out.push(Block::Bullet {
            level: 0,
            text: format!(
                "{} {} ({requirement}) · {status_word}{validity}{note}",
                if line.is_ready() { "✓" } else { "✗" },
                doc_name(line, lang)
            ),
            warn: !line.is_ready()
                && line.requirement == crate::domain::dossier::Requirement::Required,
        });
    }
}

fn score(out: &mut Vec<Block>, status: &ProductStatus, lang: Lang) {
    let t = |tr: text::Tr| lang.t(tr).to_owned();
    let Some(summary) = &status.summary else {
        return;
    };
    out.push(Block::Heading(t(text::R_SCORE)));
    let parts: Vec<String> = summary
        .parts
        .iter()
        .map(|p| format!("{:?} {}/{}", p.part, p.points, p.max_points))
        .collect();
    out.push(Block::Strong(format!(
        "{} · {} {}/{}",
        parts.join(" · "),
        t(text::R_TOTAL),
        summary.total,
        summary.max_total
    )));
    let verdict = text::verdict(summary, lang);
    out.push(Block::Text(format!(
        "{verdict} · {} {}/{}",
        t(text::R_ANSWERED),
        summary.answered,
        summary.criteria_count
    )));
    for blocker in &status.blockers {
        out.push(Block::Bullet {
            level: 0,
            text: text::blocker_line(blocker, lang),
            warn: true,
        });
    }
}

fn next_star(out: &mut Vec<Block>, status: &ProductStatus, lang: Lang) {
    let t = |tr: text::Tr| lang.t(tr).to_owned();
    let Some(plan) = &status.plan else {
        return;
    };
    out.push(Block::Heading(format!(
        "{} {}",
        t(text::R_WAY_TO),
        stars(plan.target_star)
    )));
    if plan.points_gap > 0 {
        out.push(Block::Text(format!(
            "{} ({} {})",
            capitalised(&text::points_short(plan.points_gap, lang)),
            t(text::R_THRESHOLD),
            plan.threshold
        )));
    }
    for step in &status.star_steps {
        out.push(Block::Bullet {
            level: 0,
            text: format!(
                "{} {}: {} (+{})",
                step.criterion_key,
                lang.pick(step.criterion_name_vi, step.criterion_name_en),
                lang.pick(step.target_option_vi, step.target_option_en),
                step.points_gain
            ),
            warn: false,
        });
        for document in &step.documents {
            out.push(Block::Bullet {
                level: 1,
                text: format!(
                    "{}: {}",
                    t(text::R_PROOF),
                    lang.pick(&document.name_vi, &document.name_en)
                ),
                warn: false,
            });
        }
    }
    if !plan.reaches_target {
        out.push(Block::Text(t(text::R_TARGET_UNREACHABLE)));
    }
}

fn deadlines(out: &mut Vec<Block>, input: &Input, status: &ProductStatus, lang: Lang) {
    let t = |tr: text::Tr| lang.t(tr).to_owned();
    out.push(Block::Heading(t(text::R_DEADLINES)));
    if status.deadlines.is_empty() {
        out.push(Block::Text(t(text::R_NO_DEADLINES)));
    }
    for deadline in &status.deadlines {
        let document = deadline
            .document_key
            .as_deref()
            .and_then(|key| input.catalog.document_names(input.product, key))
            .map(|(vi, en)| format!(": {}", lang.pick(vi, en)))
            .unwrap_or_default();
        out.push(Block::Bullet {
            level: 0,
            text: format!(
                "{} ({}) · {}{document}",
                lang.date(deadline.date),
                text::relative_days((deadline.date - input.today).num_days(), lang),
                lang.t(text::deadline_name_on(
                    deadline.kind,
                    deadline.date,
                    input.today
                ))
            ),
            warn: deadline.date < input.today,
        });
    }
}
