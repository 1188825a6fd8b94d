package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/charset"
	"github.com/govwatch/govwatch/monitor/extract"
)

// job is a copy of what a fetch goroutine needs, so that it never reads the
// crawl state.
type job struct {
	url      string
	kind     checks.LinkKind
	depth    int
	page     bool // read it as a page; otherwise only check it answers
	read     bool // an attachment whose text is read
	ref      checks.Referrer
	homepage bool
	probe    *notFoundSignature
}

// jobResult is what a fetch goroutine hands back to the crawl loop.
type jobResult struct {
	job      job
	outcome  checks.Outcome
	status   int
	reason   string
	finalURL string
	page     *pageResult // set when a page was read
	note     string      // a reason the page was only partly read
}

type pageResult struct {
	links        []checks.Link
	nav          []checks.Link
	list         *checks.ListPage
	columnName   string
	scriptFilled bool
	page         *checks.Page // kept only for the homepage
}

func (st *state) jobFor(t *target) job {
	j := job{url: t.url, kind: t.kind, depth: t.depth, homepage: t.url == st.root}
	if st.isPageURL(t) {
		if st.pages < st.site.MaxPages {
			j.page = true
			st.pages++
		} else {
			st.capped = true
		}
	}
	if st.readsAttachment(t) {
		j.read = true
		if len(t.refs) > 0 {
			j.ref = t.refs[0]
		}
	}
	if u, err := url.Parse(t.url); err == nil {
		j.probe = st.probes[strings.ToLower(u.Host)]
	}
	return j
}

func (c *Crawler) run(ctx context.Context, st *state, j job, r checks.Reporter) jobResult {
	if j.page {
		return c.readPage(ctx, st.site, j, r)
	}
	if j.read {
		return c.readAttachment(ctx, st.site, j, r)
	}
	return c.checkLink(ctx, j, st.site.Validators)
}

// checkLink asks whether a target answers: HEAD first, then GET, since many
// servers refuse or mishandle HEAD. The HEAD is conditional when the last
// crawl saw an ETag or Last-Modified: 304 means unchanged and fine.
func (c *Crawler) checkLink(ctx context.Context, j job, vs *Validators) jobResult {
	res := jobResult{job: j}
	head := Request{URL: j.url, Method: http.MethodHead}
	if v, ok := vs.Get(j.url); ok {
		head.ETag, head.LastModified = v.ETag, v.LastModified
	}
	resp, err := c.fetch.Fetch(ctx, head)
	if err == nil && resp.Status < 400 && resp.Status != 999 {
		res.outcome, res.status, res.finalURL = checks.OutcomeOK, resp.Status, resp.FinalURL
		if resp.Status != http.StatusNotModified {
			vs.Put(j.url, Validator{ETag: resp.ETag, LastModified: resp.LastModified})
		}
		return res
	}
	if err != nil && noUseRetrying(err) {
		return failed(res, err)
	}
	resp, err = c.fetch.Fetch(ctx, Request{URL: j.url, MaxBody: 32 << 10})
	if err != nil {
		return failed(res, err)
	}
	res.status, res.finalURL = resp.Status, resp.FinalURL
	res.outcome = statusOutcome(resp.Status, resp.Body)
	if res.outcome != checks.OutcomeOK {
		res.reason = fmt.Sprintf("HTTP %d", resp.Status)
	}
	return res
}

// noUseRetrying is true of failures a GET would only repeat.
func noUseRetrying(err error) bool {
	switch Classify(err) {
	case checks.OutcomeDNS, checks.OutcomeRefused, checks.OutcomeTimeout, checks.OutcomeTLS,
		checks.OutcomeTLSExpired, checks.OutcomeTLSHostname, checks.OutcomeTLSUnknownCA,
		checks.OutcomeRedirectLoop, checks.OutcomeTooManyRedirect, checks.OutcomeBadURL:
		return true
	}
	return false
}

