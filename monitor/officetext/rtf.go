package officetext

import (
	"strconv"
	"strings"

	"github.com/govwatch/govwatch/monitor/charset"
	"golang.org/x/text/encoding"
)

// RTF saved as .doc (common on these portals). Control words and the
// groups that hold no document text (font and colour tables, styles,
// pictures, field instructions, \* destinations) are dropped; \'hh bytes
// are decoded in the font's or document's code page (\ansicpg936 = GBK)
// and \uN characters taken as they are, skipping their \ucN fallbacks.

// rtfSkipDestinations are groups whose content is not document text.
var rtfSkipDestinations = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true,
	"object": true, "objdata": true, "themedata": true, "colorschememapping": true,
	"datastore": true, "latentstyles": true, "listtable": true, "listoverridetable": true,
	"rsidtbl": true, "generator": true, "xmlnstbl": true, "mmathPr": true, "fldinst": true,
	"pgdsctbl": true, "revtbl": true, "filetbl": true, "nonshppict": true, "listtext": true,
	"header": false, "footer": false,
}

// rtfCharsetCodePage maps \fcharset values to Windows code pages.
var rtfCharsetCodePage = map[int]int{128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 204: 1251, 238: 1250}

// rtfCodePageEncoding maps code pages to monitor/charset names.
var rtfCodePageEncoding = map[int]string{936: "gb18030", 950: "big5", 932: "shift_jis", 949: "euc-kr",
	1250: "windows-1250", 1251: "windows-1251", 1252: "windows-1252", 1253: "windows-1253",
	1254: "windows-1254", 65001: "utf-8", 54936: "gb18030"}

var rtfSymbols = map[string]string{"par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n",
	"tab": "\t", "cell": "\t", "nestcell": "\t", "emdash": "—", "endash": "–", "bullet": "•",
	"lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”", "emspace": " ", "enspace": " ", "qmspace": " "}

type rtfGroup struct {
	skip      bool
	fontTable bool
	uc        int // fallback characters after \uN
	codePage  int // of the current font; 0 = the document's
}

type rtfParser struct {
	ex       *extraction
	src      []byte
	pos      int
	out      *partText
	docCP    int
	fontCP   map[int]int // font number → code page, from \fonttbl
	curFont  int         // font being defined inside \fonttbl
	stack    []rtfGroup
	g        rtfGroup
	pending  []byte // undecoded 8-bit bytes
	skipLeft int    // fallback characters still to skip after \uN
}

func (ex *extraction) rtf() error {
	data, _, err := ex.readHead("rtf", ex.lim.MaxEntryXML)
	if err != nil {
		return err
	}
	p := &rtfParser{ex: ex, src: data, out: ex.newPart(), docCP: 1252, fontCP: map[int]int{}, g: rtfGroup{uc: 1}}
	defer ex.add(whereBody, p.out)
	return p.run()
}

func (p *rtfParser) run() error {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		p.pos++
		switch c {
		case '{':
			if err := p.flush(); err != nil {
				return err
			}
			p.skipLeft = 0
			if len(p.stack) < 4096 {
				p.stack = append(p.stack, p.g)
			}
		case '}':
			if err := p.flush(); err != nil {
				return err
			}
			p.skipLeft = 0
			if n := len(p.stack); n > 0 {
				p.g = p.stack[n-1]
				p.stack = p.stack[:n-1]
			}
		case '\\':
			if err := p.control(); err != nil {
				return err
			}
		case '\r', '\n':
		default:
			if p.skipLeft > 0 {
				p.skipLeft--
				continue
			}
			if p.g.skip {
				continue
			}
			p.pending = append(p.pending, c)
		}
	}
	return p.flush()
}

