//! The open cache of a large workspace (issue 26): never the source of truth. A product
//! comes from it only while its file is the one that was cached; a stale, damaged or
//! foreign cache is ignored and written again.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use std::fs;
use std::path::Path;

use crate::common;
use ocop_tracker::domain::demo;
use ocop_tracker::domain::model::ProductId;
use ocop_tracker::storage::{self, LoadedWorkspace};

const COUNT: usize = 600;

/// A synthetic workspace just written: (its temp folder, the workspace, a cache folder).
fn written_workspace(seed: u64) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let catalog = common::catalog();
    let workspace = demo::synthetic_workspace(COUNT, seed, &catalog, common::today());
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("ws");
    storage::save_workspace(&dir, &workspace).expect("save");
    let cache = tmp.path().join("cache");
    (tmp, dir, cache)
}

/// [`written_workspace`], its files settled.
fn saved_workspace() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let written = written_workspace(3);
    settle();
    written
}

/// Lets the files just written settle: the cache never takes a file changed within the
/// last 3 s (a same-size rewrite within one tick of its time stamp would keep the
/// identity of what was read).
fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(3_300));
}

/// Gives every product file of `dir` the time stamp of now (changed "just now").
fn touch_products(dir: &std::path::Path) {
    let now = std::time::SystemTime::now();
    for entry in fs::read_dir(dir.join("products")).expect("products") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            fs::File::options()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_modified(now))
                .expect("touch");
        }
    }
}

/// What a load gives, cache or not: products, stamps, listing, problems.
fn assert_same(a: &LoadedWorkspace, b: &LoadedWorkspace) {
    assert_eq!(a.workspace, b.workspace);
    assert_eq!(a.stamps, b.stamps);
    assert_eq!(a.listing, b.listing);
    assert_eq!(format!("{:?}", a.problems), format!("{:?}", b.problems));
    assert_eq!(a.read_only, b.read_only);
}

