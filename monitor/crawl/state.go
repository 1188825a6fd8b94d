package crawl

import (
	"hash/fnv"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/govwatch/govwatch/checks"
)

// target is one URL the crawl has met, as a page to read or a link to check.
type target struct {
	url      string
	kind     checks.LinkKind
	external bool
	depth    int
	done     bool
	outcome  checks.Outcome
	code     int
	reason   string
	finalURL string
	refs     []checks.Referrer
	refCount int
}

func (t *target) status() checks.LinkStatus {
	refs := append([]checks.Referrer(nil), t.refs...)
	sort.Slice(refs, func(i, j int) bool { return refs[i].Page < refs[j].Page })
	return checks.LinkStatus{
		Target: t.url, Kind: t.kind, External: t.external, Outcome: t.outcome,
		Status: t.code, Reason: t.reason, FinalURL: t.finalURL,
		Referrers: refs, RefCount: t.refCount,
	}
}

// listInfo is what the crawl keeps of a list page for the column model.
type listInfo struct {
	list         *checks.ListPage
	columnName   string // meta ColumnName
	scriptFilled bool   // no list, but scripts that fetch one
}

// state is the crawl's bookkeeping. Only the crawl loop's goroutine touches it.
type state struct {
	site    Site
	root    string
	scope   *Scope
	trap    *trapGuard
	robots  *Robots
	probes  map[string]*notFoundSignature // by host; read-only once the loop starts
	targets map[string]*target            // queued, in flight, or not OK
	// fine holds the targets that answered OK by a hash of their URL: on a
	// 100,000-page site most targets are fine, and 8 bytes each is what
	// keeps the crawl's memory bounded. A 64-bit collision among a million
	// URLs has odds below one in ten million.
	fine     map[uint64]struct{}
	queue    []*target
	head     int
	pages    int
	checked  int
	capped   bool
	homepage *checks.Page
	nav      []checks.Link
	lists    map[string]*listInfo // by requested and final URL
	skipped  []checks.Skip
	skips    int
	// keepItems keeps list items for the column model; without it a list
	// page keeps only its pagination and placeholder.
	keepItems bool
	// readAttachments downloads the site's attachments for their text.
	readAttachments bool
}

const maxSkipsKept = 1000

func newState(site Site, root string, scope *Scope) *state {
	st := &state{
		site: site, root: root, scope: scope,
		trap:    newTrapGuard(site.Trap),
		probes:  make(map[string]*notFoundSignature),
		targets: make(map[string]*target),
		fine:    make(map[uint64]struct{}),
		lists:   make(map[string]*listInfo),
	}
	home := &target{url: root, kind: checks.KindPage}
	st.targets[root] = home
	st.enqueue(home)
	for _, col := range site.Columns {
		st.discover(col.URL, checks.Link{URL: col.URL, Kind: checks.KindPage, Text: col.Name}, "", 1)
	}
	return st
}

func (st *state) enqueue(t *target) {
	st.queue = append(st.queue, t)
}

func (st *state) pop() *target {
	t := st.queue[st.head]
	st.queue[st.head] = nil
	st.head++
	if st.head > 1024 && st.head*2 > len(st.queue) {
		st.queue = append(st.queue[:0], st.queue[st.head:]...)
		st.head = 0
	}
	return t
}

func (st *state) queueLen() int { return len(st.queue) - st.head }

func (st *state) skip(u, reason string) {
	st.skips++
	if len(st.skipped) < maxSkipsKept {
		st.skipped = append(st.skipped, checks.Skip{URL: u, Reason: reason})
	}
}

// discover records that referrer links to l and queues l's target if it is new.
func (st *state) discover(norm string, l checks.Link, referrer string, depth int) {
	if st.isFine(norm) {
		return
	}
	t, seen := st.targets[norm]
	if !seen {
		t = &target{url: norm, kind: l.Kind, depth: depth, external: !st.scope.Internal(norm)}
		st.targets[norm] = t
		st.admit(t)
	}
	t.refCount++
	if referrer != "" && len(t.refs) < st.site.MaxReferrers {
		t.refs = append(t.refs, checks.Referrer{Page: referrer, Text: l.Text, Kind: l.Kind})
	}
}

// admit decides whether a new target is fetched, and queues it.
func (st *state) admit(t *target) {
	switch {
	case t.external && !st.site.CheckExternal:
		st.finish(t, checks.OutcomeNotChecked, "external links are not checked")
		return
	case !t.external:
		if ok, why := st.trap.allow(t.url); !ok {
			st.finish(t, checks.OutcomeNotChecked, why)
			st.skip(t.url, why)
			return
		}
		if st.robots != nil && !st.robots.Allowed(pathAndQuery(t.url)) {
			st.finish(t, checks.OutcomeNotChecked, "disallowed by robots.txt")
			st.skip(t.url, "disallowed by robots.txt")
			return
		}
	}
	st.enqueue(t)
}

func (st *state) finish(t *target, o checks.Outcome, reason string) {
	t.done, t.outcome, t.reason = true, o, reason
}

// isPageURL tells targets read as pages from those only checked.
func (st *state) isPageURL(t *target) bool {
	if t.external || (t.kind != checks.KindPage && t.kind != checks.KindFrame) {
		return false
	}
	if st.site.MaxDepth > 0 && t.depth > st.site.MaxDepth {
		return false
	}
	u, err := url.Parse(t.url)
	if err != nil {
		return false
	}
	return !resourceExt[strings.ToLower(strings.TrimPrefix(path.Ext(u.Path), "."))]
}

// resourceExt are extensions that are never HTML pages.
var resourceExt = map[string]bool{
	"pdf": true, "doc": true, "docx": true, "xls": true, "xlsx": true, "ppt": true, "pptx": true,
	"wps": true, "et": true, "dps": true, "ofd": true, "zip": true, "rar": true, "7z": true, "gz": true,
	"txt": true, "csv": true, "jpg": true, "jpeg": true, "png": true, "gif": true, "bmp": true,
	"webp": true, "svg": true, "ico": true, "mp4": true, "mp3": true, "avi": true, "flv": true,
	"wmv": true, "swf": true, "css": true, "js": true, "apk": true, "exe": true, "xml": true, "json": true,
}

func pathAndQuery(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "/"
	}
	return u.RequestURI()
}

func urlHash(u string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(u))
	return h.Sum64()
}

func (st *state) isFine(u string) bool {
	_, ok := st.fine[urlHash(u)]
	return ok
}

// markFine forgets a target that answered OK, keeping only its hash.
func (st *state) markFine(u string) {
	delete(st.targets, u)
	st.fine[urlHash(u)] = struct{}{}
}
