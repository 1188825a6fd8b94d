package pdftext

import (
	"os"
	"testing"
)

func TestDumpFile(t *testing.T) {
	p := os.Getenv("PDFTEXT_DUMP")
	if p == "" {
		t.Skip("set PDFTEXT_DUMP to a PDF path to print its text")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extractBytes(t, data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for i, pg := range doc.Pages {
		t.Logf("page %d:\n%s", i+1, pg)
	}
}
