//! Writes a model file again in the current file form (re-encoding, not
//! retraining), and checks that the new file reads back to exactly the
//! same model: every key, weight, transition, scale (bit for bit),
//! profile, cluster and note.
//!
//! cargo run --release -p warta-tag --example reencode_model -- IN OUT
//!
//! Session 21 wrote `model/ner.bin.zst` of version 2 (bincode 2) again as
//! version 3 (fixed-width arrays, `model::ModelFile::to_bytes`) with
//! `-- crates/tag/model/ner.bin.zst crates/tag/model/ner.bin.zst`.

use warta_tag::model::ModelFile;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: reencode_model IN OUT");
        std::process::exit(2);
    };
    let old_bytes = std::fs::read(input).expect("model readable");
    let model = ModelFile::from_bytes(&old_bytes).expect("a warta-tag model");
    let bytes = model.to_bytes();
    let back = ModelFile::from_bytes(&bytes).expect("the new form reads back");
    assert_eq!(back, model, "the new form reads back to the same model");
    for (a, b) in back.langs.iter().zip(&model.langs) {
        assert_eq!(a.scale.to_bits(), b.scale.to_bits(), "scale of {}", a.lang);
    }
    std::fs::write(output, &bytes).expect("model written");
    eprintln!(
        "{input} ({} bytes) -> {output} ({} bytes, version {}): the same model",
        old_bytes.len(),
        bytes.len(),
        back.version
    );
}
