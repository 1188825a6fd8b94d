package officetext

import (
	"archive/zip"
	"bytes"
	"os"
	"strings"
	"testing"
)

// entry is one file to put in a test zip.
type entry struct{ name, body string }

func makeZip(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"`

// testDOCX is a document with a paragraph, a tab and break, a table, a text
// box (in mc:Choice and again in mc:Fallback), a header, a footer, a
// footnote and a comment.
func testDOCX(t testing.TB) []byte {
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + wordNS + `><w:body>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>公示名单</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">第一批</w:t><w:br/><w:t>续</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>姓名</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>身份证号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>手机</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>张</w:t></w:r><w:r><w:t>三</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>110101199003071234</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>139</w:t></w:r></w:p><w:p><w:r><w:t>12345678</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r><w:r><w:t>链接</w:t></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
</w:body></w:document>`
	hdr := `<w:hdr ` + wordNS + `><w:p><w:r><w:t>某某县人民政府</w:t></w:r></w:p></w:hdr>`
	ftr := `<w:ftr ` + wordNS + `><w:p><w:r><w:t>第1页</w:t></w:r></w:p></w:ftr>`
	fn := `<w:footnotes ` + wordNS + `><w:footnote w:id="1"><w:p><w:r><w:t>注：联系人李四</w:t></w:r></w:p></w:footnote></w:footnotes>`
	cm := `<w:comments ` + wordNS + `><w:comment w:id="0"><w:p><w:r><w:t>请核对号码</w:t></w:r></w:p></w:comment></w:comments>`
	return makeZip(t,
		entry{"[Content_Types].xml", `<Types/>`},
		entry{"word/document.xml", doc},
		entry{"word/header1.xml", hdr},
		entry{"word/footer1.xml", ftr},
		entry{"word/footnotes.xml", fn},
		entry{"word/comments.xml", cm},
	)
}

// testXLSX has two sheets, shared strings (one rich text with a phonetic
// run), an inline string, a boolean, a formula string, and numeric cells:
// an 18-digit ID typed as a number and a 15+ digit number written in full.
func testXLSX(t testing.TB) []byte {
	wb := `<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId7"/><sheet name="Sheet2" sheetId="2" r:id="rId8"/></sheets></workbook>`
	rels := `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/b.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/a.xml"/></Relationships>`
	sst := `<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>姓名</t></si><si><t>身份证号</t></si><si><r><t>张</t></r><r><rPr><b/></rPr><t>三</t></r><rPh><t>ZHANG</t></rPh></si><si><t>手机</t></si></sst>`
	sheet1 := `<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>1.10101199003071E+17</v></c><c r="C2"><v>13912345678</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>李四</t></is></c><c r="B3"><v>110101199003071234</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="str"><f>A3</f><v>公式结果</v></c></row>
</sheetData></worksheet>`
	sheet2 := `<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><t>备注</t></r><r><t>二</t></r></is></c><c r="B1"><v>45000</v></c></row></sheetData></worksheet>`
	return makeZip(t,
		entry{"[Content_Types].xml", `<Types/>`},
		entry{"xl/workbook.xml", wb},
		entry{"xl/_rels/workbook.xml.rels", rels},
		entry{"xl/sharedStrings.xml", sst},
		entry{"xl/worksheets/a.xml", sheet1},
		entry{"xl/worksheets/b.xml", sheet2},
	)
}

func extractBytes(t testing.TB, data []byte, format string, lim Limits) (*Document, error) {
	t.Helper()
	return Extract(bytes.NewReader(data), int64(len(data)), format, lim)
}

// partText returns the text of the part named where, or "" if none.
func partNamed(d *Document, where string) string {
	for _, p := range d.Parts {
		if p.Where == where {
			return p.Text
		}
	}
	return ""
}

func allText(d *Document) string {
	var b strings.Builder
	for _, p := range d.Parts {
		b.WriteString(p.Text)
		b.WriteString("\n")
	}
	return b.String()
}

func extractFile(t testing.TB, name, format string) (*Document, error) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return extractBytes(t, data, format, Limits{})
}

type seedFile struct {
	name, format string
	data         []byte
}

// truncationSeeds are the committed legacy test files, if present.
func truncationSeeds(t testing.TB) []seedFile {
	var out []seedFile
	for _, f := range []struct{ name, format string }{
		{"testdata/gov.html", "doc"},
		{"testdata/gov.doc", "doc"},
		{"testdata/gov.xls", "xls"},
		{"testdata/gov.rtf", "doc"},
	} {
		if data, err := os.ReadFile(f.name); err == nil {
			out = append(out, seedFile{f.name, f.format, data})
		}
	}
	return out
}
