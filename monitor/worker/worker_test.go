package worker

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/bus"
	"github.com/govwatch/govwatch/monitor/inspect"
	"github.com/govwatch/govwatch/monitor/sampleportal"
)

// TestCrawlPublishesTheTruth crawls the sample portal into an embedded
// JetStream twice under one crawl id (a job redone): the stream holds each
// planted finding once, then the summary, complete.
func TestCrawlPublishesTheTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample portal")
	}
	srv, err := sampleportal.New(sampleportal.Options{}).Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg, err := srv.LoadConfig(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cs, err := inspect.Checks(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bus.Embedded(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	if err := b.EnsureStreams(ctx); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := Crawl(ctx, b, cfg.Sites[0], cs, "dc-portal/2025-01-15", sampleportal.Now, inspect.Options{}); err != nil {
			t.Fatal(err)
		}
	}

	var mu sync.Mutex
	var fs []checks.Finding
	var dones []bus.CrawlDone
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	go b.Consume(cctx, "test", func(_ context.Context, batch []bus.Envelope) error {
		mu.Lock()
		defer mu.Unlock()
		for _, e := range batch {
			if e.Finding != nil {
				fs = append(fs, *e.Finding)
			} else {
				dones = append(dones, *e.Done)
				cancel()
			}
		}
		return nil
	}, func(s string, err error) { t.Errorf("malformed on %s: %v", s, err) }, nil)
	<-cctx.Done()
	mu.Lock()
	defer mu.Unlock()
	if cmp := srv.Truth().Compare(fs); !cmp.Exact() || cmp.Expected != len(fs) {
		t.Errorf("%d findings on the bus: missed %v, false %v", len(fs), cmp.Missed, cmp.False)
	}
	if len(dones) != 1 || !dones[0].Complete || len(dones[0].Seen) != len(fs) || len(dones[0].Checks) < 10 {
		t.Fatalf("summary %+v", dones)
	}
}
