//! Language identification: one language per text, with a confidence, or
//! `"unknown"` on short or mixed text.
//!
//! Two steps:
//! 1. **Script.** Letters are counted by script. A text mostly in one
//!    non-Latin script gets that script's language (Han → `zh`, kana → `ja`,
//!    Hangul → `ko`, Arabic → `ar`/`fa`/`ur` by their distinct letters,
//!    Cyrillic → `ru`/`uk`/`bg`/`kk`, …).
//! 2. **Latin text: function words.** The share of word tokens that are
//!    frequent function words of each language (lists of facts, written here)
//!    decides among the Latin-script languages; Indonesian and Malay share most
//!    of theirs, so the two are then told apart by words one uses and the other
//!    does not (`bahwa`/`bahawa`, `karena`/`kerana`, `persen`/`peratus`,
//!    `Senin`/`Isnin`, `Juni`/`Jun`, …).
//!
//! Only the first [`SAMPLE_BYTES`] of a text are read: news language does not
//! change after the first paragraphs, and this keeps the stage fast.

/// Bytes of the text that are looked at.
pub const SAMPLE_BYTES: usize = 768;
/// Fewer letters than this: "unknown".
const MIN_LETTERS: usize = 12;
/// Fewer Latin word tokens than this: "unknown".
const MIN_TOKENS: usize = 3;
/// Below this confidence the answer is "unknown".
const MIN_CONFIDENCE: f32 = 0.35;

