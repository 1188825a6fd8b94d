package privacy

import (
	"regexp"
	"strings"
	"time"
)

// A match is one piece of personal data or one secret marking in a text.
type match struct {
	kind       string // a check id
	start, end int    // byte offsets of the value in the text
	value      string
}

var (
	// Digit runs bounded by non-alphanumerics: an ID inside a longer number
	// (an order number, an index number) is not an ID.
	idRe     = regexp.MustCompile(`(?:^|[^0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?:$|[^0-9A-Za-z])`)
	mobileRe = regexp.MustCompile(`(?:^|[^0-9])(1[3-9]\d{9})(?:$|[^0-9])`)
	cardRe   = regexp.MustCompile(`(?:^|[^0-9])(\d{16,19}|\d{4}(?: \d{4}){3,4}(?: \d{1,3})?)(?:$|[^0-9])`)
	secretRe = regexp.MustCompile(`(绝密|机密|秘密)\s*★\s*(?:\d+\s*年|长期|\d+\s*个月)?|内部资料[，,、\s]*注意保存|内部文件[，,、\s]*不得公开|内部资料[，,、\s]*不得外传`)
)

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
func find(text string) []match {
	var out []match
	for _, m := range idRe.FindAllStringSubmatchIndex(text, -1) {
		v := text[m[2]:m[3]]
		// A legacy 15-digit ID needs the word beside it: fifteen digits are
		// too common otherwise.
		if ValidID(v) && (len(v) == 18 || near(text, m[2], []string{"身份证", "证件号"})) {
			out = append(out, match{kind: IDNumber, start: m[2], end: m[3], value: v})
		}
	}
	for _, m := range mobileRe.FindAllStringSubmatchIndex(text, -1) {
		if v := text[m[2]:m[3]]; validMobile(v) {
			out = append(out, match{kind: Phone, start: m[2], end: m[3], value: v})
		}
	}
	for _, m := range cardRe.FindAllStringSubmatchIndex(text, -1) {
		v := text[m[2]:m[3]]
		digits := strings.ReplaceAll(v, " ", "")
		if len(digits) >= 16 && len(digits) <= 19 && Luhn(digits) && !ValidID(digits) && near(text, m[2], cardContext) {
			out = append(out, match{kind: BankCard, start: m[2], end: m[3], value: v})
		}
	}
	for _, m := range secretRe.FindAllStringIndex(text, -1) {
		out = append(out, match{kind: Secret, start: m[0], end: m[1], value: text[m[0]:m[1]]})
	}
	return out
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
