package pubdate

import "time"

// China is the fixed UTC+8 zone every date from this package is in. China has
// had no daylight saving time since 1991, and the dates read here are calendar
// days, so a fixed zone is exact and needs no tzdata.
var China = time.FixedZone("CST", 8*60*60)

// The years a publication date may plausibly fall in.
const (
	minYear = 1949
	maxYear = 2100
)

// civil returns y-m-d at midnight China time, or false if that day does not
// exist or falls outside minYear–maxYear.
func civil(y, m, d int) (time.Time, bool) {
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, China)
	if t.Day() != d { // time.Date normalised an impossible day such as 02-30
		return time.Time{}, false
	}
	return t, true
}

// digitValue returns the value of an ASCII or full-width decimal digit.
func digitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '０' && r <= '９':
		return int(r - '０'), true
	}
	return 0, false
}

// number parses a run of ASCII or full-width digits, at most 9 of them.
func number(s string) (int, bool) {
	n, count := 0, 0
	for _, r := range s {
		d, ok := digitValue(r)
		if !ok || count == 9 {
			return 0, false
		}
		n = n*10 + d
		count++
	}
	return n, count > 0
}
