package pdfwrite

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/govwatch/govwatch/monitor/pdftext"
)

// TestReadBack reads every kind of file back with the project's reader,
// which checks the cross-reference offsets as well as the text.
func TestReadBack(t *testing.T) {
	read := func(b []byte) (*pdftext.Document, error) {
		return pdftext.Extract(bytes.NewReader(b), int64(len(b)), pdftext.Limits{})
	}
	doc, err := read(Latin("Dianchi (District) \\ notice"))
	if err != nil || len(doc.Pages) != 1 || !strings.Contains(doc.Pages[0], "Dianchi (District) \\ notice") {
		t.Fatalf("latin: %v %+v", err, doc)
	}
	doc, err = read(Chinese([]string{"机密★1年", "政府信息公开"}, []string{"第二页𠀀"}))
	if err != nil || len(doc.Pages) != 2 || !strings.Contains(doc.Pages[0], "机密★1年\n政府信息公开") || !strings.Contains(doc.Pages[1], "第二页𠀀") {
		t.Fatalf("chinese: %v %q", err, doc.Pages)
	}
	if _, err := read(Encrypted()); !errors.Is(err, pdftext.ErrEncrypted) {
		t.Fatalf("encrypted: %v", err)
	}
}
