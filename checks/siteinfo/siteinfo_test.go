package siteinfo

import (
	"context"
	"testing"

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
		tls     bool
	}{
		{name: "complete over https", page: checks.Page{URL: "https://www.dianchi.gov.cn/", Meta: fullMeta, Text: footer, Links: conac}},
		{name: "complete over http", page: checks.Page{URL: "http://www.dianchi.gov.cn/", Meta: fullMeta, Text: footer, Links: conac}, tls: true},
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
			var identity, tls []checks.Finding
			for _, f := range got {
				if f.Check == IdentityMissing {
					identity = append(identity, f)
				} else {
					tls = append(tls, f)
				}
			}
			if (tc.missing == "") != (len(identity) == 0) || (tc.missing != "" && identity[0].Title != tc.missing) {
				t.Errorf("identity findings %+v, want %q", identity, tc.missing)
			}
			if tc.tls != (len(tls) == 1) {
				t.Errorf("tls findings %+v", tls)
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