/// Frequent function words per Latin-script language, sorted for binary
/// search. Indonesian and Malay get the words they share; their differences
/// are in [`ID_ONLY`] and [`MS_ONLY`].
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    ("da", &["af", "alle", "at", "blev", "bliver", "da", "de", "den", "der", "det", "efter", "eller", "en", "er", "et", "for", "fra", "har", "hun", "hvis", "hvor", "i", "ikke", "jeg", "kan", "med", "men", "nu", "når", "og", "om", "os", "på", "sig", "skal", "som", "til", "var", "ved", "vi", "være"]),
    ("de", &["als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "dem", "den", "der", "des", "die", "du", "ein", "eine", "einem", "einen", "einer", "er", "es", "für", "hat", "ich", "im", "in", "ist", "mit", "nach", "nicht", "noch", "nur", "sich", "sie", "sind", "und", "von", "vor", "war", "werden", "wie", "wird", "zu", "zum", "zur", "über"]),
    ("en", &["a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "for", "from", "get", "had", "has", "have", "he", "her", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "last", "like", "make", "may", "me", "more", "most", "my", "new", "no", "not", "now", "of", "on", "one", "only", "or", "other", "our", "out", "over", "said", "she", "should", "since", "so", "some", "still", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "two", "under", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "will", "with", "would", "year", "years", "you", "your"]),
    ("es", &["al", "como", "con", "de", "del", "el", "en", "entre", "es", "esta", "este", "ha", "han", "la", "las", "le", "lo", "los", "más", "no", "o", "para", "pero", "por", "que", "se", "sin", "sobre", "su", "sus", "también", "un", "una", "y", "ya", "él"]),
    ("fr", &["au", "aux", "avec", "ce", "cette", "dans", "de", "des", "du", "elle", "en", "est", "et", "il", "ils", "je", "la", "le", "les", "leur", "mais", "ne", "nous", "on", "ont", "ou", "par", "pas", "plus", "pour", "qu", "que", "qui", "sa", "se", "son", "sont", "sur", "un", "une", "à", "été"]),
    ("id", &["ada", "adalah", "adanya", "agar", "akan", "antara", "apa", "atas", "atau", "bagaimana", "bagi", "bahkan", "baik", "banyak", "begitu", "beliau", "belum", "berbagai", "bersama", "besar", "cukup", "dalam", "dan", "dapat", "dari", "demikian", "dengan", "di", "dia", "dua", "hal", "hanya", "hari", "harus", "hingga", "ia", "ingin", "ini", "itu", "jadi", "jika", "juga", "kali", "kami", "kata", "ke", "kembali", "kemudian", "kepada", "ketika", "kita", "lagi", "lain", "lalu", "lebih", "maka", "mana", "masih", "masing", "mau", "melalui", "memang", "menjadi", "menurut", "mereka", "mulai", "namun", "oleh", "orang", "pada", "paling", "para", "pihak", "pula", "pun", "salah", "sama", "sangat", "satu", "sebagai", "sebanyak", "sebelum", "sebuah", "secara", "sedang", "sedangkan", "sehingga", "sejak", "sejumlah", "sekitar", "selain", "selama", "semua", "sendiri", "seperti", "sering", "serta", "setiap", "siapa", "sudah", "tahun", "tak", "tanpa", "tapi", "telah", "tentang", "tentu", "terhadap", "termasuk", "terus", "tetapi", "tidak", "tiga", "turut", "untuk", "waktu", "yaitu", "yakni", "yang"]),
    ("it", &["al", "alla", "anche", "che", "ci", "come", "con", "da", "dal", "dei", "del", "della", "di", "e", "gli", "ha", "i", "il", "in", "la", "le", "lo", "ma", "nel", "nella", "non", "per", "più", "si", "sono", "su", "sua", "suo", "tra", "un", "una", "è"]),
    ("ms", &["ada", "adalah", "adanya", "agar", "akan", "antara", "apa", "atas", "atau", "bagaimana", "bagi", "bahkan", "baik", "banyak", "begitu", "beliau", "belum", "berbagai", "bersama", "besar", "cukup", "dalam", "dan", "dapat", "dari", "demikian", "dengan", "di", "dia", "dua", "hal", "hanya", "hari", "harus", "hingga", "ia", "ingin", "ini", "itu", "jadi", "jika", "juga", "kali", "kami", "kata", "ke", "kembali", "kemudian", "kepada", "ketika", "kita", "lagi", "lain", "lalu", "lebih", "maka", "mana", "masih", "masing", "mau", "melalui", "memang", "menjadi", "menurut", "mereka", "mulai", "namun", "oleh", "orang", "pada", "paling", "para", "pihak", "pula", "pun", "salah", "sama", "sangat", "satu", "sebagai", "sebanyak", "sebelum", "sebuah", "secara", "sedang", "sedangkan", "sehingga", "sejak", "sejumlah", "sekitar", "selain", "selama", "semua", "sendiri", "seperti", "sering", "serta", "setiap", "siapa", "sudah", "tahun", "tak", "tanpa", "tapi", "telah", "tentang", "tentu", "terhadap", "termasuk", "terus", "tetapi", "tidak", "tiga", "turut", "untuk", "waktu", "yaitu", "yakni", "yang"]),
    ("nl", &["aan", "al", "als", "bij", "dat", "de", "die", "dit", "door", "een", "en", "er", "geen", "had", "heb", "heeft", "het", "hij", "ik", "in", "is", "je", "maar", "met", "naar", "niet", "nog", "of", "om", "ook", "op", "over", "te", "tot", "uit", "van", "voor", "was", "wat", "werd", "wordt", "zal", "ze", "zich", "zijn"]),
    ("pl", &["a", "ale", "by", "być", "co", "dla", "do", "i", "jak", "jego", "jej", "jest", "już", "który", "na", "nie", "o", "od", "po", "przez", "się", "są", "tak", "to", "w", "z", "za", "że"]),
    ("pt", &["ao", "as", "com", "como", "da", "das", "de", "do", "dos", "e", "ela", "ele", "em", "entre", "foi", "mais", "mas", "na", "nas", "no", "nos", "não", "o", "os", "para", "pela", "pelo", "por", "que", "se", "sem", "seu", "sua", "são", "também", "um", "uma", "é"]),
    ("sk", &["a", "aj", "ako", "ale", "by", "do", "ho", "ich", "je", "jeho", "k", "na", "nie", "o", "od", "po", "pre", "pri", "sa", "si", "so", "sú", "to", "v", "vo", "z", "za", "že"]),
    ("sv", &["att", "av", "de", "den", "det", "där", "efter", "en", "ett", "från", "för", "han", "har", "hon", "i", "inte", "jag", "kan", "med", "men", "när", "och", "om", "på", "som", "till", "var", "vi", "är"]),
    ("tl", &["ang", "at", "ay", "din", "hindi", "ito", "kay", "kung", "lang", "mga", "na", "naman", "ng", "ni", "niya", "pa", "para", "rin", "sa", "siya"]),
    ("tr", &["bir", "bu", "da", "daha", "de", "gibi", "ile", "ise", "için", "kadar", "ki", "olan", "olarak", "ve", "ya", "çok", "şey"]),
];

/// Indonesian words that Malay writes differently or rarely uses.
const ID_ONLY: &[&str] = &[
    "agustus", "aja", "aktivitas", "anda", "bahwa", "banget", "baru", "bisa", "desember", "direktur", "enggak",
    "fasilitas", "februari", "gak", "imbauan", "investasi", "jelang", "juli", "jumat", "juni", "kabupaten", "kalau",
    "kamis", "kantor", "kapolres", "karena", "kecelakaan", "kejahatan", "kemarin", "kendaraan", "kepolisian",
    "kesehatan", "kok", "kualitas", "maret", "mengatakan", "mengimbau", "mengungkapkan", "menyebutkan", "miliar",
    "minggu", "mobil", "nggak", "pengadilan", "penyidik", "penyidikan", "persen", "perusahaan", "polda", "polisi",
    "polres", "pria", "provinsi", "rumah", "saat", "saja", "senin", "setelah", "sih", "stasiun", "tersangka",
    "tersebut", "triliun", "truk", "uang", "ujar", "ungkap", "universitas", "usai", "wib", "wisatawan",
];

/// Malay words that Indonesian writes differently or rarely uses.
const MS_ONLY: &[&str] = &[
    "aktiviti", "amaran", "bagaimanapun", "baharu", "bahawa", "bekerjasama", "berbanding", "berdepan", "berniaga",
    "bilion", "dijangka", "dirempuh", "disember", "encik", "hospital", "iaitu", "isnin", "jenayah", "julai", "jumaat",
    "kakitangan", "kanun", "kecederaan", "kemalangan", "kenderaan", "kerana", "keseksaan", "kesihatan", "ketara",
    "khamis", "kualiti", "laluan", "lebuh", "lesen", "lori", "mahupun", "majlis", "manakala", "menerusi",
    "mengekalkan", "menggesa", "mesyuarat", "motosikal", "ogos", "pejabat", "pelaburan", "pelancong", "pelancongan",
    "pengarah", "peniaga", "peratus", "perbandaran", "perlawanan", "perlembagaan", "perniagaan", "polis", "ringgit",
    "sahaja", "samun", "sebarang", "seksyen", "selepas", "semakan", "seramai", "siasatan", "stesen", "syarikat",
    "tahniah", "terbabas", "terbabit", "terbaharu", "terjunam", "universiti", "wang",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Han,
    Kana,
    Hangul,
    Thai,
    Devanagari,
    Bengali,
    Tamil,
    Armenian,
    Georgian,
    Ethiopic,
    Myanmar,
    Khmer,
    Other,
}

const SCRIPTS: usize = 18;

fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    if !c.is_alphabetic() {
        return None;
    }
    Some(match u {
        0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x530..=0x58F => Script::Armenian,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x900..=0x97F => Script::Devanagari,
        0x980..=0x9FF => Script::Bengali,
        0xB80..=0xBFF => Script::Tamil,
        0xE00..=0xE7F => Script::Thai,
        0x1000..=0x109F => Script::Myanmar,
        0x10A0..=0x10FF => Script::Georgian,
        0x1100..=0x11FF | 0xAC00..=0xD7AF | 0x3130..=0x318F => Script::Hangul,
        0x1200..=0x139F => Script::Ethiopic,
        0x1780..=0x17FF => Script::Khmer,
        0x3040..=0x30FF => Script::Kana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => Script::Han,
        _ => Script::Other,
    })
}

/// Identifies the language of `text`: an ISO 639-1 code or `"unknown"`, and
/// a confidence in `[0, 1]`.
pub fn identify_language(text: &str) -> (String, f32) {
    let (code, conf) = identify(text);
    (code.to_string(), conf)
}

/// Like [`identify_language`], without allocating.
pub fn identify(text: &str) -> (&'static str, f32) {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];

    let mut counts = [0usize; SCRIPTS];
    let mut letters = 0usize;
    // Letters that single out one language within a script.
    let mut marks = Marks::default();
    let mut words = WordStats::default();
    let mut token = [0u8; MAX_TOKEN];
    let mut token_len = 0usize;
    let mut token_overflow = false;
    let bytes = sample.as_bytes();
    let table = word_table();
    let mut next_check = 24;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphabetic() {
                // A run of ASCII letters, lower-cased in one go.
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let n = i - start;
                counts[Script::Latin as usize] += n;
                letters += n;
                if token_len + n <= MAX_TOKEN {
                    token[token_len..token_len + n].copy_from_slice(&bytes[start..i]);
                    token[token_len..token_len + n].make_ascii_lowercase();
                    token_len += n;
                } else {
                    token_overflow = true;
                }
            } else {
                i += 1;
                if b != b'\'' {
                    words.end_token(table, &token[..token_len], token_overflow);
                    token_len = 0;
                    token_overflow = false;
                    // Stop early once the answer cannot change much: most
                    // articles are settled within their first 40 words.
                    if words.tokens >= next_check {
                        next_check += 8;
                        if counts[Script::Latin as usize] * 10 >= letters * 9 && words.decisive() {
                            break;
                        }
                    }
                }
            }
            continue;
        }
        // `i` is on a char boundary: every branch advances by whole chars.
        let Some(c) = sample[i..].chars().next() else { break };
        i += c.len_utf8();
        match script_of(c) {
            Some(s) => {
                counts[s as usize] += 1;
                letters += 1;
                marks.see(c);
                let mut buf = [0u8; 8];
                for lc in c.to_lowercase() {
                    push_token(&mut token, &mut token_len, &mut token_overflow, lc.encode_utf8(&mut buf[..4]).as_bytes());
                }
            }
            None => {
                words.end_token(table, &token[..token_len], token_overflow);
                token_len = 0;
                token_overflow = false;
            }
        }
    }
    words.end_token(table, &token[..token_len], token_overflow);

    if letters < MIN_LETTERS {
        return ("unknown", 0.0);
    }
    let (best, &best_n) = counts.iter().enumerate().max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i))).unwrap_or((0, &0));
    let share = best_n as f32 / letters as f32;
    if share < 0.6 {
        // Several scripts in similar amounts; Japanese mixes Han and kana.
        let han = counts[Script::Han as usize] + counts[Script::Kana as usize];
        if counts[Script::Kana as usize] > 0 && han as f32 / letters as f32 >= 0.6 {
            return ("ja", han as f32 / letters as f32);
        }
        return ("unknown", share);
    }
    let script = ALL_SCRIPTS[best];
    let code = match script {
        Script::Latin => return words.decide(),
        Script::Cyrillic => marks.cyrillic(),
        Script::Greek => "el",
        Script::Arabic => marks.arabic(),
        Script::Hebrew => {
            if marks.yiddish > 0 {
                "yi"
            } else {
                "he"
            }
        }
        Script::Han => {
            if counts[Script::Kana as usize] > 0 {
                "ja"
            } else {
                "zh"
            }
        }
        Script::Kana => "ja",
        Script::Hangul => "ko",
        Script::Thai => "th",
        Script::Devanagari => "hi",
        Script::Bengali => "bn",
        Script::Tamil => "ta",
        Script::Armenian => "hy",
        Script::Georgian => "ka",
        Script::Ethiopic => "am",
        Script::Myanmar => "my",
        Script::Khmer => "km",
        Script::Other => return ("unknown", share),
    };
    (code, share)
}

