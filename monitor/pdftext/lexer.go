package pdftext

import (
	"bytes"
	"strconv"
)

// The PDF object model. Objects are represented by plain Go values:
// nil (null), bool, int64, float64, name, pdfString, array, dict, ref and
// *stream. keyword is a bare token that is not a value (obj, R, operators).
type (
	object    any
	name      string
	pdfString string // raw bytes of a literal or hex string
	keyword   string
	array     []object
	dict      map[name]object
)

// ref is an indirect reference "num gen R".
type ref struct{ num, gen int }

// stream is a stream object: its dictionary and where its data starts.
type stream struct {
	hdr   dict
	num   int   // object number, for error messages
	start int64 // offset of the first data byte in the file
}

// maxNesting caps array/dict nesting so hostile input cannot exhaust the stack.
const maxNesting = 64

// lexer tokenizes PDF syntax from an in-memory buffer.
type lexer struct {
	buf []byte
	pos int
	// refs enables "num gen R" recognition; content streams have no
	// references, so they skip the lookahead.
	refs bool
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isWhite(c) && !isDelim(c) }

func (lx *lexer) skipSpace() {
	for lx.pos < len(lx.buf) {
		c := lx.buf[lx.pos]
		if isWhite(c) {
			lx.pos++
		} else if c == '%' {
			for lx.pos < len(lx.buf) && lx.buf[lx.pos] != '\n' && lx.buf[lx.pos] != '\r' {
				lx.pos++
			}
		} else {
			return
		}
	}
}

// eofToken is returned by token at the end of input.
type eofToken struct{}

// token returns the next token: int64, float64, name, pdfString, keyword
// (including the delimiters "[", "]", "<<", ">>", "{", "}") or eofToken.
func (lx *lexer) token() any {
	lx.skipSpace()
	if lx.pos >= len(lx.buf) {
		return eofToken{}
	}
	c := lx.buf[lx.pos]
	switch c {
	case '[', ']', '{', '}':
		lx.pos++
		return keyword(string(c))
	case '<':
		if lx.pos+1 < len(lx.buf) && lx.buf[lx.pos+1] == '<' {
			lx.pos += 2
			return keyword("<<")
		}
		return lx.hexString()
	case '>':
		lx.pos++
		if lx.pos < len(lx.buf) && lx.buf[lx.pos] == '>' {
			lx.pos++
			return keyword(">>")
		}
		return keyword(">")
	case '(':
		return lx.literalString()
	case ')':
		lx.pos++
		return keyword(")")
	case '/':
		return lx.name()
	}
	start := lx.pos
	for lx.pos < len(lx.buf) && isRegular(lx.buf[lx.pos]) {
		lx.pos++
	}
	word := lx.buf[start:lx.pos]
	if looksNumeric(word) {
		return parseNumber(word)
	}
	return internKeyword(word)
}

// internKeyword returns the common keywords without allocating; content
// streams are mostly these operators.
func internKeyword(w []byte) keyword {
	switch string(w) {
	case "Tj":
		return "Tj"
	case "TJ":
		return "TJ"
	case "Td":
		return "Td"
	case "Tf":
		return "Tf"
	case "Tm":
		return "Tm"
	case "BT":
		return "BT"
	case "ET":
		return "ET"
	case "q":
		return "q"
	case "Q":
		return "Q"
	case "cm":
		return "cm"
	case "re":
		return "re"
	case "m":
		return "m"
	case "l":
		return "l"
	case "S":
		return "S"
	case "f":
		return "f"
	case "n":
		return "n"
	case "w":
		return "w"
	case "R":
		return "R"
	case "obj":
		return "obj"
	case "endobj":
		return "endobj"
	}
	return keyword(w)
}

func looksNumeric(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	for _, c := range w {
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+') {
			return false
		}
	}
	return true
}

