//! Codes each line of standard input with the embedded dictionaries and
//! prints its events (source, CAMEO, PLOVER, target, verb, mode,
//! confidence), for checking sentences by hand.
//!
//! ```sh
//! echo "Turkey attacked Syria on Monday." | cargo run --release -p dateline-events --example events-code
//! ```

use std::io::BufRead;

use dateline_events::{Coder, Context};

fn main() {
    let coder = Coder::embedded();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin");
        println!("{line}");
        for e in coder.code_text(&line, &Context::default()) {
            let actor = |a: &Option<dateline_events::EventActor>| {
                a.as_ref()
                    .map_or("-".to_string(), |a| format!("{}({})", a.code, a.surface))
            };
            println!(
                "  {} {} {} {} [{}] {} {:.2}",
                actor(&e.source),
                e.cameo,
                e.plover,
                actor(&e.target),
                e.verb.surface,
                e.mode,
                e.confidence
            );
        }
    }
}
