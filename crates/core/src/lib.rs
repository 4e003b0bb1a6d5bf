//! Shared vocabulary of warta: the [`Article`] record that flows through every
//! stage, the stage contracts ([`ArticleStage`], [`StreamStage`]), reject
//! reasons, run statistics and the two wire formats (JSONL with character
//! offsets, and framed bincode with byte offsets).
//!
//! Inside Rust every span is a byte range into `Article::text`. At every JSON
//! boundary spans become Unicode-scalar (character) offsets, which is what
//! Python users index strings by. [`wire`] does that conversion and nothing
//! else may.
//!
//! ```
//! use warta_core::{Article, wire};
//! let mut a = Article::new("a1", "Halo dunia. Apa kabar?");
//! a.sentences.push(warta_core::Span::new(0, 11));
//! let line = wire::to_json_line(&a);
//! let back = wire::from_json_line(&line).unwrap();
//! assert_eq!(back.sentences, a.sentences);
//! ```

mod article;
pub mod contain;
pub mod cpu;
pub mod deadline;
mod error;
pub mod frame;
pub mod indonesian;
pub mod lines;
mod reject;
mod stage;
mod stats;
pub mod swar;
pub mod text;
pub mod wire;

pub use article::{Article, Duplicate, DuplicateKind, Entity, EntitySummary, Extra, Name, Removal, Repair, Source, Span};
pub use error::{Error, Result};
pub use reject::{Reject, RejectReason};
pub use stage::{ArticleStage, StreamStage};
pub use stats::{RunStats, StageStats};
