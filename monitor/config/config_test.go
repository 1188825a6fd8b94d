package config

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadGood(t *testing.T) {
	cfg, err := Load("testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	top := DefaultCrawl()
	top.Timeout = 20 * time.Second
	top.Rate = 2.5
	top.MaxHTMLBytes = 5 * MiB
	top.Robots = RobotsHonour
	if cfg.Crawl != top {
		t.Errorf("crawl:\n got %+v\nwant %+v", cfg.Crawl, top)
	}
	wantUnits := []Unit{
		{ID: "gd-office", Name: "官渡区人民政府办公室", Notify: Notify{
			WeCom: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=00000000-0000-0000-0000-000000000000",
			Email: []string{"zwgk@example.gov.cn", "值班室 <zbs@example.gov.cn>"},
		}},
		{ID: "gd-justice", Name: "官渡区司法局", Notify: Notify{DingTalk: "https://oapi.dingtalk.com/robot/send?access_token=abc"}},
		{ID: "gd-education", Name: "官渡区教育体育局", Notify: Notify{
			Feishu: "https://open.feishu.cn/open-apis/bot/v2/hook/xyz", Webhook: "http://127.0.0.1:9000/hook",
		}},
	}
	if !reflect.DeepEqual(cfg.Units, wantUnits) {
		t.Errorf("units:\n got %+v\nwant %+v", cfg.Units, wantUnits)
	}
	portal, edu := top, top
	portal.PerHost = 2
	portal.MaxAttachmentBytes = 50_000_000
	edu.CheckExternal = false
	edu.Timeout = 10 * time.Second
	wantSites := []Site{{
		ID: "gd-portal", Name: "昆明市官渡区人民政府门户网站", URL: "https://www.example.gov.cn/", Unit: "gd-office",
		Render: "auto", MaxPages: 20000, ExtraHosts: []string{"xxgk.example.gov.cn"},
		Columns: []Column{
			{URL: "https://www.example.gov.cn/xxgk/zcwj/", Name: "政策文件", Category: "policy", Unit: "gd-justice", Render: "auto"},
			{URL: "https://www.example.gov.cn/zcjd/", Name: "政策解读", Category: "interpretation", Unit: "gd-office", Render: "auto"},
			{URL: "https://xxgk.example.gov.cn/tzgg/", Name: "通知公告", Category: "notice", Unit: "gd-office", Render: "always"},
			{URL: "https://www.example.gov.cn/ndbg/", Name: "政府信息公开工作年度报告", Category: "annual", Unit: "gd-office", Render: "auto"},
		},
		Crawl: portal,
	}, {
		ID: "gd-edu", Name: "官渡区教育体育局网站", URL: "http://jtj.example.gov.cn/index.html", Unit: "gd-education",
		Render: "never", MaxPages: 50000, MaxDepth: 6, Crawl: edu,
	}}
	if !reflect.DeepEqual(cfg.Sites, wantSites) {
		t.Errorf("sites:\n got %+v\nwant %+v", cfg.Sites, wantSites)
	}
	wantAccounts := []Account{
		{ID: "gd-wechat", Platform: "wechat", Name: "官渡发布", Unit: "gd-office", Feed: "https://rss.example.cn/gd.xml"},
		{ID: "gd-weibo", Platform: "weibo", Name: "官渡微博", Unit: "gd-office"},
	}
	if !reflect.DeepEqual(cfg.Accounts, wantAccounts) {
		t.Errorf("accounts:\n got %+v\nwant %+v", cfg.Accounts, wantAccounts)
	}
	if got, want := cfg.CheckNames(), []string{"links", "freshness"}; !reflect.DeepEqual(got, want) {
		t.Errorf("CheckNames() = %v, want %v", got, want)
	}
}

const minimal = `
units: [{ id: gd-office, name: 官渡区人民政府办公室 }]
sites: [{ id: gd-portal, url: "https://www.example.gov.cn/", unit: gd-office }]
`

func TestDefaults(t *testing.T) {
	want := Crawl{
		Timeout: 15 * time.Second, ConnectTimeout: 5 * time.Second, PerHost: 4, Rate: 10, Retries: 2,
		MaxRedirects: 10, MaxHTMLBytes: 10 << 20, MaxAttachmentBytes: 100 << 20, CheckExternal: true,
		Robots: "ignore", UserAgent: "govwatch/1.0 (+https://github.com/govwatch/govwatch; government website inspection)",
		MaxReferrers: 100, Workers: 8,
	}
	if DefaultCrawl() != want {
		t.Errorf("DefaultCrawl() = %+v, want %+v", DefaultCrawl(), want)
	}
	def := DefaultConfig()
	if err := def.Validate(); err != nil {
		t.Errorf("DefaultConfig().Validate() = %v", err)
	}
	cfg, err := Parse("portal.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Sites[0]
	if cfg.Crawl != want || s.Crawl != want {
		t.Errorf("crawl = %+v, site crawl = %+v, want defaults", cfg.Crawl, s.Crawl)
	}
	if s.Render != "auto" || s.MaxPages != 50000 || s.MaxDepth != 0 || s.Name != "www.example.gov.cn" {
		t.Errorf("site = %+v, want render auto, 50000 pages, depth 0, name from host", s)
	}
}

func TestEmptyConfigs(t *testing.T) {
	for _, tc := range []struct{ name, data string }{
		{"empty", ""}, {"comment", "# 暂无\n"}, {"document marker", "---\n"}, {"null", "~\n"},
		{"empty lists", "units: []\nsites: []\naccounts: []\nchecks: {}\ncrawl:\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Parse("empty.yaml", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Crawl != DefaultCrawl() || len(cfg.Sites) != 0 {
				t.Errorf("got %+v, want the default config", cfg)
			}
		})
	}
}

