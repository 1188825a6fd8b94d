// Package doctext reads the text of the attachments portals publish. It
// tells a file's format by its first bytes (a name or Content-Type is only a
// hint: portals serve HTML as .doc and xlsx as .xls), hands the file to the
// reader for that format (monitor/pdftext, monitor/officetext), and looks
// inside zip archives one level deep. A file it cannot read comes back as an
// error that says why in words an inspector can act on (加密, 不支持的格式…).
package doctext

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"path"
	"strings"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/officetext"
	"github.com/govwatch/govwatch/monitor/pdftext"
)

// Limits bound what one file may cost. Zero fields take the defaults.
type Limits struct {
	MaxTextBytes   int64 // text kept from one file; 0 = 16 MiB
	MaxEntryBytes  int64 // an archive entry read into memory; 0 = 32 MiB
	MaxEntries     int   // archive entries read; 0 = 200
	MaxUnzipped    int64 // decompressed bytes of one office file or archive; 0 = 256 MiB
	MaxStreamBytes int64 // one decoded PDF stream; 0 = 64 MiB
}

func (l Limits) withDefaults() Limits {
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = 16 << 20
	}
	if l.MaxEntryBytes <= 0 {
		l.MaxEntryBytes = 32 << 20
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = 200
	}
	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = 256 << 20
	}
	if l.MaxStreamBytes <= 0 {
		l.MaxStreamBytes = 64 << 20
	}
	return l
}

// Document is the text of one file, by part.
type Document struct {
	Format    string // as found: pdf, docx, xlsx, doc, xls, csv, txt, zip…
	Parts     []checks.TextPart
	Truncated bool // a limit cut the text short
}

// Unreadable is a file whose text could not be read, and why.
type Unreadable struct {
	Format string
	Reason string // in Chinese, for the finding: 文件已加密, 不支持的格式（rar）…
	Err    error
}

func (u *Unreadable) Error() string {
	if u.Err != nil {
		return u.Format + ": " + u.Reason + ": " + u.Err.Error()
	}
	return u.Format + ": " + u.Reason
}
func (u *Unreadable) Unwrap() error { return u.Err }

// ErrEncrypted is what an encrypted file's Unreadable wraps.
var ErrEncrypted = errors.New("encrypted")

// Readable reports whether a file with this name or media type is one
// Extract may read: the attachment kinds portals publish.
func Readable(name, contentType string) bool {
	if _, ok := byExt[ext(name)]; ok {
		return true
	}
	_, ok := byMediaType[mediaType(contentType)]
	return ok
}

var byExt = map[string]bool{
	"pdf": true, "doc": true, "docx": true, "xls": true, "xlsx": true, "wps": true, "et": true,
	"csv": true, "txt": true, "zip": true, "rar": true, "7z": true, "ofd": true, "ppt": true, "pptx": true, "dps": true,
}

var byMediaType = map[string]string{
	"application/pdf":    "pdf",
	"application/msword": "doc",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
	"application/vnd.ms-excel": "xls",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
	"text/csv":                     "csv",
	"application/zip":              "zip",
	"application/x-zip-compressed": "zip",
	"application/x-rar-compressed": "rar",
	"application/vnd.rar":          "rar",
	"application/ofd":              "ofd",
}

// Extract reads the text of the file r of the given size. name (a URL path
// or file name) and contentType are hints for formats without magic bytes.
func Extract(r io.ReaderAt, size int64, name, contentType string, lim Limits) (*Document, error) {
	return extract(r, size, name, contentType, lim.withDefaults(), true)
}

func extract(r io.ReaderAt, size int64, name, contentType string, lim Limits, archives bool) (*Document, error) {
	hint := ext(name)
	if hint == "" {
		hint = byMediaType[mediaType(contentType)]
	}
	var head [8]byte
	n, _ := r.ReadAt(head[:], 0)
	magic := head[:n]
	switch {
	case bytes.HasPrefix(magic, []byte("%PDF")) || (hint == "pdf" && hasPDFHeader(r, size)):
		return readPDF(r, size, lim)
	case bytes.HasPrefix(magic, []byte("PK\x03\x04")) || bytes.HasPrefix(magic, []byte("PK\x05\x06")):
		return readZip(r, size, hint, lim, archives)
	case bytes.HasPrefix(magic, []byte("Rar!")):
		return nil, unsupported("rar")
	case bytes.HasPrefix(magic, []byte("7z\xbc\xaf\x27\x1c")):
		return nil, unsupported("7z")
	}
	switch hint {
	case "ofd", "ppt", "pptx", "dps", "rar", "7z":
		return nil, unsupported(hint)
	case "":
		hint = "txt"
	}
	return readOffice(r, size, hint, lim)
}

// hasPDFHeader finds %PDF in the first KiB, where some producers put junk
// before it.
func hasPDFHeader(r io.ReaderAt, size int64) bool {
	buf := make([]byte, min(size, 1024))
	n, _ := r.ReadAt(buf, 0)
	return bytes.Contains(buf[:n], []byte("%PDF-"))
}

