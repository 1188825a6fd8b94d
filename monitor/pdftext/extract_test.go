package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

const (
	title    = "政府信息公开工作年度报告"
	idLabel  = "身份证号"
	idNumber = "110101199003071234"
	rowLabel = "收到和处理政府信息公开申请数量"
)

func extractBytes(t testing.TB, data []byte, lim Limits) (*Document, error) {
	t.Helper()
	return Extract(bytes.NewReader(data), int64(len(data)), lim)
}

// chineseSpec is a one-page document with an Identity-H font carrying
// the title, an ID number line and a table row.
func chineseSpec(compress bool) docSpec {
	cf := newCIDFont(title + idLabel + rowLabel)
	b := newBuilder()
	_ = b
	content := fmt.Sprintf(`BT /F1 16 Tf 1 0 0 1 100 750 Tm %s Tj ET
BT /F1 12 Tf 72 700 Td %s Tj 60 0 Td %s Tj ET
BT /F1 10 Tf 72 650 Td %s Tj 330 0 Td %s Tj 80 0 Td %s Tj ET`,
		cf.hex(title), cf.hex(idLabel), cf.hex(idNumber),
		cf.hex(rowLabel), cf.hex("749"), cf.hex("8"))
	return docSpec{fonts: map[string]string{"F1": "CID"}, pages: []string{content}, compress: compress, cid: cf}
}

