package pubdate

import (
	"net/url"
	"regexp"
	"time"
)

// urlForm is one CMS's way of putting the publication day in a URL.
type urlForm struct {
	re      *regexp.Regexp
	y, m, d int // submatch indexes; an 8-digit yyyymmdd group sets all three
}

// urlForms lists the URL layouts, the most specific first.
var urlForms = []urlForm{
	// TRS WCM: /202401/t20240105_77829401.html (the t-date, not the month folder)
	{re: regexp.MustCompile(`(?:^|/)t(\d{8})_\d+`), y: 1, m: 1, d: 1},
	// Hanweb: /art/2020/8/26/art_1229_123.html
	{re: regexp.MustCompile(`/art/(\d{4})/(\d{1,2})/(\d{1,2})/`), y: 1, m: 2, d: 3},
	// /c/2025-04-11/6994614.shtml and other /yyyy-mm-dd/ folders
	{re: regexp.MustCompile(`/(\d{4})-(\d{1,2})-(\d{1,2})/`), y: 1, m: 2, d: 3},
	// 中国政府网: /zhengce/2024-01/17/content_123.htm
	{re: regexp.MustCompile(`/(\d{4})-(\d{2})/(\d{2})/`), y: 1, m: 2, d: 3},
	// /20240117/abc.html
	{re: regexp.MustCompile(`/(\d{8})/`), y: 1, m: 1, d: 1},
	// /2024/01/17/ and /2024/0117/
	{re: regexp.MustCompile(`/(\d{4})/(\d{1,2})/(\d{1,2})/`), y: 1, m: 2, d: 3},
	{re: regexp.MustCompile(`/(\d{4})/(\d{2})(\d{2})/`), y: 1, m: 2, d: 3},
}

// FromURL returns the publication day encoded in an article URL by common
// CMSs (TRS, Hanweb, 中国政府网 and dated folders). A month alone, as in the
// TRS folder /202401/, is not a day and gives false.
func FromURL(u string) (time.Time, bool) {
	path := u
	if p, err := url.Parse(u); err == nil && p.Path != "" {
		path = p.Path
	}
	for _, f := range urlForms {
		for _, m := range f.re.FindAllStringSubmatch(path, -1) {
			var t time.Time
			var ok bool
			if f.y == f.m {
				v := m[f.y]
				t, ok = ymd(v[:4], v[4:6], v[6:])
			} else {
				t, ok = ymd(m[f.y], m[f.m], m[f.d])
			}
			if ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}
