package ledger

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// seedQueries records three sites' findings over three days and rectifies
// some, returning them by name.
func seedQueries(t *testing.T, l *Ledger) map[string]checks.Finding {
	t.Helper()
	fs := map[string]checks.Finding{
		"portal-link-1":  finding("link.broken", "gd-portal", "https://p/1", "https://p/x1", day(0)),
		"portal-link-2":  finding("link.broken", "gd-portal", "https://p/2", "https://p/x2", day(1)),
		"portal-phone":   finding("privacy.phone", "gd-portal", "https://p/3", "", day(0)),
		"portal-stale":   finding("column.stale", "gd-portal", "https://p/tzgg/", "https://p/tzgg/", day(2)),
		"edu-link":       finding("link.broken", "gd-edu", "https://e/1", "https://e/x", day(0)),
		"edu-phone":      finding("privacy.phone", "gd-edu", "https://e/2", "", day(1)),
		"health-wording": finding("wording.error", "gd-health", "https://h/1", "", day(2)),
	}
	// The stale column belongs to another unit than its site.
	stale := fs["portal-stale"]
	stale.Unit = "gd-justice"
	stale.Severity = checks.SeverityNotice
	fs["portal-stale"] = stale
	for _, f := range fs {
		mustRecord(t, l, "seed", f)
	}
	// Day 3: the portal's crawl no longer sees link 1.
	var seen []checks.Finding
	for name, f := range fs {
		if f.Site == "gd-portal" && name != "portal-link-1" {
			seen = append(seen, f)
		}
	}
	mustComplete(t, l, "portal-3", "gd-portal", allChecks, seen, true, day(3))
	return fs
}

