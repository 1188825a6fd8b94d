package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// invisible elements hold no text a visitor reads.
var invisible = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Object: true, atom.Select: true,
}

// blocks end a line of text.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Tr: true, atom.Br: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Table: true,
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Section: true,
	atom.Article: true, atom.Header: true, atom.Footer: true, atom.Nav: true, atom.Form: true,
	atom.Blockquote: true, atom.Pre: true, atom.Hr: true, atom.Title: true, atom.Td: true, atom.Th: true,
}

// visibleText is a node's text as a visitor reads it: blocks on their own
// lines, white space folded within a line.
func visibleText(n *html.Node) string {
	lines := strings.Split(rawText(n, '\n'), "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = fold(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// shownText is the visible text under n on one line.
func shownText(n *html.Node) string {
	return fold(rawText(n, ' '))
}

// rawText concatenates the visible text nodes under n, writing blockEnd
// after each block element.
func rawText(n *html.Node, blockEnd byte) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if invisible[n.DataAtom] || hidden(n) {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
		if n.Type == html.ElementNode && blocks[n.DataAtom] {
			b.WriteByte(blockEnd)
		}
	}
	visit(n)
	return b.String()
}

// hidden is true of elements hidden by an attribute or an inline style.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "hidden" {
			return true
		}
	}
	style := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

// textOf is all the text under n, scripts' included (used for titles and scripts).
func textOf(n *html.Node) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	return b.String()
}

// fold collapses white space (full-width and no-break spaces too) to single
// spaces and trims the ends.
func fold(s string) string {
	if plainASCII(s) {
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// plainASCII is true when s has no byte that fold must decode: then
// strings.Fields, which is much faster, folds it the same way.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
