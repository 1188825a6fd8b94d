package sampleportal

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// ServeHTTP answers every path of the portal, planted problems included.
func (p *Portal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := stripSession(r.URL.Path)
	if p.misbehave(w, r, path) {
		return
	}
	if body, gbkPage, ok := p.render(path); ok {
		writeHTML(w, r, body, gbkPage, false)
		return
	}
	if p.asset(w, r, path) {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprint(w, "<html><head><title>404 页面不存在</title></head><body>对不起，您访问的页面不存在。</body></html>")
}

// render returns the HTML at path, if path is a page of the portal.
func (p *Portal) render(path string) (string, bool, bool) {
	switch path {
	case "/", "/index.html":
		return p.home(), false, true
	case "/jgzn/", "/jgzn/index.html":
		return p.static(), false, true
	}
	for ci, c := range p.cols {
		if !strings.HasPrefix(path, c.path) {
			continue
		}
		rest := strings.TrimPrefix(path, c.path)
		if rest == "" || rest == "index.html" {
			return p.list(ci, 0), c.gbk, true
		}
		if n, ok := strings.CutPrefix(rest, "index_"); ok {
			if i, err := strconv.Atoi(strings.TrimSuffix(n, ".html")); err == nil && i > 0 && i < p.listPages(ci) {
				return p.list(ci, i), c.gbk, true
			}
		}
	}
	if it, ok := p.itemAt(path); ok {
		return p.article(it), p.cols[it.col].gbk, true
	}
	return "", false, false
}

// writeHTML sends a page; GBK pages name their charset in the meta tag only,
// unless header is set.
func writeHTML(w http.ResponseWriter, r *http.Request, body string, gbkPage, header bool) {
	ct := "text/html; charset=utf-8"
	payload := []byte(body)
	if gbkPage {
		ct = "text/html"
		if header {
			ct = "text/html; charset=GBK"
		}
		payload = gbk(body)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Last-Modified", Now.UTC().Format(http.TimeFormat))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(payload)
}

// misbehave answers the planted problem routes; false for any other path.
func (p *Portal) misbehave(w http.ResponseWriter, r *http.Request, path string) bool {
	if p.opts.Benchmark && path != pathSearch && path != pathGBKFile {
		return false
	}
	switch path {
	case path500:
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
	case path410:
		http.Error(w, "Gone", http.StatusGone)
	case pathSoft, pathSoftGBK:
		body := p.page(path, "提示信息", path == pathSoftGBK, nil, `<div class="error"><h2>对不起，您访问的页面不存在或已被删除！</h2><a href="/">返回首页</a></div>`)
		writeHTML(w, r, body, path == pathSoftGBK, true)
	case pathLoopA:
		http.Redirect(w, r, pathLoopB, http.StatusFound)
	case pathLoopB:
		http.Redirect(w, r, pathLoopA, http.StatusFound)
	case pathMoved:
		http.Redirect(w, r, p.cols[2].path, http.StatusMovedPermanently)
	case pathSearch:
		p.search(w, r)
	case pathGBKFile:
		servePDF(w, r, "通知附件")
	case pathCalendar:
		p.calendar(w, r)
	default:
		return false
	}
	return true
}

// search decodes its query as GBK, as GBK-era CMSs do: a checker that sends
// the word in UTF-8 gets a 404 here, and a false broken link.
func (p *Portal) search(w http.ResponseWriter, r *http.Request) {
	raw, _ := strings.CutPrefix(r.URL.RawQuery, "keyword=")
	unescaped, err := url.QueryUnescape(raw) // the bytes as sent, not UTF-8
	word, derr := simplifiedchinese.GBK.NewDecoder().String(unescaped)
	if err != nil || derr != nil || word != searchWord {
		http.NotFound(w, r)
		return
	}
	writeHTML(w, r, p.page(pathSearch, "搜索结果", true, nil, "<p>搜索“"+searchWord+"”的结果：共 12 条</p>"), true, true)
}

// calendar links each day to the next and the previous, forever.
func (p *Portal) calendar(w http.ResponseWriter, r *http.Request) {
	d, err := time.Parse("2006-01-02", r.URL.Query().Get("date"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	body := fmt.Sprintf(`<h2>领导接访日历 %s</h2><a href="?date=%s">前一天</a> <a href="?date=%s">后一天</a>`,
		d.Format("2006年01月02日"), d.AddDate(0, 0, -1).Format("2006-01-02"), d.AddDate(0, 0, 1).Format("2006-01-02"))
	writeHTML(w, r, p.page(pathCalendar, "领导接访日历", false, nil, body), false, false)
}

// asset serves images, styles, scripts, attachments and the script column's JSON.
func (p *Portal) asset(w http.ResponseWriter, r *http.Request, path string) bool {
	switch {
	case path == "/css/site.css":
		w.Header().Set("Content-Type", "text/css")
		fmt.Fprint(w, "body{font-family:serif}")
	case path == "/js/site.js":
		w.Header().Set("Content-Type", "application/javascript")
		fmt.Fprint(w, "function createPageHTML(){}")
	case path == "/images/logo.png" || path == "/images/dzjg.png" || path == "/images/banner.jpg":
		w.Header().Set("Content-Type", "image/png")
		w.Write(tinyPNG)
	case strings.HasSuffix(path, ".pdf") && strings.Contains(path, "/P0") && !strings.HasSuffix(path, pathMissingPDF):
		servePDF(w, r, "实施方案")
	case strings.HasSuffix(path, "list.json"):
		p.listJSON(w, path)
	default:
		return false
	}
	return true
}

func (p *Portal) listJSON(w http.ResponseWriter, path string) {
	for ci, c := range p.cols {
		if c.js && path == c.path+"list.json" {
			var items []map[string]string
			for i := 0; i < c.items; i++ {
				it := p.item(ci, i)
				items = append(items, map[string]string{"title": p.title(it), "url": p.articlePath(it), "date": it.date.Format(layoutDash)})
			}
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(items)
			return
		}
	}
	http.NotFound(w, nil)
}

// servePDF writes a minimal valid PDF.
func servePDF(w http.ResponseWriter, r *http.Request, title string) {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("ETag", `"`+title+`-v1"`)
	if r.Method == http.MethodHead {
		return
	}
	fmt.Fprintf(w, "%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n")
}

// tinyPNG is a 1×1 transparent PNG.
var tinyPNG = []byte{0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
	8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1,
	0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82}