func failed(res jobResult, err error) jobResult {
	res.outcome = Classify(err)
	res.reason = describe(res.outcome)
	var fe *Error
	if errors.As(err, &fe) && fe.Err != nil && res.outcome == checks.OutcomeError {
		res.reason = fe.Err.Error()
	}
	if errors.Is(err, context.Canceled) {
		res.outcome, res.reason = checks.OutcomeNotChecked, "crawl cancelled"
	}
	return res
}

// readPage fetches a page, runs the page checks on it and extracts its links.
func (c *Crawler) readPage(ctx context.Context, site Site, j job, r checks.Reporter) jobResult {
	res := jobResult{job: j}
	resp, err := c.fetch.Fetch(ctx, Request{URL: j.url, MaxBody: site.MaxHTMLBytes})
	if err != nil {
		return failed(res, err)
	}
	res.status, res.finalURL = resp.Status, resp.FinalURL
	if res.outcome = statusOutcome(resp.Status, resp.Body); res.outcome != checks.OutcomeOK {
		res.reason = fmt.Sprintf("HTTP %d", resp.Status)
		return res
	}
	if !isHTML(resp) {
		return res
	}
	if resp.Truncated {
		res.note = fmt.Sprintf("page larger than %d bytes: only its start was read", site.MaxHTMLBytes)
	}
	text, enc, _ := charset.Decode(resp.Body, resp.Header.Get("Content-Type"))
	doc, err := extract.Parse(resp.FinalURL, text, enc)
	if err != nil {
		res.note = "not parsed: " + err.Error()
		return res
	}
	// An error template can look like an article (a dated URL, a title);
	// real content has a body of some length or a list of items.
	isContent := (doc.Article != nil && utf8.RuneCountInString(doc.Article.Body) >= 100) || (doc.List != nil && len(doc.List.Items) > 0)
	if soft, why := softNotFound(doc.Title, doc.Text, isContent, j.probe); soft {
		res.outcome, res.reason = checks.OutcomeSoft404, why
		return res
	}
	page := &checks.Page{
		Site: site.ID, Unit: site.Unit, URL: resp.FinalURL, Depth: j.depth, Status: resp.Status,
		Charset: enc, Title: doc.Title, Meta: doc.Meta, Text: doc.Text, HTML: text, Links: doc.Links,
		Homepage: j.homepage, Fetched: time.Now(), List: doc.List, Article: doc.Article,
	}
	for _, pc := range c.pageChecks {
		if err := pc.CheckPage(ctx, page, r); err != nil {
			res.note = fmt.Sprintf("check %s: %v", pc.Name(), err)
		}
	}
	links := doc.Links
	if doc.Refresh != "" {
		// Many portals' homepages are a meta refresh to the real one.
		links = append(links, checks.Link{URL: doc.Refresh, Kind: checks.KindPage, Tag: "meta"})
	}
	res.page = &pageResult{
		links: links, list: doc.List, columnName: doc.Meta["ColumnName"],
		scriptFilled: doc.List == nil && scriptFilled(text),
	}
	if j.homepage {
		res.page.nav = doc.Nav
		page.HTML = "" // the homepage is kept for site checks; its HTML is not needed again
		res.page.page = page
	}
	return res
}

func isHTML(resp *Response) bool {
	switch ct := resp.ContentType(); ct {
	case "text/html", "application/xhtml+xml":
		return true
	case "", "application/octet-stream", "text/plain":
		head := strings.ToLower(string(resp.Body[:min(len(resp.Body), 512)]))
		return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html")
	}
	return false
}

// scriptFilled guesses that a page without a static list fills one with
// script: a column that needs a browser, which must not be judged empty.
func scriptFilled(html string) bool {
	lower := strings.ToLower(html)
	if !strings.Contains(lower, "<script") {
		return false
	}
	for _, s := range []string{".json", "ajax", "fetch(", "xmlhttprequest", "$.get", "$.post", "axios", "jsonp"} {
		if strings.Contains(lower, s) {
			return true
		}
	}
	return false
}
