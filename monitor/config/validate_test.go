package config

import (
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks/links"
)

// validConfig is a small valid config built in code.
func validConfig() Config {
	cfg := DefaultConfig()
	cfg.Units = []Unit{
		{ID: "gd-office", Name: "官渡区人民政府办公室"},
		{ID: "gd-justice", Name: "官渡区司法局"},
	}
	site := DefaultSite()
	site.ID, site.Name, site.URL, site.Unit = "gd-portal", "昆明市官渡区人民政府门户网站", "https://www.example.gov.cn/", "gd-office"
	site.ExtraHosts = []string{"xxgk.example.gov.cn"}
	site.Columns = []Column{
		{URL: "/xxgk/zcwj/", Name: "政策文件", Category: "policy", Unit: "gd-justice"},
		{URL: "https://xxgk.example.gov.cn/tzgg/", Name: "通知公告", Category: "notice"},
	}
	cfg.Sites = []Site{site}
	cfg.Accounts = []Account{{ID: "gd-wechat", Platform: "wechat", Name: "官渡发布", Unit: "gd-office"}}
	return cfg
}

// validateCases each change validConfig and give Validate's message.
var validateCases = []struct {
	name   string
	change func(c *Config)
	want   string // "" for valid
}{
	{"valid", func(*Config) {}, ""},
	{"every category", func(c *Config) {
		for _, cat := range Categories {
			c.Sites[0].Columns = append(c.Sites[0].Columns, Column{URL: "/" + cat + "/", Category: cat})
		}
	}, ""},
	{"every platform", func(c *Config) {
		for _, p := range Platforms {
			c.Accounts = append(c.Accounts, Account{ID: p, Platform: p, Name: p, Unit: "gd-office"})
		}
	}, ""},
	{"Chinese and dotted ids", func(c *Config) {
		c.Units[0].ID, c.Sites[0].Unit, c.Accounts[0].Unit = "官渡.办公室_1", "官渡.办公室_1", "官渡.办公室_1"
	}, ""},
	{"unlimited rate and depth", func(c *Config) { c.Crawl.Rate, c.Sites[0].MaxDepth = 0, 0 }, ""},
	{"port in extra host", func(c *Config) {
		c.Sites[0].ExtraHosts = []string{"xxgk.example.gov.cn:8443"}
		c.Sites[0].Columns[1].URL = "https://xxgk.example.gov.cn:8443/tzgg/"
	}, ""},
	{"extra host case", func(c *Config) { c.Sites[0].ExtraHosts = []string{"XXGK.Example.gov.cn"} }, ""},
	{"blank unit name", func(c *Config) { c.Units[1].Name = "  " }, "units[1].name: is required"},
	{"blank id", func(c *Config) { c.Accounts[0].ID = " " }, "accounts[0].id: is required"},
	{"id with slash", func(c *Config) { c.Sites[0].ID = "gd/portal" },
		`sites[0].id: "gd/portal" is not a valid id: use letters, digits, '-', '_' and '.'`},
	{"NATS wildcard in id", func(c *Config) { c.Accounts[0].ID = "gd.>" },
		`accounts[0].id: "gd.>" is not a valid id: use letters, digits, '-', '_' and '.'`},
	{"same id in different lists", func(c *Config) { c.Sites[0].ID, c.Accounts[0].ID = "gd-office", "gd-office" }, ""},
	{"rate NaN", func(c *Config) { c.Crawl.Rate = math.NaN() }, "crawl.rate: must be 0 (unlimited) or a positive number, not NaN"},
	{"rate infinite", func(c *Config) { c.Crawl.Rate = math.Inf(1) }, "crawl.rate: must be 0 (unlimited) or a positive number, not +Inf"},
	{"robots empty", func(c *Config) { c.Crawl.Robots = "" }, `crawl.robots: "" is not one of ignore, honour`},
	{"site override out of range", func(c *Config) { c.Sites[0].Crawl.Timeout = -time.Second },
		"sites[0].crawl.timeout: must be more than 0s, not -1s"},
	{"inherited problem reported once", func(c *Config) { c.Crawl.Workers, c.Sites[0].Crawl.Workers = 0, 0 },
		"crawl.workers: must be at least 1, not 0"},
	{"render empty", func(c *Config) { c.Sites[0].Render = "" }, "sites[0].render: is required: one of never, auto, always"},
	{"column render", func(c *Config) { c.Sites[0].Columns[0].Render = "headless" },
		`sites[0].columns[0].render: "headless" is not one of never, auto, always`},
	{"column on another host", func(c *Config) { c.Sites[0].ExtraHosts = nil },
		`sites[0].columns[1].url: "https://xxgk.example.gov.cn/tzgg/" is on xxgk.example.gov.cn, which is neither the site's host nor one of its extra_hosts`},
	{"column not checked when site url bad", func(c *Config) { c.Sites[0].URL = "/portal/" },
		`sites[0].url: "/portal/" is not an absolute http(s) URL`},
	{"repeated column after resolving", func(c *Config) { c.Sites[0].Columns[1].URL = "https://www.example.gov.cn/xxgk/zcwj/#top" },
		`sites[0].columns[1].url: "https://www.example.gov.cn/xxgk/zcwj/#top" is already the url of sites[0].columns[0]`},
	{"feed not http", func(c *Config) { c.Accounts[0].Feed = "file:///etc/passwd" },
		`accounts[0].feed: "file:///etc/passwd" is not an absolute http(s) URL`},
	{"webhook not absolute", func(c *Config) { c.Units[0].Notify.Webhook = "/hook" },
		`units[0].notify.webhook: "/hook" is not an absolute http(s) URL`},
	{"email with a name", func(c *Config) { c.Units[0].Notify.Email = []string{"政务公开办 <zwgk@example.gov.cn>"} }, ""},
	{"several problems in order", func(c *Config) {
		c.Accounts[0].Unit = "nobody"
		c.Units[0].Notify.Feishu = "feishu"
		c.Sites[0].MaxPages = -5
	}, `units[0].notify.feishu: "feishu" is not an absolute http(s) URL` + "\n" +
		"sites[0].max_pages: must be at least 1, not -5\n" +
		`accounts[0].unit: "nobody" is not the id of any unit`},
}

func TestValidateRules(t *testing.T) {
	for _, tc := range validateCases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := validConfig()
			tc.change(&cfg)
			if got := errString(cfg.Validate()); got != tc.want {
				t.Errorf("Validate():\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestConcurrentUse(t *testing.T) {
	cfg, err := Load("testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			l := links.DefaultConfig()
			if err := cfg.CheckConfig("links", &l); err != nil || l.PagePoints != 0.2 {
				t.Errorf("CheckConfig = %v, %+v", err, l)
			}
			if err := cfg.Validate(); err != nil {
				t.Error(err)
			}
			if err := cfg.UnknownChecks([]string{"links"}); err == nil || !strings.Contains(err.Error(), "checks.freshness") {
				t.Errorf("UnknownChecks = %v", err)
			}
		})
	}
	wg.Wait()
}
