package crawl

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/govwatch/govwatch/checks"
)

// Site is what to crawl and how.
type Site struct {
	ID, Name, Unit, URL string
	ExtraHosts          []string
	Columns             []checks.Column // from config: they override discovery
	MaxAgeDays          map[string]int  // freshness windows by category, from config
	MaxPages            int             // pages read; further pages are only checked
	MaxDepth            int             // 0: unlimited
	Workers             int             // fetches in flight for the whole crawl
	CheckExternal       bool
	HonourRobots        bool
	MaxHTMLBytes        int64
	MaxAttachmentBytes  int64  // attachments longer than this are not read
	TempDir             string // where attachments are downloaded; "" for the system's
	MaxReferrers        int    // referrers kept per link target
	Trap                TrapLimits
	UserAgent           string // the robots.txt token is its first word
	// Validators, when set, make link checks conditional on what the last
	// crawl saw, and record what this one sees.
	Validators *Validators
	// Transport says how to probe the homepage's HTTPS certificate and IPv6.
	Transport TransportProbe
	// KeepItems keeps every column's list items even when no check is a
	// checks.ColumnCheck (to show or export the column model).
	KeepItems bool
}

// Crawler crawls one site at a time, runs page checks on each page as it is
// read and site checks once the crawl ends.
type Crawler struct {
	fetch      Fetcher
	log        *zap.Logger
	pageChecks []checks.PageCheck
	siteChecks []checks.SiteCheck
	// attachmentChecks read attachments' text; without them attachments
	// are only checked to answer.
	attachmentChecks []checks.AttachmentCheck
	// textSlots bounds how many attachments are read at once: a large
	// file's text costs a few times its size in memory, downloads do not.
	textSlots chan struct{}
	keepItems bool // a check reads column items
	progress  *Progress
}

// New returns a crawler. Each check is run as a PageCheck, a SiteCheck or
// both, as it implements them; checks must be safe for concurrent use.
func New(f Fetcher, log *zap.Logger, cs []checks.Check, progress *Progress) *Crawler {
	if log == nil {
		log = zap.NewNop()
	}
	c := &Crawler{fetch: f, log: log, progress: progress, textSlots: make(chan struct{}, 2)}
	if c.progress == nil {
		c.progress = &Progress{}
	}
	for _, ch := range cs {
		if pc, ok := ch.(checks.PageCheck); ok {
			c.pageChecks = append(c.pageChecks, pc)
		}
		if sc, ok := ch.(checks.SiteCheck); ok {
			c.siteChecks = append(c.siteChecks, sc)
		}
		if ac, ok := ch.(checks.AttachmentCheck); ok {
			c.attachmentChecks = append(c.attachmentChecks, ac)
		}
		if _, ok := ch.(checks.ColumnCheck); ok {
			c.keepItems = true
		}
	}
	return c
}

// Crawl reads the site, reports findings to r as they are found and returns
// what it saw. now is the judgement date that findings are stamped with. A
// cancelled crawl returns what it saw with Complete false and ctx's error.
func (c *Crawler) Crawl(ctx context.Context, site Site, now time.Time, r checks.Reporter) (*checks.Site, error) {
	applySiteDefaults(&site)
	root, err := Normalize(site.URL)
	if err != nil {
		return nil, fmt.Errorf("site %s: url %q: %w", site.ID, site.URL, err)
	}
	scope, err := NewScope(root, site.ExtraHosts)
	if err != nil {
		return nil, fmt.Errorf("site %s: %w", site.ID, err)
	}
	rep := &stampingReporter{next: r, site: site.ID, unit: site.Unit, at: now}
	st := newState(site, root, scope)
	st.keepItems = site.KeepItems || c.keepItems
	st.readAttachments = len(c.attachmentChecks) > 0
	started := time.Now()
	log := c.log.With(zap.String("site", site.ID))

	c.prepare(ctx, st, log)
	c.loop(ctx, st, rep)

	out := st.result(now)
	if ctx.Err() == nil {
		out.Transport = c.probeTransport(ctx, root, out.Homepage, site.Transport)
	}
	out.Started, out.Finished = started, time.Now()
	if ctx.Err() != nil {
		out.Complete = false
		return out, ctx.Err()
	}
	for _, sc := range c.siteChecks {
		if err := sc.CheckSite(ctx, out, rep); err != nil {
			return out, fmt.Errorf("site %s: check %s: %w", site.ID, sc.Name(), err)
		}
	}
	log.Info("crawl finished", zap.Int("pages", out.Pages), zap.Int("links", out.LinksChecked),
		zap.Bool("complete", out.Complete), zap.Duration("took", out.Finished.Sub(started)))
	return out, nil
}

func applySiteDefaults(s *Site) {
	if s.Workers < 1 {
		s.Workers = 8
	}
	if s.MaxPages < 1 {
		s.MaxPages = 50000
	}
	if s.MaxAttachmentBytes <= 0 {
		s.MaxAttachmentBytes = 100 << 20
	}
	if s.MaxHTMLBytes <= 0 {
		s.MaxHTMLBytes = 10 << 20
	}
	if s.MaxReferrers < 1 {
		s.MaxReferrers = 100
	}
	if s.Trap == (TrapLimits{}) {
		s.Trap = DefaultTrapLimits()
	}
	if s.UserAgent == "" {
		s.UserAgent = DefaultHTTPOptions().UserAgent
	}
}

// loop runs the fetches: one goroutine per job in flight, at most
// site.Workers of them, while this goroutine alone owns the crawl state.
func (c *Crawler) loop(ctx context.Context, st *state, r checks.Reporter) {
	results := make(chan jobResult)
	var wg sync.WaitGroup
	defer wg.Wait()
	inflight := 0
	for {
		for inflight < st.site.Workers && st.queueLen() > 0 && ctx.Err() == nil {
			t := st.pop()
			job := st.jobFor(t)
			inflight++
			wg.Add(1)
			go func() {
				defer wg.Done()
				results <- c.run(ctx, st, job, r)
			}()
		}
		c.progress.setQueue(st.queueLen() + inflight)
		if inflight == 0 {
			return
		}
		res := <-results
		inflight--
		st.apply(res)
		c.progress.record(res)
	}
}

// stampingReporter completes findings and serialises reports from the
// crawl's goroutines.
type stampingReporter struct {
	mu   sync.Mutex
	next checks.Reporter
	site string
	unit string
	at   time.Time
}

func (s *stampingReporter) Report(f checks.Finding) {
	f = checks.Stamp(f, s.site, s.unit, s.at)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next.Report(f)
}

func sortedLinks(targets map[string]*target) []checks.LinkStatus {
	var out []checks.LinkStatus
	for _, t := range targets {
		if t.outcome == checks.OutcomeOK {
			continue
		}
		out = append(out, t.status())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Target < out[j].Target })
	return out
}