fn cache_file(cache: &Path) -> std::path::PathBuf {
    let files: Vec<_> = fs::read_dir(cache)
        .expect("cache folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "one cache file: {files:?}");
    files.into_iter().next().expect("one")
}

#[test]
fn the_open_cache_gives_what_the_files_hold_and_follows_every_change() {
    let (_tmp, dir, cache) = saved_workspace();
    let plain = storage::load_workspace_using(&dir, None).expect("load");
    assert_eq!(plain.workspace.products.len(), COUNT);
    assert_eq!(plain.from_cache, 0);
    assert!(!cache.exists());

    // First open: parsed, and the cache written.
    let first = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert_eq!(first.from_cache, 0);
    assert_same(&first, &plain);
    let file = cache_file(&cache);
    let size = fs::metadata(&file).expect("cache").len();

    // Second open: every product from the cache, the same workspace.
    let second = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert_eq!(second.from_cache, COUNT);
    assert_same(&second, &plain);

    // A file changed by another program (a sync tool keeps the other PC's time): the
    // same length and the same modification time as before, other words.
    let id = plain.workspace.products.keys().nth(10).expect("id").clone();
    let path = storage::product_path(&dir, &id);
    let before = fs::metadata(&path).expect("meta");
    let text = fs::read(&path).expect("read");
    let at = String::from_utf8_lossy(&text)
        .find("phone: \"09")
        .expect("a phone number")
        + "phone: \"09".len();
    let mut changed = text.clone();
    let digit = changed.get_mut(at).expect("digit");
    *digit = if *digit == b'1' { b'2' } else { b'1' };
    assert_ne!(changed, text);
    fs::write(&path, &changed).expect("write");
    fs::File::options()
        .write(true)
        .open(&path)
        .expect("open")
        .set_modified(before.modified().expect("mtime"))
        .expect("set time");
    let after_sync = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    let fresh = storage::load_workspace_using(&dir, None).expect("load");
    assert_eq!(after_sync.from_cache, COUNT - 1, "the changed file is read");
    assert_same(&after_sync, &fresh);
    assert_ne!(
        after_sync.workspace.products.get(&id),
        plain.workspace.products.get(&id)
    );

    // A product saved through the app after a cached open: its stamp came from the
    // cache and still guards the file (no false "changed on disk").
    let mut product = after_sync.workspace.products.get(&id).expect("p").clone();
    product.notes.push_str(" Sửa sau khi mở từ bộ nhớ đệm.");
    let stamp = after_sync.stamps.get(&id).copied();
    let other = plain.workspace.products.keys().nth(20).expect("id").clone();
    let mut other_product = after_sync
        .workspace
        .products
        .get(&other)
        .expect("p")
        .clone();
    other_product.notes.push_str(" Cũng sửa.");
    storage::save_product_checked(&dir, &product, stamp, chrono::Local::now().naive_local())
        .expect("saved");
    storage::save_product_checked(
        &dir,
        &other_product,
        after_sync.stamps.get(&other).copied(),
        chrono::Local::now().naive_local(),
    )
    .expect("saved over the file the cache vouched for");
    let reread = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert_eq!(reread.workspace.products.get(&other), Some(&other_product));
    assert_eq!(reread.workspace.products.get(&id), Some(&product));

    // A new product, a removed one.
    let new_id = ProductId::parse("zz-san-pham-moi").expect("id");
    let mut new_product = product.clone();
    new_product.id = new_id.clone();
    storage::save_product(&dir, &new_product).expect("save");
    let gone = plain.workspace.products.keys().nth(30).expect("id").clone();
    fs::remove_file(storage::product_path(&dir, &gone)).expect("remove");
    let changed = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert_same(
        &changed,
        &storage::load_workspace_using(&dir, None).expect("load"),
    );
    assert!(changed.workspace.products.contains_key(&new_id));
    assert!(!changed.workspace.products.contains_key(&gone));
    assert!(size > 0);
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored_and_written_again() {
    let (tmp, dir, cache) = saved_workspace();
    let plain = storage::load_workspace_using(&dir, None).expect("load");
    storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    let file = cache_file(&cache);
    let good = fs::read(&file).expect("cache");

    // Cut short: ignored, the workspace is the files', the cache written again.
    fs::write(&file, good.get(..good.len() / 2).expect("half")).expect("cut");
    let cut = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert_eq!(cut.from_cache, 0);
    assert_same(&cut, &plain);
    assert_eq!(fs::read(&file).expect("cache").len(), good.len(), "rebuilt");
    let again = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert_eq!(again.from_cache, COUNT);

    // Bytes changed inside the products' part: those products are read from their
    // files, the rest still come from the cache, and the cache is written again.
    let mut flipped = good.clone();
    for at in (1000..good.len() / 2).step_by(good.len() / 7) {
        if let Some(byte) = flipped.get_mut(at) {
            *byte = b'#';
        }
    }
    fs::write(&file, &flipped).expect("flip");
    let damaged = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert!(damaged.from_cache < COUNT);
    assert!(damaged.from_cache > COUNT / 2);
    assert_same(&damaged, &plain);
    assert_ne!(fs::read(&file).expect("cache"), flipped, "rewritten");
    assert_eq!(
        storage::load_workspace_using(&dir, Some(&cache))
            .expect("load")
            .from_cache,
        COUNT
    );

    // Garbage of the right length.
    fs::write(&file, vec![0x42; good.len()]).expect("garbage");
    let garbage = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert_eq!(garbage.from_cache, 0);
    assert_same(&garbage, &plain);

    // Another workspace's cache under this one's name: never read (it names its folder).
    let copy = tmp.path().join("copy");
    common::copy_dir(&dir, &copy);
    let other_cache = tmp.path().join("other-cache");
    storage::load_workspace_using(&copy, Some(&other_cache)).expect("load");
    let mine = cache_file(&cache);
    fs::copy(cache_file(&other_cache), &mine).expect("swap");
    let foreign = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert_eq!(foreign.from_cache, 0);
    assert_same(&foreign, &plain);
}

#[test]
fn a_file_changed_within_seconds_is_not_cached_until_it_settles() {
    let (_tmp, dir, cache) = written_workspace(4);
    // Just written: read, and the cache written without them. (Stamped "just now" before
    // each read: on a busy machine writing the files alone can take longer than 3 s.)
    touch_products(&dir);
    let fresh = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert_eq!(fresh.workspace.products.len(), COUNT);
    touch_products(&dir);
    let again = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert_eq!(
        again.from_cache, 0,
        "files changed seconds ago are never cached"
    );
    settle();
    storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    let settled = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert_eq!(settled.from_cache, COUNT, "cached once they settled");
    assert_same(
        &settled,
        &storage::load_workspace_using(&dir, None).expect("load"),
    );
}

/// A score that is not a number (a hand-edited file) survives RON but not JSON: such a
/// product is read from its file every time, never changed by the cache.
#[test]
fn a_product_holding_a_nan_score_is_never_cached() {
    let (_tmp, dir, cache) = saved_workspace();
    let id = storage::load_workspace_using(&dir, None)
        .expect("load")
        .workspace
        .products
        .keys()
        .next()
        .expect("id")
        .clone();
    let path = storage::product_path(&dir, &id);
    let text = fs::read_to_string(&path).expect("read");
    let changed = text.replacen("average_score: None", "average_score: Some(NaN)", 1);
    assert_ne!(changed, text);
    fs::write(&path, changed).expect("write");
    settle();
    storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    let cached = storage::load_workspace_using(&dir, Some(&cache)).expect("load");
    assert_eq!(cached.from_cache, COUNT - 1);
    let score = cached.workspace.products[&id].applications[0]
        .scores
        .official
        .average_score;
    assert!(score.is_some_and(f32::is_nan), "{score:?}");
}

#[test]
fn a_small_workspace_makes_no_cache() {
    let (_tmp, ws) = common::demo_copy();
    let cache = ws.join("..").join("cache");
    let loaded = storage::load_workspace_using(&ws, Some(&cache)).expect("load");
    assert_eq!(loaded.workspace.products.len(), 2);
    assert!(!cache.exists());
}
