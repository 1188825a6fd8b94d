package pubdate

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Pieces of the date patterns. Digits may be full-width (２０２４); spaces
// include the ideographic space and no-break space.
const (
	digit  = `[0-9０-９]`
	sepSet = `[-/.－／．]`
	space  = `[\s\x{3000}\x{a0}]*`
	cnYear = `[〇零○OＯ0-9０-９一二两三四五六七八九十百千]{2,7}`
	cnMon  = `[〇零一二三四五六七八九十]{1,3}`
	cnDay  = `[〇零一二三四五六七八九十廿卅]{1,4}`
	dayEnd = space + `[日号]`
)

// A candidate is a date a form found at s[start:end].
type candidate struct {
	t          time.Time
	start, end int
}

// A form is one way of writing a date: a pattern for the candidate and a
// reading that checks its surroundings and its calendar value.
type form struct {
	re *regexp.Regexp
	// needsHint marks forms without a year: skipped when the hint is 0.
	needsHint bool
	read      func(s string, loc []int, yearHint int) (time.Time, bool)
}

// forms lists every way of writing a date, full dates first.
var forms = []form{
	{re: regexp.MustCompile(`(` + digit + `{4})(` + sepSet + `)(` + digit + `{1,2})(` + sepSet + `)(` + digit + `{1,2})`), read: readNumeric},
	{re: regexp.MustCompile(`(` + digit + `{4})` + space + `年` + space + `(` + digit + `{1,2})` + space + `月` + space + `(` + digit + `{1,2})` + dayEnd), read: readHan},
	{re: regexp.MustCompile(`(` + cnYear + `)` + space + `年` + space + `(` + cnMon + `)` + space + `月` + space + `(` + cnDay + `)` + dayEnd), read: readChinese},
	{re: regexp.MustCompile(`(` + digit + `{1,2})(` + sepSet + `)(` + digit + `{1,2})`), needsHint: true, read: readMonthDay},
	{re: regexp.MustCompile(`(` + digit + `{1,2})` + space + `月` + space + `(` + digit + `{1,2})` + dayEnd), needsHint: true, read: readHanMonthDay},
	{re: regexp.MustCompile(digit + `{8}`), read: readEightDigits},
}

// group returns submatch i of loc in s.
func group(s string, loc []int, i int) string {
	return s[loc[2*i]:loc[2*i+1]]
}

// ymd reads year, month and day from three digit groups.
func ymd(y, m, d string) (time.Time, bool) {
	yy, ok1 := number(y)
	mm, ok2 := number(m)
	dd, ok3 := number(d)
	if !ok1 || !ok2 || !ok3 {
		return time.Time{}, false
	}
	return civil(yy, mm, dd)
}

// readNumeric reads 2024-01-17, 2024/12/31, 2024.1.7 (one separator throughout).
func readNumeric(s string, loc []int, _ int) (time.Time, bool) {
	sep1, _ := utf8.DecodeRuneInString(group(s, loc, 2))
	sep2, _ := utf8.DecodeRuneInString(group(s, loc, 4))
	sep := separator(sep1)
	if sep != separator(sep2) || !standsAlone(s, loc[0], loc[1], sep) {
		return time.Time{}, false
	}
	return ymd(group(s, loc, 1), group(s, loc, 3), group(s, loc, 5))
}

// readHan reads 2023年10月11日 and 2023 年 10 月 11 日.
func readHan(s string, loc []int, _ int) (time.Time, bool) {
	if r, _ := before(s, loc[0]); isWordChar(r) {
		return time.Time{}, false
	}
	return ymd(group(s, loc, 1), group(s, loc, 2), group(s, loc, 3))
}

// readChinese reads 二〇二四年五月三十日 and 二〇二四年十二月三十一日.
func readChinese(s string, loc []int, _ int) (time.Time, bool) {
	if r, _ := before(s, loc[0]); isWordChar(r) {
		return time.Time{}, false
	}
	y, ok1 := chineseNumber(group(s, loc, 1))
	m, ok2 := chineseNumber(group(s, loc, 2))
	d, ok3 := chineseNumber(group(s, loc, 3))
	if !ok1 || !ok2 || !ok3 {
		return time.Time{}, false
	}
	return civil(y, m, d)
}

// readMonthDay reads list dates without a year: [01-17], (1/7), （01.17）
// in brackets, or a bare 01-17 (two digits each, a hyphen, no unit after).
func readMonthDay(s string, loc []int, yearHint int) (time.Time, bool) {
	m, d := group(s, loc, 1), group(s, loc, 3)
	sepR, _ := utf8.DecodeRuneInString(group(s, loc, 2))
	sep := separator(sepR)
	if !standsAlone(s, loc[0], loc[1], sep) {
		return time.Time{}, false
	}
	if !bracketed(s, loc[0], loc[1]) {
		if sep != '-' || utf8.RuneCountInString(m) != 2 || utf8.RuneCountInString(d) != 2 ||
			followedByUnit(s, loc[1]) || precededByTime(s, loc[0]) {
			return time.Time{}, false
		}
	}
	return monthDay(yearHint, m, d)
}

// precededByTime reports a colon just before i, as in 10:12-13.
func precededByTime(s string, i int) bool {
	r, _ := before(s, i)
	return r == ':' || r == '：'
}

// readHanMonthDay reads 1月17日, taking the year from the hint. It refuses
// 24年1月17日, whose year is written but too short to read.
func readHanMonthDay(s string, loc []int, yearHint int) (time.Time, bool) {
	if r, _ := before(s, loc[0]); isWordChar(r) {
		return time.Time{}, false
	}
	if r, i := beforeSkippingSpace(s, loc[0]); r == '年' {
		if r2, _ := beforeSkippingSpace(s, i); isDigit(r2) || strings.ContainsRune("〇零○一二三四五六七八九十", r2) {
			return time.Time{}, false
		}
	}
	return monthDay(yearHint, group(s, loc, 1), group(s, loc, 2))
}

// readEightDigits reads 20240117, but only when it is clearly a date: the
// whole string, or right after a date label. Elsewhere eight digits are as
// likely a phone number or an id.
func readEightDigits(s string, loc []int, _ int) (time.Time, bool) {
	v := s[loc[0]:loc[1]]
	if !standsAlone(s, loc[0], loc[1], 0) {
		return time.Time{}, false
	}
	if strings.TrimSpace(s) != v && labelBefore(s, loc[0]) == "" {
		return time.Time{}, false
	}
	if utf8.RuneCountInString(v) != 8 {
		return time.Time{}, false
	}
	r := []rune(v)
	return ymd(string(r[:4]), string(r[4:6]), string(r[6:]))
}

// monthDay reads month and day digit groups in the given year.
func monthDay(year int, m, d string) (time.Time, bool) {
	mm, ok1 := number(m)
	dd, ok2 := number(d)
	if !ok1 || !ok2 {
		return time.Time{}, false
	}
	return civil(year, mm, dd)
}