/// Longest word looked up; longer ones are counted as tokens only.
const MAX_TOKEN: usize = 24;

#[inline]
fn push_token(token: &mut [u8; MAX_TOKEN], len: &mut usize, overflow: &mut bool, bytes: &[u8]) {
    if *len + bytes.len() <= MAX_TOKEN {
        token[*len..*len + bytes.len()].copy_from_slice(bytes);
        *len += bytes.len();
    } else {
        *overflow = true;
    }
}

const ALL_SCRIPTS: [Script; SCRIPTS] = [
    Script::Latin,
    Script::Cyrillic,
    Script::Greek,
    Script::Arabic,
    Script::Hebrew,
    Script::Han,
    Script::Kana,
    Script::Hangul,
    Script::Thai,
    Script::Devanagari,
    Script::Bengali,
    Script::Tamil,
    Script::Armenian,
    Script::Georgian,
    Script::Ethiopic,
    Script::Myanmar,
    Script::Khmer,
    Script::Other,
];

/// Counts of letters that tell languages of one script apart.
#[derive(Default)]
struct Marks {
    /// Ukrainian і ї є ґ.
    ukrainian: usize,
    /// Kazakh ә ғ қ ң ө ұ ү һ.
    kazakh: usize,
    /// Russian ы э ё (absent from Ukrainian and Bulgarian).
    russian: usize,
    /// Bulgarian: ъ used as a vowel is frequent; counted roughly.
    hard_sign: usize,
    cyrillic_letters: usize,
    /// Persian پ چ ژ گ ی ک.
    persian: usize,
    /// Urdu ٹ ڈ ڑ ں ے ہ.
    urdu: usize,
    /// Yiddish digraphs and pointed letters.
    yiddish: usize,
}

