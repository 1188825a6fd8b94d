package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/checks/links"
)

func gbk(s string) string {
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

// smallSite is a hand-written site with one of each problem the crawler
// must classify, and pages that try to break it.
func smallSite(t *testing.T) *httptest.Server {
	t.Helper()
	page := func(title, body string) string {
		return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + title + `</title></head><body>` + body + `</body></html>`
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, page("滇池区人民政府", `<div class="nav"><ul><li><a href="/tzgg/">通知公告</a></li></ul></div>
			<a href="/ok.html">正常页面</a> <a href="/missing.html">已删除的文章</a> <a href="/soft.html">旧文章</a>
			<a href="/gbk.html">部门动态</a> <a href="/broken-html.html">坏页面</a> <a href="/wrong-charset.html">编码错误</a> <a href="/cal?date=2024-01-01">日历</a>
			<img src="/logo-missing.png" alt="党政机关"> <a href="mailto:a@b.cn">信箱</a> <a href="javascript:void(0)">x</a>`))
	})
	mux.HandleFunc("/tzgg/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("通知公告", `<ul class="list"><li><a href="/ok.html">关于做好春节期间工作的通知</a><span>2025-01-10</span></li>
			<li><a href="/missing.html">关于开展检查的通知</a><span>2024-12-20</span></li></ul>`))
	})
	mux.HandleFunc("/ok.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("正常页面", `<h1>正常页面</h1><p>发布时间：2025-01-10</p><p>正文。</p>`))
	})
	mux.HandleFunc("/soft.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("提示信息", `<div class="error">对不起，您访问的页面不存在或已被删除！</div><a href="/">返回首页</a>`))
	})
	mux.HandleFunc("/gbk.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html") // charset only in the meta tag
		fmt.Fprint(w, gbk(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>部门动态</title></head><body>
			<a href="/附件/通知.pdf">通知附件</a> <a href="/search?q=通知">搜索通知</a> <a href="/不存在.html">不存在的页面</a></body></html>`))
	})
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /cal\nSitemap: "+"http://"+r.Host+"/sitemap.xml\n")
	})
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><urlset><url><loc>http://`+r.Host+`/orphan.html</loc></url></urlset>`)
	})
	mux.HandleFunc("/orphan.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("孤立页面", `<a href="/orphan-dead.html">只有站点地图能找到的死链</a>`))
	})
	mux.HandleFunc("/wrong-charset.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8") // but the bytes are GBK
		fmt.Fprint(w, gbk(`<html><head><title>错误编码</title></head><body><p>本页声明UTF-8，实为GBK编码。</p><a href="/gone-gbk.html">错误编码页面的链接</a></body></html>`))
	})
	mux.HandleFunc("/附件/通知.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4\n")
	})
	mux.HandleFunc("/search", func(w http.ResponseWriter, r *http.Request) {
		// As GBK-era CMSs do: the query is decoded as GBK.
		q, _ := simplifiedchinese.GBK.NewDecoder().String(r.URL.Query().Get("q"))
		if q != "通知" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, page("搜索结果", "<p>结果</p>"))
	})
	mux.HandleFunc("/broken-html.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><body><div><table><tr><td><a href='/ok.html'>正常<b><i></td></div>\x00\xff\xfe<a href=\"/gone-too.html\">坏链接")
	})
	mux.HandleFunc("/cal", func(w http.ResponseWriter, r *http.Request) {
		d, err := time.Parse("2006-01-02", r.URL.Query().Get("date"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, page("日历", fmt.Sprintf(`<a href="/cal?date=%s">后一天</a><a href="/cal?date=%s">前一天</a>`,
			d.AddDate(0, 0, 1).Format("2006-01-02"), d.AddDate(0, 0, -1).Format("2006-01-02"))))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

type collector struct {
	mu sync.Mutex
	fs []checks.Finding
}

func (c *collector) Report(f checks.Finding) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fs = append(c.fs, f)
}

func crawlSmall(t *testing.T, ctx context.Context, srv *httptest.Server, edit func(*Site)) (*checks.Site, []checks.Finding, error) {
	t.Helper()
	lc, _ := links.New(links.DefaultConfig())
	f := WithRetry(WithHostLimit(NewHTTPFetcher(testOptions()), HostLimits{Concurrent: 4}), RetryOptions{Retries: 1})
	c := New(f, zap.NewNop(), []checks.Check{lc}, nil)
	site := Site{ID: "dc", Unit: "dc-office", URL: srv.URL + "/", CheckExternal: true}
	if edit != nil {
		edit(&site)
	}
	var col collector
	s, err := c.Crawl(ctx, site, time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), &col)
	sort.Slice(col.fs, func(i, j int) bool { return col.fs[i].Target < col.fs[j].Target })
	return s, col.fs, err
}

func TestCrawlSmallSite(t *testing.T) {
	srv := smallSite(t)
	s, fs, err := crawlSmall(t, context.Background(), srv, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range fs {
		got[strings.TrimPrefix(f.Target, srv.URL)] = f.Check
		if f.Site != "dc" || f.Unit != "dc-office" || f.ID == "" {
			t.Errorf("finding not stamped: %+v", f)
		}
	}
	want := map[string]string{
		"/missing.html":                     links.Broken,
		"/soft.html":                        links.Soft404,
		"/logo-missing.png":                 links.Broken,
		"/gone-too.html":                    links.Broken,
		"/gone-gbk.html":                    links.Broken,
		"/orphan-dead.html":                 links.Broken,
		"/%E4%B8%8D%E5%AD%98%E5%9C%A8.html": links.Broken,
	}
	for target, check := range want {
		if got[target] != check {
			t.Errorf("%s: got %q, want %s", target, got[target], check)
		}
	}
	for target := range got {
		if _, ok := want[target]; !ok {
			t.Errorf("false finding for %s", target)
		}
	}
	if !s.Complete {
		t.Error("crawl not complete")
	}
	var calendar int
	for _, sk := range s.Skipped {
		if strings.Contains(sk.Reason, "calendar") {
			calendar++
		}
	}
	if calendar == 0 {
		t.Errorf("the endless calendar was not cut off: skipped %v", s.Skipped)
	}
	if s.Pages > 80 {
		t.Errorf("%d pages read from a 10-page site with a calendar", s.Pages)
	}
}

func TestCrawlReferrersAndAnchorText(t *testing.T) {
	srv := smallSite(t)
	_, fs, err := crawlSmall(t, context.Background(), srv, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if !strings.HasSuffix(f.Target, "/missing.html") {
			continue
		}
		refs := f.Detail["referrers"].([]map[string]any)
		if len(refs) != 2 {
			t.Fatalf("missing.html: %d referrers, want the homepage and the notice list", len(refs))
		}
		if f.URL != srv.URL+"/" {
			t.Errorf("the homepage must be the finding's url, got %s", f.URL)
		}
		if f.Detail["on_homepage"] != true {
			t.Error("on_homepage not set")
		}
		return
	}
	t.Fatal("no finding for missing.html")
}

func TestCrawlColumns(t *testing.T) {
	srv := smallSite(t)
	s, _, err := crawlSmall(t, context.Background(), srv, func(s *Site) { s.KeepItems = true })
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range s.Columns {
		if c.Name == "通知公告" {
			if c.Category != "notice" || len(c.Items) != 2 || c.Items[0].Date.IsZero() {
				t.Fatalf("column %+v", c)
			}
			return
		}
	}
	t.Fatalf("column 通知公告 not discovered: %+v", s.Columns)
}

func TestCrawlPageCapMarksIncomplete(t *testing.T) {
	srv := smallSite(t)
	s, _, err := crawlSmall(t, context.Background(), srv, func(s *Site) { s.MaxPages = 2 })
	if err != nil {
		t.Fatal(err)
	}
	if s.Complete || s.Pages != 2 {
		t.Fatalf("complete=%v pages=%d", s.Complete, s.Pages)
	}
}

func TestCrawlCancelled(t *testing.T) {
	srv := smallSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s, fs, err := crawlSmall(t, ctx, srv, nil)
	if err == nil || s == nil || s.Complete {
		t.Fatalf("cancelled crawl: err=%v site=%v", err, s)
	}
	if len(fs) != 0 {
		t.Fatalf("a cancelled crawl must not judge links: %v", fs)
	}
}

func TestCrawlDropsItemsNoCheckReads(t *testing.T) {
	srv := smallSite(t)
	s, _, err := crawlSmall(t, context.Background(), srv, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range s.Columns {
		if c.Name == "通知公告" {
			if len(c.Items) != 0 || len(c.ListPages) != 1 || c.Unread != "" {
				t.Fatalf("a links-only crawl kept items or lost the list: %+v", c)
			}
			return
		}
	}
	t.Fatal("column 通知公告 not discovered")
}

func TestCrawlReadsMisdeclaredCharset(t *testing.T) {
	srv := smallSite(t)
	_, fs, err := crawlSmall(t, context.Background(), srv, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if strings.HasSuffix(f.Target, "/gone-gbk.html") {
			if f.Evidence != "错误编码页面的链接" {
				t.Fatalf("anchor text %q: the GBK bytes were not decoded", f.Evidence)
			}
			return
		}
	}
	t.Fatal("no finding for the link on the misdeclared page")
}

func TestCrawlHonoursRobotsWhenAsked(t *testing.T) {
	srv := smallSite(t)
	s, _, err := crawlSmall(t, context.Background(), srv, func(s *Site) { s.HonourRobots = true })
	if err != nil {
		t.Fatal(err)
	}
	robots := 0
	for _, sk := range s.Skipped {
		if strings.Contains(sk.URL, "/cal") {
			if sk.Reason != "disallowed by robots.txt" {
				t.Errorf("%s skipped for %q", sk.URL, sk.Reason)
			}
			robots++
		}
	}
	if robots != 1 {
		t.Fatalf("%d calendar URLs skipped for robots.txt, want the one linked from the homepage", robots)
	}
}

func TestCrawlFollowsMetaRefresh(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `<html><head><meta http-equiv="refresh" content="0; url=/index.shtml"></head><body></body></html>`)
	})
	mux.HandleFunc("/index.shtml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><a href="/gone.html">已删除</a></body></html>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	_, fs, err := crawlSmall(t, context.Background(), srv, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || !strings.HasSuffix(fs[0].Target, "/gone.html") {
		t.Fatalf("the page behind the refresh was not crawled: %+v", fs)
	}
}
