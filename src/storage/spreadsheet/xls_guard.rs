//! An Excel 97–2003 (.xls) file checked before the reader parses it. The reader parses
//! every sheet when it opens the file, reserving room for the area each sheet's
//! DIMENSIONS record declares and then building a dense grid over the cells' bounding
//! box: a 5 KB file declaring 65,536 × 256 cells (or 4 billion rows: BIFF8 rows are 32-bit)
//! would take gigabytes before anything could be refused. So the compound file
//! ([MS-CFB]) is walked here to its "Workbook" stream, and its records ([MS-XLS]) are
//! scanned: the declared area and the cells' positions of every sheet are checked against
//! the import's limits. A file this walk cannot follow is left to the reader, which then
//! says it is damaged (its own reading of the container is bounded by the file's size).

use super::guard::Problem;
use super::read::column_name;
use super::{MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, SheetLimit};

/// Cells a sheet's declared area or cells' bounding box may span: a 50,000-row list of 40
/// columns fits; more would have the reader reserve hundreds of MB.
const MAX_AREA: u64 = 2_500_000;
/// Cells all sheets together may span (the reader parses every sheet at once).
const MAX_TOTAL_AREA: u64 = 5_000_000;

const FREE: u32 = 0xFFFF_FFFF;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    bytes
        .get(at..at + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The compound file's sectors and allocation table.
struct Cfb<'a> {
    bytes: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    fn open(bytes: &'a [u8]) -> Option<Cfb<'a>> {
        let shift = u32::from(u16_at(bytes, 0x1E)?);
        if !(shift == 9 || shift == 12) {
            return None;
        }
        let mut cfb = Cfb {
            bytes,
            shift,
            fat: Vec::new(),
        };
        // The FAT's sectors: 109 in the header, the rest in the DIFAT chain.
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 0x4C + i * 4))
            .filter(|s| *s != FREE && *s != END_OF_CHAIN)
            .collect();
        let mut difat = u32_at(bytes, 0x44)?;
        let per_sector = (1usize << shift) / 4;
        let mut hops = 0;
        while difat != END_OF_CHAIN && difat != FREE {
            hops += 1;
            if hops > cfb.sector_count() {
                return None;
            }
            let sector = cfb.sector(difat)?;
            fat_sectors.extend(
                (0..per_sector - 1)
                    .filter_map(|i| u32_at(sector, i * 4))
                    .filter(|s| *s != FREE && *s != END_OF_CHAIN),
            );
            difat = u32_at(sector, (per_sector - 1) * 4)?;
        }
        if fat_sectors.len() > cfb.sector_count() {
            return None;
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * per_sector);
        for s in fat_sectors {
            let sector = cfb.sector(s)?;
            fat.extend((0..per_sector).filter_map(|i| u32_at(sector, i * 4)));
        }
        cfb.fat = fat;
        Some(cfb)
    }

    fn sector_count(&self) -> usize {
        self.bytes.len() >> self.shift
    }

    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.shift;
        let start = (usize::try_from(id).ok()? + 1).checked_mul(size)?;
        self.bytes.get(start..start + size)
    }

    /// The bytes of a chain of regular sectors from `start`, at most `len` of them.
    fn stream(&self, start: u32, len: usize) -> Option<Vec<u8>> {
        if len > self.bytes.len() {
            return None;
        }
        let mut out = Vec::with_capacity(len);
        let mut id = start;
        let mut hops = 0;
        while id != END_OF_CHAIN && out.len() < len {
            hops += 1;
            if hops > self.sector_count() {
                return None;
            }
            out.extend_from_slice(self.sector(id)?);
            id = *self.fat.get(usize::try_from(id).ok()?)?;
        }
        out.truncate(len);
        Some(out)
    }

    /// The workbook stream ("Workbook", or "Book" in Excel 5 files).
    fn workbook(&self) -> Option<Vec<u8>> {
        let first_dir = u32_at(self.bytes, 0x30)?;
        let dirs = self.stream(first_dir, self.bytes.len())?;
        let entries: Vec<&[u8]> = dirs.chunks_exact(128).collect();
        let name_of = |e: &[u8]| {
            let len = usize::from(u16_at(e, 0x40).unwrap_or(0)).min(64);
            let units: Vec<u16> = (0..len.saturating_sub(2) / 2)
                .filter_map(|i| u16_at(e, i * 2))
                .collect();
            String::from_utf16_lossy(&units)
        };
        let entry = entries.iter().find(|e| {
            e.get(0x42) == Some(&2)
                && ["workbook", "book"].contains(&name_of(e).to_lowercase().as_str())
        })?;
        let start = u32_at(entry, 0x74)?;
        let len = usize::try_from(u32_at(entry, 0x78)?).ok()?;
        let cutoff = usize::try_from(u32_at(self.bytes, 0x38)?).ok()?;
        if len >= cutoff {
            return self.stream(start, len);
        }
        // A small stream lives in the mini stream (64-byte sectors, the mini FAT).
        let root = entries.first()?;
        let mini = self.stream(
            u32_at(root, 0x74)?,
            usize::try_from(u32_at(root, 0x78)?).ok()?,
        )?;
        let minifat_start = u32_at(self.bytes, 0x3C)?;
        let minifat_bytes = self.stream(minifat_start, self.bytes.len())?;
        let minifat: Vec<u32> = (0..minifat_bytes.len() / 4)
            .filter_map(|i| u32_at(&minifat_bytes, i * 4))
            .collect();
        let mut out = Vec::with_capacity(len);
        let mut id = start;
        let mut hops = 0;
        while id != END_OF_CHAIN && out.len() < len {
            hops += 1;
            if hops > minifat.len() {
                return None;
            }
            let at = usize::try_from(id).ok()?.checked_mul(64)?;
            out.extend_from_slice(mini.get(at..at + 64)?);
            id = *minifat.get(usize::try_from(id).ok()?)?;
        }
        out.truncate(len);
        Some(out)
    }
}

