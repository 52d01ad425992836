//! What documents list, queued: feed items, sitemap entries, the feeds
//! and links of a home page, redirect targets.

use super::polls::PollDoc;
use super::*;

impl Engine {
    /// Adds URLs to the frontier and queues the new ones (documents of a
    /// poll are queued once each per poll, new or not). How many were new.
    pub(super) fn enqueue(
        &mut self,
        urls: Vec<NewUrl>,
        documents: bool,
    ) -> Result<u64, CrawlError> {
        let now = unix_now();
        let added = self.frontier.add_urls(&urls, now)?;
        let mut new = 0;
        for (url, added) in urls.into_iter().zip(added) {
            new += u64::from(added);
            let queue = if documents {
                let Some(poll) = url.source_id.and_then(|id| self.polls.get_mut(&id)) else {
                    continue;
                };
                let first = poll.docs.insert(url.key.clone());
                if first {
                    poll.pending += 1;
                }
                first
            } else {
                added
            };
            if !queue {
                continue;
            }
            let work = if added {
                Work::from_new(&url, documents)
            } else {
                // Known before: its validators make the fetch conditional.
                self.frontier
                    .url(&url.key)?
                    .and_then(|row| Work::from_row(&row, documents))
            };
            if let Some(work) = work {
                self.push(work);
            }
        }
        Ok(new)
    }

    pub(super) fn redirect(&mut self, work: &Work, target: Url) -> Result<(), CrawlError> {
        if work.hops + 1 > self.options.max_redirects {
            self.count_failure(UrlState::Failed, "too-many-redirects");
            return Ok(());
        }
        let new = match (work.document, work.source) {
            (true, Some(source)) => urls::document(&target, work.kind, source, work.hops + 1),
            _ => urls::new_url(
                &target,
                work.kind,
                work.source,
                work.depth,
                work.hops + 1,
                None,
            ),
        };
        self.enqueue(vec![new], work.document)?;
        Ok(())
    }

    pub(super) fn follow_links(
        &mut self,
        work: &Work,
        links: Vec<String>,
    ) -> Result<(), CrawlError> {
        let site = dateline_dedup::site_key(work.url.as_str());
        let mut found: Vec<NewUrl> = Vec::new();
        for url in links.iter().filter_map(|link| Url::parse(link).ok()) {
            if dateline_dedup::site_key(url.as_str()) != site {
                continue;
            }
            // A link back to a document (the home page) is that document.
            if self
                .frontier
                .url(&urls::key(&url, UrlKind::Feed))?
                .is_some()
            {
                continue;
            }
            found.push(urls::new_url(
                &url,
                UrlKind::Page,
                work.source,
                work.depth + 1,
                0,
                None,
            ));
        }
        self.enqueue(found, false)?;
        Ok(())
    }