impl Marks {
    fn see(&mut self, c: char) {
        match c {
            'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => self.ukrainian += 1,
            'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'Ә' | 'Ғ' | 'Қ' | 'Ң' | 'Ө' | 'Ұ' | 'Ү' | 'Һ' => self.kazakh += 1,
            'ы' | 'э' | 'ё' | 'Ы' | 'Э' | 'Ё' => self.russian += 1,
            'ъ' => self.hard_sign += 1,
            'پ' | 'چ' | 'ژ' | 'گ' | 'ی' | 'ک' => self.persian += 1,
            'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ہ' => self.urdu += 1,
            '\u{5F0}' | '\u{5F1}' | '\u{5F2}' | '\u{FB1F}' | '\u{FB2E}' | '\u{FB2F}' => self.yiddish += 1,
            _ => {}
        }
        if ('\u{400}'..='\u{52F}').contains(&c) {
            self.cyrillic_letters += 1;
        }
    }

    fn cyrillic(&self) -> &'static str {
        if self.kazakh > 0 && self.kazakh * 40 >= self.cyrillic_letters {
            "kk"
        } else if self.ukrainian > self.russian {
            "uk"
        } else if self.russian == 0 && self.hard_sign * 60 >= self.cyrillic_letters && self.hard_sign > 0 {
            "bg"
        } else {
            "ru"
        }
    }

    fn arabic(&self) -> &'static str {
        if self.urdu > 0 && self.urdu >= self.persian / 2 {
            "ur"
        } else if self.persian > 0 {
            "fa"
        } else {
            "ar"
        }
    }
}

