package extract

import (
	"net/url"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	f.Add(`<ul><li><a href="/a.html">关于做好工作的通知</a><span>2025-01-10</span></li></ul>`)
	f.Add(`<table><tr><td>文号</td><td>滇池政规〔2024〕3号</td></tr></table><h1>标题</h1><a href="x.pdf">附件</a>`)
	f.Add(`<base href="//x"><a href="\\a\b?q=通知">x</a><script>createPageHTML(9, 0, "index", "html")</script>`)
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := Parse("http://www.dc.gov.cn/a/index.html", src, "gb18030")
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range doc.Links {
			if !strings.HasPrefix(l.URL, "http://") && !strings.HasPrefix(l.URL, "https://") {
				t.Fatalf("link %q is not absolute http(s)", l.URL)
			}
		}
	})
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"../a.html", "/附件/通知.pdf?q=通知", `\x\y`, "//h/p", "?", "#x", "http://[::1", "//::"} {
		f.Add(s)
	}
	base, _ := url.Parse("http://www.dc.gov.cn/xxgk/index.html")
	f.Fuzz(func(t *testing.T, ref string) {
		u, err := Resolve(base, ref, "gb18030")
		if err != nil {
			return
		}
		p, err := url.Parse(u)
		if err != nil || p.Host == "" || p.Fragment != "" {
			t.Fatalf("Resolve(%q) = %q (%v)", ref, u, err)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<html><head><title>通知公告 - 滇池区人民政府</title></head><body><div class="nav"><a href="/tzgg/">通知公告</a></div><ul class="list">`)
	for i := 0; sb.Len() < 60<<10; i++ {
		sb.WriteString(`<li><a href="/tzgg/202501/t20250110_60000` + string(rune('0'+i%10)) + `.html" title="关于做好2025年春节期间安全生产工作的通知">关于做好2025年春节期间安全生产工作的通知</a><span class="date">2025-01-10</span></li>`)
	}
	sb.WriteString(`</ul><script>createPageHTML(12, 0, "index", "html")</script></body></html>`)
	src := sb.String()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("http://www.dc.gov.cn/tzgg/index.html", src, "utf-8"); err != nil {
			b.Fatal(err)
		}
	}
}