func ids(es []Entry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func TestFindingsFilters(t *testing.T) {
	l := openTemp(t)
	fs := seedQueries(t, l)
	id := func(names ...string) []string {
		out := []string{}
		for _, n := range names {
			out = append(out, fs[n].ID)
		}
		return out
	}
	tests := []struct {
		name string
		q    Query
		want []string // in order
	}{
		{"all, ordered by site, check, first_seen", Query{}, id("edu-link", "edu-phone", "health-wording",
			"portal-stale", "portal-link-1", "portal-link-2", "portal-phone")},
		{"site", Query{Site: "gd-edu"}, id("edu-link", "edu-phone")},
		{"unit", Query{Unit: "gd-justice"}, id("portal-stale")},
		{"check", Query{Check: "privacy.phone"}, id("edu-phone", "portal-phone")},
		{"severity", Query{Severity: "veto"}, id("edu-phone", "portal-phone")},
		{"status rectified", Query{Status: StatusRectified}, id("portal-link-1")},
		{"status open on one site", Query{Site: "gd-portal", Status: StatusOpen},
			id("portal-stale", "portal-link-2", "portal-phone")},
		{"since", Query{Since: day(2)}, id("health-wording", "portal-stale")},
		{"page 1", Query{Site: "gd-portal", Limit: 2}, id("portal-stale", "portal-link-1")},
		{"page 2", Query{Site: "gd-portal", Limit: 2, Offset: 2}, id("portal-link-2", "portal-phone")},
		{"page 3 empty", Query{Site: "gd-portal", Limit: 2, Offset: 4}, id()},
		{"offset without limit", Query{Site: "gd-portal", Offset: 3}, id("portal-phone")},
		{"nothing matches", Query{Site: "nope"}, id()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := l.Findings(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if g := ids(got); !reflect.DeepEqual(g, tt.want) {
				t.Errorf("got %v\nwant %v", g, tt.want)
			}
		})
	}
	if _, err := l.Findings(context.Background(), Query{Status: "closed"}); err == nil {
		t.Error("unknown status accepted")
	}
}

func TestOpenCounts(t *testing.T) {
	l := openTemp(t)
	seedQueries(t, l)
	got, err := l.OpenCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []Count{
		{"gd-edu", "gd-edu-office", "link.broken", "deduct", 1},
		{"gd-edu", "gd-edu-office", "privacy.phone", "veto", 1},
		{"gd-health", "gd-health-office", "wording.error", "deduct", 1},
		{"gd-portal", "gd-justice", "column.stale", "notice", 1},
		{"gd-portal", "gd-portal-office", "link.broken", "deduct", 1}, // link 1 is rectified
		{"gd-portal", "gd-portal-office", "privacy.phone", "veto", 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
}

func TestRectification(t *testing.T) {
	ctx := context.Background()
	l := openTemp(t)
	const site = "gd-portal"
	a := finding("link.broken", site, "https://p/a", "https://p/x", day(0))
	b := finding("link.broken", site, "https://p/b", "https://p/x", day(0))
	c := finding("link.broken", site, "https://p/c", "https://p/x", day(0))
	late := finding("link.broken", site, "https://p/late", "https://p/x", day(20))
	other := finding("link.broken", "gd-edu", "https://e/a", "https://e/x", day(0))
	mustRecord(t, l, "c0", a, b, c, other)
	// Day 5: a and b fixed. Day 10: b is back. Day 20: a new one. Day 40: all fixed.
	mustComplete(t, l, "c5", site, allChecks, []checks.Finding{c}, true, day(5))
	b10 := b
	b10.LastSeen = day(10)
	mustRecord(t, l, "c10", b10)
	mustComplete(t, l, "c10", site, allChecks, []checks.Finding{b10, c}, true, day(10))
	mustRecord(t, l, "c20", late)
	mustComplete(t, l, "c40", site, allChecks, nil, true, day(40))

	tests := []struct {
		name                     string
		site                     string
		from, to                 time.Time
		wantFound, wantRectified int
	}{
		{"before anything was fixed", site, day(0), day(5), 3, 0},
		{"a and b fixed by day 6", site, day(0), day(6), 3, 2},
		{"b reopened by day 11", site, day(0), day(11), 3, 1},
		{"a fix at exactly `to` does not count", site, day(0), day(40), 4, 1},
		{"all fixed by day 41", site, day(0), day(41), 4, 4},
		{"period holds only the late one", site, day(15), day(41), 1, 1},
		{"all sites", "", day(0), day(41), 5, 4},
		{"empty period", site, day(50), day(60), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, rect, err := l.Rectification(ctx, tt.site, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if found != tt.wantFound || rect != tt.wantRectified {
				t.Errorf("found %d rectified %d, want %d %d", found, rect, tt.wantFound, tt.wantRectified)
			}
		})
	}
}

// TestReadersWhileWriting runs queries from several goroutines while one
// records batches and closes crawls: WAL must keep them from ever seeing
// "database is locked".
func TestReadersWhileWriting(t *testing.T) {
	ctx := context.Background()
	l := openTemp(t)
	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 16)

	// Readers 2 and 3 use a second handle on the file, as `govwatch findings`
	// does while `serve` runs.
	other, err := Open(l.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var queries [4]int
	for r := range 4 {
		l := l
		if r >= 2 {
			l = other
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-done:
					return
				case <-time.After(time.Millisecond): // a busy console, not a busy loop
				}
				queries[r]++
				var err error
				switch (r + n) % 3 {
				case 0:
					_, err = l.Findings(ctx, Query{Site: "gd-portal", Status: StatusOpen, Limit: 50})
				case 1:
					_, err = l.OpenCounts(ctx)
				case 2:
					_, _, err = l.Rectification(ctx, "gd-portal", day(0), day(30))
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}

	for crawl := range 6 {
		var batch []checks.Finding
		for i := range 200 {
			batch = append(batch, finding("link.broken", "gd-portal",
				fmt.Sprintf("https://p/%d", i), fmt.Sprintf("https://p/x/%d", (i+crawl*20)%300), day(crawl)))
		}
		if err := l.Record(ctx, fmt.Sprint("c", crawl), batch); err != nil {
			t.Error(err)
			break
		}
		if _, err := l.CompleteCrawl(ctx, fmt.Sprint("c", crawl), "gd-portal", allChecks, idsOf(batch), true, day(crawl).Add(time.Hour)); err != nil {
			t.Error(err)
			break
		}
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for r, n := range queries {
		if n == 0 {
			t.Errorf("reader %d ran no query while the writer wrote", r)
		}
	}
	t.Logf("queries by reader while writing: %v", queries)
}

func idsOf(fs []checks.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.ID
	}
	return out
}
