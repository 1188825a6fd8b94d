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

func TestWindows(t *testing.T) {
	list := []string{"http://www.dc.gov.cn/xwzx/"}
	quiet := items(day(2025, 1, 5)) // 10 days
	tests := []struct {
		name  string
		site  map[string]int
		col   int
		stale bool
	}{
		{name: "national window", stale: false},
		{name: "the site's stricter window", site: map[string]int{"news": 7}, stale: true},
		{name: "the column's own window wins", site: map[string]int{"news": 7}, col: 30, stale: false},
		{name: "another category's override does not apply", site: map[string]int{"notice": 3}, stale: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := New(DefaultConfig())
			col := checks.Column{URL: list[0], Name: "部门动态", Category: "news", ListPages: list, Items: quiet, MaxAgeDays: tc.col}
			var got []checks.Finding
			site := &checks.Site{ID: "dc", Now: now, Columns: []checks.Column{col}, MaxAgeDays: tc.site}
			c.(checks.SiteCheck).CheckSite(context.Background(), site, checks.ReporterFunc(func(f checks.Finding) { got = append(got, f) }))
			if (len(got) == 1) != tc.stale {
				t.Fatalf("stale %v, got %+v", tc.stale, got)
			}
		})
	}
}

// columnsOf builds n columns of a category whose newest item is days old
// (-1: no items at all).
func columnsOf(n int, category string, days int) []checks.Column {
	var cols []checks.Column
	for i := range n {
		u := "http://www.dc.gov.cn/" + category + "/" + string(rune('a'+i)) + "/"
		col := checks.Column{URL: u, Name: category + string(rune('A'+i)), Category: category, ListPages: []string{u}}
		if days >= 0 {
			col.Items = items(now.AddDate(0, 0, -days))
		}
		cols = append(cols, col)
	}
	return cols
}

func TestVerdict(t *testing.T) {
	tests := []struct {
		name     string
		cols     []checks.Column
		severity checks.Severity // "" for no verdict
		title    string
	}{
		{name: "four stale news columns", cols: columnsOf(4, "news", 20)},
		{name: "five stale news and notice columns", cols: append(columnsOf(3, "news", 20), columnsOf(2, "notice", 200)...),
			severity: checks.SeverityVeto, title: "栏目不更新（单项否决）：5 个动态、通知公告、政策文件类栏目未按期更新"},
		{name: "stale personnel columns are not in the first class", cols: columnsOf(9, "personnel", 400)},
		{name: "ten long-stale columns", cols: append(columnsOf(9, "personnel", 400), columnsOf(1, "plan", 500)...),
			severity: checks.SeverityVeto, title: "栏目不更新（单项否决）：10 个栏目长期未更新"},
		{name: "two empty columns", cols: columnsOf(2, "notice", -1)},
		{name: "three empty columns: early warning", cols: columnsOf(3, "notice", -1),
			severity: checks.SeverityNotice, title: "预警：3 个栏目无内容（达到 5 个即单项否决）"},
		{name: "five empty columns", cols: columnsOf(5, "plan", -1),
			severity: checks.SeverityVeto, title: "栏目不更新（单项否决）：5 个栏目无内容"},
		{name: "fresh columns", cols: columnsOf(12, "news", 1)},
		{name: "both classes", cols: append(columnsOf(5, "policy", 400), columnsOf(5, "plan", 400)...),
			severity: checks.SeverityVeto, title: "栏目不更新（单项否决）：5 个动态、通知公告、政策文件类栏目未按期更新；10 个栏目长期未更新"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := New(DefaultConfig())
			var got []checks.Finding
			site := &checks.Site{ID: "dc", URL: "http://www.dc.gov.cn/", Now: now, Columns: tc.cols}
			c.(checks.SiteCheck).CheckSite(context.Background(), site, checks.ReporterFunc(func(f checks.Finding) {
				if f.Check == ColumnsNotUpdated {
					got = append(got, f)
				}
			}))
			switch {
			case tc.severity == "" && len(got) != 0:
				t.Fatalf("want no verdict, got %+v", got)
			case tc.severity != "" && (len(got) != 1 || got[0].Severity != tc.severity || got[0].Title != tc.title):
				t.Fatalf("want %s %q, got %+v", tc.severity, tc.title, got)
			}
		})
	}
}

func TestBadVerdictConfig(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Verdict.WarnEmptyColumns = 5
	if _, err := New(cfg); err == nil || err.Error() != "freshness: verdict.warn_empty_columns: 5 is not between 0 and empty_columns (5)" {
		t.Fatalf("got %v", err)
	}
}
