package pdftext

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// FuzzExtract checks that no input panics, hangs or allocates without
// bound. Seeds are the generated test documents and the real PDFs.
func FuzzExtract(f *testing.F) {
	f.Add(chineseSpec(false).classicFile())
	f.Add(modernChinese())
	f.Add(identityTrueTypeDoc())
	f.Add(docSpec{fonts: map[string]string{"F1": fontGBKEUC, "F2": fontGBKSimple, "F3": fontUCS2}, pages: []string{
		"BT /F1 12 Tf 72 700 Td " + gbkHex("第二十条") + " Tj /F2 10 Tf 0 -20 Td " + gbkHex("主动公开") + " Tj /F3 9 Tf [<" + utf16Hex("复议") + "> -2000 (x)] TJ ET",
	}}.classicFile())
	files, _ := filepath.Glob(filepath.Join("testdata", "*.pdf"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil && len(data) < 32<<10 {
			f.Add(data)
		}
	}
	lim := Limits{MaxObjects: 2000, MaxStreamBytes: 1 << 20, MaxTextBytes: 1 << 20, MaxPages: 50}
	recoverPanics = false
	defer func() { recoverPanics = true }()
	f.Fuzz(func(t *testing.T, data []byte) {
		// A slow input is a bug too: crash with every stack so the
		// fuzzer records the input and shows where it spins.
		watchdog := time.AfterFunc(10*time.Second, func() {
			buf := make([]byte, 1<<20)
			panic("Extract takes over 10s:\n" + string(buf[:runtime.Stack(buf, true)]))
		})
		defer watchdog.Stop()
		doc, err := Extract(bytes.NewReader(data), int64(len(data)), lim)
		if err == nil && doc == nil {
			t.Fatal("nil document without error")
		}
		if err != nil && bytes.Contains([]byte(err.Error()), []byte("internal error")) {
			t.Fatalf("recovered panic: %v", err)
		}
		if doc != nil {
			total := 0
			for _, p := range doc.Pages {
				total += len(p)
			}
			if int64(total) > lim.MaxTextBytes {
				t.Fatalf("text %d bytes exceeds limit", total)
			}
		}
	})
}

// BenchmarkExtract extracts a generated 50-page Chinese report.
func BenchmarkExtract(b *testing.B) {
	cf := newCIDFont(title + idLabel + rowLabel + "主动公开政府信息情况第二十条")
	var pages []string
	for p := 0; p < 50; p++ {
		var content bytes.Buffer
		content.WriteString("BT /F1 16 Tf 100 800 Td " + cf.hex(title) + " Tj ET\n")
		for row := 0; row < 40; row++ {
			y := 760 - row*18
			content.WriteString("BT /F1 10 Tf 1 0 0 1 72 " + itoa(y) + " Tm " + cf.hex(rowLabel) + " Tj ET ")
			content.WriteString("BT /F1 10 Tf 1 0 0 1 400 " + itoa(y) + " Tm [" + cf.hex("749") + " -3000 " + cf.hex("8") + "] TJ ET\n")
		}
		pages = append(pages, content.String())
	}
	data := docSpec{fonts: map[string]string{"F1": "CID"}, pages: pages, compress: true, cid: cf}.classicFile()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := Extract(bytes.NewReader(data), int64(len(data)), Limits{})
		if err != nil || len(doc.Pages) != 50 {
			b.Fatalf("Extract: %v", err)
		}
	}
}

func itoa(n int) string {
	return strconv.Itoa(n)
}
