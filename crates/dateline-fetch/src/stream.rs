//! The crawl as a record source: the pages it fetches, in the order they
//! come, for the pipeline.

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use dateline_input::{Counts, InputError, Next, Record, RecordStream};

/// The pages a crawl hands on: a [`RecordStream`] that ends when the crawl
/// does, and says [`Next::Idle`] while it waits for answers.
pub struct CrawlStream {
    pub(crate) records: Receiver<Result<Record, InputError>>,
    pub(crate) counts: Counts,
}

impl CrawlStream {
    fn count(&mut self, item: &Result<Record, InputError>) {
        self.counts.read += 1;
        match item {
            Ok(_) => self.counts.yielded += 1,
            Err(_) => self.counts.bad += 1,
        }
    }
}

impl Iterator for CrawlStream {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.records.recv().ok()?;
        self.count(&item);
        Some(item)
    }
}

impl RecordStream for CrawlStream {
    fn counts(&self) -> &Counts {
        &self.counts
    }

    fn next_within(&mut self, wait: Duration) -> Next {
        match self.records.recv_timeout(wait) {
            Ok(item) => {
                self.count(&item);
                Next::Record(item)
            }
            Err(RecvTimeoutError::Timeout) => Next::Idle,
            Err(RecvTimeoutError::Disconnected) => Next::End,
        }
    }
}
