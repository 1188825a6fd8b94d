package pdftext

import "encoding/binary"

// Some producers embed a TrueType font with Identity-H but write no
// ToUnicode CMap. The font's own 'cmap' table still says which character
// each glyph draws, so it is inverted here to glyph ID → rune.

// maxGlyphMappings caps the glyph → rune entries taken from one font.
const maxGlyphMappings = 1 << 17

// trueTypeGlyphRunes reads the Unicode cmap subtable of a TrueType font
// and returns glyph ID → rune, or nil when there is none.
func trueTypeGlyphRunes(font []byte) map[uint16]rune {
	u16 := func(b []byte, off int) (int, bool) {
		if off < 0 || off+2 > len(b) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(b[off:])), true
	}
	u32 := func(b []byte, off int) (int64, bool) {
		if off < 0 || off+4 > len(b) {
			return 0, false
		}
		return int64(binary.BigEndian.Uint32(b[off:])), true
	}
	numTables, ok := u16(font, 4)
	if !ok {
		return nil
	}
	var cmapTable []byte
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil
		}
		if string(font[rec:rec+4]) != "cmap" {
			continue
		}
		off, _ := u32(font, rec+8)
		length, _ := u32(font, rec+12)
		if off < 0 || length < 0 || off+length > int64(len(font)) {
			return nil
		}
		cmapTable = font[off : off+length]
	}
	if cmapTable == nil {
		return nil
	}
	// Prefer the full-Unicode subtable, then the BMP one.
	var best []byte
	bestRank := 0
	n, _ := u16(cmapTable, 2)
	for i := 0; i < n; i++ {
		platform, ok1 := u16(cmapTable, 4+8*i)
		encoding, ok2 := u16(cmapTable, 6+8*i)
		off, ok3 := u32(cmapTable, 8+8*i)
		if !ok1 || !ok2 || !ok3 || off >= int64(len(cmapTable)) {
			continue
		}
		rank := 0
		switch {
		case platform == 3 && encoding == 10, platform == 0 && encoding >= 4:
			rank = 3
		case platform == 3 && encoding == 1:
			rank = 2
		case platform == 0:
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = cmapTable[off:], rank
		}
	}
	if best == nil {
		return nil
	}
	format, _ := u16(best, 0)
	out := map[uint16]rune{}
	add := func(gid int, r rune) {
		if gid == 0 || gid > 0xFFFF || !validRune(r) || len(out) >= maxGlyphMappings {
			return
		}
		if _, ok := out[uint16(gid)]; !ok {
			out[uint16(gid)] = r
		}
	}
	switch format {
	case 4:
		segX2, ok := u16(best, 6)
		if !ok {
			return nil
		}
		seg := segX2 / 2
		// Hostile tables can overlap 32767 segments of 65535 codes each;
		// no real font needs more steps than there are BMP characters.
		steps := 0
		for i := 0; i < seg && steps < 1<<17; i++ {
			end, ok1 := u16(best, 14+2*i)
			start, ok2 := u16(best, 16+segX2+2*i)
			delta, ok3 := u16(best, 16+2*segX2+2*i)
			rangeOffPos := 16 + 3*segX2 + 2*i
			rangeOff, ok4 := u16(best, rangeOffPos)
			if !ok1 || !ok2 || !ok3 || !ok4 || start > end {
				continue
			}
			for c := start; c <= end && c != 0xFFFF && steps < 1<<17; c++ {
				steps++
				gid := 0
				if rangeOff == 0 {
					gid = (c + delta) & 0xFFFF
				} else {
					g, ok := u16(best, rangeOffPos+rangeOff+2*(c-start))
					if !ok {
						break
					}
					if g != 0 {
						gid = (g + delta) & 0xFFFF
					}
				}
				add(gid, rune(c))
			}
		}
	case 12:
		groups, ok := u32(best, 12)
		if !ok {
			return nil
		}
		for i := int64(0); i < groups && len(out) < maxGlyphMappings; i++ {
			start, ok1 := u32(best, int(16+12*i))
			end, ok2 := u32(best, int(20+12*i))
			gid, ok3 := u32(best, int(24+12*i))
			if !ok1 || !ok2 || !ok3 {
				break
			}
			if end < start || end-start > maxGlyphMappings {
				continue
			}
			for c := start; c <= end && len(out) < maxGlyphMappings; c++ {
				add(int(gid+c-start), rune(c))
			}
		}
	default:
		return nil
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
