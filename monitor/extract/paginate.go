package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// createPageHTML(count, current, "index", "html") is how TRS WCM pages write
// their pagination: page 0 is index.html, page i is index_i.html.
var trsPager = regexp.MustCompile(`createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?(\d+)['"]?\s*,\s*['"]([\w-]+)['"]\s*,\s*['"](\w+)['"]`)

var nextWords = []string{"下一页", "下页", "后一页", "next", "next page", ">", "›", "»", ">>"}

// next finds the list's next page: a 下一页 link, else a TRS pager call.
func (p *page) next() string {
	var found string
	walk(p.root, func(n *html.Node) bool {
		if found != "" {
			return false
		}
		if n.DataAtom == atom.A {
			text := strings.ToLower(anchorText(n))
			for _, w := range nextWords {
				if text == w {
					if u, err := Resolve(p.base, attr(n, "href"), p.enc); err == nil && u != p.base.String() {
						found = u
					}
				}
			}
			return false
		}
		return true
	})
	if found != "" {
		return found
	}
	return p.trsNext()
}

func (p *page) trsNext() string {
	for _, s := range p.scripts {
		m := trsPager.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		count, _ := strconv.Atoi(m[1])
		current, _ := strconv.Atoi(m[2])
		if current+1 >= count || count > 100000 {
			return ""
		}
		u, err := Resolve(p.base, fmt.Sprintf("%s_%d.%s", m[3], current+1, m[4]), p.enc)
		if err != nil {
			return ""
		}
		return u
	}
	return ""
}
