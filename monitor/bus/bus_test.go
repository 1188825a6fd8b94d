package bus

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/govwatch/govwatch/checks"
)

func finding(site, check, url string) checks.Finding {
	f := checks.Finding{Check: check, Severity: checks.SeverityDeduct, Site: site, URL: url, Target: url, Title: "页面公开了 1 个手机号码", Evidence: "手机 139****5678"}
	f.ID = checks.FindingID(f.Check, f.Site, f.URL, f.Target, "")
	return f
}

// received collects what a consumer applies until it has want messages.
type received struct {
	mu   sync.Mutex
	envs []Envelope
	bad  []string
}

func (r *received) handle(_ context.Context, batch []Envelope) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.envs = append(r.envs, batch...)
	return nil
}

func consumeUntil(t *testing.T, b *Bus, name string, want int) *received {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	r := &received{}
	done := make(chan error, 1)
	go func() {
		done <- b.Consume(ctx, name, r.handle, func(subject string, err error) {
			r.mu.Lock()
			r.bad = append(r.bad, subject)
			r.mu.Unlock()
		}, nil)
	}()
	for ctx.Err() == nil {
		r.mu.Lock()
		n := len(r.envs) + len(r.bad)
		r.mu.Unlock()
		if n >= want {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // anything beyond want would show now
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFindingsSurviveRestartWithoutDuplicates(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	b, err := Embedded(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.EnsureStreams(ctx); err != nil {
		t.Fatal(err)
	}
	f1 := finding("dc.portal", "privacy.phone", "http://www.dc.gov.cn/a.html")
	f2 := finding("dc.portal", "link.broken", "http://www.dc.gov.cn/b.pdf")
	for _, f := range []checks.Finding{f1, f2, f1} { // f1 twice: a redone crawl
		if err := b.PublishFinding(ctx, "crawl-1", f); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.PublishDone(ctx, CrawlDone{CrawlID: "crawl-1", Site: "dc.portal", Checks: []string{"privacy.phone", "link.broken"}, Seen: []string{f1.ID, f2.ID}, Complete: true}); err != nil {
		t.Fatal(err)
	}
	// A malformed message on a findings subject.
	if _, err := b.js.Publish(ctx, "govwatch.finding.dc.x", []byte("{not json")); err != nil {
		t.Fatal(err)
	}
	b.Close()

	b, err = Embedded(dir) // the store is on disk: a restart keeps it
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.EnsureStreams(ctx); err != nil {
		t.Fatal(err)
	}
	r := consumeUntil(t, b, "ledger", 4)
	if len(r.envs) != 3 || len(r.bad) != 1 {
		t.Fatalf("got %d messages and %d malformed, want 3 and 1: %+v", len(r.envs), len(r.bad), r.envs)
	}
	if r.envs[0].Finding.ID != f1.ID || r.envs[1].Finding.ID != f2.ID || r.envs[2].Done == nil || !r.envs[2].Done.Complete {
		t.Fatalf("out of order or wrong: %+v", r.envs)
	}
	if r.bad[0] != "govwatch.finding.dc.x" {
		t.Errorf("malformed on %v", r.bad)
	}
	// The durable consumer remembers what it acked.
	if again := consumeUntil(t, b, "ledger", 0); len(again.envs) != 0 {
		t.Fatalf("acked messages came again: %+v", again.envs)
	}
	info, err := b.js.Stream(ctx, FindingsStream)
	if err != nil {
		t.Fatal(err)
	}
	if cfg := info.CachedInfo().Config; cfg.Retention != jetstream.LimitsPolicy || cfg.Replicas != 1 {
		t.Errorf("stream config %+v", cfg)
	}
}

func TestBigSummaryIsSentIncomplete(t *testing.T) {
	b, err := Embedded(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	if err := b.EnsureStreams(ctx); err != nil {
		t.Fatal(err)
	}
	seen := make([]string, maxSeen+1)
	for i := range seen {
		seen[i] = "0123456789abcdef01234567"
	}
	if err := b.PublishDone(ctx, CrawlDone{CrawlID: "c", Site: "s", Seen: seen, Complete: true}); err != nil {
		t.Fatal(err)
	}
	r := consumeUntil(t, b, "ledger", 1)
	if len(r.envs) != 1 || r.envs[0].Done.Complete || len(r.envs[0].Done.Seen) != 0 {
		t.Fatalf("a summary too big to list its findings must rectify nothing: %+v", r.envs)
	}
}

func TestToken(t *testing.T) {
	for in, want := range map[string]string{"dc-portal": "dc-portal", "www.dc.gov.cn": "www_dc_gov_cn", "": "_", "a*b>c d": "a_b_c_d"} {
		if got := token(in); got != want {
			t.Errorf("token(%q) = %q, want %q", in, got, want)
		}
	}
}
