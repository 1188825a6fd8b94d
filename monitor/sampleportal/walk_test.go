package sampleportal

import (
	"encoding/json"
	"html"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/govwatch/govwatch/checks"
)

// linkRe finds the links a static crawler reads: the element and its href or src.
var linkRe = regexp.MustCompile(`(?is)<(a|img|script|link|iframe|frame)\b[^>]*?\s(?:href|src)\s*=\s*"([^"]*)"`)

var attachmentExts = map[string]bool{".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".zip": true, ".rar": true}

// walk is a tiny breadth-first crawler: it reads every page of the portal's
// own host, records every link with the pages that carry it, and fetches
// each target once.
type walk struct {
	t       *testing.T
	base    *url.URL
	answers map[string]answer
	refs    map[string]map[string]bool // target → referring pages
	kinds   map[string]checks.LinkKind
	pages   map[string]bool // pages read, by URL after redirects
	queue   []string
}

func newWalk(t *testing.T, s *Server) *walk {
	base, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	return &walk{t: t, base: base, answers: map[string]answer{}, refs: map[string]map[string]bool{},
		kinds: map[string]checks.LinkKind{}, pages: map[string]bool{}, queue: []string{s.URL}}
}

func (w *walk) answer(u string) answer {
	a, ok := w.answers[u]
	if !ok {
		a = fetch(w.t, u)
		w.answers[u] = a
	}
	return a
}

func (w *walk) own(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Host == w.base.Host
}

func (w *walk) run() {
	calendar := 0
	for len(w.queue) > 0 {
		u := w.queue[0]
		w.queue = w.queue[1:]
		a := w.answer(u)
		if a.outcome != checks.OutcomeOK || !strings.HasPrefix(a.header.Get("Content-Type"), "text/html") || w.pages[a.final] {
			continue
		}
		if strings.Contains(a.final, pathCalendar) {
			if calendar++; calendar > 1 {
				continue // endless: one day's page is enough
			}
		}
		w.pages[a.final] = true
		w.read(a)
	}
}

// read records the links of one page and queues the portal's own pages.
func (w *walk) read(a answer) {
	for _, m := range linkRe.FindAllStringSubmatch(a.text, -1) {
		tag, href := strings.ToLower(m[1]), m[2]
		if strings.Contains(href, "'") {
			continue // the script column's template
		}
		target, ok := resolve(w.t, a.final, href, a.gbk)
		if !ok {
			continue
		}
		if w.refs[target] == nil {
			w.refs[target] = map[string]bool{}
			w.kinds[target] = kindOf(tag, target)
			if w.own(target) {
				w.queue = append(w.queue, target)
			}
		}
		w.refs[target][a.final] = true
	}
	if strings.Contains(a.text, `fetch("list.json")`) {
		w.readJSON(a.final)
	}
}

// readJSON queues the articles of a script-filled list, as a browser would load them.
func (w *walk) readJSON(page string) {
	u, _ := url.Parse(page)
	a := w.answer(u.ResolveReference(&url.URL{Path: "list.json"}).String())
	var items []struct{ URL string }
	if err := json.Unmarshal([]byte(a.text), &items); err != nil || len(items) == 0 {
		w.t.Errorf("%s: list.json: %v (%d items)", page, err, len(items))
	}
	for _, it := range items {
		w.queue = append(w.queue, u.ResolveReference(&url.URL{Path: it.URL}).String())
	}
}

// resolve makes href absolute as a browser requests it: the path in UTF-8
// percent escapes, the query in the page's encoding, no fragment and no
// ;jsessionid (as govwatch's crawler normalises URLs). It skips links that
// are no requests (mailto:, tel:, javascript:, #…).
func resolve(t *testing.T, page, href string, gbk bool) (string, bool) {
	href = strings.TrimSpace(html.UnescapeString(href))
	lower := strings.ToLower(href)
	for _, skip := range []string{"mailto:", "tel:", "javascript:", "#"} {
		if href == "" || strings.HasPrefix(lower, skip) {
			return "", false
		}
	}
	href, _, _ = strings.Cut(href, "#")
	p, q, hasQuery := strings.Cut(href, "?")
	ref, err := url.Parse(p)
	if err != nil {
		t.Errorf("%s: bad link %q: %v", page, href, err)
		return "", false
	}
	base, _ := url.Parse(page)
	abs := base.ResolveReference(ref)
	if hasQuery {
		abs.RawQuery = escapeHigh([]byte(q))
		if gbk {
			abs.RawQuery = gbkEscape(t, q)
		}
	}
	abs.Host = strings.ToLower(abs.Host)
	if i := strings.Index(strings.ToLower(abs.Path), ";jsessionid="); i >= 0 {
		abs.Path, abs.RawPath = abs.Path[:i], "" // a session id names no other page
	}
	return abs.String(), true
}

func kindOf(tag, target string) checks.LinkKind {
	switch tag {
	case "img":
		return checks.KindImage
	case "script":
		return checks.KindScript
	case "link":
		return checks.KindStylesheet
	case "iframe", "frame":
		return checks.KindFrame
	}
	u, _ := url.Parse(target)
	if attachmentExts[strings.ToLower(path.Ext(u.Path))] {
		return checks.KindAttachment
	}
	return checks.KindPage
}

func (w *walk) referrers(target string) []string {
	var out []string
	for p := range w.refs[target] {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// TestEveryLinkIsFineOrInTruth walks the whole default portal and checks
// every link on every page: each answers fine, or is in the truth with the
// outcome, status, kind and referring pages the truth says. A planted link
// no page carries is an error too. This is what keeps the truth honest.
func TestEveryLinkIsFineOrInTruth(t *testing.T) {
	s := start(t, Options{})
	w := newWalk(t, s)
	w.run()
	truth := s.Truth()
	listed := map[string]bool{}
	for _, want := range truth.Links {
		listed[want.Target] = true
		if len(w.refs[want.Target]) == 0 {
			t.Errorf("%s is in the truth but no page links it", want.Target)
			continue
		}
		a := w.answer(want.Target)
		if a.outcome != want.Outcome || want.Status != 0 && a.status != want.Status {
			t.Errorf("%s answers %s %d, truth says %s %d", want.Target, a.outcome, a.status, want.Outcome, want.Status)
		}
		if w.kinds[want.Target] != want.Kind {
			t.Errorf("%s is linked as %s, truth says %s", want.Target, w.kinds[want.Target], want.Kind)
		}
		if got := w.referrers(want.Target); strings.Join(got, " ") != strings.Join(want.Referrers, " ") {
			t.Errorf("%s: referrers\n got %v\nwant %v", want.Target, got, want.Referrers)
		}
	}
	for _, b := range truth.Blocked {
		listed[b] = true
		if a := w.answer(b); len(w.refs[b]) == 0 || a.outcome != checks.OutcomeBlocked {
			t.Errorf("blocked %s: linked from %d pages, answers %s %d", b, len(w.refs[b]), a.outcome, a.status)
		}
	}
	for target := range w.refs {
		if a := w.answer(target); !listed[target] && a.outcome != checks.OutcomeOK {
			t.Errorf("%s (on %v) answers %s %d and is not in the truth", target, w.referrers(target), a.outcome, a.status)
		}
	}
	if len(w.pages) < s.Pages() {
		t.Errorf("read %d pages, the portal says a crawl reaches %d", len(w.pages), s.Pages())
	}
	t.Logf("%d pages read, %d link targets checked", len(w.pages), len(w.refs))
}
