//! The search query language on arbitrary text: every string is a query
//! (never an error, never a panic), and highlights are valid character
//! ranges of their snippet.
#![no_main]

use std::sync::OnceLock;

use dateline_model::{Article, Block, BlockKind, Timestamp};
use dateline_search::{IndexDoc, Interval, Query, SearchIndex};
use libfuzzer_sys::fuzz_target;

/// One small index for the whole run, in a directory of this process.
fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dateline-fuzz-search-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let index = SearchIndex::open_or_create(&dir).expect("index opens");
        let mut writer = index.writer().expect("writer");
        let stories = [
            ("Russians in Raqqa", "https://www.jpost.com/a", "Russian forces entered Raqqa. L'Équipe à Tal Abyad.", "en"),
            ("Élections à Paris", "https://lemonde.fr/b", "Le vote a eu lieu dimanche, « OR » et -moins.", "fr"),
            ("東京の天気", "https://example.jp/c", "東京は晴れ。 OR AND NOT", "ja"),
        ];
        for (id, (title, url, body, lang)) in stories.into_iter().enumerate() {
            let mut article = Article {
                title: Some(title.into()),
                url: Some(url.into()),
                language: Some(lang.into()),
                authors: vec!["Seth J. Frantzman".into()],
                tags: vec!["Syria".into()],
                published: Timestamp::date(2019, 12, 9 + id as u8),
                ..Article::default()
            };
            article.body.push(Block::new(BlockKind::Paragraph, body));
            article.finish_text();
            // Real places and entities, so that place:, country:, person:
            // and org: queries meet terms.
            let enrichment = dateline_enrich::enrich(&article.text, &Default::default());
            writer
                .add(&IndexDoc {
                    id: id as u64 + 1,
                    article: &article,
                    cluster_size: 1,
                    enrichment: Some(&enrichment),
                })
                .expect("add");
        }
        writer.commit(3).expect("commit");
        index.reload().expect("reload");
        index
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let query = Query {
        text: text.to_string(),
        facets: data.len() % 2 == 0,
        histogram: Some(Interval::Week),
        ..Query::default()
    };
    let results = index().search(&query).expect("every string is a query");
    for hit in &results.hits {
        let chars = hit.snippet.chars().count();
        for [start, end] in &hit.highlights {
            assert!(start < end && *end <= chars, "highlight {start}..{end} in {chars} chars");
        }
    }
});