    /// What a document lists, queued.
    pub(super) fn read_document(
        &mut self,
        work: &Work,
        document: Document,
        unchanged: bool,
        mut limits: PublisherLimits,
    ) -> Result<PollDoc, CrawlError> {
        self.report.documents += 1;
        let source_kind = work
            .source
            .and_then(|id| self.sources.get(&id))
            .map(|s| s.kind);
        // A source of unknown kind is asked for as a page at depth 0 (the
        // only such document it has): its answer says what it is.
        if source_kind == Some(SourceKind::Unknown) && work.kind == UrlKind::Page && work.depth == 0
        {
            let kind = match &document {
                Document::Feed(_) => Some(SourceKind::Feed),
                Document::Sitemap(_) => Some(SourceKind::Sitemap),
                Document::Page(_) => Some(SourceKind::Site),
                Document::Other(_) => None,
            };
            if let (Some(kind), Some(id)) = (kind, work.source) {
                self.frontier.set_source_kind(id, kind)?;
                if let Some(source) = self.sources.get_mut(&id) {
                    source.kind = kind;
                }
            }
        }
        let (listed, documents): (Vec<NewUrl>, Vec<NewUrl>) = match document {
            Document::Feed(feed) => {
                if let Some(ttl) = feed.ttl_minutes {
                    let ttl = Duration::from_secs(u64::from(ttl) * 60);
                    limits.min_interval = Some(limits.min_interval.map_or(ttl, |m| m.max(ttl)));
                }
                if let Some(reason) = feed.repaired {
                    *self.report.repaired.entry(reason).or_default() += 1;
                }
                let items = feed
                    .items
                    .iter()
                    .filter_map(|item| {
                        Url::parse(&item.url)
                            .ok()
                            .map(|url| (url, item.published.clone()))
                    })
                    .map(|(url, date)| {
                        urls::new_url(&url, UrlKind::Article, work.source, 0, 0, date)
                    })
                    .collect();
                (items, Vec::new())
            }
            Document::Sitemap(sitemap) => {
                if let Some(reason) = &sitemap.error {
                    *self.report.repaired.entry(reason.clone()).or_default() += 1;
                }
                let site = dateline_dedup::site_key(work.url.as_str());
                let since = self.options.since.clone();
                let mut entries = Vec::new();
                for entry in &sitemap.entries {
                    let Ok(url) = Url::parse(&entry.loc) else {
                        continue;
                    };
                    if since
                        .as_deref()
                        .is_some_and(|s| !sitemap::on_or_after(entry.date(), s))
                    {
                        *self
                            .report
                            .skipped
                            .entry("older than --since".into())
                            .or_default() += 1;
                        continue;
                    }
                    if !sitemap.is_index && dateline_dedup::site_key(url.as_str()) != site {
                        *self
                            .report
                            .skipped
                            .entry("out of the sitemap's site".into())
                            .or_default() += 1;
                        continue;
                    }
                    entries.push((url, entry.date().map(str::to_string)));
                }
                if sitemap.is_index {
                    let source = work.source.unwrap_or_default();
                    let children = entries
                        .into_iter()
                        .map(|(url, _)| urls::document(&url, UrlKind::Sitemap, source, 0))
                        .collect();
                    (Vec::new(), children)
                } else {
                    let pages = entries
                        .into_iter()
                        .map(|(url, date)| {
                            urls::new_url(&url, UrlKind::Article, work.source, 0, 0, date)
                        })
                        .collect();
                    (pages, Vec::new())
                }
            }
            Document::Page(links) if work.kind == UrlKind::Page => {
                let origin = urls::origin(&work.url);
                let source = work.source.unwrap_or_default();
                let mut documents: Vec<NewUrl> = links
                    .feeds
                    .iter()
                    .filter_map(|f| Url::parse(f).ok())
                    .map(|url| urls::document(&url, UrlKind::Feed, source, 0))
                    .collect();
                for sitemap in self
                    .robots_sitemaps
                    .get(&origin)
                    .cloned()
                    .unwrap_or_default()
                {
                    if let Ok(url) = Url::parse(&sitemap) {
                        documents.push(urls::document(&url, UrlKind::Sitemap, source, 0));
                    }
                }
                if documents.is_empty() {
                    // Neither feed nor sitemap: a bounded crawl of its links.
                    self.follow_links(work, links.links)?;
                }
                (Vec::new(), documents)
            }
            Document::Page(_) => {
                let reason = format!("not a {}: an HTML page", work.kind.as_str());
                self.count_failure(UrlState::Failed, "not-a-feed-or-sitemap");
                return Ok(PollDoc::Failed(reason));
            }
            Document::Other(reason) => {
                self.count_failure(UrlState::Failed, "unreadable-document");
                return Ok(PollDoc::Failed(reason));
            }
        };
        let items = listed.len() as u64;
        let new = self.enqueue(listed, false)?;
        self.report.new_urls += new;
        self.enqueue(documents, true)?;
        Ok(PollDoc::Read {
            items,
            new,
            unchanged,
            limits,
        })
    }
}