/// Bit of [`ID_ONLY`] and [`MS_ONLY`] in a word's mask (languages use the
/// low bits, by their index in [`FUNCTION_WORDS`]).
const ID_ONLY_BIT: u32 = 1 << 30;
const MS_ONLY_BIT: u32 = 1 << 31;

/// Every listed word with the set of languages it belongs to, in an
/// open-addressing table. Keys are the word's bytes zero-padded into a
/// `u128` (all listed words are at most 16 bytes), so a probe is one integer
/// compare.
struct WordTable {
    slots: Vec<(u128, u32)>,
    mask: usize,
}

/// Longest listed word, in bytes.
const MAX_KEY: usize = 16;

#[inline]
fn key_of(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > MAX_KEY {
        return None;
    }
    let mut buf = [0u8; MAX_KEY];
    buf[..word.len()].copy_from_slice(word);
    Some(u128::from_le_bytes(buf))
}

#[inline]
fn slot_of(key: u128, mask: usize) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

impl WordTable {
    fn build() -> Self {
        let mut entries: Vec<(u128, u32)> = Vec::new();
        let mut add = |w: &'static str, bit: u32| {
            let Some(key) = key_of(w.as_bytes()) else { return };
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(e) => e.1 |= bit,
                None => entries.push((key, bit)),
            }
        };
        for (i, (_, list)) in FUNCTION_WORDS.iter().enumerate() {
            for w in *list {
                add(w, 1 << i);
            }
        }
        for w in ID_ONLY {
            add(w, ID_ONLY_BIT);
        }
        for w in MS_ONLY {
            add(w, MS_ONLY_BIT);
        }
        let size = (entries.len() * 4).next_power_of_two();
        let mut slots = vec![(0u128, 0u32); size];
        for (key, bits) in entries {
            let mut at = slot_of(key, size - 1);
            while slots[at].0 != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = (key, bits);
        }
        WordTable { slots, mask: size - 1 }
    }

    #[inline]
    fn get(&self, word: &[u8]) -> u32 {
        let Some(key) = key_of(word) else { return 0 };
        let mut at = slot_of(key, self.mask);
        loop {
            let (k, bits) = self.slots[at];
            if k == key {
                return bits;
            }
            if k == 0 {
                return 0;
            }
            at = (at + 1) & self.mask;
        }
    }
}

