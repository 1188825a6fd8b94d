// Package wording finds wrong wording on pages: wording.error for the common
// misspellings of the dictionary, institution names that reforms replaced
// (used on pages published after the reform) and wrong names or titles of
// the office holders the operator lists (a veto: 严重表述错误); and
// wording.sensitive for the operator's categorised word lists. Every list is
// matched in one Aho–Corasick pass, and a match inside a longer allowed
// word (反腐败 for 腐败) is not a finding.
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

// Check ids this family reports.
const (
	Error     = "wording.error"
	Sensitive = "wording.sensitive"
)

// Config adds the operator's dictionaries (same format as data/errors.tsv)
// and allow-lists (one correct word a line).
// Sensitive lists are "word<TAB>category<TAB>severity" files. Officials are
// the office holders whose names and titles must be right.
type Config struct {
	Dictionaries []string   `yaml:"dictionaries"`
	Allow        []string   `yaml:"allow"`
	Sensitive    []string   `yaml:"sensitive"`
	Officials    []Official `yaml:"officials"`
}

// Official is an office holder: a page that gives the name a wrong form, or
// puts another title beside it, has a serious wording error (a veto).
type Official struct {
	Name       string   `yaml:"name"`
	Titles     []string `yaml:"titles"`      // the current ones: 区委书记, 区长
	Since      string   `yaml:"since"`       // 2006-01-02: pages published before it are not judged for titles
	WrongNames []string `yaml:"wrong_names"` // forms of the name seen mistyped
}

// DefaultConfig uses the shipped dictionary alone.
func DefaultConfig() Config { return Config{} }

// Validate names a bad office holder by its config key.
func (c *Config) Validate() error {
	for i, o := range c.Officials {
		key := fmt.Sprintf("officials[%d]", i)
		if strings.TrimSpace(o.Name) == "" {
			return fmt.Errorf("%s.name: is required", key)
		}
		if len(o.Titles) == 0 {
			return fmt.Errorf("%s.titles: name at least one current title", key)
		}
		if o.Since != "" {
			if _, err := time.Parse("2006-01-02", o.Since); err != nil {
				return fmt.Errorf("%s.since: %q is not a date like 2023-01-10", key, o.Since)
			}
		}
		for _, w := range o.WrongNames {
			if w == o.Name || strings.TrimSpace(w) == "" {
				return fmt.Errorf("%s.wrong_names: %q is empty or the right name", key, w)
			}
		}
	}
	return nil
}

// Check is the wording family.
type Check struct{ dict *dictionary }

var _ checks.PageCheck = (*Check)(nil)

// New loads the dictionaries; an error names the file and line.
func New(cfg Config) (checks.Check, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("wording: %w", err)
	}
	d, err := loadDictionary(cfg)
	if err != nil {
		return nil, fmt.Errorf("wording: %w", err)
	}
	return &Check{dict: d}, nil
}

// Name implements checks.Check.
func (c *Check) Name() string { return Name }

// IDs implements checks.Check.
func (c *Check) IDs() []string { return []string{Error, Sensitive} }

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
	longer := spans(hits)
	for _, h := range hits {
		if inside(h, allowed) || inside(h, longer) {
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
		finding := checks.Finding{
			Check: e.check, Severity: e.severity, URL: p.URL, Target: p.URL, Key: e.wrong,
			Title:    fmt.Sprintf("错误表述“%s”，应为“%s”", e.wrong, e.right),
			Evidence: sentence(text, f.first),
			Detail:   map[string]any{"wrong": e.wrong, "suggestion": e.right, "category": e.category, "count": f.count},
		}
		switch {
		case e.check == Sensitive:
			finding.Title = fmt.Sprintf("出现敏感词“%s”（%s）", e.wrong, e.category)
			finding.Detail = map[string]any{"word": e.wrong, "category": e.category, "count": f.count}
		case e.category == categoryOfficial:
			finding.Title = fmt.Sprintf("严重表述错误：“%s”，应为“%s”", e.wrong, e.right)
		}
		r.Report(finding)
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
	for _, w := range []string{"原", "更名", "撤销", "时任", "曾任", "前任"} {
		if strings.Contains(before, w) {
			return false
		}
	}
	return true
}

// spans are the stretches hits cover: a hit inside a longer hit is the
// longer one's part (副区长王某某 within 常务副区长王某某), not a finding.
func spans(hits []hit) [][2]int {
	out := make([][2]int, len(hits))
	for i, h := range hits {
		out[i] = [2]int{h.start, h.end}
	}
	return out
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
