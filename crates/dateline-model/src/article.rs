use serde::{Deserialize, Serialize};

use crate::Timestamp;

/// One extracted article: metadata, images and body blocks.
///
/// Serialised field names are the public JSON contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Headline.
    pub title: Option<String>,
    /// Standfirst / subtitle / summary.
    pub description: Option<String>,
    /// Publisher name ("The Jerusalem Post").
    pub site_name: Option<String>,
    /// Page address, canonical when known.
    pub url: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// Person names, properly cased, without "By".
    pub authors: Vec<String>,
    /// Publication time.
    pub published: Option<Timestamp>,
    /// Last modification time.
    pub modified: Option<Timestamp>,
    /// Free-form topic tags.
    pub tags: Vec<String>,
    /// Site sections / categories.
    pub categories: Vec<String>,
    /// Images with their captions and credits.
    pub images: Vec<Image>,
    /// Body blocks in reading order.
    pub body: Vec<Block>,
    /// The body blocks joined with blank lines.
    pub text: String,
    /// Where the input came from.
    pub source: Option<Source>,
    /// False for index, tag, search, error and wall pages.
    pub is_article: bool,
    /// Why the page is not an article (or other notable verdicts).
    pub reason: Option<String>,
    /// What kind of page this is, when the extractor can tell (`None` when
    /// unsure). Independent of [`Article::is_article`], the news verdict.
    #[serde(default)]
    pub page_type: Option<PageType>,
}

/// What a page is: the news verdict's wider companion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageType {
    /// A news story, blog post or feature: running text by an author.
    Article,
    /// A discussion thread or question with answers.
    Forum,
    /// One product or offer: description, specifications, price.
    Product,
    /// A curated set of items (a brand's range, a gallery, a category).
    Collection,
    /// A list of links to other pages (search results, an index, a feed).
    Listing,
    /// Technical documentation: reference, guides, code.
    Documentation,
    /// A page about an organisation's service, offer or itself.
    Service,
}

impl PageType {
    /// The name used in JSON and in search filters.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::Forum => "forum",
            Self::Product => "product",
            Self::Collection => "collection",
            Self::Listing => "listing",
            Self::Documentation => "documentation",
            Self::Service => "service",
        }
    }
}

impl Default for Article {
    fn default() -> Self {
        Self {
            title: None,
            description: None,
            site_name: None,
            url: None,
            language: None,
            authors: Vec::new(),
            published: None,
            modified: None,
            tags: Vec::new(),
            categories: Vec::new(),
            images: Vec::new(),
            body: Vec::new(),
            text: String::new(),
            source: None,
            is_article: true,
            reason: None,
            page_type: None,
        }
    }
}

impl Article {
    /// Recomputes [`Article::text`] from the body blocks.
    pub fn finish_text(&mut self) {
        let mut text = String::with_capacity(self.body.iter().map(|b| b.text.len() + 2).sum());
        for block in &self.body {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&block.text);
        }
        self.text = text;
    }

    /// Marks the page as not an article. Its main content stays in `body`
    /// and `text`: a forum thread or a product page is not news, but its
    /// text is still the page's.
    pub fn reject(&mut self, reason: impl Into<String>) {
        self.is_article = false;
        self.reason = Some(reason.into());
    }
}

/// An image of the article.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Image {
    /// Absolute URL when the page address is known.
    pub url: Option<String>,
    /// What the picture shows.
    pub caption: Option<String>,
    /// Photographer / agency, without "photo credit:".
    pub credit: Option<String>,
}

/// One block of body text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text, whitespace normalised.
    pub text: String,
}

impl Block {
    /// A block of `kind` holding `text`.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
        }
    }
}

/// The kinds of body block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// Running text.
    Paragraph,
    /// A sub-heading inside the body.
    Heading,
    /// A block quotation.
    Quote,
    /// One item of a list.
    ListItem,
    /// Preformatted text (code, tables rendered as text).
    Preformatted,
}

/// Where an article came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Source {
    /// Input file path (or `-` for stdin), possibly with a record locator.
    pub path: Option<String>,
    /// Input format.
    pub format: SourceFormat,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// An HTML page.
    #[default]
    Html,
    /// A plain-text dump of a page.
    TextDump,
    /// Clean text given as is.
    Text,
}

impl SourceFormat {
    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::TextDump => "text-dump",
            Self::Text => "text",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_contract_field_names_are_stable() {
        let json = serde_json::to_value(Article::default()).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "authors",
                "body",
                "categories",
                "description",
                "images",
                "is_article",
                "language",
                "modified",
                "page_type",
                "published",
                "reason",
                "site_name",
                "source",
                "tags",
                "text",
                "title",
                "url"
            ]
        );
    }

    #[test]
    fn block_kinds_serialise_in_snake_case() {
        let block = Block::new(BlockKind::ListItem, "x");
        assert_eq!(
            serde_json::to_string(&block).unwrap(),
            r#"{"kind":"list_item","text":"x"}"#
        );
    }

    #[test]
    fn text_joins_blocks_with_blank_lines() {
        let mut a = Article::default();
        a.body.push(Block::new(BlockKind::Paragraph, "one"));
        a.body.push(Block::new(BlockKind::Heading, "two"));
        a.finish_text();
        assert_eq!(a.text, "one\n\ntwo");
    }
}
