package daemon

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/govwatch/govwatch/monitor/bus"
	"github.com/govwatch/govwatch/monitor/ledger"
)

// metrics are the daemon's Prometheus metrics (DESIGN.md): no URL or title
// labels, only sites, units, checks and severities, which are few.
type metrics struct {
	registry    *prometheus.Registry
	findings    prometheus.Counter
	rectified   prometheus.Counter
	crawls      *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	lastSuccess *prometheus.GaugeVec
	pages       *prometheus.CounterVec
	links       *prometheus.CounterVec
	deadJobs    prometheus.Counter
}

func newMetrics(l *ledger.Ledger, version string) *metrics {
	return newMetricsFor(l, nil, version)
}

// newMetricsFor adds, when b is set, the job queue's depth read at scrape.
func newMetricsFor(l *ledger.Ledger, b *bus.Bus, version string) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		findings: prometheus.NewCounter(prometheus.CounterOpts{Name: "govwatch_findings_recorded_total",
			Help: "Findings recorded in the ledger (each sighting of a finding by a crawl)."}),
		rectified: prometheus.NewCounter(prometheus.CounterOpts{Name: "govwatch_findings_rectified_total",
			Help: "Findings a complete crawl no longer saw."}),
		crawls: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "govwatch_crawls_total",
			Help: "Crawls by site and result (complete, incomplete, failed)."}, []string{"site", "result"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "govwatch_crawl_duration_seconds",
			Help: "How long a site's crawl took.", Buckets: prometheus.ExponentialBuckets(1, 2, 14)}, []string{"site"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "govwatch_crawl_last_success_timestamp_seconds",
			Help: "When the site's last complete crawl ended."}, []string{"site"}),
		pages: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "govwatch_pages_fetched_total",
			Help: "Pages read by crawls."}, []string{"site"}),
		links: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "govwatch_links_checked_total",
			Help: "Distinct link targets checked by crawls."}, []string{"site"}),
		deadJobs: prometheus.NewCounter(prometheus.CounterOpts{Name: "govwatch_jobs_dead_lettered_total",
			Help: "Crawl jobs given up after their last try."}),
	}
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "govwatch_build_info", Help: "The running govwatch."}, []string{"version"})
	build.WithLabelValues(version).Set(1)
	m.registry.MustRegister(m.findings, m.rectified, m.deadJobs, m.crawls, m.duration, m.lastSuccess, m.pages, m.links, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if l != nil { // a worker has no ledger
		m.registry.MustRegister(openFindings{l})
	}
	if b != nil {
		m.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "govwatch_jobs_pending",
			Help: "Crawl jobs waiting in the queue or being crawled."}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			n, err := b.PendingJobs(ctx)
			if err != nil {
				return -1
			}
			return float64(n)
		}))
	}
	return m
}

// openFindings reads the ledger's open findings at each scrape, so the
// gauge is the ledger's state, whichever process wrote it.
type openFindings struct{ l *ledger.Ledger }

var openDesc = prometheus.NewDesc("govwatch_findings_open", "Open findings (open or reopened) in the ledger.",
	[]string{"site", "unit", "check", "severity"}, nil)

func (o openFindings) Describe(ch chan<- *prometheus.Desc) { ch <- openDesc }

func (o openFindings) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	counts, err := o.l.OpenCounts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(openDesc, err)
		return
	}
	for _, c := range counts {
		ch <- prometheus.MustNewConstMetric(openDesc, prometheus.GaugeValue, float64(c.Open), c.Site, c.Unit, c.Check, c.Severity)
	}
}
