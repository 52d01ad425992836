//! The Parquet schema and how one record fills it.
//!
//! Both live in this file because they must change together: [`encode`]
//! visits the leaves in the order [`SCHEMA`] declares them, and
//! [`Columns::leaf`] checks every name.
//!
//! Lists follow the standard three-level LIST layout
//! (`<name> (LIST) { repeated group list { element } }`), which DuckDB,
//! Spark, DataFusion and pyarrow all read as native lists. Lists and
//! required fields are `required` because the article contract never leaves
//! them out; an empty list is an empty list, not a null.

use dateline_model::{BlockKind, Enrichment, Event, EventActor, Timestamp};

use super::columns::{Columns, Value};
use crate::ExportRecord;

/// The schema, in Parquet's message-type notation.
pub(crate) const SCHEMA: &str = "
message article {
  required int64 id;
  required int64 cluster_id;
  required int64 cluster_size;
  optional binary title (STRING);
  optional binary description (STRING);
  optional binary site_name (STRING);
  optional binary url (STRING);
  optional binary language (STRING);
  required group authors (LIST) {
    repeated group list {
      required binary element (STRING);
    }
  }
  optional binary published (STRING);
  optional int32 published_date (DATE);
  optional binary modified (STRING);
  required group tags (LIST) {
    repeated group list {
      required binary element (STRING);
    }
  }
  required group categories (LIST) {
    repeated group list {
      required binary element (STRING);
    }
  }
  required group images (LIST) {
    repeated group list {
      required group element {
        optional binary url (STRING);
        optional binary caption (STRING);
        optional binary credit (STRING);
      }
    }
  }
  required group body (LIST) {
    repeated group list {
      required group element {
        required binary kind (STRING);
        required binary text (STRING);
      }
    }
  }
  required binary text (STRING);
  optional group source {
    optional binary path (STRING);
    required binary format (STRING);
  }
  required boolean is_article;
  optional binary reason (STRING);
  required group provenance (LIST) {
    repeated group list {
      required group element {
        required binary input (STRING);
        required binary locator (STRING);
        optional binary url (STRING);
        optional binary fetched (STRING);
      }
    }
  }
  required boolean enriched;
  required group places (LIST) {
    repeated group list {
      required group element {
        required binary name (STRING);
        required binary surface (STRING);
        required int64 start;
        required int64 end;
        required int64 geonames_id;
        required double lat;
        required double lon;
        required binary country_code (STRING);
        required binary kind (STRING);
      }
    }
  }
  required group entities (LIST) {
    repeated group list {
      required group element {
        required binary name (STRING);
        required binary kind (STRING);
        required binary surface (STRING);
        required int64 start;
        required int64 end;
      }
    }
  }
  required group quantities (LIST) {
    repeated group list {
      required group element {
        required binary text (STRING);
        required double value;
        required binary unit (STRING);
        optional binary qualifier (STRING);
        required binary category (STRING);
        required int64 start;
        required int64 end;
      }
    }
  }
  required group events (LIST) {
    repeated group list {
      required group element {
        required int64 sentence_start;
        required int64 sentence_end;
        required binary cameo (STRING);
        required binary plover (STRING);
        required binary mode (STRING);
        optional binary source_code (STRING);
        optional binary source_country (STRING);
        optional binary source_sector (STRING);
        optional binary source_name (STRING);
        optional binary target_code (STRING);
        optional binary target_country (STRING);
        optional binary target_sector (STRING);
        optional binary target_name (STRING);
        required binary verb (STRING);
        optional int64 geonames_id;
        optional binary date (STRING);
        required double confidence;
      }
    }
  }
}
";

