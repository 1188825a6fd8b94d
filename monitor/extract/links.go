package extract

import (
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govwatch/govwatch/checks"
)

// attachmentExt are file types published as attachments.
var attachmentExt = map[string]bool{
	"pdf": true, "doc": true, "docx": true, "xls": true, "xlsx": true, "wps": true, "et": true,
	"dps": true, "ppt": true, "pptx": true, "zip": true, "rar": true, "7z": true, "txt": true,
	"csv": true, "ofd": true, "mp4": true, "mp3": true, "avi": true, "flv": true, "wmv": true,
}

// isAttachment reports whether a URL names an attachment by its extension.
func isAttachment(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	return attachmentExt[strings.ToLower(strings.TrimPrefix(path.Ext(p.Path), "."))]
}

// links lists every reference on the page, in document order.
func (p *page) links() []checks.Link {
	var out []checks.Link
	add := func(n *html.Node, ref string, kind checks.LinkKind, text string) {
		u, err := Resolve(p.base, ref, p.enc)
		if err != nil {
			return
		}
		if kind == checks.KindPage && isAttachment(u) {
			kind = checks.KindAttachment
		}
		out = append(out, checks.Link{URL: u, Text: text, Kind: kind, Tag: n.Data})
	}
	walk(p.root, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.A, atom.Area:
			add(n, attr(n, "href"), checks.KindPage, anchorText(n))
		case atom.Img:
			src := attr(n, "src")
			if src == "" || strings.HasPrefix(src, "data:") {
				src = attr(n, "data-src")
			}
			add(n, src, checks.KindImage, fold(attr(n, "alt")))
		case atom.Input:
			if strings.EqualFold(attr(n, "type"), "image") {
				add(n, attr(n, "src"), checks.KindImage, fold(attr(n, "alt")))
			}
		case atom.Script:
			add(n, attr(n, "src"), checks.KindScript, "")
		case atom.Link:
			p.linkElement(n, add)
		case atom.Iframe, atom.Frame:
			add(n, attr(n, "src"), checks.KindFrame, fold(attr(n, "title")))
		case atom.Embed, atom.Video, atom.Audio, atom.Source:
			add(n, attr(n, "src"), checks.KindAttachment, "")
		case atom.Object:
			add(n, attr(n, "data"), checks.KindAttachment, "")
		}
		return true
	})
	return out
}

func (p *page) linkElement(n *html.Node, add func(*html.Node, string, checks.LinkKind, string)) {
	rel := strings.ToLower(attr(n, "rel"))
	switch {
	case strings.Contains(rel, "stylesheet"):
		add(n, attr(n, "href"), checks.KindStylesheet, "")
	case strings.Contains(rel, "icon"):
		add(n, attr(n, "href"), checks.KindImage, "")
	}
}

// anchorText is what a visitor reads as a link: its text, else the title
// attribute, else the alt text of the image it holds.
func anchorText(n *html.Node) string {
	if t := shownText(n); t != "" {
		return t
	}
	if t := fold(attr(n, "title")); t != "" {
		return t
	}
	var alt string
	walk(n, func(c *html.Node) bool {
		if c.DataAtom == atom.Img && alt == "" {
			alt = fold(attr(c, "alt"))
		}
		return alt == ""
	})
	return alt
}
