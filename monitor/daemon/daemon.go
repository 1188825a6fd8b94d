// Package daemon is `govwatch serve`: the bus (an embedded NATS server with
// JetStream under the data dir, or a cluster), the ledger fed from the
// findings stream, a scheduler that crawls each site at start and then at an
// interval, and an HTTP server with /metrics, /healthz, /readyz and a JSON
// API over the ledger.
package daemon

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/bus"
	"github.com/govwatch/govwatch/monitor/config"
	"github.com/govwatch/govwatch/monitor/inspect"
	"github.com/govwatch/govwatch/monitor/ledger"
	"github.com/govwatch/govwatch/monitor/worker"
)

// Options configure a daemon.
type Options struct {
	Config  *config.Config
	DataDir string
	Listen  string // host:port of the HTTP server
	NATS    string // comma-separated cluster URLs; "" runs the embedded server
	// Every is how often each site is crawled after the first crawl at start.
	Every time.Duration
	// Now is the judgement clock (the real one unless --now fixes it).
	Now     func() time.Time
	Log     *zap.Logger
	Version string
	Inspect inspect.Options // crawl options (TLS roots in tests)
	// Ready, when set, is called with the HTTP address once it listens.
	Ready func(addr string)
	// Crawled, when set, is called after each crawl's summary is applied.
	Crawled func(site string)
}

// LedgerPath is where the ledger lives in a data dir.
func LedgerPath(dataDir string) string { return filepath.Join(dataDir, "ledger.db") }

// Run serves until ctx ends.
func Run(ctx context.Context, o Options) error {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = zap.NewNop()
	}
	if o.Every <= 0 {
		o.Every = 24 * time.Hour
	}
	if err := os.MkdirAll(o.DataDir, 0o755); err != nil {
		return fmt.Errorf("data dir: %w", err)
	}
	cs, err := inspect.Checks(o.Config, o.Inspect.Checks)
	if err != nil {
		return err
	}
	led, err := ledger.Open(LedgerPath(o.DataDir))
	if err != nil {
		return err
	}
	defer led.Close()
	var b *bus.Bus
	if o.NATS == "" {
		b, err = bus.Embedded(filepath.Join(o.DataDir, "nats"))
	} else {
		b, err = bus.Connect(o.NATS)
	}
	if err != nil {
		return err
	}
	defer b.Close()
	if err := b.EnsureStreams(ctx); err != nil {
		return err
	}
	m := newMetrics(led, o.Version)
	ln, err := net.Listen("tcp", o.Listen)
	if err != nil {
		return fmt.Errorf("listen %s: %w", o.Listen, err)
	}
	srv := &http.Server{Handler: handler(led, m), ReadHeaderTimeout: 10 * time.Second}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	wg.Go(func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs <- err
		}
	})
	wg.Go(func() {
		h := sink(led, m)
		if o.Crawled != nil {
			h = notifyDone(h, o.Crawled)
		}
		if err := b.Consume(ctx, "ledger", h, func(subject string, err error) {
			o.Log.Warn("findings message dropped", zap.String("subject", subject), zap.Error(err))
		}); err != nil {
			errs <- err
		}
	})
	wg.Go(func() { schedule(ctx, o, b, cs, m) })
	if o.Ready != nil {
		o.Ready(ln.Addr().String())
	}
	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-errs:
		cancel()
	}
	shutdown, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	srv.Shutdown(shutdown)
	wg.Wait()
	return runErr
}

// notifyDone calls done for each crawl summary of a batch once the batch
// is applied.
func notifyDone(h bus.Handler, done func(site string)) bus.Handler {
	return func(ctx context.Context, batch []bus.Envelope) error {
		if err := h(ctx, batch); err != nil {
			return err
		}
		for _, e := range batch {
			if e.Done != nil {
				done(e.Done.Site)
			}
		}
		return nil
	}
}

// schedule crawls every site once at start, so a new install shows results
// within minutes, then each one every o.Every, sites one after another.
func schedule(ctx context.Context, o Options, b *bus.Bus, cs []checks.Check, m *metrics) {
	for {
		for _, s := range o.Config.Sites {
			if ctx.Err() != nil {
				return
			}
			crawlOnce(ctx, o, b, s, cs, m)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(o.Every):
		}
	}
}

func crawlOnce(ctx context.Context, o Options, b *bus.Bus, s config.Site, cs []checks.Check, m *metrics) {
	now := o.Now()
	crawlID := s.ID + "/" + time.Now().UTC().Format("20060102T150405.000")
	start := time.Now()
	seen, err := worker.Crawl(ctx, b, s, cs, crawlID, now, o.Inspect)
	took := time.Since(start)
	result := "failed"
	switch {
	case err == nil && seen != nil && seen.Complete:
		result = "complete"
		m.lastSuccess.WithLabelValues(s.ID).SetToCurrentTime()
	case seen != nil:
		result = "incomplete"
	}
	if seen != nil {
		m.pages.WithLabelValues(s.ID).Add(float64(seen.Pages))
		m.links.WithLabelValues(s.ID).Add(float64(seen.LinksChecked))
	}
	m.crawls.WithLabelValues(s.ID, result).Inc()
	m.duration.WithLabelValues(s.ID).Observe(took.Seconds())
	o.Log.Info("crawl", zap.String("site", s.ID), zap.String("crawl", crawlID), zap.String("result", result),
		zap.Duration("took", took), zap.Error(err))
}
