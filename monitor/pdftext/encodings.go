package pdftext

import (
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// baseEncoding is a simple font's code → rune table; 0 means no glyph.
type baseEncoding [256]rune

var (
	winAnsiEncoding  = tableFromCharmap(charmap.Windows1252)
	macRomanEncoding = tableFromCharmap(charmap.Macintosh)
	standardEncoding = makeStandardEncoding()
)

func tableFromCharmap(cm *charmap.Charmap) *baseEncoding {
	var t baseEncoding
	for i := 0x20; i < 256; i++ {
		r := cm.DecodeByte(byte(i))
		if r != 0xFFFD && r != 0x7F {
			t[i] = r
		}
	}
	return &t
}

// makeStandardEncoding builds Adobe StandardEncoding: ASCII with curly
// quotes at 0x27/0x60 and its own upper half.
func makeStandardEncoding() *baseEncoding {
	var t baseEncoding
	for i := 0x20; i < 0x7F; i++ {
		t[i] = rune(i)
	}
	t[0x27] = '’'
	t[0x60] = '‘'
	upper := map[int]rune{
		0xA1: '¡', 0xA2: '¢', 0xA3: '£', 0xA4: '⁄', 0xA5: '¥', 0xA6: 'ƒ', 0xA7: '§',
		0xA8: '¤', 0xA9: '\'', 0xAA: '“', 0xAB: '«', 0xAC: '‹', 0xAD: '›', 0xAE: 'ﬁ',
		0xAF: 'ﬂ', 0xB1: '–', 0xB2: '†', 0xB3: '‡', 0xB4: '·', 0xB6: '¶', 0xB7: '•',
		0xB8: '‚', 0xB9: '„', 0xBA: '”', 0xBB: '»', 0xBC: '…', 0xBD: '‰', 0xBF: '¿',
		0xC1: '`', 0xC2: '´', 0xC3: 'ˆ', 0xC4: '˜', 0xC5: '¯', 0xC6: '˘', 0xC7: '˙',
		0xC8: '¨', 0xCA: '˚', 0xCB: '¸', 0xCD: '˝', 0xCE: '˛', 0xCF: 'ˇ', 0xD0: '—',
		0xE1: 'Æ', 0xE3: 'ª', 0xE8: 'Ł', 0xE9: 'Ø', 0xEA: 'Œ', 0xEB: 'º', 0xF1: 'æ',
		0xF5: 'ı', 0xF8: 'ł', 0xF9: 'ø', 0xFA: 'œ', 0xFB: 'ß',
	}
	for k, v := range upper {
		t[k] = v
	}
	return &t
}

// glyphNames maps the glyph names that /Differences arrays commonly use
// and that are not single letters or uniXXXX forms.
var glyphNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$',
	"percent": '%', "ampersand": '&', "quotesingle": '\'', "quoteright": '’',
	"parenleft": '(', "parenright": ')', "asterisk": '*', "plus": '+', "comma": ',',
	"hyphen": '-', "minus": '−', "period": '.', "slash": '/', "zero": '0', "one": '1',
	"two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7',
	"eight": '8', "nine": '9', "colon": ':', "semicolon": ';', "less": '<',
	"equal": '=', "greater": '>', "question": '?', "at": '@', "bracketleft": '[',
	"backslash": '\\', "bracketright": ']', "asciicircum": '^', "underscore": '_',
	"grave": '`', "quoteleft": '‘', "braceleft": '{', "bar": '|', "braceright": '}',
	"asciitilde": '~', "bullet": '•', "endash": '–', "emdash": '—',
	"quotedblleft": '“', "quotedblright": '”', "quotesinglbase": '‚',
	"quotedblbase": '„', "ellipsis": '…', "dagger": '†', "daggerdbl": '‡',
	"perthousand": '‰', "guilsinglleft": '‹', "guilsinglright": '›',
	"guillemotleft": '«', "guillemotright": '»', "fi": 'ﬁ', "fl": 'ﬂ',
	"degree": '°', "copyright": '©', "registered": '®', "trademark": '™',
	"section": '§', "paragraph": '¶', "periodcentered": '·', "middot": '·',
	"multiply": '×', "divide": '÷', "plusminus": '±', "yen": '¥', "sterling": '£',
	"cent": '¢', "Euro": '€', "euro": '€', "nbspace": '\u00a0', "sfthyphen": '\u00ad',
	"onehalf": '½', "onequarter": '¼', "threequarters": '¾', "mu": 'µ',
	"eacute": 'é', "egrave": 'è', "aacute": 'á', "agrave": 'à', "uacute": 'ú',
	"udieresis": 'ü', "odieresis": 'ö', "adieresis": 'ä', "ccedilla": 'ç',
	"germandbls": 'ß', "dotlessi": 'ı', "circumflex": 'ˆ', "tilde": '˜',
}

// ligatures are spelled out so extracted text can be searched.
var ligatures = map[string]string{"fi": "fi", "fl": "fl", "ff": "ff", "ffi": "ffi", "ffl": "ffl"}

// glyphText returns the text a glyph name stands for.
func glyphText(n string) (string, bool) {
	if t, ok := ligatures[n]; ok {
		return t, true
	}
	// "uni" followed by several 4-digit groups names a character sequence.
	if strings.HasPrefix(n, "uni") && len(n) > 7 && (len(n)-3)%4 == 0 {
		var rs []rune
		for i := 3; i < len(n); i += 4 {
			v, err := strconv.ParseUint(n[i:i+4], 16, 32)
			if err != nil || !validRune(rune(v)) {
				rs = nil
				break
			}
			rs = append(rs, rune(v))
		}
		if rs != nil {
			return string(rs), true
		}
	}
	r, ok := glyphRune(n)
	return string(r), ok
}

// glyphRune returns the character a glyph name stands for.
func glyphRune(n string) (rune, bool) {
	if r, ok := glyphNames[n]; ok {
		return r, true
	}
	if len(n) == 1 && (n[0] >= 'A' && n[0] <= 'Z' || n[0] >= 'a' && n[0] <= 'z') {
		return rune(n[0]), true
	}
	// Suffixes such as "a.sc" or "one.oldstyle" name variants.
	if i := strings.IndexByte(n, '.'); i > 0 {
		return glyphRune(n[:i])
	}
	if strings.HasPrefix(n, "uni") && len(n) >= 7 {
		if v, err := strconv.ParseUint(n[3:7], 16, 32); err == nil && validRune(rune(v)) {
			return rune(v), true
		}
	}
	if strings.HasPrefix(n, "u") && len(n) >= 5 && len(n) <= 7 {
		if v, err := strconv.ParseUint(n[1:], 16, 32); err == nil && validRune(rune(v)) {
			return rune(v), true
		}
	}
	return 0, false
}

func validRune(r rune) bool {
	return r >= 0x20 && r <= 0x10FFFF && !(r >= 0xD800 && r <= 0xDFFF) && r != 0xFFFD
}
