//! The last full check of a lookup's paths: every folder walked, with its own stamp, and the
//! folders' files as their stamps were then. A lookup made soon after it, whose folders all
//! still have those stamps, takes the files from it instead of walking the folders and
//! stamping each file again (a stat of each of 100,000 files is most of a lookup's time).
//! A file added, removed or renamed in a folder changes the folder's stamp, so that is seen
//! at once. A file rewritten in place changes no folder: it is seen at the next full check,
//! which comes at most `recheck` after the last.
//!
//! The file: `<hash of the paths and the working folder>.walk` in the cache, holding `MAGIC`,
//! the length of the record (u64, little-endian) and its CRC-32, then the record in postcard.
//! It is written to a temporary file, then renamed.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Seen;
use crate::corpus::walk::FolderStamp;

const MAGIC: &[u8; 8] = b"DBWALK\x00\x01";

/// A folder changed this close to the check's start may change again within the same tick of
/// its clock, leaving the same stamp: such a check is not kept.
const RACY: Duration = Duration::from_secs(2);

/// Where the check of some paths, given in some working folder, is kept.
#[derive(Debug)]
pub struct Checked {
    path: PathBuf,
    paths: Vec<PathBuf>,
    cwd: PathBuf,
}

/// What the last full check found: each folder's files, how many files in all, and the
/// walk's warnings.
#[derive(Debug, Serialize, Deserialize)]
pub struct Found {
    pub seen: Vec<Seen>,
    pub files: usize,
    pub warnings: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct Record {
    paths: Vec<PathBuf>,
    cwd: PathBuf,
    /// When the check began, in seconds since the epoch.
    began: u64,
    folders: Vec<(PathBuf, FolderStamp)>,
    found: Found,
}

impl Checked {
    /// The place of the check of `paths` (as given, in the current working folder) in `dir`.
    pub fn of(dir: &Path, paths: &[PathBuf]) -> Option<Checked> {
        let cwd = std::env::current_dir().ok()?;
        let bytes = std::iter::once(&cwd)
            .chain(paths)
            .flat_map(|p| p.as_os_str().as_encoded_bytes().iter().chain(b"\0"));
        let hash = crate::text::fnv1a(bytes.copied());
        Some(Checked {
            path: dir.join(format!("{hash:016x}.walk")),
            paths: paths.to_vec(),
            cwd,
        })
    }

    /// What the last check found, if it began less than `recheck` ago and every folder it
    /// walked has the same stamp now.
    pub fn trusted(&self, recheck: Duration) -> Option<Found> {
        let record = self.read()?;
        if record.paths != self.paths || record.cwd != self.cwd {
            return None;
        }
        let age = SystemTime::now()
            .duration_since(UNIX_EPOCH + Duration::from_secs(record.began))
            .ok()?;
        if age >= recheck {
            return None;
        }
        let unchanged = record
            .folders
            .par_iter()
            .all(|(folder, stamp)| FolderStamp::of(folder) == Some(*stamp));
        unchanged.then_some(record.found)
    }

    fn read(&self) -> Option<Record> {
        let mut file = File::open(&self.path).ok()?;
        let mut head = [0; MAGIC.len() + 12];
        file.read_exact(&mut head).ok()?;
        if head[..MAGIC.len()] != MAGIC[..] {
            return None;
        }
        let at = MAGIC.len();
        let len = u64::from_le_bytes(head[at..at + 8].try_into().ok()?);
        let crc = u32::from_le_bytes(head[at + 8..].try_into().ok()?);
        let mut bytes = Vec::new();
        let whole = file.take(len).read_to_end(&mut bytes).ok()? as u64 == len
            && crc32fast::hash(&bytes) == crc;
        let record = whole.then(|| postcard::from_bytes(&bytes).ok()).flatten();
        if record.is_none() {
            let _ = std::fs::remove_file(&self.path);
        }
        record
    }

