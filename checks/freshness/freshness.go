// Package freshness judges whether columns and the homepage are kept up to
// date (RULES.md §1, 栏目不更新 and 首页不更新): column.stale, column.empty,
// site.not_updated, and the site-level verdict site.columns_not_updated that
// counts stale and empty columns against the veto thresholds.
package freshness

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// Name is the family's name in config.
const Name = "freshness"

// Check ids this family reports.
const (
	Stale      = "column.stale"
	Empty      = "column.empty"
	NotUpdated = "site.not_updated"
	// ColumnsNotUpdated is the site's 栏目不更新 verdict: a veto when the
	// counts of stale or empty columns reach the thresholds, a notice at the
	// early warning.
	ColumnsNotUpdated = "site.columns_not_updated"
)

// Config holds the update windows. The defaults are the national rules'
// (国办秘函〔2019〕19号): news columns 2 weeks, first-level notice and policy
// columns 6 months, personnel and plan columns a year; the homepage 2 weeks
// with an early warning at 10 days, as commercial platforms raise it.
type Config struct {
	// MaxAgeDays is the window per column category; categories not listed
	// (static, interaction, interpretation, annual) are not judged here. A
	// site's max_age_days and a column's override it.
	MaxAgeDays       map[string]int `yaml:"max_age_days"`
	HomepageDays     int            `yaml:"homepage_days"`
	HomepageWarnDays int            `yaml:"homepage_warn_days"`
	Verdict          Verdict        `yaml:"verdict"`
}

// Verdict holds the thresholds of the 栏目不更新 veto (RULES.md §1): StaleColumns
// news, notice or policy columns past their window, or LongStaleColumns
// columns quiet for more than LongStaleDays, or EmptyColumns empty columns.
// More than WarnEmptyColumns empty columns is the early warning.
type Verdict struct {
	StaleColumns     int `yaml:"stale_columns"`
	LongStaleColumns int `yaml:"long_stale_columns"`
	LongStaleDays    int `yaml:"long_stale_days"`
	EmptyColumns     int `yaml:"empty_columns"`
	WarnEmptyColumns int `yaml:"warn_empty_columns"`
}

// DefaultConfig returns the national windows.
func DefaultConfig() Config {
	return Config{
		MaxAgeDays:       map[string]int{"news": 14, "notice": 180, "policy": 180, "personnel": 365, "plan": 365},
		HomepageDays:     14,
		HomepageWarnDays: 10,
		Verdict:          Verdict{StaleColumns: 5, LongStaleColumns: 10, LongStaleDays: 365, EmptyColumns: 5, WarnEmptyColumns: 2},
	}
}

// Check is the freshness family.
type Check struct{ cfg Config }

var _ checks.ColumnCheck = (*Check)(nil)

// Validate names the first bad window by its config key.
func (c *Config) Validate() error {
	for _, cat := range slices.Sorted(maps.Keys(c.MaxAgeDays)) {
		if d := c.MaxAgeDays[cat]; d <= 0 {
			return fmt.Errorf("max_age_days.%s: %d is not a positive number of days", cat, d)
		}
	}
	if c.HomepageDays <= 0 {
		return fmt.Errorf("homepage_days: %d is not a positive number of days", c.HomepageDays)
	}
	if c.HomepageWarnDays < 0 || c.HomepageWarnDays > c.HomepageDays {
		return fmt.Errorf("homepage_warn_days: %d is not between 0 and homepage_days (%d)", c.HomepageWarnDays, c.HomepageDays)
	}
	v := c.Verdict
	for _, t := range []struct {
		key string
		n   int
	}{{"stale_columns", v.StaleColumns}, {"long_stale_columns", v.LongStaleColumns}, {"long_stale_days", v.LongStaleDays}, {"empty_columns", v.EmptyColumns}} {
		if t.n <= 0 {
			return fmt.Errorf("verdict.%s: %d is not a positive number", t.key, t.n)
		}
	}
	if v.WarnEmptyColumns < 0 || v.WarnEmptyColumns >= v.EmptyColumns {
		return fmt.Errorf("verdict.warn_empty_columns: %d is not between 0 and empty_columns (%d)", v.WarnEmptyColumns, v.EmptyColumns)
	}
	return nil
}

