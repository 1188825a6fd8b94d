package officetext

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// Magic numbers at the start of the files this package reads or recognises.
var (
	magicZip      = []byte("PK\x03\x04")
	magicZipEmpty = []byte("PK\x05\x06")
	magicOLE      = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicRTF      = []byte(`{\rtf`)
	magicPDF      = []byte("%PDF-")
)

// sniff decides what the file is from its first bytes: "zip", "ole", "rtf",
// "html", "csv" or "txt", or a description of an unsupported format. The
// caller's format only matters for plain text, which has no magic.
func sniff(r io.ReaderAt, size int64, format string) (string, error) {
	head := make([]byte, min(size, 4096))
	n, err := r.ReadAt(head, 0)
	if n < len(head) {
		return "", fmt.Errorf("%s: reading file header: %v", format, err)
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	switch {
	case size == 0:
		return "", fmt.Errorf("%s: empty file: %w", format, ErrUnsupported)
	case bytes.HasPrefix(head, magicZip), bytes.HasPrefix(head, magicZipEmpty):
		return "zip", nil
	case bytes.HasPrefix(head, magicOLE):
		return "ole", nil
	case bytes.HasPrefix(trimmed, magicRTF):
		return "rtf", nil
	case bytes.HasPrefix(head, magicPDF):
		return "PDF", nil
	case looksLikeMarkup(trimmed):
		return "html", nil
	}
	switch format {
	case "csv", "txt":
		return format, nil
	}
	if looksLikeText(head) {
		// A .xls that is really a tab- or comma-separated export, or a
		// .doc that is plain text: both happen.
		if bytes.Count(head, []byte{','}) > bytes.Count(head, []byte{'\t'}) && format == "xls" {
			return "csv", nil
		}
		return "txt", nil
	}
	return fmt.Sprintf("unrecognised (starts % x)", head[:min(len(head), 8)]), nil
}

// looksLikeMarkup is true for HTML and for Excel 2003 XML spreadsheets, which
// portals save as .doc and .xls.
func looksLikeMarkup(b []byte) bool {
	if len(b) == 0 || b[0] != '<' {
		return false
	}
	lower := bytes.ToLower(b[:min(len(b), 1024)])
	for _, mark := range []string{"<!doctype html", "<html", "<head", "<body", "<table", "<meta", "urn:schemas-microsoft-com:office", "schemas.microsoft.com/office/", "<?mso-application", "<div", "<p"} {
		if bytes.Contains(lower, []byte(mark)) {
			return true
		}
	}
	return false
}

// looksLikeText is true when the head decodes as UTF-8 or is free of the
// control bytes that binary formats are full of (GBK text has no NULs).
func looksLikeText(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 {
		return true
	}
	control := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != 0x1A {
			control++
		}
	}
	return control == 0
}