fn word_table() -> &'static WordTable {
    static TABLE: std::sync::OnceLock<WordTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(WordTable::build)
}

/// Function-word hits of the Latin-script tokens of a sample.
#[derive(Default)]
struct WordStats {
    tokens: usize,
    hits: [usize; FUNCTION_WORDS.len()],
    id_only: usize,
    ms_only: usize,
}

impl WordStats {
    #[inline]
    fn end_token(&mut self, table: &WordTable, token: &[u8], overflow: bool) {
        if token.is_empty() {
            return;
        }
        self.tokens += 1;
        if overflow {
            return;
        }
        let bits = table.get(token);
        if bits == 0 {
            return;
        }
        let mut langs = bits & !(ID_ONLY_BIT | MS_ONLY_BIT);
        while langs != 0 {
            self.hits[langs.trailing_zeros() as usize] += 1;
            langs &= langs - 1;
        }
        if bits & ID_ONLY_BIT != 0 {
            self.id_only += 1;
        }
        if bits & MS_ONLY_BIT != 0 {
            self.ms_only += 1;
        }
    }

    /// Whether the words seen so far already decide the answer: a clear
    /// winner with many hits, and for Indonesian several Indonesian-only
    /// words and no Malay-only one.
    fn decisive(&self) -> bool {
        let id_ix = FUNCTION_WORDS.iter().position(|(c, _)| *c == "id").unwrap_or(0);
        let ms_ix = FUNCTION_WORDS.iter().position(|(c, _)| *c == "ms").unwrap_or(0);
        let mut best = (0usize, 0usize);
        let mut second = 0usize;
        for (i, &h) in self.hits.iter().enumerate() {
            let h = if i == id_ix { h + self.id_only + self.ms_only } else { h };
            if i == ms_ix {
                continue;
            }
            if h > best.1 {
                second = best.1;
                best = (i, h);
            } else if h > second {
                second = h;
            }
        }
        if best.1 < 8 || second * 3 > best.1 {
            return false;
        }
        best.0 != id_ix || (self.id_only >= 2 && self.ms_only == 0)
    }

