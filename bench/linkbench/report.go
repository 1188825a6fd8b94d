package main

import (
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// canonical lets URLs printed by different tools be compared: percent
// escapes decoded (some print %E9, some 通, some %e9), the fragment dropped.
// GBK query bytes stay as they are: an undecodable query is still one URL.
func canonical(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	q, err := url.QueryUnescape(u.RawQuery)
	if err != nil {
		q = u.RawQuery
	}
	path := u.Path
	if !utf8.ValidString(path) {
		// wget sends a GBK page's Chinese path in GBK: the same link, spelt
		// the way the page's server may or may not understand.
		if s, err := simplifiedchinese.GBK.NewDecoder().String(path); err == nil {
			path = s
		}
	}
	return strings.ToLower(u.Host) + path + "?" + q
}

// score counts the planted links a tool found and the ones it made up.
func score(r *result, planted map[string]bool) {
	r.Planted = len(planted)
	seen := map[string]bool{}
	for _, u := range r.reported {
		c := canonical(u)
		if seen[c] {
			continue
		}
		seen[c] = true
		if planted[c] {
			r.Found++
		} else {
			r.False++
			r.falseEgs = append(r.falseEgs, u)
		}
	}
	sort.Strings(r.falseEgs)
	r.Exact = r.Note == "" && r.Found == r.Planted && r.False == 0
}

func printTable(w io.Writer, rs []result) {
	fmt.Fprintf(w, "%-12s %8s %9s %9s %13s %7s %6s  %s\n", "tool", "wall s", "pages/s", "RSS MiB", "found/planted", "false", "exact", "version")
	for _, r := range rs {
		note := r.Version
		if r.Note != "" {
			note = r.Note + "; " + note
		}
		fmt.Fprintf(w, "%-12s %8.1f %9.0f %9.1f %6d/%-6d %7d %6v  %s\n", r.Tool, r.Wall, r.PagesPS, r.RSSMiB, r.Found, r.Planted, r.False, r.Exact, note)
	}
	for _, r := range rs {
		if len(r.falseEgs) > 0 {
			fmt.Fprintf(w, "\n%s false reports (first 10 of %d):\n", r.Tool, r.False)
			for _, u := range r.falseEgs[:min(10, len(r.falseEgs))] {
				fmt.Fprintf(w, "  %s\n", u)
			}
		}
	}
	ratios(w, rs)
}

// ratios compares govwatch with the fastest and the leanest of the others.
func ratios(w io.Writer, rs []result) {
	var gw *result
	var fastest, leanest *result
	for i := range rs {
		r := &rs[i]
		switch {
		case r.Tool == "govwatch":
			gw = r
		case r.Note != "" || r.Wall == 0:
		default:
			if fastest == nil || r.Wall < fastest.Wall {
				fastest = r
			}
			if leanest == nil || r.RSSMiB < leanest.RSSMiB {
				leanest = r
			}
		}
	}
	if gw == nil || fastest == nil {
		return
	}
	fmt.Fprintf(w, "\ngovwatch wall time / fastest other (%s): %.2f×   (below 1 is faster)\n", fastest.Tool, gw.Wall/fastest.Wall)
	fmt.Fprintf(w, "govwatch peak RSS / leanest other (%s): %.2f×   (below 1 is leaner)\n", leanest.Tool, gw.RSSMiB/leanest.RSSMiB)
}
