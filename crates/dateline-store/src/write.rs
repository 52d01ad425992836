//! Adding records to the store: idempotence, deduplication, clusters.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use dateline_dedup::{
    body_hash, canonical_url, site_key, Candidates, Closest, MinHasher, Signature, MAX_CANDIDATES,
    MAX_SAME_URL_CANDIDATES,
};
use dateline_model::{Article, Enrichment, Provenance};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::{Store, StoreError};

/// How often the search index commits while a writer runs.
const INDEX_COMMIT_EVERY: Duration = Duration::from_secs(15);

/// What dedup needs to know about an article, computed where it was
/// extracted (in parallel) so that the single writer only looks things up.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// [`canonical_url`] of the article's URL.
    pub canonical_url: Option<String>,
    /// Hash of the normalised body text.
    pub body_hash: u128,
    /// MinHash signature of the body's word shingles.
    pub signature: Signature,
    /// LSH band keys of the signature.
    pub band_keys: Vec<u64>,
}

impl Fingerprint {
    /// Fingerprints an article's URL and text.
    pub fn of(article: &Article, hasher: &MinHasher) -> Self {
        let signature = hasher.signature(&article.text);
        Self {
            canonical_url: article.url.as_deref().and_then(canonical_url),
            body_hash: body_hash(&article.text),
            band_keys: hasher.band_keys(&signature),
            signature,
        }
    }
}

/// One record for the store.
#[derive(Debug, Clone)]
pub enum NewRecord {
    /// An extracted article and where it came from.
    Article {
        /// The article.
        article: Box<Article>,
        /// Where it came from.
        provenance: Provenance,
        /// Its dedup fingerprint.
        fingerprint: Box<Fingerprint>,
        /// What enrichment found in its text, if it was enriched.
        enrichment: Option<Box<Enrichment>>,
    },
    /// A record that yields no article: remembered so that the next run
    /// does not read it again, and counted by reason.
    NotArticle {
        /// Where it came from.
        provenance: Provenance,
        /// Why it is not an article.
        reason: String,
    },
    /// A record that could not be read or extracted: remembered with its
    /// reason, and tried again by the next run.
    Failed {
        /// Where it came from.
        provenance: Provenance,
        /// What went wrong.
        reason: String,
    },
}

impl NewRecord {
    fn provenance(&self) -> &Provenance {
        match self {
            Self::Article { provenance, .. }
            | Self::NotArticle { provenance, .. }
            | Self::Failed { provenance, .. } => provenance,
        }
    }
}

/// What became of one record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// A new story: a new cluster whose representative this article is.
    Stored {
        /// The new article.
        id: i64,
    },
    /// The same text as a stored article: one more copy of it.
    ExactDuplicate {
        /// The article it copies.
        of: i64,
    },
    /// A lightly different text of a stored story (or an update at the
    /// same URL): a new article in that story's cluster.
    NearDuplicate {
        /// The new article.
        id: i64,
        /// The most similar stored article.
        of: i64,
        /// Their estimated similarity.
        similarity: f64,
    },
    /// This input and position were ingested before: nothing added.
    AlreadyIngested,
    /// Not an article; remembered.
    NotArticle,
    /// Failed; remembered until a run succeeds with it.
    Failed,
}

/// The outcomes of one batch, in record order.
#[derive(Debug, Clone, Default)]
pub struct BatchOutcome {
    /// One outcome per record.
    pub outcomes: Vec<Outcome>,
}

/// Adds records to a store in batches (one transaction each) and keeps the
/// search index in step. Call [`StoreWriter::finish`] at the end; a writer
/// dropped without it loses nothing (the next open indexes what is missing).
pub struct StoreWriter<'a> {
    store: &'a mut Store,
    index: dateline_search::IndexWriter,
    sites: HashMap<String, i64>,
    last_commit: Instant,
    commit_every: Duration,
    pending_index: bool,
    last_id: u64,
}

impl Store {
    /// A writer that adds records to this store.
    pub fn writer(&mut self) -> Result<StoreWriter<'_>, StoreError> {
        self.require_writable()?;
        let index = self.index.writer()?;
        let last_id = self.max_article_id()?;
        Ok(StoreWriter {
            store: self,
            index,
            sites: HashMap::new(),
            last_commit: Instant::now(),
            commit_every: INDEX_COMMIT_EVERY,
            pending_index: false,
            last_id,
        })
    }
}