    /// Latin script: function-word shares, then Indonesian against Malay.
    fn decide(&self) -> (&'static str, f32) {
        if self.tokens < MIN_TOKENS {
            return ("unknown", 0.0);
        }
        let id_ix = FUNCTION_WORDS.iter().position(|(c, _)| *c == "id").unwrap_or(0);
        let ms_ix = FUNCTION_WORDS.iter().position(|(c, _)| *c == "ms").unwrap_or(0);
        let mut hits = self.hits;
        // Words distinctive of Indonesian or Malay are evidence for the family,
        // which competes as one language here.
        hits[id_ix] += self.id_only + self.ms_only;
        hits[ms_ix] = 0;
        let mut best = (0usize, 0usize);
        let mut second = 0usize;
        for (i, &h) in hits.iter().enumerate() {
            if h > best.1 {
                second = best.1;
                best = (i, h);
            } else if h > second {
                second = h;
            }
        }
        if best.1 == 0 {
            return ("unknown", 0.0);
        }
        let coverage = best.1 as f32 / self.tokens as f32;
        let margin = (best.1 - second) as f32 / best.1 as f32;
        // Running text has 25-50% function words; a fifth is already clear.
        let strength = (coverage / 0.2).min(1.0);
        let mut confidence = strength * (0.4 + 0.6 * margin);
        let mut code = FUNCTION_WORDS[best.0].0;
        if best.0 == id_ix {
            // Indonesian or Malay: the distinctive words decide. Without any,
            // Indonesian, the language this corpus is about, with less
            // confidence; one Malay-only word is enough to tip it.
            let (id_w, ms_w) = (self.id_only as f32 + 1.0, self.ms_only as f32 + 0.25);
            if ms_w > id_w {
                code = "ms";
                confidence *= ms_w / (id_w + ms_w);
            } else {
                confidence *= id_w / (id_w + ms_w);
            }
        }
        if confidence < MIN_CONFIDENCE {
            return ("unknown", confidence);
        }
        (code, confidence.min(1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_words_fit_the_table_keys() {
        for (_, list) in FUNCTION_WORDS {
            assert!(list.iter().all(|w| w.len() <= MAX_KEY));
        }
        assert!(ID_ONLY.iter().chain(MS_ONLY).all(|w| w.len() <= MAX_KEY));
        let table = word_table();
        assert_ne!(table.get(b"yang"), 0);
        assert_ne!(table.get(b"bahawa") & MS_ONLY_BIT, 0);
        assert_eq!(table.get(b"xyzzy"), 0);
        assert_eq!(table.get(b"averyveryverylongwordindeed"), 0);
    }

    #[test]
    fn word_lists_are_sorted() {
        for (code, list) in FUNCTION_WORDS {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{code}");
        }
        assert!(ID_ONLY.windows(2).all(|w| w[0] < w[1]));
        assert!(MS_ONLY.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn tells_indonesian_malay_english_apart() {
        let id = "Pemerintah mengatakan bahwa harga beras akan turun setelah panen raya karena pasokan dari daerah sudah mulai masuk ke pasar.";
        let ms = "Kerajaan berkata bahawa harga beras akan turun selepas musim menuai kerana bekalan dari negeri-negeri sudah mula masuk ke pasaran.";
        let en = "The government said that rice prices would fall after the harvest because supplies from the regions had begun to reach the markets.";
        assert_eq!(identify(id).0, "id");
        assert_eq!(identify(ms).0, "ms");
        assert_eq!(identify(en).0, "en");
    }

    #[test]
    fn other_scripts_and_short_text() {
        assert_eq!(identify("Москва является столицей России и крупнейшим городом страны.").0, "ru");
        assert_eq!(identify("東京は日本の首都であり、最大の都市です。").0, "ja");
        assert_eq!(identify("北京是中华人民共和国的首都，也是全国的政治中心。").0, "zh");
        assert_eq!(identify("ok").0, "unknown");
        assert_eq!(identify("").0, "unknown");
        assert_eq!(identify("12345 67890 !!!").0, "unknown");
    }
}
