//! Product files read on every core, through the open cache where it still holds a file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::{ProductRead, read_product};
use crate::domain::digest::Digest;
use crate::domain::model::Product;
use crate::domain::store::{DigestOf, Packed};
use crate::storage::cache;

/// What a worker does with each product it read.
#[derive(Clone, Copy)]
pub(super) enum Keep<'a> {
    /// Packs it, with its digest against the rules when given.
    Packed(Option<DigestOf<'a>>),
    /// Keeps it decoded: for a caller that takes every product at once (the
    /// many-communes view renames and packs them itself).
    Decoded,
}

/// Packs the product a worker read (see `domain::store`), with its digest when the
/// caller gave the rules: the decoded product is dropped here, on the worker, so a load
/// never holds more than a chunk of decoded products. `packed`: the product packed when
/// the worker has it so (the open cache's bytes), else it is packed here. A product JSON
/// cannot hold exactly (a NaN score) stays decoded.
fn pack(read: &mut ProductRead, packed: Option<Packed>, digest_of: Option<DigestOf<'_>>) {
    let Some(product) = read.product.take() else {
        return;
    };
    read.digest = digest_of.map(|of| Digest::of(&product, of));
    let packed = packed.or_else(|| Packed::of(&product));
    match packed {
        Some(packed) => read.packed = Some((product.id.clone(), packed)),
        None => read.product = Some(shrunk(product)),
    }
}

fn shrunk(mut product: Product) -> Product {
    product.shrink_to_fit();
    product
}

/// [`read_product`], or the product as the open cache has it when the file is still the
/// one that was cached (a listed regular file only: anything else takes the full path).
fn read_or_cached(
    path: &Path,
    stem: &str,
    regular: bool,
    cached: Option<&cache::Reader>,
    keep: Keep<'_>,
    buffer: &mut Vec<u8>,
    spare: &mut String,
) -> ProductRead {
    if let Some(cached) = cached.filter(|_| regular)
        && let Ok(meta) = fs::symlink_metadata(path)
        && meta.is_file()
    {
        let identity = cache::Identity::of(&meta);
        if let Some((product, stamp, packed)) = cached.product(stem, &identity, buffer) {
            let mut read = ProductRead {
                stem: stem.to_owned(),
                product: Some(product),
                packed: None,
                digest: None,
                problems: Vec::new(),
                read_only: None,
                claimed_id: None,
                stamp: Some(stamp),
                seen: Some((meta.len(), meta.modified().ok())),
                identity: Some(identity),
                cached: true,
            };
            match keep {
                Keep::Packed(digest_of) => pack(&mut read, Some(packed), digest_of),
                Keep::Decoded => read.product = read.product.take().map(shrunk),
            }
            return read;
        }
    }
    let mut read = read_product(path, stem.to_owned(), regular, buffer, spare);
    match keep {
        Keep::Packed(digest_of) => pack(&mut read, None, digest_of),
        Keep::Decoded => read.product = read.product.take().map(shrunk),
    }
    read
}

/// Files each worker takes at a time from the shared queue.
const LOAD_CHUNK: usize = 128;

/// Reads and parses product files on every core and hands each read to `consume` in
/// input order, while the workers go on parsing: workers take chunks of
/// [`LOAD_CHUNK`] files from a shared counter (no worker idles while another has a long
/// tail), and a chunk is consumed as soon as every chunk before it is, so the reads never
/// pile up beside the products (the peak memory of a load).
pub(super) fn read_products_parallel(
    files: &[(PathBuf, String, bool)],
    cached: Option<&cache::Reader>,
    keep: Keep<'_>,
    consume: &mut dyn FnMut(ProductRead),
) {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8);
    let read_part = |part: &[(PathBuf, String, bool)], buffer: &mut Vec<u8>, spare: &mut String| {
        part.iter()
            .map(|(path, stem, regular)| {
                read_or_cached(path, stem, *regular, cached, keep, buffer, spare)
            })
            .collect::<Vec<_>>()
    };
    // Two buffers per worker: no allocation per file, no heap holes between products.
    let buffers = || {
        (
            Vec::with_capacity(64 * 1024),
            String::with_capacity(64 * 1024),
        )
    };
    if workers == 1 || files.len() < 2 * LOAD_CHUNK {
        let (mut buffer, mut spare) = buffers();
        read_part(files, &mut buffer, &mut spare)
            .into_iter()
            .for_each(consume);
        return;
    }
    let chunks = files.len().div_ceil(LOAD_CHUNK);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, Vec<ProductRead>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                let (mut buffer, mut spare) = buffers();
                loop {
                    let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(part) =
                        files.get(k * LOAD_CHUNK..files.len().min((k + 1) * LOAD_CHUNK))
                    else {
                        break;
                    };
                    if k >= chunks
                        || sender
                            .send((k, read_part(part, &mut buffer, &mut spare)))
                            .is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // Parsing returns errors, so a worker cannot panic; if one did, `scope` would pass
        // the panic on rather than load a workspace with products silently missing.
        let mut waiting: BTreeMap<usize, Vec<ProductRead>> = BTreeMap::new();
        let mut due = 0;
        for (k, reads) in receiver {
            waiting.insert(k, reads);
            while let Some(reads) = waiting.remove(&due) {
                reads.into_iter().for_each(&mut *consume);
                due += 1;
            }
        }
    });
}
