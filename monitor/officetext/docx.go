package officetext

import (
	"encoding/xml"
	"sort"
	"strings"
)

// mainWordPart finds the main document part when it is not named
// word/document.xml (some generators write word/document2.xml).
func (c *container) mainWordPart() string {
	if c.has("word/document.xml") {
		return "word/document.xml"
	}
	for _, n := range c.names {
		if strings.HasPrefix(n, "word/document") && strings.HasSuffix(n, ".xml") && !strings.Contains(n[5:], "/") {
			return n
		}
	}
	return ""
}

// docx reads the body first (the text most likely to matter if the text
// limit cuts the rest off), then the other stories.
func (ex *extraction) docx(c *container) error {
	if err := ex.wordML(c, c.mainWordPart(), whereBody); err != nil {
		return err
	}
	var headers, footers []string
	for _, n := range c.names {
		if !strings.HasPrefix(n, "word/") || !strings.HasSuffix(n, ".xml") || strings.Contains(n[5:], "/") {
			continue
		}
		switch base := n[5:]; {
		case strings.HasPrefix(base, "header"):
			headers = append(headers, n)
		case strings.HasPrefix(base, "footer"):
			footers = append(footers, n)
		}
	}
	sort.Strings(headers)
	sort.Strings(footers)
	for _, n := range headers {
		if err := ex.wordML(c, n, whereHeader); err != nil {
			return err
		}
	}
	for _, n := range footers {
		if err := ex.wordML(c, n, whereFooter); err != nil {
			return err
		}
	}
	for _, s := range []struct{ name, where string }{
		{"word/footnotes.xml", whereFootnote},
		{"word/endnotes.xml", whereEndnote},
		{"word/comments.xml", whereComment},
	} {
		if c.has(s.name) {
			if err := ex.wordML(c, s.name, s.where); err != nil {
				return err
			}
		}
	}
	return nil
}

// wordState tracks where in a WordprocessingML part the decoder is.
type wordState struct {
	out      *partText
	inText   bool // inside w:t, w:delText or w:instrText we keep
	skip     int  // depth inside an element whose content is dropped
	rows     []rowState
	cellText bool // the current table cell has text, so the next paragraph needs a separator
}

// rowState is one open table row: how many cells have been written.
type rowState struct{ cells int }

// wordML streams one part (document, header, footer, footnotes, comments)
// into a Part. Text boxes need no special case: their w:txbxContent holds
// ordinary paragraphs. mc:Fallback repeats the mc:Choice content (a text box
// appears in both), so it is skipped.
func (ex *extraction) wordML(c *container, name, where string) error {
	st := &wordState{out: ex.newPart()}
	err := c.xmlPart(name, func(d *xml.Decoder, t xml.Token) error {
		return st.token(t)
	})
	ex.add(where, st.out)
	return err
}

func (st *wordState) token(t xml.Token) error {
	switch t := t.(type) {
	case xml.StartElement:
		if st.skip > 0 {
			st.skip++
			return nil
		}
		switch t.Name.Local {
		case "Fallback", "instrText", "delInstrText":
			st.skip = 1
		case "t", "delText":
			// Deleted text from tracked changes is still in the published
			// file, so it is scanned too.
			st.inText = true
		case "tab":
			return st.write("\t")
		case "br", "cr":
			return st.write("\n")
		case "noBreakHyphen":
			return st.write("-")
		case "tr":
			st.rows = append(st.rows, rowState{})
		case "tc":
			if n := len(st.rows); n > 0 {
				if st.rows[n-1].cells > 0 {
					if err := st.write("\t"); err != nil {
						return err
					}
				}
				st.rows[n-1].cells++
			}
			st.cellText = false
		case "pPr", "rPr", "tabs":
			// Properties hold w:tab stop definitions, not tab characters.
			st.skip = 1
		}
	case xml.EndElement:
		if st.skip > 0 {
			st.skip--
			return nil
		}
		switch t.Name.Local {
		case "t", "delText":
			st.inText = false
		case "p":
			if len(st.rows) > 0 {
				// Paragraphs inside a table cell are joined by a space so the
				// row stays on one line.
				st.cellText = st.out.len() > 0 && st.out.lastByte() != '\t' && st.out.lastByte() != '\n'
				return nil
			}
			return st.write("\n")
		case "tr":
			if n := len(st.rows); n > 0 {
				st.rows = st.rows[:n-1]
			}
			return st.write("\n")
		}
	case xml.CharData:
		if st.inText && st.skip == 0 {
			if st.cellText {
				st.cellText = false
				if err := st.write(" "); err != nil {
					return err
				}
			}
			return st.write(string(t))
		}
	}
	return nil
}

func (st *wordState) write(s string) error { return st.out.write(s) }