// New returns the check, or an error naming a bad window.
func New(cfg Config) (checks.Check, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("freshness: %w", err)
	}
	return &Check{cfg: cfg}, nil
}

// Name implements checks.Check.
func (c *Check) Name() string { return Name }

// IDs implements checks.Check.
func (c *Check) IDs() []string { return []string{Stale, Empty, NotUpdated, ColumnsNotUpdated} }

// ChecksColumns marks the family as reading column items.
func (c *Check) ChecksColumns() {}

// CheckSite judges every column the crawl read, then the homepage, then the
// site's 栏目不更新 verdict.
func (c *Check) CheckSite(ctx context.Context, s *checks.Site, r checks.Reporter) error {
	var tally tally
	for i := range s.Columns {
		if err := ctx.Err(); err != nil {
			return err
		}
		c.column(s, &s.Columns[i], r, &tally)
	}
	c.homepage(s, r)
	c.verdict(s, &tally, r)
	return nil
}

// window is the freshness window of a column: its own, else its site's for
// its category, else the family's.
func (c *Check) window(s *checks.Site, col *checks.Column) (int, bool) {
	if col.MaxAgeDays > 0 {
		return col.MaxAgeDays, true
	}
	if d, ok := s.MaxAgeDays[col.Category]; ok {
		return d, true
	}
	d, ok := c.cfg.MaxAgeDays[col.Category]
	return d, ok
}

func (c *Check) column(s *checks.Site, col *checks.Column, r checks.Reporter, t *tally) {
	window, judged := c.window(s, col)
	if col.Unread != "" || col.Category == "static" || len(col.ListPages) == 0 {
		return // what could not be read is not judged empty or stale
	}
	if len(col.Items) == 0 {
		t.empty = append(t.empty, col.Name)
		r.Report(checks.Finding{
			Check: Empty, Severity: checks.SeverityDeduct, Unit: col.Unit, URL: col.URL, Target: col.URL,
			Title:    fmt.Sprintf("栏目“%s”无内容", col.Name),
			Evidence: col.Placeholder,
			Detail:   map[string]any{"column": col.Name, "category": col.Category, "placeholder": col.Placeholder},
		})
		return
	}
	if !judged {
		return
	}
	newest, undated := newestDate(col.Items)
	detail := map[string]any{"column": col.Name, "category": col.Category, "window_days": window, "undated_items": undated}
	if newest.IsZero() {
		// A page without a publication date counts as not updated (RULES.md §1).
		detail["days"] = nil
		t.stale(col, -1, c.cfg.Verdict.LongStaleDays)
		r.Report(checks.Finding{Check: Stale, Severity: checks.SeverityDeduct, Unit: col.Unit, URL: col.URL, Target: col.URL,
			Title: fmt.Sprintf("栏目“%s”的信息均无发布日期，视为未更新", col.Name), Detail: detail})
		return
	}
	days := daysBetween(newest, s.Now)
	if days <= window {
		return
	}
	detail["days"], detail["newest"] = days, newest.Format("2006-01-02")
	t.stale(col, days, c.cfg.Verdict.LongStaleDays)
	r.Report(checks.Finding{
		Check: Stale, Severity: checks.SeverityDeduct, Unit: col.Unit, URL: col.URL, Target: col.URL,
		Title:    fmt.Sprintf("栏目“%s”已 %d 天未更新", col.Name, days),
		Evidence: "最新信息发布于 " + newest.Format("2006-01-02"),
		Detail:   detail,
	})
}

// homepage reports a homepage whose newest dated item is older than the
// window (veto), or than the early-warning window (notice).
func (c *Check) homepage(s *checks.Site, r checks.Reporter) {
	if s.Homepage == nil || s.Homepage.List == nil || len(s.Homepage.List.Items) == 0 {
		return // a navigation-only homepage is judged by its columns
	}
	newest, _ := newestDate(s.Homepage.List.Items)
	days := -1
	if !newest.IsZero() {
		days = daysBetween(newest, s.Now)
	}
	severity := checks.SeverityVeto
	switch {
	case days >= 0 && days <= c.cfg.HomepageWarnDays:
		return
	case days >= 0 && days <= c.cfg.HomepageDays:
		severity = checks.SeverityNotice
	}
	title := fmt.Sprintf("首页已 %d 天未更新", days)
	if days < 0 {
		title = "首页信息均无发布日期，视为未更新"
	}
	detail := map[string]any{"days": days, "window_days": c.cfg.HomepageDays, "warn_days": c.cfg.HomepageWarnDays}
	if !newest.IsZero() {
		detail["newest"] = newest.Format("2006-01-02")
	}
	r.Report(checks.Finding{Check: NotUpdated, Severity: severity, URL: s.Homepage.URL, Target: s.Homepage.URL, Title: title, Detail: detail})
}

