//! A workbook taken apart into its zip parts and put back together, and the
//! hostile workbooks made from it: what `bench xlsx` measures and the tests
//! check the readers against (one maker for both).

use crate::error::{Error, Result};
use std::io::{Cursor, Read, Write};

fn zip_error(e: zip::result::ZipError) -> Error {
    io_error(std::io::Error::other(e))
}

fn io_error(source: std::io::Error) -> Error {
    Error::Io {
        path: "xlsx".into(),
        source,
    }
}

/// The parts of a workbook by name, in their order.
pub fn split(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let mut parts = Vec::with_capacity(z.len());
    for i in 0..z.len() {
        let mut f = z.by_index(i).map_err(zip_error)?;
        let mut b = Vec::new();
        f.read_to_end(&mut b).map_err(io_error)?;
        parts.push((f.name().to_owned(), b));
    }
    Ok(parts)
}

/// The parts zipped again (deflated fast; zip64 so nothing is too large).
pub fn join(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (name, b) in parts {
        w.start_file(name.as_str(), opts).map_err(zip_error)?;
        w.write_all(b).map_err(io_error)?;
    }
    Ok(w.finish().map_err(zip_error)?.into_inner())
}

/// The workbook with its first sheet's XML changed by `f`.
pub fn patch_first_sheet(bytes: &[u8], f: impl Fn(&str) -> String) -> Result<Vec<u8>> {
    let mut parts = split(bytes)?;
    for (name, b) in parts.iter_mut() {
        if name == "xl/worksheets/sheet1.xml" {
            *b = f(&String::from_utf8_lossy(b)).into_bytes();
        }
    }
    join(&parts)
}

/// A sheet's XML with a million one-cell rows appended from row 61 on (past
/// any 表1 form's last row).
pub fn with_million_rows(sheet_xml: &str) -> String {
    let mut rows = String::with_capacity(40 * 1_000_000);
    for r in 61..1_000_061 {
        rows.push_str(&format!("<row r=\"{r}\"><c r=\"A{r}\"><v>1</v></c></row>"));
    }
    sheet_xml.replace("</sheetData>", &format!("{rows}</sheetData>"))
}

/// The workbook with one more part of `mb` MB of zeros: small on disk,
/// large unpacked (a zip bomb).
pub fn with_zeros(bytes: &[u8], mb: usize) -> Result<Vec<u8>> {
    let mut parts = split(bytes)?;
    parts.push(("xl/media/zeros.bin".into(), vec![0u8; mb * 1024 * 1024]));
    join(&parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_comes_apart_and_back_whole() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write_string(0, 0, "表1").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let parts = split(&bytes).unwrap();
        assert!(parts.iter().any(|(n, _)| n == "xl/worksheets/sheet1.xml"));
        assert_eq!(split(&join(&parts).unwrap()).unwrap(), parts);
        let big = patch_first_sheet(&bytes, with_million_rows).unwrap();
        let sheet = split(&big).unwrap();
        let (_, xml) = sheet
            .iter()
            .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
            .unwrap();
        assert!(String::from_utf8_lossy(xml).contains("<row r=\"1000060\">"));
        let bomb = with_zeros(&bytes, 2).unwrap();
        assert!(bomb.len() < 100 * 1024, "{}", bomb.len());
        assert!(split(&bomb)
            .unwrap()
            .iter()
            .any(|(_, b)| b.len() == 2 << 20));
        assert!(split(b"not a zip").is_err());
    }
}
