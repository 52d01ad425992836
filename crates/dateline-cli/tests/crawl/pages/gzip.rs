//! Gzip for `.xml.gz` sitemaps and compressed answers, and a gzip bomb to
//! check that the crawler caps what it decodes.

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::{Compress, Compression, FlushCompress};

/// Spaces per deflate segment of a bomb.
const SEGMENT: usize = 64 * 1024;

/// `bytes` gzip-compressed.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("gzip into memory");
    encoder.finish().expect("gzip into memory")
}

/// A valid gzip member of `decoded_len` spaces, about 1/700 of that in
/// size: 1 GiB decodes from about 1.5 MiB.
///
/// Why not compress that many spaces: deflate in an unoptimised test
/// build runs at a few MB/s. Instead one 64 KiB segment is compressed
/// once with a full flush (byte-aligned, no back-references before it),
/// repeated, closed with an empty final block, and given a CRC-32 computed
/// by combination. Building a 1 GiB bomb takes milliseconds.
pub fn gzip_bomb(decoded_len: u64) -> Vec<u8> {
    let spaces = vec![b' '; SEGMENT];
    let whole = decoded_len / SEGMENT as u64;
    let rest = (decoded_len % SEGMENT as u64) as usize;
    let segment = deflate_segment(&spaces);
    // Header: magic, deflate, no flags, no time, no extra flags, unknown OS.
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.reserve(segment.len() * whole as usize + 64);
    for _ in 0..whole {
        out.extend_from_slice(&segment);
    }
    if rest > 0 {
        out.extend(deflate_segment(&spaces[..rest]));
    }
    // A final fixed-Huffman block holding only its end code.
    out.extend_from_slice(&[0x03, 0x00]);
    let crc = crc32_combine(
        crc32_repeated(crc32(&spaces), SEGMENT as u64, whole),
        crc32(&spaces[..rest]),
        rest as u64,
    );
    out.extend_from_slice(&crc.to_le_bytes());
    // ISIZE is the length modulo 2^32.
    out.extend_from_slice(&(decoded_len as u32).to_le_bytes());
    out
}

/// Raw deflate of `data` ending in a full flush: non-final blocks, the
/// history reset, the output byte-aligned, so copies can follow each other.
fn deflate_segment(data: &[u8]) -> Vec<u8> {
    let mut compress = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(data.len() / 100 + 1024);
    loop {
        let consumed = compress.total_in() as usize;
        out.reserve(1024);
        compress
            .compress_vec(&data[consumed..], &mut out, FlushCompress::Full)
            .expect("deflate into memory");
        if compress.total_in() as usize == data.len() && out.ends_with(&[0, 0, 0xff, 0xff]) {
            return out;
        }
    }
}

/// CRC-32 (IEEE, reflected), bit by bit: only ever run on one segment.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The CRC-32 of `count` copies of a block of `len` bytes whose CRC is `crc`.
fn crc32_repeated(crc: u32, len: u64, mut count: u64) -> u32 {
    let (mut result, mut power, mut power_len) = (0u32, crc, len);
    while count > 0 {
        if count & 1 == 1 {
            result = crc32_combine(result, power, power_len);
        }
        power = crc32_combine(power, power, power_len);
        power_len *= 2;
        count >>= 1;
    }
    result
}

/// The CRC-32 of `a ++ b` from the CRCs of `a` and `b` and `b`'s length
/// (zlib's `crc32_combine`: appending zeros is a linear map over GF(2)).
fn crc32_combine(mut crc_a: u32, crc_b: u32, mut len_b: u64) -> u32 {
    fn times(matrix: &[u32; 32], mut vector: u32) -> u32 {
        let mut sum = 0;
        let mut row = 0;
        while vector != 0 {
            if vector & 1 == 1 {
                sum ^= matrix[row];
            }
            vector >>= 1;
            row += 1;
        }
        sum
    }
    fn square(matrix: &[u32; 32]) -> [u32; 32] {
        std::array::from_fn(|n| times(matrix, matrix[n]))
    }
    if len_b == 0 {
        return crc_a;
    }
    // The operator for one zero bit, then two, then four.
    let mut odd = [0u32; 32];
    odd[0] = 0xedb8_8320;
    for (n, row) in odd.iter_mut().enumerate().skip(1) {
        *row = 1 << (n - 1);
    }
    let mut even = square(&odd);
    odd = square(&even);
    // Then one squaring per bit of the length in bytes.
    loop {
        even = square(&odd);
        if len_b & 1 == 1 {
            crc_a = times(&even, crc_a);
        }
        len_b >>= 1;
        if len_b == 0 {
            break;
        }
        odd = square(&even);
        if len_b & 1 == 1 {
            crc_a = times(&odd, crc_a);
        }
        len_b >>= 1;
        if len_b == 0 {
            break;
        }
    }
    crc_a ^ crc_b
}
