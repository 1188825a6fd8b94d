package daemon

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/sampleportal"
)

// TestServeWithSeparateWorker: a NATS server with a listener on loopback,
// serve running no crawl slots of its own, and a worker on the same cluster
// doing the crawl; the ledger ends up with the sample portal's truth.
func TestServeWithSeparateWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample portal")
	}
	ns, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	ns.Start()
	defer ns.Shutdown()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("NATS not ready")
	}
	srv, cfg, dir := samplePortal(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr := make(chan string, 1)
	crawled := make(chan string, 10)
	served := make(chan error, 1)
	now := func() time.Time { return sampleportal.Now }
	go func() {
		served <- Run(ctx, Options{Config: cfg, DataDir: dir, Listen: "127.0.0.1:0", NATS: ns.ClientURL(), Now: now,
			Ready: func(a string) { addr <- a }, Crawled: func(s string) { crawled <- s }})
	}()
	base := "http://" + <-addr
	worked := make(chan error, 1)
	go func() { worked <- Work(ctx, Options{Config: cfg, NATS: ns.ClientURL(), Slots: 1, Now: now}) }()
	waitCrawl(t, crawled)
	rows := findings(t, base, "")
	fs := make([]checks.Finding, len(rows))
	for i, r := range rows {
		fs[i] = r.Finding
	}
	if cmp := srv.Truth().Compare(fs); !cmp.Exact() || cmp.Expected != len(fs) {
		t.Errorf("ledger holds %d findings: missed %v, false %v", len(fs), cmp.Missed, cmp.False)
	}
	cancel()
	if err := <-served; err != nil {
		t.Errorf("serve: %v", err)
	}
	if err := <-worked; err != nil {
		t.Errorf("worker: %v", err)
	}
}
