//! Where a [`super::Linker`] keeps its documents' packed parts: in memory,
//! or in a spill file the caller gives it. The packed parts are cold: a
//! document's is read only while its story's part is rebuilt, yet at a
//! million articles they were 1.5 GB of a worker's memory. In a file they
//! cost the operating system's page cache instead, which it can give back.
//!
//! Written by hand because what is needed is an append-only log of byte
//! strings read back by position, a few lines over `std::fs::File`; a
//! key-value store or a memory map would bring more than it saves.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

/// Byte strings in the order they were put, each kept in memory or in the
/// spill file.
#[derive(Debug, Default)]
pub(super) struct Shelf {
    slots: Vec<Slot>,
    spill: Option<Spill>,
    /// Why the spill file stopped being written (a failed write): later
    /// puts stay in memory, earlier ones are still read from the file.
    failed: Option<io::Error>,
}

#[derive(Debug)]
enum Slot {
    Memory(Box<[u8]>),
    File { at: u64, len: u32 },
}

#[derive(Debug)]
struct Spill {
    /// Behind a lock because a read seeks: two threads reading the same
    /// linker at once must not move each other's position.
    file: Mutex<File>,
    end: u64,
}

impl Shelf {
    /// A shelf that writes what it is given to `file` (which it truncates)
    /// and reads it back from there.
    pub(super) fn spilling(file: File) -> io::Result<Shelf> {
        file.set_len(0)?;
        Ok(Shelf {
            spill: Some(Spill {
                file: Mutex::new(file),
                end: 0,
            }),
            ..Shelf::default()
        })
    }

    /// How many byte strings it holds.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.slots.len()
    }

    /// Puts the next byte string. After a failed write to the spill file
    /// (see [`Shelf::failure`]) this and every later one stay in memory: a
    /// full disk costs memory, not the link.
    pub(super) fn put(&mut self, bytes: Box<[u8]>) {
        // After a failed write the file is only read: what it holds stays.
        if self.failed.is_none()
            && let Some(spill) = &mut self.spill
        {
            match spill.append(&bytes) {
                Ok(slot) => {
                    self.slots.push(slot);
                    return;
                }
                Err(e) => self.failed = Some(e),
            }
        }
        self.slots.push(Slot::Memory(bytes));
    }

    /// The `i`th byte string.
    pub(super) fn get(&self, i: usize) -> io::Result<Cow<'_, [u8]>> {
        match self.slots.get(i) {
            Some(Slot::Memory(bytes)) => Ok(Cow::Borrowed(bytes)),
            Some(&Slot::File { at, len }) => {
                let spill = self
                    .spill
                    .as_ref()
                    .ok_or_else(|| io::Error::other("no spill file"))?;
                let mut file = spill
                    .file
                    .lock()
                    .map_err(|_| io::Error::other("a reader of the spill file panicked"))?;
                let mut buf = vec![0; len as usize];
                file.seek(SeekFrom::Start(at))?;
                file.read_exact(&mut buf)?;
                Ok(Cow::Owned(buf))
            }
            None => Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("no document {i} on the shelf"),
            )),
        }
    }

    /// Why the spill file was given up, if it was.
    pub(super) fn failure(&self) -> Option<&io::Error> {
        self.failed.as_ref()
    }

    /// Bytes held in memory (slots and the strings kept there).
    pub(super) fn heap_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>()
            + self
                .slots
                .iter()
                .map(|s| match s {
                    Slot::Memory(b) => b.len(),
                    Slot::File { .. } => 0,
                })
                .sum::<usize>()
    }

    /// Bytes written to the spill file.
    pub(super) fn spilled_bytes(&self) -> u64 {
        self.spill.as_ref().map_or(0, |s| s.end)
    }
}

impl Spill {
    fn append(&mut self, bytes: &[u8]) -> io::Result<Slot> {
        let len = u32::try_from(bytes.len())
            .map_err(|_| io::Error::other("a packed document over 4 GB"))?;
        let file = self
            .file
            .get_mut()
            .map_err(|_| io::Error::other("a reader of the spill file panicked"))?;
        file.seek(SeekFrom::Start(self.end))?;
        file.write_all(bytes)?;
        let at = self.end;
        self.end += u64::from(len);
        Ok(Slot::File { at, len })
    }
}

#[cfg(test)]
mod tests {
    use super::Shelf;

    #[test]
    fn what_is_put_comes_back_from_memory_and_from_the_spill_file() {
        let strings: Vec<Box<[u8]>> = (0..50u8)
            .map(|i| vec![i; usize::from(i) * 7].into_boxed_slice())
            .collect();
        let file = tempfile::tempfile().expect("a temporary file");
        let mut shelves = [
            Shelf::default(),
            Shelf::spilling(file).expect("a spill file"),
        ];
        for shelf in &mut shelves {
            for s in &strings {
                shelf.put(s.clone());
            }
            assert_eq!(shelf.len(), strings.len());
            // Read back out of order: every read seeks.
            for i in (0..strings.len()).rev() {
                assert_eq!(&*shelf.get(i).expect("a read"), &*strings[i]);
            }
            assert!(shelf.get(strings.len()).is_err());
            assert!(shelf.failure().is_none());
        }
        let spilled: u64 = strings.iter().map(|s| s.len() as u64).sum();
        assert_eq!(shelves[1].spilled_bytes(), spilled);
        assert!(shelves[1].heap_bytes() < shelves[0].heap_bytes());
    }

    #[test]
    fn a_spill_file_that_cannot_be_written_is_given_up_and_nothing_is_lost() {
        // A file opened read-only: every write fails.
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("spill");
        std::fs::write(&path, b"").expect("a file");
        let file = std::fs::File::open(&path).expect("opened read-only");
        // Truncating a read-only file fails too: that is reported at once.
        assert!(Shelf::spilling(file.try_clone().expect("a handle")).is_err());
        // Two strings written, then the file turns read-only (a full disk,
        // say): the later ones stay in memory, the earlier ones on file.
        let writable = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .expect("opened for writing");
        let mut shelf = Shelf::spilling(writable).expect("a spill file");
        shelf.put(vec![7, 8].into_boxed_slice());
        shelf.put(vec![9].into_boxed_slice());
        if let Some(spill) = &mut shelf.spill {
            spill.file = std::sync::Mutex::new(file);
        }
        shelf.put(vec![1, 2, 3].into_boxed_slice());
        shelf.put(vec![4].into_boxed_slice());
        assert!(shelf.failure().is_some());
        assert_eq!(&*shelf.get(0).expect("read from the file"), &[7, 8]);
        assert_eq!(&*shelf.get(1).expect("read from the file"), &[9]);
        assert_eq!(&*shelf.get(2).expect("kept in memory"), &[1, 2, 3]);
        assert_eq!(&*shelf.get(3).expect("kept in memory"), &[4]);
    }
}
