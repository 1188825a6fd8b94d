package links

import (
	"context"
	"testing"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/checks/checktest"
)

func TestContract(t *testing.T) {
	c, err := New(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	checktest.Run(t, c)
}

func TestCheckSite(t *testing.T) {
	home := "http://www.dc.gov.cn/"
	ref := func(page, text string) checks.Referrer {
		return checks.Referrer{Page: page, Text: text, Kind: checks.KindPage}
	}
	tests := []struct {
		name      string
		cfg       func(*Config)
		link      checks.LinkStatus
		wantCheck string // "" for no finding
		wantTitle string
		wantURL   string
		points    float64
	}{
		{
			name:      "404 on an article",
			link:      checks.LinkStatus{Target: home + "a.html", Kind: checks.KindPage, Outcome: checks.OutcomeHTTPError, Status: 404, Referrers: []checks.Referrer{ref(home+"x.html", "关于印发通知")}, RefCount: 1},
			wantCheck: Broken, wantTitle: "链接“关于印发通知”无法访问（HTTP 404）", wantURL: home + "x.html", points: 0.1,
		},
		{
			name: "broken image on the homepage costs a point and names the homepage",
			link: checks.LinkStatus{Target: home + "a.jpg", Kind: checks.KindImage, Outcome: checks.OutcomeHTTPError, Status: 404,
				Referrers: []checks.Referrer{ref(home+"b.html", "图"), ref(home, "图")}, RefCount: 2},
			wantCheck: Broken, wantTitle: "图片“图”无法访问（HTTP 404）", wantURL: home, points: 1,
		},
		{
			name:      "external DNS failure",
			link:      checks.LinkStatus{Target: "http://old.invalid/", Kind: checks.KindPage, External: true, Outcome: checks.OutcomeDNS, Referrers: []checks.Referrer{ref(home+"y.html", "旧网站")}, RefCount: 1},
			wantCheck: Broken, wantTitle: "外部链接“旧网站”无法访问（域名无法解析）", wantURL: home + "y.html", points: 0.1,
		},
		{
			name:      "soft 404",
			link:      checks.LinkStatus{Target: home + "gone.html", Kind: checks.KindPage, Outcome: checks.OutcomeSoft404, Status: 200, Referrers: []checks.Referrer{ref(home+"z.html", "旧文")}, RefCount: 1},
			wantCheck: Soft404, wantTitle: "链接“旧文”指向的页面显示不存在（软404）", wantURL: home + "z.html", points: 0.1,
		},
		{
			name: "soft 404 switched off",
			cfg:  func(c *Config) { c.Soft404 = false },
			link: checks.LinkStatus{Target: home + "gone.html", Outcome: checks.OutcomeSoft404, Referrers: []checks.Referrer{ref(home, "旧文")}},
		},
		{
			name: "blocked by a firewall is not broken",
			link: checks.LinkStatus{Target: "http://waf.example/", Outcome: checks.OutcomeBlocked, Status: 403, Referrers: []checks.Referrer{ref(home, "x")}},
		},
		{
			name: "ignored prefix",
			cfg:  func(c *Config) { c.Ignore = []string{"http://intranet."} },
			link: checks.LinkStatus{Target: "http://intranet.gov/x", Outcome: checks.OutcomeDNS, Referrers: []checks.Referrer{ref(home, "x")}},
		},
		{
			name: "a target nobody links to (seeded from a sitemap) is not a link finding",
			link: checks.LinkStatus{Target: home + "q.html", Outcome: checks.OutcomeHTTPError, Status: 404},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			var got []checks.Finding
			site := &checks.Site{ID: "dc", URL: home, Homepage: &checks.Page{URL: home}, Links: []checks.LinkStatus{tc.link}}
			err = c.(checks.SiteCheck).CheckSite(context.Background(), site, checks.ReporterFunc(func(f checks.Finding) { got = append(got, f) }))
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantCheck == "" {
				if len(got) != 0 {
					t.Fatalf("want no finding, got %+v", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one finding, got %d", len(got))
			}
			f := got[0]
			if f.Check != tc.wantCheck || f.Title != tc.wantTitle || f.URL != tc.wantURL || f.Target != tc.link.Target {
				t.Errorf("got %s %q url=%s target=%s", f.Check, f.Title, f.URL, f.Target)
			}
			if f.Detail["points"] != tc.points {
				t.Errorf("points = %v, want %v", f.Detail["points"], tc.points)
			}
			if f.ID != checks.FindingID(tc.wantCheck, "dc", "", tc.link.Target, "") {
				t.Errorf("id %s does not fingerprint the target alone", f.ID)
			}
		})
	}
}

func TestUnreachableHomepage(t *testing.T) {
	c, _ := New(DefaultConfig())
	home := "http://www.dc.gov.cn/"
	site := &checks.Site{ID: "dc", URL: home, Links: []checks.LinkStatus{{Target: home, Outcome: checks.OutcomeRefused}}}
	var got []checks.Finding
	c.(checks.SiteCheck).CheckSite(context.Background(), site, checks.ReporterFunc(func(f checks.Finding) { got = append(got, f) }))
	if len(got) != 1 || got[0].Check != Unreachable || got[0].Title != "首页无法访问（连接被拒绝），本次未能检查网站" {
		t.Fatalf("got %+v", got)
	}
}
