use crate::{Article, RejectReason};

/// A stateless, per-article stage: a pure function of one article.
///
/// The pipeline runs it in parallel over batches, so an implementation must
/// not depend on the order or the grouping of articles. It knows nothing of
/// channels, threads, files or terminals.
///
/// Returning `Err((reason, detail))` rejects the article: it is written to
/// `rejects.jsonl` with that reason and goes no further.
pub trait ArticleStage: Send + Sync {
    /// Short lower-case name used in stats, rejects and removals.
    fn name(&self) -> &'static str;

    fn process(&self, article: &mut Article) -> Result<(), (RejectReason, String)>;
}

/// A stateful stage that must see the archive in input order (de-duplication).
///
/// The pipeline hands it consecutive batches in input order, from one thread.
/// The stage returns the articles it is done with; it may hold some back (a
/// `--keep longest` policy must see a cluster's later members before it can
/// choose) and release them in a later call or from [`StreamStage::finish`].
///
/// Contract:
/// - over the whole run, every article handed in comes out exactly once, in
///   input order;
/// - the result does not depend on how the stream was cut into batches, so it
///   is the same for any `--threads` or batch size;
/// - an article judged a duplicate comes out with `article.duplicate` set; the
///   pipeline routes it to `duplicates.jsonl`.
///
/// Work inside a batch may be parallelised (signatures with rayon).
pub trait StreamStage: Send {
    fn name(&self) -> &'static str;

    fn process_batch(&mut self, batch: Vec<Article>) -> Vec<Article>;

    /// Called once after the last batch: releases what was held back.
    fn finish(&mut self) -> Vec<Article> {
        Vec::new()
    }

    /// The stage's whole state after the last released article, as bytes
    /// that a resumed run loads to continue exactly where this one stopped;
    /// `None` when no such point exists now (articles are held back) or the
    /// stage cannot checkpoint. Called between batches; may be costly.
    fn checkpoint(&mut self) -> Option<Vec<u8>> {
        None
    }

    /// Bytes of memory held by state that grows with the archive (an index),
    /// counted by capacity; reported so memory bounds can be stated apart
    /// from it.
    fn state_bytes(&self) -> u64 {
        0
    }
}
