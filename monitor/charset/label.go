package charset

import (
	"errors"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
)

// ErrUnsupported is returned, wrapped with the label, when a page declares an
// encoding this package cannot decode and its bytes do not show what they are.
var ErrUnsupported = errors.New("unsupported charset")

// canonical returns the canonical name for an encoding label such as "GB2312",
// " utf8 " or "x-gbk", or false for an unknown label or one that only maps to
// WHATWG's "replacement" encoding (which decodes every page to one U+FFFD).
func canonical(label string) (string, bool) {
	e, err := htmlindex.Get(label)
	if err != nil {
		return "", false
	}
	name, err := htmlindex.Name(e)
	if err != nil || name == "replacement" {
		return "", false
	}
	if name == "gbk" {
		name = "gb18030" // same decoder, and gb18030 is the honest name for it
	}
	return name, true
}

// lookup returns the encoding for a canonical name.
func lookup(name string) (encoding.Encoding, bool) {
	if _, ok := canonical(name); !ok {
		return nil, false
	}
	e, err := htmlindex.Get(name)
	return e, err == nil
}

// charsetParam extracts the charset from a Content-Type value or a meta
// content attribute, following the WHATWG algorithm for meta content:
// the first "charset", optional spaces, "=", optional spaces, then a value
// quoted or ending at a space or semicolon. It returns "" if there is none.
func charsetParam(s string) string {
	for i := 0; ; {
		j := indexASCIIFold(s[i:], "charset")
		if j < 0 {
			return ""
		}
		i += j + len("charset")
		rest := strings.TrimLeft(s[i:], " \t\r\n\f")
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n\f")
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			q := rest[0]
			if k := strings.IndexByte(rest[1:], q); k >= 0 {
				return rest[1 : 1+k]
			}
			return "" // unclosed quote: no charset, as the standard says
		}
		if k := strings.IndexAny(rest, " \t\r\n\f;"); k >= 0 {
			rest = rest[:k]
		}
		return rest
	}
}

// indexASCIIFold is strings.Index ignoring ASCII case, for a lower-case
// ASCII word. Unlike strings.ToLower it keeps byte offsets in s valid
// whatever bytes s holds.
func indexASCIIFold(s, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		match := true
		for k := 0; k < len(word); k++ {
			c := s[i+k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != word[k] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
