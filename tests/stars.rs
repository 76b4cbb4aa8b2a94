//! Star counts: only a certificate valid today makes an OCOP n-star product, on the
//! dashboard as in the portfolio; the synthetic workspace's stages agree with its dates.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use ocop_tracker::domain::agenda;
use ocop_tracker::domain::demo;
use ocop_tracker::domain::model::CertificateStanding;
use ocop_tracker::domain::stage::Stage;

#[test]
fn dashboard_counts_only_certificates_valid_today() {
    let catalog = common::catalog();
    let today = common::today();
    let workspace = demo::synthetic_workspace(2000, 1, &catalog, today);
    let stats = agenda::stats(&workspace, &catalog, today);
    // Counted here from the rule itself, not with the function the dashboard uses: the
    // latest certificate, issued on or before today, within 36 months of its issue (both
    // 26/2026 and 1048/2019 give 36 months), not revoked by today, on an application
    // neither revoked nor expired.
    let mut by_hand: std::collections::BTreeMap<u8, usize> = std::collections::BTreeMap::new();
    for product in workspace.products.values() {
        let Some(holder) = product
            .applications
            .iter()
            .rev()
            .find(|a| a.certificate.is_some())
        else {
            continue;
        };
        let Some(certificate) = holder.certificate.as_ref() else {
            continue;
        };
        let expiry = certificate
            .issued_on
            .checked_add_months(chrono::Months::new(36))
            .expect("a date");
        let revoked = holder.revocation.as_ref().is_some_and(|r| r.date <= today);
        let closed = product
            .current()
            .is_some_and(|a| matches!(a.stage, Stage::Revoked | Stage::Expired));
        if certificate.issued_on <= today && today <= expiry && !revoked && !closed {
            *by_hand.entry(certificate.star).or_default() += 1;
        }
    }
    assert!(
        by_hand.values().sum::<usize>() > 100,
        "the demo has starred products"
    );
    assert_eq!(stats.official_stars, by_hand, "stars per rank");
    let lapsed = workspace
        .products
        .values()
        .filter(|p| {
            p.current()
                .is_some_and(|a| matches!(a.stage, Stage::Revoked | Stage::Expired))
        })
        .count();
    assert!(lapsed > 100, "the demo has revoked and expired products");
    assert_eq!(
        stats.expired_certificates + stats.revoked_certificates,
        lapsed
    );
    for product in workspace.products.values() {
        let stage = product.current().map(|a| a.stage);
        if matches!(stage, Some(Stage::Revoked | Stage::Expired)) {
            assert_eq!(product.valid_star(today), None, "{}", product.id);
        }
    }
}

#[test]
fn demo_stages_agree_with_certificate_dates() {
    let catalog = common::catalog();
    let today = common::today();
    let workspace = demo::synthetic_workspace(2000, 1, &catalog, today);
    for product in workspace.products.values() {
        let Some(app) = product.current() else {
            continue;
        };
        let Some(cert) = app.certificate.as_ref() else {
            continue;
        };
        let expiry = app.certificate_expiry().expect("expiry");
        match app.stage {
            Stage::Expired => assert!(expiry < today, "{}: expires {expiry}", product.id),
            Stage::Recognised => assert!(expiry >= today, "{}: expired {expiry}", product.id),
            Stage::Revoked => {
                let revocation = app.revocation.as_ref().expect("revocation recorded");
                assert!(revocation.date <= today && revocation.date >= cert.issued_on);
                assert!(matches!(
                    product.certificate_standing(today),
                    Some((_, CertificateStanding::Revoked { .. }))
                ));
            }
            _ => {}
        }
    }
}
