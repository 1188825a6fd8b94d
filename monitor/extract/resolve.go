package extract

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/govwatch/govwatch/monitor/charset"
)

// Resolve turns an href into an absolute URL the way a browser does on a
// page in charset enc: surrounding white space and backslashes forgiven,
// dot segments resolved, the fragment dropped, non-ASCII in the path sent as
// UTF-8 and non-ASCII in the query sent in the page's own charset (a GBK
// page's ?q=通知 is %CD%A8%D6%AA, which is what its server expects).
func Resolve(base *url.URL, ref, enc string) (string, error) {
	ref = strings.TrimSpace(strings.Map(dropControl, ref))
	ref = strings.ReplaceAll(ref, `\`, "/")
	if ref == "" || strings.HasPrefix(ref, "#") {
		return "", fmt.Errorf("no target")
	}
	ref, _, _ = strings.Cut(ref, "#")
	path, query, hasQuery := strings.Cut(ref, "?")
	u, err := url.Parse(escapeNonASCII(path))
	if err != nil {
		return "", err
	}
	if hasQuery {
		u.RawQuery = encodeQuery(query, enc)
		u.ForceQuery = query == ""
	}
	abs := base.ResolveReference(u)
	if abs.Scheme != "http" && abs.Scheme != "https" {
		return "", fmt.Errorf("scheme %q is not fetched", abs.Scheme)
	}
	if abs.Host == "" {
		return "", fmt.Errorf("no host")
	}
	abs.Fragment, abs.RawFragment = "", ""
	out := abs.String()
	// url.Parse accepts hosts it cannot read back ("//::" gives "http://::",
	// whose port is "::"): what does not parse again is no link.
	if _, err := url.Parse(out); err != nil {
		return "", err
	}
	return out, nil
}

func dropControl(r rune) rune {
	if r == '\t' || r == '\n' || r == '\r' {
		return -1
	}
	return r
}

// escapeNonASCII percent-encodes non-ASCII runes and spaces as UTF-8, leaving
// existing escapes alone.
func escapeNonASCII(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ':
			b.WriteString("%20")
		case r >= utf8.RuneSelf || r < 0x20:
			for _, c := range []byte(s[i : i+size]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		default:
			b.WriteByte(s[i])
		}
		i += size
	}
	return b.String()
}

// encodeQuery percent-encodes runs of non-ASCII text in the page's charset;
// ASCII, including existing escapes, stays as written.
func encodeQuery(q, enc string) string {
	var b strings.Builder
	for len(q) > 0 {
		i := strings.IndexFunc(q, needsQueryEscape)
		if i < 0 {
			b.WriteString(q)
			break
		}
		b.WriteString(q[:i])
		q = q[i:]
		j := strings.IndexFunc(q, func(r rune) bool { return !needsQueryEscape(r) })
		if j < 0 {
			j = len(q)
		}
		run := q[:j]
		q = q[j:]
		escaped, err := charset.QueryEscape(run, enc)
		if err != nil {
			escaped = url.QueryEscape(run)
		}
		b.WriteString(strings.ReplaceAll(escaped, "+", "%20"))
	}
	return b.String()
}

// needsQueryEscape is true of what a browser escapes in a query: non-ASCII,
// controls, space and the characters that cannot stand in a URL.
func needsQueryEscape(r rune) bool {
	return r >= utf8.RuneSelf || r < 0x21 || r == 0x7f || r == '"' || r == '<' || r == '>'
}