// tally counts a crawl's stale and empty columns by the verdict's classes.
type tally struct {
	staleRegular []string // news, notice and policy columns past their window
	longStale    []string // columns quiet for longer than the long-stale limit, or undated
	empty        []string
}

// stale counts a stale column; days < 0 means its items carry no date.
func (t *tally) stale(col *checks.Column, days, longDays int) {
	switch col.Category {
	case "news", "notice", "policy":
		t.staleRegular = append(t.staleRegular, col.Name)
	}
	if days < 0 || days > longDays || col.Category == "personnel" || col.Category == "plan" {
		t.longStale = append(t.longStale, col.Name)
	}
}

// verdict reports the site's 栏目不更新 veto when any class reaches its
// threshold (RULES.md §1), or the early warning for empty columns. A crawl
// that read only part of the site can still reach a veto: its counts only
// grow with more columns read.
func (c *Check) verdict(s *checks.Site, t *tally, r checks.Reporter) {
	v := c.cfg.Verdict
	var reasons []string
	if len(t.staleRegular) >= v.StaleColumns {
		reasons = append(reasons, fmt.Sprintf("%d 个动态、通知公告、政策文件类栏目未按期更新", len(t.staleRegular)))
	}
	if len(t.longStale) >= v.LongStaleColumns {
		reasons = append(reasons, fmt.Sprintf("%d 个栏目长期未更新", len(t.longStale)))
	}
	if len(t.empty) >= v.EmptyColumns {
		reasons = append(reasons, fmt.Sprintf("%d 个栏目无内容", len(t.empty)))
	}
	severity, title := checks.SeverityVeto, "栏目不更新（单项否决）："+strings.Join(reasons, "；")
	if len(reasons) == 0 {
		if len(t.empty) <= v.WarnEmptyColumns {
			return
		}
		severity, title = checks.SeverityNotice, fmt.Sprintf("预警：%d 个栏目无内容（达到 %d 个即单项否决）", len(t.empty), v.EmptyColumns)
	}
	r.Report(checks.Finding{
		Check: ColumnsNotUpdated, Severity: severity, URL: s.URL, Target: s.URL, Title: title,
		Evidence: evidenceList(t),
		Detail: map[string]any{
			"stale_columns": t.staleRegular, "long_stale_columns": t.longStale, "empty_columns": t.empty,
			"thresholds": map[string]int{"stale_columns": v.StaleColumns, "long_stale_columns": v.LongStaleColumns,
				"long_stale_days": v.LongStaleDays, "empty_columns": v.EmptyColumns, "warn_empty_columns": v.WarnEmptyColumns},
		},
	})
}

// evidenceList names up to five columns of each class.
func evidenceList(t *tally) string {
	var parts []string
	for _, class := range []struct {
		label string
		names []string
	}{{"未按期更新", t.staleRegular}, {"长期未更新", t.longStale}, {"无内容", t.empty}} {
		if len(class.names) == 0 {
			continue
		}
		names := class.names
		more := ""
		if len(names) > 5 {
			names, more = names[:5], fmt.Sprintf("等 %d 个", len(class.names))
		}
		parts = append(parts, class.label+"："+strings.Join(names, "、")+more)
	}
	return strings.Join(parts, "；")
}

func newestDate(items []checks.Item) (time.Time, int) {
	var newest time.Time
	undated := 0
	for _, it := range items {
		if it.Date.IsZero() {
			undated++
		} else if it.Date.After(newest) {
			newest = it.Date
		}
	}
	return newest, undated
}

// daysBetween counts calendar days in China time from a to b.
func daysBetween(a, b time.Time) int {
	china := time.FixedZone("CST", 8*3600)
	ay, am, ad := a.In(china).Date()
	by, bm, bd := b.In(china).Date()
	return int(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC).Sub(time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}