    /// Keeps what a full check that began at `began` found, unless a folder changed too close
    /// to it to be told apart from a later change by its stamp.
    pub fn write(
        &self,
        began: SystemTime,
        folders: &[(PathBuf, FolderStamp)],
        found: &Found,
    ) -> std::io::Result<()> {
        let since = began
            .duration_since(UNIX_EPOCH)
            .map_err(std::io::Error::other)?;
        let racy = since.saturating_sub(RACY).as_nanos();
        if folders
            .iter()
            .any(|(_, s)| u128::from(s.modified_ns) >= racy || u128::from(s.changed_ns) >= racy)
        {
            return Ok(());
        }
        let record = RecordRef {
            paths: &self.paths,
            cwd: &self.cwd,
            began: since.as_secs(),
            folders,
            found,
        };
        let bytes = postcard::to_stdvec(&record).map_err(std::io::Error::other)?;
        let tmp = self
            .path
            .with_extension(format!("wtmp{}", std::process::id()));
        let mut f = std::io::BufWriter::new(File::create(&tmp)?);
        f.write_all(MAGIC)?;
        f.write_all(&(bytes.len() as u64).to_le_bytes())?;
        f.write_all(&crc32fast::hash(&bytes).to_le_bytes())?;
        f.write_all(&bytes)?;
        f.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        std::fs::rename(&tmp, &self.path)
    }
}

/// `Record`, borrowed, to be written.
#[derive(Serialize)]
struct RecordRef<'a> {
    paths: &'a [PathBuf],
    cwd: &'a Path,
    began: u64,
    folders: &'a [(PathBuf, FolderStamp)],
    found: &'a Found,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("docbao-checked-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    fn found() -> Found {
        Found {
            seen: vec![Seen {
                folder: PathBuf::from("news/a"),
                files: vec![0, 1],
                digest: 7,
            }],
            files: 2,
            warnings: vec!["news/x: skipped".into()],
        }
    }

    /// Two folders and the check of them, begun `later` after their last change.
    fn checked(root: &Path, later: Duration) -> (Checked, Vec<(PathBuf, FolderStamp)>) {
        let news = root.join("news");
        std::fs::create_dir_all(news.join("a")).expect("folders");
        std::thread::sleep(later);
        let folders: Vec<(PathBuf, FolderStamp)> = [news.clone(), news.join("a")]
            .into_iter()
            .map(|f| {
                let stamp = FolderStamp::of(&f).expect("a stamp");
                (f, stamp)
            })
            .collect();
        let check = Checked::of(&root.join("cache"), &[news]).expect("a place");
        std::fs::create_dir_all(root.join("cache")).expect("cache");
        check
            .write(SystemTime::now(), &folders, &found())
            .expect("written");
        (check, folders)
    }

    #[test]
    fn a_check_is_trusted_until_a_folder_changes() {
        let root = scratch("trusted");
        let (check, _) = checked(&root, RACY + Duration::from_millis(100));
        let trusted = check.trusted(Duration::from_secs(60)).expect("trusted");
        assert_eq!(trusted.seen, found().seen);
        assert_eq!((trusted.files, trusted.warnings), (2, found().warnings));
        // Not after `recheck`.
        assert!(check.trusted(Duration::ZERO).is_none());
        // Not once a file is added to a folder (its times change).
        std::fs::write(root.join("news/a/new.txt"), "x").expect("write");
        assert!(check.trusted(Duration::from_secs(60)).is_none());
    }

    #[test]
    fn a_check_of_other_paths_or_damaged_is_not_trusted() {
        let root = scratch("other");
        let (check, _) = checked(&root, RACY + Duration::from_millis(100));
        let other = Checked {
            paths: vec![root.join("elsewhere")],
            ..Checked::of(&root.join("cache"), &[root.join("news")]).expect("a place")
        };
        assert!(other.trusted(Duration::from_secs(60)).is_none());
        let mut bytes = std::fs::read(&check.path).expect("read");
        let at = bytes.len() - 3;
        bytes[at] ^= 0x55;
        std::fs::write(&check.path, &bytes).expect("damage");
        assert!(check.trusted(Duration::from_secs(60)).is_none());
        assert!(!check.path.exists(), "a damaged check is removed");
    }

    #[test]
    fn a_folder_changed_as_the_check_began_is_not_kept() {
        let root = scratch("racy");
        let (check, _) = checked(&root, Duration::ZERO);
        assert!(!check.path.exists());
        assert!(check.trusted(Duration::from_secs(60)).is_none());
    }
}
