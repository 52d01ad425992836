//! Inputs: every record of the paths a user gives (page files, folders,
//! WARC and JSONL containers) or of standard input, in order, as one
//! stream; and [`RecordStream`], what any source of records offers the
//! pipeline that consumes it.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use crate::{
    discover_with, open_records, read_page, read_raw, read_stdin, read_stdin_raw, Counts,
    InputError, Names, Record, RecordReader, RecordSource,
};

/// A source of records: what a pipeline reads from. [`Inputs`] reads
/// files; other sources (a fetcher of live pages) implement it too.
pub trait RecordStream: Iterator<Item = Result<Record, InputError>> + Send {
    /// What has been read so far.
    fn counts(&self) -> &Counts;

    /// The next record, waiting at most about `wait` for one: a live source
    /// says [`Next::Idle`] when none came, so that its consumer can hand on
    /// what it holds. Files never wait.
    fn next_within(&mut self, wait: std::time::Duration) -> Next {
        let _ = wait;
        match self.next() {
            Some(record) => Next::Record(record),
            None => Next::End,
        }
    }

    /// Input bytes behind us and in all, when the source knows them.
    fn bytes(&self) -> Option<ByteProgress> {
        None
    }

    /// The containers finished since the last call, with what each held
    /// (for a per-file report).
    fn take_finished(&mut self) -> Vec<Finished> {
        Vec::new()
    }
}

/// What a stream has next.
// As large as the iterator item it wraps; boxing would allocate once per
// record for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Next {
    /// A record (or why one could not be read).
    Record(Result<Record, InputError>),
    /// Nothing yet: a live source is waiting for pages.
    Idle,
    /// The stream has ended.
    End,
}

/// How far through its input bytes a stream is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ByteProgress {
    /// Bytes behind us, as far as known (compressed offsets in containers).
    pub done: u64,
    /// Bytes in all.
    pub total: u64,
}

/// A container read to its end, and what it held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    /// The container.
    pub path: PathBuf,
    /// Its reader's counts.
    pub counts: Counts,
}

/// A consumer's test for records it already has (see [`Inputs::skip_known`]).
type Known = Box<dyn FnMut(&RecordSource) -> bool + Send>;

/// One thing to read, in order.
enum Input {
    /// A path that could not be expanded.
    Error(InputError),
    /// A page file: one record.
    File(PathBuf),
    /// A WARC or JSONL file: many records.
    Container(PathBuf),
    /// Standard input: one record.
    Stdin,
}

/// Every record of some paths, as one stream: discovery errors first, then
/// page files, then the records of containers, each in name order.
///
/// ```
/// use dateline_input::{Inputs, Names, RecordStream};
///
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("a.html"), "<p>A</p>").unwrap();
/// std::fs::write(dir.path().join("b.jsonl"), "{\"html\": \"<p>B</p>\"}\n\n").unwrap();
/// let mut inputs = Inputs::open(&[dir.path().to_path_buf()], Names::Known);
/// let records: Vec<_> = inputs.by_ref().map(|r| r.unwrap().bytes).collect();
/// assert_eq!(records, [b"<p>A</p>".to_vec(), b"<p>B</p>".to_vec()]);
/// assert_eq!((inputs.counts().read, inputs.counts().skipped["blank-line"]), (3, 1));
/// ```
pub struct Inputs {
    queue: VecDeque<Input>,
    names: Names,
    reader: Option<RecordReader>,
    known: Option<Known>,
    counts: Counts,
    found: usize,
    bytes: ByteProgress,
    /// Bytes of the inputs finished before the current one.
    bytes_behind: u64,
    finished: Vec<Finished>,
}

impl Inputs {
    /// The records of `paths` (files and folders, walked for the files
    /// `names` takes). With [`Names::Known`], page files are read as pages
    /// ([`read_page`]: gzip, empty and binary checks); with [`Names::Any`],
    /// every file is taken as it is ([`read_raw`]).
    pub fn open(paths: &[PathBuf], names: Names) -> Self {
        let found = discover_with(paths, names);
        let size = |path: &PathBuf| std::fs::metadata(path).map_or(0, |m| m.len());
        let total = found.files.iter().chain(&found.containers).map(size).sum();
        let count = found.files.len() + found.containers.len();
        let queue = (found.errors.into_iter().map(Input::Error))
            .chain(found.files.into_iter().map(Input::File))
            .chain(found.containers.into_iter().map(Input::Container))
            .collect();
        Self::new(queue, names, count, total)
    }

    /// The one record of standard input, read as [`Inputs::open`] reads a
    /// page file of `names`.
    pub fn stdin(names: Names) -> Self {
        Self::new(VecDeque::from([Input::Stdin]), names, 1, 0)
    }

