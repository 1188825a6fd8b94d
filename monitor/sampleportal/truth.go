package sampleportal

import (
	"fmt"
	"iter"
	"sort"
	"strings"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// Truth is what an inspection of the portal must find, computed from the
// same model that renders the pages.
type Truth struct {
	Links     []ExpectedLink    `json:"links"`
	Freshness []ExpectedFinding `json:"freshness"` // column.stale, column.empty, site.not_updated, site.columns_not_updated
	Content   []ExpectedFinding `json:"content"`   // privacy.*, secret.marking, wording.error
	Site      []ExpectedFinding `json:"site"`      // site.tls, site.identity_missing
	Blocked   []string          `json:"blocked"`   // targets to report as blocked, not broken
	Columns   []ExpectedColumn  `json:"columns"`
}

// ExpectedLink is one link finding the portal plants.
type ExpectedLink struct {
	Check     string          `json:"check"`
	Target    string          `json:"target"` // as the crawler normalises it
	Outcome   checks.Outcome  `json:"outcome"`
	Status    int             `json:"status,omitempty"`
	Kind      checks.LinkKind `json:"kind"`
	Referrers []string        `json:"referrers"` // absolute page URLs, sorted
}

// ExpectedFinding is a finding the portal plants, by check and target.
type ExpectedFinding struct {
	Check  string `json:"check"`
	Target string `json:"target"`
	Key    string `json:"key,omitempty"` // tells apart findings of one check on one page (the wrong word)
}

func (e ExpectedFinding) id() string { return e.Check + " " + e.Target + " " + e.Key }

// windows are the national update windows by category (RULES.md §1), the
// freshness check's defaults: the portal's columns are stale or fresh by them.
var windows = map[string]time.Duration{"news": 14 * day, "notice": 180 * day, "policy": 180 * day, "personnel": 365 * day, "plan": 365 * day}

// ExpectedColumn is one column's list as the portal serves it.
type ExpectedColumn struct {
	URL         string    `json:"url"`
	Name        string    `json:"name"`
	Category    string    `json:"category"`
	Items       int       `json:"items"`
	Newest      time.Time `json:"newest,omitzero"`
	JS          bool      `json:"js,omitempty"`          // filled by script: unreadable without a browser
	Placeholder bool      `json:"placeholder,omitempty"` // shows only 暂无信息
}

func (p *Portal) truth(base string) Truth {
	origin := strings.TrimSuffix(base, "/")
	abs := func(href string) string {
		if strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://") {
			return href
		}
		return origin + escapePath(href)
	}
	var t Truth
	add := func(pl plant) {
		if pl.blocked {
			t.Blocked = append(t.Blocked, abs(pl.href))
		}
		if pl.check == "" {
			return
		}
		refs := make([]string, len(pl.from))
		for i, f := range pl.from {
			refs[i] = abs(f)
		}
		sort.Strings(refs)
		path, query, _ := strings.Cut(pl.href, "?")
		target := abs(path)
		if query != "" {
			target += "?" + query
		}
		t.Links = append(t.Links, ExpectedLink{Check: pl.check, Target: target, Outcome: pl.outcome, Status: pl.status, Kind: pl.kind, Referrers: refs})
	}
	if p.opts.Benchmark {
		for ci, c := range p.cols {
			for i := 0; i < c.items; i++ {
				if pl, ok := p.benchBroken(p.item(ci, i)); ok {
					add(pl)
				}
			}
		}
	} else {
		for _, pl := range p.plants() {
			add(pl)
		}
	}
	sort.Slice(t.Links, func(i, j int) bool { return t.Links[i].Target < t.Links[j].Target })
	if !p.opts.Benchmark {
		for path, l := range p.fileLeaks() {
			for _, check := range l.checks {
				t.Content = append(t.Content, ExpectedFinding{Check: check, Target: origin + path})
			}
		}
		for path, l := range p.leaks() {
			for _, check := range l.checks {
				t.Content = append(t.Content, ExpectedFinding{Check: check, Target: origin + path})
			}
			for _, w := range l.words {
				t.Content = append(t.Content, ExpectedFinding{Check: "wording.error", Target: origin + path, Key: w})
			}
			for _, w := range l.sensitive {
				t.Content = append(t.Content, ExpectedFinding{Check: "wording.sensitive", Target: origin + path, Key: w})
			}
		}
		sort.Slice(t.Content, func(i, j int) bool {
			return t.Content[i].Target+t.Content[i].Check < t.Content[j].Target+t.Content[j].Check
		})
	}
	// Served over plain HTTP on loopback; its footer and meta tags are complete.
	t.Site = []ExpectedFinding{{Check: "site.tls", Target: origin + "/"}}
	var staleRegular, longStale, empty int
	for _, c := range p.cols {
		switch window, judged := windows[c.category]; {
		case c.empty:
			empty++
			t.Freshness = append(t.Freshness, ExpectedFinding{Check: "column.empty", Target: origin + c.path})
		case judged && !c.js && c.newest > window:
			if c.category == "news" || c.category == "notice" || c.category == "policy" {
				staleRegular++
			}
			if c.newest > 365*day || c.category == "personnel" || c.category == "plan" {
				longStale++
			}
			t.Freshness = append(t.Freshness, ExpectedFinding{Check: "column.stale", Target: origin + c.path})
		}
	}
	// The 栏目不更新 verdict (RULES.md §1): a veto at 5 stale news, notice or
	// policy columns, 10 long-stale columns or 5 empty ones; a warning above 2 empty.
	if staleRegular >= 5 || longStale >= 10 || empty > 2 {
		t.Freshness = append(t.Freshness, ExpectedFinding{Check: "site.columns_not_updated", Target: origin + "/"})
	}
	for ci, c := range p.cols {
		ec := ExpectedColumn{URL: origin + c.path, Name: c.name, Category: c.category, Items: c.items, JS: c.js, Placeholder: c.empty}
		if c.items > 0 {
			ec.Newest = p.item(ci, 0).date
		}
		t.Columns = append(t.Columns, ec)
	}
	return t
}

