//! The products of a workspace in memory, compact while no screen needs them.
//!
//! A heavy product (every criterion answered, 20–40 history entries, attachments, notes)
//! takes about 20 KiB once decoded: 20,000 of them were 400 MiB. Here each product is
//! kept *packed* (its compact JSON, LZ4-compressed: about 3–4 KiB for the synthetic
//! products; real text compresses less) and decoded only when something asks for it:
//!
//! - [`Products::get`] decodes a product once and keeps the copy ("open") until
//!   [`Products::settle`] lets it go; a screen showing one product decodes it once.
//! - [`Products::values`] and [`Products::iter`] hand out each product without keeping
//!   it: a pass over every product (an export, a report) holds one at a time.
//! - [`Products::get_mut`] and [`Products::insert`] change a product: its packed bytes
//!   and its [`Digest`] are dropped at once, so nothing stale is ever read; `settle`
//!   packs it again later.
//! - What every frame needs of every product (the portfolio row, the agenda items, the
//!   dashboard's counts) is its [`Digest`], computed once per change and kept beside
//!   the packed bytes, so the screens never decode 20,000 products to draw.
//!
//! The packed form is the same compact JSON the open cache holds (`storage::cache`),
//! whose round trip the cache's tests prove; a product that JSON cannot hold exactly
//! (a NaN score) is simply never packed and stays decoded. Pure: no files.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use super::catalog::Catalog;
use super::digest::Digest;
use super::model::{Product, ProductId, WorkspaceKind};

/// A product handed out by a pass over every product: borrowed when it is open,
/// decoded for the caller (and dropped after) when it is packed.
pub type ProductRef<'a> = Cow<'a, Product>;

/// How many products may stay open before [`Products::settle`] packs them away.
pub const OPEN_LIMIT: usize = 64;

/// What LZ4 starts each product from (a dictionary): the JSON of a new, empty product
/// (every field name, the dossier's document keys) and the shapes of an attachment, a
/// history entry and an answer. Structure only, no text of any product: it spares each
/// product the first spelling of its field names, ~20 % of its packed size. Changing it
/// changes the packed bytes, which never leave the process except in the open cache,
/// which is of one build only.
const DICTIONARY: &str = r#"{"sha256":"","file_name":"","size_bytes":0,"stored_path":"evidence/","added_at":"","document_date":null,"valid_until":null}{"at":"","by":"","origin":"Edit","changes":["Created",{"Text":{"field":"Notes","from":"","to":""}},{"DocStatus":{"key":"","from":"Missing","to":"InProgress"}}]}{"Chosen":{"option":0}},"NotMet",{"Chosen":{"option":1}},{"Chosen":{"option":2}},{"id":"x","name":"","producer":{"name":"","kind":"Cooperative","legal_representative":"","phone":"","address":""},"commune":"","scoring_set":1,"product_code":"","description":"","notes":"","is_example":false,"applications":[{"kind":"FirstRating","rule_version":"26/2026/QĐ-TTg","year":2026,"stage":"Preparing","dates":{"received_by_commune":null,"forwarded_to_province":null,"provincial_result":null,"sent_to_ministry":null,"not_recognised_on":null},"certificate":null,"revocation":null,"dossier":[{"key":"form-01","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"form-02","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"business-registration","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"food-safety-certificate","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"raw-material-origin","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"environment-records","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"insured-workers","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"financial-statements","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"ip-documents","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"market-evidence","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"website-social","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"product-story","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"quality-declaration","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"test-report","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"traceability","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"qms-certificates","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"awards","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"product-samples","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"form-03","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"commune-request-letter","status":"Missing","note":"","issued_on":null,"valid_until":null},{"key":"five-star-dossier","status":"NotApplicable","note":"","issued_on":null,"valid_until":null},{"key":"rerating-updates","status":"NotApplicable","note":"","issued_on":null,"valid_until":null}],"scores":{"self_assessment":{"answers":{},"eliminations_hit":[],"notes":{},"needs_review":[],"stale_answers":[],"stale_eliminations":[]},"commune_view":{"answers":{},"eliminations_hit":[],"notes":{},"needs_review":[],"stale_answers":[],"stale_eliminations":[]},"official":{"average_score":null,"star":null,"date":null}},"notes":""}],"history":[]}"#;

