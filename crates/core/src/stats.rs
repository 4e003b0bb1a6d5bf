use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What one stage did over a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StageStats {
    pub articles_in: u64,
    pub articles_out: u64,
    /// Bytes of article text that entered the stage.
    pub bytes_in: u64,
    /// Rejects by reason.
    pub rejected: BTreeMap<String, u64>,
    /// Duplicates by kind (de-duplication only).
    pub duplicates: BTreeMap<String, u64>,
    /// Edits, removals and repairs by kind, summed over articles.
    pub edits: BTreeMap<String, u64>,
    /// Seconds of work in the stage: for per-article stages the time spent
    /// on each article, summed over articles and worker threads (so MB per
    /// busy second is throughput per core); for the stream stage and the
    /// reader, the wall time of their own thread.
    pub busy_seconds: f64,
    /// CPU seconds the worker threads spent in the stage (per-article
    /// stages: the threads' CPU clocks around each piece of work, so time a
    /// thread was preempted on a busy machine does not count, as it does in
    /// `busy_seconds`); 0 when not measured.
    #[serde(default)]
    pub cpu_seconds: f64,
    /// Bytes of memory the stage's growing state (the de-duplication index)
    /// held at the end; memory bounds are stated apart from it.
    #[serde(default)]
    pub state_bytes: u64,
}

impl StageStats {
    /// Megabytes of text per second of busy time (per core, for the
    /// per-article stages).
    pub fn mb_per_second(&self) -> f64 {
        if self.busy_seconds > 0.0 {
            self.bytes_in as f64 / 1e6 / self.busy_seconds
        } else {
            0.0
        }
    }

    /// Megabytes of text per CPU-second in the stage: throughput per core
    /// that does not depend on the machine's load (0 when not measured).
    pub fn mb_per_cpu_second(&self) -> f64 {
        if self.cpu_seconds > 0.0 {
            self.bytes_in as f64 / 1e6 / self.cpu_seconds
        } else {
            0.0
        }
    }

    pub fn merge(&mut self, other: &StageStats) {
        self.articles_in += other.articles_in;
        self.articles_out += other.articles_out;
        self.bytes_in += other.bytes_in;
        self.busy_seconds += other.busy_seconds;
        self.cpu_seconds += other.cpu_seconds;
        self.state_bytes = self.state_bytes.max(other.state_bytes);
        for (k, v) in &other.rejected {
            *self.rejected.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.duplicates {
            *self.duplicates.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.edits {
            *self.edits.entry(k.clone()).or_default() += v;
        }
    }
}

/// The contents of `stats.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunStats {
    pub warta_version: String,
    /// Input records seen (articles + rejects at ingestion).
    pub records_in: u64,
    pub articles: u64,
    pub duplicates: u64,
    pub rejects: u64,
    /// Rejects by reason, over all stages.
    pub rejects_by_reason: BTreeMap<String, u64>,
    pub input_bytes: u64,
    pub wall_seconds: f64,
    pub threads: usize,
    /// Per stage, in pipeline order.
    pub stages: Vec<(String, StageStats)>,
}

impl RunStats {
    /// The accounting identity every run must satisfy.
    pub fn balances(&self) -> bool {
        self.records_in == self.articles + self.duplicates + self.rejects
    }

    /// Adds the statistics of another run over other records (a shard, a
    /// unit of a corpus build), stage by stage.
    pub fn merge(&mut self, other: &RunStats) {
        self.records_in += other.records_in;
        self.articles += other.articles;
        self.duplicates += other.duplicates;
        self.rejects += other.rejects;
        self.input_bytes += other.input_bytes;
        self.wall_seconds += other.wall_seconds;
        self.threads = self.threads.max(other.threads);
        for (k, v) in &other.rejects_by_reason {
            *self.rejects_by_reason.entry(k.clone()).or_default() += v;
        }
        for (name, st) in &other.stages {
            match self.stages.iter_mut().find(|(n, _)| n == name) {
                Some((_, mine)) => mine.merge(st),
                None => self.stages.push((name.clone(), st.clone())),
            }
        }
    }
}
