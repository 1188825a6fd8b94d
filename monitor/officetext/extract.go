// Package officetext extracts plain text from the office documents that
// government portals publish as attachments, so that they can be scanned for
// personal data. It is pure Go and bounded: every decompressed byte, every
// returned byte of text and every spreadsheet cell counts against Limits, and
// XML parts are streamed token by token rather than loaded whole.
//
// Supported:
//   - docx: body, tables, text boxes, headers, footers, footnotes, endnotes,
//     comments (WordprocessingML, streamed).
//   - xlsx: every worksheet, shared, inline and formula strings; numbers are
//     kept exactly as written in the file (never formatted as dates).
//   - csv, txt: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030.
//   - doc, wps: Word 97–2003 binary (piece table), including Kingsoft WPS
//     files that use the same WordDocument stream; a scan for UTF-16 CJK runs
//     is the fallback when the piece table is unusable.
//   - xls, et: BIFF8 workbooks (Excel 97–2003 and Kingsoft ET).
//   - RTF, HTML, and Excel or Word 2003 XML files saved under an office
//     extension (common on these portals).
//
// Not supported: pptx/ppt, odt/ods, pdf, BIFF5 and older workbooks, Word 6/95
// and older, pre-2005 WPS formats, MHTML, embedded objects, images.
// Password-protected files give ErrEncrypted.
//
// Parts: a Word document gives 正文 (body, tables, text boxes), 页眉,
// 页脚, 脚注, 尾注 and 批注 (a .doc gives its headers and footers together
// as 页眉页脚, and text boxes as 文本框); a workbook gives one part per
// sheet, named by the sheet, with the cells of a row joined by "\t" (empty
// cells left out) and rows by "\n"; other formats give 正文.
//
// The magic bytes decide the format; the caller's format (from the URL or
// Content-Type) is only a hint, used for plain text and in messages.
package officetext

import (
	"errors"
	"fmt"
	"io"
)

// Limits bound the work Extract does on one document. Zero fields take the
// defaults given.
type Limits struct {
	MaxUnzipped  int64 // total decompressed bytes read from a zip container; 0 = 256 MiB
	MaxEntryXML  int64 // decompressed bytes of one XML part; 0 = 128 MiB
	MaxTextBytes int64 // text returned; 0 = 16 MiB (then stop, Truncated=true)
	MaxCells     int64 // spreadsheet cells visited; 0 = 5,000,000
}

// Part is one piece of a document: a sheet, the body, a header…; Where names
// it for evidence ("Sheet1", "正文", "页眉").
type Part struct {
	Where string
	Text  string
}

// Document is the text of one file. Format is the format actually found
// (which may differ from the one the caller named).
type Document struct {
	Format    string
	Parts     []Part
	Truncated bool
}

var (
	// ErrEncrypted: password-protected OOXML (an OLE file with EncryptionInfo)
	// or encrypted legacy files.
	ErrEncrypted = errors.New("document is encrypted")
	// ErrUnsupported: a format this package does not read.
	ErrUnsupported = errors.New("format not supported")
)

// Where names used for Word documents.
const (
	whereBody     = "正文"
	whereHeader   = "页眉"
	whereFooter   = "页脚"
	whereFootnote = "脚注"
	whereEndnote  = "尾注"
	whereComment  = "批注"
	whereTextBox  = "文本框"
)

func (l Limits) withDefaults() Limits {
	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = 256 << 20
	}
	if l.MaxEntryXML <= 0 {
		l.MaxEntryXML = 128 << 20
	}
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = 16 << 20
	}
	if l.MaxCells <= 0 {
		l.MaxCells = 5_000_000
	}
	return l
}

// Extract reads the document; format is the lower-case extension without
// dot: docx, xlsx, csv, txt, doc, xls, wps, et. The file's magic bytes are
// trusted over the name: a .xls that is really an xlsx zip, a .doc that is
// really HTML or RTF, and so on, are read as what they are.
func Extract(r io.ReaderAt, size int64, format string, lim Limits) (doc *Document, err error) {
	if r == nil || size < 0 {
		return nil, fmt.Errorf("%s: no input", format)
	}
	// The readers check bounds everywhere; this is a last line of defence so
	// that one hostile attachment cannot bring down a whole crawl.
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("%s: internal error reading document: %v", format, p)
		}
	}()
	ex := &extraction{lim: lim.withDefaults(), src: r, size: size}
	kind, err := sniff(r, size, format)
	if err != nil {
		return nil, err
	}
	ex.doc.Format = kind
	switch kind {
	case "zip":
		err = ex.ooxml(format)
	case "ole":
		err = ex.ole(format)
	case "rtf":
		err = ex.rtf()
	case "html":
		err = ex.html()
	case "csv", "txt":
		err = ex.plain(kind)
	default:
		return nil, fmt.Errorf("%s: file is %s: %w", format, kind, ErrUnsupported)
	}
	if errors.Is(err, errTextFull) || errors.Is(err, errCellsFull) {
		ex.doc.Truncated = true
		err = nil
	}
	if err != nil {
		return nil, err
	}
	return ex.finish(), nil
}

// ooxml opens a zip and reads it as the office document it contains.
func (ex *extraction) ooxml(format string) error {
	c, err := ex.openZip(format)
	if err != nil {
		return err
	}
	switch {
	case c.has("word/document.xml") || c.mainWordPart() != "":
		ex.doc.Format = "docx"
		c.format = "docx"
		return ex.docx(c)
	case c.has("xl/workbook.xml"):
		ex.doc.Format = "xlsx"
		c.format = "xlsx"
		return ex.xlsx(c)
	case c.has("ppt/presentation.xml"):
		return fmt.Errorf("%s: file is a pptx presentation: %w", format, ErrUnsupported)
	case c.has("content.xml") && c.has("mimetype"):
		return fmt.Errorf("%s: file is an OpenDocument: %w", format, ErrUnsupported)
	}
	return fmt.Errorf("%s: zip file without word/document.xml or xl/workbook.xml: %w", format, ErrUnsupported)
}

// ole reads an OLE2 file as what its streams say it is.
func (ex *extraction) ole(format string) error {
	f, err := ex.openCFB()
	if err != nil {
		return fmt.Errorf("%s: %w", format, err)
	}
	streams := f.rootStreams()
	switch {
	case streams["encryptioninfo"] != nil || streams["encryptedpackage"] != nil:
		return fmt.Errorf("%s: OLE file with an EncryptionInfo stream (password-protected OOXML): %w", format, ErrEncrypted)
	case streams["worddocument"] != nil:
		ex.doc.Format = "doc"
		return ex.wordBinary(f, streams)
	case streams["workbook"] != nil:
		ex.doc.Format = "xls"
		return ex.excelBinary(f, streams["workbook"])
	case streams["book"] != nil:
		return fmt.Errorf("%s: Excel 5/95 (BIFF5) workbook: %w", format, ErrUnsupported)
	case streams["powerpoint document"] != nil:
		return fmt.Errorf("%s: file is a ppt presentation: %w", format, ErrUnsupported)
	}
	return fmt.Errorf("%s: OLE file without WordDocument or Workbook stream: %w", format, ErrUnsupported)
}
