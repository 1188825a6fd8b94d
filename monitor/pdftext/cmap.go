package pdftext

import (
	"unicode/utf16"
)

// codespace is one codespacerange: codes of len(lo) bytes whose every
// byte lies between the corresponding bytes of lo and hi.
type codespace struct {
	lo, hi []byte
}

// bfRange maps codes lo..hi (of n bytes) to consecutive Unicode strings
// starting at dst, or to the strings of list in the array form.
type bfRange struct {
	lo, hi uint32
	n      int
	dst    []uint16 // UTF-16 of the first destination (increment form)
	list   []string // array form
}

// cmap is a parsed ToUnicode (or embedded encoding) CMap.
type cmap struct {
	spaces []codespace
	chars  map[codeKey]string
	ranges []bfRange
}

type codeKey struct {
	code uint32
	n    int
}

// maxCMapEntries caps the mappings kept from one CMap; maxLargeRanges
// caps the bfranges too large to expand, which are searched linearly.
const (
	maxCMapEntries = 1 << 18
	maxLargeRanges = 256
)

// parseCMap reads codespacerange, bfchar and bfrange sections; everything
// else in the CMap program (PostScript boilerplate) is ignored.
func parseCMap(data []byte) *cmap {
	cm := &cmap{chars: map[codeKey]string{}}
	lx := lexer{buf: data}
	var operands []any
	entries := 0
	for {
		tok := lx.object()
		switch t := tok.(type) {
		case eofToken:
			return cm
		case keyword:
			switch t {
			case "endcodespacerange":
				for i := 0; i+1 < len(operands); i += 2 {
					lo, ok1 := operands[i].(pdfString)
					hi, ok2 := operands[i+1].(pdfString)
					if ok1 && ok2 && len(lo) == len(hi) && len(lo) >= 1 && len(lo) <= 4 && len(cm.spaces) < 64 {
						cm.spaces = append(cm.spaces, codespace{[]byte(lo), []byte(hi)})
					}
				}
			case "endbfchar":
				for i := 0; i+1 < len(operands) && entries < maxCMapEntries; i += 2 {
					src, ok1 := operands[i].(pdfString)
					dst, ok2 := operands[i+1].(pdfString)
					if ok1 && ok2 && len(src) >= 1 && len(src) <= 4 {
						cm.chars[codeKey{codeOf([]byte(src)), len(src)}] = utf16BE([]byte(dst))
						entries++
					} else if n, ok := operands[i+1].(name); ok && ok1 && len(src) >= 1 && len(src) <= 4 {
						if r, ok := glyphRune(string(n)); ok {
							cm.chars[codeKey{codeOf([]byte(src)), len(src)}] = string(r)
							entries++
						}
					}
				}
			case "endbfrange":
				for i := 0; i+2 < len(operands) && entries < maxCMapEntries; i += 3 {
					lo, ok1 := operands[i].(pdfString)
					hi, ok2 := operands[i+1].(pdfString)
					if !ok1 || !ok2 || len(lo) < 1 || len(lo) > 4 || len(hi) != len(lo) {
						continue
					}
					r := bfRange{lo: codeOf([]byte(lo)), hi: codeOf([]byte(hi)), n: len(lo)}
					if r.hi < r.lo {
						continue
					}
					switch d := operands[i+2].(type) {
					case pdfString:
						r.dst = utf16Units([]byte(d))
						if len(r.dst) == 0 {
							continue
						}
					case array:
						if len(d) == 0 {
							continue
						}
						for _, e := range d {
							s, _ := e.(pdfString)
							r.list = append(r.list, utf16BE([]byte(s)))
						}
					default:
						continue
					}
					// Small ranges are expanded so lookups stay a map access;
					// only a few large ones are kept for a linear search.
					// uint64 so that <00000000> <FFFFFFFF> cannot wrap around.
					if size := uint64(r.hi) - uint64(r.lo) + 1; size <= 256 && entries+int(size) <= maxCMapEntries {
						for i := uint64(0); i < size; i++ {
							c := r.lo + uint32(i)
							if t, ok := r.text(c); ok {
								cm.chars[codeKey{c, r.n}] = t
							}
						}
						entries += int(size)
					} else if len(cm.ranges) < maxLargeRanges {
						cm.ranges = append(cm.ranges, r)
						entries++
					}
				}
			}
			// Every keyword ends an operand list; keeping operands across
			// keywords would make each end* rescan them (quadratic).
			operands = operands[:0]
		default:
			if len(operands) < 3*maxCMapEntries {
				operands = append(operands, tok)
			}
		}
	}
}

func codeOf(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

func utf16Units(b []byte) []uint16 {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	if len(b)%2 == 1 {
		// Some producers write one-byte destinations such as <20>.
		u = append(u, uint16(b[len(b)-1]))
	}
	return u
}

// utf16BE decodes a destination string, dropping control characters that
// broken CMaps map glyphs to (so they do not leak into the text).
func utf16BE(b []byte) string {
	return cleanText(utf16.Decode(utf16Units(b)))
}

// cleanText drops what a broken CMap maps glyphs to that is not text:
// control characters, U+FFFD and unpaired surrogates.
func cleanText(rs []rune) string {
	out := rs[:0]
	for _, r := range rs {
		if r == 0xFFFD || r < 0x20 && r != '\t' && r != '\n' {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// codeLen returns the length of the code at the start of s according to
// the codespace ranges, or 0 when none matches.
func (cm *cmap) codeLen(s []byte) int {
	for n := 1; n <= 4 && n <= len(s); n++ {
		for _, sp := range cm.spaces {
			if len(sp.lo) != n {
				continue
			}
			ok := true
			for i := 0; i < n; i++ {
				if s[i] < sp.lo[i] || s[i] > sp.hi[i] {
					ok = false
					break
				}
			}
			if ok {
				return n
			}
		}
	}
	return 0
}

// shortestCode is the smallest code length the codespace allows.
func (cm *cmap) shortestCode() int {
	min := 0
	for _, sp := range cm.spaces {
		if min == 0 || len(sp.lo) < min {
			min = len(sp.lo)
		}
	}
	return min
}

// lookupAny is lookup, then the other lengths the code fits in: some
// producers write 1-byte ToUnicode entries for 2-byte Identity-H codes,
// or 2-byte entries for a simple font's 1-byte codes.
func (cm *cmap) lookupAny(code uint32, n int) (string, bool) {
	if t, ok := cm.lookup(code, n); ok {
		return t, true
	}
	for m := 1; m <= 4; m++ {
		if m != n && (m == 4 || code < 1<<(8*m)) {
			if t, ok := cm.lookup(code, m); ok {
				return t, true
			}
		}
	}
	return "", false
}

// lookup maps a code of n bytes to its text.
func (cm *cmap) lookup(code uint32, n int) (string, bool) {
	if s, ok := cm.chars[codeKey{code, n}]; ok {
		return s, true
	}
	// Later ranges override earlier ones, so search from the end.
	for i := len(cm.ranges) - 1; i >= 0; i-- {
		r := &cm.ranges[i]
		if r.n != n || code < r.lo || code > r.hi {
			continue
		}
		return r.text(code)
	}
	return "", false
}

// text maps code (within the range) to its destination string.
func (r *bfRange) text(code uint32) (string, bool) {
	off := code - r.lo
	if r.list != nil {
		if int(off) < len(r.list) {
			return r.list[off], true
		}
		return "", false
	}
	if len(r.dst) == 0 {
		return "", false
	}
	u := make([]uint16, len(r.dst))
	copy(u, r.dst)
	u[len(u)-1] += uint16(off)
	return cleanText(utf16.Decode(u)), true
}
