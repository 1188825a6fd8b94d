package pdftext

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// glyph is one decoded character code.
type glyph struct {
	text  string  // Unicode text; "" when the code has no mapping
	width float64 // advance in thousandths of the font size
	space bool    // single-byte code 32, to which word spacing applies
}

// cjkEncoding says how a Type0 font's predefined CMap splits and maps codes.
type cjkEncoding int

const (
	cjkIdentity cjkEncoding = iota // 2-byte CIDs; text only via ToUnicode
	cjkUTF16                       // Uni*-UCS2-*, Uni*-UTF16-*
	cjkUTF8                        // Uni*-UTF8-*
	cjkGBK                         // GB-EUC, GBK-EUC, GBKp-EUC
	cjkGB18030                     // GBK2K
	cjkBig5                        // ETen-B5, B5pc, HKscs-B5
	cjkEmbedded                    // an embedded CMap stream splits codes
)

// font holds what is needed to turn a shown string into text and advances.
type font struct {
	composite bool
	vertical  bool
	cjk       cjkEncoding
	encCMap   *cmap // embedded encoding CMap (codespace only)
	toUnicode *cmap

	// Simple fonts.
	enc      *baseEncoding
	diffs    map[byte]string
	gbkGuess bool // bytes may be GBK pairs (old Chinese producers)
	widths   map[int]float64
	defWidth float64
	wRanges  []widthRange // composite "c1 c2 w" ranges
	scale    float64      // Type3 FontMatrix scale to thousandths

	// Identity-H TrueType fonts without ToUnicode: the embedded font's
	// cmap inverted, and the CID → glyph ID map (nil means identity).
	glyphRunes map[uint16]rune
	cidToGID   []byte

	decoder *encoding.Decoder // GBK/Big5 decoder, reused to avoid allocation
	scratch [16]byte
}

type widthRange struct {
	lo, hi int
	w      float64
}

// maxWidthEntries caps individually stored widths of one font and
// maxWidthRanges the "c1 c2 w" ranges, which are searched linearly.
const (
	maxWidthEntries = 1 << 16
	maxWidthRanges  = 512
)

// loadFont builds a font from its dictionary; results are cached by
// object number so each font is parsed once per document.
func (f *pdfFile) loadFont(v object, cache map[int]*font) *font {
	if r, ok := v.(ref); ok {
		if ft, ok := cache[r.num]; ok {
			return ft
		}
		ft := f.buildFont(f.dictOf(r))
		cache[r.num] = ft
		return ft
	}
	return f.buildFont(f.dictOf(v))
}

func (f *pdfFile) buildFont(d dict) *font {
	ft := &font{defWidth: 500, scale: 1, widths: map[int]float64{}}
	if d == nil {
		return ft
	}
	if s, ok := f.resolve(d["ToUnicode"]).(*stream); ok {
		if data, err := f.decodeStream(s); err == nil || len(data) > 0 {
			ft.toUnicode = parseCMap(data)
		}
	}
	subtype, _ := f.resolve(d["Subtype"]).(name)
	if subtype == "Type0" {
		f.buildComposite(ft, d)
		return ft
	}
	first, _ := f.resolve(d["FirstChar"]).(int64)
	if w, ok := f.resolve(d["Widths"]).(array); ok && first >= 0 && first < 256 {
		for i, v := range w {
			if i > 255 {
				break
			}
			if n, ok := f.number(v); ok {
				ft.widths[int(first)+i] = n
			}
		}
	}
	if fd := f.dictOf(d["FontDescriptor"]); fd != nil {
		if n, ok := f.number(fd["MissingWidth"]); ok && n > 0 {
			ft.defWidth = n
		}
	}
	if subtype == "Type3" {
		if m, ok := f.resolve(d["FontMatrix"]).(array); ok && len(m) == 6 {
			if a, ok := f.number(m[0]); ok && a > 0 && a < 1 {
				ft.scale = a * 1000
			}
		}
	}
	baseFont, _ := f.resolve(d["BaseFont"]).(name)
	if strings.Contains(string(baseFont), "Courier") {
		ft.defWidth = 600
	}
	explicit := false
	switch e := f.resolve(d["Encoding"]).(type) {
	case name:
		ft.enc, explicit = namedEncoding(e)
	case dict:
		base, _ := f.resolve(e["BaseEncoding"]).(name)
		ft.enc, explicit = namedEncoding(base)
		if diffs, ok := f.resolve(e["Differences"]).(array); ok {
			ft.diffs = map[byte]string{}
			code := int64(-1)
			for _, v := range diffs {
				switch x := f.resolve(v).(type) {
				case int64:
					code = x
				case name:
					if code >= 0 && code < 256 {
						if t, ok := glyphText(string(x)); ok {
							ft.diffs[byte(code)] = t
						}
					}
					code++
				}
			}
			explicit = explicit || len(ft.diffs) > 0
		}
	}
	if ft.enc == nil {
		ft.enc = standardEncoding
		if subtype == "TrueType" {
			ft.enc = winAnsiEncoding
		}
	}
	// Old Chinese producers put GBK bytes in simple fonts named after
	// Chinese fonts (often with the name itself in GBK) and no encoding.
	if ft.toUnicode == nil && (!explicit || chineseFontName(string(baseFont))) {
		ft.gbkGuess = true
		ft.decoder = simplifiedchinese.GB18030.NewDecoder()
	}
	return ft
}

