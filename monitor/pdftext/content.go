package pdftext

import (
	"bytes"
	"math"
)

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m first, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// textRun is a piece of text shown at one position, in device space.
type textRun struct {
	x, y    float64 // start of the baseline
	endX    float64 // where the next glyph would start
	size    float64 // effective font size (height of an em)
	text    string
	rotated bool // not left-to-right horizontal (rotated or vertical)
}

// graphicsState is the part of the PDF graphics state that affects text.
type graphicsState struct {
	ctm       matrix
	font      *font
	fontSize  float64
	charSpace float64
	wordSpace float64
	hScale    float64
	leading   float64
	rise      float64
}

const (
	maxFormDepth   = 8
	maxStateStack  = 256
	maxOperands    = 64
	maxFormsOnPage = 4096
	runOverhead    = 16
)

// interpreter runs content streams of one page and collects text runs.
type interpreter struct {
	f         *pdfFile
	fontCache map[int]*font
	runs      []textRun
	textBytes int64
	maxText   int64
	full      bool // the page's text limit was reached
	forms     int
	active    map[*stream]bool   // Form XObjects being run, to stop cycles
	formData  map[*stream][]byte // decoded Form XObjects, reused by each Do
	work      int64              // content bytes interpreted on this page
	maxWork   int64
	glyphs    []glyph
	paths     pathRecorder
}

func (ip *interpreter) run(content []byte, res dict, gs graphicsState, depth int) {
	// A small form drawn thousands of times could make a page cost far
	// more than its size; past the budget the page is cut short.
	ip.work += int64(len(content))
	if ip.work > ip.maxWork {
		ip.full = true
		return
	}
	lx := lexer{buf: content}
	var stack []graphicsState
	var operands []any
	var tm, tlm matrix = identity, identity
	fonts := ip.f.dictOf(res["Font"])

	num := func(i int) float64 {
		if i >= 0 && i < len(operands) {
			switch v := operands[i].(type) {
			case int64:
				return float64(v)
			case float64:
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return 0
				}
				return v
			}
		}
		return 0
	}
	// Operands are taken from the end so stray extra operands are ignored.
	arg := func(n, i int) float64 { return num(len(operands) - n + i) }
	moveLine := func(tx, ty float64) {
		tlm = matrix{1, 0, 0, 1, tx, ty}.mul(tlm)
		tm = tlm
	}
	show := func(s pdfString) {
		if gs.font == nil || ip.full {
			return
		}
		ip.glyphs = gs.font.decode([]byte(s), ip.glyphs[:0])
		trm := matrix{gs.fontSize * gs.hScale, 0, 0, gs.fontSize, 0, gs.rise}.mul(tm).mul(gs.ctm)
		x, y := trm[4], trm[5]
		var text []byte
		for _, g := range ip.glyphs {
			text = append(text, g.text...)
			var adv float64
			if gs.font.vertical {
				ty := -g.width/1000*gs.fontSize + gs.charSpace
				tm = matrix{1, 0, 0, 1, 0, ty}.mul(tm)
				continue
			}
			adv = (g.width/1000*gs.fontSize + gs.charSpace)
			if g.space {
				adv += gs.wordSpace
			}
			tm = matrix{1, 0, 0, 1, adv * gs.hScale, 0}.mul(tm)
		}
		if len(text) == 0 {
			return
		}
		end := matrix{gs.fontSize * gs.hScale, 0, 0, gs.fontSize, 0, gs.rise}.mul(tm).mul(gs.ctm)
		// The em height in device space is the length of the transformed
		// vertical unit vector.
		m := tm.mul(gs.ctm)
		size := math.Abs(gs.fontSize) * math.Hypot(m[2], m[3])
		rotated := gs.font.vertical || math.Abs(trm[1]) > 0.05*math.Abs(trm[0]) || trm[0] < 0
		// Each run costs ~100 bytes besides its text; counting some of it
		// keeps pages of one-glyph runs from using many times the limit.
		ip.textBytes += int64(len(text)) + runOverhead
		if ip.textBytes > ip.maxText {
			ip.full = true
		}
		ip.runs = append(ip.runs, textRun{x: x, y: y, endX: end[4], size: size, text: string(text), rotated: rotated})
	}

	for !ip.full {
		tok := lx.object()
		switch t := tok.(type) {
		case eofToken:
			return
		case keyword:
			op := t
			switch op {
			case "q":
				if len(stack) < maxStateStack {
					stack = append(stack, gs)
				}
			case "Q":
				if len(stack) > 0 {
					gs = stack[len(stack)-1]
					stack = stack[:len(stack)-1]
				}
			case "cm":
				if len(operands) >= 6 {
					gs.ctm = matrix{arg(6, 0), arg(6, 1), arg(6, 2), arg(6, 3), arg(6, 4), arg(6, 5)}.mul(gs.ctm)
				}
			case "BT":
				tm, tlm = identity, identity
			case "Tf":
				if len(operands) >= 2 {
					if n, ok := operands[len(operands)-2].(name); ok && fonts != nil {
						gs.font = ip.f.loadFont(fonts[n], ip.fontCache)
					}
					gs.fontSize = arg(2, 1)
				}
			case "Tc":
				gs.charSpace = arg(1, 0)
			case "Tw":
				gs.wordSpace = arg(1, 0)
			case "Tz":
				gs.hScale = arg(1, 0) / 100
			case "TL":
				gs.leading = arg(1, 0)
			case "Ts":
				gs.rise = arg(1, 0)
			case "Td":
				moveLine(arg(2, 0), arg(2, 1))
			case "TD":
				gs.leading = -arg(2, 1)
				moveLine(arg(2, 0), arg(2, 1))
			case "Tm":
				if len(operands) >= 6 {
					tlm = matrix{arg(6, 0), arg(6, 1), arg(6, 2), arg(6, 3), arg(6, 4), arg(6, 5)}
					tm = tlm
				}
			case "T*":
				moveLine(0, -gs.leading)
			case "Tj":
				if len(operands) > 0 {
					if s, ok := operands[len(operands)-1].(pdfString); ok {
						show(s)
					}
				}
			case "'", "\"":
				if op == "\"" && len(operands) >= 3 {
					gs.wordSpace = arg(3, 0)
					gs.charSpace = arg(3, 1)
				}
				moveLine(0, -gs.leading)
				if len(operands) > 0 {
					if s, ok := operands[len(operands)-1].(pdfString); ok {
						show(s)
					}
				}
			case "TJ":
				if len(operands) == 0 {
					break
				}
				arr, _ := operands[len(operands)-1].(array)
				for _, e := range arr {
					switch v := e.(type) {
					case pdfString:
						show(v)
					case int64, float64:
						var n float64
						if i, ok := v.(int64); ok {
							n = float64(i)
						} else {
							n = v.(float64)
						}
						if math.IsNaN(n) || math.IsInf(n, 0) {
							continue
						}
						d := -n / 1000 * gs.fontSize
						if gs.font != nil && gs.font.vertical {
							tm = matrix{1, 0, 0, 1, 0, d}.mul(tm)
						} else {
							tm = matrix{1, 0, 0, 1, d * gs.hScale, 0}.mul(tm)
						}
					}
				}
			case "Do":
				if len(operands) > 0 {
					if n, ok := operands[len(operands)-1].(name); ok {
						ip.doXObject(n, res, gs, depth)
					}
				}
			case "BI":
				skipInlineImage(&lx)
			case "m":
				if len(operands) >= 2 {
					ip.paths.moveTo(gs.ctm.apply(arg(2, 0), arg(2, 1)))
				}
			case "l":
				if len(operands) >= 2 {
					ip.paths.lineTo(gs.ctm.apply(arg(2, 0), arg(2, 1)))
				}
			case "re":
				if len(operands) >= 4 {
					ip.paths.rect(gs.ctm, arg(4, 0), arg(4, 1), arg(4, 2), arg(4, 3))
				}
			case "h":
				ip.paths.closePath()
			case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
				if op == "s" || op == "b" || op == "b*" {
					ip.paths.closePath()
				}
				ip.paths.paint()
			case "n":
				ip.paths.discard()
			}
			operands = operands[:0]
		default:
			if len(operands) < maxOperands {
				operands = append(operands, tok)
			}
		}
	}
}

