//! The corpus view's list (every name with its counts), kept once merged. It depends on every
//! folder, so it is kept under the digest of them all (each folder's path and the digest of
//! its files) and the build: any folder changed, added or removed, and it is merged again.
//! One file per set of folders (`<hash of their paths>.names`), written whole then renamed.
//!
//! The file: `MAGIC`, the build id (u16 length, little-endian, then its bytes), the corpus
//! digest (u64), the length of the list (u64) and its CRC-32, then the list in postcard.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::facts::Counted;
use super::Seen;

const MAGIC: &[u8; 8] = b"DBNAMES\x01";

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
        let mut file = File::open(&self.path).ok()?;
        let mut head = vec![0; self.head.len() + 12];
        file.read_exact(&mut head).ok()?;
        if head[..self.head.len()] != self.head[..] {
            return None;
        }
        let at = self.head.len();
        let len = u64::from_le_bytes(head[at..at + 8].try_into().ok()?);
        let crc = u32::from_le_bytes(head[at + 8..].try_into().ok()?);
        let mut bytes = Vec::new();
        let whole = file.take(len).read_to_end(&mut bytes).ok()? as u64 == len
            && crc32fast::hash(&bytes) == crc;
        let list = whole.then(|| postcard::from_bytes(&bytes).ok()).flatten();
        if list.is_none() {
            let _ = std::fs::remove_file(&self.path);
        }
        list
    }

    /// Keeps `list`: to a temporary file, then renamed over the old one.
    pub fn write(&self, list: &[Counted]) -> std::io::Result<()> {
        let bytes = postcard::to_stdvec(list).map_err(std::io::Error::other)?;
        let tmp = self
            .path
            .with_extension(format!("ntmp{}", std::process::id()));
        let mut f = std::io::BufWriter::new(File::create(&tmp)?);
        f.write_all(&self.head)?;
        f.write_all(&(bytes.len() as u64).to_le_bytes())?;
        f.write_all(&crc32fast::hash(&bytes).to_le_bytes())?;
        f.write_all(&bytes)?;
        f.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        std::fs::rename(&tmp, &self.path)
    }
}