/// The largest product JSON a packed product may unpack to: four times the largest
/// product file read (`storage::MAX_PRODUCT_FILE_BYTES`, 4 MiB; JSON is smaller than
/// RON, so this leaves room), far below what would exhaust memory.
pub const MAX_JSON_BYTES: usize = 16 * 1024 * 1024;

/// A product as LZ4-compressed compact JSON. Shared, never changed: a copy of the
/// products for another thread (`Products::snapshot`) copies no bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct Packed(Arc<[u8]>);

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Packed({} bytes)", self.0.len())
    }
}

impl Packed {
    /// Packs `product`; None when JSON cannot hold it exactly (a NaN or infinite score:
    /// JSON writes it as `null`, which would not read back) or it is larger than
    /// [`MAX_JSON_BYTES`] (it then stays decoded).
    pub fn of(product: &Product) -> Option<Packed> {
        if !product.all_finite() {
            return None;
        }
        serde_json::to_vec(product)
            .ok()
            .filter(|json| json.len() <= MAX_JSON_BYTES)
            .map(|json| Packed::from_json(&json))
    }

    /// Packs a product's compact JSON as it is (no second encoding). The caller has
    /// decoded the same bytes into a finite product; only [`Packed::of`] calls it.
    fn from_json(json: &[u8]) -> Packed {
        Packed(lz4_flex::block::compress_prepend_size_with_dict(json, DICTIONARY.as_bytes()).into())
    }

    /// Bytes `Packed::bytes` gave (the open cache's blob); the caller unpacks them once
    /// to check them before it keeps them.
    pub fn from_bytes(bytes: Box<[u8]>) -> Packed {
        Packed(bytes.into())
    }

    /// The packed bytes (what the open cache writes).
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// The compact JSON back; None for bytes that do not unpack, or that say they
    /// unpack to more than [`MAX_JSON_BYTES`] (bytes from outside this process, the open
    /// cache's, are checked before anything that size is allocated).
    pub fn json(&self) -> Option<Vec<u8>> {
        let said: [u8; 4] = self.0.get(..4)?.try_into().ok()?;
        let said = u32::from_le_bytes(said);
        if usize::try_from(said).map_or(true, |n| n > MAX_JSON_BYTES) {
            return None;
        }
        lz4_flex::block::decompress_size_prepended_with_dict(&self.0, DICTIONARY.as_bytes()).ok()
    }

    /// Size in memory, in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Never true for a packed product; for the `len` convention.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The product back.
    pub fn unpack(&self) -> Option<Product> {
        let json = self.json()?;
        serde_json::from_slice(&json).ok()
    }
}

/// One product: packed, open, or both (then they hold the same product).
#[derive(Debug, Default)]
struct Slot {
    /// None while the product changed since it was packed (then `open` holds it), or
    /// when it cannot be packed.
    packed: Option<Packed>,
    /// The decoded product, when something asked for it or it changed.
    open: OnceLock<Box<Product>>,
    /// What the screens need of it, computed once per change (see [`Digest`]).
    digest: OnceLock<Digest>,
}

impl Clone for Slot {
    fn clone(&self) -> Self {
        let open = OnceLock::new();
        if let Some(product) = self.open.get() {
            let _ = open.set(product.clone());
        }
        let digest = OnceLock::new();
        if let Some(d) = self.digest.get() {
            let _ = digest.set(d.clone());
        }
        Slot {
            packed: self.packed.clone(),
            open,
            digest,
        }
    }
}

impl Slot {
    fn packed(product: Product) -> Slot {
        match Packed::of(&product) {
            Some(packed) => Slot {
                packed: Some(packed),
                ..Slot::default()
            },
            None => Slot::open(product),
        }
    }

    fn open(product: Product) -> Slot {
        let open = OnceLock::new();
        let _ = open.set(Box::new(product));
        Slot {
            packed: None,
            open,
            digest: OnceLock::new(),
        }
    }

    /// The product, decoded for the caller when it is not open.
    fn product(&self) -> ProductRef<'_> {
        match self.open.get() {
            Some(product) => Cow::Borrowed(product),
            None => Cow::Owned(self.decode()),
        }
    }

    fn decode(&self) -> Product {
        unpack_ours(self.packed.as_ref())
    }

    fn into_product(self) -> Product {
        match self.open.into_inner() {
            Some(product) => *product,
            None => Slot {
                packed: self.packed,
                ..Slot::default()
            }
            .decode(),
        }
    }
}

