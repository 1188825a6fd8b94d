package crawl

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"go.uber.org/zap"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/charset"
	"github.com/govwatch/govwatch/monitor/extract"
)

// apply folds a finished job into the crawl state: the target's outcome,
// and for a page its links, list and navigation.
func (st *state) apply(res jobResult) {
	t := st.targets[res.job.url]
	t.done, t.outcome, t.code, t.reason = true, res.outcome, res.status, res.reason
	if res.finalURL != res.job.url {
		t.finalURL = res.finalURL
	}
	st.checked++
	if res.note != "" {
		st.skip(res.job.url, res.note)
	}
	st.aliasFinal(t, res)
	if t.outcome == checks.OutcomeOK && t.url != st.root {
		st.markFine(t.url) // only problems are reported: the rest is a hash
	}
	p := res.page
	if p == nil {
		return
	}
	if p.list != nil || p.scriptFilled {
		// Only list pages are kept: they make the column model at the end.
		info := &listInfo{list: p.list, columnName: p.columnName, scriptFilled: p.scriptFilled}
		if p.list != nil && !st.keepItems {
			info.list = &checks.ListPage{Next: p.list.Next, Placeholder: p.list.Placeholder}
		}
		st.lists[t.url] = info
		if norm, err := Normalize(res.finalURL); err == nil {
			st.lists[norm] = info
		}
	}
	if p.page != nil {
		st.homepage = p.page
		st.nav = p.nav
	}
	referrer := res.finalURL
	seen := make(map[string]bool, len(p.links))
	for _, l := range p.links {
		norm, err := Normalize(l.URL)
		if err != nil || seen[norm] {
			continue
		}
		seen[norm] = true
		st.discover(norm, l, referrer, res.job.depth+1)
	}
}

// aliasFinal records a redirect's destination as done, so that links
// straight to it are not fetched again.
func (st *state) aliasFinal(t *target, res jobResult) {
	if t.finalURL == "" || !st.scope.Internal(t.finalURL) {
		return
	}
	norm, err := Normalize(t.finalURL)
	if err != nil {
		return
	}
	if _, ok := st.targets[norm]; ok || st.isFine(norm) {
		return
	}
	if t.outcome == checks.OutcomeOK {
		st.fine[urlHash(norm)] = struct{}{}
		return
	}
	st.targets[norm] = &target{url: norm, kind: t.kind, depth: t.depth, done: true, outcome: t.outcome, code: t.code, reason: t.reason}
}

// result assembles what the crawl saw for the site checks.
func (st *state) result(now time.Time) *checks.Site {
	return &checks.Site{
		ID: st.site.ID, Unit: st.site.Unit, Name: st.site.Name, URL: st.root,
		Homepage: st.homepage, Links: sortedLinks(st.targets), Columns: st.columns(), MaxAgeDays: st.site.MaxAgeDays,
		Pages: st.pages, LinksChecked: st.checked, Skipped: st.skipped,
		// A crawl that could not read the homepage judged nothing.
		Complete: !st.capped && st.homepage != nil, Now: now,
	}
}

// prepare reads robots.txt and sitemaps and learns each host's answer to a
// URL that cannot exist, before the crawl loop starts.
func (c *Crawler) prepare(ctx context.Context, st *state, log *zap.Logger) {
	root, _ := url.Parse(st.root)
	hosts := []string{root.Host}
	for _, h := range st.site.ExtraHosts {
		hosts = append(hosts, strings.ToLower(h))
	}
	for _, h := range hosts {
		if sig := c.probeNotFound(ctx, root.Scheme+"://"+h); sig != nil {
			st.probes[h] = sig
		}
	}
	base := root.Scheme + "://" + root.Host
	var sitemaps []string
	if resp, err := c.fetch.Fetch(ctx, Request{URL: base + "/robots.txt", MaxBody: 512 << 10}); err == nil && resp.Status == 200 {
		agent, _, _ := strings.Cut(st.site.UserAgent, "/")
		robots := ParseRobots(string(resp.Body), agent)
		if st.site.HonourRobots {
			st.robots = robots
		}
		sitemaps = robots.Sitemaps
	}
	if len(sitemaps) == 0 {
		sitemaps = []string{base + "/sitemap.xml"}
	}
	c.seedSitemaps(ctx, st, sitemaps, log)
}

// probeNotFound requests a random URL on a host: what it answers is what
// that host's missing pages look like.
func (c *Crawler) probeNotFound(ctx context.Context, origin string) *notFoundSignature {
	var b [8]byte
	rand.Read(b[:])
	resp, err := c.fetch.Fetch(ctx, Request{URL: origin + "/govwatch-" + hex.EncodeToString(b[:]) + "-missing.html", MaxBody: 1 << 20})
	if err != nil || resp.Status != 200 || !isHTML(resp) {
		return nil
	}
	text, enc, _ := charset.Decode(resp.Body, resp.Header.Get("Content-Type"))
	doc, err := extract.Parse(resp.FinalURL, text, enc)
	if err != nil {
		return nil
	}
	return &notFoundSignature{Status: resp.Status, Title: doc.Title, Length: utf8.RuneCountInString(doc.Text)}
}

const maxSitemapURLs = 50000

func (c *Crawler) seedSitemaps(ctx context.Context, st *state, sitemaps []string, log *zap.Logger) {
	for depth := 0; depth < 2 && len(sitemaps) > 0; depth++ {
		var nested []string
		for _, sm := range sitemaps {
			resp, err := c.fetch.Fetch(ctx, Request{URL: sm, MaxBody: 50 << 20})
			if err != nil || resp.Status != 200 {
				continue
			}
			pages, more, err := ParseSitemap(resp.Body, maxSitemapURLs)
			if err != nil {
				log.Warn("sitemap not read", zap.String("url", sm), zap.Error(err))
				continue
			}
			for _, p := range pages {
				if norm, err := Normalize(p); err == nil && st.scope.Internal(norm) {
					st.discover(norm, checks.Link{URL: norm, Kind: checks.KindPage}, sm, 1)
				}
			}
			nested = append(nested, more...)
		}
		sitemaps = nested
	}
}
