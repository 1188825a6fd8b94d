// Package wording finds wrong wording on pages (wording.error): the common
// misspellings of the dictionary, and institution names that reforms
// replaced, used on pages published after the reform.
package wording

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govwatch/govwatch/checks"
)

// Name is the family's name in config.
const Name = "wording"

// Error is the check id for a wrong form.
const Error = "wording.error"

// Config adds the operator's dictionaries (same format as data/errors.tsv)
// and allow-lists (one correct word a line).
type Config struct {
	Dictionaries []string `yaml:"dictionaries"`
	Allow        []string `yaml:"allow"`
}

// DefaultConfig uses the shipped dictionary alone.
func DefaultConfig() Config { return Config{} }

// Check is the wording family.
type Check struct{ dict *dictionary }

var _ checks.PageCheck = (*Check)(nil)

// New loads the dictionaries; an error names the file and line.
func New(cfg Config) (checks.Check, error) {
	d, err := loadDictionary(cfg.Dictionaries, cfg.Allow)
	if err != nil {
		return nil, fmt.Errorf("wording: %w", err)
	}
	return &Check{dict: d}, nil
}

// Name implements checks.Check.
func (c *Check) Name() string { return Name }

// CheckPage reports each wrong form once per page, with the count, the
// first sentence it stands in and the suggestion.
func (c *Check) CheckPage(ctx context.Context, p *checks.Page, r checks.Reporter) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	text := p.Text
	var published time.Time
	if p.Article != nil {
		published = p.Article.PubDate
	}
	var allowed [][2]int
	var hits []hit
	c.dict.match.find(text, func(h hit) {
		switch {
		case h.word >= len(c.dict.entries):
			allowed = append(allowed, [2]int{h.start, h.end})
		case c.applies(c.dict.entries[h.word], text, h, published):
			hits = append(hits, h)
		}
	})
	type found struct {
		first hit
		count int
	}
	byWord := map[int]*found{}
	var order []int
	for _, h := range hits {
		if inside(h, allowed) {
			continue
		}
		if f, ok := byWord[h.word]; ok {
			f.count++
			continue
		}
		byWord[h.word] = &found{first: h, count: 1}
		order = append(order, h.word)
	}
	for _, w := range order {
		f := byWord[w]
		e := c.dict.entries[w]
		r.Report(checks.Finding{
			Check: Error, Severity: e.severity, URL: p.URL, Target: p.URL, Key: e.wrong,
			Title:    fmt.Sprintf("错误表述“%s”，应为“%s”", e.wrong, e.right),
			Evidence: sentence(text, f.first),
			Detail:   map[string]any{"wrong": e.wrong, "suggestion": e.right, "category": e.category, "count": f.count},
		})
	}
	return nil
}

// applies reports whether an entry is wrong where it stands: a replaced
// institution name is wrong only on a page published after the reform, and
// not when the text calls it the former one (原…).
func (c *Check) applies(e entry, text string, h hit, published time.Time) bool {
	if e.since.IsZero() {
		return true
	}
	if published.IsZero() || published.Before(e.since) {
		return false
	}
	before := text[max(0, h.start-12):h.start]
	return !strings.Contains(before, "原") && !strings.Contains(before, "更名") && !strings.Contains(before, "撤销")
}

// inside reports whether h lies within an allowed longer word.
func inside(h hit, allowed [][2]int) bool {
	for _, a := range allowed {
		if a[0] <= h.start && h.end <= a[1] && a[1]-a[0] > h.end-h.start {
			return true
		}
	}
	return false
}

// sentence is the sentence holding h, the match marked 【】, at most about
// 60 characters.
func sentence(text string, h hit) string {
	from := h.start
	for n := 0; from > 0 && n < 30; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:from])
		if strings.ContainsRune("。！？；\n", r) {
			break
		}
		from -= size
	}
	to := h.end
	for n := 0; to < len(text) && n < 30; n++ {
		r, size := utf8.DecodeRuneInString(text[to:])
		to += size
		if strings.ContainsRune("。！？；\n", r) {
			break
		}
	}
	return text[from:h.start] + "【" + text[h.start:h.end] + "】" + text[h.end:to]
}
