package pdftext

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Layout thresholds, in ems of the larger adjacent font size.
const (
	sameLineTolerance = 0.5 // baselines closer than this share a line
	spaceGap          = 0.2 // a wider gap between Latin runs is a space (TJ -250 is a word gap)
	mixedSpaceGap     = 0.5 // the same between a CJK and a Latin character
	columnGap         = 1.5 // a wider gap is a table column: a tab
)

// line is a group of runs sharing a baseline.
type line struct {
	y    float64
	size float64
	runs []textRun
}

// layoutPage orders runs into lines, top to bottom and left to right,
// and joins them with spaces or tabs according to the gaps between them.
func layoutPage(runs []textRun, rules ruleIndex) string {
	var flat, rotated []textRun
	for _, r := range runs {
		if r.rotated {
			rotated = append(rotated, r)
		} else {
			flat = append(flat, r)
		}
	}
	// Top to bottom (PDF y grows upwards), then left to right; stable so
	// equal positions keep content-stream order.
	sort.SliceStable(flat, func(i, j int) bool {
		if flat[i].y != flat[j].y {
			return flat[i].y > flat[j].y
		}
		return flat[i].x < flat[j].x
	})
	var lines []*line
	for _, r := range flat {
		size := r.size
		if size <= 0 {
			size = 1
		}
		var cur *line
		if n := len(lines); n > 0 {
			cur = lines[n-1]
			tol := sameLineTolerance * math.Max(cur.size, size)
			if math.Abs(cur.y-r.y) > tol {
				cur = nil
			}
		}
		if cur == nil {
			cur = &line{y: r.y, size: size}
			lines = append(lines, cur)
		}
		cur.runs = append(cur.runs, r)
		cur.size = math.Max(cur.size, size)
	}
	var sb strings.Builder
	for i, l := range lines {
		if i > 0 {
			sb.WriteByte('\n')
		}
		writeLine(&sb, l.runs, rules)
	}
	for _, r := range rotated {
		if sb.Len() > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(r.text)
	}
	return sb.String()
}

func writeLine(sb *strings.Builder, runs []textRun, rules ruleIndex) {
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].x < runs[j].x })
	var prev *textRun
	for i := range runs {
		r := &runs[i]
		if prev != nil {
			// Producers that fake bold draw the same text twice, offset
			// by a fraction of a point; keep one copy.
			if r.text == prev.text && math.Abs(r.x-prev.x) < 0.2*r.size {
				continue
			}
			em := math.Max(prev.size, r.size)
			gap := r.x - prev.endX
			last, _ := utf8.DecodeLastRuneInString(sb.String())
			first, _ := utf8.DecodeRuneInString(r.text)
			switch {
			case gap >= columnGap*em:
				sb.WriteByte('\t')
			case len(rules) > 0 && rules.between(prev.endX, r.x, r.y):
				// A table's vertical rule separates the two runs.
				sb.WriteByte('\t')
			case unicode.IsSpace(last) || unicode.IsSpace(first):
			case isCJK(last) && isCJK(first):
				// Chinese has no spaces between characters, whatever the gap.
			case isCJK(last) || isCJK(first):
				// "2023年": digits next to Han are usually set tight, and
				// width rounding leaves small gaps that are not spaces.
				if gap > mixedSpaceGap*em {
					sb.WriteByte(' ')
				}
			case gap > spaceGap*em:
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(r.text)
		prev = r
	}
}

// isCJK reports characters written without spaces between them: Han,
// kana, Hangul and the full-width punctuation that goes with them.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}
