// Package worker runs one crawl of one site and puts what it found on the
// bus: each finding as it is reported, then the crawl's summary, which lets
// the ledger rectify what a complete crawl no longer sees.
package worker

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/bus"
	"github.com/govwatch/govwatch/monitor/config"
	"github.com/govwatch/govwatch/monitor/inspect"
)

// publisher reports findings to the bus, keeping the ids it sent and the
// first error: a crawl whose findings did not all reach the bus must not
// rectify anything.
type publisher struct {
	ctx     context.Context
	bus     *bus.Bus
	crawlID string
	mu      sync.Mutex
	seen    []string
	err     error
}

func (p *publisher) Report(f checks.Finding) {
	err := p.bus.PublishFinding(p.ctx, p.crawlID, f)
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil && p.err == nil {
		p.err = err
	}
	p.seen = append(p.seen, f.ID)
}

// Crawl inspects site with the checks and publishes findings and summary
// under crawlID (the job's id: a job redone after a worker died publishes
// under the same id, and the stream drops what it already has).
func Crawl(ctx context.Context, b *bus.Bus, site config.Site, cs []checks.Check, crawlID string, now time.Time, opts inspect.Options) (*checks.Site, error) {
	p := &publisher{ctx: ctx, bus: b, crawlID: crawlID}
	seen, crawlErr := inspect.RunSite(ctx, site, cs, now, p, opts)
	if ctx.Err() != nil {
		return seen, ctx.Err() // a cancelled crawl says nothing: its job comes again
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return seen, fmt.Errorf("site %s: findings not published: %w", site.ID, p.err)
	}
	done := bus.CrawlDone{
		CrawlID: crawlID, Site: site.ID, Checks: inspect.CheckIDs(cs), Seen: p.seen,
		Complete: crawlErr == nil && seen != nil && seen.Complete, At: now,
	}
	if err := b.PublishDone(ctx, done); err != nil {
		return seen, errors.Join(crawlErr, err)
	}
	return seen, crawlErr
}