func TestExtract(t *testing.T) {
	wantChinese := title + "\n" + idLabel + " " + idNumber + "\n" + rowLabel + "\t749\t8"
	tests := []struct {
		name string
		file func() []byte
		want []string // exact text of each page
	}{
		{
			name: "uncompressed classic xref, Identity-H with ToUnicode",
			file: func() []byte { return chineseSpec(false).classicFile() },
			want: []string{wantChinese},
		},
		{
			name: "flate classic xref",
			file: func() []byte { return chineseSpec(true).classicFile() },
			want: []string{wantChinese},
		},
		{
			name: "xref stream and object stream",
			file: func() []byte {
				b := newBuilder()
				root := chineseSpec(true).build(b)
				return b.modern(root)
			},
			want: []string{wantChinese},
		},
		{
			name: "WinAnsi Latin with word gaps",
			file: func() []byte {
				return docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{
					"BT /F1 10 Tf 72 700 Td (Annual) Tj 40 0 Td (report) Tj ET BT /F1 10 Tf 72 680 Td [(caf) -50 (\\351 2024)] TJ ET",
				}}.classicFile()
			},
			want: []string{"Annual report\ncafé 2024"},
		},
		{
			name: "GBK-EUC-H without ToUnicode",
			file: func() []byte {
				return docSpec{fonts: map[string]string{"F1": fontGBKEUC}, pages: []string{
					"BT /F1 12 Tf 72 700 Td " + gbkHex("第二十条 信息公开ABC") + " Tj ET",
				}, compress: true}.classicFile()
			},
			want: []string{"第二十条 信息公开ABC"},
		},
		{
			name: "UniGB-UCS2-H",
			file: func() []byte {
				return docSpec{fonts: map[string]string{"F1": fontUCS2}, pages: []string{
					"BT /F1 12 Tf 72 700 Td <" + utf16Hex("行政复议") + "> Tj ET",
				}}.classicFile()
			},
			want: []string{"行政复议"},
		},
		{
			name: "simple font with bare GBK bytes",
			file: func() []byte {
				return docSpec{fonts: map[string]string{"F1": fontGBKSimple}, pages: []string{
					"BT /F1 12 Tf 72 700 Td " + gbkHex("主动公开 2023") + " Tj ET",
				}}.classicFile()
			},
			want: []string{"主动公开 2023"},
		},
		{
			name: "two pages",
			file: func() []byte {
				return docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{
					"BT /F1 12 Tf 72 700 Td (Page one) Tj ET",
					"BT /F1 12 Tf 72 700 Td (Page two) Tj 0 -14 Td (second line) Tj ET",
				}, compress: true}.classicFile()
			},
			want: []string{"Page one", "Page two\nsecond line"},
		},
		{
			name: "lines ordered top to bottom whatever the stream order",
			file: func() []byte {
				return docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{
					"BT /F1 12 Tf 72 600 Td (bottom) Tj ET BT /F1 12 Tf 72 700 Td (top) Tj ET BT /F1 12 Tf 300 700.8 Td (right) Tj ET",
				}}.classicFile()
			},
			want: []string{"top\tright\nbottom"},
		},
		{
			name: "vertical rules separate table cells set close together",
			file: func() []byte {
				return docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{
					// A stroked line and a thin filled rectangle as rules,
					// a clipping rectangle that must not count.
					"0.5 w 101 690 m 101 712 l S 120 690 0.8 22 re f 0 0 595 842 re W n " +
						"BT /F1 10 Tf 72 700 Td (Total) Tj 30 0 Td (12) Tj 20 0 Td (7) Tj 10 0 Td (x) Tj ET",
				}}.classicFile()
			},
			want: []string{"Total\t12\t7 x"},
		},
		{
			name: "incremental update replaces the content",
			file: func() []byte {
				b := newBuilder()
				spec := docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{"BT /F1 12 Tf 72 700 Td (old text) Tj ET"}}
				root := spec.build(b)
				orig := b.classic(root, "")
				content := contentObject(b)
				upd := "BT /F1 12 Tf 72 700 Td (new text) Tj ET"
				return appendUpdate(orig, map[int]string{content: fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(upd), upd)}, b.next, root)
			},
			want: []string{"new text"},
		},
		{
			name: "incremental update on top of an xref stream",
			file: func() []byte {
				b := newBuilder()
				spec := docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{"BT /F1 12 Tf 72 700 Td (old text) Tj ET"}, compress: true}
				root := spec.build(b)
				orig := b.modern(root)
				content := contentObject(b)
				upd := "BT /F1 12 Tf 72 700 Td (updated) Tj ET"
				// The catalog lives in the object stream; the update must
				// still find it through /Prev.
				return appendUpdate(orig, map[int]string{content: fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(upd), upd)}, b.next+2, root)
			},
			want: []string{"updated"},
		},
		{
			name: "broken xref offsets need the scan fallback",
			file: func() []byte {
				f := chineseSpec(true).classicFile()
				// Shift every object by inserting bytes after the header.
				i := bytes.Index(f, []byte("1 0 obj"))
				return append(append(append([]byte{}, f[:i]...), []byte("% padding that breaks every offset\n")...), f[i:]...)
			},
			want: []string{wantChinese},
		},
		{
			name: "no xref at all",
			file: func() []byte {
				f := chineseSpec(false).classicFile()
				return f[:bytes.Index(f, []byte("xref\n"))]
			},
			want: []string{wantChinese},
		},
		{
			name: "form xobject, self-referencing, with cm",
			file: func() []byte {
				b := newBuilder()
				font := b.add(fontHelvetica)
				formNum := b.reserve()
				form := "BT /F1 12 Tf 0 0 Td (in form) Tj ET /X1 Do"
				b.set(formNum, fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 500 500] /Resources << /Font << /F1 %d 0 R >> /XObject << /X1 %d 0 R >> >> /Length %d >>\nstream\n%s\nendstream", font, formNum, len(form), form))
				content := "q 1 0 0 1 72 600 cm /X1 Do Q BT /F1 12 Tf 72 700 Td (page) Tj ET"
				c := b.addStream("", []byte(content), false)
				pagesNum := b.reserve()
				p := b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /Contents [%d 0 R] /Resources << /Font << /F1 %d 0 R >> /XObject << /X1 %d 0 R >> >> >>", pagesNum, c, font, formNum))
				// The page tree lists the page twice and itself: cycles.
				b.set(pagesNum, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 1 >>", p, pagesNum))
				root := b.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesNum))
				return b.classic(root, "")
			},
			want: []string{"page\nin form"},
		},
		{
			name: "Differences with glyph names",
			file: func() []byte {
				return docSpec{fonts: map[string]string{"F1": "<< /Type /Font /Subtype /Type1 /BaseFont /Foo /Encoding << /BaseEncoding /MacRomanEncoding /Differences [1 /T /e /x /t /space /uni6587 /one /parenleft /parenright /fi /gx12 /uni00660066] >> >>"}, pages: []string{
					"BT /F1 12 Tf 72 700 Td <0102030405060708090A0B0C8E> Tj ET",
				}}.classicFile()
			},
			want: []string{"Text 文1()fiffé"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := extractBytes(t, tc.file(), Limits{})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if len(doc.Pages) != len(tc.want) {
				t.Fatalf("got %d pages %q, want %d", len(doc.Pages), doc.Pages, len(tc.want))
			}
			for i := range tc.want {
				if doc.Pages[i] != tc.want[i] {
					t.Errorf("page %d:\n got %q\nwant %q", i+1, doc.Pages[i], tc.want[i])
				}
			}
			if doc.Truncated {
				t.Error("Truncated = true")
			}
		})
	}
}