    fn new(queue: VecDeque<Input>, names: Names, found: usize, total: u64) -> Self {
        Self {
            queue,
            names,
            reader: None,
            known: None,
            counts: Counts::default(),
            found,
            bytes: ByteProgress { done: 0, total },
            bytes_behind: 0,
            finished: Vec::new(),
        }
    }

    /// Passes over the records for which `known` says yes (counted in
    /// [`Counts::known`]); a page file is then not even read.
    pub fn skip_known(mut self, known: impl FnMut(&RecordSource) -> bool + Send + 'static) -> Self {
        self.known = Some(Box::new(known));
        self
    }

    /// Page files and containers found (discovery errors aside).
    pub fn found(&self) -> usize {
        self.found
    }

    /// Whether the inputs are exactly one page (one page file or standard
    /// input, no container).
    pub fn is_one_page(&self) -> bool {
        self.found == 1 && matches!(self.queue.back(), Some(Input::File(_) | Input::Stdin))
    }

    fn is_known(&mut self, source: &RecordSource) -> bool {
        self.known.as_mut().is_some_and(|known| known(source))
    }

    fn file(&mut self, path: PathBuf) -> Option<Result<Record, InputError>> {
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        let result = if self.is_known(&RecordSource::file(path.clone())) {
            None
        } else {
            Some(match self.names {
                Names::Known => read_page(&path),
                Names::Any => read_raw(&path),
            })
        };
        self.bytes_behind += size;
        self.bytes.done = self.bytes_behind;
        self.tally(result)
    }

    fn stdin_record(&mut self) -> Option<Result<Record, InputError>> {
        let result = match self.names {
            Names::Known => read_stdin(),
            Names::Any => read_stdin_raw(),
        };
        self.tally(Some(result))
    }

    /// Counts one whole-file record (`None`: passed over as known).
    fn tally(
        &mut self,
        result: Option<Result<Record, InputError>>,
    ) -> Option<Result<Record, InputError>> {
        self.counts.read += 1;
        match &result {
            None => self.counts.known += 1,
            Some(Ok(_)) => self.counts.yielded += 1,
            Some(Err(_)) => self.counts.bad += 1,
        }
        result
    }

    /// The next record of the open container, or `None` at its end (which
    /// closes it).
    fn next_in_container(&mut self) -> Option<Result<Record, InputError>> {
        loop {
            let reader = self.reader.as_mut()?;
            let Some(item) = reader.next() else {
                self.close_container();
                return None;
            };
            self.counts.read += 1;
            match &item {
                Ok(record) => {
                    self.bytes.done = self.bytes_behind + record.source.offset;
                    if self.is_known(&record.source) {
                        self.counts.known += 1;
                        continue;
                    }
                    self.counts.yielded += 1;
                }
                Err(_) => self.counts.bad += 1,
            }
            return Some(item);
        }
    }

    /// Adds what the container skipped unread to the counts and reports it.
    fn close_container(&mut self) {
        let Some(reader) = self.reader.take() else {
            return;
        };
        let path = reader.path().to_path_buf();
        let counts = reader.counts().clone();
        for (reason, n) in &counts.skipped {
            *self.counts.skipped.entry(reason).or_default() += n;
            self.counts.read += n;
        }
        self.bytes_behind += std::fs::metadata(&path).map_or(0, |m| m.len());
        self.bytes.done = self.bytes_behind;
        self.finished.push(Finished { path, counts });
    }
}

impl Iterator for Inputs {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.reader.is_some() {
                if let Some(item) = self.next_in_container() {
                    return Some(item);
                }
                continue;
            }
            let item = match self.queue.pop_front()? {
                Input::Error(err) => self.tally(Some(Err(err))),
                Input::File(path) => self.file(path),
                Input::Stdin => self.stdin_record(),
                Input::Container(path) => match open_records(&path) {
                    Ok(reader) => {
                        self.reader = Some(reader);
                        continue;
                    }
                    Err(err) => {
                        self.bytes_behind += std::fs::metadata(&path).map_or(0, |m| m.len());
                        self.tally(Some(Err(err)))
                    }
                },
            };
            if item.is_some() {
                return item;
            }
        }
    }
}

impl RecordStream for Inputs {
    fn counts(&self) -> &Counts {
        &self.counts
    }

    fn bytes(&self) -> Option<ByteProgress> {
        Some(self.bytes)
    }

    fn take_finished(&mut self) -> Vec<Finished> {
        std::mem::take(&mut self.finished)
    }
}

