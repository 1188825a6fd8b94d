package daemon

import (
	"context"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/bus"
	"github.com/govwatch/govwatch/monitor/ledger"
)

// sink applies batches of the findings stream to the ledger, in order:
// findings are recorded a crawl's run at a time (one transaction each), and
// a summary closes its crawl after the findings before it. Both steps are
// idempotent, so a redelivered batch changes nothing.
func sink(l *ledger.Ledger, m *metrics) bus.Handler {
	return func(ctx context.Context, batch []bus.Envelope) error {
		var run []checks.Finding
		crawl := ""
		flush := func() error {
			if len(run) == 0 {
				return nil
			}
			err := l.Record(ctx, crawl, run)
			if err == nil {
				m.findings.Add(float64(len(run)))
			}
			run = run[:0]
			return err
		}
		for _, e := range batch {
			if e.Finding != nil {
				if e.CrawlID != crawl {
					if err := flush(); err != nil {
						return err
					}
					crawl = e.CrawlID
				}
				run = append(run, *e.Finding)
				continue
			}
			if err := flush(); err != nil {
				return err
			}
			d := e.Done
			n, err := l.CompleteCrawl(ctx, d.CrawlID, d.Site, d.Checks, d.Seen, d.Complete, d.At)
			if err != nil {
				return err
			}
			m.rectified.Add(float64(n))
		}
		return flush()
	}
}
