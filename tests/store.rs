//! The products held packed in memory (`domain::store`): every product comes back as it
//! went in, a change is never lost or read stale, and a pass over every product keeps
//! none of them decoded.

use chrono::Days;
use ocop_tracker::domain::demo;
use ocop_tracker::domain::digest::Digest;
use ocop_tracker::domain::model::{Product, ProductId, WorkspaceKind};
use ocop_tracker::domain::store::{DigestOf, OPEN_LIMIT, Packed, Products};

use crate::common;

/// Heavy synthetic products (every criterion answered, history, attachments, notes) and
/// the demo's two real ones.
fn products(count: usize) -> Vec<Product> {
    let catalog = common::catalog();
    let mut all: Vec<Product> = demo::synthetic_workspace(count, 7, &catalog, common::today())
        .products
        .into_values()
        .collect();
    all.extend(demo::seed_workspace(&catalog).products.into_values());
    all
}

fn store_of(all: &[Product]) -> Products {
    all.iter().map(|p| (p.id.clone(), p.clone())).collect()
}

#[test]
fn every_product_comes_back_exactly_as_it_went_in() {
    let all = products(40);
    let store = store_of(&all);
    assert_eq!(store.len(), all.len());
    let (open, bytes) = store.footprint();
    assert_eq!(open, 0, "inserted products are packed");
    assert!(bytes > 0);
    for product in &all {
        assert_eq!(store.get(&product.id), Some(product), "{}", product.id);
        let packed = Packed::of(product).expect("finite");
        assert_eq!(packed.unpack().as_ref(), Some(product));
        assert!(packed.len() < serde_json::to_vec(product).expect("json").len());
    }
    let back: Vec<Product> = store.clone().into_values().collect();
    let mut expected = all.clone();
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(back, expected);
    assert_eq!(store, store_of(&all));
}

#[test]
fn a_pass_over_every_product_keeps_none_decoded_and_get_keeps_only_what_it_opened() {
    let all = products(30);
    let store = store_of(&all);
    let names: Vec<String> = store.values().map(|p| p.name.clone()).collect();
    assert_eq!(names.len(), all.len());
    assert_eq!(store.footprint().0, 0, "values() opened nothing");
    let ids: Vec<ProductId> = store.keys().take(5).cloned().collect();
    for id in &ids {
        assert!(store.get(id).is_some());
    }
    assert_eq!(store.footprint().0, 5);
}

#[test]
fn a_change_survives_settling_and_is_never_read_stale() {
    let all = products(OPEN_LIMIT + 20);
    let mut store = store_of(&all);
    let catalog = common::catalog();
    let of = DigestOf {
        catalog: &catalog,
        today: common::today(),
        side: WorkspaceKind::Commune,
    };
    let id = all[3].id.clone();
    assert_eq!(store.digest(&id, of).expect("digest").row.name, all[3].name);
    store.get_mut(&id).expect("product").name = "Tên mới".into();
    assert_eq!(store.get(&id).expect("product").name, "Tên mới");
    assert_eq!(
        store.digest(&id, of).expect("digest").row.name,
        "Tên mới",
        "a change drops the digest"
    );
    // Open more than the limit, then settle: the change is packed, not dropped.
    let every: Vec<ProductId> = store.keys().cloned().collect();
    for other in &every {
        assert!(store.get(other).is_some());
    }
    store.settle();
    assert_eq!(store.footprint().0, 0, "settled: nothing left open");
    assert_eq!(store.get(&id).expect("product").name, "Tên mới");
    let mut expected = all[3].clone();
    expected.name = "Tên mới".into();
    assert_eq!(store.remove(&id), Some(expected));
    assert!(!store.contains_key(&id));
}

#[test]
fn a_digest_of_another_day_is_computed_again_not_taken_from_the_cache() {
    let all = products(3);
    let mut store = store_of(&all);
    let catalog = common::catalog();
    let today = common::today();
    let of = |today| DigestOf {
        catalog: &catalog,
        today,
        side: WorkspaceKind::Commune,
    };
    let id = all[0].id.clone();
    let now = store.digest(&id, of(today)).expect("digest").into_owned();
    let later_day = today.checked_add_days(Days::new(400)).expect("date");
    let later = store
        .digest(&id, of(later_day))
        .expect("digest")
        .into_owned();
    assert_eq!(later, Digest::of(&all[0], of(later_day)));
    assert_eq!(now, Digest::of(&all[0], of(today)));
    store.refresh_digests(of(later_day));
    assert_eq!(
        store
            .digest(&id, of(later_day))
            .expect("digest")
            .into_owned(),
        later
    );
}

