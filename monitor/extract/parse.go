package extract

import (
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govwatch/govwatch/checks"
)

// Document is what a page holds, read once.
type Document struct {
	Title   string
	Meta    map[string]string // <meta name=…> by name as written
	Links   []checks.Link     // every link, in document order, absolute
	Text    string            // visible text, blocks on their own lines
	Nav     []checks.Link     // navigation links on the page's own host: the columns
	List    *checks.ListPage  // set when the page is a column list
	Article *checks.Article   // set when the page is an article
	Refresh string            // a <meta http-equiv=refresh> target
	Base    string            // the URL relative links resolve against
}

// page is the parse state shared by the readers.
type page struct {
	root    *html.Node
	base    *url.URL
	enc     string
	scripts []string // inline script text, for pagination calls
}

// Parse reads a decoded HTML document fetched from pageURL; enc is the
// page's original charset, which query strings of its links are encoded in.
// It never fails on bad HTML: only pageURL must be an absolute http(s) URL.
func Parse(pageURL, src, enc string) (*Document, error) {
	base, err := url.Parse(pageURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("page url %q is not an absolute http(s) URL", pageURL)
	}
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", pageURL, err)
	}
	p := &page{root: root, base: base, enc: enc}
	doc := &Document{Meta: map[string]string{}}
	p.readHead(doc)
	doc.Base = p.base.String()
	doc.Links = p.links()
	doc.Text = visibleText(root)
	doc.Nav = p.nav()
	doc.List = p.list()
	if doc.List == nil {
		doc.Article = p.article(doc)
	}
	return doc, nil
}

// readHead reads title, meta tags, base and refresh; script text on the way.
func (p *page) readHead(doc *Document) {
	walk(p.root, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Title:
			if doc.Title == "" {
				doc.Title = fold(textOf(n))
			}
		case atom.Meta:
			p.readMeta(n, doc)
		case atom.Base:
			if b, err := p.base.Parse(strings.TrimSpace(attr(n, "href"))); err == nil && attr(n, "href") != "" && (b.Scheme == "http" || b.Scheme == "https") {
				p.base = b
			}
		case atom.Script:
			if attr(n, "src") == "" {
				p.scripts = append(p.scripts, textOf(n))
			}
			return false
		case atom.Svg:
			return false // an <svg><title> is not the page's title
		}
		return true
	})
}

func (p *page) readMeta(n *html.Node, doc *Document) {
	content := strings.TrimSpace(attr(n, "content"))
	if name := strings.TrimSpace(attr(n, "name")); name != "" {
		if _, dup := doc.Meta[name]; !dup {
			doc.Meta[name] = content
		}
	}
	if strings.EqualFold(attr(n, "http-equiv"), "refresh") {
		_, target, ok := strings.Cut(content, "=")
		if i := strings.Index(strings.ToLower(content), "url="); i >= 0 {
			target, ok = content[i+4:], true
		}
		if ok {
			if u, err := Resolve(p.base, strings.Trim(target, `'" `), p.enc); err == nil {
				doc.Refresh = u
			}
		}
	}
}

// walk visits n and its descendants in document order; visit returns false
// to skip a node's children.
func walk(n *html.Node, visit func(*html.Node) bool) {
	if n.Type == html.ElementNode && !visit(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, visit)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// marks is an element's id and class, lower case, for telling navigation,
// footers and content areas apart.
func marks(n *html.Node) string {
	return strings.ToLower(attr(n, "id") + " " + attr(n, "class"))
}

func hasMark(n *html.Node, words ...string) bool {
	m := marks(n)
	if strings.TrimSpace(m) == "" {
		return false
	}
	for _, w := range words {
		if strings.Contains(m, w) {
			return true
		}
	}
	return false
}