/// Appends `record` as one row.
pub(crate) fn encode(columns: &mut Columns, record: &ExportRecord<'_>) {
    let a = record.article;
    let mut row = Row { columns, bytes: 0 };
    row.required("id", Value::Int64(record.id));
    row.required("cluster_id", Value::Int64(record.cluster_id));
    // Spark has no unsigned integers; no cluster comes near 2^63 copies.
    let size = i64::try_from(record.cluster_size).unwrap_or(i64::MAX);
    row.required("cluster_size", Value::Int64(size));
    row.optional("title", a.title.as_deref().map(Value::Str));
    row.optional("description", a.description.as_deref().map(Value::Str));
    row.optional("site_name", a.site_name.as_deref().map(Value::Str));
    row.optional("url", a.url.as_deref().map(Value::Str));
    row.optional("language", a.language.as_deref().map(Value::Str));
    row.list("authors.list.element", &a.authors, |s| Some(Value::Str(s)));
    let published = a.published.map(|t| t.to_string());
    row.optional("published", published.as_deref().map(Value::Str));
    let published_date = a.published.map(|t| Value::Int32(days_since_epoch(t)));
    row.optional("published_date", published_date);
    let modified = a.modified.map(|t| t.to_string());
    row.optional("modified", modified.as_deref().map(Value::Str));
    row.list("tags.list.element", &a.tags, |s| Some(Value::Str(s)));
    row.list("categories.list.element", &a.categories, |s| {
        Some(Value::Str(s))
    });
    row.list("images.list.element.url", &a.images, |i| {
        i.url.as_deref().map(Value::Str)
    });
    row.list("images.list.element.caption", &a.images, |i| {
        i.caption.as_deref().map(Value::Str)
    });
    row.list("images.list.element.credit", &a.images, |i| {
        i.credit.as_deref().map(Value::Str)
    });
    row.list("body.list.element.kind", &a.body, |b| {
        Some(Value::Str(block_kind(b.kind)))
    });
    row.list("body.list.element.text", &a.body, |b| {
        Some(Value::Str(&b.text))
    });
    row.required("text", Value::Str(&a.text));
    // A missing source is null at level 0, a source without a path null at
    // level 1: readers then tell "no source" from "source, path unknown".
    let (path, path_def) = match &a.source {
        None => (None, 0),
        Some(source) => match &source.path {
            None => (None, 1),
            Some(path) => (Some(Value::Str(path)), 2),
        },
    };
    row.put("source.path", path, path_def, 0);
    let format = a.source.as_ref().map(|s| Value::Str(s.format.as_str()));
    row.optional("source.format", format);
    row.required("is_article", Value::Bool(a.is_article));
    row.optional("reason", a.reason.as_deref().map(Value::Str));
    let provenance = record.provenance;
    row.list("provenance.list.element.input", provenance, |p| {
        Some(Value::Str(&p.input))
    });
    row.list("provenance.list.element.locator", provenance, |p| {
        Some(Value::Str(&p.locator))
    });
    row.list("provenance.list.element.url", provenance, |p| {
        p.url.as_deref().map(Value::Str)
    });
    row.list("provenance.list.element.fetched", provenance, |p| {
        p.fetched.as_deref().map(Value::Str)
    });
    encode_enrichment(&mut row, record.enrichment);
    let bytes = row.bytes;
    columns.end_row(bytes);
}

/// `enriched` and the places, entities, quantities and events (empty lists for
/// an article stored without enrichment).
fn encode_enrichment(row: &mut Row<'_>, enrichment: Option<&Enrichment>) {
    row.required("enriched", Value::Bool(enrichment.is_some()));
    let places = enrichment.map_or(&[][..], |e| &e.places[..]);
    let offset = |n: usize| Value::Int64(i64::try_from(n).unwrap_or(i64::MAX));
    row.list("places.list.element.name", places, |p| {
        Some(Value::Str(&p.name))
    });
    row.list("places.list.element.surface", places, |p| {
        Some(Value::Str(&p.surface))
    });
    row.list("places.list.element.start", places, |p| {
        Some(offset(p.start))
    });
    row.list("places.list.element.end", places, |p| Some(offset(p.end)));
    row.list("places.list.element.geonames_id", places, |p| {
        Some(Value::Int64(p.geonames_id.into()))
    });
    row.list("places.list.element.lat", places, |p| {
        Some(Value::Double(p.lat))
    });
    row.list("places.list.element.lon", places, |p| {
        Some(Value::Double(p.lon))
    });
    row.list("places.list.element.country_code", places, |p| {
        Some(Value::Str(&p.country_code))
    });
    row.list("places.list.element.kind", places, |p| {
        Some(Value::Str(&p.kind))
    });
    let entities = enrichment.map_or(&[][..], |e| &e.entities[..]);
    row.list("entities.list.element.name", entities, |e| {
        Some(Value::Str(&e.name))
    });
    row.list("entities.list.element.kind", entities, |e| {
        Some(Value::Str(&e.kind))
    });
    row.list("entities.list.element.surface", entities, |e| {
        Some(Value::Str(&e.surface))
    });
    row.list("entities.list.element.start", entities, |e| {
        Some(offset(e.start))
    });
    row.list("entities.list.element.end", entities, |e| {
        Some(offset(e.end))
    });
    let quantities = enrichment.map_or(&[][..], |e| &e.quantities[..]);
    row.list("quantities.list.element.text", quantities, |q| {
        Some(Value::Str(&q.text))
    });
    row.list("quantities.list.element.value", quantities, |q| {
        Some(Value::Double(q.value))
    });
    row.list("quantities.list.element.unit", quantities, |q| {
        Some(Value::Str(&q.unit))
    });
    row.list("quantities.list.element.qualifier", quantities, |q| {
        q.qualifier.as_deref().map(Value::Str)
    });
    row.list("quantities.list.element.category", quantities, |q| {
        Some(Value::Str(&q.category))
    });
    row.list("quantities.list.element.start", quantities, |q| {
        Some(offset(q.start))
    });
    row.list("quantities.list.element.end", quantities, |q| {
        Some(offset(q.end))
    });
    encode_events(row, enrichment.map_or(&[][..], |e| &e.events[..]));
}

