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

	"github.com/govwatch/govwatch/monitor/pdfwrite"
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
		serveFile(w, r, typePDF, Now, pdfwrite.Latin("Dianchi District - notice attachment"))
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
		serveFile(w, r, "text/css; charset=utf-8", Now, []byte(siteCSS))
	case path == "/js/site.js":
		serveFile(w, r, "application/javascript; charset=utf-8", Now, []byte(siteJS))
	case path == "/images/logo.png" || path == "/images/dzjg.png":
		serveFile(w, r, typePNG, Now, tinyPNG)
	case path == "/images/banner.jpg":
		serveFile(w, r, typeJPEG, Now, jpegFile())
	case strings.HasSuffix(path, "list.json"):
		p.listJSON(w, path)
	default:
		return p.serveAttachment(w, r, path)
	}
	return true
}

const siteCSS = "body{font-family:\"Microsoft YaHei\",serif;margin:0}.nav li{display:inline-block;padding:0 1em}.date{float:right;color:#666}\n"

// siteJS holds TRS's pager: createPageHTML(pages, current, "index", "html")
// writes the 首页/上一页/下一页/尾页 links the page also carries as plain HTML.
const siteJS = `function createPageHTML(n, i, name, ext) {
  if (n <= 1) return;
  var p = function (k) { return k == 0 ? name + "." + ext : name + "_" + k + "." + ext; };
  document.write('<a href="' + p(0) + '">首页</a> ');
  if (i > 0) document.write('<a href="' + p(i - 1) + '">上一页</a> ');
  if (i < n - 1) document.write('<a href="' + p(i + 1) + '">下一页</a> ');
  document.write('<a href="' + p(n - 1) + '">尾页</a> 共' + n + '页');
}
`

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
