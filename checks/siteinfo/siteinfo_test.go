package siteinfo

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/checks/checktest"
)

const footer = "主办单位：滇池区人民政府办公室 联系电话：0871-67171373 网站标识码：5301110001\n滇ICP备05000001号 滇公网安备 53011102000001号"

func TestCheckPage(t *testing.T) {
	fullMeta := map[string]string{"SiteName": "滇池区人民政府", "SiteDomain": "www.dianchi.gov.cn", "SiteIDCode": "5301110001"}
	conac := []checks.Link{{URL: "http://bszs.conac.cn/sitename?method=show&id=1", Kind: checks.KindPage}}
	tests := []struct {
		name    string
		page    checks.Page
		missing string // "" for no identity finding
	}{
		{name: "complete", page: checks.Page{URL: "https://www.dianchi.gov.cn/", Meta: fullMeta, Text: footer, Links: conac}},
		{name: "no meta tags, no conac mark", page: checks.Page{URL: "https://www.dianchi.gov.cn/", Meta: map[string]string{}, Text: footer},
			missing: "网站标识信息不全：缺少meta SiteName、meta SiteDomain、meta SiteIDCode、党政机关网站标识"},
		{name: "footer without record numbers", page: checks.Page{URL: "https://www.dianchi.gov.cn/", Meta: fullMeta, Links: conac, Text: "主办单位：滇池区人民政府办公室"},
			missing: "网站标识信息不全：缺少网站标识码、ICP备案编号、公安机关备案号"},
		{name: "a malformed site id code", page: checks.Page{URL: "https://www.dianchi.gov.cn/", Meta: map[string]string{"SiteName": "x", "SiteDomain": "y", "SiteIDCode": "53011"}, Text: footer, Links: conac},
			missing: `网站标识信息不全：缺少meta SiteIDCode（"53011" 不是10位网站标识码）`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := New(DefaultConfig())
			tc.page.Homepage = true
			var got []checks.Finding
			c.(checks.PageCheck).CheckPage(context.Background(), &tc.page, checks.ReporterFunc(func(f checks.Finding) { got = append(got, f) }))
			if (tc.missing == "") != (len(got) == 0) || (tc.missing != "" && (got[0].Check != IdentityMissing || got[0].Title != tc.missing)) {
				t.Errorf("findings %+v, want %q", got, tc.missing)
			}
		})
	}
}

func TestCheckSite(t *testing.T) {
	yes, no := true, false
	soon := time.Now().Add(10*24*time.Hour + time.Hour)
	tests := []struct {
		name   string
		tr     *checks.Transport
		titles []string
	}{
		{name: "not probed", tr: nil},
		{name: "plain http", tr: &checks.Transport{Scheme: "http"}, titles: []string{"网站未使用HTTPS"}},
		{name: "all good", tr: &checks.Transport{Scheme: "https", CertNotAfter: time.Now().AddDate(1, 0, 0), HTTPUpgrade: &yes, IPv6: &yes}},
		{name: "expired", tr: &checks.Transport{Scheme: "https", CertProblem: checks.OutcomeTLSExpired, CertNotAfter: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)},
			titles: []string{"网站HTTPS证书已过期（2024-12-01到期）"}},
		{name: "unknown authority", tr: &checks.Transport{Scheme: "https", CertProblem: checks.OutcomeTLSUnknownCA}, titles: []string{"网站HTTPS证书不是受信任的机构签发的"}},
		{name: "wrong host", tr: &checks.Transport{Scheme: "https", CertProblem: checks.OutcomeTLSHostname}, titles: []string{"网站HTTPS证书与域名不符"}},
		{name: "expiring in 10 days", tr: &checks.Transport{Scheme: "https", CertNotAfter: soon}, titles: []string{"网站HTTPS证书将于 10 天后（" + soon.Format("2006-01-02") + "）过期"}},
		{name: "http not redirected, no IPv6", tr: &checks.Transport{Scheme: "https", CertNotAfter: time.Now().AddDate(1, 0, 0), HTTPUpgrade: &no, IPv6: &no},
			titles: []string{"以HTTP访问网站时未跳转到HTTPS", "网站域名没有IPv6地址（AAAA记录），不支持IPv6访问"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := New(DefaultConfig())
			var got []string
			site := &checks.Site{URL: "https://www.dianchi.gov.cn/", Transport: tc.tr}
			c.(checks.SiteCheck).CheckSite(context.Background(), site, checks.ReporterFunc(func(f checks.Finding) { got = append(got, f.Title) }))
			if !slices.Equal(got, tc.titles) {
				t.Errorf("got %q, want %q", got, tc.titles)
			}
		})
	}
}

func TestOnlyTheHomepage(t *testing.T) {
	c, _ := New(DefaultConfig())
	var got []checks.Finding
	c.(checks.PageCheck).CheckPage(context.Background(), &checks.Page{URL: "http://x/a.html", Meta: map[string]string{}}, checks.ReporterFunc(func(f checks.Finding) { got = append(got, f) }))
	if len(got) != 0 {
		t.Fatalf("an article page was judged: %v", got)
	}
}

func TestContract(t *testing.T) {
	c, _ := New(DefaultConfig())
	checktest.Run(t, c)
}
