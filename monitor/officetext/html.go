package officetext

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// html reads a web page (or an Excel 2003 XML spreadsheet) saved under an
// office extension: visible text, table cells separated by "\t", rows and
// blocks by "\n". The charset comes from the BOM, the <meta> tag or the bytes.
func (ex *extraction) html() error {
	data, cut, err := ex.readHead("html", ex.lim.MaxEntryXML)
	if err != nil {
		return err
	}
	text := decodeText(data, "")
	out := ex.newPart()
	defer ex.add(whereBody, out)
	z := html.NewTokenizer(strings.NewReader(text))
	z.SetMaxBuf(int(min(ex.lim.MaxEntryXML, 1<<30)))
	skip := 0 // depth inside script, style, head elements
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			if cut {
				return errTextFull
			}
			return nil
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := bytes.TrimSpace(z.Text())
			if len(t) == 0 {
				continue
			}
			if err := out.write(string(t)); err != nil {
				return err
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipWordXML(name) {
				if tt == html.StartTagToken {
					skip++
				}
				continue
			}
			switch a {
			case atom.Script, atom.Style, atom.Title:
				skip++
			case atom.Td, atom.Th:
				if out.len() > 0 && out.lastByte() != '\n' {
					if err := out.write("\t"); err != nil {
						return err
					}
				}
			case atom.Br:
				if err := out.write("\n"); err != nil {
					return err
				}
			}
			// Excel 2003 XML: <Cell><Data>…</Data></Cell> inside <Row>.
			if a == 0 && strings.EqualFold(string(name), "cell") && out.len() > 0 && out.lastByte() != '\n' {
				if err := out.write("\t"); err != nil {
					return err
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if skipWordXML(name) {
				skip = max(0, skip-1)
				continue
			}
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Title:
				if skip > 0 {
					skip--
				}
			case atom.P, atom.Div, atom.Tr, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Table:
				if err := endLine(out); err != nil {
					return err
				}
			default:
				if strings.EqualFold(string(name), "row") {
					if err := endLine(out); err != nil {
						return err
					}
				}
			}
		}
	}
}

// endLine ends the current line unless it is already ended.
func endLine(out *partText) error {
	if out.len() > 0 && out.lastByte() != '\n' {
		return out.write("\n")
	}
	return nil
}

// skipWordXML is true for the elements of Word 2003 XML (and Word's HTML)
// that hold no document text: embedded binary data as base64, field codes.
func skipWordXML(name []byte) bool {
	n := string(name)
	return strings.HasSuffix(n, ":bindata") || strings.HasSuffix(n, ":instrtext") || n == "o:documentproperties"
}
