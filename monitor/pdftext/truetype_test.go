package pdftext

import (
	"encoding/binary"
	"fmt"
	"testing"
)

// minimalTrueType builds a font file holding only a format 4 'cmap'
// that maps each rune to its glyph ID, which is all the extractor reads.
func minimalTrueType(glyphs map[rune]uint16) []byte {
	type seg struct{ code, delta uint16 }
	var segs []seg
	for r, g := range glyphs {
		segs = append(segs, seg{uint16(r), g - uint16(r)})
	}
	// Segments must be sorted by end code, with the 0xFFFF sentinel last.
	for i := range segs {
		for j := i + 1; j < len(segs); j++ {
			if segs[j].code < segs[i].code {
				segs[i], segs[j] = segs[j], segs[i]
			}
		}
	}
	segs = append(segs, seg{0xFFFF, 1})
	n := len(segs)
	be := binary.BigEndian
	sub := make([]byte, 16+8*n)
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], s.code)      // endCode
		be.PutUint16(sub[16+2*n+2*i:], s.code)  // startCode
		be.PutUint16(sub[16+4*n+2*i:], s.delta) // idDelta
		be.PutUint16(sub[16+6*n+2*i:], 0)       // idRangeOffset
	}
	cmap := make([]byte, 12, 12+len(sub))
	be.PutUint16(cmap[2:], 1)
	be.PutUint16(cmap[4:], 3)
	be.PutUint16(cmap[6:], 1)
	be.PutUint32(cmap[8:], 12)
	cmap = append(cmap, sub...)
	font := make([]byte, 28, 28+len(cmap))
	be.PutUint32(font[0:], 0x00010000)
	be.PutUint16(font[4:], 1)
	copy(font[12:], "cmap")
	be.PutUint32(font[20:], 28)
	be.PutUint32(font[24:], uint32(len(cmap)))
	return append(font, cmap...)
}

// identityTrueTypeDoc is a page in an Identity-H TrueType font with no
// ToUnicode CMap, showing 政府公开.
func identityTrueTypeDoc() []byte {
	ttf := minimalTrueType(map[rune]uint16{'政': 5, '府': 6, '公': 7, '开': 8})
	b := newBuilder()
	ff := b.addStream(fmt.Sprintf("/Length1 %d", len(ttf)), ttf, true)
	fd := b.add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /ABCDEF+SimSun /Flags 4 /FontFile2 %d 0 R >>", ff))
	// CIDs 1..4 map to glyphs 5..8 through a CIDToGIDMap stream.
	gidMap := []byte{0, 0, 0, 5, 0, 6, 0, 7, 0, 8}
	cg := b.addStream("", gidMap, false)
	desc := b.add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun /FontDescriptor %d 0 R /CIDToGIDMap %d 0 R >>", fd, cg))
	font := fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H /DescendantFonts [%d 0 R] >>", desc)
	root := docSpec{fonts: map[string]string{"F1": font}, pages: []string{"BT /F1 12 Tf 72 700 Td <0001000200030004> Tj ET"}}.build(b)
	return b.classic(root, "")
}

func TestIdentityHWithoutToUnicodeUsesEmbeddedCmap(t *testing.T) {
	doc, err := extractBytes(t, identityTrueTypeDoc(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages[0] != "政府公开" {
		t.Errorf("got %q", doc.Pages[0])
	}
}