#[test]
fn a_product_json_cannot_hold_stays_decoded_and_whole() {
    let mut product = products(1).remove(0);
    let app = product.applications.last_mut().expect("an application");
    app.scores.official.average_score = Some(f32::NAN);
    assert!(Packed::of(&product).is_none());
    let mut store: Products = [(product.id.clone(), product.clone())]
        .into_iter()
        .collect();
    assert_eq!(store.footprint(), (1, 0), "kept open, not packed");
    for _ in 0..=OPEN_LIMIT {
        store.settle();
    }
    let back = store.get(&product.id).expect("product");
    let score = back
        .applications
        .last()
        .and_then(|a| a.scores.official.average_score);
    assert!(score.is_some_and(f32::is_nan));
    assert!(store.json_of(&product.id).is_none(), "never cached as JSON");
}

/// The portfolio's evidence flag (looked up by each attachment path's key in the digest)
/// counts exactly the files the check found missing or damaged, product by product.
#[test]
fn the_portfolio_flags_the_products_whose_evidence_the_check_found_broken() {
    use ocop_tracker::app::AppState;
    use ocop_tracker::text::Lang;
    let (_tmp, ws) = common::demo_copy();
    let mut state =
        AppState::open(&ws, common::catalog(), common::today(), Lang::Vi).expect("open");
    common::verified(&mut state);
    let flags = |state: &AppState| -> Vec<(String, usize)> {
        ocop_tracker::ui::portfolio::build_rows(state)
            .iter()
            .map(|r| (r.product.id.to_string(), r.evidence_problems))
            .collect()
    };
    assert!(
        flags(&state).iter().all(|(_, n)| *n == 0),
        "{:?}",
        flags(&state)
    );
    // Each product's attachment paths, as the files say.
    let paths: Vec<(String, Vec<String>)> = state
        .workspace()
        .products
        .iter()
        .map(|(id, p)| (id.to_string(), common::stored_paths(&p)))
        .collect();
    // Break two files of one product: one deleted, one changed.
    let mut distinct = paths
        .iter()
        .find(|(_, p)| p.len() >= 2)
        .map(|(_, p)| p.clone())
        .expect("a demo product with two attachments");
    distinct.sort();
    distinct.dedup();
    let broken = [distinct[0].clone(), distinct[1].clone()];
    let originals: Vec<Vec<u8>> = broken
        .iter()
        .map(|p| std::fs::read(ws.join(p)).expect("read"))
        .collect();
    std::fs::remove_file(ws.join(&broken[0])).expect("delete");
    std::fs::write(ws.join(&broken[1]), b"changed").expect("change");
    common::verified(&mut state);
    let flagged = flags(&state);
    assert!(flagged.iter().any(|(_, n)| *n > 0));
    for ((row_id, n), (id, own)) in flagged.iter().zip(&paths) {
        assert_eq!(row_id, id);
        let expected = own.iter().filter(|p| broken.contains(p)).count();
        assert_eq!(*n, expected, "{row_id}");
    }
    // Put back, checked again: the flags go (a later check's result replaces an
    // earlier one's, file by file).
    for (path, bytes) in broken.iter().zip(&originals) {
        std::fs::write(ws.join(path), bytes).expect("restore");
    }
    common::verified(&mut state);
    assert!(
        flags(&state).iter().all(|(_, n)| *n == 0),
        "{:?}",
        flags(&state)
    );
}

#[test]
fn packed_bytes_that_say_they_unpack_to_too_much_are_refused_before_unpacking() {
    let product = products(1).remove(0);
    let packed = Packed::of(&product).expect("finite");
    // The size prefix (4 bytes, little-endian) raised past the bound, the rest as it was.
    let mut bytes = packed.bytes().to_vec();
    let too_much = u32::try_from(ocop_tracker::domain::store::MAX_JSON_BYTES + 1).expect("u32");
    bytes[..4].copy_from_slice(&too_much.to_le_bytes());
    let lying = Packed::from_bytes(bytes.into_boxed_slice());
    assert!(lying.json().is_none());
    assert!(lying.unpack().is_none());
    // Too short to hold a size at all.
    assert!(Packed::from_bytes(Box::new([1, 2])).json().is_none());
    assert_eq!(packed.unpack().as_ref(), Some(&product));
    // A product larger than the bound is never packed (it could not be unpacked): it
    // stays decoded, whole.
    let mut huge = product.clone();
    huge.notes = "x".repeat(ocop_tracker::domain::store::MAX_JSON_BYTES);
    assert!(Packed::of(&huge).is_none());
    let mut store: Products = [(huge.id.clone(), huge.clone())].into_iter().collect();
    assert_eq!(store.footprint().0, 1, "kept open, not packed");
    for _ in 0..=OPEN_LIMIT {
        store.settle();
    }
    assert_eq!(store.get(&huge.id), Some(&huge));
}

