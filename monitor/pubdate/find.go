package pubdate

import (
	"sort"
	"time"
	"unicode/utf8"
)

// Match is one date found in a text.
type Match struct {
	Time       time.Time // the day at 00:00 China time
	Start, End int       // byte offsets: Text == s[Start:End]
	Text       string    // the date as written, without brackets or a time of day
	Label      string    // the label just before it (发布时间, 成文日期, …), or ""
}

// Parse returns the first date in s. Dates without a year ([01-17], 1月17日)
// take yearHint as their year; with yearHint 0 they are not dates.
func Parse(s string, yearHint int) (time.Time, bool) {
	var first candidate
	found := false
	for _, f := range forms {
		if f.needsHint && yearHint == 0 {
			continue
		}
		scan(s, f, yearHint, func(c candidate) bool {
			if !found || c.start < first.start || (c.start == first.start && c.end > first.end) {
				first, found = c, true
			}
			return false // the first of each form is enough
		})
	}
	return first.t, found
}

// Find returns every date in s, in order and not overlapping. Where two
// readings overlap the earlier wins, then the longer: 2024-01-17 is one date,
// not also a month-day 01-17. yearHint is as for Parse.
func Find(s string, yearHint int) []Match {
	var all []candidate
	for _, f := range forms {
		if f.needsHint && yearHint == 0 {
			continue
		}
		scan(s, f, yearHint, func(c candidate) bool {
			all = append(all, c)
			return true
		})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].end > all[j].end
	})
	var out []Match
	end := 0
	for _, c := range all {
		if c.start < end {
			continue
		}
		out = append(out, Match{
			Time:  c.t,
			Start: c.start,
			End:   c.end,
			Text:  s[c.start:c.end],
			Label: labelBefore(s, c.start),
		})
		end = c.end
	}
	return out
}

// scan calls yield for each date form f reads in s, left to right, until
// yield returns false. A match the form rejects is retried one character
// later, so a phone number's digits cannot hide a date that follows them.
func scan(s string, f form, yearHint int, yield func(candidate) bool) {
	for pos := 0; pos < len(s); {
		loc := f.re.FindStringSubmatchIndex(s[pos:])
		if loc == nil {
			return
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += pos
			}
		}
		if t, ok := f.read(s, loc, yearHint); ok {
			if !yield(candidate{t: t, start: loc[0], end: loc[1]}) {
				return
			}
			pos = loc[1]
			continue
		}
		_, n := utf8.DecodeRuneInString(s[loc[0]:])
		pos = loc[0] + n
	}
}
