// Package format writes findings for people (a table) and for programs
// (JSON Lines, a JSON array), in the DESIGN.md finding contract.
package format

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/govwatch/govwatch/checks"
)

// Names of the output formats, as --format takes them.
const (
	Table = "table"
	JSONL = "jsonl"
	JSON  = "json"
)

// Write writes findings in the named format.
func Write(w io.Writer, name string, fs []checks.Finding) error {
	switch name {
	case Table:
		return WriteTable(w, fs)
	case JSONL:
		return WriteJSONL(w, fs)
	case JSON:
		return WriteJSON(w, fs)
	}
	return fmt.Errorf("format %q is not one of table, jsonl, json", name)
}

// Sort orders findings as every output shows them: by severity, check,
// target, url.
func Sort(fs []checks.Finding) {
	rank := map[checks.Severity]int{checks.SeverityVeto: 0, checks.SeverityDeduct: 1, checks.SeverityNotice: 2}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if rank[a.Severity] != rank[b.Severity] {
			return rank[a.Severity] < rank[b.Severity]
		}
		if a.Check != b.Check {
			return a.Check < b.Check
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.URL < b.URL
	})
}

// WriteJSONL writes one finding per line.
func WriteJSONL(w io.Writer, fs []checks.Finding) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, f := range fs {
		if err := enc.Encode(f); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the findings as one indented array ([] when none).
func WriteJSON(w io.Writer, fs []checks.Finding) error {
	if fs == nil {
		fs = []checks.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(fs)
}

var severityWords = map[checks.Severity]string{
	checks.SeverityVeto: "单项否决", checks.SeverityDeduct: "扣分", checks.SeverityNotice: "提示",
}

// maxReferrersShown is how many referring pages the table lists per finding.
const maxReferrersShown = 5

// WriteTable writes findings for a person at a terminal: one block each,
// with the target and the pages it is seen on.
func WriteTable(w io.Writer, fs []checks.Finding) error {
	ew := &errWriter{w: w}
	for i, f := range fs {
		ew.printf("%d. [%s] %s  %s\n", i+1, severityWords[f.Severity], f.Check, f.Title)
		if f.Target != "" && f.Target != f.URL {
			ew.printf("   目标  %s\n", f.Target)
		}
		refs := referrers(f)
		if len(refs) == 0 {
			ew.printf("   页面  %s\n", f.URL)
		}
		for j, r := range refs {
			if j == maxReferrersShown {
				ew.printf("         … 另有 %d 处\n", referrerCount(f, len(refs))-maxReferrersShown)
				break
			}
			label := "   出现于"
			if j > 0 {
				label = "         "
			}
			ew.printf("%s %s%s\n", label, r.page, quoted(r.text))
		}
		if f.Evidence != "" && len(refs) == 0 {
			ew.printf("   摘录  %s\n", f.Evidence)
		}
	}
	return ew.err
}

type ref struct{ page, text string }

// referrers reads detail.referrers whether it holds Go maps (fresh from a
// check) or decoded JSON.
func referrers(f checks.Finding) []ref {
	raw, ok := f.Detail["referrers"]
	if !ok {
		return nil
	}
	var list []map[string]any
	switch v := raw.(type) {
	case []map[string]any:
		list = v
	case []any:
		for _, x := range v {
			if m, ok := x.(map[string]any); ok {
				list = append(list, m)
			}
		}
	}
	out := make([]ref, 0, len(list))
	for _, m := range list {
		page, _ := m["page"].(string)
		text, _ := m["text"].(string)
		out = append(out, ref{page: page, text: text})
	}
	return out
}

func referrerCount(f checks.Finding, listed int) int {
	switch n := f.Detail["referrer_count"].(type) {
	case int:
		return max(n, listed)
	case float64:
		return max(int(n), listed)
	}
	return listed
}

func quoted(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	return "（“" + s + "”）"
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
