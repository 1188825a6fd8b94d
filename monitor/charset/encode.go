package charset

import (
	"fmt"
	"net/url"

	"golang.org/x/text/encoding"
)

// Encoder returns the encoding for a charset name or label (as Detect
// returns, or any WHATWG label such as "gb2312"), for encoding text the way
// a page in that charset would. GBK and GB2312 give GB18030, which encodes
// every GBK character identically.
func Encoder(enc string) (encoding.Encoding, bool) {
	name, ok := canonical(enc)
	if !ok {
		return nil, false
	}
	return lookup(name)
}

// QueryEscape encodes s as a browser does for a query string (a search box)
// on a page in charset enc: in that charset, characters it cannot represent
// as HTML numeric references (&#8364;), then percent-escaped. UTF-16 pages
// submit UTF-8, as browsers do. Paths, unlike queries, are always UTF-8: use
// url.PathEscape for them.
func QueryEscape(s, enc string) (string, error) {
	name, ok := canonical(enc)
	if !ok {
		return "", fmt.Errorf("charset %q: %w", enc, ErrUnsupported)
	}
	if name == "utf-8" || name == "utf-16le" || name == "utf-16be" {
		return url.QueryEscape(s), nil
	}
	e, _ := lookup(name)
	b, err := encoding.HTMLEscapeUnsupported(e.NewEncoder()).String(s)
	if err != nil {
		return "", fmt.Errorf("encode query in %s: %w", name, err)
	}
	return url.QueryEscape(b), nil
}
