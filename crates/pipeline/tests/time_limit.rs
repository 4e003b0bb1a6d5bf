//! The per-article time limit: a stage that stalls on one article turns that
//! article into a `timeout` reject and the run goes on, whether the stage
//! checks the deadline (and stops early) or not (and is judged afterwards).

use std::sync::Arc;
use std::time::{Duration, Instant};

use warta_core::{deadline, Article, ArticleStage, RejectReason, Result};
use warta_pipeline::engine::{execute, EngineOptions, Progress, Sink, Slot, Step};

mod common;
use common::source;

/// Loops on articles whose text says "stall" until the deadline stops it
/// (or, with no deadline, for a bounded number of rounds so a failing test ends).
struct CheckingStage;

impl ArticleStage for CheckingStage {
    fn name(&self) -> &'static str {
        "checking"
    }
    fn process(&self, a: &mut Article) -> std::result::Result<(), (RejectReason, String)> {
        if a.text.contains("stall") {
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(20) {
                deadline::check(self.name())?;
                std::hint::spin_loop();
            }
        }
        a.count_edit("seen", 1);
        Ok(())
    }
}

/// Sleeps past any small limit on "slow" articles without ever checking.
struct BlindStage;

impl ArticleStage for BlindStage {
    fn name(&self) -> &'static str {
        "blind"
    }
    fn process(&self, a: &mut Article) -> std::result::Result<(), (RejectReason, String)> {
        if a.text.contains("slow") {
            std::thread::sleep(Duration::from_millis(300));
        }
        Ok(())
    }
}

#[derive(Default)]
struct Collect {
    articles: Vec<String>,
    rejects: Vec<(String, RejectReason, String)>,
}

impl Sink for Collect {
    fn accept(&mut self, slot: Slot) -> Result<()> {
        match slot {
            Slot::Article(a) => self.articles.push(a.id.clone()),
            Slot::Rejected(r) => self.rejects.push((r.id.clone().unwrap_or_default(), r.reason, r.stage.clone())),
        }
        Ok(())
    }
    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}

fn run(texts: &'static [&'static str], steps: Vec<Step>, limit: Option<Duration>, threads: usize) -> Collect {
    let mut sink = Collect::default();
    let opts = EngineOptions { threads, batch_size: 2, article_timeout: limit, ..Default::default() };
    execute(source(texts), steps, &mut sink, &opts, Arc::new(Progress::default())).unwrap();
    sink
}

const TEXTS: &[&str] = &["fine one", "this one will stall", "fine two", "slow but steady", "fine three"];

#[test]
fn a_stage_that_checks_gives_up_on_the_stalled_article_only() {
    for threads in [1, 2] {
        let started = Instant::now();
        let out = run(TEXTS, vec![Step::PerArticle(Box::new(CheckingStage))], Some(Duration::from_millis(100)), threads);
        assert!(started.elapsed() < Duration::from_secs(15), "the deadline did not stop the stalled article");
        assert_eq!(out.articles, ["a0", "a2", "a3", "a4"]);
        assert_eq!(out.rejects, [("a1".to_string(), RejectReason::Timeout, "checking".to_string())]);
    }
}

#[test]
fn a_stage_that_never_checks_is_judged_when_it_returns() {
    let steps = vec![Step::PerArticle(Box::new(BlindStage))];
    let out = run(TEXTS, steps, Some(Duration::from_millis(100)), 2);
    assert_eq!(out.articles, ["a0", "a1", "a2", "a4"]);
    assert_eq!(out.rejects, [("a3".to_string(), RejectReason::Timeout, "blind".to_string())]);
}

#[test]
fn a_timeout_in_one_stage_keeps_the_article_out_of_the_next() {
    let steps = vec![Step::PerArticle(Box::new(BlindStage)), Step::PerArticle(Box::new(CheckingStage))];
    let out = run(&["slow", "fine"], steps, Some(Duration::from_millis(100)), 1);
    assert_eq!(out.articles, ["a1"]);
    assert_eq!(out.rejects, [("a0".to_string(), RejectReason::Timeout, "blind".to_string())]);
}

#[test]
fn without_a_limit_nothing_times_out() {
    let out = run(&["slow", "fine"], vec![Step::PerArticle(Box::new(BlindStage))], None, 1);
    assert_eq!(out.articles, ["a0", "a1"]);
    assert!(out.rejects.is_empty());
}

/// The real per-article stages check the deadline themselves: with one that
/// has already passed, each gives up with `timeout` instead of finishing.
#[test]
fn the_real_stages_check_the_deadline() {
    use warta_normalize::{NormalizeConfig, Normalizer};
    use warta_segment::{SegmentConfig, Segmenter};
    use warta_tag::{TagConfig, Tagger};
    let text = "Presiden Joko Widodo tiba di Jakarta pada hari Senin. Ia disambut warga.\n".repeat(200);
    let stages: Vec<Box<dyn ArticleStage>> = vec![
        Box::new(Normalizer::new(NormalizeConfig::default())),
        Box::new(Segmenter::new(SegmentConfig::default())),
        Box::new(Tagger::embedded(TagConfig::default())),
    ];
    for stage in &stages {
        let mut a = Article::new("a", text.clone());
        a.lang = Some("id".into());
        let finished = {
            let _clock = deadline::start(None);
            stage.process(&mut a)
        };
        assert!(finished.is_ok(), "{}: {finished:?}", stage.name());
        let mut a = Article::new("b", text.clone());
        a.lang = Some("id".into());
        let _clock = deadline::start(Some(Duration::ZERO));
        let (reason, detail) = stage.process(&mut a).expect_err(stage.name());
        assert_eq!(reason, RejectReason::Timeout, "{}", stage.name());
        assert!(detail.starts_with(stage.name()), "{detail}");
    }
}
