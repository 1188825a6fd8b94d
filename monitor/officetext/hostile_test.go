package officetext

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

// bombZip holds one entry name whose body is prefix + n repetitions of unit
// + suffix, deflated at best compression (so a 200 MiB part is ~200 KB).
func bombZip(t testing.TB, name, prefix, unit, suffix string, n int, extra ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, e := range extra {
		w, _ := zw.Create(e.name)
		w.Write([]byte(e.body))
	}
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(prefix))
	chunk := []byte(strings.Repeat(unit, 64<<10/len(unit)))
	per := len(chunk) / len(unit)
	for i := 0; i < n; i += per {
		w.Write(chunk)
	}
	w.Write([]byte(suffix))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestZipBomb(t *testing.T) {
	docxBomb := bombZip(t, "word/document.xml", `<w:document `+wordNS+`><w:body>`, "<w:r/>", `</w:body></w:document>`, 256<<10) // 1.5 MiB inflated
	xlsxBomb := bombZip(t, "xl/sharedStrings.xml", `<sst>`, "<si><t>a</t></si>", `</sst>`, 256<<10,                             // 4 MiB inflated
		entry{"xl/workbook.xml", `<workbook><sheets/></workbook>`})
	tests := []struct {
		name   string
		data   []byte
		format string
		lim    Limits
		want   string
	}{
		{"docx entry limit", docxBomb, "docx", Limits{MaxEntryXML: 1 << 20}, "docx: zip entry word/document.xml expands beyond 1 MiB"},
		{"docx total limit", docxBomb, "docx", Limits{MaxUnzipped: 512 << 10}, "docx: zip entries expand beyond 524288 bytes in total"},
		{"xlsx shared strings", xlsxBomb, "xlsx", Limits{MaxEntryXML: 1 << 20}, "xlsx: zip entry xl/sharedStrings.xml expands beyond 1 MiB"},
		{"xlsx shared string count", xlsxBomb, "xlsx", Limits{MaxCells: 1000}, "xlsx: xl/sharedStrings.xml has more than 1000 strings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Logf("%d bytes compressed", len(tt.data))
			_, err := extractBytes(t, tt.data, tt.format, tt.lim)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestZipBombDefaultLimit inflates an entry past the default 128 MiB limit
// through the counting reader (without the slower XML decoding) and checks
// the heap stayed far below the inflated size.
func TestZipBombDefaultLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates 128 MiB")
	}
	data := bombZip(t, "word/document.xml", `<w:document `+wordNS+`><w:body>`, "<w:r/>", `</w:body></w:document>`, 23<<20) // 138 MiB
	peak := peakHeapDuring(func() {
		ex := &extraction{lim: Limits{}.withDefaults(), src: bytes.NewReader(data), size: int64(len(data))}
		c, err := ex.openZip("docx")
		if err != nil {
			t.Fatal(err)
		}
		rc, err := c.open("word/document.xml")
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		_, err = io.Copy(io.Discard, rc)
		if err == nil || err.Error() != "docx: zip entry word/document.xml expands beyond 128 MiB" {
			t.Errorf("err = %v", err)
		}
	})
	t.Logf("peak heap in use: %.1f MiB", float64(peak)/(1<<20))
	if peak > 32<<20 {
		t.Errorf("peak heap %d MiB while inflating a bomb", peak>>20)
	}
}

// peakHeapDuring samples HeapInuse while fn runs and returns the largest
// increase over the level before it started.
func peakHeapDuring(fn func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var max uint64
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > max {
				max = ms.HeapInuse
			}
			select {
			case <-done:
				peak <- max
				return
			default:
				time.Sleep(5 * time.Millisecond)
			}
		}
	}()
	fn()
	close(done)
	p := <-peak
	if p < base {
		return 0
	}
	return p - base
}

// setUncompressedSize rewrites the uncompressed size of every entry in both
// the local and central headers of a zip written by archive/zip, so that
// they lie.
func setUncompressedSize(data []byte, size uint32) []byte {
	out := bytes.Clone(data)
	for i := 0; i+30 <= len(out); i++ {
		switch binary.LittleEndian.Uint32(out[i:]) {
		case 0x04034b50: // local file header
			binary.LittleEndian.PutUint32(out[i+22:], size)
		case 0x02014b50: // central directory header
			if i+46 <= len(out) {
				binary.LittleEndian.PutUint32(out[i+24:], size)
			}
		case 0x08074b50: // data descriptor
			if i+16 <= len(out) {
				binary.LittleEndian.PutUint32(out[i+12:], size)
			}
		}
	}
	return out
}

func TestZipLyingSizes(t *testing.T) {
	for _, size := range []uint32{0, 5, 0xFFFFFFF0} {
		for _, data := range [][]byte{testDOCX(t), testXLSX(t)} {
			d, err := extractBytes(t, setUncompressedSize(data, size), "docx", Limits{})
			if err == nil {
				t.Errorf("size %d: no error, text %q", size, allText(d))
			}
		}
	}
}

func TestBrokenXML(t *testing.T) {
	data := makeZip(t, entry{"word/document.xml", "<w:document " + wordNS + ">\n<w:body><w:p><w:r><w:t>张三</w:t></w:r>\n</w:body></w:document>"})
	_, err := extractBytes(t, data, "docx", Limits{})
	if err == nil || !strings.HasPrefix(err.Error(), "docx: word/document.xml: XML syntax error on line 3") {
		t.Errorf("err = %v", err)
	}
	data = makeZip(t, entry{"xl/workbook.xml", "<workbook><sheets><sheet name='a' r:id='rId1'/></sheets></workbook>"},
		entry{"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c><v>1</v></c></row>"})
	_, err = extractBytes(t, data, "xlsx", Limits{})
	if err == nil || !strings.HasPrefix(err.Error(), "xlsx: xl/worksheets/sheet1.xml: XML syntax error") {
		t.Errorf("err = %v", err)
	}
}

// TestTruncated cuts each test file at many lengths: never a panic, and
// either an error or a document.
func TestTruncated(t *testing.T) {
	files := map[string][]byte{"docx": testDOCX(t), "xlsx": testXLSX(t)}
	for _, f := range truncationSeeds(t) {
		files[f.format+" "+f.name] = f.data
	}
	for name, data := range files {
		format := strings.Fields(name)[0]
		step := max(1, len(data)/400)
		for n := 0; n < len(data); n += step {
			d, err := extractBytes(t, data[:n], format, Limits{})
			if err == nil && d == nil {
				t.Fatalf("%s cut at %d: nil document and nil error", name, n)
			}
			if err != nil && strings.Contains(err.Error(), "internal error") {
				t.Fatalf("%s cut at %d: %v", name, n, err)
			}
		}
	}
}

func TestUnsupported(t *testing.T) {
	for _, data := range [][]byte{
		[]byte("%PDF-1.4 ..."),
		makeZip(t, entry{"ppt/presentation.xml", "<p/>"}),
		{0x00, 0x01, 0x02, 0x03, 0xFF},
	} {
		if _, err := extractBytes(t, data, "doc", Limits{}); !errors.Is(err, ErrUnsupported) {
			t.Errorf("% x: err = %v", data[:4], err)
		}
	}
}
