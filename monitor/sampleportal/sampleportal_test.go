package sampleportal

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func start(t *testing.T, opts Options) *Server {
	t.Helper()
	s, err := New(opts).Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func get(t *testing.T, u string) (*http.Response, []byte) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestPlantedRoutes(t *testing.T) {
	s := start(t, Options{})
	base := strings.TrimSuffix(s.URL, "/")
	gbkWord, _ := simplifiedchinese.GBK.NewEncoder().String(searchWord)
	tests := []struct {
		name, path  string
		status      int
		contentType string
		body        string
	}{
		{"deleted article", pathDeleted, 404, "", ""},
		{"server error", path500 + "?id=1023", 500, "", ""},
		{"gone", path410, 410, "", ""},
		{"soft 404 answers 200", pathSoft, 200, "text/html; charset=utf-8", "页面不存在"},
		{"GBK soft 404 names its charset in the header", pathSoftGBK, 200, "text/html; charset=GBK", ""},
		{"loop", pathLoopA, 302, "", ""},
		{"moved", pathMoved, 301, "", ""},
		{"GBK column: charset in the meta tag only", "/xwzx/bmdt/", 200, "text/html", ""},
		{"GBK query decoded as GBK", pathSearch + "?keyword=" + urlEscapeBytes(gbkWord), 200, "", ""},
		{"the same query in UTF-8 is a 404", pathSearch + "?keyword=%E9%80%9A%E7%9F%A5", 404, "", ""},
		{"Chinese path", escapePath(pathGBKFile), 200, "application/pdf", ""},
		{"jsessionid in the path", "/xxgk/zcwj/" + ";jsessionid=ABC", 200, "", ""},
		{"calendar", pathCalendar + "?date=2025-01-15", 200, "", "后一天"},
		{"script column JSON", "/gzdt/list.json", 200, "application/json", "url"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, base+tc.path)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.contentType != "" && resp.Header.Get("Content-Type") != tc.contentType {
				t.Errorf("content type %q, want %q", resp.Header.Get("Content-Type"), tc.contentType)
			}
			if tc.body != "" && !strings.Contains(string(body), tc.body) {
				t.Errorf("body lacks %q", tc.body)
			}
		})
	}
}

func urlEscapeBytes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteString("%" + strings.ToUpper(hex2(s[i])))
	}
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

func TestExternalControls(t *testing.T) {
	s := start(t, Options{})
	ext := s.portal.hosts.ext
	head, err := http.Head(ext + "/head405.html")
	if err != nil || head.StatusCode != 405 {
		t.Fatalf("HEAD: %v %v", head, err)
	}
	first, _ := get(t, ext+"/ratelimit.html")
	second, _ := get(t, ext+"/ratelimit.html")
	if first.StatusCode != 429 || first.Header.Get("Retry-After") != "1" || second.StatusCode != 200 {
		t.Fatalf("rate limit: %d then %d", first.StatusCode, second.StatusCode)
	}
	waf, body := get(t, ext+"/waf.html")
	if waf.StatusCode != 403 || !strings.Contains(string(body), "安全狗") {
		t.Fatalf("waf: %d", waf.StatusCode)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := New(Options{}), New(Options{})
	for _, path := range []string{"/", "/tzgg/", "/xwzx/zwyw/index_1.html", a.articlePath(a.item(3, 0))} {
		pa, _, okA := a.render(path)
		pb, _, okB := b.render(path)
		if !okA || !okB || pa != pb {
			t.Errorf("%s: not the same page from two portals", path)
		}
	}
}

var hrefRe = regexp.MustCompile(`(?:href|src)="([^"#]+)"`)

// TestEveryLinkIsFineOrInTruth walks the whole default portal: a link that
// fails and is not planted would make the truth a lie.
func TestEveryLinkIsFineOrInTruth(t *testing.T) {
	s := start(t, Options{})
	base := strings.TrimSuffix(s.URL, "/")
	planted := map[string]bool{}
	for _, l := range s.Truth().Links {
		planted[l.Target] = true
	}
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	pages := 0
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		resp, body := get(t, base+path)
		if resp.StatusCode >= 300 {
			if !planted[base+escapePath(strings.SplitN(path, "?", 2)[0])+query(path)] && resp.StatusCode != 301 {
				t.Errorf("%s answers %d and is not planted", path, resp.StatusCode)
			}
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || strings.HasPrefix(path, pathCalendar) {
			continue
		}
		pages++
		text := string(body)
		if resp.Header.Get("Content-Type") == "text/html" || strings.Contains(resp.Header.Get("Content-Type"), "GBK") {
			text, _ = simplifiedchinese.GBK.NewDecoder().String(text)
		}
		for _, m := range hrefRe.FindAllStringSubmatch(text, -1) {
			href := m[1]
			if strings.Contains(href, "'") {
				continue // the script column's template
			}
			if !strings.HasPrefix(href, "/") && !strings.Contains(href, ":") {
				href = path[:strings.LastIndex(path, "/")+1] + href
			}
			if !strings.HasPrefix(href, "/") || seen[href] || strings.Contains(href, "keyword=") {
				continue
			}
			seen[href] = true
			queue = append(queue, href)
		}
	}
	if pages < 150 {
		t.Fatalf("walked only %d pages", pages)
	}
}

func query(path string) string {
	if _, q, ok := strings.Cut(path, "?"); ok {
		return "?" + q
	}
	return ""
}

func TestBenchmarkSize(t *testing.T) {
	p := New(Options{Pages: 20000, Benchmark: true})
	pages, links, broken := 2, 0, 0
	count := func(path string) {
		html, _, ok := p.render(path)
		if !ok {
			t.Fatalf("%s does not render", path)
		}
		links += len(hrefRe.FindAllString(html, -1))
	}
	count("/")
	for ci, c := range p.cols {
		for n := 0; n < p.listPages(ci); n++ {
			pages++
			if n%7 == 0 {
				count(p.listPath(ci, n))
			}
		}
		for i := 0; i < c.items; i++ {
			pages++
			it := p.item(ci, i)
			if _, ok := p.benchBroken(it); ok {
				broken++
			}
			if i%7 == 0 {
				count(p.articlePath(it))
			}
		}
	}
	links *= 7 // sampled one page in seven
	if pages < 19000 || pages > 21000 {
		t.Errorf("%d pages, want about 20,000", pages)
	}
	if links < 150000 || links > 300000 {
		t.Errorf("about %d links, want about 200,000", links)
	}
	if rate := float64(broken) / float64(links); rate < 0.005 || rate > 0.02 {
		t.Errorf("broken %d of %d links (%.2f%%), want about 1%%", broken, links, rate*100)
	}
	if got := len(p.truth("http://127.0.0.1:1/").Links); got != broken {
		t.Errorf("truth lists %d broken links, %d planted", got, broken)
	}
}
