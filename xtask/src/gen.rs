//! A deterministic generator of news-like archives for benchmarks.
//!
//! The text is assembled from word pools and sentence patterns written for
//! this project (no article is copied). It carries the noise the pipeline
//! exists to remove, at controlled rates: boilerplate lines, datelines,
//! non-breaking spaces, curly quotes, spurious full stops, repeated title
//! lines, injected fragments, exact and near-duplicate articles.

use std::io::Write;

/// SplitMix64: small, fast and identical on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ID_PEOPLE: &[&str] = &[
    "Presiden Joko Widodo", "Menteri Keuangan Sri Mulyani", "Gubernur DKI Jakarta Heru Budi", "Wali Kota Surabaya Eri Cahyadi",
    "Kapolri Listyo Sigit", "Ketua DPR Puan Maharani", "Menteri Perdagangan Zulkifli Hasan", "Direktur Utama Pertamina Nicke Widyawati",
    "Bupati Bandung Dadang Supriatna", "Kepala BMKG Dwikorita Karnawati",
];
const ID_PLACES: &[&str] = &[
    "Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Yogyakarta", "Semarang", "Denpasar", "Palembang", "Balikpapan",
    "Kabupaten Bogor", "Provinsi Jawa Timur", "Nusa Tenggara Barat", "Kalimantan Timur",
];
const ID_ORGS: &[&str] = &[
    "Bank Indonesia", "Kementerian Keuangan", "PT Pertamina (Persero)", "Badan Pusat Statistik", "Komisi Pemberantasan Korupsi",
    "PT Telkom Indonesia Tbk", "Otoritas Jasa Keuangan", "Universitas Indonesia", "Dinas Perhubungan", "PSSI",
];
const ID_VERBS: &[&str] = &[
    "mengumumkan", "menyatakan", "menegaskan", "meresmikan", "meninjau", "membahas", "menyetujui", "menolak", "mengkritik",
    "mendukung", "menargetkan", "mengevaluasi",
];
const ID_OBJECTS: &[&str] = &[
    "kebijakan subsidi energi", "pembangunan jalan tol", "harga bahan pokok", "program bantuan sosial", "rencana anggaran daerah",
    "proyek transportasi massal", "penanganan banjir", "tarif listrik", "kualitas udara", "produksi beras nasional",
    "investasi asing", "pelayanan kesehatan",
];
const ID_TAILS: &[&str] = &[
    "dalam konferensi pers di kantornya", "setelah rapat terbatas pada hari Senin", "di hadapan para wartawan",
    "usai meninjau lokasi secara langsung", "dalam keterangan tertulis yang diterima media", "pada Selasa (12/11/2024)",
    "menjelang akhir tahun anggaran", "di tengah sorotan publik",
];
const ID_CONNECT: &[&str] = &["Menurut", "Selain itu,", "Sementara itu,", "Di sisi lain,", "Oleh karena itu,", "Namun,"];
const ID_BOILER: &[&str] = &[
    "Baca juga: Harga Emas Hari Ini Naik Tipis", "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Simak juga video berikut ini",
    "Editor: Rina Puspita", "Baca Juga",
];
const ID_DATELINES: &[&str] = &["JAKARTA, KOMPAS.com - ", "Liputan6.com, Jakarta - ", "TEMPO.CO, Jakarta - ", "Jakarta (ANTARA) - "];

const EN_PEOPLE: &[&str] = &[
    "Prime Minister Keir Starmer", "Mr. Daniel Hughes", "Dr. Sarah Collins", "Sen. Mark Warner", "Gov. Gavin Newsom",
    "Chancellor Rachel Reeves", "Ms. Priya Patel", "Prof. Alan Green",
];
const EN_PLACES: &[&str] = &["London", "Manchester", "New York", "Washington", "Calif.", "Sydney", "Toronto", "Singapore"];
const EN_ORGS: &[&str] = &[
    "the Bank of England", "Acme Corp.", "the U.S. Treasury", "Globex Inc.", "the World Health Organization",
    "the European Commission", "Oxford University", "the Federal Reserve",
];
const EN_VERBS: &[&str] = &["announced", "criticised", "defended", "approved", "rejected", "reviewed", "proposed", "welcomed"];
const EN_OBJECTS: &[&str] = &[
    "a new spending plan", "the interest rate decision", "tighter rules on emissions", "a rail investment programme",
    "the trade agreement", "changes to the tax code", "the housing strategy", "an inquiry into the contract",
];
const EN_TAILS: &[&str] = &[
    "on Tuesday", "at a press conference in the capital", "in a statement released late on Friday",
    "after weeks of negotiations", "despite strong opposition", "during a visit on Sept. 14",
];
const EN_BOILER: &[&str] = &["Share this article", "Advertisement", "Copyright © 2024 News Ltd. All rights reserved."];