func TestSiteCrawlOverride(t *testing.T) {
	tests := []struct {
		name      string
		top, site string // YAML mappings
		want      func(*Crawl)
	}{
		{"nothing set", "{}", "{}", func(*Crawl) {}},
		{"site only", "{}", "{ per_host: 1 }", func(c *Crawl) { c.PerHost = 1 }},
		{"top only", "{ rate: 0.5 }", "{}", func(c *Crawl) { c.Rate = 0.5 }},
		{"key by key", "{ rate: 0.5, retries: 5 }", "{ retries: 0, workers: 2 }",
			func(c *Crawl) { c.Rate, c.Retries, c.Workers = 0.5, 0, 2 }},
		{"site wins", "{ timeout: 30s, robots: honour }", "{ timeout: 5s, robots: ignore }",
			func(c *Crawl) { c.Timeout, c.Robots = 5*time.Second, RobotsIgnore }},
		{"false overrides true", "{}", "{ check_external: false }", func(c *Crawl) { c.CheckExternal = false }},
		{"null keeps inherited", "{ per_host: 2 }", "{ per_host: ~ }", func(c *Crawl) { c.PerHost = 2 }},
		{"sizes", "{ max_html_bytes: 1MiB }", "{ max_attachment_bytes: 512KiB }",
			func(c *Crawl) { c.MaxHTMLBytes, c.MaxAttachmentBytes = MiB, 512*KiB }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// crawl: written after sites: must still apply to them.
			data := "units: [{ id: u, name: 单位 }]\n" +
				"sites: [{ id: s, url: \"https://www.example.gov.cn/\", unit: u, crawl: " + tc.site + " }]\n" +
				"crawl: " + tc.top + "\n"
			cfg, err := Parse("portal.yaml", []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			top, err := Parse("top.yaml", []byte("crawl: "+tc.top))
			if err != nil {
				t.Fatal(err)
			}
			want := top.Crawl
			tc.want(&want)
			if got := cfg.Sites[0].Crawl; got != want {
				t.Errorf("site crawl:\n got %+v\nwant %+v", got, want)
			}
			if cfg.Crawl != top.Crawl {
				t.Errorf("top crawl changed by the site's: %+v", cfg.Crawl)
			}
		})
	}
}

