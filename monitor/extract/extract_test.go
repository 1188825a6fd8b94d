package extract

import (
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/pubdate"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, pubdate.China) }

func parseFile(t *testing.T, name, pageURL string) *Document {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(pageURL, string(b), "utf-8")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestResolve(t *testing.T) {
	base, _ := url.Parse("http://www.dc.gov.cn/xxgk/zcwj/index.html")
	tests := []struct {
		ref, enc, want string
		bad            bool
	}{
		{ref: "202412/t20241220_523456.html", enc: "utf-8", want: "http://www.dc.gov.cn/xxgk/zcwj/202412/t20241220_523456.html"},
		{ref: "../../tzgg/", enc: "utf-8", want: "http://www.dc.gov.cn/tzgg/"},
		{ref: "  ./P0201.pdf#page=2 ", enc: "utf-8", want: "http://www.dc.gov.cn/xxgk/zcwj/P0201.pdf"},
		{ref: `\xxgk\a.html`, enc: "utf-8", want: "http://www.dc.gov.cn/xxgk/a.html"},
		{ref: "//www.gov.cn/", enc: "utf-8", want: "http://www.gov.cn/"},
		{ref: "/附件/通知.pdf", enc: "gb18030", want: "http://www.dc.gov.cn/%E9%99%84%E4%BB%B6/%E9%80%9A%E7%9F%A5.pdf"},
		{ref: "/search?q=通知&p=1", enc: "gb18030", want: "http://www.dc.gov.cn/search?q=%CD%A8%D6%AA&p=1"},
		{ref: "/search?q=通知", enc: "utf-8", want: "http://www.dc.gov.cn/search?q=%E9%80%9A%E7%9F%A5"},
		{ref: "/s?q=%CD%A8", enc: "gb18030", want: "http://www.dc.gov.cn/s?q=%CD%A8"},
		{ref: "a b.html", enc: "utf-8", want: "http://www.dc.gov.cn/xxgk/zcwj/a%20b.html"},
		{ref: "mailto:xxgk@dc.gov.cn", bad: true},
		{ref: "javascript:void(0)", bad: true},
		{ref: "#top", bad: true},
		{ref: "", bad: true},
	}
	for _, tc := range tests {
		got, err := Resolve(base, tc.ref, tc.enc)
		if tc.bad {
			if err == nil {
				t.Errorf("Resolve(%q) = %q, want an error", tc.ref, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Resolve(%q, %s) = %q, %v; want %q", tc.ref, tc.enc, got, err, tc.want)
		}
	}
}

func TestLinks(t *testing.T) {
	src := `<html><head><link rel="stylesheet" href="/css/a.css"><link rel="shortcut icon" href="/favicon.ico">
	<script src="/js/a.js"></script><base href="http://www.dc.gov.cn/xxgk/"></head><body>
	<a href="zcwj/">  政策
	  文件 </a><a href="P1.pdf">实施方案.pdf</a><a href="x.html"><img src="/img/a.png" alt="党政机关"></a>
	<img src="data:image/png;base64,AA" data-src="/img/lazy.png"><iframe src="/frame.html" title="地图"></iframe>
	<area href="/map.html"><a href="tel:0871">电话</a></body></html>`
	doc, err := Parse("http://www.dc.gov.cn/index.html", src, "utf-8")
	if err != nil {
		t.Fatal(err)
	}
	want := []checks.Link{
		{URL: "http://www.dc.gov.cn/css/a.css", Kind: checks.KindStylesheet, Tag: "link"},
		{URL: "http://www.dc.gov.cn/favicon.ico", Kind: checks.KindImage, Tag: "link"},
		{URL: "http://www.dc.gov.cn/js/a.js", Kind: checks.KindScript, Tag: "script"},
		{URL: "http://www.dc.gov.cn/xxgk/zcwj/", Text: "政策 文件", Kind: checks.KindPage, Tag: "a"},
		{URL: "http://www.dc.gov.cn/xxgk/P1.pdf", Text: "实施方案.pdf", Kind: checks.KindAttachment, Tag: "a"},
		{URL: "http://www.dc.gov.cn/xxgk/x.html", Text: "党政机关", Kind: checks.KindPage, Tag: "a"},
		{URL: "http://www.dc.gov.cn/img/a.png", Text: "党政机关", Kind: checks.KindImage, Tag: "img"},
		{URL: "http://www.dc.gov.cn/img/lazy.png", Kind: checks.KindImage, Tag: "img"},
		{URL: "http://www.dc.gov.cn/frame.html", Text: "地图", Kind: checks.KindFrame, Tag: "iframe"},
		{URL: "http://www.dc.gov.cn/map.html", Kind: checks.KindPage, Tag: "area"},
	}
	if len(doc.Links) != len(want) {
		t.Fatalf("got %d links: %+v", len(doc.Links), doc.Links)
	}
	for i := range want {
		if doc.Links[i] != want[i] {
			t.Errorf("link %d: got %+v, want %+v", i, doc.Links[i], want[i])
		}
	}
}

func TestListPages(t *testing.T) {
	tests := []struct {
		name, file, url string
		items           int
		first           checks.Item
		next            string
		placeholder     string
	}{
		{
			name: "TRS list with createPageHTML", file: "trs-list.html", url: "http://www.dc.gov.cn/tzgg/index.html", items: 4,
			first: checks.Item{Title: "关于做好2025年春节期间安全生产工作的通知", URL: "http://www.dc.gov.cn/tzgg/202501/t20250110_600001.html", Date: day(2025, 1, 10), DateText: "2025-01-10"},
			next:  "http://www.dc.gov.cn/tzgg/index_1.html",
		},
		{
			name: "table layout with slashed dates", file: "table-list.html", url: "http://www.dc.gov.cn/xxgk/zcwj/", items: 3,
			first: checks.Item{Title: "滇池区人民政府关于印发《滇池区政府信息公开指南》的通知", URL: "http://www.dc.gov.cn/xxgk/zcwj/202412/t20241231_1.html", Date: day(2024, 12, 31), DateText: "2024/12/31"},
			next:  "http://www.dc.gov.cn/xxgk/zcwj/?page=2",
		},
		{
			name: "year heading with bracketed month-day", file: "year-list.html", url: "http://www.dc.gov.cn/xxgk/rsxx/", items: 3,
			first: checks.Item{Title: "滇池区2023年公开招聘事业单位工作人员公告", URL: "http://www.dc.gov.cn/xxgk/rsxx/a1.html", Date: day(2023, 10, 11), DateText: "10-11"},
		},
		{name: "placeholder only", file: "empty-list.html", url: "http://www.dc.gov.cn/xxgk/ghjh/", placeholder: "暂无信息"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := parseFile(t, tc.file, tc.url)
			if doc.List == nil {
				t.Fatal("not read as a list")
			}
			if doc.Article != nil {
				t.Error("a list page read as an article too")
			}
			if len(doc.List.Items) != tc.items || doc.List.Next != tc.next || doc.List.Placeholder != tc.placeholder {
				t.Fatalf("items %d next %q placeholder %q: %+v", len(doc.List.Items), doc.List.Next, doc.List.Placeholder, doc.List.Items)
			}
			if tc.items > 0 {
				got := doc.List.Items[0]
				if got.Title != tc.first.Title || got.URL != tc.first.URL || !got.Date.Equal(tc.first.Date) || got.DateText != tc.first.DateText {
					t.Errorf("first item %+v\nwant %+v", got, tc.first)
				}
			}
		})
	}
}

func TestArticle(t *testing.T) {
	doc := parseFile(t, "article.html", "http://www.dc.gov.cn/xxgk/zcwj/202405/t20240530_523456.html")
	a := doc.Article
	if a == nil || doc.List != nil {
		t.Fatalf("article %v list %v", a, doc.List)
	}
	if a.Title != "滇池区人民政府关于印发《滇池区行政规范性文件管理办法》的通知" {
		t.Errorf("title %q", a.Title)
	}
	if !a.PubDate.Equal(day(2024, 5, 30)) || a.DateSource != "meta" {
		t.Errorf("date %s from %s", a.PubDate, a.DateSource)
	}
	for k, v := range map[string]string{"索引号": "11530111MB1234567X/2024-00123", "文号": "滇池政规〔2024〕3号", "发布机构": "滇池区人民政府办公室", "成文日期": "2024年05月28日"} {
		if a.Fields[k] != v {
			t.Errorf("field %s = %q, want %q", k, a.Fields[k], v)
		}
	}
	if len(a.Attachments) != 2 || !strings.HasSuffix(a.Attachments[0].URL, ".pdf") {
		t.Errorf("attachments %+v", a.Attachments)
	}
	if !strings.Contains(a.Body, "第一条") || strings.Contains(a.Body, "网站标识码") {
		t.Errorf("body is not the content region: %q", a.Body)
	}
	if strings.Contains(doc.Text, "document.write") {
		t.Error("script text leaked into the visible text")
	}
}

func TestArticleDateFallbacks(t *testing.T) {
	tests := []struct {
		name, url, body, source string
		want                    time.Time
	}{
		{"label", "http://www.dc.gov.cn/a/1.html", `<h1>关于开展检查的通知</h1><div class="info">发布时间：2024年12月20日 10:30 来源：区政府办</div><div class="content">正文。</div>`, "label", day(2024, 12, 20)},
		{"url", "http://www.dc.gov.cn/art/2020/8/26/art_1229_123.html", `<h1>关于开展检查的通知</h1><div class="content">正文。</div>`, "url", day(2020, 8, 26)},
		{"落款", "http://www.dc.gov.cn/a/2.html", `<h1>关于开展检查的通知</h1><div class="content">正文内容。<p>滇池区人民政府</p><p>二〇二四年五月三十日</p></div>`, "text", day(2024, 5, 30)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse(tc.url, "<html><body>"+tc.body+"</body></html>", "utf-8")
			if err != nil {
				t.Fatal(err)
			}
			if doc.Article == nil || !doc.Article.PubDate.Equal(tc.want) || doc.Article.DateSource != tc.source {
				t.Fatalf("article %+v", doc.Article)
			}
		})
	}
}

func TestNav(t *testing.T) {
	doc := parseFile(t, "home.html", "http://www.dc.gov.cn/")
	var names []string
	for _, l := range doc.Nav {
		names = append(names, l.Text)
	}
	if got := strings.Join(names, ","); got != "政务要闻,通知公告,信息公开,政策解读,互动交流" {
		t.Fatalf("nav %s", got)
	}
	if doc.Nav[1].URL != "http://www.dc.gov.cn/tzgg/" {
		t.Fatalf("nav %+v", doc.Nav)
	}
	if doc.Meta["SiteIDCode"] != "5301110001" {
		t.Errorf("meta %v", doc.Meta)
	}
}

func TestHeaderClockIsNotAListDate(t *testing.T) {
	doc := parseFile(t, "home.html", "http://www.dc.gov.cn/")
	if doc.List == nil {
		t.Fatal("the homepage news list was not read")
	}
	for _, it := range doc.List.Items {
		if it.Title == "" || it.Date.IsZero() {
			t.Errorf("item %+v", it)
		}
	}
	if len(doc.List.Items) != 3 {
		t.Errorf("%d items: the header clock or the friend links were taken as items: %+v", len(doc.List.Items), doc.List.Items)
	}
}

func TestParseRejectsRelativePageURL(t *testing.T) {
	if _, err := Parse("/index.html", "<html></html>", "utf-8"); err == nil {
		t.Fatal("a relative page URL must be an error")
	}
}
