package charset

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Decode returns body as UTF-8 text, the encoding it was read in (see
// Detect) and, rarely, an error. Bytes that are invalid in that encoding
// become U+FFFD; they are never an error. The BOM is stripped.
//
// The error, wrapping ErrUnsupported, is only for a page whose declared
// charset is unknown or unsupported and whose bytes are neither ASCII, UTF-8
// nor Chinese in GB18030 or Big5; the text is then a best-effort UTF-8
// reading.
func Decode(body []byte, contentType string) (text, enc string, err error) {
	d := detect(body, contentType)
	text = decodeAs(d.enc, body[d.bomLen:])
	if d.unknown != "" && d.source == SourceDefault && hasNonASCII(body) {
		err = fmt.Errorf("charset %q: %w", d.unknown, ErrUnsupported)
	}
	return text, d.enc, err
}

// decodeAs decodes b in the named encoding into valid UTF-8 without a BOM.
func decodeAs(enc string, b []byte) string {
	var text string
	if e, ok := lookup(enc); ok && enc != "utf-8" {
		out, err := e.NewDecoder().Bytes(b)
		if err != nil { // x/text decoders replace bad bytes, but be sure
			out = b
		}
		text = string(out)
	} else {
		text = string(b)
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return strings.TrimPrefix(text, "\uFEFF")
}
