//! Bundle files (.bansou): written whole as UTF-8 JSON, read as a stream with
//! limits, so a hostile or damaged file is refused with a Japanese message
//! before anything is written, and memory follows the file's size.

use crate::error::{Error, FieldError, Result};
use crate::store::bundle::{self, Bundle};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Larger files are refused unread: a project's bundle is kilobytes to a few
/// megabytes (docs/EXCHANGE.md).
pub const MAX_FILE: u64 = 200 * 1024 * 1024;
/// No single text in a bundle may be longer.
pub const MAX_TEXT: usize = bundle::MAX_TEXT;

fn refuse(message: impl Into<String>) -> Error {
    Error::Validation(vec![FieldError::new("file", message.into())])
}

/// Reads and checks a bundle from `input`: UTF-8 JSON (a byte-order mark is
/// skipped), a known format, no text over [`MAX_TEXT`], the expected fields
/// and types (nothing unknown is silently dropped), and every record valid.
pub fn parse_from(input: impl Read) -> Result<Bundle> {
    let mut input = BufReader::new(input);
    let head = input.fill_buf().map_err(|source| Error::Io {
        path: "bundle".into(),
        source,
    })?;
    if head.is_empty() {
        return Err(refuse("ファイルが空です"));
    }
    if head.starts_with(b"\xEF\xBB\xBF") {
        input.consume(3);
    }
    let mut checked = Utf8Checked {
        inner: input,
        carry: Vec::new(),
        offset: 0,
    };
    bundle::parse_reader(&mut checked).map_err(|e| match checked.problem() {
        Some(why) => refuse(why),
        None => e,
    })
}

/// Passes bytes through while checking they are UTF-8, so a file in another
/// encoding is told as such (with the place), not as broken JSON.
struct Utf8Checked<R> {
    inner: R,
    /// The start of a character cut by the end of the last read.
    carry: Vec<u8>,
    offset: u64,
}

impl<R: Read> Utf8Checked<R> {
    /// What is wrong with the bytes read so far, if anything.
    fn problem(&mut self) -> Option<String> {
        if !self.carry.is_empty() {
            // The stream ended inside a character.
            let mut rest = Vec::new();
            if self.inner.read_to_end(&mut rest).is_ok() && rest.is_empty() {
                return Some("ファイルが途中で切れています".into());
            }
        }
        None
    }
}

impl<R: Read> Read for Utf8Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut bytes = std::mem::take(&mut self.carry);
        bytes.extend_from_slice(&buf[..n]);
        if let Err(e) = std::str::from_utf8(&bytes) {
            match e.error_len() {
                None => self.carry = bytes[e.valid_up_to()..].to_vec(),
                Some(_) => {
                    let at = self.offset + e.valid_up_to() as u64 + 1;
                    return Err(std::io::Error::other(format!(
                        "ファイルの文字コードが UTF-8 ではありません（{at}バイト目）"
                    )));
                }
            }
        }
        self.offset += (bytes.len() - self.carry.len()) as u64;
        Ok(n)
    }
}

/// [`parse_from`] over bytes in memory.
pub fn parse(bytes: &[u8]) -> Result<Bundle> {
    parse_from(bytes)
}

/// Reads a bundle file, refusing one larger than [`MAX_FILE`] before reading it.
pub fn read(path: &Path) -> Result<Bundle> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > MAX_FILE {
        return Err(refuse(format!(
            "ファイルが大きすぎます（{} MB、上限 {} MB）",
            len / 1024 / 1024,
            MAX_FILE / 1024 / 1024
        )));
    }
    // The size was checked before reading; `take` holds it should the file grow meanwhile.
    parse_from(file.take(MAX_FILE + 1))
}

/// The bundle as the file's bytes: pretty UTF-8 JSON a person can read.
pub fn to_bytes(bundle: &Bundle) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(bundle).expect("a bundle serializes");
    out.push(b'\n');
    out
}
