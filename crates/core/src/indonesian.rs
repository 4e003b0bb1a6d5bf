//! Indonesian word formation that more than one stage reads: the forms of
//! the nasal prefixes meN- and peN-. Normalisation tells a derived word
//! from two glued ones with it ("menulis" is meN-tulis, not "men ulis"),
//! and segmentation tells a verb from a noun ("membangun": "bangun").

/// One form of the nasal prefix: what follows "me" / "pe" ("ng", "ny",
/// "m", "n" or nothing), the root-initial consonant it replaces before a
/// vowel ("menulis": tulis, "memakai": pakai), and the root-initial letters
/// it stands before unchanged ("membangun", "mendengar", "menggali").
#[derive(Debug, Clone, Copy)]
pub struct NasalForm {
    pub nasal: &'static str,
    pub replaces: Option<u8>,
    pub keeps: &'static [u8],
}

/// The forms, longest nasal first ("meng" before "men" before "me").
pub const NASAL_FORMS: [NasalForm; 5] = [
    NasalForm { nasal: "ng", replaces: Some(b'k'), keeps: b"aeiough" },
    NasalForm { nasal: "ny", replaces: Some(b's'), keeps: b"" },
    NasalForm { nasal: "m", replaces: Some(b'p'), keeps: b"bfv" },
    NasalForm { nasal: "n", replaces: Some(b't'), keeps: b"cdjz" },
    NasalForm { nasal: "", replaces: None, keeps: b"lmnrwy" },
];

/// The active (meN-) forms of a lower-case root, without suffixes: the
/// nasal the root's first letter takes, with a replaced consonant dropped
/// ("pakai": "memakai") and kept ("punya": "mempunyai"; "sosialisasi":
/// "mensosialisasikan", an s-root in loan words takes "men"). A root whose
/// first letter no form lists takes plain "me".
pub fn active_forms(root: &str) -> [Option<String>; 2] {
    let Some(&first) = root.as_bytes().first() else { return [None, None] };
    for form in &NASAL_FORMS {
        if form.replaces == Some(first) {
            // (An ASCII consonant: the rest starts on a character boundary.)
            let rest = &root[1..];
            let kept = if first == b's' { format!("men{root}") } else { format!("me{}{root}", form.nasal) };
            return [Some(format!("me{}{rest}", form.nasal)), Some(kept)];
        }
        if form.keeps.contains(&first) {
            return [Some(format!("me{}{root}", form.nasal)), None];
        }
    }
    [Some(format!("me{root}")), None]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_forms_follow_the_roots_first_letter() {
        let forms = |root: &str| active_forms(root).into_iter().flatten().collect::<Vec<_>>();
        assert_eq!(forms("pakai"), ["memakai", "mempakai"]);
        assert_eq!(forms("bangun"), ["membangun"]);
        assert_eq!(forms("tulis"), ["menulis", "mentulis"]);
        assert_eq!(forms("dengar"), ["mendengar"]);
        assert_eq!(forms("kirim"), ["mengirim", "mengkirim"]);
        assert_eq!(forms("ambil"), ["mengambil"]);
        assert_eq!(forms("sapu"), ["menyapu", "mensapu"]);
        assert_eq!(forms("lihat"), ["melihat"]);
        assert_eq!(forms("x"), ["mex"]);
        assert_eq!(forms("éclair"), ["meéclair"]);
        assert_eq!(forms(""), Vec::<String>::new());
    }
}
