package charset

import "bytes"

// boms are the byte order marks that settle a page's encoding outright.
var boms = []struct {
	mark []byte
	enc  string
}{
	{[]byte{0xEF, 0xBB, 0xBF}, "utf-8"},
	{[]byte{0xFF, 0xFE}, "utf-16le"},
	{[]byte{0xFE, 0xFF}, "utf-16be"},
	{[]byte{0x84, 0x31, 0x95, 0x33}, "gb18030"},
}

// bom returns the encoding named by a byte order mark at the start of body
// and the mark's length, or "" and 0.
func bom(body []byte) (string, int) {
	for _, b := range boms {
		if bytes.HasPrefix(body, b.mark) {
			return b.enc, len(b.mark)
		}
	}
	return "", 0
}
