package ledger

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// day0 is the first crawl of the tests; crawl n runs n days later.
var day0 = time.Date(2025, 1, 15, 2, 0, 0, 123456789, time.UTC)

func day(n int) time.Time { return day0.AddDate(0, 0, n) }

func openTemp(t testing.TB) *Ledger {
	t.Helper()
	l, err := Open(filepath.Join(t.TempDir(), "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// finding builds a realistic stamped finding the way a worker would.
func finding(check, site, url, target string, at time.Time) checks.Finding {
	f := checks.Finding{
		Check:    check,
		Severity: checks.SeverityDeduct,
		URL:      url,
		Target:   target,
		Title:    fmt.Sprintf("页面 %s 存在问题：%s", url, check),
		Detail:   map[string]any{"status": float64(404), "days": float64(213), "matched": "手机号码"},
	}
	switch check {
	case "privacy.phone":
		f.Severity = checks.SeverityVeto
		f.Evidence = "联系电话：138****5678"
	case "link.broken":
		f.Title = "链接无法访问（404）：" + target
	}
	return checks.Stamp(f, site, site+"-office", at)
}

func mustRecord(t testing.TB, l *Ledger, crawlID string, fs ...checks.Finding) {
	t.Helper()
	if err := l.Record(context.Background(), crawlID, fs); err != nil {
		t.Fatal(err)
	}
}

func mustComplete(t testing.TB, l *Ledger, crawlID, site string, checksRun []string, seen []checks.Finding, complete bool, at time.Time) int {
	t.Helper()
	ids := []string{}
	for _, f := range seen {
		ids = append(ids, f.ID)
	}
	n, err := l.CompleteCrawl(context.Background(), crawlID, site, checksRun, ids, complete, at)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func mustGet(t testing.TB, l *Ledger, id string) Entry {
	t.Helper()
	all, err := l.Findings(context.Background(), Query{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("finding %s not in ledger", id)
	return Entry{}
}

func statuses(evs []Event) []string {
	var s []string
	for _, e := range evs {
		s = append(s, e.Status)
	}
	return s
}

func itoa(i int) string { return fmt.Sprint(i) }