// control reads what follows a backslash.
func (p *rtfParser) control() error {
	if p.pos >= len(p.src) {
		return nil
	}
	c := p.src[p.pos]
	if !isASCIILetter(c) {
		p.pos++
		switch c {
		case '\'':
			if p.pos+2 > len(p.src) {
				return nil
			}
			b, err := strconv.ParseUint(string(p.src[p.pos:p.pos+2]), 16, 8)
			p.pos += 2
			if err != nil || p.g.skip {
				return nil
			}
			if p.skipLeft > 0 {
				p.skipLeft--
				return nil
			}
			p.pending = append(p.pending, byte(b))
		case '*':
			p.g.skip = true
		case '\\', '{', '}':
			if !p.g.skip && p.skipLeft == 0 {
				p.pending = append(p.pending, c)
			}
		case '~':
			return p.emit(" ")
		case '_':
			return p.emit("-")
		case '\r', '\n':
			return p.emit("\n")
		}
		return nil
	}
	start := p.pos
	for p.pos < len(p.src) && isASCIILetter(p.src[p.pos]) && p.pos-start < 32 {
		p.pos++
	}
	word := string(p.src[start:p.pos])
	numStart := p.pos
	if p.pos < len(p.src) && p.src[p.pos] == '-' {
		p.pos++
	}
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' && p.pos-numStart < 11 {
		p.pos++
	}
	num, hasNum := 0, p.pos > numStart
	if hasNum {
		n, _ := strconv.ParseInt(string(p.src[numStart:p.pos]), 10, 64)
		num = int(n)
	}
	if p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
	return p.word(word, num, hasNum)
}

func (p *rtfParser) word(word string, num int, hasNum bool) error {
	switch word {
	case "bin":
		// Binary data: skip it whole.
		if num > 0 {
			p.pos = min(len(p.src), p.pos+num)
		}
		return nil
	case "ansicpg":
		p.docCP = num
		return nil
	case "uc":
		p.g.uc = max(0, min(num, 16))
		return nil
	case "fonttbl":
		p.g.fontTable = true
		p.g.skip = true
		return nil
	case "f":
		if p.g.fontTable {
			p.curFont = num
		} else if err := p.flush(); err != nil {
			return err
		} else {
			p.g.codePage = p.fontCP[num]
		}
		return nil
	case "fcharset":
		if p.g.fontTable {
			p.fontCP[p.curFont] = rtfCharsetCodePage[num]
		}
		return nil
	case "cpg":
		if p.g.fontTable && num > 0 {
			p.fontCP[p.curFont] = num
		}
		return nil
	}
	if skip, ok := rtfSkipDestinations[word]; ok {
		if skip {
			p.g.skip = true
		}
		return nil
	}
	if p.g.skip {
		return nil
	}
	if word == "u" && hasNum {
		if err := p.flush(); err != nil {
			return err
		}
		r := rune(num)
		if r < 0 {
			r += 65536
		}
		p.skipLeft = p.g.uc
		return p.out.write(string(r))
	}
	if s, ok := rtfSymbols[word]; ok {
		return p.emit(s)
	}
	return nil
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// emit writes s after any pending bytes.
func (p *rtfParser) emit(s string) error {
	if p.g.skip {
		return nil
	}
	if err := p.flush(); err != nil {
		return err
	}
	p.skipLeft = 0
	return p.out.write(s)
}

// flush decodes the pending 8-bit bytes in the current code page. Bytes are
// kept until then so that double-byte GBK characters written as two \'hh
// escapes decode as one character.
func (p *rtfParser) flush() error {
	if len(p.pending) == 0 {
		return nil
	}
	b := p.pending
	p.pending = p.pending[:0]
	cp := p.g.codePage
	if cp == 0 {
		cp = p.docCP
	}
	return p.out.write(decodeCodePage(b, cp))
}

func decodeCodePage(b []byte, cp int) string {
	name, ok := rtfCodePageEncoding[cp]
	if !ok {
		name = "windows-1252"
	}
	var enc encoding.Encoding
	if e, ok := charset.Encoder(name); ok {
		enc = e
	}
	if enc == nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	s, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(s)
}
