package crawl

import (
	"net/url"
	"strings"
	"testing"
)

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"http://www.dc.gov.cn/a/../b?x=1#y", "https://A.B:443/%E9%80%9A?q=%CD%A8", "http://[::1]:80/", "http://x/;jsessionid=1?sid=2&a=3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Normalize(s)
		if err != nil {
			return
		}
		again, err := Normalize(n)
		if err != nil || again != n {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", s, n, again, err)
		}
		u, err := url.Parse(n)
		if err != nil || u.Fragment != "" || (u.Scheme != "http" && u.Scheme != "https") {
			t.Fatalf("%q normalised to %q", s, n)
		}
	})
}

func FuzzParseRobots(f *testing.F) {
	f.Add("User-agent: *\nDisallow: /xxgk/\nAllow: /xxgk/zcwj/\nSitemap: http://x/s.xml\n", "/xxgk/a")
	f.Fuzz(func(t *testing.T, text, path string) {
		r := ParseRobots(text, "govwatch")
		r.Allowed(path)
		if !strings.Contains(strings.ToLower(text), "disallow") && !r.Allowed(path) {
			t.Fatalf("no Disallow line, yet %q is disallowed", path)
		}
	})
}

func FuzzParseSitemap(f *testing.F) {
	f.Add([]byte(`<urlset><url><loc>http://x/a</loc></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>http://x/s.xml</loc></sitemap></sitemapindex>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		pages, maps, _ := ParseSitemap(b, 100)
		if len(pages) > 100 || len(maps) > 100 {
			t.Fatalf("cap exceeded: %d %d", len(pages), len(maps))
		}
	})
}
