package pubdate

import "strings"

// chineseDigits maps the digit characters of Chinese dates to their values.
// 〇, ○ and the letter O all appear for zero in 落款 (the last two from
// typing or OCR); ASCII and full-width digits appear mixed in by OCR.
var chineseDigits = map[rune]int{
	'〇': 0, '零': 0, '○': 0, 'O': 0, 'Ｏ': 0,
	'一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

// chineseUnits are the place-value characters; 廿 (20) and 卅 (30) are
// tens with their digit built in.
var chineseUnits = map[rune]int{'十': 10, '百': 100, '千': 1000}

// chineseNumber parses a number written in Chinese numerals, either
// positionally as years are (二〇二四 = 2024) or with place values as months
// and days are (十二 = 12, 三十一 = 31, 廿一 = 21, 二千零二十四 = 2024).
func chineseNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	if strings.ContainsAny(s, "十百千廿卅") {
		return placeValue(s)
	}
	n, count := 0, 0
	for _, r := range s {
		d, ok := chineseDigit(r)
		if !ok || count == 9 {
			return 0, false
		}
		n = n*10 + d
		count++
	}
	return n, true
}

// placeValue parses a number with place-value characters: 三十一, 十二, 廿.
func placeValue(s string) (int, bool) {
	total, digit, lastUnit := 0, -1, 10000
	for i, r := range []rune(s) {
		if d, ok := chineseDigit(r); ok {
			if d == 0 { // 零 only marks a skipped place: 二千零二十四
				if digit >= 0 {
					return 0, false
				}
				continue
			}
			if digit >= 0 {
				return 0, false // two digits in a row: 二三十
			}
			digit = d
			continue
		}
		if r == '廿' || r == '卅' {
			if i != 0 {
				return 0, false
			}
			total, lastUnit = 20, 10
			if r == '卅' {
				total = 30
			}
			continue
		}
		unit, ok := chineseUnits[r]
		if !ok || unit >= lastUnit {
			return 0, false
		}
		if digit < 0 {
			if unit != 10 || i != 0 {
				return 0, false // only a leading 十 may drop its 一
			}
			digit = 1
		}
		total += digit * unit
		digit, lastUnit = -1, unit
	}
	if digit >= 0 {
		total += digit
	}
	return total, true
}

// chineseDigit returns the value of a Chinese, ASCII or full-width digit.
func chineseDigit(r rune) (int, bool) {
	if d, ok := chineseDigits[r]; ok {
		return d, true
	}
	return digitValue(r)
}
