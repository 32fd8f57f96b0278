//! The corpus view's list (every name with its counts), kept once merged. It depends on every
//! folder, so it is kept under the digest of them all (each folder's path and the digest of
//! its files) and the build: any folder changed, added or removed, and it is merged again.
//! One file per set of folders (`<hash of their paths>.names`), written whole then renamed.
//!
//! Beside the list, the first spelling of each name, found by its kind and key: what a facts
//! lookup spells the people named with one by, without reading every folder's names again.
//!
//! The file: `MAGIC`, the build id (u16 length, little-endian, then its bytes), the corpus
//! digest (u64); then three parts, each its length (u64) and CRC-32, then its bytes: the list
//! in postcard; an fst map from each name's kind (a byte) and key to where its spelling is
//! (start times 2^32, plus length); and the spellings, one after another.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::facts::Counted;
use super::{FastMap, Seen};
use crate::extract::EntityKind;

const MAGIC: &[u8; 8] = b"DBNAMES\x02";

/// The list, the fst of spellings, the spellings.
const PARTS: usize = 3;

/// Where a corpus's list is kept, and what it must have been made from.
#[derive(Debug, Clone)]
pub struct Kept {
    pub path: PathBuf,
    head: Vec<u8>,
}

impl Kept {
    /// The place of the list of the corpus of these folders, in `dir`, by `build`.
    pub fn of(dir: &Path, build: &str, folders: &[Seen]) -> Kept {
        let paths = folders
            .iter()
            .flat_map(|s| s.folder.as_os_str().as_encoded_bytes().iter().chain(b"\0"));
        let hash = crate::text::fnv1a(paths.copied());
        let digest = {
            use std::hash::{BuildHasher, Hash, Hasher};
            let mut h = foldhash::quality::FixedState::with_seed(0x006e_616d_6573).build_hasher();
            for s in folders {
                (s.folder.as_os_str().as_encoded_bytes(), s.digest).hash(&mut h);
            }
            h.finish()
        };
        let build = &build.as_bytes()[..build.len().min(usize::from(u16::MAX))];
        let mut head = MAGIC.to_vec();
        head.extend_from_slice(&(build.len() as u16).to_le_bytes());
        head.extend_from_slice(build);
        head.extend_from_slice(&digest.to_le_bytes());
        Kept {
            path: dir.join(format!("{hash:016x}.names")),
            head,
        }
    }

    /// Whether a list was kept for exactly this corpus (its head alone is read).
    pub fn is_current(&self) -> bool {
        let mut head = vec![0; self.head.len()];
        File::open(&self.path).is_ok_and(|mut f| f.read_exact(&mut head).is_ok())
            && head == self.head
    }

    /// The list, if one was kept for exactly this corpus and is whole. A damaged one is
    /// removed.
    pub fn read(&self) -> Option<Vec<Counted>> {
        // All parts, so that a damage anywhere is found.
        let list = self.parts(0)?;
        let list = postcard::from_bytes(&list[0]).ok();
        if list.is_none() {
            let _ = std::fs::remove_file(&self.path);
        }
        list
    }

    /// The first spelling of each of these people (by key), if a list was kept for exactly
    /// this corpus and is whole.
    pub fn spellings(&self, keys: &[&str]) -> Option<FastMap<String, String>> {
        // The list itself is passed over: a facts lookup spells a few people.
        let parts = self.parts(1)?;
        let Ok(map) = fst::Map::new(&parts[0][..]) else {
            let _ = std::fs::remove_file(&self.path);
            return None;
        };
        let names = &parts[1];
        let mut spelt = FastMap::default();
        for key in keys {
            let Some(at) = map.get(name_key(EntityKind::Person, key)) else {
                continue;
            };
            let (from, len) = ((at >> 32) as usize, (at & 0xffff_ffff) as usize);
            let name = names
                .get(from..from + len)
                .and_then(|b| std::str::from_utf8(b).ok());
            let Some(name) = name else {
                let _ = std::fs::remove_file(&self.path);
                return None;
            };
            spelt.insert((*key).to_owned(), name.to_owned());
        }
        Some(spelt)
    }