#[test]
fn a_snapshot_reads_the_same_products_with_their_unsaved_changes() {
    let all = products(12);
    let mut store = store_of(&all);
    let id = all[3].id.clone();
    store.get_mut(&id).expect("product").notes = "changed, not packed yet".to_owned();
    let snapshot = store.snapshot();
    assert_eq!(snapshot.len(), store.len());
    let read: Vec<Product> = snapshot.values().map(|p| p.into_owned()).collect();
    let expected: Vec<Product> = store.values().map(|p| p.into_owned()).collect();
    assert_eq!(read, expected);
    assert_eq!(
        read.iter().find(|p| p.id == id).map(|p| p.notes.as_str()),
        Some("changed, not packed yet")
    );
    assert_eq!(
        snapshot.open_count(),
        1,
        "only the changed product is held open"
    );
}

#[test]
fn a_new_day_computes_every_digest_again_and_keeps_it() {
    use std::borrow::Cow;
    let all = products(20);
    let mut store = store_of(&all);
    let catalog = common::catalog();
    let of = |today| DigestOf {
        catalog: &catalog,
        today,
        side: WorkspaceKind::Commune,
    };
    let today = common::today();
    let later = today.checked_add_days(Days::new(200)).expect("date");
    store.refresh_digests(of(today));
    store.refresh_digests(of(later));
    for product in &all {
        let digest = store.digest(&product.id, of(later)).expect("digest");
        assert!(matches!(digest, Cow::Borrowed(_)), "kept: {}", product.id);
        assert_eq!(*digest, Digest::of(product, of(later)), "{}", product.id);
    }
    assert_eq!(store.footprint().0, 0, "nothing left open");
}

/// A file this window has just written into the store again (attached anew after it went
/// missing) is shown intact at once, not as the earlier check found it.
#[test]
fn a_file_attached_again_is_not_shown_as_the_last_check_found_it() {
    use ocop_tracker::app::AppState;
    use ocop_tracker::storage::evidence::EvidenceStatus;
    use ocop_tracker::text::Lang;
    let (_tmp, ws) = common::demo_copy();
    let mut state =
        AppState::open(&ws, common::catalog(), common::today(), Lang::Vi).expect("open");
    let (id, stored) = state
        .workspace()
        .products
        .iter()
        .find_map(|(id, p)| {
            common::stored_paths(&p)
                .first()
                .map(|s| (id.clone(), s.clone()))
        })
        .expect("a demo attachment");
    let bytes = std::fs::read(ws.join(&stored)).expect("read");
    std::fs::remove_file(ws.join(&stored)).expect("delete");
    common::verified(&mut state);
    assert_eq!(
        state.evidence_of(&id, &stored).0,
        Some(&EvidenceStatus::Missing)
    );
    std::fs::write(ws.join(&stored), bytes).expect("put back");
    state.record_fresh_evidence([stored.as_str()]);
    let (status, path) = state.evidence_of(&id, &stored);
    assert_eq!(status, Some(&EvidenceStatus::Ok));
    assert_eq!(path, Some(ws.join(&stored)));
}

/// The product screen's evaluation of a sheet is kept for the revision it was made in
/// (the same one handed out again) and made afresh after a change, equal to what the
/// scoring gives then.
#[test]
fn a_sheets_evaluation_is_kept_per_revision_and_follows_a_change() {
    use ocop_tracker::app::AppState;
    use ocop_tracker::command::{Command, Sheet};
    use ocop_tracker::domain::scoring::{self, Answer};
    use ocop_tracker::text::Lang;
    use std::sync::Arc;
    let (_tmp, ws) = common::demo_copy();
    let mut state =
        AppState::open(&ws, common::catalog(), common::today(), Lang::Vi).expect("open");
    let id = ProductId::parse("com-hong-quang").expect("id");
    let first = state
        .evaluation(&id, Sheet::SelfAssessment)
        .expect("evaluated");
    let again = state
        .evaluation(&id, Sheet::SelfAssessment)
        .expect("evaluated");
    assert!(Arc::ptr_eq(&first, &again), "kept within a revision");
    state
        .apply(&Command::SetAnswer {
            id: id.clone(),
            sheet: Sheet::SelfAssessment,
            criterion: "1.1".into(),
            answer: Some(Answer::NotMet),
        })
        .expect("answer");
    let after = state
        .evaluation(&id, Sheet::SelfAssessment)
        .expect("evaluated");
    assert!(!Arc::ptr_eq(&first, &after), "made afresh after a change");
    let product = state.workspace().products.get(&id).expect("product");
    let app = product.current().expect("application");
    let set = state
        .catalog()
        .scoring_set(&app.rule_version, product.scoring_set)
        .expect("set");
    assert_eq!(
        after.summary,
        scoring::evaluate(set, &app.scores.self_assessment)
    );
    assert_eq!(
        after.plan,
        scoring::way_to_next_star(set, &app.scores.self_assessment)
    );
    assert_ne!(first.summary, after.summary, "the answer changed the total");
}