func namedEncoding(n name) (*baseEncoding, bool) {
	switch n {
	case "WinAnsiEncoding":
		return winAnsiEncoding, true
	case "MacRomanEncoding":
		return macRomanEncoding, true
	case "StandardEncoding":
		return standardEncoding, true
	}
	return nil, false
}

func chineseFontName(n string) bool {
	for i := 0; i < len(n); i++ {
		if n[i] >= 0x80 {
			return true
		}
	}
	l := strings.ToLower(n)
	for _, k := range []string{"simsun", "simhei", "kaiti", "fangsong", "stsong", "stheiti", "stkaiti", "stfangsong", "nsimsun", "microsoftyahei", "songti", "heiti", "fzs", "fzh", "fzk", "fzf", "gb2312", "gbk", "dengxian", "lisu", "youyuan"} {
		if strings.Contains(l, k) {
			return true
		}
	}
	return false
}

func (f *pdfFile) buildComposite(ft *font, d dict) {
	ft.composite = true
	ft.defWidth = 1000
	switch e := f.resolve(d["Encoding"]).(type) {
	case name:
		ft.cjk, ft.vertical = predefinedCMap(string(e))
	case *stream:
		data, err := f.decodeStream(e)
		if err == nil || len(data) > 0 {
			ft.encCMap = parseCMap(data)
		}
		ft.cjk = cjkEmbedded
		if ft.encCMap == nil || len(ft.encCMap.spaces) == 0 {
			ft.cjk = cjkIdentity
		}
		if wm, ok := f.resolve(e.hdr["WMode"]).(int64); ok && wm == 1 {
			ft.vertical = true
		}
		if use, ok := f.resolve(e.hdr["UseCMap"]).(name); ok && ft.cjk == cjkIdentity {
			ft.cjk, _ = predefinedCMap(string(use))
		}
	}
	switch ft.cjk {
	case cjkGBK, cjkGB18030:
		ft.decoder = simplifiedchinese.GB18030.NewDecoder()
	case cjkBig5:
		ft.decoder = traditionalchinese.Big5.NewDecoder()
	}
	desc, _ := f.resolve(d["DescendantFonts"]).(array)
	if len(desc) == 0 {
		return
	}
	dd := f.dictOf(desc[0])
	if dd == nil {
		return
	}
	if ft.toUnicode == nil && ft.cjk == cjkIdentity {
		f.loadGlyphRunes(ft, dd)
	}
	if dw, ok := f.number(dd["DW"]); ok {
		ft.defWidth = dw
	}
	w, _ := f.resolve(dd["W"]).(array)
	for i := 0; i < len(w); {
		c1, ok := f.number(w[i])
		if !ok {
			i++
			continue
		}
		if i+1 < len(w) {
			if list, ok := f.resolve(w[i+1]).(array); ok {
				for j, v := range list {
					if n, ok := f.number(v); ok && len(ft.widths) < maxWidthEntries {
						ft.widths[int(c1)+j] = n
					}
				}
				i += 2
				continue
			}
		}
		if i+2 < len(w) {
			c2, ok1 := f.number(w[i+1])
			wd, ok2 := f.number(w[i+2])
			if ok1 && ok2 && len(ft.wRanges) < maxWidthRanges {
				ft.wRanges = append(ft.wRanges, widthRange{int(c1), int(c2), wd})
			}
		}
		i += 3
	}
}

