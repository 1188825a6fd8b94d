package privacy

import (
	"regexp"
	"sort"
	"strings"
	"time"
)

// A match is one piece of personal data or one secret marking in a text.
type match struct {
	kind       string // a check id
	start, end int    // byte offsets of the value in the text
	value      string
}

// secretRe is only run on texts that hold ★ or 内部: most pages hold neither.
var secretRe = regexp.MustCompile(`(绝密|机密|秘密)\s*★\s*(?:\d+\s*年|长期|\d+\s*个月)?|内部资料[，,、\s]*注意保存|内部文件[，,、\s]*不得公开|内部资料[，,、\s]*不得外传`)

// provinces are the first two digits of real administrative-division codes.
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true, "21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true, "41": true,
	"42": true, "43": true, "44": true, "45": true, "46": true, "50": true, "51": true, "52": true,
	"53": true, "54": true, "61": true, "62": true, "63": true, "64": true, "65": true, "71": true,
	"81": true, "82": true, "83": true,
}

// ValidID reports whether s is a resident ID number (GB 11643-1999): a real
// province, a real birth date and, for 18 characters, the ISO 7064 MOD 11-2
// check character.
func ValidID(s string) bool {
	if !provinces[s[:2]] {
		return false
	}
	switch len(s) {
	case 18:
		return validBirth(s[6:14]) && checkChar(s[:17]) == strings.ToUpper(s[17:])
	case 15:
		return validBirth("19" + s[6:12])
	}
	return false
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

func checkChar(s string) string {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * idWeights[i]
	}
	return string("10X98765432"[sum%11])
}

func validBirth(yyyymmdd string) bool {
	t, err := time.Parse("20060102", yyyymmdd)
	return err == nil && t.Year() >= 1800 && t.Year() <= 2100
}

// mobileSegments are the second and third digits of published mobile
// number segments (13x, 145/147/149, 15[0-35-9], 16[2567], 17x, 18x, 19[0-35-9]).
func validMobile(s string) bool {
	switch s[1] {
	case '3', '7', '8':
		return true
	case '4':
		return strings.ContainsRune("579", rune(s[2]))
	case '5', '9':
		return s[2] != '4'
	case '6':
		return strings.ContainsRune("2567", rune(s[2]))
	}
	return false
}

// Luhn reports whether a digit string passes the Luhn check.
func Luhn(digits string) bool {
	sum, double := 0, false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return len(digits) > 0 && sum%10 == 0
}

// cardContext are words that say a number nearby is a bank account.
var cardContext = []string{"卡号", "账号", "帐号", "银行", "开户", "银行卡", "收款"}

// find lists every ID, mobile number, bank card and secret marking in text.
// Numbers are found by one pass over the bytes, not by regexps: each run of
// ASCII digits (an ID may end in X) is judged with its boundaries, so that
// the second of 13912345678、13987654321 is not missed, and a run of four
// digits may open a card number written in groups (6222 0000 0000 0000 000).
func find(text string) []match {
	var out []match
	spacedEnd := 0
	for i := 0; i < len(text); {
		if !digitAt(text, i) {
			i++
			continue
		}
		j := i
		for j < len(text) && digitAt(text, j) {
			j++
		}
		end := j
		if end < len(text) && (text[end] == 'X' || text[end] == 'x') {
			end++
		}
		if m, ok := classify(text, i, end); ok {
			out = append(out, m)
		}
		if j-i == 4 && i >= spacedEnd {
			if to, ok := groupedCard(text, i); ok {
				out = append(out, match{kind: BankCard, start: i, end: to, value: text[i:to]})
				spacedEnd = to
			}
		}
		i = end
	}
	if strings.Contains(text, "★") || strings.Contains(text, "内部") {
		for _, m := range secretRe.FindAllStringIndex(text, -1) {
			out = append(out, match{kind: Secret, start: m[0], end: m[1], value: text[m[0]:m[1]]})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	}
	return out
}

// groupedCard reads a card number written in groups of four from the run of
// four digits at start: three or four more groups and an optional tail of
// up to three digits, standing alone, passing Luhn, beside a bank word.
func groupedCard(text string, start int) (int, bool) {
	if digitAt(text, start-1) {
		return 0, false
	}
	pos, groups := start+4, 0
	for groups < 4 && pos+5 <= len(text) && text[pos] == ' ' && allDigits(text[pos+1:pos+5]) {
		pos += 5
		groups++
	}
	if groups < 3 {
		return 0, false
	}
	if pos+1 < len(text) && text[pos] == ' ' && digitAt(text, pos+1) {
		k := pos + 1
		for k < len(text) && k < pos+4 && digitAt(text, k) {
			k++
		}
		pos = k
	}
	if digitAt(text, pos) || !Luhn(strings.ReplaceAll(text[start:pos], " ", "")) || !near(text, start, cardContext) {
		return 0, false
	}
	return pos, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// classify reads one run of digits as an ID, a mobile number or a card.
func classify(text string, start, end int) (match, bool) {
	v := text[start:end]
	letterBeside := letterAt(text, start-1) || letterAt(text, end)
	switch n := len(v); {
	case (n == 18 || n == 15) && !letterBeside && ValidID(v):
		// A legacy 15-digit ID needs the word beside it: fifteen digits are
		// too common otherwise.
		if n == 18 || near(text, start, []string{"身份证", "证件号"}) {
			return match{kind: IDNumber, start: start, end: end, value: v}, true
		}
	case n == 11 && v[0] == '1' && validMobile(v):
		return match{kind: Phone, start: start, end: end, value: v}, true
	}
	if n := len(v); n >= 16 && n <= 19 && !strings.ContainsAny(v, "Xx") && Luhn(v) && near(text, start, cardContext) {
		return match{kind: BankCard, start: start, end: end, value: v}, true
	}
	return match{}, false
}

func digitAt(text string, i int) bool {
	return i >= 0 && i < len(text) && text[i] >= '0' && text[i] <= '9'
}

func letterAt(text string, i int) bool {
	return i >= 0 && i < len(text) && (text[i] >= 'a' && text[i] <= 'z' || text[i] >= 'A' && text[i] <= 'Z')
}

// near reports whether one of words stands in the 40 bytes before at.
func near(text string, at int, words []string) bool {
	from := max(0, at-40)
	before := text[from:at]
	for _, w := range words {
		if strings.Contains(before, w) {
			return true
		}
	}
	return false
}
