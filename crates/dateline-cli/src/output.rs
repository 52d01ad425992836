//! Printers: articles to JSON, JSON lines, plain text and Markdown.

use std::io::Write;

use dateline_model::{Article, BlockKind, EnrichedArticle, Enrichment};

use crate::cli::Format;

/// Writes one article in the chosen format; `enrichment`, if any, joins
/// the JSON formats' object (the text formats have no place for it).
pub fn write_article(
    out: &mut impl Write,
    article: &Article,
    enrichment: Option<&Enrichment>,
    format: Format,
    first: bool,
) -> std::io::Result<()> {
    let object = EnrichedArticle {
        article,
        enrichment,
    };
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &object)?;
            writeln!(out)
        }
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, &object)?;
            writeln!(out)
        }
        Format::Text => {
            if !first {
                writeln!(out, "\n{}\n", "=".repeat(72))?;
            }
            if let Some(title) = &article.title {
                writeln!(out, "{title}\n")?;
            }
            writeln!(out, "{}", article.text)
        }
        Format::Markdown => {
            if !first {
                writeln!(out, "\n---\n")?;
            }
            write!(out, "{}", markdown(article))
        }
    }
}

/// An article as Markdown: title, standfirst, byline line, body, tags.
pub fn markdown(article: &Article) -> String {
    let mut md = String::new();
    if let Some(title) = &article.title {
        md.push_str(&format!("# {title}\n\n"));
    }
    if let Some(description) = &article.description {
        md.push_str(&format!("*{description}*\n\n"));
    }
    let mut byline = Vec::new();
    if !article.authors.is_empty() {
        byline.push(format!("By {}", article.authors.join(", ")));
    }
    if let Some(published) = &article.published {
        byline.push(published.to_string());
    }
    if let Some(site) = &article.site_name {
        byline.push(site.clone());
    }
    if !byline.is_empty() {
        md.push_str(&format!("{}\n\n", byline.join(" · ")));
    }
    for image in &article.images {
        let caption = image.caption.as_deref().unwrap_or("");
        let credit = image
            .credit
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let legend = format!("{caption}{credit}");
        let legend = legend.trim();
        if let Some(url) = &image.url {
            md.push_str(&format!("![{caption}]({url})\n"));
        }
        if !legend.is_empty() {
            md.push_str(&format!("*{legend}*\n"));
        }
        md.push('\n');
    }
    for block in &article.body {
        let text = &block.text;
        match block.kind {
            BlockKind::Paragraph => md.push_str(&format!("{text}\n\n")),
            BlockKind::Heading => md.push_str(&format!("## {text}\n\n")),
            BlockKind::Quote => md.push_str(&format!("> {}\n\n", text.replace('\n', "\n> "))),
            BlockKind::ListItem => md.push_str(&format!("- {text}\n")),
            BlockKind::Preformatted => md.push_str(&format!("```\n{text}\n```\n\n")),
        }
    }
    if !article.tags.is_empty() {
        md.push_str(&format!("\nTags: {}\n", article.tags.join(", ")));
    }
    md
}

#[cfg(test)]
mod tests {
    use dateline_model::Block;

    use super::*;

    #[test]
    fn markdown_renders_each_block_kind() {
        let mut a = Article {
            title: Some("T".into()),
            authors: vec!["A B".into()],
            ..Article::default()
        };
        a.body = vec![
            Block::new(BlockKind::Heading, "H"),
            Block::new(BlockKind::Quote, "Q"),
            Block::new(BlockKind::ListItem, "L"),
            Block::new(BlockKind::Paragraph, "P"),
        ];
        assert_eq!(markdown(&a), "# T\n\nBy A B\n\n## H\n\n> Q\n\n- L\nP\n\n");
    }

    #[test]
    fn images_without_captions_have_no_empty_legend() {
        let mut a = Article::default();
        a.images.push(dateline_model::Image {
            url: Some("https://x.org/a.jpg".into()),
            caption: None,
            credit: None,
        });
        a.images.push(dateline_model::Image {
            url: None,
            caption: Some("Ruins".into()),
            credit: Some("AP".into()),
        });
        assert_eq!(markdown(&a), "![](https://x.org/a.jpg)\n\n*Ruins (AP)*\n\n");
    }
}