// contentObject finds the content stream's object number in b.
func contentObject(b *pdfBuilder) int {
	for _, n := range b.nums() {
		if strings.Contains(b.objs[n], "stream\n") && !strings.Contains(b.objs[n], "/Type") && !strings.Contains(b.objs[n], "begincmap") {
			return n
		}
	}
	return -1
}

func TestExtractErrors(t *testing.T) {
	good := docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{"BT /F1 12 Tf 72 700 Td (x) Tj ET"}}
	b := newBuilder()
	root := good.build(b)
	encrypted := b.classic(root, "/Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>")
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"encrypted", encrypted, ErrEncrypted},
		{"html", []byte("<html><body>not found</body></html>"), ErrNotPDF},
		{"empty", nil, ErrNotPDF},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extractBytes(t, tc.data, Limits{})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestExtractTruncatedFiles(t *testing.T) {
	// Cut inside the trailer ("/Root 8" without "0 R"): the scan finds
	// the catalog and all the text.
	full := chineseSpec(true).classicFile()
	doc, err := extractBytes(t, full[:len(full)-30], Limits{})
	if err != nil || len(doc.Pages) != 1 || !strings.HasPrefix(doc.Pages[0], title) {
		t.Errorf("cut trailer: %v, %v", doc, err)
	}
	for _, file := range [][]byte{chineseSpec(true).classicFile(), modernChinese()} {
		for n := 0; n < len(file); n += 7 {
			doc, err := extractBytes(t, file[:n], Limits{})
			if err == nil && doc == nil {
				t.Fatalf("cut at %d: nil document without error", n)
			}
		}
	}
}

func modernChinese() []byte {
	b := newBuilder()
	root := chineseSpec(true).build(b)
	return b.modern(root)
}

func TestFlateBombStopsAtLimit(t *testing.T) {
	content := bytes.Repeat([]byte("BT /F1 12 Tf 72 700 Td (bomb) Tj ET\n"), 1<<16) // 2.3 MB
	data := docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{string(content)}, compress: true}.classicFile()
	if len(data) > 64<<10 {
		t.Fatalf("bomb file is %d bytes", len(data))
	}
	doc, err := extractBytes(t, data, Limits{MaxStreamBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Truncated {
		t.Error("Truncated = false")
	}
	if !strings.HasPrefix(doc.Pages[0], "bomb") {
		t.Errorf("page starts %q", doc.Pages[0][:min(20, len(doc.Pages[0]))])
	}
}

func TestTextLimit(t *testing.T) {
	data := docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{
		"BT /F1 12 Tf 72 700 Td (first page text) Tj ET",
		"BT /F1 12 Tf 72 700 Td (second page text) Tj ET",
	}}.classicFile()
	doc, err := extractBytes(t, data, Limits{MaxTextBytes: 20})
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Truncated || strings.Join(doc.Pages, "") != "first page textsecon" {
		t.Errorf("got %q truncated=%v", doc.Pages, doc.Truncated)
	}
	doc, err = extractBytes(t, data, Limits{MaxPages: 1})
	if err != nil || len(doc.Pages) != 1 || !doc.Truncated {
		t.Errorf("MaxPages: %v %q %v", err, doc.Pages, doc.Truncated)
	}
	// Too few objects for the page contents: partial, flagged.
	doc, err = extractBytes(t, data, Limits{MaxObjects: 5})
	if err != nil || !doc.Truncated {
		t.Errorf("MaxObjects: %v %v", err, doc)
	}
}

// TestHybridXref reads a classic table whose trailer points with
// /XRefStm at an xref stream listing the compressed objects.
func TestHybridXref(t *testing.T) {
	b := newBuilder()
	root := docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{"BT /F1 12 Tf 72 700 Td (hybrid) Tj ET"}}.build(b)
	modern := b.modern(root)
	// Append a classic section that lists nothing itself and reaches the
	// xref stream only through /XRefStm (there is no /Prev).
	i := bytes.LastIndex(modern, []byte("startxref"))
	var stm int
	fmt.Sscan(strings.Fields(string(modern[i+len("startxref"):]))[0], &stm)
	tail := fmt.Sprintf("xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size %d /Root %d 0 R /XRefStm %d >>\nstartxref\n%d\n%%%%EOF\n", b.next+2, root, stm, len(modern))
	data := append(append([]byte{}, modern...), tail...)
	f := newFile(data, Limits{}.withDefaults())
	if err := f.loadXref(); err != nil {
		t.Fatal(err)
	}
	pages := f.pages(f.dictOf(f.trailer["Root"]), &Document{})
	if len(pages) != 1 || f.pageText(pages[0], map[int]*font{}, 1<<20) != "hybrid" || f.scanned {
		t.Fatalf("pages %d, scanned %v", len(pages), f.scanned)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
