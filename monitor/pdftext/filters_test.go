package pdftext

import (
	"bytes"
	"testing"
)

func TestFilters(t *testing.T) {
	const max = 1 << 20
	// The LZW example from the PDF specification (7.4.4.2).
	lzw, err := lzwDecode([]byte{0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01}, true, max)
	if err != nil || string(lzw) != "-----A---B" {
		t.Errorf("LZW = %q, %v", lzw, err)
	}
	if got := ascii85Decode([]byte("87cURD]i,\"Ebo80~>")); string(got) != "Hello World!" {
		t.Errorf("ASCII85 = %q", got)
	}
	if got := ascii85Decode([]byte("z!!~>")); !bytes.Equal(got, []byte{0, 0, 0, 0, 0}) {
		t.Errorf("ASCII85 z = %v", got)
	}
	if got := asciiHexDecode([]byte("48 65 6c6C 6>")); string(got) != "Hell`" {
		t.Errorf("ASCIIHex = %q", got)
	}
	rl, err := runLengthDecode([]byte{2, 'a', 'b', 'c', 253, 'x', 128, 'z'}, max)
	if err != nil || string(rl) != "abcxxxx" {
		t.Errorf("RunLength = %q, %v", rl, err)
	}
	if _, err := runLengthDecode(bytes.Repeat([]byte{129, 'x'}, 100), 500); err != errStreamLimit {
		t.Errorf("RunLength over limit: %v", err)
	}
}

// TestFilterChain runs a stream through an array of filters with an
// indirect /Length, as written by real producers.
func TestFilterChain(t *testing.T) {
	content := "BT /F1 12 Tf 72 700 Td (chained) Tj ET"
	hex := []byte{}
	for _, c := range zlibBytes([]byte(content)) {
		hex = append(hex, "0123456789ABCDEF"[c>>4], "0123456789ABCDEF"[c&15])
	}
	hex = append(hex, '>')
	b := newBuilder()
	font := b.add(fontHelvetica)
	length := b.add(itoa(len(hex)))
	c := b.add("<< /Length " + itoa(length) + " 0 R /Filter [/ASCIIHexDecode /FlateDecode] >>\nstream\n" + string(hex) + "\nendstream")
	// An image stream with an unsupported filter is skipped, not an error.
	img := b.add("<< /Length 4 /Filter /DCTDecode >>\nstream\n\xff\xd8\xff\xe0\nendstream")
	pages := b.reserve()
	p := b.add("<< /Type /Page /Parent " + itoa(pages) + " 0 R /Resources << /Font << /F1 " + itoa(font) + " 0 R >> >> /Contents [" + itoa(img) + " 0 R " + itoa(c) + " 0 R] >>")
	b.set(pages, "<< /Type /Pages /Kids ["+itoa(p)+" 0 R] /Count 1 >>")
	root := b.add("<< /Type /Catalog /Pages " + itoa(pages) + " 0 R >>")
	doc, err := extractBytes(t, b.classic(root, ""), Limits{})
	if err != nil || len(doc.Pages) != 1 || doc.Pages[0] != "chained" {
		t.Fatalf("got %v, %v", doc, err)
	}
}