impl StoreWriter<'_> {
    /// Stores a batch in one transaction: all of it or, on error, none.
    pub fn add_batch(&mut self, records: &[NewRecord]) -> Result<BatchOutcome, StoreError> {
        let tx = self.store.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(records.len());
        for record in records {
            outcomes.push(add_record(&tx, &mut self.sites, record)?);
        }
        tx.commit()?;
        for (record, outcome) in records.iter().zip(&outcomes) {
            match (record, outcome) {
                (
                    NewRecord::Article {
                        article,
                        enrichment,
                        ..
                    },
                    Outcome::Stored { id },
                ) => {
                    self.index.add(&dateline_search::IndexDoc {
                        id: *id as u64,
                        article,
                        cluster_size: 1,
                        enrichment: enrichment.as_deref(),
                    })?;
                    self.pending_index = true;
                    self.last_id = self.last_id.max(*id as u64);
                }
                (_, Outcome::NearDuplicate { id, .. }) => {
                    self.last_id = self.last_id.max(*id as u64);
                }
                _ => {}
            }
        }
        if self.pending_index && self.last_commit.elapsed() >= self.commit_every {
            self.commit_index()?;
        }
        Ok(BatchOutcome { outcomes })
    }

    /// How often the search index commits while batches come (every 15 s
    /// by default: a commit costs tens of milliseconds). Live sources,
    /// whose batches are few and small, commit every batch
    /// (`Duration::ZERO`) so that new stories are searchable at once.
    pub fn set_index_commit_every(&mut self, every: Duration) {
        self.commit_every = every;
    }

    /// Commits the search index and makes everything searchable.
    ///
    /// The index is left in the segments tantivy's merge policy made:
    /// merging them all would map the whole index into memory, which grows
    /// with the store (see [`Store::compact`](crate::Store::compact)).
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.commit_index()?;
        self.store.index.reload()?;
        // Fold the WAL back into the database so that a copy of the store
        // directory (or a read-only open) sees everything.
        self.store
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    fn commit_index(&mut self) -> Result<(), StoreError> {
        self.index.commit(self.last_id)?;
        self.pending_index = false;
        self.last_commit = Instant::now();
        Ok(())
    }
}

