package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/pubdate"
)

// chromeMarks name page furniture whose lists are not the column's:
// menus, footers, "hot" and "ranking" boxes.
var chromeMarks = []string{"nav", "menu", "footer", "foot", "header", "hot", "rank", "sidebar",
	"friend", "yqlj", "breadcrumb", "crumb", "position", "location", "share", "pagination"}

// placeholders are what an empty column's list says.
var placeholders = []string{"暂无信息", "暂无数据", "暂无内容", "暂无记录", "没有找到相关信息", "暂无相关信息", "没有记录", "正在建设中", "栏目建设中"}

var yearHeading = regexp.MustCompile(`(20\d\d|19\d\d)\s*年`)

// list finds the page's list of dated items: the container whose entries
// most often pair one title link with a date, together with its sibling
// containers of the same kind (lists split by year headings).
func (p *page) list() *checks.ListPage {
	type candidate struct {
		n     *html.Node
		items []checks.Item
		dated int
	}
	var cands []candidate
	best := -1
	year := 0
	walk(p.root, func(n *html.Node) bool {
		if n.DataAtom == atom.Nav || hasMark(n, chromeMarks...) || invisible[n.DataAtom] {
			return false
		}
		if isHeading(n) {
			if m := yearHeading.FindStringSubmatch(shownText(n)); m != nil {
				year, _ = strconv.Atoi(m[1])
			}
		}
		if !listContainer(n) {
			return true
		}
		items, dated := p.entries(n, year)
		if dated == 0 {
			return true
		}
		cands = append(cands, candidate{n, items, dated})
		if b := best; b < 0 || dated > cands[b].dated || (dated == cands[b].dated && len(items) > len(cands[b].items)) {
			best = len(cands) - 1
		}
		return true
	})
	if best < 0 {
		if ph := p.placeholder(); ph != "" {
			return &checks.ListPage{Placeholder: ph}
		}
		return nil
	}
	var items []checks.Item
	dated := 0
	for _, c := range cands {
		if c.n == cands[best].n || (c.n.Parent == cands[best].n.Parent && c.n.DataAtom == cands[best].n.DataAtom) {
			items = append(items, c.items...)
			dated += c.dated
		}
	}
	if dated < 2 && len(items) > 1 {
		return nil
	}
	return &checks.ListPage{Items: items, Next: p.next()}
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return hasMark(n, "year", "nian")
}

func listContainer(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Tbody, atom.Dl, atom.Div, atom.Section:
		return true
	case atom.Table:
		return n.FirstChild == nil || n.FirstChild.DataAtom != atom.Tbody
	}
	return false
}

// entries reads a container's child elements as list entries.
func (p *page) entries(n *html.Node, year int) ([]checks.Item, int) {
	var items []checks.Item
	dated := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if isHeading(c) {
			if m := yearHeading.FindStringSubmatch(shownText(c)); m != nil {
				year, _ = strconv.Atoi(m[1])
			}
			continue
		}
		it, ok := p.entry(c, year)
		if !ok {
			continue
		}
		items = append(items, it)
		if !it.Date.IsZero() && it.DateText != "" {
			dated++
		}
	}
	if len(items) < 1 {
		return nil, 0
	}
	return items, dated
}

// entry reads one list entry: its main link (the longest title) and a date
// written beside it, else the date in the item's URL.
func (p *page) entry(n *html.Node, year int) (checks.Item, bool) {
	var title, href string
	links := 0
	walk(n, func(a *html.Node) bool {
		if a.DataAtom != atom.A {
			return true
		}
		links++
		t := itemTitle(a)
		if utf8.RuneCountInString(t) > utf8.RuneCountInString(title) {
			title, href = t, attr(a, "href")
		}
		return false
	})
	if utf8.RuneCountInString(title) < 4 || links > 3 {
		return checks.Item{}, false
	}
	u, err := Resolve(p.base, href, p.enc)
	if err != nil {
		return checks.Item{}, false
	}
	it := checks.Item{Title: title, URL: u}
	rest := strings.Replace(shownText(n), title, " ", 1)
	urlDate, inURL := pubdate.FromURL(u)
	if year == 0 && inURL {
		year = urlDate.Year() // a bare 01-14 takes the year its URL gives
	}
	if ms := pubdate.Find(rest, year); len(ms) > 0 {
		m := ms[len(ms)-1] // dates stand after titles
		it.Date, it.DateText = m.Time, m.Text
	} else if inURL {
		it.Date = urlDate
	}
	return it, true
}

// itemTitle prefers the title attribute when the text is cut with an ellipsis.
func itemTitle(a *html.Node) string {
	text := anchorText(a)
	if t := fold(attr(a, "title")); t != "" && (strings.HasSuffix(text, "…") || strings.HasSuffix(text, "...") || utf8.RuneCountInString(t) > utf8.RuneCountInString(text)) {
		return t
	}
	return text
}

// placeholder is the 暂无信息 text an empty list shows, if the page shows one.
func (p *page) placeholder() string {
	text := visibleText(p.root)
	for _, ph := range placeholders {
		if strings.Contains(text, ph) {
			return ph
		}
	}
	return ""
}
