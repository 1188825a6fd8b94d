package pdftext

import (
	"fmt"
	"testing"
)

// TestXrefWithoutScan checks that well-formed files are read through their
// cross-reference data alone: the scan fallback must not be needed.
func TestXrefWithoutScan(t *testing.T) {
	incremental := func() []byte {
		b := newBuilder()
		spec := docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{"BT /F1 12 Tf 72 700 Td (old) Tj ET"}, compress: true}
		root := spec.build(b)
		orig := b.modern(root)
		upd := "BT /F1 12 Tf 72 700 Td (new) Tj ET"
		return appendUpdate(orig, map[int]string{contentObject(b): fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(upd), upd)}, b.next+2, root)
	}
	classicIncremental := func() []byte {
		b := newBuilder()
		spec := docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{"BT /F1 12 Tf 72 700 Td (old) Tj ET"}}
		root := spec.build(b)
		orig := b.classic(root, "")
		upd := "BT /F1 12 Tf 72 700 Td (new) Tj ET"
		return appendUpdate(orig, map[int]string{contentObject(b): fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(upd), upd)}, b.next, root)
	}
	files := map[string][]byte{
		"classic update":          classicIncremental(),
		"classic":                 chineseSpec(true).classicFile(),
		"xref stream":             modernChinese(),
		"update over xref stream": incremental(),
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			f := newFile(data, Limits{}.withDefaults())
			if err := f.loadXref(); err != nil {
				t.Fatal(err)
			}
			pages := f.pages(f.dictOf(f.trailer["Root"]), &Document{})
			if len(pages) != 1 {
				t.Fatalf("%d pages", len(pages))
			}
			text := f.pageText(pages[0], map[int]*font{}, 1<<20)
			if text == "" || text == "old" {
				t.Errorf("text %q", text)
			}
			if f.scanned {
				t.Error("fell back to scanning")
			}
		})
	}
}
