//! The web UI's files, compiled into the binary: no CDN, no files beside
//! the binary, and no path ever reaches the file system (names are looked
//! up in a fixed table, so `..` has nothing to traverse).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const INDEX_HTML: &[u8] = include_bytes!("../assets/index.html");

/// The content type of the UI's ES modules (`<script type="module">` and
/// their `import`s need a JavaScript type; `nosniff` forbids guessing).
const JS: &str = "text/javascript; charset=utf-8";

/// Every file under `/assets/`. The scripts are ES modules: app.js, the
/// entry, imports the others by `./name.js` (a test below checks that every
/// name imported is listed here).
const ASSETS: &[Asset] = &[
    Asset {
        // The entry module (index.html loads it); it imports the others.
        name: "app.js",
        content_type: JS,
        bytes: include_bytes!("../assets/app.js"),
    },
    Asset {
        name: "dom.js",
        content_type: JS,
        bytes: include_bytes!("../assets/dom.js"),
    },
    Asset {
        name: "map.js",
        content_type: JS,
        bytes: include_bytes!("../assets/map.js"),
    },
    Asset {
        name: "text.js",
        content_type: JS,
        bytes: include_bytes!("../assets/text.js"),
    },
    Asset {
        name: "dates.js",
        content_type: JS,
        bytes: include_bytes!("../assets/dates.js"),
    },
    Asset {
        name: "api.js",
        content_type: JS,
        bytes: include_bytes!("../assets/api.js"),
    },
    Asset {
        name: "state.js",
        content_type: JS,
        bytes: include_bytes!("../assets/state.js"),
    },
    Asset {
        name: "routing.js",
        content_type: JS,
        bytes: include_bytes!("../assets/routing.js"),
    },
    Asset {
        name: "results.js",
        content_type: JS,
        bytes: include_bytes!("../assets/results.js"),
    },
    Asset {
        name: "facets.js",
        content_type: JS,
        bytes: include_bytes!("../assets/facets.js"),
    },
    Asset {
        name: "timeline.js",
        content_type: JS,
        bytes: include_bytes!("../assets/timeline.js"),
    },
    Asset {
        name: "highlights.js",
        content_type: JS,
        bytes: include_bytes!("../assets/highlights.js"),
    },
    Asset {
        name: "reader.js",
        content_type: JS,
        bytes: include_bytes!("../assets/reader.js"),
    },
    Asset {
        name: "place.js",
        content_type: JS,
        bytes: include_bytes!("../assets/place.js"),
    },
    Asset {
        name: "eventcodes.js",
        content_type: JS,
        bytes: include_bytes!("../assets/eventcodes.js"),
    },
    Asset {
        name: "search.js",
        content_type: JS,
        bytes: include_bytes!("../assets/search.js"),
    },
    Asset {
        name: "events.js",
        content_type: JS,
        bytes: include_bytes!("../assets/events.js"),
    },
    Asset {
        // The world basemap (Natural Earth via world-atlas), drawn by map.js;
        // made by data/build_basemap.py.
        name: "world.json",
        content_type: "application/json",
        bytes: include_bytes!("../assets/world.json"),
    },
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../assets/app.css"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../assets/favicon.svg"),
    },
];

/// `GET /`, `GET /article/{id}` and `GET /place/{id}`: the UI's page;
/// its script routes on the address.
pub async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        INDEX_HTML,
    )
        .into_response()
}

/// `GET /assets/{name}`.
pub async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|asset| asset.name == name) {
        Some(asset) => (
            [
                (header::CONTENT_TYPE, asset.content_type),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            asset.bytes,
        )
            .into_response(),
        None => ApiError::new(StatusCode::NOT_FOUND, format!("no asset {name:?}")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn text(asset: &Asset) -> &'static str {
        std::str::from_utf8(asset.bytes).expect("UTF-8")
    }

    fn scripts() -> impl Iterator<Item = &'static Asset> {
        ASSETS.iter().filter(|a| a.name.ends_with(".js"))
    }

    /// The module specifiers of a script's static imports and re-exports
    /// (`import ... from './x.js';`, `import './x.js';`, `export ... from
    /// './x.js';`), each statement starting a line and ending at `;`.
    fn specifiers(source: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut lines = source.lines();
        while let Some(line) = lines.next() {
            let starts = [
                "import ", "import{", "import'", "import\"", "export {", "export *",
            ];
            if !starts.iter().any(|s| line.starts_with(s)) {
                continue;
            }
            let mut statement = line.to_string();
            while !statement.contains(';') {
                statement.push_str(lines.next().expect("the statement ends with ;"));
            }
            let statement = statement[..statement.find(';').unwrap()].trim_end();
            let Some(quote) = statement.chars().last().filter(|c| matches!(c, '\'' | '"')) else {
                continue; // `export { a, b };` re-exports nothing
            };
            let body = &statement[..statement.len() - 1];
            let open = body.rfind(quote).expect("an opening quote");
            found.push(body[open + 1..].to_string());
        }
        found
    }

    #[test]
    fn every_import_names_an_embedded_module_by_one_spelling() {
        let names: BTreeSet<&str> = scripts().map(|a| a.name).collect();
        let mut imports = 0;
        for script in scripts() {
            let source = text(script);
            assert_eq!(script.content_type, JS, "{}", script.name);
            assert!(
                source.starts_with("//"),
                "{} starts with a comment saying what it holds",
                script.name
            );
            assert!(
                !source.contains("import("),
                "{}: no dynamic import() (this test could not follow it)",
                script.name
            );
            for spec in specifiers(source) {
                imports += 1;
                // Always `./name.js`: a module is keyed by its resolved URL, so
                // `/assets/x.js` or `./x.js?v=2` beside `./x.js` would load it twice.
                let name = spec.strip_prefix("./").unwrap_or("");
                assert!(
                    name.ends_with(".js")
                        && name
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.'),
                    "{}: import {spec:?} is not spelled ./name.js",
                    script.name
                );
                assert!(
                    names.contains(name),
                    "{}: imports {spec:?}, which is not embedded in ASSETS",
                    script.name
                );
            }
        }
        assert!(
            imports >= 15,
            "found only {imports} imports: is the scan broken?"
        );
    }

    #[test]
    fn every_script_on_disk_is_embedded_and_reached_from_app_js() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".js") {
                assert!(
                    scripts().any(|a| a.name == name),
                    "assets/{name} is not listed in ASSETS"
                );
            }
        }
        let mut reached = BTreeSet::from(["app.js".to_string()]);
        let mut queue = vec!["app.js".to_string()];
        while let Some(name) = queue.pop() {
            let Some(script) = scripts().find(|a| a.name == name) else {
                continue; // not embedded: the test above names it
            };
            for spec in specifiers(text(script)) {
                let name = spec.trim_start_matches("./").to_string();
                if reached.insert(name.clone()) {
                    queue.push(name);
                }
            }
        }
        let all: BTreeSet<String> = scripts().map(|a| a.name.to_string()).collect();
        assert_eq!(reached, all, "every embedded module is imported");
    }

    #[test]
    fn the_page_loads_app_js_as_its_only_script_and_names_embedded_assets() {
        let html = std::str::from_utf8(INDEX_HTML).unwrap();
        assert_eq!(html.matches("<script").count(), 1, "one script element");
        assert!(html.contains(r#"<script type="module" src="/assets/app.js"></script>"#));
        for (at, _) in html.match_indices("/assets/") {
            let name: String = html[at + "/assets/".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
                .collect();
            assert!(
                ASSETS.iter().any(|a| a.name == name),
                "index.html names /assets/{name}, which is not embedded"
            );
        }
    }
}
