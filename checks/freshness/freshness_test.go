package freshness

import (
	"context"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/checks/checktest"
)

var china = time.FixedZone("CST", 8*3600)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, china) }

var now = day(2025, 1, 15)

func items(dates ...time.Time) []checks.Item {
	var out []checks.Item
	for _, d := range dates {
		out = append(out, checks.Item{Title: "关于做好安全生产工作的通知", URL: "http://www.dc.gov.cn/a.html", Date: d})
	}
	return out
}

func TestContract(t *testing.T) {
	c, err := New(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	checktest.Run(t, c)
}

func TestColumns(t *testing.T) {
	list := []string{"http://www.dc.gov.cn/tzgg/"}
	tests := []struct {
		name   string
		col    checks.Column
		check  string
		title  string
		days   any
		severe checks.Severity
	}{
		{name: "notice column 213 days quiet", col: checks.Column{Name: "通知公告", Category: "notice", ListPages: list, Items: items(day(2024, 6, 16), day(2024, 5, 1))},
			check: Stale, title: "栏目“通知公告”已 213 天未更新", days: 213},
		{name: "notice column 180 days quiet is on time", col: checks.Column{Name: "通知公告", Category: "notice", ListPages: list, Items: items(day(2024, 7, 19))}},
		{name: "news column 15 days quiet", col: checks.Column{Name: "政务要闻", Category: "news", ListPages: list, Items: items(day(2024, 12, 31))},
			check: Stale, title: "栏目“政务要闻”已 15 天未更新", days: 15},
		{name: "undated items count as not updated", col: checks.Column{Name: "部门动态", Category: "news", ListPages: list, Items: items(time.Time{}, time.Time{})},
			check: Stale, title: "栏目“部门动态”的信息均无发布日期，视为未更新", days: nil},
		{name: "placeholder only", col: checks.Column{Name: "规划计划", Category: "plan", ListPages: list, Placeholder: "暂无信息"},
			check: Empty, title: "栏目“规划计划”无内容"},
		{name: "static columns are never stale", col: checks.Column{Name: "机构职能", Category: "static", ListPages: list, Items: items(day(2019, 1, 1))}},
		{name: "an unread column is neither empty nor stale", col: checks.Column{Name: "工作动态", Category: "news", Unread: "栏目列表由脚本生成，需要浏览器渲染"}},
		{name: "interpretation columns are judged by the policy checks", col: checks.Column{Name: "政策解读", Category: "interpretation", ListPages: list, Items: items(day(2020, 1, 1))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := New(DefaultConfig())
			tc.col.URL = "http://www.dc.gov.cn/tzgg/"
			var got []checks.Finding
			site := &checks.Site{ID: "dc", Now: now, Columns: []checks.Column{tc.col}}
			c.(checks.SiteCheck).CheckSite(context.Background(), site, checks.ReporterFunc(func(f checks.Finding) { got = append(got, f) }))
			if tc.check == "" {
				if len(got) != 0 {
					t.Fatalf("want nothing, got %+v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Check != tc.check || got[0].Title != tc.title {
				t.Fatalf("got %+v", got)
			}
			if tc.check == Stale && got[0].Detail["days"] != tc.days {
				t.Errorf("days %v, want %v", got[0].Detail["days"], tc.days)
			}
		})
	}
}

func TestHomepage(t *testing.T) {
	tests := []struct {
		newest   time.Time
		severity checks.Severity // "" for no finding
	}{
		{day(2025, 1, 14), ""},
		{day(2025, 1, 5), ""},                    // 10 days: on the edge of the warning
		{day(2025, 1, 4), checks.SeverityNotice}, // 11 days: early warning
		{day(2024, 12, 31), checks.SeverityVeto}, // 15 days: 首页不更新
		{time.Time{}, checks.SeverityVeto},
	}
	for _, tc := range tests {
		c, _ := New(DefaultConfig())
		home := &checks.Page{URL: "http://www.dc.gov.cn/", List: &checks.ListPage{Items: items(tc.newest)}}
		var got []checks.Finding
		c.(checks.SiteCheck).CheckSite(context.Background(), &checks.Site{Now: now, Homepage: home}, checks.ReporterFunc(func(f checks.Finding) { got = append(got, f) }))
		switch {
		case tc.severity == "" && len(got) != 0:
			t.Errorf("%s: want nothing, got %+v", tc.newest, got)
		case tc.severity != "" && (len(got) != 1 || got[0].Severity != tc.severity || got[0].Check != NotUpdated):
			t.Errorf("%s: want %s, got %+v", tc.newest, tc.severity, got)
		}
	}
}

func TestBadConfig(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxAgeDays["news"] = 0
	if _, err := New(cfg); err == nil {
		t.Fatal("a zero window must be refused")
	}
}