/// The product in bytes this module packed. Every slot (and snapshot) holds an open
/// product or packed bytes this module wrote from a product that JSON holds exactly
/// (`Packed::of`, or bytes the caller decoded): failing here would mean memory was
/// corrupted, and no answer is right then.
fn unpack_ours(packed: Option<&Packed>) -> Product {
    #[expect(
        clippy::expect_used,
        reason = "bytes this module packed from a finite product always unpack"
    )]
    packed
        .and_then(Packed::unpack)
        .expect("a packed product unpacks")
}

/// What a [`Digest`] is computed against: the rules, today, and whose workspace it is.
#[derive(Clone, Copy)]
pub struct DigestOf<'a> {
    pub catalog: &'a Catalog,
    pub today: NaiveDate,
    pub side: WorkspaceKind,
}

/// Every product of a workspace by id, in id order (see the module's comment).
#[derive(Default)]
pub struct Products {
    slots: BTreeMap<ProductId, Slot>,
    /// How many slots were opened by [`Products::get`] since the last settle (an upper
    /// bound: what tells `settle` a pass is worth it).
    opened: AtomicUsize,
}

/// Every product of a [`Products`] for reading on another thread (the evidence check
/// gathers from it): packed ones share their bytes, nothing of the screens' is copied
/// (no digest, no id: 16 bytes a product).
#[derive(Debug, Clone)]
pub struct Snapshot(Vec<Held>);

#[derive(Debug, Clone)]
enum Held {
    Packed(Packed),
    Open(Box<Product>),
}

impl Snapshot {
    /// Every product, in id order, each decoded in turn (see [`Products::values`]).
    pub fn values(&self) -> impl Iterator<Item = ProductRef<'_>> {
        self.0.iter().map(|held| match held {
            Held::Open(product) => Cow::Borrowed(product.as_ref()),
            Held::Packed(packed) => Cow::Owned(unpack_ours(Some(packed))),
        })
    }

    /// How many products it holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many of them are held decoded (changed since packed, or not packable).
    pub fn open_count(&self) -> usize {
        self.0.iter().filter(|h| matches!(h, Held::Open(_))).count()
    }
}

impl Products {
    /// The products for reading on another thread, cheaply (see [`Snapshot`]).
    pub fn snapshot(&self) -> Snapshot {
        Snapshot(
            self.slots
                .values()
                .filter_map(|slot| match (&slot.packed, slot.open.get()) {
                    (Some(packed), _) => Some(Held::Packed(packed.clone())),
                    (None, Some(product)) => Some(Held::Open(product.clone())),
                    (None, None) => None,
                })
                .collect(),
        )
    }
}

impl Clone for Products {
    fn clone(&self) -> Self {
        Products {
            slots: self.slots.clone(),
            opened: AtomicUsize::new(self.opened.load(Ordering::Relaxed)),
        }
    }
}

impl std::fmt::Debug for Products {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl PartialEq for Products {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .slots
                .iter()
                .zip(other.slots.iter())
                .all(|((a_id, a), (b_id, b))| {
                    a_id == b_id
                        && (matches!((&a.packed, &b.packed), (Some(x), Some(y)) if x == y)
                            || a.product() == b.product())
                })
    }
}

impl Products {
    /// No products.
    pub fn new() -> Products {
        Products::default()
    }

    /// How many products.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Whether `id` is one of them.
    pub fn contains_key(&self, id: &ProductId) -> bool {
        self.slots.contains_key(id)
    }

