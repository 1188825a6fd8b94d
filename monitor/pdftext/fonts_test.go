package pdftext

import (
	"fmt"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func encodedHex(t *testing.T, enc encoding.Encoding, s string) string {
	t.Helper()
	b, err := enc.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("<%X>", b)
}

func type0(cmapName string) string {
	return "<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /" + cmapName +
		" /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Song /DW 1000 >>] >>"
}

// TestCJKFonts covers the predefined CMaps and Type0 details one by one.
func TestCJKFonts(t *testing.T) {
	cf := newCIDFont("政府公开横排")
	tests := []struct {
		name    string
		font    string
		content string
		want    string
	}{
		{"UniGB-UTF16-H with a surrogate pair", type0("UniGB-UTF16-H"),
			"<" + utf16Hex("文件𠀀号") + "> Tj", "文件𠀀号"},
		{"UniGB-UCS2-V", type0("UniGB-UCS2-V"), "<" + utf16Hex("竖排") + "> Tj", "竖排"},
		{"GB-EUC-H", type0("GB-EUC-H"), gbkHex("国务院令") + " Tj", "国务院令"},
		{"GBKp-EUC-H", type0("GBKp-EUC-H"), gbkHex("镕") + " Tj", "镕"},
		{"GBK2K-H with a four-byte code", type0("GBK2K-H"),
			encodedHex(t, simplifiedchinese.GB18030, "㐀条例A") + " Tj", "㐀条例A"},
		{"ETen-B5-H", type0("ETen-B5-H"), encodedHex(t, traditionalchinese.Big5, "政府資訊") + " Tj", "政府資訊"},
		{"UniGB-UTF8-H", type0("UniGB-UTF8-H"), fmt.Sprintf("<%X> Tj", "依申请公开A"), "依申请公开A"},
		{"UniCNS-UCS2-H", type0("UniCNS-UCS2-H"), "<" + utf16Hex("臺灣") + "> Tj", "臺灣"},
		{"Identity-H ligature code", "CID", "<FFF0> Tj " + cf.hex("政府") + " Tj", "fi政府"},
		{"WinAnsi TJ word gap and kerning", fontHelvetica, "[(Gov) -30 (ernment) -250 (report)] TJ", "Government report"},
		{"Identity-H with 1-byte ToUnicode entries", "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 99 0 R /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X >>] >>",
			"<00010002> Tj", "公开"},
		{"Identity-H without ToUnicode gives nothing", type0("Identity-H"), "<0001000200030004> Tj", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := docSpec{fonts: map[string]string{"F1": tc.font}, cid: cf,
				pages: []string{"BT /F1 12 Tf 72 700 Td " + tc.content + " ET"}}
			b := newBuilder()
			root := spec.build(b)
			tu := "1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <01> <516C> <02> <5F00> endbfchar"
			b.next = max(b.next, 100) // object 99 gets a proper xref entry
			b.set(99, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(tu), tu))
			doc, err := extractBytes(t, b.classic(root, ""), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Pages[0] != tc.want {
				t.Errorf("got %q, want %q", doc.Pages[0], tc.want)
			}
		})
	}
}

func TestRotatedText(t *testing.T) {
	spec := docSpec{fonts: map[string]string{"F1": fontHelvetica}, pages: []string{
		"BT /F1 12 Tf 0 1 -1 0 50 400 Tm (sideways) Tj ET BT /F1 12 Tf 72 700 Td (upright) Tj ET",
	}}
	doc, err := extractBytes(t, spec.classicFile(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages[0] != "upright\nsideways" {
		t.Errorf("got %q", doc.Pages[0])
	}
}

func TestCMapCodespaces(t *testing.T) {
	cm := parseCMap([]byte(`begincmap
2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
2 beginbfchar <41> <0041> <B0A1> <554A> endbfchar
1 beginbfrange <D840> <D842> <D835DC00> endbfrange
endcmap`))
	ft := &font{composite: true, cjk: cjkEmbedded, encCMap: cm, toUnicode: cm, defWidth: 1000}
	var text string
	for _, g := range ft.decode([]byte("A\xb0\xa1\xd8\x41\xff"), nil) {
		text += g.text
	}
	if want := "A啊𝐁"; text != want {
		t.Errorf("got %q, want %q", text, want)
	}
}
