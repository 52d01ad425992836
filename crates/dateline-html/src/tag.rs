//! Known HTML element names as a compact enum.

macro_rules! tags {
    ($($variant:ident => $name:literal,)*) => {
        /// An HTML element name. Names outside this list are [`Tag::Other`]
        /// and keep their text in the document.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Tag { $($variant,)* Other }

        impl Tag {
            /// Looks up a lower-case element name.
            pub fn from_name(name: &[u8]) -> Tag {
                match name { $($name => Tag::$variant,)* _ => Tag::Other }
            }

            /// The lower-case element name (`""` for [`Tag::Other`]).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Tag::$variant => std::str::from_utf8($name).unwrap_or(""),)*
                    Tag::Other => "",
                }
            }
        }
    };
}

tags! {
    A => b"a", Abbr => b"abbr", Address => b"address", Area => b"area", Article => b"article",
    Aside => b"aside", Audio => b"audio", B => b"b", Base => b"base", Bdi => b"bdi", Bdo => b"bdo",
    Blockquote => b"blockquote", Body => b"body", Br => b"br", Button => b"button",
    Canvas => b"canvas", Caption => b"caption", Center => b"center", Cite => b"cite", Code => b"code",
    Col => b"col", Colgroup => b"colgroup", Data => b"data", Dd => b"dd", Del => b"del",
    Details => b"details", Dfn => b"dfn", Dialog => b"dialog", Div => b"div", Dl => b"dl", Dt => b"dt",
    Em => b"em", Embed => b"embed", Fieldset => b"fieldset", Figcaption => b"figcaption",
    Figure => b"figure", Font => b"font", Footer => b"footer", Form => b"form", Frame => b"frame",
    Frameset => b"frameset", H1 => b"h1", H2 => b"h2", H3 => b"h3", H4 => b"h4", H5 => b"h5",
    H6 => b"h6", Head => b"head", Header => b"header", Hgroup => b"hgroup", Hr => b"hr",
    Html => b"html", I => b"i", Iframe => b"iframe", Img => b"img", Input => b"input", Ins => b"ins",
    Kbd => b"kbd", Label => b"label", Legend => b"legend", Li => b"li", Link => b"link",
    Main => b"main", Map => b"map", Mark => b"mark", Menu => b"menu", Meta => b"meta",
    Nav => b"nav", Noscript => b"noscript", Object => b"object", Ol => b"ol",
    Optgroup => b"optgroup", Option => b"option", Output => b"output", P => b"p", Param => b"param",
    Picture => b"picture", Plaintext => b"plaintext", Pre => b"pre", Q => b"q", S => b"s", Samp => b"samp",
    Script => b"script", Section => b"section", Select => b"select", Small => b"small",
    Source => b"source", Span => b"span", Strike => b"strike", Strong => b"strong", Style => b"style",
    Sub => b"sub", Summary => b"summary", Sup => b"sup", Svg => b"svg", Math => b"math",
    Table => b"table", Tbody => b"tbody", Td => b"td", Template => b"template",
    Textarea => b"textarea", Tfoot => b"tfoot", Th => b"th", Thead => b"thead", Time => b"time",
    Title => b"title", Tr => b"tr", Track => b"track", Tt => b"tt", U => b"u", Ul => b"ul",
    Var => b"var", Video => b"video", Wbr => b"wbr", Xmp => b"xmp", Noembed => b"noembed",
    Noframes => b"noframes", Marquee => b"marquee", Applet => b"applet", Nobr => b"nobr",
    Big => b"big", Listing => b"listing", Dir => b"dir", Search => b"search",
}

impl Tag {
    /// Elements that never have children.
    pub fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Area
                | Tag::Base
                | Tag::Br
                | Tag::Col
                | Tag::Embed
                | Tag::Hr
                | Tag::Img
                | Tag::Input
                | Tag::Link
                | Tag::Meta
                | Tag::Param
                | Tag::Source
                | Tag::Track
                | Tag::Wbr
                | Tag::Frame
        )
    }

    /// Headings `h1`..`h6`.
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }

    /// Elements a browser lays out as blocks (line breaks around them).
    pub fn is_block(self) -> bool {
        self.closes_p()
            || matches!(
                self,
                Tag::Li
                    | Tag::Dd
                    | Tag::Dt
                    | Tag::Tr
                    | Tag::Td
                    | Tag::Th
                    | Tag::Br
                    | Tag::Body
                    | Tag::Html
                    | Tag::Caption
                    | Tag::Tbody
                    | Tag::Thead
                    | Tag::Tfoot
                    | Tag::Option
                    | Tag::Legend
                    | Tag::Noscript
                    | Tag::Iframe
                    | Tag::Video
                    | Tag::Audio
                    | Tag::Canvas
                    | Tag::Picture
                    | Tag::Object
                    | Tag::Embed
                    | Tag::Frameset
                    | Tag::Dialog
            )
    }

    /// Start tags that implicitly close an open `<p>`.
    pub(crate) fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Center
                | Tag::Details
                | Tag::Dialog
                | Tag::Dir
                | Tag::Div
                | Tag::Dl
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Header
                | Tag::Hgroup
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Search
                | Tag::Section
                | Tag::Summary
                | Tag::Ul
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Pre
                | Tag::Listing
                | Tag::Form
                | Tag::Plaintext
                | Tag::Table
                | Tag::Hr
                | Tag::Xmp
        )
    }

    /// Elements whose end tags stop the search for a stray end tag of an
    /// inline element (the HTML "special" category).
    pub(crate) fn is_special(self) -> bool {
        self.closes_p()
            || matches!(
                self,
                Tag::Applet
                    | Tag::Area
                    | Tag::Base
                    | Tag::Body
                    | Tag::Br
                    | Tag::Button
                    | Tag::Caption
                    | Tag::Col
                    | Tag::Colgroup
                    | Tag::Dd
                    | Tag::Dt
                    | Tag::Embed
                    | Tag::Frame
                    | Tag::Frameset
                    | Tag::Head
                    | Tag::Html
                    | Tag::Iframe
                    | Tag::Img
                    | Tag::Input
                    | Tag::Li
                    | Tag::Link
                    | Tag::Marquee
                    | Tag::Meta
                    | Tag::Noembed
                    | Tag::Noframes
                    | Tag::Noscript
                    | Tag::Object
                    | Tag::Param
                    | Tag::Script
                    | Tag::Select
                    | Tag::Source
                    | Tag::Style
                    | Tag::Tbody
                    | Tag::Td
                    | Tag::Template
                    | Tag::Textarea
                    | Tag::Tfoot
                    | Tag::Th
                    | Tag::Thead
                    | Tag::Title
                    | Tag::Tr
                    | Tag::Track
                    | Tag::Wbr
            )
    }

    /// Elements that bound the search for an open element "in scope".
    pub(crate) fn is_scope_boundary(self) -> bool {
        matches!(
            self,
            Tag::Applet
                | Tag::Caption
                | Tag::Html
                | Tag::Table
                | Tag::Td
                | Tag::Th
                | Tag::Marquee
                | Tag::Object
                | Tag::Template
                | Tag::Svg
                | Tag::Math
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in ["a", "div", "figcaption", "h3", "noscript", "svg"] {
            assert_eq!(Tag::from_name(name.as_bytes()).as_str(), name);
        }
        assert_eq!(Tag::from_name(b"amp-img"), Tag::Other);
    }
}
