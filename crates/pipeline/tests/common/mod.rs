//! Helpers shared by the engine's integration tests.

use std::ops::ControlFlow;

use warta_core::Article;
use warta_pipeline::engine::{Slot, SourceFn, SourceReport};

/// A source of one article per text, with ids `a0`, `a1`, ….
pub fn source(texts: &'static [&'static str]) -> SourceFn {
    Box::new(move |emit: &mut dyn FnMut(Slot) -> ControlFlow<()>| {
        for (i, t) in texts.iter().enumerate() {
            if emit(Slot::article(Article::new(format!("a{i}"), *t))).is_break() {
                break;
            }
        }
        Ok(SourceReport::default())
    })
}
