//! What a per-article stage's statistics count: the bytes of text that
//! entered it (rejected articles included, before the stage shortened any),
//! and CPU time apart from wall time, so that a stage's MB per CPU-second is
//! its speed per core even when its threads wait or are preempted.

use std::sync::Arc;
use std::time::Duration;

use warta_core::{Article, ArticleStage, RejectReason, Result, StageStats};
use warta_pipeline::engine::{execute, EngineOptions, Progress, Sink, Slot, Step};

mod common;
use common::source;

/// Keeps the first word of an article's text; rejects texts that say "bad".
struct FirstWord;

impl ArticleStage for FirstWord {
    fn name(&self) -> &'static str {
        "first_word"
    }
    fn process(&self, a: &mut Article) -> std::result::Result<(), (RejectReason, String)> {
        if a.text.contains("bad") {
            return Err((RejectReason::EmptyText, "said bad".into()));
        }
        let first = a.text.split(' ').next().unwrap_or_default().to_string();
        a.replace_text(first);
        Ok(())
    }
}

/// Does a fixed amount of arithmetic per article.
struct Busy;

impl ArticleStage for Busy {
    fn name(&self) -> &'static str {
        "busy"
    }
    fn process(&self, _: &mut Article) -> std::result::Result<(), (RejectReason, String)> {
        let mut x = 0u64;
        for _ in 0..5_000_000u64 {
            x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
        }
        Ok(())
    }
}

/// Waits without working.
struct Sleepy;

impl ArticleStage for Sleepy {
    fn name(&self) -> &'static str {
        "sleepy"
    }
    fn process(&self, _: &mut Article) -> std::result::Result<(), (RejectReason, String)> {
        std::thread::sleep(Duration::from_millis(60));
        Ok(())
    }
}

struct Discard;

impl Sink for Discard {
    fn accept(&mut self, _: Slot) -> Result<()> {
        Ok(())
    }
    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}

fn stats(texts: &'static [&'static str], stage: Box<dyn ArticleStage>, threads: usize) -> StageStats {
    let opts = EngineOptions { threads, batch_size: 2, ..Default::default() };
    let report = execute(source(texts), vec![Step::PerArticle(stage)], &mut Discard, &opts, Arc::new(Progress::default())).unwrap();
    report.stages.into_iter().next().expect("one stage").1
}

const TEXTS: &[&str] = &["one two three", "bad news here", "four five", "six"];

#[test]
fn bytes_in_are_the_texts_that_entered_the_stage() {
    for threads in [1, 2] {
        let st = stats(TEXTS, Box::new(FirstWord), threads);
        let entered: usize = TEXTS.iter().map(|t| t.len()).sum();
        assert_eq!(st.bytes_in, entered as u64, "{threads} thread(s)");
        assert_eq!((st.articles_in, st.articles_out), (4, 3));
    }
}

#[test]
fn cpu_time_counts_work_and_not_waiting() {
    if !cfg!(unix) {
        return;
    }
    for threads in [1, 2] {
        let busy = stats(TEXTS, Box::new(Busy), threads);
        assert!(busy.cpu_seconds > 0.0, "work was not counted: {busy:?}");
        let sleepy = stats(TEXTS, Box::new(Sleepy), threads);
        // Four 60 ms sleeps: at least 0.24 s of busy (wall) time, almost no CPU.
        assert!(sleepy.busy_seconds >= 0.2, "{sleepy:?}");
        assert!(sleepy.cpu_seconds < 0.05, "waiting counted as CPU time: {sleepy:?}");
    }
}

/// Adds `n` to the edit kinds it is given.
struct Counts(&'static str, &'static [(&'static str, u64)]);

impl ArticleStage for Counts {
    fn name(&self) -> &'static str {
        self.0
    }
    fn process(&self, a: &mut Article) -> std::result::Result<(), (RejectReason, String)> {
        for &(kind, n) in self.1 {
            a.count_edit(kind, n);
        }
        Ok(())
    }
}

#[test]
fn a_stage_counts_the_edits_it_made_not_the_earlier_ones() {
    for threads in [1, 2] {
        let opts = EngineOptions { threads, batch_size: 3, ..Default::default() };
        let steps = vec![
            Step::PerArticle(Box::new(Counts("first", &[("shared", 1), ("first_only", 5)]))),
            Step::PerArticle(Box::new(Counts("second", &[("shared", 2), ("second_only", 1)]))),
        ];
        let report = execute(source(TEXTS), steps, &mut Discard, &opts, Arc::new(Progress::default())).unwrap();
        let edits = |i: usize| report.stages[i].1.edits.iter().map(|(k, v)| (k.as_str(), *v)).collect::<Vec<_>>();
        let n = TEXTS.len() as u64;
        assert_eq!(edits(0), [("first_only", 5 * n), ("shared", n)], "{threads} thread(s)");
        assert_eq!(edits(1), [("second_only", n), ("shared", 2 * n)], "{threads} thread(s)");
    }
}