fn sentence(rng: &mut Rng, id: bool) -> String {
    if id {
        let mut s = format!(
            "{} {} {} di {} {}.",
            rng.pick(ID_PEOPLE),
            rng.pick(ID_VERBS),
            rng.pick(ID_OBJECTS),
            rng.pick(ID_PLACES),
            rng.pick(ID_TAILS)
        );
        if rng.chance(0.3) {
            s = format!(
                "{} {} {} senilai Rp{}.{:03} miliar, kata {} kepada wartawan.",
                rng.pick(ID_CONNECT),
                rng.pick(ID_ORGS),
                rng.pick(ID_VERBS),
                rng.below(900) + 10,
                rng.below(1000),
                rng.pick(ID_PEOPLE)
            );
        }
        if rng.chance(0.15) {
            s = format!("“{}”", s.trim_end_matches('.').to_string() + ",” ujarnya. “Kami optimistis.");
        }
        s
    } else {
        let mut s = format!(
            "{} {} {} in {} {}.",
            rng.pick(EN_PEOPLE),
            rng.pick(EN_VERBS),
            rng.pick(EN_OBJECTS),
            rng.pick(EN_PLACES),
            rng.pick(EN_TAILS)
        );
        if rng.chance(0.25) {
            s = format!(
                "Officials at {} said the cost could reach ${}.{} billion by 2026.",
                rng.pick(EN_ORGS),
                rng.below(90) + 1,
                rng.below(10)
            );
        }
        s
    }
}

/// One article as a JSON line (without the newline), and its text size.
fn article(rng: &mut Rng, n: u64) -> (String, String) {
    let id_lang = rng.chance(0.7);
    let title = {
        let s = sentence(rng, id_lang);
        s.trim_end_matches('.').trim_matches(|c| c == '“' || c == '”').to_string()
    };
    let paragraphs = 4 + rng.below(9);
    let mut body = Vec::new();
    let fragment = sentence(rng, id_lang);
    for p in 0..paragraphs {
        let mut para = String::new();
        if p == 0 && id_lang && rng.chance(0.5) {
            para.push_str(rng.pick(ID_DATELINES));
        }
        for k in 0..(1 + rng.below(4)) {
            if k > 0 {
                para.push(' ');
            }
            let mut s = sentence(rng, id_lang);
            if rng.chance(0.03) {
                // A spurious full stop after a function word.
                s = s.replacen(" di ", " di. ", 1);
            }
            if rng.chance(0.05) {
                s = s.replacen(' ', "\u{a0}", 1);
            }
            para.push_str(&s);
        }
        if rng.chance(0.05) {
            para.push(' ');
            para.push_str(&fragment);
        }
        body.push(para);
        if rng.chance(0.12) {
            body.push(rng.pick(if id_lang { ID_BOILER } else { EN_BOILER }).to_string());
        }
        if p == 1 && rng.chance(0.1) {
            body.push(title.clone());
        }
    }
    let text = body.join("\n");
    let lang = if id_lang { "id" } else { "en" };
    let line = serde_json::json!({
        "id": format!("gen-{n:08}"),
        "title": title,
        "text": text,
        "lang": lang,
        "url": format!("https://news.example/{lang}/{n}"),
        "date": format!("2024-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
    })
    .to_string();
    (line, text)
}

/// Writes about `target_bytes` of JSONL to `out`; returns (articles, text bytes).
///
/// About 5% of articles are exact copies of an earlier one (new id) and 3%
/// near copies (a few words changed), the rates of a real news crawl.
pub fn generate(out: &mut dyn Write, target_bytes: u64, seed: u64) -> std::io::Result<(u64, u64)> {
    let mut rng = Rng::new(seed);
    let mut written = 0u64;
    let mut text_bytes = 0u64;
    let mut n = 0u64;
    let mut recent: Vec<(String, String)> = Vec::new();
    while written < target_bytes {
        let (line, text) = if !recent.is_empty() && rng.chance(0.05) {
            let (l, t) = recent[rng.below(recent.len())].clone();
            let mut v: serde_json::Value = serde_json::from_str(&l).expect("generated JSON");
            v["id"] = format!("gen-{n:08}").into();
            (v.to_string(), t)
        } else if !recent.is_empty() && rng.chance(0.03) {
            let (l, t) = recent[rng.below(recent.len())].clone();
            let mut v: serde_json::Value = serde_json::from_str(&l).expect("generated JSON");
            let edited = t.replacen("mengumumkan", "menyampaikan", 1).replacen("announced", "said", 1) + " Tambahan.";
            v["id"] = format!("gen-{n:08}").into();
            v["text"] = edited.clone().into();
            (v.to_string(), edited)
        } else {
            article(&mut rng, n)
        };
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        written += line.len() as u64 + 1;
        text_bytes += text.len() as u64;
        if recent.len() < 512 {
            recent.push((line, text));
        } else {
            let i = rng.below(recent.len());
            recent[i] = (line, text);
        }
        n += 1;
    }
    Ok((n, text_bytes))
}
