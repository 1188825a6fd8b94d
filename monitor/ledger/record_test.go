package ledger

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
)

var allChecks = []string{"link.broken", "privacy.phone", "column.stale"}

func TestLifeCycle(t *testing.T) {
	ctx := context.Background()
	l := openTemp(t)
	f := finding("link.broken", "gd-portal", "https://www.example.gov.cn/a.html", "https://www.example.gov.cn/x.pdf", day(0))

	mustRecord(t, l, "c0", f)
	e := mustGet(t, l, f.ID)
	if e.Status != StatusOpen || !e.FirstSeen.Equal(day(0)) || !e.LastSeen.Equal(day(0)) || e.RectifiedAt != nil {
		t.Fatalf("after first sighting: %+v", e)
	}
	if e.Title != f.Title || e.Evidence != f.Evidence || !reflect.DeepEqual(e.Detail, f.Detail) || e.Unit != f.Unit {
		t.Fatalf("fields not stored as given: %+v", e)
	}
	if mustComplete(t, l, "c0", "gd-portal", allChecks, []checks.Finding{f}, true, day(0).Add(time.Hour)) != 0 {
		t.Fatal("a crawl that saw the finding rectified it")
	}

	// Seen again the next day: still open, last_seen moves, title refreshed.
	f1 := f
	f1.LastSeen = day(1)
	f1.Title = "链接无法访问（410）"
	mustRecord(t, l, "c1", f1)
	e = mustGet(t, l, f.ID)
	if e.Status != StatusOpen || !e.FirstSeen.Equal(day(0)) || !e.LastSeen.Equal(day(1)) || e.Title != f1.Title {
		t.Fatalf("after second sighting: %+v", e)
	}
	mustComplete(t, l, "c1", "gd-portal", allChecks, []checks.Finding{f1}, true, day(1).Add(time.Hour))

	// Day 2: a complete crawl without it rectifies it.
	if n := mustComplete(t, l, "c2", "gd-portal", allChecks, nil, true, day(2).Add(time.Hour)); n != 1 {
		t.Fatalf("rectified %d, want 1", n)
	}
	e = mustGet(t, l, f.ID)
	if e.Status != StatusRectified || e.RectifiedAt == nil || !e.RectifiedAt.Equal(day(2).Add(time.Hour)) {
		t.Fatalf("after crawl without it: %+v", e)
	}

	// Day 3: broken again.
	f3 := f
	f3.LastSeen = day(3)
	mustRecord(t, l, "c3", f3)
	e = mustGet(t, l, f.ID)
	if e.Status != StatusReopened || e.RectifiedAt != nil || !e.LastSeen.Equal(day(3)) || !e.FirstSeen.Equal(day(0)) {
		t.Fatalf("after coming back: %+v", e)
	}
	mustComplete(t, l, "c3", "gd-portal", allChecks, []checks.Finding{f3}, true, day(3).Add(time.Hour))

	// Day 4: fixed again.
	if n := mustComplete(t, l, "c4", "gd-portal", allChecks, nil, true, day(4).Add(time.Hour)); n != 1 {
		t.Fatalf("rectified %d, want 1", n)
	}

	hist, err := l.History(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []Event{
		{f.ID, StatusOpen, "c0", day(0)},
		{f.ID, StatusRectified, "c2", day(2).Add(time.Hour)},
		{f.ID, StatusReopened, "c3", day(3)},
		{f.ID, StatusRectified, "c4", day(4).Add(time.Hour)},
	}
	if len(hist) != len(want) {
		t.Fatalf("history %v, want %v", hist, want)
	}
	for i := range want {
		if hist[i].FindingID != want[i].FindingID || hist[i].Status != want[i].Status ||
			hist[i].CrawlID != want[i].CrawlID || !hist[i].At.Equal(want[i].At) {
			t.Errorf("history[%d] = %+v, want %+v", i, hist[i], want[i])
		}
	}
}

// snapshot is everything the ledger holds, for comparing before and after a
// redelivery.
type snapshot struct {
	entries []Entry
	history map[string][]Event
}

func takeSnapshot(t *testing.T, l *Ledger) snapshot {
	t.Helper()
	ctx := context.Background()
	all, err := l.Findings(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	s := snapshot{entries: all, history: map[string][]Event{}}
	for _, e := range all {
		h, err := l.History(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		s.history[e.ID] = h
	}
	return s
}

func TestRedeliveryChangesNothing(t *testing.T) {
	site := "gd-portal"
	a := finding("link.broken", site, "https://www.example.gov.cn/a.html", "https://www.example.gov.cn/x", day(0))
	b := finding("privacy.phone", site, "https://www.example.gov.cn/b.html", "", day(0))
	c := finding("column.stale", site, "https://www.example.gov.cn/tzgg/", "https://www.example.gov.cn/tzgg/", day(0))

	tests := []struct {
		name string
		// run is the step, done once and then redelivered.
		run func(t *testing.T, l *Ledger)
	}{
		{"record batch", func(t *testing.T, l *Ledger) { mustRecord(t, l, "c0", a, b, c) }},
		{"same finding twice in one batch", func(t *testing.T, l *Ledger) { mustRecord(t, l, "c0", a, a, b) }},
		{"complete crawl", func(t *testing.T, l *Ledger) {
			mustComplete(t, l, "c1", site, allChecks, []checks.Finding{a}, true, day(1))
		}},
		{"old sighting after rectification", func(t *testing.T, l *Ledger) {
			// c0's message of c arrives again after c1 rectified it: not a reopen.
			mustRecord(t, l, "c0", c)
		}},
	}
	l := openTemp(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.run(t, l)
			before := takeSnapshot(t, l)
			tt.run(t, l)
			after := takeSnapshot(t, l)
			if !reflect.DeepEqual(before, after) {
				t.Fatalf("redelivery changed the ledger:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
	if e := mustGet(t, l, c.ID); e.Status != StatusRectified {
		t.Fatalf("c: %s, want rectified", e.Status)
	}
	// The second CompleteCrawl of c1 reports the first one's count.
	n, err := l.CompleteCrawl(context.Background(), "c1", site, allChecks, nil, true, day(5))
	if err != nil || n != 2 {
		t.Fatalf("redelivered CompleteCrawl = %d, %v; want 2 (b and c), nil", n, err)
	}
}

func TestCompleteCrawlScope(t *testing.T) {
	const site, other = "gd-portal", "gd-edu"
	link := finding("link.broken", site, "https://www.example.gov.cn/a.html", "https://www.example.gov.cn/x", day(0))
	phone := finding("privacy.phone", site, "https://www.example.gov.cn/b.html", "", day(0))
	otherLink := finding("link.broken", other, "https://edu.example.gov.cn/a.html", "https://edu.example.gov.cn/x", day(0))

	tests := []struct {
		name      string
		site      string
		checksRun []string
		seen      []checks.Finding
		complete  bool
		at        time.Time
		want      map[string]string // id → status afterwards
	}{
		{"incomplete crawl rectifies nothing", site, allChecks, nil, false, day(1),
			map[string]string{link.ID: StatusOpen, phone.ID: StatusOpen, otherLink.ID: StatusOpen}},
		{"links-only crawl leaves privacy findings open", site, []string{"link.broken"}, nil, true, day(1),
			map[string]string{link.ID: StatusRectified, phone.ID: StatusOpen, otherLink.ID: StatusOpen}},
		{"other site untouched", site, allChecks, nil, true, day(1),
			map[string]string{link.ID: StatusRectified, phone.ID: StatusRectified, otherLink.ID: StatusOpen}},
		{"seen findings stay open", site, allChecks, []checks.Finding{phone}, true, day(1),
			map[string]string{link.ID: StatusRectified, phone.ID: StatusOpen, otherLink.ID: StatusOpen}},
		{"no checks ran", site, nil, nil, true, day(1),
			map[string]string{link.ID: StatusOpen, phone.ID: StatusOpen, otherLink.ID: StatusOpen}},
		{"findings seen after the crawl stay open", site, allChecks, nil, true, day(0).Add(-time.Hour),
			map[string]string{link.ID: StatusOpen, phone.ID: StatusOpen, otherLink.ID: StatusOpen}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := openTemp(t)
			mustRecord(t, l, "c0", link, phone, otherLink)
			n := mustComplete(t, l, "c1", tt.site, tt.checksRun, tt.seen, tt.complete, tt.at)
			wantN := 0
			for id, st := range tt.want {
				if got := mustGet(t, l, id).Status; got != st {
					t.Errorf("%s: %s, want %s", id, got, st)
				}
				if st == StatusRectified {
					wantN++
				}
			}
			if n != wantN {
				t.Errorf("rectified %d, want %d", n, wantN)
			}
		})
	}
}

func TestRecordRejectsFindingWithoutID(t *testing.T) {
	l := openTemp(t)
	good := finding("link.broken", "s", "u", "t", day(0))
	bad := good
	bad.ID = ""
	if err := l.Record(context.Background(), "c0", []checks.Finding{good, bad}); err == nil {
		t.Fatal("no error for a finding without id")
	}
	if all, _ := l.Findings(context.Background(), Query{}); len(all) != 0 {
		t.Fatalf("half a batch applied: %d findings", len(all))
	}
}

// TestFullDiskLeavesNoHalfBatch fills the database by capping its page count,
// which gives the same SQLITE_FULL as a full disk.
func TestFullDiskLeavesNoHalfBatch(t *testing.T) {
	ctx := context.Background()
	l := openTemp(t)
	mustRecord(t, l, "c0", finding("link.broken", "s", "https://a/", "https://a/x", day(0)))
	var pages int
	if err := l.writer.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := l.writer.ExecContext(ctx, "PRAGMA max_page_count = "+itoa(pages+2)); err != nil {
		t.Fatal(err)
	}
	var batch []checks.Finding
	for i := range 2000 {
		batch = append(batch, finding("link.broken", "s", "https://a/"+itoa(i), "https://a/x", day(1)))
	}
	err := l.Record(ctx, "c1", batch)
	if err == nil {
		t.Fatal("no error on a full database")
	}
	t.Log(err)
	all, err2 := l.Findings(ctx, Query{})
	if err2 != nil {
		t.Fatal(err2)
	}
	if len(all) != 1 {
		t.Fatalf("%d findings after a failed batch, want the 1 from before", len(all))
	}
}

func TestBatchWithRepeatedIDKeepsLatestSighting(t *testing.T) {
	l := openTemp(t)
	early := finding("link.broken", "s", "https://a/", "https://a/x", day(0))
	late := early
	late.LastSeen = day(1)
	late.Title = "later title"
	equal := late
	equal.Title = "same instant, second: ignored like a redelivery"
	mustRecord(t, l, "c0", late, early, equal)
	e := mustGet(t, l, early.ID)
	if !e.FirstSeen.Equal(day(0)) || !e.LastSeen.Equal(day(1)) || e.Title != "later title" {
		t.Fatalf("got %+v", e)
	}
}

func TestCancelledRecordWritesNothing(t *testing.T) {
	l := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := l.Record(ctx, "c0", []checks.Finding{finding("link.broken", "s", "https://a/", "https://a/x", day(0))})
	if err == nil {
		t.Fatal("no error with a cancelled context")
	}
	if all, _ := l.Findings(context.Background(), Query{}); len(all) != 0 {
		t.Fatalf("%d findings written by a cancelled Record", len(all))
	}
}