    /// The ids, in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &ProductId> + ExactSizeIterator {
        self.slots.keys()
    }

    /// The product `id`, decoded once and kept open until [`Products::settle`].
    pub fn get(&self, id: &ProductId) -> Option<&Product> {
        let slot = self.slots.get(id)?;
        Some(slot.open.get_or_init(|| {
            self.opened.fetch_add(1, Ordering::Relaxed);
            Box::new(slot.decode())
        }))
    }

    /// The product `id` for one look, not kept open: decoded for the caller when it is
    /// packed (a pass over many products that should not leave them all open).
    pub fn peek(&self, id: &ProductId) -> Option<ProductRef<'_>> {
        self.slots.get(id).map(Slot::product)
    }

    /// The product `id` to change: its packed bytes and digest are dropped (they would be
    /// stale), and it stays open until `settle` packs it again.
    pub fn get_mut(&mut self, id: &ProductId) -> Option<&mut Product> {
        let slot = self.slots.get_mut(id)?;
        if slot.open.get().is_none() {
            let product = slot.decode();
            let _ = slot.open.set(Box::new(product));
            *self.opened.get_mut() += 1;
        }
        slot.packed = None;
        slot.digest = OnceLock::new();
        slot.open.get_mut().map(Box::as_mut)
    }

    /// Every product to change, in id order: each is opened and its packed bytes and
    /// digest dropped (see [`Products::get_mut`]); `settle` packs them again.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Product> {
        let opened = self.opened.get_mut();
        self.slots.values_mut().map(|slot| {
            if slot.open.get().is_none() {
                let product = slot.decode();
                let _ = slot.open.set(Box::new(product));
                *opened += 1;
            }
            slot.packed = None;
            slot.digest = OnceLock::new();
            slot.open
                .get_mut()
                .map_or_else(|| unreachable!("opened above"), Box::as_mut)
        })
    }

    /// Puts `product` in under `id` (replacing any), packed.
    pub fn insert(&mut self, id: ProductId, product: Product) {
        self.slots.insert(id, Slot::packed(product));
    }

    /// `products`, each packed with its digest against `of`, on every core (the
    /// many-communes view: its products come decoded, and the screens then decode none).
    pub fn digested(products: BTreeMap<ProductId, Product>, of: DigestOf<'_>) -> Products {
        let packed = on_every_core(products.into_iter().collect(), |(id, product)| {
            let digest = Digest::of(&product, of);
            let slot = Slot::packed(product);
            let _ = slot.digest.set(digest);
            (id, slot)
        });
        let mut out = Products::new();
        for (id, slot) in packed {
            if slot.open.get().is_some() {
                *out.opened.get_mut() += 1;
            }
            out.slots.insert(id, slot);
        }
        out
    }

    /// Puts in a product the caller packed already (the loader packs on every core),
    /// with its digest when it computed one.
    pub fn insert_packed(&mut self, id: ProductId, packed: Packed, digest: Option<Digest>) {
        let slot = Slot {
            packed: Some(packed),
            ..Slot::default()
        };
        if let Some(digest) = digest {
            let _ = slot.digest.set(digest);
        }
        self.slots.insert(id, slot);
    }

    /// Puts in a product the caller could not pack, open.
    pub fn insert_open(&mut self, id: ProductId, product: Product, digest: Option<Digest>) {
        let slot = Slot::open(product);
        if let Some(digest) = digest {
            let _ = slot.digest.set(digest);
        }
        *self.opened.get_mut() += 1;
        self.slots.insert(id, slot);
    }

    /// Takes the product `id` out.
    pub fn remove(&mut self, id: &ProductId) -> Option<Product> {
        self.slots.remove(id).map(Slot::into_product)
    }

    /// Every product in id order, each decoded for the caller when it is packed (one at a
    /// time: the pass holds no more than one decoded product).
    pub fn values(&self) -> impl DoubleEndedIterator<Item = ProductRef<'_>> {
        self.slots.values().map(Slot::product)
    }

    /// Every product with its id (see [`Products::values`]).
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&ProductId, ProductRef<'_>)> {
        self.slots.iter().map(|(id, slot)| (id, slot.product()))
    }

    /// Every product, decoded, taken out.
    pub fn into_values(self) -> impl Iterator<Item = Product> {
        self.slots.into_values().map(Slot::into_product)
    }

    /// The product `id` packed (for the open cache), without opening it; None for one
    /// JSON cannot hold exactly.
    pub fn packed_of(&self, id: &ProductId) -> Option<Packed> {
        let slot = self.slots.get(id)?;
        match (&slot.packed, slot.open.get()) {
            (Some(packed), _) => Some(packed.clone()),
            (None, Some(product)) => Packed::of(product),
            (None, None) => None,
        }
    }

    /// The product `id` as compact JSON, without opening it; None for one JSON cannot
    /// hold exactly.
    pub fn json_of(&self, id: &ProductId) -> Option<Vec<u8>> {
        let slot = self.slots.get(id)?;
        match (&slot.packed, slot.open.get()) {
            (Some(packed), _) => packed.json(),
            (None, Some(product)) if product.all_finite() => {
                serde_json::to_vec(product.as_ref()).ok()
            }
            (None, _) => None,
        }
    }

    /// The digest of `id` against `of`: kept from the last time when it was computed
    /// against the same `of` (the caller keeps `of.catalog` the same for a workspace),
    /// else computed now (and kept if none was).
    pub fn digest(&self, id: &ProductId, of: DigestOf<'_>) -> Option<Cow<'_, Digest>> {
        let slot = self.slots.get(id)?;
        Some(digest_of(slot, of))
    }

    /// The digest of every product (see [`Products::digest`]), in id order.
    pub fn digests<'a>(&'a self, of: DigestOf<'a>) -> impl Iterator<Item = Cow<'a, Digest>> {
        self.slots.values().map(move |slot| digest_of(slot, of))
    }

    /// Computes again, on every core, each digest not of `of` (a new day, a change of
    /// side: at 20,000 products one core takes about a second).
    pub fn refresh_digests(&mut self, of: DigestOf<'_>) {
        for slot in self.slots.values_mut() {
            if slot.digest.get().is_some_and(|d| !d.is_of(of)) {
                slot.digest = OnceLock::new();
            }
        }
        let stale: Vec<&Slot> = self
            .slots
            .values()
            .filter(|slot| slot.digest.get().is_none())
            .collect();
        on_every_core(stale, |slot| {
            slot.digest.get_or_init(|| Digest::of(&slot.product(), of));
        });
    }

    /// Packs away the products opened since the last settle once there are more than
    /// [`OPEN_LIMIT`]: an open product that did not change is dropped (its packed bytes
    /// are the same product), a changed one is packed first. Nothing is lost: a product
    /// that cannot be packed stays open.
    pub fn settle(&mut self) {
        if *self.opened.get_mut() <= OPEN_LIMIT {
            return;
        }
        let mut still_open = 0;
        for slot in self.slots.values_mut() {
            let Some(product) = slot.open.get() else {
                continue;
            };
            if slot.packed.is_none() {
                slot.packed = Packed::of(product);
            }
            if slot.packed.is_some() {
                slot.open = OnceLock::new();
            } else {
                still_open += 1;
            }
        }
        *self.opened.get_mut() = still_open;
    }

    /// How many products are open now, and the bytes of the packed ones (for the bench
    /// and the tests).
    pub fn footprint(&self) -> (usize, usize) {
        self.slots.values().fold((0, 0), |(open, bytes), slot| {
            (
                open + usize::from(slot.open.get().is_some()),
                bytes + slot.packed.as_ref().map_or(0, Packed::len),
            )
        })
    }
}

