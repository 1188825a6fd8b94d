package crawl

import (
	"sync/atomic"

	"github.com/govwatch/govwatch/checks"
)

// Progress counts a crawl's work as it happens, for a progress bar or
// metrics. Its methods are safe for concurrent use.
type Progress struct {
	pages   atomic.Int64
	links   atomic.Int64
	queue   atomic.Int64
	broken  atomic.Int64
	blocked atomic.Int64
}

// Snapshot is a Progress at one moment.
type Snapshot struct {
	Pages, Links, Queue, Broken, Blocked int64
}

// Snapshot reads the counters.
func (p *Progress) Snapshot() Snapshot {
	return Snapshot{Pages: p.pages.Load(), Links: p.links.Load(), Queue: p.queue.Load(), Broken: p.broken.Load(), Blocked: p.blocked.Load()}
}

func (p *Progress) setQueue(n int) { p.queue.Store(int64(n)) }

func (p *Progress) record(res jobResult) {
	p.links.Add(1)
	if res.page != nil {
		p.pages.Add(1)
	}
	switch {
	case res.outcome == checks.OutcomeBlocked:
		p.blocked.Add(1)
	case res.outcome.Broken() || res.outcome == checks.OutcomeSoft404:
		p.broken.Add(1)
	}
}
