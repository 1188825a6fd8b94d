package officetext

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// fuzzLimits keep each fuzz input cheap.
var fuzzLimits = Limits{MaxUnzipped: 4 << 20, MaxEntryXML: 1 << 20, MaxTextBytes: 256 << 10, MaxCells: 100_000}

// fuzzExtract fails on a recovered panic (Extract turns panics into an
// "internal error") and on a document over the text limit.
func fuzzExtract(t *testing.T, data []byte, format string) {
	d, err := Extract(bytes.NewReader(data), int64(len(data)), format, fuzzLimits)
	if err != nil {
		if strings.Contains(err.Error(), "internal error") {
			t.Fatal(err)
		}
		return
	}
	if d == nil {
		t.Fatal("nil document without error")
	}
	n := 0
	for _, p := range d.Parts {
		n += len(p.Text)
	}
	// Parts are trimmed and joined by "\n" when merged, so allow a little.
	if int64(n) > fuzzLimits.MaxTextBytes+int64(len(d.Parts))+16 {
		t.Fatalf("%d bytes of text over the %d limit", n, fuzzLimits.MaxTextBytes)
	}
}

func addFileSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		if data, err := os.ReadFile(n); err == nil {
			f.Add(data)
		}
	}
}

func FuzzDOCX(f *testing.F) {
	f.Add(testDOCX(f))
	f.Add(makeZip(f, entry{"word/document.xml", `<w:document><w:body><w:p><w:r><w:t>张三</w:t></w:r></w:p></w:body></w:document>`}))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, data, "docx") })
}

func FuzzXLSX(f *testing.F) {
	f.Add(testXLSX(f))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, data, "xlsx") })
}

func FuzzCFB(f *testing.F) {
	addFileSeeds(f, "testdata/gov.doc", "testdata/gov.xls", "testdata/hf.doc")
	f.Add(buildCFB([]cfbStream{{"EncryptionInfo", []byte{4, 0}}}, nil))
	f.Add(buildCFB([]cfbStream{{"WordDocument", bytes.Repeat([]byte{0xEC, 0xA5}, 300)}, {"1Table", make([]byte, 600)}}, nil))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, data, "doc") })
}

// FuzzText covers the sniffing and the RTF, HTML and plain-text readers.
func FuzzText(f *testing.F) {
	addFileSeeds(f, "testdata/hf.rtf", "testdata/gov.html")
	f.Add([]byte(`{\rtf1\ansi\ansicpg936 \'d5\'c5\u24352?\par}`))
	f.Add([]byte("姓名,手机\n张三,13912345678\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, data, "csv") })
}