// doXObject runs a Form XObject; images and other XObjects carry no text.
func (ip *interpreter) doXObject(n name, res dict, gs graphicsState, depth int) {
	if depth >= maxFormDepth || ip.forms >= maxFormsOnPage {
		return
	}
	xobjs := ip.f.dictOf(res["XObject"])
	if xobjs == nil {
		return
	}
	s, ok := ip.f.resolve(xobjs[n]).(*stream)
	if !ok || ip.active[s] {
		return
	}
	if st, _ := ip.f.resolve(s.hdr["Subtype"]).(name); st != "Form" {
		return
	}
	ip.forms++
	data, ok := ip.formData[s]
	if !ok {
		var err error
		data, err = ip.f.decodeStream(s)
		// Decoded forms stay cached for the page, so they count against
		// the page's work budget too.
		ip.work += int64(len(data))
		if ip.work > ip.maxWork {
			ip.full = true
			return
		}
		if err == errStreamLimit {
			ip.f.truncated = true
		} else if err != nil {
			data = nil
		}
		ip.formData[s] = data
	}
	if data == nil {
		return
	}
	if m, ok := ip.f.resolve(s.hdr["Matrix"]).(array); ok && len(m) == 6 {
		var fm matrix
		for i := range fm {
			fm[i], _ = ip.f.number(m[i])
		}
		gs.ctm = fm.mul(gs.ctm)
	}
	formRes := ip.f.dictOf(s.hdr["Resources"])
	if formRes == nil {
		formRes = res
	}
	ip.active[s] = true
	ip.run(data, formRes, gs, depth+1)
	delete(ip.active, s)
}

// skipInlineImage moves past "BI <dict> ID <binary data> EI".
func skipInlineImage(lx *lexer) {
	for {
		tok := lx.object()
		if _, ok := tok.(eofToken); ok {
			return
		}
		if k, ok := tok.(keyword); ok && k == "ID" {
			break
		}
	}
	lx.pos++ // the single whitespace after ID
	for lx.pos < len(lx.buf) {
		i := bytes.Index(lx.buf[lx.pos:], []byte("EI"))
		if i < 0 {
			lx.pos = len(lx.buf)
			return
		}
		p := lx.pos + i
		lx.pos = p + 2
		// EI must stand alone, or binary data containing "EI" ends it early.
		if (p == 0 || isWhite(lx.buf[p-1])) && (p+2 == len(lx.buf) || isWhite(lx.buf[p+2])) {
			return
		}
	}
}