// parseNumber is forgiving: malformed numbers such as "--5" or "1.2.3"
// (which real producers emit) become their best-effort value or 0.
func parseNumber(w []byte) any {
	// Fast path for plain integers, the most common number.
	if len(w) <= 18 {
		neg := false
		i := 0
		if w[0] == '-' || w[0] == '+' {
			neg = w[0] == '-'
			i = 1
		}
		if i < len(w) {
			var v int64
			j := i
			for ; j < len(w) && w[j] >= '0' && w[j] <= '9'; j++ {
				v = v*10 + int64(w[j]-'0')
			}
			if j == len(w) {
				if neg {
					v = -v
				}
				return v
			}
		}
	}
	isInt := true
	for _, c := range w {
		if c == '.' {
			isInt = false
		}
	}
	s := string(w)
	if isInt {
		if v, err := strconv.ParseInt(s, 10, 64); err == nil {
			return v
		}
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v
	}
	// Strip repeated signs and trailing junk.
	for len(s) > 1 && (s[0] == '-' || s[0] == '+') && (s[1] == '-' || s[1] == '+') {
		s = s[1:]
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v
	}
	return int64(0)
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (lx *lexer) hexString() pdfString {
	lx.pos++ // '<'
	rest := lx.buf[lx.pos:]
	n := bytes.IndexByte(rest, '>')
	if n < 0 {
		n = len(rest)
	}
	lx.pos += min(n+1, len(rest))
	return pdfString(asciiHexDecode(rest[:n]))
}

func (lx *lexer) literalString() pdfString {
	lx.pos++ // '('
	out := make([]byte, 0, 16)
	depth := 1
	for lx.pos < len(lx.buf) {
		c := lx.buf[lx.pos]
		lx.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return pdfString(out)
			}
		case '\r':
			// An end-of-line in a string is read as a single '\n'.
			if lx.pos < len(lx.buf) && lx.buf[lx.pos] == '\n' {
				lx.pos++
			}
			c = '\n'
		case '\\':
			if lx.pos >= len(lx.buf) {
				return pdfString(out)
			}
			c = lx.buf[lx.pos]
			lx.pos++
			switch c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if lx.pos < len(lx.buf) && lx.buf[lx.pos] == '\n' {
					lx.pos++
				}
				continue
			case '\n':
				continue
			default:
				if c >= '0' && c <= '7' {
					v := int(c - '0')
					for i := 0; i < 2 && lx.pos < len(lx.buf); i++ {
						d := lx.buf[lx.pos]
						if d < '0' || d > '7' {
							break
						}
						v = v*8 + int(d-'0')
						lx.pos++
					}
					c = byte(v)
				}
			}
		}
		out = append(out, c)
	}
	return pdfString(out)
}

func (lx *lexer) name() name {
	lx.pos++ // '/'
	start := lx.pos
	escaped := false
	for lx.pos < len(lx.buf) && isRegular(lx.buf[lx.pos]) {
		if lx.buf[lx.pos] == '#' {
			escaped = true
		}
		lx.pos++
	}
	raw := lx.buf[start:lx.pos]
	if !escaped {
		return name(raw)
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			h, ok1 := unhex(raw[i+1])
			l, ok2 := unhex(raw[i+2])
			if ok1 && ok2 {
				out = append(out, h<<4|l)
				i += 2
				continue
			}
		}
		out = append(out, raw[i])
	}
	return name(out)
}

// object parses one complete object. Keywords that are not values are
// returned as keyword; the end of input as eofToken.
func (lx *lexer) object() any { return lx.objectDepth(0) }

func (lx *lexer) objectDepth(depth int) any {
	tok := lx.token()
	switch t := tok.(type) {
	case keyword:
		switch t {
		case "[":
			if depth >= maxNesting {
				return nil
			}
			var arr array
			for {
				v := lx.objectDepth(depth + 1)
				if k, ok := v.(keyword); ok && k == "]" {
					return arr
				}
				if _, ok := v.(eofToken); ok {
					return arr
				}
				if k, ok := v.(keyword); ok && (k == ">>" || k == "endobj" || k == "stream") {
					return arr
				}
				arr = append(arr, v)
			}
		case "<<":
			if depth >= maxNesting {
				return nil
			}
			return lx.dictBody(depth + 1)
		case "true":
			return true
		case "false":
			return false
		case "null":
			return nil
		}
		return t
	case int64:
		if lx.refs && t >= 0 {
			save := lx.pos
			if gen, ok := lx.token().(int64); ok && gen >= 0 && gen < 1<<20 {
				if k, ok := lx.token().(keyword); ok && k == "R" && t < 1<<31 {
					return ref{int(t), int(gen)}
				}
			}
			lx.pos = save
		}
		return t
	}
	return tok
}

func (lx *lexer) dictBody(depth int) dict {
	d := dict{}
	for {
		k := lx.objectDepth(depth)
		switch key := k.(type) {
		case name:
			v := lx.objectDepth(depth)
			if kw, ok := v.(keyword); ok {
				if kw == ">>" {
					return d
				}
				if kw == "endobj" || kw == "stream" {
					return d
				}
				continue
			}
			if _, ok := v.(eofToken); ok {
				return d
			}
			if v != nil {
				d[key] = v
			}
		case keyword:
			if key == ">>" || key == "endobj" || key == "stream" {
				return d
			}
		case eofToken:
			return d
		}
	}
}
