//! Prints, per token, the feature keys that push one BILOU tag over another
//! most (a debugging aid): each key is named by its group (the token's own
//! word form, a neighbour's form in its role, or a context template) and its
//! place in that group, with its weight difference (1/20 nat units):
//! cargo run --release -p warta-tag --example explain -- model.bin en B-ORG B-PER "Google Inc."
//! (`--profile NAME` before the model adds that set's weights; `EXPLAIN_ROWS=N` shows N rows)
use warta_tag::features::{self, Role, SentenceView};
use warta_tag::gazetteer::Gazetteer;
use warta_tag::model::{Clusters, LangWeights, ModelFile, N_TAGS};

const BILOU: [&str; N_TAGS] = [
    "O", "B-PER", "I-PER", "L-PER", "U-PER", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "B-LOC", "I-LOC",
    "L-LOC", "U-LOC",
];

const GAZ_CLASSES: [&str; warta_tag::gazetteer::N_CLASSES] = [
    "country",
    "city",
    "region",
    "lochead",
    "orghead",
    "orgsuffix",
    "title",
    "pertrigger",
    "org",
    "givenname",
    "newsagency",
    "surname",
    "firstname",
    "company",
    "orgen",
];

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut profile_name = None;
    if args.first().map(String::as_str) == Some("--profile") && args.len() > 1 {
        profile_name = Some(args[1].clone());
        args.drain(..2);
    }
    if args.len() < 5 {
        eprintln!("usage: explain [--profile NAME] MODEL LANG TAG_A TAG_B SENTENCE...");
        return;
    }
    let file = ModelFile::from_bytes(&std::fs::read(&args[0]).expect("model readable"))
        .expect("model valid");
    let lang = file
        .langs
        .iter()
        .find(|l| l.lang == args[1])
        .expect("language in model");
    let weights = LangWeights::from_file(lang);
    let profile = profile_name.map(|p| weights.profile_id(&p).expect("profile in model"));
    let clusters = Clusters::new(&file.cluster_words, &file.cluster_ids);
    let tag = |name: &str| BILOU.iter().position(|t| *t == name).expect("BILOU tag");
    let (a, b) = (tag(&args[2]), tag(&args[3]));
    let gazetteer = Gazetteer::embedded_for(&weights.lang);
    let emissions = |keys: &[u64]| {
        let mut e = [0i32; N_TAGS];
        match profile {
            Some(p) => weights.emissions_profiled(keys, p, &mut e),
            None => weights.emissions(keys, &mut e),
        }
        e
    };
    // How many rows per token (`EXPLAIN_ROWS`, default 16).
    let shown_rows: usize = std::env::var("EXPLAIN_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    for s in &args[4..] {
        let toks = warta_tag::tokenize::tokenize(s, &[]);
        let words: Vec<&str> = toks.iter().map(|x| x.slice(s)).collect();
        let (mut lower, mut shape_buf) = (String::new(), String::new());
        let mut lowers = Vec::new();
        let bases: Vec<_> = words
            .iter()
            .map(|w| {
                let start = lower.len();
                let base = features::word_base(w, &clusters, &gazetteer, &mut lower, &mut shape_buf);
                lowers.push((start, lower.len()));
                base
            })
            .collect();
        let lw = |j: usize| &lower[lowers[j].0..lowers[j].1];
        let (mut gaz, mut buf, mut starts) = (Vec::new(), String::new(), Vec::new());
        gazetteer.annotate((0..words.len()).map(lw), &mut gaz, &mut buf, &mut starts);
        let (mut run_start, mut run_end) = (Vec::new(), Vec::new());
        features::capital_runs(&bases, &mut run_start, &mut run_end);
        let view = SentenceView {
            bases: &bases,
            gaz: &gaz,
            shape: features::sentence_shape(&words),
            run_start: &run_start,
            run_end: &run_end,
        };
        for (i, w) in words.iter().enumerate() {
            // (group name, keys) in the tagger's grouping.
            let mut groups: Vec<(String, Vec<u64>)> = Vec::new();
            for (role, offset, name) in [
                (Role::Own, 0isize, "own"),
                (Role::Prev1, -1, "prev1"),
                (Role::Prev2, -2, "prev2"),
                (Role::Next1, 1, "next1"),
                (Role::Next2, 2, "next2"),
            ] {
                let j = i as isize + offset;
                if j < 0 || j as usize >= words.len() {
                    continue;
                }
                let mut keys = Vec::new();
                features::role_keys(&bases[j as usize], lw(j as usize), role, &mut keys);
                groups.push((format!("{name}[{}]", words[j as usize]), keys));
            }
            let mut pair = Vec::new();
            features::pair_keys(&view, i, &mut pair);
            groups.push(("pair".into(), pair));
            let c = features::small_context(&view, i);
            let mut k = Vec::new();
            features::shape_context_keys(c.shape_context, &mut k);
            groups.push((format!("shape-context{:?}", c.shape_context), k));
            let mut k = Vec::new();
            features::position_keys(c.position, &mut k);
            groups.push((format!("position{:?}", c.position), k));
            if let Some(r) = c.run_shape {
                groups.push((format!("run{r:?}"), vec![features::run_shape_key(r)]));
            }
            for (pos, trigger) in c.triggers.iter().enumerate() {
                if *trigger != 0 {
                    let at = ["-2", "-1", "+1", "+2"][pos];
                    groups.push((
                        format!("trigger{at}#{trigger}"),
                        vec![features::trigger_key(pos, *trigger, c.shape_class)],
                    ));
                }
            }
            for (pos, bits) in c.gazetteer.iter().enumerate() {
                for bit in 0..(2 * warta_tag::gazetteer::N_CLASSES) as u8 {
                    if bits & (1 << bit) != 0 {
                        let at = ["0", "-1", "+1", "-2", "+2"][pos];
                        let part = if bit % 2 == 0 { "begin" } else { "cont" };
                        let mut k = Vec::new();
                        features::gazetteer_keys(
                            pos,
                            bit,
                            c.shape_class,
                            c.gazetteer_trust,
                            &mut k,
                        );
                        groups.push((
                            format!("gaz{at}:{}-{part}", GAZ_CLASSES[bit as usize / 2]),
                            k,
                        ));
                    }
                }
            }
            let mut total = [0i32; N_TAGS];
            let mut rows: Vec<(String, i32)> = Vec::new();
            for (name, keys) in &groups {
                let mut group_sum = 0;
                for (j, &key) in keys.iter().enumerate() {
                    let e = emissions(&[key]);
                    for (t, x) in total.iter_mut().zip(e) {
                        *t += x;
                    }
                    let d = e[a] - e[b];
                    group_sum += d;
                    if d != 0 && keys.len() > 1 {
                        rows.push((format!("{name}.{j}"), d));
                    }
                }
                if group_sum != 0 {
                    rows.push((name.to_string(), group_sum));
                }
            }
            rows.sort_by_key(|r| -r.1.abs());
            let shown: Vec<String> = rows
                .iter()
                .take(shown_rows)
                .map(|(n, d)| format!("{n} {d:+}"))
                .collect();
            println!(
                "{w}: {} - {} = {}\n    {}",
                BILOU[a],
                BILOU[b],
                total[a] - total[b],
                shown.join(", ")
            );
        }
    }
}