// Comparison is how a set of findings compares with the findings the truth plants.
type Comparison struct {
	Expected int
	Matched  []string
	Missed   []string // planted, not found: "check target"
	False    []string // found, not planted
}

// Exact is true when every planted link problem was found and nothing else.
func (c Comparison) Exact() bool { return len(c.Missed) == 0 && len(c.False) == 0 }

// covered are the checks whose every finding the truth lists; findings of
// other checks are not compared.
var covered = map[string]bool{"link.broken": true, "link.soft404": true, "column.stale": true, "column.empty": true,
	"site.not_updated": true, "site.columns_not_updated": true, "site.tls": true, "site.identity_missing": true, "wording.error": true, "wording.sensitive": true, "privacy.id_number": true, "privacy.phone": true, "privacy.bank_card": true, "secret.marking": true, "attachment.unreadable": true}

// Compare matches findings against the planted problems by check and target.
func (t Truth) Compare(fs []checks.Finding) Comparison {
	want := map[string]bool{}
	for _, l := range t.Links {
		want[ExpectedFinding{Check: l.Check, Target: l.Target}.id()] = true
	}
	for _, f := range append(append(t.Freshness, t.Content...), t.Site...) {
		want[f.id()] = true
	}
	c := Comparison{Expected: len(want)}
	seen := map[string]bool{}
	for _, f := range fs {
		if !covered[f.Check] {
			continue
		}
		k := (ExpectedFinding{Check: f.Check, Target: f.Target}).id()
		if keyed := (ExpectedFinding{Check: f.Check, Target: f.Target, Key: findingKey(f)}).id(); want[keyed] {
			k = keyed
		}
		switch {
		case want[k] && !seen[k]:
			c.Matched = append(c.Matched, k)
		case !want[k]:
			c.False = append(c.False, fmt.Sprintf("%s (%s)", k, f.Title))
		}
		seen[k] = true
	}
	for k := range want {
		if !seen[k] {
			c.Missed = append(c.Missed, k)
		}
	}
	sort.Strings(c.Missed)
	sort.Strings(c.False)
	return c
}

// findingKey is a finding's Key, or, for a finding that has been through
// JSON (the bus, the ledger), which leave the Key out, the word its detail
// names: the keys the truth uses are the wording findings' words.
func findingKey(f checks.Finding) string {
	if f.Key != "" {
		return f.Key
	}
	for _, k := range []string{"wrong", "word"} {
		if w, ok := f.Detail[k].(string); ok {
			return w
		}
	}
	return ""
}

// Pages counts the HTML pages a crawler that follows every link reads
// (planted routes, the calendar and the search answer aside).
func (s *Server) Pages() int {
	n := 0
	for range s.PagePaths() {
		n++
	}
	return n
}

// PagePaths yields the path of each of those pages.
func (s *Server) PagePaths() iter.Seq[string] { return s.portal.pagePaths }
