package charset

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Thresholds for reading the bytes. A page is UTF-8 with a little damage if
// at least utf8Majority valid multi-byte characters come for each invalid
// byte: GBK text read as UTF-8 is almost all invalid bytes. Bytes are GB18030
// if at least gbCJKShare of their non-ASCII characters are Chinese and at
// most one in gbBadPer is undecodable. Overriding a declaration takes at
// least minCJKEvidence Chinese characters.
const (
	utf8Majority   = 10
	gbCJKShare     = 0.8
	gbBadPer       = 50
	minCJKEvidence = 2
	gbSample       = 64 << 10
)

// utf8Stats counts how body reads as UTF-8.
type utf8Stats struct {
	multi int // valid multi-byte characters
	cjk   int // of which Chinese characters or punctuation
	bad   int // invalid bytes, not counting a character cut off at the end
}

// scanUTF8 reads body as UTF-8. A character cut short at the very end is not
// counted as bad: bodies are often truncated at a size cap.
func scanUTF8(body []byte) utf8Stats {
	var st utf8Stats
	for i := 0; i < len(body); {
		c := body[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(body[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			if !utf8.FullRune(body[i:]) { // truncated last character
				return st
			}
			st.bad++
		default:
			st.multi++
			if isCJK(r) {
				st.cjk++
			}
		}
		i += n
	}
	return st
}

// mostlyValid reports UTF-8 with a little damage, not another encoding.
func (st utf8Stats) mostlyValid() bool {
	return st.multi > 0 && st.bad*utf8Majority <= st.multi
}

// isCJK reports Chinese characters and the punctuation Chinese text uses.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK punctuation: 、。《》「」
		(r >= 0xFF00 && r <= 0xFFEF) || // full-width forms: ，：（）
		(r >= 0x2010 && r <= 0x2027) || // “”‘’—…
		r == 0x00B7 // ·
}

// looksGB18030 reports whether body decodes as GB18030 into mostly Chinese text.
func looksGB18030(body []byte) bool { return looksChinese(simplifiedchinese.GB18030, body) }

// looksChinese reports whether body decodes in e into mostly Chinese text.
// It samples from the first non-ASCII byte, which in the double-byte
// encodings is always a lead byte.
func looksChinese(e encoding.Encoding, body []byte) bool {
	i := bytes.IndexFunc(body, func(r rune) bool { return r >= utf8.RuneSelf })
	if i < 0 {
		return false
	}
	sample := body[i:]
	if len(sample) > gbSample {
		sample = sample[:gbSample]
	}
	text, err := e.NewDecoder().Bytes(sample)
	if err != nil {
		return false
	}
	nonASCII, cjk, bad := 0, 0, 0
	for _, r := range string(text) {
		switch {
		case r < utf8.RuneSelf:
		case r == utf8.RuneError:
			nonASCII++
			bad++
		default:
			nonASCII++
			if isCJK(r) {
				cjk++
			}
		}
	}
	if len(body)-i > gbSample && bad > 0 {
		bad-- // the sample may cut the last character in two
	}
	return cjk >= minCJKEvidence && float64(cjk) >= gbCJKShare*float64(nonASCII) && bad*gbBadPer <= nonASCII
}

// sniff guesses the encoding from the bytes alone: UTF-8 if they read as
// UTF-8 with non-ASCII characters, GB18030 if they read as Chinese in it,
// else Big5 if they read as Chinese in that (Big5 bytes often read as GBK
// too, so GB18030 is tried first). It returns false when the bytes say
// nothing (ASCII, empty) or nothing clear.
func sniff(body []byte) (string, bool) {
	st := scanUTF8(body)
	if st.mostlyValid() {
		return "utf-8", true
	}
	if st.bad > 0 && looksGB18030(body) {
		return "gb18030", true
	}
	if st.bad > 0 && looksChinese(traditionalchinese.Big5, body) {
		return "big5", true
	}
	return "", false
}

// contradicted returns the encoding the bytes clearly show when it is not
// the declared one: GB18030 bytes declared as UTF-8 or windows-1252, UTF-8
// bytes (allowing a little damage) with Chinese in them declared as a legacy
// encoding, anything declared UTF-16 without a BOM or a single NUL byte.
func contradicted(declared string, body []byte) (string, bool) {
	switch declared {
	case "utf-8":
		if st := scanUTF8(body); st.bad > 0 && !st.mostlyValid() && looksGB18030(body) {
			return "gb18030", true
		}
		return "", false
	case "utf-16le", "utf-16be":
		if len(body) > 0 && bytes.IndexByte(body[:min(len(body), 1024)], 0) < 0 {
			if enc, ok := sniff(body); ok {
				return enc, true
			}
			return "utf-8", true
		}
		return "", false
	}
	st := scanUTF8(body)
	if st.mostlyValid() && st.cjk >= minCJKEvidence {
		return "utf-8", true
	}
	if declared == "windows-1252" && st.bad > 0 && looksGB18030(body) {
		return "gb18030", true
	}
	return "", false
}
