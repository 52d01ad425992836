//! The bytes of a WARC file, plain or gzip, decoded one gzip member at a
//! time so that every byte is known to come from a member whose compressed
//! offset is known, and so that a corrupt member can be stepped over.

use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};

use flate2::bufread::GzDecoder;

const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];
const CHUNK: usize = 64 * 1024;

/// Why the stream could not go on.
#[derive(Debug)]
pub(crate) enum StreamError {
    /// The gzip member starting at `member` is corrupt or truncated; call
    /// [`Stream::resync`] to look for the next one.
    Corrupt { member: u64, reason: String },
    /// The file could not be read: the end.
    Io(io::Error),
}

/// A reader that counts the bytes consumed from it.
struct Counted<R> {
    inner: BufReader<R>,
    pos: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: Read> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.pos += amt as u64;
    }
}

impl<R: Read + Seek> Counted<R> {
    fn seek_to(&mut self, pos: u64) -> io::Result<()> {
        self.inner.seek(SeekFrom::Start(pos))?;
        self.pos = pos;
        Ok(())
    }

    /// The offset of the next gzip magic at or after the current position.
    fn find_magic(&mut self) -> io::Result<Option<u64>> {
        let mut matched = 0;
        loop {
            let buf = self.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            for (i, &b) in buf.iter().enumerate() {
                matched = if b == GZIP_MAGIC[matched] {
                    matched + 1
                } else {
                    usize::from(b == GZIP_MAGIC[0])
                };
                if matched == GZIP_MAGIC.len() {
                    return Ok(Some(self.pos + i as u64 + 1 - GZIP_MAGIC.len() as u64));
                }
            }
            let n = buf.len();
            self.consume(n);
        }
    }
}

enum Source<R> {
    Plain(Counted<R>),
    Member(Box<GzDecoder<Counted<R>>>),
    Between(Counted<R>),
    /// Only while switching states.
    Gone,
}

/// Decoded bytes with their position: a tiny `BufRead` of our own that
/// never mixes bytes of two gzip members in its buffer.
pub(crate) struct Stream<R> {
    source: Source<R>,
    gzip: bool,
    buf: Vec<u8>,
    head: usize,
    tail: usize,
    /// Plain files: the offset of `buf[head]`.
    pos: u64,
    /// Gzip files: the compressed offset of the member in the buffer.
    member: u64,
    /// The current member (or the plain file) has no more bytes to decode.
    member_done: bool,
    /// No byte of the current member has been consumed yet.
    fresh: bool,
    /// Do not go on into the next member (the record must end in this one).
    pub(crate) locked: bool,
}

impl<R: Read + Seek> Stream<R> {
    pub(crate) fn new(reader: R) -> io::Result<Self> {
        let mut counted = Counted {
            inner: BufReader::with_capacity(CHUNK, reader),
            pos: 0,
        };
        let gzip = counted.fill_buf()?.starts_with(&GZIP_MAGIC[..2]);
        let source = if gzip {
            Source::Member(Box::new(GzDecoder::new(counted)))
        } else {
            Source::Plain(counted)
        };
        Ok(Self {
            source,
            gzip,
            buf: vec![0; CHUNK],
            head: 0,
            tail: 0,
            pos: 0,
            member: 0,
            member_done: false,
            fresh: true,
            locked: false,
        })
    }

    /// The offset of the next byte: exact for plain files, the compressed
    /// offset of its member for gzip.
    pub(crate) fn offset(&self) -> u64 {
        if self.gzip {
            self.member
        } else {
            self.pos
        }
    }

    /// The next byte is the first of a gzip member.
    pub(crate) fn at_member_start(&self) -> bool {
        self.gzip && self.fresh
    }

