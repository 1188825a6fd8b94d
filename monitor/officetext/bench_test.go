package officetext

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// genXLSX writes a workbook of about targetSize compressed bytes: a
// shared strings table of Chinese names and addresses, and sheets of rows
// with shared strings, 18-digit numbers and formulas with random operands
// (which keep the compression ratio realistic, ~3:1). A sheet is closed
// once its XML passes 96 MiB so no part exceeds the default entry limit.
func genXLSX(tb testing.TB, targetSize int) []byte {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	create := func(name string) *bufio.Writer {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		return bufio.NewWriterSize(w, 64<<10)
	}
	const nShared = 20000
	names := []rune("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚")
	w := create("xl/sharedStrings.xml")
	fmt.Fprintf(w, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="%d">`, nShared)
	for i := 0; i < nShared; i++ {
		fmt.Fprintf(w, "<si><t>%c%c%c 某某区幸福路%d号</t></si>", names[rng.IntN(len(names))], names[rng.IntN(len(names))], names[rng.IntN(len(names))], rng.IntN(1000))
	}
	w.WriteString("</sst>")
	w.Flush()
	var sheets int
	for row := 1; buf.Len() < targetSize; sheets++ {
		w := create(fmt.Sprintf("xl/worksheets/sheet%d.xml", sheets+1))
		w.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		written := 0
		for ; written < 96<<20 && buf.Len() < targetSize; row++ {
			n, _ := fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d"><v>1101011990%08d</v></c><c r="C%d" s="3"><f>ROUND(%d.%d*D%d/%d,2)+SUM(E%d:E%d)</f><v>%d</v></c></row>`,
				row, row, rng.IntN(nShared), row, rng.IntN(1e8), row, rng.Int64(), rng.IntN(1e6), row, rng.IntN(1e9), row, row+rng.IntN(100), rng.IntN(1000))
			written += n
			if row%1024 == 0 {
				w.Flush() // let buf.Len() see the progress
			}
		}
		w.WriteString("</sheetData></worksheet>")
		w.Flush()
	}
	w = create("xl/workbook.xml")
	w.WriteString(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	for i := 1; i <= sheets; i++ {
		fmt.Fprintf(w, `<sheet name="Sheet%d" sheetId="%d" r:id="rId%d"/>`, i, i, i)
	}
	w.WriteString(`</sheets></workbook>`)
	w.Flush()
	w = create("xl/_rels/workbook.xml.rels")
	w.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := 1; i <= sheets; i++ {
		fmt.Fprintf(w, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i, i)
	}
	w.WriteString(`</Relationships>`)
	w.Flush()
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkXLSX(b *testing.B) {
	data := genXLSX(b, 5<<20)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		d, err := Extract(bytes.NewReader(data), int64(len(data)), "xlsx", Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if d.Truncated {
			b.Fatal("truncated")
		}
	}
}

// BenchmarkXLSX50MBPeakHeap reads a ~50 MB workbook (about 200 MiB of
// XML) and reports the peak heap in use above the level before, sampled
// while it runs. With the text limit raised the whole file is read; the
// heap then holds the returned text (with strings.Builder's growth and the
// GC's headroom) and the shared strings table, never a whole part. With
// the default limits reading stops at 16 MiB of text.
//
// The workbook is read from a file, as the crawler does, so that the input
// is not on the heap (a 50 MB live buffer would let the GC leave ~50 MB of
// garbage uncollected and blur the figure).
func BenchmarkXLSX50MBPeakHeap(b *testing.B) {
	data := genXLSX(b, 50<<20)
	size := int64(len(data))
	zr, err := zip.NewReader(bytes.NewReader(data), size)
	if err != nil {
		b.Fatal(err)
	}
	var xml uint64
	for _, f := range zr.File {
		xml += f.UncompressedSize64
	}
	name := filepath.Join(b.TempDir(), "big.xlsx")
	if err := os.WriteFile(name, data, 0o600); err != nil {
		b.Fatal(err)
	}
	data, zr = nil, nil
	file, err := os.Open(name)
	if err != nil {
		b.Fatal(err)
	}
	defer file.Close()
	for _, bc := range []struct {
		name string
		lim  Limits
	}{
		{"whole-file", Limits{MaxUnzipped: 2 << 30, MaxTextBytes: 64 << 20, MaxCells: 50_000_000}},
		{"default-limits", Limits{}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(size)
			var peak uint64
			var doc *Document
			for b.Loop() {
				peak = max(peak, peakHeapDuring(func() {
					var err error
					doc, err = Extract(file, size, "xlsx", bc.lim)
					if err != nil {
						b.Fatal(err)
					}
				}))
			}
			text := 0
			for _, p := range doc.Parts {
				text += len(p.Text)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(text)/(1<<20), "text-MiB")
			b.ReportMetric(float64(size)/(1<<20), "file-MiB")
			b.ReportMetric(float64(xml)/(1<<20), "xml-MiB")
		})
	}
}
