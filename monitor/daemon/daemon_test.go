package daemon

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/config"
	"github.com/govwatch/govwatch/monitor/ledger"
	"github.com/govwatch/govwatch/monitor/sampleportal"
)

// started runs a daemon until the test ends and returns its HTTP address
// and a channel that receives the site of each applied crawl summary.
func started(t *testing.T, cfg *config.Config, dataDir string, every time.Duration, now func() time.Time) (string, chan string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	crawled := make(chan string, 100)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{
			Config: cfg, DataDir: dataDir, Listen: "127.0.0.1:0", Every: every, Now: now, Slots: 1,
			Version: "test", Ready: func(a string) { addr <- a }, Crawled: func(site string) { crawled <- site },
		})
	}()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("daemon: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	select {
	case a := <-addr:
		return "http://" + a, crawled, stop
	case err := <-done:
		t.Fatalf("daemon did not start: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("daemon did not start in 30 s")
	}
	return "", nil, nil
}

func waitCrawl(t *testing.T, crawled chan string) {
	t.Helper()
	select {
	case <-crawled:
	case <-time.After(60 * time.Second):
		t.Fatal("no crawl landed in the ledger within 60 s")
	}
}

// eventually waits for status() to say want: crawls run every 200 ms.
func eventually(t *testing.T, want string, status func() string) {
	t.Helper()
	got := ""
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got = status(); got == want {
			return
		}
	}
	t.Fatalf("status %s, want %s", got, want)
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: HTTP %d: %s", url, resp.StatusCode, b)
	}
	return string(b)
}

func findings(t *testing.T, base, query string) []Row {
	t.Helper()
	var out struct{ Findings []Row }
	if err := json.Unmarshal([]byte(get(t, base+"/api/findings?limit=0&"+query)), &out); err != nil {
		t.Fatal(err)
	}
	return out.Findings
}

// TestServeSamplePortal: serve crawls the sample portal at start; the ledger
// holds exactly its truth, /metrics exposes the open findings.
func TestServeSamplePortal(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample portal")
	}
	srv, cfg, dir := samplePortal(t)
	base, crawled, _ := started(t, cfg, dir, time.Hour, func() time.Time { return sampleportal.Now })
	waitCrawl(t, crawled)
	rows := findings(t, base, "")
	fs := make([]checks.Finding, 0, len(rows))
	for _, r := range rows {
		if r.Status != "open" {
			t.Errorf("%s is %s after one crawl", r.ID, r.Status)
		}
		fs = append(fs, r.Finding)
	}
	if cmp := srv.Truth().Compare(fs); len(cmp.Missed) != 0 || len(cmp.False) != 0 || cmp.Expected != len(fs) {
		t.Errorf("ledger holds %d findings: missed %v, false %v", len(fs), cmp.Missed, cmp.False)
	}
	metrics := get(t, base+"/metrics")
	for _, want := range []string{`govwatch_findings_open{check="link.broken",severity="deduct",site="dc-portal",unit="dc-office"}`,
		`govwatch_crawls_total{result="complete",site="dc-portal"} 1`, `govwatch_build_info{version="test"} 1`, "govwatch_jobs_pending "} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if got := get(t, base+"/readyz"); got != "ready\n" {
		t.Errorf("readyz: %q", got)
	}
	// crawl now: queued at once (the next scheduled crawl is an hour away).
	for site, want := range map[string]int{"nowhere": http.StatusNotFound, "dc-portal": http.StatusAccepted} {
		resp, err := http.Post(base+"/api/crawl/"+site, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("crawl now %s: HTTP %d, want %d", site, resp.StatusCode, want)
		}
	}
	waitCrawl(t, crawled)
}

// TestRectifyAndReopen: a broken link fixed between two crawls is
// rectified; broken again, it is reopened; the ledger survives a restart.
func TestRectifyAndReopen(t *testing.T) {
	var fixed atomic.Bool
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<html><head><title>首页</title></head><body><a href="/notice.html">通知</a></body></html>`)
		case "/notice.html":
			if fixed.Load() {
				fmt.Fprint(w, `<html><head><title>通知</title></head><body>正文</body></html>`)
				return
			}
			http.NotFound(w, r)
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()
	cfg, err := config.Parse("small.yaml", []byte(fmt.Sprintf(`
units: [{id: u, name: 测试单位}]
sites: [{id: small, url: %q, unit: u}]
crawl: {rate: 0}
checks: {siteinfo: {require_https: false}}
`, site.URL+"/")))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	status := func(base string) string {
		rows := findings(t, base, "check=link.broken")
		if len(rows) != 1 {
			t.Fatalf("want one link.broken finding, got %+v", rows)
		}
		return rows[0].Status
	}
	base, crawled, stop := started(t, cfg, dir, 200*time.Millisecond, time.Now)
	waitCrawl(t, crawled)
	if s := status(base); s != "open" {
		t.Fatalf("after the first crawl: %s", s)
	}
	fixed.Store(true)
	eventually(t, "rectified", func() string { return status(base) })
	fixed.Store(false)
	eventually(t, "reopened", func() string { return status(base) })

	// The stream replayed into a fresh ledger gives the same state.
	ctx := context.Background()
	stop()
	before := snapshot(t, dir)
	n, err := Rebuild(ctx, dir, "")
	if err != nil || n == 0 {
		t.Fatalf("rebuild: %d messages, %v", n, err)
	}
	if after := snapshot(t, dir); !reflect.DeepEqual(before, after) {
		t.Fatalf("rebuilt ledger differs:\nbefore %+v\nafter  %+v", before, after)
	}
}

// snapshot is every finding of the ledger in dir with its status and history.
func snapshot(t *testing.T, dir string) []string {
	t.Helper()
	l, err := ledger.Open(LedgerPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	es, err := l.Findings(context.Background(), ledger.Query{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		h, err := l.History(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		var events []string
		for _, ev := range h {
			events = append(events, ev.Status+"@"+ev.CrawlID)
		}
		out = append(out, fmt.Sprintf("%s %s %s first=%s last=%s %v", e.ID, e.Check, e.Status, e.FirstSeen.Format(time.RFC3339Nano), e.LastSeen.Format(time.RFC3339Nano), events))
	}
	return out
}

// samplePortal serves the sample portal for the test and loads its config,
// with its word lists in a temporary dir, which it returns too.
func samplePortal(t *testing.T) (*sampleportal.Server, *config.Config, string) {
	t.Helper()
	srv, err := sampleportal.New(sampleportal.Options{}).Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	cfg, err := srv.LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	return srv, cfg, dir
}