// loadGlyphRunes reads the embedded TrueType font of a CIDFontType2.
func (f *pdfFile) loadGlyphRunes(ft *font, cidFont dict) {
	fd := f.dictOf(cidFont["FontDescriptor"])
	if fd == nil {
		return
	}
	s, ok := f.resolve(fd["FontFile2"]).(*stream)
	if !ok {
		return
	}
	data, err := f.decodeStream(s)
	if err != nil {
		return
	}
	ft.glyphRunes = trueTypeGlyphRunes(data)
	if m, ok := f.resolve(cidFont["CIDToGIDMap"]).(*stream); ok {
		if b, err := f.decodeStream(m); err == nil {
			ft.cidToGID = b
		}
	}
}

// predefinedCMap classifies a predefined CMap name and its writing mode.
func predefinedCMap(n string) (cjkEncoding, bool) {
	vertical := strings.HasSuffix(n, "-V")
	switch {
	case strings.HasPrefix(n, "Identity"):
		return cjkIdentity, vertical
	case strings.HasPrefix(n, "Uni") && (strings.Contains(n, "UCS2") || strings.Contains(n, "UTF16")):
		return cjkUTF16, vertical
	case strings.HasPrefix(n, "Uni") && strings.Contains(n, "UTF8"):
		return cjkUTF8, vertical
	case strings.HasPrefix(n, "GBK2K"):
		return cjkGB18030, vertical
	case strings.HasPrefix(n, "GB"):
		return cjkGBK, vertical
	case strings.Contains(n, "B5") || strings.HasPrefix(n, "ETen") || strings.HasPrefix(n, "CNS-EUC"):
		return cjkBig5, vertical
	}
	return cjkIdentity, vertical
}

// decode splits a shown string into character codes and maps each.
func (ft *font) decode(s []byte, out []glyph) []glyph {
	if ft.composite {
		return ft.decodeComposite(s, out)
	}
	if ft.gbkGuess && validGBK(s) {
		return ft.decodeGBKSimple(s, out)
	}
	for _, c := range s {
		g := glyph{width: ft.width(int(c)), space: c == ' '}
		if ft.toUnicode != nil {
			if t, ok := ft.toUnicode.lookupAny(uint32(c), 1); ok {
				g.text = t
				out = append(out, g)
				continue
			}
		}
		if t, ok := ft.diffs[c]; ok {
			g.text = t
		} else if ft.enc != nil && ft.enc[c] != 0 {
			r := ft.enc[c]
			g.text = string(r)
		}
		out = append(out, g)
	}
	return out
}

// validGBK reports whether s has at least one GBK double-byte character
// and every byte >= 0x81 is part of a valid pair.
func validGBK(s []byte) bool {
	pairs := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			continue
		}
		if c == 0x80 || c == 0xFF || i+1 >= len(s) {
			return false
		}
		t := s[i+1]
		if t < 0x40 || t == 0x7F || t == 0xFF {
			return false
		}
		pairs++
		i++
	}
	return pairs > 0
}

func (ft *font) decodeGBKSimple(s []byte, out []glyph) []glyph {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			g := glyph{width: ft.width(int(c)), space: c == ' '}
			if c >= 0x20 && c < 0x7F {
				g.text = string(rune(c))
			}
			out = append(out, g)
			continue
		}
		w := ft.width(int(c)) + ft.width(int(s[i+1]))
		out = append(out, glyph{text: ft.transcode(s[i : i+2]), width: w})
		i++
	}
	return out
}

