package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/pubdate"
)

// contentMarks name the main content region in the CMSs these sites run.
var contentMarks = []string{"zoom", "trs_editor", "custom_unionstyle", "content", "article", "main-txt",
	"pages_content", "detail", "view", "txt", "zw", "text"}

// dateMetas are meta names that carry the publication date.
var dateMetas = []string{"PubDate", "pubdate", "publishdate", "PublishDate", "firstpublishedtime", "ArticlePubDate"}

// article reads a page as an article, or returns nil when it is not one.
func (p *page) article(doc *Document) *checks.Article {
	a := &checks.Article{Title: p.articleTitle(doc)}
	body := p.body()
	if body != nil {
		a.Body = visibleText(body)
	}
	p.pubDate(doc, a)
	a.Fields = p.fields()
	for _, l := range doc.Links {
		if l.Kind == checks.KindAttachment {
			a.Attachments = append(a.Attachments, l)
		}
	}
	if a.Title == "" || (a.PubDate.IsZero() && utf8.RuneCountInString(a.Body) < 100) {
		return nil
	}
	return a
}

func (p *page) articleTitle(doc *Document) string {
	if t := fold(doc.Meta["ArticleTitle"]); t != "" {
		return t
	}
	var h1 string
	walk(p.root, func(n *html.Node) bool {
		if h1 != "" || invisible[n.DataAtom] || hasMark(n, "header", "logo") {
			return false
		}
		if n.DataAtom == atom.H1 {
			h1 = shownText(n)
		}
		return h1 == ""
	})
	if h1 != "" {
		return h1
	}
	return trimSiteName(doc.Title)
}

// trimSiteName drops the " - 某某区人民政府" suffix of a <title>.
func trimSiteName(t string) string {
	for _, sep := range []string{" - ", "_", "－", "|", "——"} {
		if i := strings.Index(t, sep); i > 0 {
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}

// body is the element holding the article's text: a known content region
// with the most text.
func (p *page) body() *html.Node {
	var best *html.Node
	bestLen := 0
	walk(p.root, func(n *html.Node) bool {
		if invisible[n.DataAtom] || n.DataAtom == atom.Nav || hasMark(n, "footer", "header", "nav", "menu") {
			return false
		}
		if hasMark(n, contentMarks...) {
			if l := utf8.RuneCountInString(visibleText(n)); l > bestLen {
				best, bestLen = n, l
			}
			return false
		}
		return true
	})
	return best
}

// pubDate takes the publication date from the meta tag, a 发布时间 label, the
// URL, or the 落款 at the end of the body, in that order of trust.
func (p *page) pubDate(doc *Document, a *checks.Article) {
	for _, name := range dateMetas {
		if v, ok := doc.Meta[name]; ok {
			if d, ok := pubdate.Parse(v, 0); ok {
				a.PubDate, a.DateSource = d, "meta"
				return
			}
		}
	}
	if d, _, ok := pubdate.Labelled(doc.Text); ok {
		a.PubDate, a.DateSource = d, "label"
		return
	}
	if d, ok := pubdate.FromURL(p.base.String()); ok {
		a.PubDate, a.DateSource = d, "url"
		return
	}
	if ms := pubdate.Find(lastRunes(a.Body, 200), 0); len(ms) > 0 {
		a.PubDate, a.DateSource = ms[len(ms)-1].Time, "text"
	}
}

func lastRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[len(r)-n:])
}
