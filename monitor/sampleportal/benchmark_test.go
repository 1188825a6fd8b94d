package sampleportal

import (
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// render serves path through s's handler without a network and returns
// the page's links, resolved as a browser requests them.
func render(t *testing.T, s *Server, path string) []string {
	t.Helper()
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("%s answers %d", path, rec.Code)
	}
	text, gbk := decode(t, rec.Header().Get("Content-Type"), rec.Body.Bytes())
	var links []string
	for _, m := range linkRe.FindAllStringSubmatch(text, -1) {
		if target, ok := resolve(t, s.URL+strings.TrimPrefix(path, "/"), m[2], gbk); ok {
			links = append(links, target)
		}
	}
	return links
}

// TestBenchmarkSize checks the benchmark portal's size without serving all
// of it: about 20,000 pages, 200,000 link occurrences and 1 % of them broken
// (both counted on a pseudo-random tenth of the pages), and a tenth of the
// broken targets linked from the pages the truth names.
func TestBenchmarkSize(t *testing.T) {
	const sample = 10
	s := start(t, Options{Pages: 20000, Benchmark: true})
	truth := s.Truth()
	broken := map[string]bool{}
	for _, l := range truth.Links {
		broken[l.Target] = true
	}
	pages, links, hits := 0, 0, 0
	for path := range s.portal.pagePaths {
		pages++
		h := fnv.New32a()
		h.Write([]byte(path))
		if h.Sum32()%sample != 0 {
			continue // not by position: articles with broken links recur with their index
		}
		for _, l := range render(t, s, path) {
			links++
			if broken[l] {
				hits++
			}
		}
	}
	if pages < 19000 || pages > 21000 {
		t.Errorf("%d pages, want about 20,000", pages)
	}
	if links*sample < 180000 || links*sample > 240000 {
		t.Errorf("about %d links, want about 200,000", links*sample)
	}
	if rate := float64(hits) / float64(links); rate < 0.008 || rate > 0.013 {
		t.Errorf("%d of %d sampled link occurrences broken (%.2f %%), want about 1 %%", hits, links, 100*rate)
	}
	for i, l := range truth.Links {
		if l.Outcome != "http_error" || l.Status != 404 {
			t.Errorf("%s: %s %d; the benchmark plants internal 404s only", l.Target, l.Outcome, l.Status)
		}
		if i%sample != 0 {
			continue
		}
		for _, r := range l.Referrers {
			if !contains(render(t, s, strings.TrimPrefix(r, strings.TrimSuffix(s.URL, "/"))), l.Target) {
				t.Errorf("%s does not link %s", r, l.Target)
			}
		}
	}
	t.Logf("%d pages, about %d links (%d sampled, %d broken), %d broken targets", pages, links*sample, links, hits, len(truth.Links))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
