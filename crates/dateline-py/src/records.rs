//! `read_records`: the pages of files, folders, WARC and JSONL containers
//! as Dateline reads them (through `dateline-input`), so a Spark or Dask
//! task needs no other WARC library.

use std::path::PathBuf;
use std::sync::Mutex;

use dateline_input::{Inputs, Names, PageKind, Record};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

/// One page as Dateline read it: a page file, or one record of a WARC or
/// JSONL file.
///
/// Pass it to `dateline.extract` (or `extract_many`) as the page: its URL,
/// charset, kind and source go with it, so the article is the one
/// `dateline extract` gives for the same record.
#[pyclass(name = "Record", module = "dateline", frozen)]
pub(crate) struct PyRecord {
    pub(crate) record: Record,
}

#[pymethods]
impl PyRecord {
    /// The page body: HTTP headers stripped, chunked transfer and gzip or
    /// deflate content encoding undone, not yet decoded to text.
    #[getter]
    fn bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.record.bytes)
    }

    /// The page's address (`WARC-Target-URI`, the JSONL `url`), or None.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.record.url.as_deref()
    }

    /// `"html"`, `"text"`, or None when a page file's name does not say.
    #[getter]
    fn kind(&self) -> Option<&'static str> {
        match self.record.kind {
            PageKind::Html => Some("html"),
            PageKind::Text => Some("text"),
            PageKind::Unknown => None,
        }
    }

    /// The `charset` of the HTTP (or WARC resource) `Content-Type`, or None.
    #[getter]
    fn charset(&self) -> Option<&str> {
        self.record.charset.as_deref()
    }

    /// The fetch date as given (`WARC-Date`, the JSONL `date`), unparsed.
    #[getter]
    fn date(&self) -> Option<&str> {
        self.record.date.as_deref()
    }

    /// The JSONL `site`, or None.
    #[getter]
    fn site(&self) -> Option<&str> {
        self.record.site.as_deref()
    }

    /// The file the record is in.
    #[getter]
    fn path(&self) -> String {
        self.record.source.path.display().to_string()
    }

    /// The record's key within its file, stable from run to run: the
    /// `WARC-Record-ID`, `:line` for JSONL, `@offset`, or `""` for a whole
    /// file.
    #[getter]
    fn locator(&self) -> String {
        self.record.source.locator()
    }

    /// Where the record is, as the CLI names it: `crawl.warc.gz@1234`,
    /// `dump.jsonl:17` or `page.html` (the article's `source.path`).
    #[getter]
    fn source(&self) -> String {
        self.record.source.to_string()
    }

    /// Byte offset of the record in its file (the gzip member's for a
    /// `.warc.gz`).
    #[getter]
    fn offset(&self) -> u64 {
        self.record.source.offset
    }

    fn __repr__(&self) -> String {
        format!(
            "Record(source={:?}, url={:?}, {} bytes)",
            self.record.source.to_string(),
            self.record.url,
            self.record.bytes.len()
        )
    }
}

/// The records of some paths, in the order `dateline extract` reads them.
/// Records that cannot be read are passed over and listed in `errors`;
/// `counts()` says what was read, yielded, skipped (by reason) and bad.
#[pyclass(name = "Records", module = "dateline")]
pub(crate) struct PyRecords {
    inputs: Mutex<Inputs>,
    errors: Vec<String>,
}

#[pymethods]
impl PyRecords {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> Option<PyRecord> {
        loop {
            // Reading and decompressing need no Python: other threads run.
            let inputs = &self.inputs;
            let next = py.detach(|| inputs.lock().unwrap_or_else(|e| e.into_inner()).next());
            match next? {
                Ok(record) => return Some(PyRecord { record }),
                Err(err) => self.errors.push(err.to_string()),
            }
        }
    }

    /// The records that could not be read, one message each (file and
    /// position, and why).
    #[getter]
    fn errors(&self) -> Vec<String> {
        self.errors.clone()
    }

    /// What has been read so far: `read`, `yielded`, `bad`, and `skipped`
    /// by reason (`not-html`, `http-redirect`, `request`...).
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let inputs = self.inputs.lock().unwrap_or_else(|e| e.into_inner());
        let counts = dateline_input::RecordStream::counts(&*inputs);
        let out = PyDict::new(py);
        out.set_item("read", counts.read)?;
        out.set_item("yielded", counts.yielded)?;
        out.set_item("bad", counts.bad)?;
        let skipped = PyDict::new(py);
        for (reason, n) in &counts.skipped {
            skipped.set_item(*reason, n)?;
        }
        out.set_item("skipped", skipped)?;
        Ok(out)
    }
}

/// Iterates the pages of a file or folder (or a list of them) as Dateline
/// reads them: page files (`.html`, `.htm`, `.txt`, and their `.gz`),
/// WARC files (`.warc`, `.warc.gz`: HTTP `response` and `resource`
/// records, non-HTML and non-2xx records skipped) and JSONL files (one
/// page a line with `html` or `text`, optional `url`, `date`, `site`);
/// folders are walked in name order.
///
/// >>> for record in dateline.read_records("crawl.warc.gz"):
/// ...     article = dateline.extract(record)
#[pyfunction]
pub(crate) fn read_records(paths: &Bound<'_, PyAny>) -> PyResult<PyRecords> {
    let paths: Vec<PathBuf> = match paths.extract::<PathBuf>() {
        Ok(path) => vec![path],
        Err(_) => paths.extract()?,
    };
    Ok(PyRecords {
        inputs: Mutex::new(Inputs::open(&paths, Names::Known)),
        errors: Vec::new(),
    })
}
