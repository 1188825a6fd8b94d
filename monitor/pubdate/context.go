package pubdate

import (
	"unicode"
	"unicode/utf8"
)

// The characters around a candidate decide whether it is a date or a piece of
// something longer: a phone number, an index number, a version string.

// before returns the rune ending at byte i of s and its size (0 at the start).
func before(s string, i int) (rune, int) {
	if i <= 0 {
		return 0, 0
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

// after returns the rune starting at byte i of s and its size (0 at the end).
func after(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(s[i:])
}

// beforeSkippingSpace is before, past any white space.
func beforeSkippingSpace(s string, i int) (rune, int) {
	for {
		r, n := before(s, i)
		if n == 0 || !unicode.IsSpace(r) {
			return r, i - n
		}
		i -= n
	}
}

// afterSkippingSpace is after, past any white space.
func afterSkippingSpace(s string, i int) (rune, int) {
	for {
		r, n := after(s, i)
		if n == 0 || !unicode.IsSpace(r) {
			return r, i
		}
		i += n
	}
}

func isDigit(r rune) bool {
	_, ok := digitValue(r)
	return ok
}

// isWordChar reports characters that glue a number into a longer token.
func isWordChar(r rune) bool {
	return isDigit(r) || r == '_' || (r < utf8.RuneSelf && unicode.IsLetter(r)) ||
		(r >= 'Ａ' && r <= 'Ｚ') || (r >= 'ａ' && r <= 'ｚ')
}

// separator normalises a date separator to its ASCII form, or returns 0.
func separator(r rune) rune {
	switch r {
	case '-', '－':
		return '-'
	case '/', '／':
		return '/'
	case '.', '．':
		return '.'
	}
	return 0
}

// standsAlone reports whether s[start:end], a run of digits and separators
// using sep, is a token of its own: not glued to letters or digits, and not
// one link in a longer chain such as 1.2024.01.17 or 2024-01-17-3.
func standsAlone(s string, start, end int, sep rune) bool {
	r, n := before(s, start)
	if isWordChar(r) {
		return false
	}
	if sep != 0 && separator(r) == sep {
		if r2, _ := before(s, start-n); isDigit(r2) {
			return false
		}
	}
	r, n = after(s, end)
	if isDigit(r) {
		return false
	}
	if sep != 0 && separator(r) == sep {
		if r2, _ := after(s, end+n); isDigit(r2) {
			return false
		}
	}
	return true
}

// closers pairs the brackets that enclose month-day list dates.
var closers = map[rune]rune{'[': ']', '【': '】', '(': ')', '（': '）'}

// bracketed reports whether s[start:end] is enclosed in a bracket pair,
// spaces allowed inside: [01-17], （ 01-17 ）.
func bracketed(s string, start, end int) bool {
	open, _ := beforeSkippingSpace(s, start)
	want, ok := closers[open]
	if !ok {
		return false
	}
	closeR, _ := afterSkippingSpace(s, end)
	return closeR == want
}

// quantityUnits are characters that make a bare 10-15 a range of amounts
// (10-15个工作日, 12-20人) rather than a date.
const quantityUnits = "个人万元岁天年月日号次件名家项户%％倍米吨亩期届级周时点分秒小"

// followedByUnit reports whether the first non-space rune at or after i is a
// quantity unit or a colon (a time).
func followedByUnit(s string, i int) bool {
	r, _ := afterSkippingSpace(s, i)
	if r == ':' || r == '：' {
		return true
	}
	for _, u := range quantityUnits {
		if r == u {
			return true
		}
	}
	return false
}
