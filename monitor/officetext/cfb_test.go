package officetext

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf16"
)

type cfbStream struct {
	name string
	data []byte
}

// buildCFB writes a version 3 compound file: sector 0 is the FAT, sector 1
// the directory, then each stream in consecutive sectors. The mini stream
// cutoff is 0 so that every stream is in regular sectors. patchFAT may
// rewrite FAT entries before they are written (to make cycles).
func buildCFB(streams []cfbStream, patchFAT func(fat []uint32)) []byte {
	const ss = 512
	le := binary.LittleEndian
	fat := make([]uint32, ss/4)
	for i := range fat {
		fat[i] = cfbFree
	}
	fat[0] = 0xFFFFFFFD // FATSECT
	fat[1] = cfbEndOfChain
	next := uint32(2)
	var body []byte
	starts := make([]uint32, len(streams))
	for i, s := range streams {
		n := (len(s.data) + ss - 1) / ss
		starts[i] = next
		for j := 0; j < n; j++ {
			fat[next] = next + 1
			if j == n-1 {
				fat[next] = cfbEndOfChain
			}
			next++
		}
		padded := make([]byte, n*ss)
		copy(padded, s.data)
		body = append(body, padded...)
	}
	if patchFAT != nil {
		patchFAT(fat)
	}
	h := make([]byte, 512)
	copy(h, magicOLE)
	le.PutUint16(h[24:], 0x3E)
	le.PutUint16(h[26:], 3)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], 1)             // one FAT sector
	le.PutUint32(h[48:], 1)             // directory at sector 1
	le.PutUint32(h[56:], 0)             // mini stream cutoff
	le.PutUint32(h[60:], cfbEndOfChain) // no mini FAT
	le.PutUint32(h[68:], cfbEndOfChain) // no DIFAT sectors
	for i := 0; i < 109; i++ {
		le.PutUint32(h[76+4*i:], cfbFree)
	}
	le.PutUint32(h[76:], 0)
	fatSector := make([]byte, ss)
	for i, v := range fat {
		le.PutUint32(fatSector[4*i:], v)
	}
	dir := make([]byte, ss)
	entry := func(i int, name string, kind byte, child, right, start uint32, size int) {
		e := dir[128*i : 128*i+128]
		units := utf16.Encode([]rune(name))
		for j, u := range units {
			le.PutUint16(e[2*j:], u)
		}
		le.PutUint16(e[64:], uint16(2*len(units)+2))
		e[66] = kind
		le.PutUint32(e[68:], cfbNoStream)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], uint64(size))
	}
	entry(0, "Root Entry", 5, 1, cfbNoStream, cfbEndOfChain, 0)
	for i, s := range streams {
		right := uint32(i + 2)
		if i == len(streams)-1 {
			right = cfbNoStream
		}
		entry(i+1, s.name, 2, cfbNoStream, right, starts[i], len(s.data))
	}
	for i := len(streams) + 1; i < 4; i++ {
		le.PutUint32(dir[128*i+68:], cfbNoStream)
		le.PutUint32(dir[128*i+72:], cfbNoStream)
		le.PutUint32(dir[128*i+76:], cfbNoStream)
	}
	out := append(h, fatSector...)
	out = append(out, dir...)
	return append(out, body...)
}

func TestCFBStreams(t *testing.T) {
	data := buildCFB([]cfbStream{{"Alpha", bytes.Repeat([]byte("a"), 700)}, {"Beta", []byte("beta")}}, nil)
	ex := &extraction{lim: Limits{}.withDefaults(), src: bytes.NewReader(data), size: int64(len(data))}
	f, err := ex.openCFB()
	if err != nil {
		t.Fatal(err)
	}
	s := f.rootStreams()
	for name, want := range map[string]string{"alpha": strings.Repeat("a", 700), "beta": "beta"} {
		got, err := f.stream(s[name])
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
}

func TestEncrypted(t *testing.T) {
	ooxml := buildCFB([]cfbStream{
		{"EncryptionInfo", []byte{4, 0, 4, 0, 0x40, 0, 0, 0}},
		{"EncryptedPackage", bytes.Repeat([]byte{0x5A}, 600)},
	}, nil)
	for _, format := range []string{"docx", "xlsx", "doc"} {
		if _, err := extractBytes(t, ooxml, format, Limits{}); !errors.Is(err, ErrEncrypted) {
			t.Errorf("encrypted OOXML as %s: err = %v", format, err)
		}
	}
	doc, err := os.ReadFile("testdata/gov.doc")
	if err != nil {
		t.Fatal(err)
	}
	// Set fEncrypted in the FIB, which starts a sector of the file.
	for off := 512; off+12 < len(doc); off += 512 {
		if doc[off] == 0xEC && doc[off+1] == 0xA5 {
			doc[off+0x0B] |= 0x01
			break
		}
	}
	if _, err := extractBytes(t, doc, "doc", Limits{}); !errors.Is(err, ErrEncrypted) {
		t.Errorf("doc with fEncrypted: err = %v", err)
	}
	xls, err := os.ReadFile("testdata/gov.xls")
	if err != nil {
		t.Fatal(err)
	}
	// Turn the record after the workbook's BOF into a FILEPASS.
	bof := []byte{0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00}
	i := bytes.Index(xls, bof)
	if i < 0 {
		t.Fatal("no BOF in gov.xls")
	}
	xls[i+20], xls[i+21] = 0x2F, 0x00
	if _, err := extractBytes(t, xls, "xls", Limits{}); !errors.Is(err, ErrEncrypted) {
		t.Errorf("xls with FILEPASS: err = %v", err)
	}
}

func TestCFBHostile(t *testing.T) {
	streams := []cfbStream{{"WordDocument", bytes.Repeat([]byte{1}, 2000)}}
	tests := []struct {
		name  string
		patch func(fat []uint32)
		want  string
	}{
		{"stream chain cycle", func(fat []uint32) { fat[4] = 2 }, "chain has a cycle"},
		{"directory chain cycle", func(fat []uint32) { fat[1] = 1 }, "directory chain has a cycle"},
		{"sector beyond file", func(fat []uint32) { fat[3] = 100 }, "beyond the end of the file"},
		{"bad sector number", func(fat []uint32) { fat[3] = 0xFFFFFFFB }, "bad sector number"},
		{"FAT sector in chain", func(fat []uint32) { fat[2] = 0 }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := buildCFB(streams, tt.patch)
			_, err := extractBytes(t, data, "doc", Limits{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	// A header claiming more FAT sectors than the file has.
	data := buildCFB(streams, nil)
	binary.LittleEndian.PutUint32(data[44:], 1<<30)
	if _, err := extractBytes(t, data, "doc", Limits{}); err == nil || !strings.Contains(err.Error(), "FAT sectors") {
		t.Errorf("huge FAT count: err = %v", err)
	}
	// A stream claiming to be larger than the file.
	data = buildCFB(streams, nil)
	binary.LittleEndian.PutUint32(data[1024+128+120:], 1<<31)
	if _, err := extractBytes(t, data, "doc", Limits{}); err == nil || !strings.Contains(err.Error(), "claims") {
		t.Errorf("huge stream: err = %v", err)
	}
}