/// The events, flat: each actor's fields side by side, null without one.
fn encode_events(row: &mut Row<'_>, events: &[Event]) {
    let offset = |n: usize| Value::Int64(i64::try_from(n).unwrap_or(i64::MAX));
    let column = |name: &str| format!("events.list.element.{name}");
    row.list(&column("sentence_start"), events, |e| {
        Some(offset(e.sentence.start))
    });
    row.list(&column("sentence_end"), events, |e| {
        Some(offset(e.sentence.end))
    });
    row.list(&column("cameo"), events, |e| Some(Value::Str(&e.cameo)));
    row.list(&column("plover"), events, |e| Some(Value::Str(&e.plover)));
    row.list(&column("mode"), events, |e| Some(Value::Str(&e.mode)));
    encode_actor(row, events, "source", |e| e.source.as_ref());
    encode_actor(row, events, "target", |e| e.target.as_ref());
    row.list(&column("verb"), events, |e| {
        Some(Value::Str(&e.verb.surface))
    });
    row.list(&column("geonames_id"), events, |e| {
        e.location
            .as_ref()
            .map(|p| Value::Int64(p.geonames_id.into()))
    });
    row.list(&column("date"), events, |e| {
        e.date.as_deref().map(Value::Str)
    });
    row.list(&column("confidence"), events, |e| {
        Some(Value::Double(e.confidence.into()))
    });
}

/// One side's actor columns (`source_code`, ...) of the events.
fn encode_actor(
    row: &mut Row<'_>,
    events: &[Event],
    side: &str,
    actor_of: fn(&Event) -> Option<&EventActor>,
) {
    let column = |name: &str| format!("events.list.element.{side}_{name}");
    row.list(&column("code"), events, |e| {
        actor_of(e).map(|a| Value::Str(&a.code))
    });
    row.list(&column("country"), events, |e| {
        actor_of(e)
            .and_then(|a| a.country.as_deref())
            .map(Value::Str)
    });
    row.list(&column("sector"), events, |e| {
        actor_of(e)
            .and_then(|a| a.sector.as_deref())
            .map(Value::Str)
    });
    row.list(&column("name"), events, |e| {
        actor_of(e).map(|a| Value::Str(&a.name))
    });
}

/// The row being encoded, with its size so far.
struct Row<'c> {
    columns: &'c mut Columns,
    bytes: usize,
}

impl Row<'_> {
    fn put(&mut self, path: &str, value: Option<Value<'_>>, def: i16, rep: i16) {
        self.bytes += self.columns.leaf(path).put(value, def, rep);
    }

    /// A leaf that is always present.
    fn required(&mut self, path: &str, value: Value<'_>) {
        self.put(path, Some(value), 0, 0);
    }

    /// A nullable leaf whose parents are all required.
    fn optional(&mut self, path: &str, value: Option<Value<'_>>) {
        let leaf = self.columns.leaf(path);
        let def = if value.is_some() {
            leaf.max_def()
        } else {
            leaf.max_def() - 1
        };
        self.bytes += leaf.put(value, def, 0);
    }

    /// One field of the elements of a required list: the list's first
    /// element starts the row (repetition level 0), the others continue it;
    /// an empty list leaves a single slot at definition level 0.
    fn list<T>(&mut self, path: &str, items: &[T], field: impl Fn(&T) -> Option<Value<'_>>) {
        let leaf = self.columns.leaf(path);
        let max_def = leaf.max_def();
        if items.is_empty() {
            self.bytes += leaf.put(None, 0, 0);
            return;
        }
        for (i, item) in items.iter().enumerate() {
            let rep = i16::from(i > 0);
            let value = field(item);
            let def = if value.is_some() {
                max_def
            } else {
                max_def - 1
            };
            self.bytes += leaf.put(value, def, rep);
        }
    }
}

/// The block kind as the JSON contract spells it.
fn block_kind(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Paragraph => "paragraph",
        BlockKind::Heading => "heading",
        BlockKind::Quote => "quote",
        BlockKind::ListItem => "list_item",
        BlockKind::Preformatted => "preformatted",
    }
}

/// Days from 1970-01-01 to the stamp's calendar date, as Parquet's DATE
/// wants. The date is the one the page states, in its own time zone: a
/// story published late on the 9th in Jerusalem stays on the 9th.
pub(crate) fn days_since_epoch(t: Timestamp) -> i32 {
    // Stated dates are years 1000-9999: always within i32 days.
    t.day_number() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_matches_known_dates() {
        let day = |s| days_since_epoch(Timestamp::parse_iso(s).unwrap());
        assert_eq!(day("1970-01-01"), 0);
        assert_eq!(day("1969-12-31"), -1);
        assert_eq!(day("2000-03-01"), 11_017);
        assert_eq!(day("2010-01-01"), 14_610);
        assert_eq!(day("2019-12-09T23:59:00+02:00"), 18_239);
        assert_eq!(day("2024-02-29"), 19_782);
    }

    #[test]
    fn block_kinds_match_the_json_contract() {
        for kind in [
            BlockKind::Paragraph,
            BlockKind::Heading,
            BlockKind::Quote,
            BlockKind::ListItem,
            BlockKind::Preformatted,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), block_kind(kind));
        }
    }
}