/// `work` done to every item, the items shared out among the cores (at most 8), the
/// results in the items' order. A panic inside is passed on.
fn on_every_core<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8);
    let chunk = items.len().div_ceil(workers).max(1);
    let mut parts: Vec<Vec<T>> = Vec::new();
    let mut items = items.into_iter();
    loop {
        let part: Vec<T> = items.by_ref().take(chunk).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(work).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

fn digest_of<'a>(slot: &'a Slot, of: DigestOf<'_>) -> Cow<'a, Digest> {
    if let Some(digest) = slot.digest.get() {
        if digest.is_of(of) {
            return Cow::Borrowed(digest);
        }
        return Cow::Owned(Digest::of(&slot.product(), of));
    }
    Cow::Borrowed(slot.digest.get_or_init(|| Digest::of(&slot.product(), of)))
}

impl std::ops::Index<&ProductId> for Products {
    type Output = Product;

    /// The product `id` (see [`Products::get`]); panics when there is none, as a map does.
    fn index(&self, id: &ProductId) -> &Product {
        match self.get(id) {
            Some(product) => product,
            None => panic!("no product {id}"),
        }
    }
}

impl FromIterator<(ProductId, Product)> for Products {
    fn from_iter<T: IntoIterator<Item = (ProductId, Product)>>(iter: T) -> Self {
        let mut products = Products::new();
        for (id, product) in iter {
            products.insert(id, product);
        }
        products
    }
}

impl<const N: usize> From<[(ProductId, Product); N]> for Products {
    fn from(items: [(ProductId, Product); N]) -> Self {
        items.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a Products {
    type Item = (&'a ProductId, ProductRef<'a>);
    type IntoIter = Box<dyn Iterator<Item = (&'a ProductId, ProductRef<'a>)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl IntoIterator for Products {
    type Item = (ProductId, Product);
    type IntoIter = Box<dyn Iterator<Item = (ProductId, Product)>>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(
            self.slots
                .into_iter()
                .map(|(id, slot)| (id, slot.into_product())),
        )
    }
}