    /// The file's parts after the first `skip` (which are passed over unread), each checked
    /// against its CRC, if it was kept for exactly this corpus. A damaged one is removed.
    fn parts(&self, skip: usize) -> Option<Vec<Vec<u8>>> {
        let mut file = std::io::BufReader::new(File::open(&self.path).ok()?);
        let mut head = vec![0; self.head.len()];
        file.read_exact(&mut head).ok()?;
        if head != self.head {
            return None;
        }
        for _ in 0..skip {
            let mut part = [0; 12];
            file.read_exact(&mut part).ok()?;
            let len = u64::from_le_bytes(part[..8].try_into().ok()?);
            file.seek_relative(i64::try_from(len).ok()?).ok()?;
        }
        let mut parts = Vec::with_capacity(PARTS - skip.min(PARTS));
        for _ in skip..PARTS {
            let part = read_part(&mut file);
            if part.is_none() {
                let _ = std::fs::remove_file(&self.path);
            }
            parts.push(part?);
        }
        Some(parts)
    }

    /// Keeps `list`, each name with its key (in the same order): to a temporary file, then
    /// renamed over the old one.
    pub fn write(&self, list: &[Counted], keys: &[String]) -> std::io::Result<()> {
        let bytes = postcard::to_stdvec(list).map_err(std::io::Error::other)?;
        let mut by_key: Vec<(Vec<u8>, &str)> = list
            .iter()
            .zip(keys)
            .map(|(c, key)| (name_key(c.kind, key), c.name.as_str()))
            .collect();
        by_key.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        by_key.dedup_by(|a, b| a.0 == b.0);
        let mut map = fst::MapBuilder::memory();
        let mut names = Vec::new();
        for (key, name) in &by_key {
            let at = ((names.len() as u64) << 32) | name.len() as u64;
            map.insert(key, at).map_err(std::io::Error::other)?;
            names.extend_from_slice(name.as_bytes());
        }
        let map = map.into_inner().map_err(std::io::Error::other)?;
        let tmp = self
            .path
            .with_extension(format!("ntmp{}", std::process::id()));
        let mut f = std::io::BufWriter::new(File::create(&tmp)?);
        f.write_all(&self.head)?;
        for part in [&bytes, &map, &names] {
            f.write_all(&(part.len() as u64).to_le_bytes())?;
            f.write_all(&crc32fast::hash(part).to_le_bytes())?;
            f.write_all(part)?;
        }
        f.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        std::fs::rename(&tmp, &self.path)
    }
}

/// A part of the file: its length, its CRC-32, then its bytes; `None` if cut short or altered.
fn read_part(file: &mut impl Read) -> Option<Vec<u8>> {
    let mut head = [0; 12];
    file.read_exact(&mut head).ok()?;
    let len = u64::from_le_bytes(head[..8].try_into().ok()?);
    let crc = u32::from_le_bytes(head[8..].try_into().ok()?);
    // Made to measure: growing it as it is read copied a 6 MB part several times.
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(usize::try_from(len).ok()?).ok()?;
    let whole = file.take(len).read_to_end(&mut bytes).ok()? as u64 == len;
    (whole && crc32fast::hash(&bytes) == crc).then_some(bytes)
}

/// What the spellings are found by: the kind's byte, then the key.
fn name_key(kind: EntityKind, key: &str) -> Vec<u8> {
    let mut bytes = vec![kind as u8];
    bytes.extend_from_slice(key.as_bytes());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_list_spells_people_by_key_and_reads_back_whole() {
        let dir = std::env::temp_dir().join(format!("docbao-kept-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        let seen = [Seen {
            folder: PathBuf::from("news/a"),
            files: vec![0],
            digest: 1,
        }];
        let kept = Kept::of(&dir, "build", &seen);
        let counted = |kind, name: &str| Counted {
            kind,
            name: name.to_owned(),
            mentions: 2,
            articles: 1,
        };
        let list = [
            counted(EntityKind::Organization, "Bộ Công an"),
            counted(EntityKind::Person, "Tô Lâm"),
            counted(EntityKind::Person, "Lương Tam Quang"),
        ];
        let keys = ["bo cong an", "to lam", "luong tam quang"].map(String::from);
        kept.write(&list, &keys).expect("kept");
        assert_eq!(kept.read().expect("read back"), list);
        let spelt = kept
            .spellings(&["luong tam quang", "bo cong an", "nobody"])
            .expect("spellings");
        // Only people are spelt; an organisation of the same key is not one.
        assert_eq!(spelt.len(), 1);
        assert_eq!(spelt["luong tam quang"], "Lương Tam Quang");
        // Another corpus's list spells no one.
        let other = Kept::of(&dir, "another build", &seen);
        assert!(other.spellings(&["to lam"]).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
