// Package pdfwrite writes small, correct PDF files of text: the sample
// portal's attachments, and test and benchmark inputs for the readers. Latin
// text is set in Helvetica; Chinese text in a Type0 font with Identity-H
// glyph ids and a ToUnicode map, the way office suites write it.
package pdfwrite

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
)

// Latin is a one-page PDF that writes line in Helvetica.
func Latin(line string) []byte {
	return document([]string{latinContent(line)}, helvetica, "")
}

// Encrypted is a PDF whose trailer says it is encrypted: no reader gets its
// text without the password.
func Encrypted() []byte {
	return document([]string{latinContent("x")}, helvetica,
		"/Encrypt << /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -3904 >> ")
}

// Chinese is a PDF of pages, each a list of lines, in a Chinese Type0 font.
func Chinese(pages ...[]string) []byte {
	cids := map[rune]int{}
	var runes []rune
	contents := make([]string, len(pages))
	for p, lines := range pages {
		var c strings.Builder
		c.WriteString("BT /F1 10 Tf 40 800 Td")
		for _, line := range lines {
			c.WriteString(" 0 -14 Td <")
			for _, r := range line {
				if _, ok := cids[r]; !ok {
					cids[r] = len(runes) + 1
					runes = append(runes, r)
				}
				fmt.Fprintf(&c, "%04X", cids[r])
			}
			c.WriteString("> Tj")
		}
		c.WriteString(" ET")
		contents[p] = c.String()
	}
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def\n" +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	for i := 0; i < len(runes); i += 100 {
		chunk := runes[i:min(i+100, len(runes))]
		fmt.Fprintf(&cmap, "%d beginbfchar\n", len(chunk))
		for j, r := range chunk {
			fmt.Fprintf(&cmap, "<%04X> <", i+j+1)
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&cmap, "%04X", u)
			}
			cmap.WriteString(">\n")
		}
		cmap.WriteString("endbfchar\n")
	}
	cmap.WriteString("endcmap CMapName currentdict /CMap defineresource pop end end")
	return document(contents, []string{
		"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
		stream(cmap.String()),
	}, "")
}

var helvetica = []string{"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}

func latinContent(line string) string {
	esc := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(line)
	return fmt.Sprintf("BT /F1 12 Tf 72 770 Td (%s) Tj ET", esc)
}

func stream(s string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s), s)
}

// document assembles a PDF 1.4: catalog (1), page tree (2), the font
// objects from 3 on (the first is /F1), then each page and its content,
// with a correct cross-reference table; trailer adds trailer entries.
func document(contents, fonts []string, trailer string) []byte {
	objects := append([]string{"<< /Type /Catalog /Pages 2 0 R >>", ""}, fonts...)
	kids := make([]string, len(contents))
	for i, c := range contents {
		page := len(objects) + 1
		kids[i] = fmt.Sprintf("%d 0 R", page)
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>", page+1),
			stream(c))
	}
	objects[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(contents))
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, trailer, xref)
	return b.Bytes()
}