/// One sheet's extent as its records declare it and as its cells span.
#[derive(Default)]
struct Extent {
    declared: u64,
    first_row: Option<u32>,
    last_row: u32,
    first_col: u32,
    last_col: u32,
}

impl Extent {
    fn cell(&mut self, row: u32, col: u32) {
        match self.first_row {
            None => {
                self.first_row = Some(row);
                self.last_row = row;
                self.first_col = col;
                self.last_col = col;
            }
            Some(first) => {
                self.first_row = Some(first.min(row));
                self.last_row = self.last_row.max(row);
                self.first_col = self.first_col.min(col);
                self.last_col = self.last_col.max(col);
            }
        }
    }

    /// The larger of the declared area and the cells' bounding box.
    fn area(&self) -> u64 {
        let spanned = self.first_row.map_or(0, |first| {
            (u64::from(self.last_row) - u64::from(first) + 1)
                * (u64::from(self.last_col) - u64::from(self.first_col) + 1)
        });
        self.declared.max(spanned)
    }
}

/// Checks an .xls file's sheets before the reader parses them (see the module doc).
pub(super) fn check_xls(bytes: &[u8]) -> Result<(), Problem> {
    let Some(stream) = Cfb::open(bytes).and_then(|cfb| cfb.workbook()) else {
        return Err(Problem::Damaged(
            "no Excel workbook stream in this compound file".to_owned(),
        ));
    };
    let too_far = |row: u32, col: u32| {
        Problem::TooLarge(SheetLimit::CellTooFar(format!(
            "{}{}",
            column_name(col),
            u64::from(row) + 1
        )))
    };
    let mut total: u64 = 0;
    let mut sheet = Extent::default();
    let mut depth = 0usize;
    let mut at = 0usize;
    while let (Some(typ), Some(len)) = (u16_at(&stream, at), u16_at(&stream, at + 2)) {
        let data = stream.get(at + 4..at + 4 + usize::from(len)).unwrap_or(&[]);
        at += 4 + usize::from(len);
        match typ {
            0x0809 => depth += 1,
            0x000A => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let area = sheet.area();
                    total += area;
                    if area > MAX_AREA || total > MAX_TOTAL_AREA {
                        return Err(too_far(sheet.last_row, sheet.last_col));
                    }
                    sheet = Extent::default();
                }
            }
            // DIMENSIONS: the reader reserves this area.
            0x0200 => {
                let (first_row, last_row, first_col, last_col) = match data.len() {
                    10 => (
                        u32::from(u16_at(data, 0).unwrap_or(0)),
                        u32::from(u16_at(data, 2).unwrap_or(0)),
                        u32::from(u16_at(data, 4).unwrap_or(0)),
                        u32::from(u16_at(data, 6).unwrap_or(0)),
                    ),
                    14 | 16 => (
                        u32_at(data, 0).unwrap_or(0),
                        u32_at(data, 4).unwrap_or(0),
                        u32::from(u16_at(data, 8).unwrap_or(0)),
                        u32::from(u16_at(data, 10).unwrap_or(0)),
                    ),
                    _ => continue,
                };
                let rows = u64::from(last_row.saturating_sub(first_row)) + 1;
                let cols = u64::from(last_col.saturating_sub(first_col)) + 1;
                sheet.declared = sheet.declared.max(rows.saturating_mul(cols));
                if last_row > MAX_SHEET_ROWS + 1 || sheet.declared > MAX_AREA {
                    return Err(too_far(
                        last_row.saturating_sub(1),
                        last_col.saturating_sub(1),
                    ));
                }
            }
            // Cells: row, column first (BLANK, NUMBER, LABEL, BOOLERR, RK, LABELSST,
            // RSTRING, FORMULA); MULRK and MULBLANK: row, first column, …, last column.
            0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x00D6 | 0x0006 | 0x00BD
            | 0x00BE => {
                let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                let (row, mut col) = (u32::from(row), u32::from(col));
                if matches!(typ, 0x00BD | 0x00BE) {
                    col = col.max(u32::from(
                        u16_at(data, data.len().saturating_sub(2)).unwrap_or(0),
                    ));
                }
                if row >= MAX_SHEET_ROWS || col >= MAX_SHEET_COLUMNS {
                    return Err(too_far(row, col));
                }
                sheet.cell(row, u32::from(u16_at(data, 2).unwrap_or(0)));
                sheet.cell(row, col);
            }
            _ => {}
        }
    }
    Ok(())
}
