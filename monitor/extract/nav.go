package extract

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govwatch/govwatch/checks"
)

// navMarks name the containers that hold a site's column menu.
var navMarks = []string{"nav", "menu", "daohang", "dh", "lanmu", "column", "channel"}

// notColumns are navigation entries that are not columns.
var notColumns = []string{"首页", "home", "登录", "注册", "搜索", "english", "无障碍", "长者", "关怀", "适老",
	"繁体", "简体", "繁體", "设为", "收藏", "手机版", "返回", "更多", "more"}

// nav lists the page's navigation links on its own host, in order, once each.
func (p *page) nav() []checks.Link {
	var out []checks.Link
	seen := map[string]bool{}
	walk(p.root, func(n *html.Node) bool {
		if n.DataAtom != atom.Nav && !hasMark(n, navMarks...) {
			return true
		}
		walk(n, func(a *html.Node) bool {
			if a.DataAtom != atom.A {
				return true
			}
			text := anchorText(a)
			u, err := Resolve(p.base, attr(a, "href"), p.enc)
			if err != nil || seen[u] || !p.sameHost(u) || !columnName(text) {
				return false
			}
			seen[u] = true
			out = append(out, checks.Link{URL: u, Text: text, Kind: checks.KindPage, Tag: "a"})
			return false
		})
		return false
	})
	return out
}

func (p *page) sameHost(u string) bool {
	x, err := url.Parse(u)
	if err != nil {
		return false
	}
	h := strings.TrimPrefix(strings.ToLower(x.Host), "www.")
	return h == strings.TrimPrefix(strings.ToLower(p.base.Host), "www.")
}

func columnName(text string) bool {
	n := utf8.RuneCountInString(text)
	if n < 2 || n > 16 {
		return false
	}
	lower := strings.ToLower(text)
	for _, w := range notColumns {
		if strings.Contains(lower, w) {
			return false
		}
	}
	return true
}
