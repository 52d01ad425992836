//! The Dateline article contract.
//!
//! Every stage (extract, ingest, store, enrich, server) speaks these types.
//! The JSON form of [`Article`] is a public contract: fields may be added,
//! never renamed or dropped.
//!
//! ```
//! use dateline_model::{Article, Block, BlockKind, Timestamp};
//!
//! let mut article = Article::default();
//! article.title = Some("Russians in Raqqa".into());
//! article.published = Timestamp::parse_iso("2019-12-09T17:34:00");
//! article.body.push(Block::new(BlockKind::Paragraph, "Russian forces entered Raqqa."));
//! article.finish_text();
//! let json = serde_json::to_value(&article).unwrap();
//! assert_eq!(json["published"], "2019-12-09T17:34:00");
//! assert_eq!(json["text"], "Russian forces entered Raqqa.");
//! ```

mod article;
pub mod calendar;
mod enrichment;
mod event;
mod provenance;
mod timestamp;

pub use article::{Article, Block, BlockKind, Image, Source, SourceFormat};
pub use enrichment::{EnrichedArticle, Enrichment, Entity, Focus, PlaceMention, Quantity};
pub use event::{Event, EventActor, Span, Surface};
pub use provenance::Provenance;
pub use timestamp::Timestamp;
