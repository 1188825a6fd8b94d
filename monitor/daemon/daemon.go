// Package daemon is `govwatch serve`: the bus (an embedded NATS server with
// JetStream under the data dir, or a cluster), the ledger fed from the
// findings stream, a scheduler that queues a crawl of each site at start and
// then at an interval, worker slots that take crawls from the queue (more
// of them run as `govwatch worker` on other machines), and an HTTP server
// with /metrics, /healthz, /readyz and a JSON API over the ledger.
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
	// Slots is how many crawls this process runs at once; with 0, serve
	// runs none and only `govwatch worker`s crawl.
	Slots int
	Jobs  bus.JobOptions
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
	b, err := openBus(ctx, o.NATS, o.DataDir, o.Jobs)
	if err != nil {
		return err
	}
	defer b.Close()
	m := newMetricsFor(led, b, o.Version)
	ln, err := net.Listen("tcp", o.Listen)
	if err != nil {
		return fmt.Errorf("listen %s: %w", o.Listen, err)
	}
	crawlNow := func(ctx context.Context, site string) error {
		if o.Config.Site(site) == nil {
			return fmt.Errorf("%w: %q", errUnknownSite, site)
		}
		return b.Enqueue(ctx, newJob(site))
	}
	srv := &http.Server{Handler: handler(led, m, crawlNow), ReadHeaderTimeout: 10 * time.Second}
	// On the way out the scheduler stops first (a crawl in flight is
	// cancelled and sends no summary), then the ledger catches up with the
	// stream, then the HTTP server stops: the ledger never lags the stream
	// across a restart.
	schedCtx, stopSched := context.WithCancel(ctx)
	defer stopSched()
	consumeCtx, stopConsume := context.WithCancel(context.Background())
	defer stopConsume()
	drain := make(chan struct{})
	errs := make(chan error, 2+o.Slots) // one per goroutine that can fail: none blocks on exit
	var serving, consuming, scheduling sync.WaitGroup
	serving.Go(func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs <- err
		}
	})
	consuming.Go(func() {
		h := sink(led, m)
		if o.Crawled != nil {
			h = notifyDone(h, o.Crawled)
		}
		if err := b.Consume(consumeCtx, "ledger", h, func(subject string, err error) {
			o.Log.Warn("findings message dropped", zap.String("subject", subject), zap.Error(err))
		}, drain); err != nil {
			errs <- err
		}
	})
	scheduling.Go(func() { schedule(schedCtx, o, b) })
	for range o.Slots {
		scheduling.Go(func() {
			if err := work(schedCtx, o, b, cs, m); err != nil {
				errs <- err
			}
		})
	}
	if o.Ready != nil {
		o.Ready(ln.Addr().String())
	}
	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-errs:
	}
	stopSched()
	scheduling.Wait()
	close(drain)
	drained := make(chan struct{})
	go func() { consuming.Wait(); close(drained) }()
	select {
	case <-drained:
	case <-time.After(30 * time.Second):
		o.Log.Warn("the ledger did not catch up with the stream in 30 s; it will on the next start")
		stopConsume()
		<-drained
	}
	shutdown, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	srv.Shutdown(shutdown)
	serving.Wait()
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

// schedule queues a crawl of every site at start, so a new install shows
// results within minutes, then of each one every o.Every. A site whose
// crawl is still waiting gets no second one.
func schedule(ctx context.Context, o Options, b *bus.Bus) {
	for {
		for _, s := range o.Config.Sites {
			if err := b.Enqueue(ctx, newJob(s.ID)); err != nil && !errors.Is(err, bus.ErrJobPending) && ctx.Err() == nil {
				o.Log.Warn("queue a crawl", zap.String("site", s.ID), zap.Error(err))
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(o.Every):
		}
	}
}

var errUnknownSite = errors.New("no such site in the config")

// newJob is a crawl of site queued now; its id names the site and the time.
func newJob(site string) bus.Job {
	now := time.Now()
	return bus.Job{ID: site + "/" + now.UTC().Format("20060102T150405.000"), Site: site, At: now}
}

// work runs crawl jobs from the queue until ctx ends.
func work(ctx context.Context, o Options, b *bus.Bus, cs []checks.Check, m *metrics) error {
	return b.Work(ctx, o.Jobs, func(ctx context.Context, j bus.Job) error {
		s := o.Config.Site(j.Site)
		if s == nil {
			return fmt.Errorf("site %q is not in this worker's config", j.Site)
		}
		return crawlOnce(ctx, o, b, *s, j.ID, cs, m)
	}, func(j bus.Job, err error) {
		m.deadJobs.Inc()
		o.Log.Error("crawl job given up", zap.String("site", j.Site), zap.String("job", j.ID), zap.Error(err))
	})
}

// crawlOnce runs one crawl job; an error means the job should be tried
// again (the site did not answer, the bus failed), not that it found problems.
func crawlOnce(ctx context.Context, o Options, b *bus.Bus, s config.Site, crawlID string, cs []checks.Check, m *metrics) error {
	now := o.Now()
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
	if seen == nil {
		return err
	}
	return nil // a crawl that ran, even incomplete, has said what it saw
}

// Rebuild replays the findings stream into a fresh ledger beside the
// current one and then puts it in its place: the same messages in the same
// order give the same state. The daemon must not be running on dataDir
// (its embedded NATS store is in use); with natsURLs the cluster's stream
// is read.
func Rebuild(ctx context.Context, dataDir, natsURLs string) (int, error) {
	b, err := openBus(ctx, natsURLs, dataDir, bus.JobOptions{})
	if err != nil {
		return 0, err
	}
	defer b.Close()
	fresh := LedgerPath(dataDir) + ".rebuild"
	os.Remove(fresh)
	l, err := ledger.Open(fresh)
	if err != nil {
		return 0, err
	}
	n, err := b.Replay(ctx, sink(l, newMetrics(l, "rebuild")), func(string, error) {})
	if cerr := l.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(fresh)
		return n, err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(LedgerPath(dataDir) + suffix)
	}
	return n, os.Rename(fresh, LedgerPath(dataDir))
}

// Work runs only crawl slots against an existing cluster (`govwatch
// worker`): more crawl capacity, no ledger, scheduler or HTTP server.
func Work(ctx context.Context, o Options) error {
	if o.NATS == "" {
		return errors.New("a worker joins a NATS cluster: give its URLs")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = zap.NewNop()
	}
	cs, err := inspect.Checks(o.Config, o.Inspect.Checks)
	if err != nil {
		return err
	}
	b, err := openBus(ctx, o.NATS, "", o.Jobs)
	if err != nil {
		return err
	}
	defer b.Close()
	if o.Slots < 1 {
		return errors.New("a worker needs at least one slot")
	}
	m := newMetrics(nil, o.Version)
	var wg sync.WaitGroup
	errs := make(chan error, o.Slots)
	for range o.Slots {
		wg.Go(func() {
			if err := work(ctx, o, b, cs, m); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// openBus connects to the cluster at natsURLs, or starts the embedded
// server with its store in dataDir, and makes sure the streams exist.
func openBus(ctx context.Context, natsURLs, dataDir string, jobs bus.JobOptions) (*bus.Bus, error) {
	var b *bus.Bus
	var err error
	if natsURLs == "" {
		b, err = bus.Embedded(filepath.Join(dataDir, "nats"))
	} else {
		b, err = bus.Connect(natsURLs)
	}
	if err != nil {
		return nil, err
	}
	if err = b.EnsureStreams(ctx); err == nil {
		err = b.EnsureJobs(ctx, jobs)
	}
	if err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}
