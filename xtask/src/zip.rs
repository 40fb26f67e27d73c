//! A minimal zip writer (deflate, UTF-8 names, one fixed timestamp so the same files
//! give the same archive), enough for WordPress's plugin upload (ZipArchive or PclZip).

use std::io::Write;

use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};

/// 1 January 2020, 00:00, in MS-DOS date and time.
const DOS_DATE: u16 = ((2020 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// Version 2.0 (deflate), made on Unix (so the external attributes are file modes).
const VERSION: u16 = 20;
const MADE_BY_UNIX: u16 = (3 << 8) | VERSION;
/// Names are UTF-8.
const FLAG_UTF8: u16 = 1 << 11;

/// Files added one by one, then `finish` gives the archive's bytes.
#[derive(Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

impl ZipWriter {
    /// Adds a file at `name` (forward slashes, no leading slash), compressed.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<(), String> {
        if name.is_empty()
            || name.starts_with('/')
            || name.contains('\\')
            || name.split('/').any(|s| s == "..")
        {
            return Err(format!("zip: `{name}` is not a relative path"));
        }
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
        enc.write_all(data).map_err(|e| e.to_string())?;
        let packed = enc.finish().map_err(|e| e.to_string())?;
        let mut crc = Crc::new();
        crc.update(data);
        let too_big = |n: usize| u32::try_from(n).map_err(|_| format!("zip: `{name}` is over 4 GiB"));
        let (size, packed_size, offset) =
            (too_big(data.len())?, too_big(packed.len())?, too_big(self.out.len())?);
        let name_len = u16::try_from(name.len()).map_err(|_| format!("zip: name too long: {name}"))?;

        let common = |v: &mut Vec<u8>| {
            put16(v, FLAG_UTF8);
            put16(v, 8); // deflate
            put16(v, DOS_TIME);
            put16(v, DOS_DATE);
            put32(v, crc.sum());
            put32(v, packed_size);
            put32(v, size);
            put16(v, name_len);
            put16(v, 0); // extra field length
        };
        put32(&mut self.out, 0x0403_4b50);
        put16(&mut self.out, VERSION);
        common(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(&packed);

        put32(&mut self.central, 0x0201_4b50);
        put16(&mut self.central, MADE_BY_UNIX);
        put16(&mut self.central, VERSION);
        common(&mut self.central);
        put16(&mut self.central, 0); // comment length
        put16(&mut self.central, 0); // disk number
        put16(&mut self.central, 0); // internal attributes
        put32(&mut self.central, 0o100644 << 16); // a regular file, rw-r--r--
        put32(&mut self.central, offset);
        self.central.extend_from_slice(name.as_bytes());
        self.entries = self.entries.checked_add(1).ok_or("zip: over 65535 files")?;
        Ok(())
    }

    /// The archive: the files, the central directory and its end record.
    pub fn finish(mut self) -> Vec<u8> {
        let (offset, size) = (self.out.len() as u32, self.central.len() as u32);
        self.out.extend_from_slice(&self.central);
        put32(&mut self.out, 0x0605_4b50);
        put16(&mut self.out, 0); // this disk
        put16(&mut self.out, 0); // disk with the directory
        put16(&mut self.out, self.entries);
        put16(&mut self.out, self.entries);
        put32(&mut self.out, size);
        put32(&mut self.out, offset);
        put16(&mut self.out, 0); // comment length
        self.out
    }
}

fn put16(v: &mut Vec<u8>, n: u16) {
    v.extend_from_slice(&n.to_le_bytes());
}

fn put32(v: &mut Vec<u8>, n: u32) {
    v.extend_from_slice(&n.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn u16_at(b: &[u8], i: usize) -> usize {
        u16::from_le_bytes([b[i], b[i + 1]]) as usize
    }
    fn u32_at(b: &[u8], i: usize) -> usize {
        u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize
    }

    /// Reads the archive back through its central directory: (name, contents).
    fn read_back(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        let end = zip.len() - 22;
        assert_eq!(u32_at(zip, end), 0x0605_4b50);
        let (count, mut at) = (u16_at(zip, end + 10), u32_at(zip, end + 16));
        let mut files = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(zip, at), 0x0201_4b50);
            let (crc, packed, size) = (u32_at(zip, at + 16), u32_at(zip, at + 20), u32_at(zip, at + 24));
            let name_len = u16_at(zip, at + 28);
            let local = u32_at(zip, at + 42);
            let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap();
            assert_eq!(u32_at(zip, local), 0x0403_4b50);
            let data_at = local + 30 + u16_at(zip, local + 26) + u16_at(zip, local + 28);
            let mut data = Vec::new();
            flate2::read::DeflateDecoder::new(&zip[data_at..data_at + packed])
                .read_to_end(&mut data)
                .unwrap();
            assert_eq!(data.len(), size);
            let mut c = Crc::new();
            c.update(&data);
            assert_eq!(c.sum() as usize, crc, "{name}");
            files.push((name, data));
            at += 46 + name_len;
        }
        files
    }

    #[test]
    fn round_trips_and_is_reproducible() {
        let make = || {
            let mut z = ZipWriter::default();
            z.add("passage-map/passage-map.php", b"<?php\n").unwrap();
            z.add("passage-map/dist/bé.txt", &[]).unwrap();
            z.add("passage-map/dist/big.json", &vec![b'x'; 100_000]).unwrap();
            z.finish()
        };
        let zip = make();
        assert_eq!(zip, make());
        let files = read_back(&zip);
        assert_eq!(files.len(), 3);
        assert_eq!(files[0], ("passage-map/passage-map.php".to_string(), b"<?php\n".to_vec()));
        assert_eq!(files[1].0, "passage-map/dist/bé.txt");
        assert_eq!(files[2].1.len(), 100_000);
        assert!(zip.len() < 2_000, "compressed: {}", zip.len());
    }

    #[test]
    fn refuses_paths_that_leave_the_archive() {
        let mut z = ZipWriter::default();
        for bad in ["", "/etc/passwd", "a/../../b", "a\\b"] {
            assert!(z.add(bad, b"").is_err(), "{bad}");
        }
    }
}
