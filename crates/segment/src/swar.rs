//! Eight bytes at a time in a `u64`, without `unsafe`: each test gives the
//! high bit of every byte that passes. The tests read bytes below 0x80 (the
//! low seven bits, `x & LOW7`); where a byte of 0x80 and above matters, the
//! caller masks it with the word itself (`& !x`, `| x`).

/// The high bit of each of eight bytes.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;
/// The low seven bits of each of eight bytes.
pub(crate) const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
/// One in each of eight bytes: `ONES * b` repeats `b`.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `low` (each below 0x80) in `lo..=hi`: the
/// first sum carries into the high bit from `lo` up, the second from past
/// `hi`, and no sum carries into the next byte.
#[inline]
pub(crate) fn within(low: u64, lo: u8, hi: u8) -> u64 {
    ((low + ONES * u64::from(0x80 - lo)) & !(low + ONES * u64::from(0x7f - hi))) & HIGH
}

/// The high bit of each byte of `low` (each below 0x80) equal to `c`.
#[inline]
pub(crate) fn equal(low: u64, c: u8) -> u64 {
    within(low, c, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_byte_is_tested_alone() {
        for lo in 0..0x80u8 {
            for hi in lo..0x80u8 {
                for b in 0..0x80u8 {
                    // The byte among others that would carry or borrow.
                    let word = u64::from_le_bytes([0x7f, b, 0x00, b, 0x7f, 0x00, b, 0x40]);
                    let m = within(word, lo, hi);
                    for (k, &v) in word.to_le_bytes().iter().enumerate() {
                        assert_eq!(m >> (8 * k + 7) & 1 == 1, (lo..=hi).contains(&v), "{lo} {hi} {v}");
                    }
                }
            }
        }
        assert_eq!(equal(u64::from_le_bytes(*b"a b,c  d"), b' '), 0x0080_8000_0000_8000);
    }
}