/// The path a record stream's error names.
pub fn error_path(err: &InputError) -> &Path {
    match err {
        InputError::Io { path, .. }
        | InputError::Empty { path }
        | InputError::Binary { path }
        | InputError::Gzip { path, .. }
        | InputError::TooLarge { path, .. }
        | InputError::BadRecord { path, .. }
        | InputError::NotContainer { path } => path,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn errors_then_files_then_container_records_in_order() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.html", b"<p>B</p>");
        write(dir.path(), "a.txt", b"A");
        write(dir.path(), "empty.html", b" ");
        write(
            dir.path(),
            "c.jsonl",
            b"{\"html\": \"<p>C1</p>\"}\nnot json\n\n{\"text\": \"C2\"}\n",
        );
        write(dir.path(), "notes.json", b"{}");
        let missing = dir.path().join("missing.html");
        let mut inputs = Inputs::open(&[missing, dir.path().to_path_buf()], Names::Known);
        assert_eq!(inputs.found(), 4);
        assert!(!inputs.is_one_page());
        let items: Vec<String> = inputs
            .by_ref()
            .map(|item| match item {
                Ok(record) => format!(
                    "{}={}",
                    record.source,
                    String::from_utf8_lossy(&record.bytes)
                ),
                Err(err) => format!("error {}", err.reason()),
            })
            .map(|s| s.replace(&dir.path().display().to_string(), ""))
            .collect();
        assert_eq!(
            items,
            [
                "error io",
                "/a.txt=A",
                "/b.html=<p>B</p>",
                "error empty",
                "/c.jsonl:1=<p>C1</p>",
                "error bad-record",
                "/c.jsonl:4=C2",
            ]
        );
        let counts = inputs.counts();
        assert_eq!(
            (counts.read, counts.yielded, counts.bad, counts.known),
            (8, 4, 3, 0)
        );
        assert_eq!(counts.skipped_total(), 1);
        let finished = inputs.take_finished();
        assert_eq!(finished.len(), 1);
        assert_eq!(finished[0].counts.yielded, 2);
        let bytes = inputs.bytes().unwrap();
        assert_eq!(bytes.done, bytes.total);
        assert!(inputs.take_finished().is_empty());
    }

    #[test]
    fn known_records_are_passed_over_and_known_files_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let page = write(dir.path(), "a.html", b"<p>A</p>");
        write(
            dir.path(),
            "b.jsonl",
            b"{\"html\": \"<p>1</p>\"}\n{\"html\": \"<p>2</p>\"}\n",
        );
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&asked);
        let mut inputs =
            Inputs::open(&[dir.path().to_path_buf()], Names::Known).skip_known(move |source| {
                log.lock().unwrap().push(source.locator());
                source.whole_file || source.locator() == ":2"
            });
        let yielded: Vec<_> = inputs
            .by_ref()
            .map(|r| r.unwrap().source.locator())
            .collect();
        assert_eq!(yielded, [":1"]);
        assert_eq!(*asked.lock().unwrap(), ["", ":1", ":2"]);
        let counts = inputs.counts();
        assert_eq!((counts.read, counts.yielded, counts.known), (3, 1, 2));
        // The known page file was never opened: removing it changes nothing.
        std::fs::remove_file(page).unwrap();
    }

    #[test]
    fn any_names_read_files_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "notes", b"");
        write(dir.path(), "x.warc", b"not a warc at all");
        let mut inputs = Inputs::open(&[dir.path().to_path_buf()], Names::Any);
        assert_eq!(inputs.found(), 2);
        let records: Vec<Record> = inputs.by_ref().map(Result::unwrap).collect();
        assert_eq!(records[0].bytes, b"");
        assert_eq!(records[1].bytes, b"not a warc at all");
        assert_eq!(inputs.counts().yielded, 2);
    }

    #[test]
    fn one_page_is_one_file_or_stdin() {
        let dir = tempfile::tempdir().unwrap();
        let page = write(dir.path(), "a.html", b"<p>A</p>");
        let dump = write(dir.path(), "b.jsonl", b"");
        assert!(Inputs::open(std::slice::from_ref(&page), Names::Known).is_one_page());
        assert!(!Inputs::open(&[dump], Names::Known).is_one_page());
        assert!(!Inputs::open(&[page.clone(), page], Names::Known).is_one_page());
        assert!(Inputs::stdin(Names::Any).is_one_page());
    }

    #[test]
    fn a_container_gone_before_its_turn_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let warc = write(dir.path(), "a.warc", b"");
        let mut inputs = Inputs::open(std::slice::from_ref(&warc), Names::Known);
        std::fs::remove_file(&warc).unwrap();
        assert_eq!(inputs.next().unwrap().unwrap_err().reason(), "io");
        assert!(inputs.next().is_none());
        assert_eq!((inputs.counts().read, inputs.counts().bad), (1, 1));
    }
}