    /// Decodes more bytes of the current member after `tail`.
    fn decode(&mut self) -> Result<usize, StreamError> {
        if self.tail == self.buf.len() {
            self.buf.resize(self.buf.len() + CHUNK, 0);
        }
        let dst = &mut self.buf[self.tail..];
        let result = match &mut self.source {
            Source::Plain(r) => r.read(dst),
            Source::Member(d) => d.read(dst),
            Source::Between(_) | Source::Gone => Ok(0),
        };
        match result {
            Ok(0) => {
                self.member_done = true;
                Ok(0)
            }
            Ok(n) => {
                self.tail += n;
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(self.decode()?),
            Err(e)
                if self.gzip
                    && matches!(
                        e.kind(),
                        io::ErrorKind::InvalidInput
                            | io::ErrorKind::InvalidData
                            | io::ErrorKind::UnexpectedEof
                    ) =>
            {
                self.member_done = true;
                self.head = self.tail;
                Err(StreamError::Corrupt {
                    member: self.member,
                    reason: e.to_string(),
                })
            }
            Err(e) => Err(StreamError::Io(e)),
        }
    }

    /// Starts decoding the next member, if the file has more bytes.
    fn next_member(&mut self) -> Result<bool, StreamError> {
        let mut counted = match std::mem::replace(&mut self.source, Source::Gone) {
            Source::Member(d) => d.into_inner(),
            Source::Between(c) => c,
            other => {
                self.source = other;
                return Ok(false);
            }
        };
        match counted.fill_buf() {
            Ok([]) => {
                self.source = Source::Between(counted);
                Ok(false)
            }
            Ok(_) => {
                self.member = counted.pos;
                self.source = Source::Member(Box::new(GzDecoder::new(counted)));
                self.member_done = false;
                self.fresh = true;
                Ok(true)
            }
            Err(e) => {
                self.source = Source::Between(counted);
                Err(StreamError::Io(e))
            }
        }
    }

    /// The buffered bytes, decoding more when there are none; goes on into
    /// the next member unless [`Stream::locked`]. Empty at the end.
    pub(crate) fn fill(&mut self) -> Result<&[u8], StreamError> {
        while self.head == self.tail {
            self.head = 0;
            self.tail = 0;
            if !self.member_done {
                self.decode()?;
            } else if self.locked || !self.next_member()? {
                break;
            }
        }
        Ok(&self.buf[self.head..self.tail])
    }

    /// At least `want` buffered bytes of the current member, unless it ends
    /// first (never goes on into the next member).
    pub(crate) fn peek(&mut self, want: usize) -> Result<&[u8], StreamError> {
        if self.head == self.tail {
            self.fill()?;
        }
        if self.tail - self.head < want && self.head > 0 {
            self.buf.copy_within(self.head..self.tail, 0);
            self.tail -= self.head;
            self.head = 0;
        }
        while self.tail - self.head < want && !self.member_done {
            self.decode()?;
        }
        Ok(&self.buf[self.head..self.tail])
    }

    pub(crate) fn consume(&mut self, n: usize) {
        debug_assert!(n <= self.tail - self.head);
        self.head += n;
        self.pos += n as u64;
        if n > 0 {
            self.fresh = false;
        }
    }

    /// After [`StreamError::Corrupt`]: finds the next gzip member after the
    /// start of the broken one that decodes to the start of a WARC record,
    /// and goes on from it. False when there is none (or for plain files).
    pub(crate) fn resync(&mut self, broken: u64) -> Result<bool, StreamError> {
        self.head = 0;
        self.tail = 0;
        self.member_done = true;
        let mut counted = match std::mem::replace(&mut self.source, Source::Gone) {
            Source::Member(d) => d.into_inner(),
            Source::Between(c) => c,
            other => {
                self.source = other;
                return Ok(false);
            }
        };
        let mut from = broken + 1;
        loop {
            let found = counted.seek_to(from).and_then(|()| counted.find_magic());
            let candidate = match found {
                Ok(Some(at)) => at,
                Ok(None) => {
                    self.source = Source::Between(counted);
                    return Ok(false);
                }
                Err(e) => {
                    self.source = Source::Between(counted);
                    return Err(StreamError::Io(e));
                }
            };
            if let Err(e) = counted.seek_to(candidate) {
                self.source = Source::Between(counted);
                return Err(StreamError::Io(e));
            }
            let mut decoder = GzDecoder::new(counted);
            let mut head = [0u8; 5];
            let mut got = 0;
            while got < head.len() {
                match decoder.read(&mut head[got..]) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got += n,
                }
            }
            if got == head.len() && &head == b"WARC/" {
                self.buf[..head.len()].copy_from_slice(&head);
                self.tail = head.len();
                self.member = candidate;
                self.member_done = false;
                self.fresh = true;
                self.source = Source::Member(Box::new(decoder));
                return Ok(true);
            }
            counted = decoder.into_inner();
            from = candidate + 1;
        }
    }
}
