package daemon

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/bus"
	"github.com/govwatch/govwatch/monitor/config"
	"github.com/govwatch/govwatch/monitor/ledger"
)

// BenchmarkFindingsToLedger publishes b.N realistic findings on an embedded
// JetStream and measures, separately, publishing and the ledger consuming
// them (findings/s each).
func BenchmarkFindingsToLedger(b *testing.B) {
	dir := b.TempDir()
	bs, err := bus.Embedded(filepath.Join(dir, "nats"))
	if err != nil {
		b.Fatal(err)
	}
	defer bs.Close()
	ctx := context.Background()
	if err := bs.EnsureStreams(ctx); err != nil {
		b.Fatal(err)
	}
	l, err := ledger.Open(filepath.Join(dir, "ledger.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	now := time.Date(2025, 1, 15, 8, 0, 0, 0, time.UTC)
	fs := make([]checks.Finding, b.N)
	for i := range fs {
		u := fmt.Sprintf("http://www.dc.gov.cn/xxgk/zcwj/202412/t20241220_%d.html", i)
		f := checks.Finding{Check: "link.broken", Severity: checks.SeverityDeduct, Site: "dc-portal", Unit: "dc-office", URL: u, Target: u + "#a",
			Title: "附件“实施方案（全文）.pdf”无法访问（HTTP 404）", Evidence: "出现于 政策文件 栏目",
			Detail: map[string]any{"status": 404, "kind": "attachment", "referrer_count": 1}, FirstSeen: now, LastSeen: now}
		f.ID = checks.FindingID(f.Check, f.Site, f.URL, f.Target, "")
		fs[i] = f
	}
	b.ResetTimer()
	start := time.Now()
	for _, f := range fs {
		if err := bs.PublishFinding(ctx, "bench-crawl", f); err != nil {
			b.Fatal(err)
		}
	}
	if err := bs.PublishDone(ctx, bus.CrawlDone{CrawlID: "bench-crawl", Site: "dc-portal", Checks: []string{"link.broken"}, Complete: false, At: now}); err != nil {
		b.Fatal(err)
	}
	published := time.Since(start)
	start = time.Now()
	cctx, cancel := context.WithCancel(ctx)
	h := sink(l, newMetrics(l, "bench"))
	done := make(chan struct{})
	go bs.Consume(cctx, "bench", func(ctx context.Context, batch []bus.Envelope) error {
		err := h(ctx, batch)
		if err == nil && batch[len(batch)-1].Done != nil {
			close(done)
		}
		return err
	}, func(string, error) {}, nil)
	<-done
	consumed := time.Since(start)
	cancel()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/published.Seconds(), "published/s")
	b.ReportMetric(float64(b.N)/consumed.Seconds(), "ledger/s")
}

// BenchmarkSchedule1000Sites queues a crawl of each of 1,000 configured
// sites, as serve does at start, and reports sites queued per second.
func BenchmarkSchedule1000Sites(b *testing.B) {
	var yaml strings.Builder
	yaml.WriteString("units: [{id: u, name: 单位}]\nsites:\n")
	for i := range 1000 {
		fmt.Fprintf(&yaml, "  - {id: site-%d, url: \"http://www%d.example.gov.cn/\", unit: u}\n", i, i)
	}
	cfg, err := config.Parse("1000.yaml", []byte(yaml.String()))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var took time.Duration
	for b.Loop() {
		bs, err := openBus(ctx, "", b.TempDir(), bus.JobOptions{})
		if err != nil {
			b.Fatal(err)
		}
		sctx, stop := context.WithCancel(ctx)
		start := time.Now()
		done := make(chan struct{})
		go func() {
			schedule(sctx, Options{Config: cfg, Every: time.Hour, Log: zap.NewNop()}, bs)
			close(done)
		}()
		for {
			n, err := bs.PendingJobs(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if n == 1000 {
				break
			}
			time.Sleep(time.Millisecond)
		}
		took += time.Since(start)
		stop()
		<-done
		bs.Close()
	}
	b.ReportMetric(1000*float64(b.N)/took.Seconds(), "sites-queued/s")
}
