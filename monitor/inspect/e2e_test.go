package inspect

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/sampleportal"
)

// inspectSample crawls the sample portal served on loopback with the same
// config the demo uses, and returns what was found.
func inspectSample(t *testing.T) (*sampleportal.Server, []checks.Finding, []*checks.Site) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end crawl of the sample portal")
	}
	srv, err := sampleportal.New(sampleportal.Options{}).Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	cfg, err := srv.LoadConfig(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var fs []checks.Finding
	sites, err := Run(context.Background(), cfg, sampleportal.Now, checks.ReporterFunc(func(f checks.Finding) {
		mu.Lock()
		fs = append(fs, f)
		mu.Unlock()
	}), Options{KeepItems: true})
	if err != nil {
		t.Fatal(err)
	}
	return srv, fs, sites
}

func TestSamplePortalLinkFindingsMatchGroundTruth(t *testing.T) {
	srv, fs, sites := inspectSample(t)
	truth := srv.Truth()
	type key struct{ check, target string }
	found := map[key]checks.Finding{}
	for _, f := range fs {
		if strings.HasPrefix(f.Check, "link.") {
			if _, dup := found[key{f.Check, f.Target}]; dup {
				t.Errorf("two %s findings for %s: one per target per site", f.Check, f.Target)
			}
			found[key{f.Check, f.Target}] = f
		}
	}
	for _, want := range truth.Links {
		f, ok := found[key{want.Check, want.Target}]
		if !ok {
			t.Errorf("missed %s %s (%s)", want.Check, want.Target, want.Outcome)
			continue
		}
		delete(found, key{want.Check, want.Target})
		if got := f.Detail["outcome"]; got != string(want.Outcome) {
			t.Errorf("%s: outcome %v, want %s", want.Target, got, want.Outcome)
		}
		if want.Status != 0 && f.Detail["status"] != want.Status {
			t.Errorf("%s: status %v, want %d", want.Target, f.Detail["status"], want.Status)
		}
		if got := f.Detail["kind"]; got != string(want.Kind) {
			t.Errorf("%s: kind %v, want %s", want.Target, got, want.Kind)
		}
		if got := referrerPages(f); strings.Join(got, " ") != strings.Join(want.Referrers, " ") {
			t.Errorf("%s: referrers\n got %v\nwant %v", want.Target, got, want.Referrers)
		}
	}
	for k, f := range found {
		t.Errorf("false finding %s %s: %s (%v)", k.check, k.target, f.Title, f.Detail["reason"])
	}
	blocked := map[string]bool{}
	for _, l := range sites[0].Links {
		if l.Outcome == checks.OutcomeBlocked {
			blocked[l.Target] = true
		}
	}
	for _, b := range truth.Blocked {
		if !blocked[b] {
			t.Errorf("%s should be reported as blocked", b)
		}
	}
}

func TestSamplePortalColumns(t *testing.T) {
	srv, _, sites := inspectSample(t)
	got := map[string]checks.Column{}
	for _, c := range sites[0].Columns {
		got[c.URL] = c
	}
	for _, want := range srv.Truth().Columns {
		c, ok := got[want.URL]
		if !ok {
			t.Errorf("column %s %s not discovered", want.Name, want.URL)
			continue
		}
		if c.Category != want.Category {
			t.Errorf("column %s: category %q, want %q", want.Name, c.Category, want.Category)
		}
		switch {
		case want.JS:
			if c.Unread == "" {
				t.Errorf("column %s is filled by script: a static crawl must say it could not read it, not call it empty", want.Name)
			}
		case want.Placeholder:
			if len(c.Items) != 0 || c.Placeholder == "" {
				t.Errorf("column %s: %d items, placeholder %q; want the placeholder alone", want.Name, len(c.Items), c.Placeholder)
			}
		default:
			if len(c.Items) != want.Items {
				t.Errorf("column %s: %d items over %d list pages, want %d", want.Name, len(c.Items), len(c.ListPages), want.Items)
			}
			if newest := newestDate(c); !newest.Equal(want.Newest) {
				t.Errorf("column %s: newest item %s, want %s", want.Name, newest.Format("2006-01-02"), want.Newest.Format("2006-01-02"))
			}
		}
	}
}

func referrerPages(f checks.Finding) []string {
	var out []string
	for _, r := range f.Detail["referrers"].([]map[string]any) {
		out = append(out, r["page"].(string))
	}
	sort.Strings(out)
	return out
}
func newestDate(c checks.Column) time.Time {
	var newest time.Time
	for _, it := range c.Items {
		if it.Date.After(newest) {
			newest = it.Date
		}
	}
	return newest
}

func TestSamplePortalFreshnessMatchesGroundTruth(t *testing.T) {
	srv, fs, _ := inspectSample(t)
	want := map[string]bool{}
	for _, f := range srv.Truth().Freshness {
		want[f.Check+" "+f.Target] = true
	}
	got := map[string]bool{}
	for _, f := range fs {
		if strings.HasPrefix(f.Check, "column.") || f.Check == "site.not_updated" || f.Check == "site.columns_not_updated" {
			got[f.Check+" "+f.Target] = true
			if !want[f.Check+" "+f.Target] {
				t.Errorf("false finding %s %s: %s", f.Check, f.Target, f.Title)
			}
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("missed %s", k)
		}
	}
	if cmp := srv.Truth().Compare(fs); !cmp.Exact() {
		t.Errorf("comparison: missed %v, false %v", cmp.Missed, cmp.False)
	}
}

func TestSamplePortalContentMatchesGroundTruthMasked(t *testing.T) {
	srv, fs, _ := inspectSample(t)
	want := map[string]bool{}
	for _, f := range srv.Truth().Content {
		want[f.Check+" "+f.Target] = true
	}
	got := map[string]bool{}
	for _, f := range fs {
		// Nothing written anywhere may hold a planted value in full.
		b, _ := json.Marshal(f)
		for _, raw := range []string{"11010519491231002X", "440524188001010014", "13912345678", "18687654321", "13698765432"} {
			if strings.Contains(string(b), raw) {
				t.Errorf("%s %s leaks %s", f.Check, f.Target, raw)
			}
		}
		if strings.HasPrefix(f.Check, "privacy.") || strings.HasPrefix(f.Check, "wording.") || f.Check == "secret.marking" || f.Check == "attachment.unreadable" {
			k := f.Check + " " + f.Target
			got[k] = true
			if !want[k] {
				t.Errorf("false finding %s: %s (%s)", k, f.Title, f.Evidence)
			}
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("missed %s", k)
		}
	}
}
