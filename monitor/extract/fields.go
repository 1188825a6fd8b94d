package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// fieldLabels are the labels of the 政府信息公开 metadata table; the first
// of each group names the field.
var fieldLabels = [][]string{
	{"索引号"}, {"文号", "发文字号", "文件编号"}, {"发布机构", "发文机关", "发布单位"}, {"成文日期", "印发日期"},
	{"发布日期", "公开日期", "发布时间"}, {"主题分类", "信息分类"}, {"有效性", "时效性"}, {"公开方式"},
	{"信息来源", "来源"}, {"主题词", "关键词"}, {"生成日期"}, {"名称", "标题"},
}

// fieldName returns the field a label names, or "".
func fieldName(label string) string {
	label = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(label), ":："))
	label = strings.ReplaceAll(label, " ", "")
	for _, g := range fieldLabels {
		for _, l := range g {
			if label == l {
				return g[0]
			}
		}
	}
	return ""
}

// fields reads the metadata table: label cells followed by value cells, or
// dt/dd pairs, or "标签：值" spans.
func (p *page) fields() map[string]string {
	out := map[string]string{}
	walk(p.root, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Td, atom.Th, atom.Dt, atom.Span, atom.Li, atom.P, atom.Div, atom.Label, atom.Strong, atom.B:
		default:
			return true
		}
		text := shownText(n)
		if name := fieldName(text); name != "" {
			if v := nextValue(n); v != "" && out[name] == "" {
				out[name] = v
			}
			return false
		}
		if label, value, ok := cutLabel(text); ok && out[label] == "" && n.DataAtom != atom.Div {
			out[label] = value
		}
		return true
	})
	if len(out) == 0 {
		return nil
	}
	return out
}

// nextValue is the text of the next element sibling (the value cell).
func nextValue(n *html.Node) string {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return shownText(s)
		}
		if s.Type == html.TextNode && strings.TrimSpace(s.Data) != "" {
			return strings.TrimLeft(fold(s.Data), ":： ")
		}
	}
	return ""
}

// cutLabel reads "文号：官政规〔2024〕3号" written in one element.
func cutLabel(text string) (string, string, bool) {
	for _, sep := range []string{"：", ":"} {
		label, value, ok := strings.Cut(text, sep)
		if !ok {
			continue
		}
		if name := fieldName(label); name != "" {
			value = strings.TrimSpace(value)
			if i := strings.Index(value, "  "); i > 0 {
				value = value[:i]
			}
			return name, value, value != ""
		}
	}
	return "", "", false
}
