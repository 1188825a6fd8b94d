// Package pdftext extracts the text of PDF files in pure Go.
//
// It is written for the documents Chinese government portals publish
// (annual reports on government information disclosure, notices, tables)
// and reads:
//
//   - classic xref tables, incremental updates (/Prev chains), xref
//     streams and object streams; a broken xref falls back to scanning the
//     file for "N G obj";
//   - FlateDecode (with PNG and TIFF predictors), LZWDecode,
//     ASCIIHexDecode, ASCII85Decode and RunLengthDecode; streams with image
//     filters (DCT, JBIG2, JPX, CCITT) are skipped;
//   - the page tree with inherited resources, content stream arrays and
//     Form XObjects;
//   - fonts with ToUnicode CMaps, Type0 fonts with Identity-H/V or the
//     predefined Chinese CMaps (UniGB-UCS2/UTF16/UTF8, GB-EUC, GBK-EUC,
//     GBKp-EUC, GBK2K, ETen-B5, UniCNS-UCS2 …), Identity-H TrueType fonts without
//     ToUnicode through the embedded font's own cmap table, simple fonts
//     with WinAnsi, MacRoman, Standard encodings and /Differences, and
//     simple fonts that carry bare GBK bytes as old Chinese producers
//     write them.
//
// Text runs are grouped into lines by baseline, lines ordered top to
// bottom and runs left to right. A gap wider than 0.2 em between Latin
// runs becomes a space (0.5 em next to a CJK character, never between two
// CJK characters) and one of 1.5 em or more a tab, so that table cells on
// a line stay separable; so does a drawn vertical table rule between two
// runs. Rotated and vertical runs follow as lines of their own.
//
// It does not decrypt files (ErrEncrypted), does not OCR images, does not
// map CIDs to Unicode for CID fonts that have neither a ToUnicode CMap, a
// Unicode-based CMap nor an embedded TrueType cmap (for example bare
// Adobe-GB1 CIDs: such glyphs produce no text), ignores Type3 glyph
// procedures, annotations and form fields, and does not reconstruct
// columns or reading order beyond the line ordering above.
//
// The whole file is read into memory; Limits bound everything else.
package pdftext
