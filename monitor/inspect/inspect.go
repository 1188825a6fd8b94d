// Package inspect runs one inspection of the sites in a config: it builds
// the checks and a fetcher from the config and crawls each site. It is what
// `govwatch check` and `govwatch demo` run, and what a worker runs per job.
package inspect

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/checks/all"
	"github.com/govwatch/govwatch/monitor/config"
	"github.com/govwatch/govwatch/monitor/crawl"
)

// Options tune a run beyond the config.
type Options struct {
	Checks   []string // families to run; empty runs all
	Log      *zap.Logger
	Progress *crawl.Progress
	TLS      *tls.Config // replaces the default TLS client config (tests)
	// Validators, when set, make link checks conditional on the last run's
	// ETag and Last-Modified answers.
	Validators *crawl.Validators
	// KeepItems keeps columns' list items even when no check reads them.
	KeepItems bool
}

// Checks builds the named families (all when names is empty) from their
// config sections, with errors that name the file and line.
func Checks(cfg *config.Config, names []string) ([]checks.Check, error) {
	reg, err := all.Registry()
	if err != nil {
		return nil, err
	}
	if err := cfg.UnknownChecks(reg.Names()); err != nil {
		return nil, err
	}
	if len(names) == 0 {
		names = reg.Names()
	}
	var out []checks.Check
	for _, name := range names {
		def, ok := reg.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("check family %q is not one of %s", name, strings.Join(reg.Names(), ", "))
		}
		c := def.DefaultConfig()
		if err := cfg.CheckConfig(name, c); err != nil {
			return nil, err
		}
		ch, err := def.New(c)
		if err != nil {
			return nil, err
		}
		out = append(out, ch)
	}
	return out, nil
}

// Fetcher builds the fetcher a site's crawl settings ask for: retries
// outside the host limit, so a retry's wait holds no connection slot.
func Fetcher(c config.Crawl, tlsConfig *tls.Config) crawl.Fetcher {
	opts := crawl.HTTPOptions{
		Timeout: c.Timeout, ConnectTimeout: c.ConnectTimeout, MaxRedirects: c.MaxRedirects,
		UserAgent: c.UserAgent, MaxConnsIdle: c.PerHost, TLS: tlsConfig,
	}
	limited := crawl.WithHostLimit(crawl.NewHTTPFetcher(opts), crawl.HostLimits{Concurrent: c.PerHost, Rate: c.Rate})
	return crawl.WithRetry(limited, crawl.RetryOptions{Retries: c.Retries})
}

// CrawlSite turns a configured site into what the crawler takes.
func CrawlSite(s config.Site) crawl.Site {
	cols := make([]checks.Column, 0, len(s.Columns))
	for _, c := range s.Columns {
		cols = append(cols, checks.Column{URL: c.URL, Name: c.Name, Category: c.Category, Unit: c.Unit, MaxAgeDays: c.MaxAgeDays})
	}
	return crawl.Site{
		ID: s.ID, Name: s.Name, Unit: s.Unit, URL: s.URL, ExtraHosts: s.ExtraHosts, Columns: cols, MaxAgeDays: s.MaxAgeDays,
		MaxPages: s.MaxPages, MaxDepth: s.MaxDepth, Workers: s.Crawl.Workers,
		CheckExternal: s.Crawl.CheckExternal, HonourRobots: s.Crawl.Robots == config.RobotsHonour,
		MaxHTMLBytes: int64(s.Crawl.MaxHTMLBytes), MaxAttachmentBytes: int64(s.Crawl.MaxAttachmentBytes), MaxReferrers: s.Crawl.MaxReferrers,
		UserAgent: s.Crawl.UserAgent,
	}
}

// Run crawls every site of cfg once, reporting findings to r as they come.
// A site that fails does not stop the others; their errors are joined.
func Run(ctx context.Context, cfg *config.Config, now time.Time, r checks.Reporter, opts Options) ([]*checks.Site, error) {
	cs, err := Checks(cfg, opts.Checks)
	if err != nil {
		return nil, err
	}
	var sites []*checks.Site
	var errs []error
	for _, s := range cfg.Sites {
		seen, err := RunSite(ctx, s, cs, now, r, opts)
		if seen != nil {
			sites = append(sites, seen)
		}
		if err != nil {
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
		}
	}
	return sites, errors.Join(errs...)
}

// RunSite crawls one site with the given checks.
func RunSite(ctx context.Context, s config.Site, cs []checks.Check, now time.Time, r checks.Reporter, opts Options) (*checks.Site, error) {
	if opts.Log == nil {
		opts.Log = zap.NewNop()
	}
	c := crawl.New(Fetcher(s.Crawl, opts.TLS), opts.Log, cs, opts.Progress)
	site := CrawlSite(s)
	site.Validators = opts.Validators
	site.KeepItems = opts.KeepItems
	site.Transport.TLS = opts.TLS
	return c.Crawl(ctx, site, now, r)
}

// CheckIDs are the check ids the families report.
func CheckIDs(cs []checks.Check) []string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.IDs()...)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// Families lists the compiled-in check families.
func Families() []string {
	reg, err := all.Registry()
	if err != nil {
		return nil
	}
	return slices.Clone(reg.Names())
}
