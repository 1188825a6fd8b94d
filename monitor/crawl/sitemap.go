package crawl

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// ParseSitemap reads a sitemap or sitemap index and returns the page URLs and
// the nested sitemap URLs it lists, at most max of each.
func ParseSitemap(body []byte, max int) (pages, sitemaps []string, err error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) {
		return r, nil // loc values are ASCII URLs; a GBK declaration must not stop us
	}
	var parent string
	for {
		tok, err := dec.Token()
		if err != nil {
			if len(pages)+len(sitemaps) > 0 || errors.Is(err, io.EOF) {
				return pages, sitemaps, nil
			}
			return pages, sitemaps, err
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch start.Name.Local {
		case "url", "sitemap":
			parent = start.Name.Local
		case "loc":
			var loc string
			if err := dec.DecodeElement(&loc, &start); err != nil {
				continue
			}
			loc = strings.TrimSpace(loc)
			if parent == "sitemap" && len(sitemaps) < max {
				sitemaps = append(sitemaps, loc)
			} else if parent == "url" && len(pages) < max {
				pages = append(pages, loc)
			}
		}
	}
}
