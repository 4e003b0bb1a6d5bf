//! Eight bytes at a time in a `u64`, without `unsafe`, for the text scans of
//! several stages (normalisation's glue and language passes, the
//! segmenter's word ends). Each test gives the high bit of every byte that
//! passes; no sum carries from one byte into the next.

/// The high bit of each of eight bytes.
pub const HIGH: u64 = 0x8080_8080_8080_8080;
/// The low seven bits of each of eight bytes.
pub const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
/// One in each of eight bytes: `ONES * b` repeats `b`.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// Bit 5 of each byte: setting it lower-cases an ASCII letter.
pub const CASE: u64 = ONES * 0x20;

/// The eight bytes at `i` as one little-endian word (`None` when fewer than
/// eight remain: the caller goes on byte by byte).
#[inline(always)]
pub fn word_at(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk = bytes.get(i..i.checked_add(8)?)?;
    let mut word = [0u8; 8];
    word.copy_from_slice(chunk);
    Some(u64::from_le_bytes(word))
}

/// The high bit of each byte of `low` (each below 0x80) in `lo..=hi`: the
/// first sum carries into the high bit from `lo` up, the second from past
/// `hi`.
#[inline(always)]
pub fn within(low: u64, lo: u8, hi: u8) -> u64 {
    ((low + ONES * u64::from(0x80 - lo)) & !(low + ONES * u64::from(0x7f - hi))) & HIGH
}

/// The high bit of each byte of `low` (each below 0x80) equal to `c`.
#[inline(always)]
pub fn equal(low: u64, c: u8) -> u64 {
    within(low, c, c)
}

/// The high bit of each byte of any word `w` in the ASCII range `lo..=hi`
/// (bytes of 0x80 and above never pass).
#[inline(always)]
pub fn ascii_within(w: u64, lo: u8, hi: u8) -> u64 {
    within(w & LOW7, lo, hi) & !w
}

/// The high bit of each ASCII letter of `w`, either case.
#[inline(always)]
pub fn ascii_letters(w: u64) -> u64 {
    ascii_within(w | CASE, b'a', b'z')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passes(mask: u64, k: usize) -> bool {
        mask >> (8 * k + 7) & 1 == 1
    }

    #[test]
    fn each_byte_is_tested_alone() {
        for lo in 0..0x80u8 {
            for hi in lo..0x80u8 {
                for b in 0..0x80u8 {
                    // The byte among others that would carry or borrow.
                    let word = u64::from_le_bytes([0x7f, b, 0x00, b, 0x7f, 0x00, b, 0x40]);
                    let m = within(word, lo, hi);
                    for (k, &v) in word.to_le_bytes().iter().enumerate() {
                        assert_eq!(passes(m, k), (lo..=hi).contains(&v), "{lo} {hi} {v}");
                    }
                }
            }
        }
        assert_eq!(equal(u64::from_le_bytes(*b"a b,c  d"), b' '), 0x0080_8000_0000_8000);
    }

    #[test]
    fn high_bytes_never_pass_the_ascii_tests() {
        for b in 0..=0xffu8 {
            let word = u64::from_le_bytes([b, 0xff, b, 0x80, b'a', b, 0x00, b'Z']);
            let letters = ascii_letters(word);
            let digits = ascii_within(word, b'0', b'9');
            for (k, &v) in word.to_le_bytes().iter().enumerate() {
                assert_eq!(passes(letters, k), v.is_ascii_alphabetic(), "{v:#x}");
                assert_eq!(passes(digits, k), v.is_ascii_digit(), "{v:#x}");
            }
        }
    }

    #[test]
    fn word_at_reads_eight_bytes_or_none() {
        let bytes = b"0123456789";
        assert_eq!(word_at(bytes, 2), Some(u64::from_le_bytes(*b"23456789")));
        assert_eq!(word_at(bytes, 3), None);
        assert_eq!(word_at(bytes, usize::MAX), None);
    }
}
