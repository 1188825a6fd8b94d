package crawl

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTP://WWW.DC.GOV.CN:80/a/../b/./c.html#top", "http://www.dc.gov.cn/b/c.html"},
		{"https://www.dc.gov.cn:443", "https://www.dc.gov.cn/"},
		{"http://www.dc.gov.cn/a.jsp;jsessionid=ABC123?id=1", "http://www.dc.gov.cn/a.jsp?id=1"},
		{"http://www.dc.gov.cn/a?PHPSESSID=x&id=2&sid=9", "http://www.dc.gov.cn/a?id=2"},
		{"http://www.dc.gov.cn/b?z=1&a=2", "http://www.dc.gov.cn/b?z=1&a=2"},
		{"http://www.dc.gov.cn/%E9%80%9A%E7%9F%A5.pdf", "http://www.dc.gov.cn/%E9%80%9A%E7%9F%A5.pdf"},
		{"http://www.dc.gov.cn/s?q=%CD%A8%D6%AA", "http://www.dc.gov.cn/s?q=%CD%A8%D6%AA"},
		{"http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"},
	}
	for _, tc := range tests {
		got, err := Normalize(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"mailto:a@b.cn", "javascript:void(0)", "/relative", "http://"} {
		if _, err := Normalize(bad); err == nil {
			t.Errorf("Normalize(%q) accepted", bad)
		}
	}
}

func TestScope(t *testing.T) {
	s, err := NewScope("http://www.dc.gov.cn/", []string{"xxgk.dc.gov.cn"})
	if err != nil {
		t.Fatal(err)
	}
	for u, want := range map[string]bool{
		"http://www.dc.gov.cn/a":   true,
		"https://dc.gov.cn/":       true,
		"http://xxgk.dc.gov.cn/b":  true,
		"http://www.km.gov.cn/":    false,
		"http://www.dc.gov.cn:81/": false,
	} {
		if got := s.Internal(u); got != want {
			t.Errorf("Internal(%s) = %v", u, got)
		}
	}
}

func TestTrapGuard(t *testing.T) {
	g := newTrapGuard(DefaultTrapLimits())
	allowed := 0
	for d := range 400 {
		u := "http://www.dc.gov.cn/hdjl/rl/?date=2024-" + twoDigits(d/28%12+1) + "-" + twoDigits(d%28+1)
		if ok, _ := g.allow(u); ok {
			allowed++
		}
	}
	if allowed > DefaultTrapLimits().MaxDateVariants {
		t.Fatalf("calendar: %d dates allowed", allowed)
	}
	if ok, why := g.allow("http://www.dc.gov.cn/a/b/a/b/a/b/a/b/x.html"); ok {
		t.Fatal("repeating path allowed")
	} else if why == "" {
		t.Fatal("no reason given")
	}
	for p := range 30 {
		if ok, _ := g.allow("http://www.dc.gov.cn/list.jsp?page=" + twoDigits(p)); !ok {
			t.Fatalf("ordinary pagination blocked at page %d", p)
		}
	}
}

func twoDigits(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

func TestRobots(t *testing.T) {
	r := ParseRobots("User-agent: *\nDisallow: /xxgk/\nAllow: /xxgk/zcwj/\n\nUser-agent: Baiduspider\nDisallow: /\nSitemap: http://www.dc.gov.cn/sitemap.xml\n", "govwatch")
	for p, want := range map[string]bool{"/": true, "/xxgk/a.html": false, "/xxgk/zcwj/1.html": true} {
		if got := r.Allowed(p); got != want {
			t.Errorf("Allowed(%s) = %v", p, got)
		}
	}
	if len(r.Sitemaps) != 1 {
		t.Fatalf("sitemaps %v", r.Sitemaps)
	}
	mine := ParseRobots("User-agent: govwatch\nDisallow: /private\nUser-agent: *\nDisallow: /\n", "govwatch")
	if !mine.Allowed("/a") || mine.Allowed("/private/x") {
		t.Fatal("the group for our agent must win over *")
	}
}

func TestParseSitemap(t *testing.T) {
	pages, maps, err := ParseSitemap([]byte(`<?xml version="1.0" encoding="GBK"?><urlset><url><loc> http://www.dc.gov.cn/a.html </loc></url><url><loc>http://www.dc.gov.cn/b.html</loc></url></urlset>`), 10)
	if err != nil || len(pages) != 2 || pages[0] != "http://www.dc.gov.cn/a.html" || len(maps) != 0 {
		t.Fatalf("%v %v %v", pages, maps, err)
	}
	_, maps, _ = ParseSitemap([]byte(`<sitemapindex><sitemap><loc>http://www.dc.gov.cn/s1.xml</loc></sitemap></sitemapindex>`), 10)
	if len(maps) != 1 {
		t.Fatalf("index: %v", maps)
	}
}

func TestCategorize(t *testing.T) {
	for name, want := range map[string]string{
		"政务要闻": "news", "部门动态": "news", "通知公告": "notice", "政策文件": "policy", "规范性文件": "policy",
		"政策解读": "interpretation", "人事信息": "personnel", "规划计划": "plan", "领导信箱": "interaction",
		"机构职能": "static", "政府信息公开年报": "annual", "专题专栏": "",
	} {
		if got := Categorize(name); got != want {
			t.Errorf("Categorize(%s) = %q, want %q", name, got, want)
		}
	}
}