func readPDF(r io.ReaderAt, size int64, lim Limits) (*Document, error) {
	d, err := pdftext.Extract(r, size, pdftext.Limits{MaxTextBytes: lim.MaxTextBytes, MaxStreamBytes: lim.MaxStreamBytes})
	switch {
	case errors.Is(err, pdftext.ErrEncrypted):
		return nil, &Unreadable{Format: "pdf", Reason: "文件已加密", Err: ErrEncrypted}
	case err != nil:
		return nil, &Unreadable{Format: "pdf", Reason: "文件无法解析", Err: err}
	}
	doc := &Document{Format: "pdf", Truncated: d.Truncated}
	for i, text := range d.Pages {
		if strings.TrimSpace(text) != "" {
			doc.Parts = append(doc.Parts, checks.TextPart{Where: fmt.Sprintf("第%d页", i+1), Text: text})
		}
	}
	if len(doc.Parts) == 0 && len(d.Pages) > 0 {
		// A scan: pages of images. The text may be there, but not for us.
		return nil, &Unreadable{Format: "pdf", Reason: fmt.Sprintf("%d 页均无文字层（可能是扫描件）", len(d.Pages))}
	}
	return doc, nil
}

func readOffice(r io.ReaderAt, size int64, format string, lim Limits) (*Document, error) {
	d, err := officetext.Extract(r, size, format, officetext.Limits{MaxTextBytes: lim.MaxTextBytes, MaxUnzipped: lim.MaxUnzipped})
	switch {
	case errors.Is(err, officetext.ErrEncrypted):
		return nil, &Unreadable{Format: format, Reason: "文件已加密", Err: ErrEncrypted}
	case errors.Is(err, officetext.ErrUnsupported):
		return nil, unsupported(format)
	case err != nil:
		return nil, &Unreadable{Format: format, Reason: "文件无法解析", Err: err}
	}
	doc := &Document{Format: d.Format, Truncated: d.Truncated}
	for _, p := range d.Parts {
		doc.Parts = append(doc.Parts, checks.TextPart{Where: p.Where, Text: p.Text})
	}
	return doc, nil
}

// readZip reads an office file (docx, xlsx are zips) or, for any other zip,
// the entries of the archive that are themselves readable.
func readZip(r io.ReaderAt, size int64, hint string, lim Limits, archives bool) (*Document, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, &Unreadable{Format: "zip", Reason: "压缩文件无法解析", Err: err}
	}
	for _, f := range zr.File {
		switch {
		case f.Name == "word/document.xml":
			return readOffice(r, size, "docx", lim)
		case f.Name == "xl/workbook.xml":
			return readOffice(r, size, "xlsx", lim)
		case f.Name == "ppt/presentation.xml":
			return nil, unsupported("pptx")
		case f.Name == "OFD.xml":
			return nil, unsupported("ofd")
		}
	}
	if !archives {
		return nil, &Unreadable{Format: "zip", Reason: "压缩包内的压缩包未展开"}
	}
	return readArchive(zr, lim)
}

// readArchive reads each readable entry of a zip archive; an entry that
// cannot be read is named in the text, so the file is not judged clean on
// what was skipped.
func readArchive(zr *zip.Reader, lim Limits) (*Document, error) {
	doc := &Document{Format: "zip"}
	var unread []string
	budget, entries := lim.MaxUnzipped, 0
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || !Readable(f.Name, "") {
			continue
		}
		name := entryName(f)
		if entries++; entries > lim.MaxEntries || budget <= 0 {
			doc.Truncated = true
			break
		}
		data, err := readEntry(f, min(lim.MaxEntryBytes, budget))
		budget -= int64(len(data))
		if err != nil {
			unread = append(unread, name+"（"+err.Error()+"）")
			continue
		}
		inner, err := extract(bytes.NewReader(data), int64(len(data)), f.Name, "", lim, false)
		if err != nil {
			var u *Unreadable
			if errors.As(err, &u) {
				unread = append(unread, name+"（"+u.Reason+"）")
			} else {
				unread = append(unread, name+"（"+err.Error()+"）")
			}
			continue
		}
		doc.Truncated = doc.Truncated || inner.Truncated
		for _, p := range inner.Parts {
			doc.Parts = append(doc.Parts, checks.TextPart{Where: joinWhere(name, p.Where), Text: p.Text})
		}
	}
	if len(doc.Parts) == 0 && len(unread) > 0 {
		return nil, &Unreadable{Format: "zip", Reason: "压缩包内文件均无法读取：" + strings.Join(unread, "、")}
	}
	if len(unread) > 0 {
		doc.Truncated = true
	}
	return doc, nil
}

var errEntryTooLarge = errors.New("解压后过大")

// readEntry reads a zip entry whole, refusing one that inflates past max
// whatever its header claims.
func readEntry(f *zip.File, max int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(rc, max+1))
	if n > max {
		return nil, errEntryTooLarge
	}
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// entryName is an entry's name as its maker wrote it: zips made on Chinese
// Windows store GBK names without the UTF-8 flag.
func entryName(f *zip.File) string {
	if f.NonUTF8 {
		if s, err := gbkName(f.Name); err == nil {
			return s
		}
	}
	return f.Name
}

func joinWhere(entry, where string) string {
	if where == "" {
		return entry
	}
	return entry + "：" + where
}

func unsupported(format string) error {
	return &Unreadable{Format: format, Reason: "不支持的格式（" + format + "）"}
}

func ext(name string) string {
	if i := strings.IndexAny(name, "?#"); i >= 0 {
		name = name[:i]
	}
	return strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
}

func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	return mt
}
