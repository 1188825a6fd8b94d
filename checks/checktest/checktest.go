// Package checktest is the contract every check family passes: no panic on
// empty or huge input, a stop when its context is cancelled, and the same
// findings in the same order for the same input.
package checktest

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// Input is one page, one attachment and one site for a family to judge; a
// family's own test passes realistic ones from its testdata.
type Input struct {
	Page       *checks.Page
	Attachment *checks.Attachment
	Site       *checks.Site
}

// Run checks the contract for c on the inputs plus the hostile ones it makes.
func Run(t *testing.T, c checks.Check, inputs ...Input) {
	t.Helper()
	inputs = append(inputs, hostileInputs()...)
	for i, in := range inputs {
		first := runOnce(t, context.Background(), c, in)
		second := runOnce(t, context.Background(), c, in)
		if !reflect.DeepEqual(first, second) {
			t.Errorf("input %d: %s reported different findings on the same input", i, c.Name())
		}
		for _, f := range first {
			if !slices.Contains(c.IDs(), f.Check) {
				t.Errorf("input %d: %s reported %s, which is not among its IDs %v", i, c.Name(), f.Check, c.IDs())
			}
			if f.Check == "" || f.Severity == "" || f.Title == "" {
				t.Errorf("input %d: %s reported a finding without check, severity or title: %+v", i, c.Name(), f)
			}
			if _, err := json.Marshal(f); err != nil {
				t.Errorf("input %d: finding does not encode: %v", i, err)
			}
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, in := range inputs {
		done := make(chan struct{})
		go func() {
			defer close(done)
			runOnce(t, cancelled, c, in)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s did not return within 10 s of a cancelled context", c.Name())
		}
	}
}

func runOnce(t *testing.T, ctx context.Context, c checks.Check, in Input) []checks.Finding {
	t.Helper()
	var got []checks.Finding
	r := checks.ReporterFunc(func(f checks.Finding) { got = append(got, f) })
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("%s panicked: %v", c.Name(), p)
		}
	}()
	if pc, ok := c.(checks.PageCheck); ok && in.Page != nil {
		_ = pc.CheckPage(ctx, in.Page, r)
	}
	if ac, ok := c.(checks.AttachmentCheck); ok && in.Attachment != nil {
		_ = ac.CheckAttachment(ctx, in.Attachment, r)
	}
	if sc, ok := c.(checks.SiteCheck); ok && in.Site != nil {
		_ = sc.CheckSite(ctx, in.Site, r)
	}
	return got
}

// hostileInputs are empty, zero-valued and huge inputs.
func hostileInputs() []Input {
	huge := strings.Repeat("政务公开 2024-01-17 13800138000 ", 200000)
	links := make([]checks.LinkStatus, 20000)
	for i := range links {
		links[i] = checks.LinkStatus{Target: "http://x/" + strings.Repeat("a", i%300), Outcome: checks.OutcomeHTTPError, Status: 404,
			Referrers: []checks.Referrer{{Page: "http://x/"}}, RefCount: 1}
	}
	return []Input{
		{Page: &checks.Page{}, Attachment: &checks.Attachment{}, Site: &checks.Site{}},
		{Page: &checks.Page{URL: "http://x/", Text: huge, HTML: "<p>" + huge, Title: huge[:3000]},
			Attachment: &checks.Attachment{URL: "http://x/a.xlsx", Parts: []checks.TextPart{{Where: "Sheet1", Text: huge}, {}}},
			Site:       &checks.Site{ID: "x", Links: links, Columns: []checks.Column{{URL: "http://x/c/"}}}},
		{Site: &checks.Site{Links: []checks.LinkStatus{{Target: "", Outcome: checks.OutcomeDNS}}}},
		{Attachment: &checks.Attachment{URL: "http://x/a.doc", Unreadable: "encrypted"}},
	}
}
