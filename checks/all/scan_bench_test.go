package all

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/checks/privacy"
	"github.com/govwatch/govwatch/checks/wording"
	"github.com/govwatch/govwatch/monitor/charset"
	"github.com/govwatch/govwatch/monitor/extract"
	"github.com/govwatch/govwatch/monitor/sampleportal"
)

// corpus is the visible text of every page of the sample portal: Chinese
// news, notices, policies and lists as the text scanners meet them.
func corpus(b *testing.B) []*checks.Page {
	b.Helper()
	srv, err := sampleportal.New(sampleportal.Options{}).Start()
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	origin := strings.TrimSuffix(srv.URL, "/")
	var pages []*checks.Page
	for path := range srv.PagePaths() {
		resp, err := http.Get(origin + path)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		text, enc, _ := charset.Decode(body, resp.Header.Get("Content-Type"))
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: HTTP %d", path, resp.StatusCode)
		}
		doc, err := extract.Parse(origin+path, text, enc)
		if err != nil {
			b.Fatal(err)
		}
		p := &checks.Page{URL: origin + path, Text: doc.Text, Article: doc.Article}
		pages = append(pages, p)
	}
	return pages
}

// BenchmarkScanText runs the text scanners (privacy and wording, the two
// that read every character of every page) over the corpus, on one core.
func BenchmarkScanText(b *testing.B) {
	pages := corpus(b)
	pc, _ := privacy.New(privacy.DefaultConfig())
	wc, _ := wording.New(wording.Config{Officials: []wording.Official{{Name: "张建国", Titles: []string{"区长"}}}})
	scanners := []checks.PageCheck{pc.(checks.PageCheck), wc.(checks.PageCheck)}
	var size int64
	for _, p := range pages {
		size += int64(len(p.Text))
	}
	b.Logf("corpus: %d pages, %.2f MB of text, %d%% of it CJK", len(pages), float64(size)/1e6, cjkShare(pages))
	b.SetBytes(size)
	sink := checks.ReporterFunc(func(checks.Finding) {})
	for b.Loop() {
		for _, p := range pages {
			for _, s := range scanners {
				s.CheckPage(context.Background(), p, sink)
			}
		}
	}
}

func cjkShare(pages []*checks.Page) int {
	var cjk, all int
	for _, p := range pages {
		for _, r := range p.Text {
			all++
			if r >= 0x4e00 && r <= 0x9fff {
				cjk++
			}
		}
	}
	if all == 0 {
		return 0
	}
	return 100 * cjk / all
}
