package charset

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// prescanLimit is how much of a page is searched for a <meta> charset, as
// browsers do.
const prescanLimit = 4096

// metaLabel returns the charset label a <meta> tag in the first 4096 bytes of
// body declares: <meta charset="gbk"> or
// <meta http-equiv="Content-Type" content="text/html; charset=gb2312">, in any
// case, attribute order and quoting. Comments, scripts and styles are skipped.
// The first label this package knows wins; if there are only unknown ones the
// first of those is returned so the caller can report it.
func metaLabel(body []byte) string {
	if len(body) > prescanLimit {
		body = body[:prescanLimit]
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	unknown := ""
	for {
		switch z.Next() {
		case html.ErrorToken:
			return unknown
		case html.StartTagToken, html.SelfClosingTagToken:
			label := metaTagLabel(z)
			if label == "" {
				continue
			}
			if _, ok := canonical(label); ok {
				return label
			}
			if unknown == "" {
				unknown = label
			}
		}
	}
}

// metaTagLabel returns the charset label of the tag z is on, if it is a meta
// tag that declares one. A content attribute counts when http-equiv is
// Content-Type, or when there is no http-equiv and content looks like a media
// type: some templates drop http-equiv and browsers' users never notice.
func metaTagLabel(z *html.Tokenizer) string {
	name, hasAttr := z.TagName()
	if string(name) != "meta" || !hasAttr {
		return ""
	}
	var charset, content, httpEquiv string
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "charset":
			charset = string(v)
		case "content":
			content = string(v)
		case "http-equiv":
			httpEquiv = strings.ToLower(strings.TrimSpace(string(v)))
		}
	}
	if c := strings.TrimSpace(charset); c != "" {
		return c
	}
	if httpEquiv == "content-type" || (httpEquiv == "" && strings.Contains(strings.ToLower(content), "text/")) {
		return strings.TrimSpace(charsetParam(content))
	}
	return ""
}