func TestColumnURLs(t *testing.T) {
	tests := []struct {
		name, site, column, want string
	}{
		{"absolute path", "https://www.example.gov.cn/", "/xxgk/zcwj/", "https://www.example.gov.cn/xxgk/zcwj/"},
		{"relative to a page", "https://www.example.gov.cn/gd/index.html", "zcjd/", "https://www.example.gov.cn/gd/zcjd/"},
		{"dot-dot", "https://www.example.gov.cn/gd/index.html", "../tzgg/", "https://www.example.gov.cn/tzgg/"},
		{"absolute", "https://www.example.gov.cn/", "https://www.example.gov.cn/zwdt/", "https://www.example.gov.cn/zwdt/"},
		{"scheme-relative on an extra host", "https://www.example.gov.cn/", "//xxgk.example.gov.cn/zcwj/", "https://xxgk.example.gov.cn/zcwj/"},
		{"fragment dropped", "http://www.example.gov.cn/", "/hdjl/#list", "http://www.example.gov.cn/hdjl/"},
		{"query kept", "http://www.example.gov.cn/", "/col.jsp?id=12", "http://www.example.gov.cn/col.jsp?id=12"},
		{"host case", "https://WWW.Example.gov.cn/", "/xxgk/", "https://WWW.Example.gov.cn/xxgk/"},
		{"port", "http://127.0.0.1:8080/", "/zwgk/", "http://127.0.0.1:8080/zwgk/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := "units: [{ id: u, name: 单位 }]\nsites:\n  - id: s\n    unit: u\n" +
				"    extra_hosts: [XXGK.example.gov.cn]\n    url: \"" + tc.site + "\"\n" +
				"    columns: [{ url: \"" + tc.column + "\" }]\n"
			cfg, err := Parse("portal.yaml", []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			if got := cfg.Sites[0].Columns[0].URL; got != tc.want {
				t.Errorf("column url = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestForURL(t *testing.T) {
	tests := []struct {
		name, url, id, host string
	}{
		{"portal", "https://www.example.gov.cn/", "www.example.gov.cn", "www.example.gov.cn"},
		{"no path", "http://www.example.gov.cn", "www.example.gov.cn", "www.example.gov.cn"},
		{"upper case host", "https://WWW.EXAMPLE.GOV.CN/index.html", "www.example.gov.cn", "www.example.gov.cn"},
		{"loopback port", "http://127.0.0.1:38123/", "127.0.0.1", "127.0.0.1"},
		{"IPv6", "http://[::1]:8080/", "--1", "::1"},
		{"Chinese domain", "http://官渡.政务/", "官渡.政务", "官渡.政务"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := ForURL(tc.url)
			if err != nil {
				t.Fatal(err)
			}
			want := DefaultSite()
			want.ID, want.Name, want.URL, want.Unit = tc.id, tc.host, tc.url, "default"
			if len(cfg.Sites) != 1 || !reflect.DeepEqual(cfg.Sites[0], want) {
				t.Errorf("sites = %+v, want [%+v]", cfg.Sites, want)
			}
			if wantUnits := []Unit{{ID: "default", Name: tc.host}}; !reflect.DeepEqual(cfg.Units, wantUnits) {
				t.Errorf("units = %+v, want %+v", cfg.Units, wantUnits)
			}
			if cfg.Crawl != DefaultCrawl() || len(cfg.Accounts) != 0 {
				t.Errorf("want default crawl and no accounts, got %+v", cfg)
			}
		})
	}
}

func TestForURLBad(t *testing.T) {
	for _, raw := range []string{"", "www.example.gov.cn", "/xxgk/", "ftp://example.gov.cn/", "https://", "http://[::1/", "mailto:a@b.cn"} {
		t.Run(raw, func(t *testing.T) {
			cfg, err := ForURL(raw)
			want := `url "` + raw + `": not an absolute http(s) URL such as https://www.example.gov.cn/`
			if err == nil || err.Error() != want || cfg != nil {
				t.Errorf("ForURL(%q) = %v, %v; want error %s", raw, cfg, err, want)
			}
		})
	}
}

func TestValidateInCode(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Units = []Unit{{ID: "gd-office", Name: "官渡区人民政府办公室"}}
	site := DefaultSite()
	site.ID, site.URL, site.Unit = "gd-portal", "https://www.example.gov.cn/", "gd-office"
	site.Columns = []Column{{URL: "/xxgk/", Category: "polcy"}}
	cfg.Sites = []Site{site}
	cfg.Crawl.Workers = 0
	want := strings.Join([]string{
		"crawl.workers: must be at least 1, not 0",
		`sites[0].columns[0].category: "polcy" is not one of ` + categoriesList,
	}, "\n")
	if err := cfg.Validate(); err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want:\n%s", err, want)
	}
}

func TestValidateAfterParseKeepsLines(t *testing.T) {
	cfg, err := Parse("portal.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Sites[0].Unit = "gd-justice"
	want := `portal.yaml:3: sites[0].unit: "gd-justice" is not the id of any unit`
	if err := cfg.Validate(); err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want %s", err, want)
	}
}

func TestLookups(t *testing.T) {
	cfg, err := Load("testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if u := cfg.Unit("gd-justice"); u == nil || u.Name != "官渡区司法局" {
		t.Errorf("Unit(gd-justice) = %+v", u)
	}
	if s := cfg.Site("gd-edu"); s == nil || s.Unit != "gd-education" {
		t.Errorf("Site(gd-edu) = %+v", s)
	}
	if a := cfg.Account("gd-weibo"); a == nil || a.Platform != "weibo" {
		t.Errorf("Account(gd-weibo) = %+v", a)
	}
	if cfg.Unit("nobody") != nil || cfg.Site("nowhere") != nil || cfg.Account("none") != nil {
		t.Errorf("lookups of unknown ids returned something")
	}
}
