package crawl

import (
	"strings"
	"unicode/utf8"
)

// notFoundPhrases are what error templates on Chinese government sites say.
var notFoundPhrases = []string{
	"页面不存在", "页面未找到", "找不到页面", "找不到该页面", "页面找不到", "无法找到该页",
	"页面已删除", "已被删除", "页面已过期", "信息不存在", "文章不存在", "内容不存在", "该信息已被删除",
	"您访问的页面", "您所访问的页面", "访问的页面不存在", "请求的页面不存在", "链接已失效",
	"404 not found", "page not found", "not found", "页面出错", "错误404", "404错误",
}

// notFoundSignature is what a host answers for a URL that cannot exist. When
// it answers 200, its template is the host's soft 404.
type notFoundSignature struct {
	Status int
	Title  string
	Length int // runes of visible text
}

// softNotFound reports whether a page that answered 200 is an error page,
// and why. probe is the host's answer to a random URL, if it answered 200.
func softNotFound(title, text string, isContent bool, probe *notFoundSignature) (bool, string) {
	lt := strings.ToLower(title)
	if !isContent && probe != nil && probe.Status == 200 && title == probe.Title && similarLength(utf8.RuneCountInString(text), probe.Length) {
		return true, "same template as the answer to a URL that cannot exist"
	}
	for _, p := range notFoundPhrases {
		if strings.Contains(lt, p) {
			return true, "title says " + p
		}
	}
	if isContent {
		return false, ""
	}
	head := strings.ToLower(firstRunes(text, 4000))
	for _, p := range notFoundPhrases {
		if strings.Contains(head, p) {
			return true, "page says " + p
		}
	}
	return false, ""
}

func similarLength(a, b int) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 40 || d*10 <= b
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