// transcode decodes one multi-byte code with the font's GBK/Big5 decoder.
func (ft *font) transcode(code []byte) string {
	ft.decoder.Reset()
	n, _, err := ft.decoder.Transform(ft.scratch[:], code, true)
	if err != nil || n == 0 {
		return ""
	}
	r, _ := utf8.DecodeRune(ft.scratch[:n])
	if !validRune(r) {
		return ""
	}
	return string(ft.scratch[:n])
}

func (ft *font) width(code int) float64 {
	if w, ok := ft.widths[code]; ok {
		return w * ft.scale
	}
	for i := len(ft.wRanges) - 1; i >= 0; i-- {
		r := ft.wRanges[i]
		if code >= r.lo && code <= r.hi {
			return r.w
		}
	}
	return ft.defWidth * ft.scale
}

func (ft *font) codeLen(s []byte) int {
	switch ft.cjk {
	case cjkIdentity:
		return 2
	case cjkUTF16:
		if len(s) >= 4 && s[0] >= 0xD8 && s[0] <= 0xDB {
			return 4
		}
		return 2
	case cjkUTF8:
		switch c := s[0]; {
		case c < 0xC0:
			return 1
		case c < 0xE0:
			return 2
		case c < 0xF0:
			return 3
		}
		return 4
	case cjkGBK, cjkBig5:
		if s[0] <= 0x80 {
			return 1
		}
		return 2
	case cjkGB18030:
		if s[0] <= 0x80 {
			return 1
		}
		if len(s) >= 4 && s[1] >= 0x30 && s[1] <= 0x39 {
			return 4
		}
		return 2
	case cjkEmbedded:
		if n := ft.encCMap.codeLen(s); n > 0 {
			return n
		}
		if n := ft.encCMap.shortestCode(); n > 0 {
			return n
		}
	}
	return 2
}

func (ft *font) decodeComposite(s []byte, out []glyph) []glyph {
	for len(s) > 0 {
		n := ft.codeLen(s)
		if n > len(s) {
			n = len(s)
		}
		code := s[:n]
		s = s[n:]
		c := codeOf(code)
		g := glyph{space: n == 1 && c == 32}
		// Widths are indexed by CID; only Identity maps code to CID
		// directly. Other CMaps get the default (full) or half width.
		switch {
		case ft.cjk == cjkIdentity || ft.cjk == cjkEmbedded:
			g.width = ft.width(int(c))
		case n == 1:
			g.width = 500
		default:
			g.width = ft.defWidth
		}
		if ft.toUnicode != nil {
			if t, ok := ft.toUnicode.lookupAny(c, n); ok {
				g.text = t
				out = append(out, g)
				continue
			}
		}
		switch ft.cjk {
		case cjkIdentity:
			if ft.glyphRunes != nil {
				gid := c
				if ft.cidToGID != nil {
					gid = 0
					if i := int(c) * 2; i+1 < len(ft.cidToGID) {
						gid = uint32(ft.cidToGID[i])<<8 | uint32(ft.cidToGID[i+1])
					}
				}
				if r, ok := ft.glyphRunes[uint16(gid)]; ok && gid <= 0xFFFF {
					g.text = string(r)
				}
			}
		case cjkUTF16:
			var u []uint16
			for i := 0; i+1 < n; i += 2 {
				u = append(u, uint16(code[i])<<8|uint16(code[i+1]))
			}
			rs := utf16.Decode(u)
			if len(rs) == 1 && validRune(rs[0]) {
				g.text = string(rs[0])
			}
		case cjkUTF8:
			if r, size := utf8.DecodeRune(code); size == n && validRune(r) {
				g.text = string(r)
			}
		case cjkGBK, cjkGB18030, cjkBig5:
			if n == 1 {
				if c >= 0x20 && c < 0x7F {
					g.text = string(rune(c))
				}
			} else {
				g.text = ft.transcode(code)
			}
		}
		out = append(out, g)
	}
	return out
}
