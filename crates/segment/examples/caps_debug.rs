//! Diagnostics (session 18): every stop after a lowercase word before a
//! capitalised one in a text file, with what the learned repair reads there
//! (score, gate, clause test, counts), and the repairs the stage makes.
//!
//! ```text
//! cargo run --release -p warta-segment --example caps_debug -- FILE [LANG]
//! ```

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = std::fs::read_to_string(&args[0])?;
    let lang = args.get(1).map_or("id", String::as_str);
    let repaired = warta_segment::find_spurious_stops(&text, lang);
    for s in warta_segment::capitalised_stops(&text, lang) {
        let from = text.floor_char_boundary(s.at.saturating_sub(50));
        let to = text.ceil_char_boundary((s.at + 50).min(text.len()));
        let done = repaired.iter().any(|r| r.at == s.at);
        println!(
            "{} score {:7.1} gated {} vb {} va {} wb {} wa {} capel {} lowel {} writer {} quote {} labelled {} next s/m/e/cm {}/{}/{}/{} pair {}/{} prev end/mid {}/{} | {}",
            if done { "REPAIRED" } else { "left    " },
            s.score,
            s.gated as u8,
            s.verb_before as u8,
            s.verb_after as u8,
            s.words_before,
            s.words_after,
            s.next_capitalised_elsewhere as u8,
            s.next_lowercase_elsewhere as u8,
            s.writer_ends as u8,
            s.in_quote as u8,
            s.labelled as u8,
            s.next_start,
            s.next_mid,
            s.next_end,
            s.next_cap_mid,
            s.pair_lower_elsewhere,
            s.pair_same_elsewhere,
            s.run_on.end,
            s.run_on.mid,
            text[from..to].replace('\n', " | ")
        );
    }
    for r in &repaired {
        let from = text.floor_char_boundary(r.at.saturating_sub(30));
        println!("repair {:?} {}", r.kind, text[from..text.ceil_char_boundary((r.at + 30).min(text.len()))].replace('\n', " | "));
    }
    Ok(())
}