fn add_record(
    tx: &Transaction<'_>,
    sites: &mut HashMap<String, i64>,
    record: &NewRecord,
) -> Result<Outcome, StoreError> {
    let provenance = record.provenance();
    let previous: Option<String> = tx
        .prepare_cached("SELECT status FROM records WHERE input = ?1 AND locator = ?2")?
        .query_row(params![provenance.input, provenance.locator], |row| {
            row.get(0)
        })
        .optional()?;
    match previous.as_deref() {
        None => {}
        Some("failed") => {
            tx.prepare_cached("DELETE FROM records WHERE input = ?1 AND locator = ?2")?
                .execute(params![provenance.input, provenance.locator])?;
        }
        Some(_) => return Ok(Outcome::AlreadyIngested),
    }
    let (article, fingerprint, enrichment) = match record {
        NewRecord::Article {
            article,
            fingerprint,
            enrichment,
            ..
        } => (article, fingerprint, enrichment.as_deref()),
        NewRecord::NotArticle { reason, .. } => {
            insert_record(tx, provenance, None, "not-article", Some(reason))?;
            return Ok(Outcome::NotArticle);
        }
        NewRecord::Failed { reason, .. } => {
            insert_record(tx, provenance, None, "failed", Some(reason))?;
            return Ok(Outcome::Failed);
        }
    };
    let hash = fingerprint.body_hash.to_be_bytes();
    if !article.text.trim().is_empty() {
        let same_text: Option<(i64, i64)> = tx
            .prepare_cached("SELECT id, cluster_id FROM articles WHERE body_hash = ?1 LIMIT 1")?
            .query_row([&hash[..]], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        if let Some((id, cluster)) = same_text {
            insert_record(tx, provenance, Some(id), "duplicate", None)?;
            grow_cluster(tx, cluster)?;
            return Ok(Outcome::ExactDuplicate { of: id });
        }
    }
    let similar = most_similar(tx, fingerprint)?;
    let site_id = site_id(tx, sites, article)?;
    let json = serde_json::to_string(article.as_ref()).map_err(|err| StoreError::BadArticle {
        id: 0,
        reason: err.to_string(),
    })?;
    let cluster = match similar {
        Some((_, cluster, _)) => {
            grow_cluster(tx, cluster)?;
            cluster
        }
        None => {
            tx.prepare_cached("INSERT INTO clusters (representative, size) VALUES (0, 1)")?
                .execute([])?;
            tx.last_insert_rowid()
        }
    };
    tx.prepare_cached(
        "INSERT INTO articles (cluster_id, site_id, canonical_url, body_hash, signature, title,
             site_name, language, published, article, enrichment, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
             strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    )?
    .execute(params![
        cluster,
        site_id,
        fingerprint.canonical_url,
        &hash[..],
        fingerprint.signature.to_bytes(),
        article.title,
        article.site_name,
        article.language,
        article.published.map(|t| t.to_string()),
        json,
        enrichment.map(crate::enrichment::to_json).transpose()?,
    ])?;
    let id = tx.last_insert_rowid();
    if let Some(enrichment) = enrichment {
        crate::enrichment::insert_rows(tx, id, enrichment)?;
    }
    {
        let mut band =
            tx.prepare_cached("INSERT OR IGNORE INTO lsh (key, article_id) VALUES (?1, ?2)")?;
        for key in &fingerprint.band_keys {
            // SQLite integers are signed: store the key's bits as i64.
            band.execute(params![*key as i64, id])?;
        }
    }
    insert_record(tx, provenance, Some(id), "stored", None)?;
    Ok(match similar {
        Some((of, _, similarity)) => Outcome::NearDuplicate { id, of, similarity },
        None => {
            tx.prepare_cached("UPDATE clusters SET representative = ?1 WHERE id = ?2")?
                .execute(params![id, cluster])?;
            Outcome::Stored { id }
        }
    })
}

/// The stored article whose story the fingerprinted text joins, by the
/// policy of [`dateline_dedup::Closest`]: `(article, cluster, similarity)`.
/// This gathers the candidates (stored texts sharing a band key, and at the
/// same canonical URL) and their signatures.
fn most_similar(
    tx: &Transaction<'_>,
    fingerprint: &Fingerprint,
) -> Result<Option<(i64, i64, f64)>, StoreError> {
    if fingerprint.signature.is_empty() && fingerprint.canonical_url.is_none() {
        return Ok(None);
    }
    let mut candidates: Candidates<i64> = Candidates::new();
    {
        let mut by_key = tx.prepare_cached("SELECT article_id FROM lsh WHERE key = ?1 LIMIT ?2")?;
        for key in &fingerprint.band_keys {
            let mut rows = by_key.query(params![*key as i64, MAX_CANDIDATES as i64])?;
            while let Some(row) = rows.next()? {
                candidates.add_band_match(row.get(0)?);
            }
            if candidates.is_full() {
                break;
            }
        }
    }
    if let Some(url) = &fingerprint.canonical_url {
        let mut by_url =
            tx.prepare_cached("SELECT id FROM articles WHERE canonical_url = ?1 LIMIT ?2")?;
        let mut rows = by_url.query(params![url, MAX_SAME_URL_CANDIDATES as i64])?;
        while let Some(row) = rows.next()? {
            candidates.add_same_url(row.get(0)?);
        }
    }
    let mut closest = Closest::to(&fingerprint.signature);
    let mut load = tx.prepare_cached("SELECT cluster_id, signature FROM articles WHERE id = ?1")?;
    for (id, same_url) in candidates.iter() {
        let (cluster, bytes): (i64, Option<Vec<u8>>) =
            load.query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        let Some(signature) = bytes.as_deref().and_then(Signature::from_bytes) else {
            continue;
        };
        closest.offer((*id, cluster), &signature, same_url);
    }
    Ok(closest
        .into_match()
        .map(|m| (m.key.0, m.key.1, m.similarity)))
}

fn grow_cluster(tx: &Transaction<'_>, cluster: i64) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE clusters SET size = size + 1 WHERE id = ?1")?
        .execute([cluster])?;
    Ok(())
}

fn insert_record(
    tx: &Transaction<'_>,
    provenance: &Provenance,
    article: Option<i64>,
    status: &str,
    reason: Option<&String>,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO records (input, locator, url, fetched, article_id, status, reason, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    )?
    .execute(params![
        provenance.input,
        provenance.locator,
        provenance.url,
        provenance.fetched,
        article,
        status,
        reason,
    ])?;
    Ok(())
}

/// The site row of an article's [`site_key`], created on first sight.
fn site_id(
    tx: &Transaction<'_>,
    sites: &mut HashMap<String, i64>,
    article: &Article,
) -> Result<Option<i64>, StoreError> {
    let Some(host) = article.url.as_deref().and_then(site_key) else {
        return Ok(None);
    };
    if let Some(id) = sites.get(&host) {
        return Ok(Some(*id));
    }
    tx.prepare_cached("INSERT OR IGNORE INTO sites (host, name) VALUES (?1, ?2)")?
        .execute(params![host, article.site_name])?;
    let id: i64 = tx
        .prepare_cached("SELECT id FROM sites WHERE host = ?1")?
        .query_row([&host], |row| row.get(0))?;
    sites.insert(host, id);
    Ok(Some(id))
}
