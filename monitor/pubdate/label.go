package pubdate

import (
	"strings"
	"time"
	"unicode"
)

// labels are the words that introduce a date on an article page, longest
// first so 发布时间 is not read as 时间.
var labels = []string{"发布时间", "发布日期", "成文日期", "公开日期", "印发日期", "生成日期", "时间", "日期"}

// labelRank orders labels for Labelled: publication first, then the date a
// document was written or issued, then generic words. 0 means not a label.
var labelRank = map[string]int{
	"发布时间": 1, "发布日期": 1, "公开日期": 1,
	"成文日期": 2, "印发日期": 2,
	"生成日期": 3, "时间": 3, "日期": 3,
}

// labelBefore returns the label immediately before byte i of s: the label,
// then optionally a colon (: or ：), spaces and an opening bracket. The
// generic 时间 and 日期 count only as words of their own, so 会议时间 and
// 截止日期 are not labels.
func labelBefore(s string, i int) string {
	p := strings.TrimRightFunc(s[:i], unicode.IsSpace)
	for _, open := range []string{"[", "【", "(", "（"} {
		if strings.HasSuffix(p, open) {
			p = strings.TrimRightFunc(strings.TrimSuffix(p, open), unicode.IsSpace)
			break
		}
	}
	if strings.HasSuffix(p, ":") || strings.HasSuffix(p, "：") {
		p = strings.TrimRightFunc(p[:len(p)-colonLen(p)], unicode.IsSpace)
	}
	for _, l := range labels {
		if !strings.HasSuffix(p, l) {
			continue
		}
		if l == "时间" || l == "日期" { // generic: a word of its own only
			if r, _ := before(p, len(p)-len(l)); unicode.Is(unicode.Han, r) {
				return ""
			}
		}
		return l
	}
	return ""
}

// colonLen is the byte length of the colon that ends p.
func colonLen(p string) int {
	if strings.HasSuffix(p, ":") {
		return 1
	}
	return len("：")
}

// Labelled returns the date after the best publication label in s and that
// label. 发布时间, 发布日期 and 公开日期 win over 成文日期 and 印发日期, which
// win over 生成日期 and the bare 时间 or 日期; among equals the first wins.
// Month-day dates are not read: a label's date carries its year.
func Labelled(s string) (time.Time, string, bool) {
	var best Match
	bestRank := 0
	for _, m := range Find(s, 0) {
		r := labelRank[m.Label]
		if r == 0 || (bestRank != 0 && r >= bestRank) {
			continue
		}
		best, bestRank = m, r
		if r == 1 {
			break
		}
	}
	return best.Time, best.Label, bestRank != 0
}
