// Package freshness judges whether columns and the homepage are kept up to
// date (RULES.md §1, 栏目不更新 and 首页不更新): column.stale, column.empty
// and site.not_updated.
package freshness

import (
	"context"
	"fmt"
	"maps"
	"slices"
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
)

// Config holds the update windows. The defaults are the national rules'
// (国办秘函〔2019〕19号): news columns 2 weeks, first-level notice and policy
// columns 6 months, personnel and plan columns a year; the homepage 2 weeks
// with an early warning at 10 days, as commercial platforms raise it.
type Config struct {
	// MaxAgeDays is the window per column category; categories not listed
	// (static, interaction, interpretation, annual) are not judged here.
	MaxAgeDays       map[string]int `yaml:"max_age_days"`
	HomepageDays     int            `yaml:"homepage_days"`
	HomepageWarnDays int            `yaml:"homepage_warn_days"`
}

// DefaultConfig returns the national windows.
func DefaultConfig() Config {
	return Config{
		MaxAgeDays:       map[string]int{"news": 14, "notice": 180, "policy": 180, "personnel": 365, "plan": 365},
		HomepageDays:     14,
		HomepageWarnDays: 10,
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

// ChecksColumns marks the family as reading column items.
func (c *Check) ChecksColumns() {}

// CheckSite judges every column the crawl read, then the homepage.
func (c *Check) CheckSite(ctx context.Context, s *checks.Site, r checks.Reporter) error {
	for i := range s.Columns {
		if err := ctx.Err(); err != nil {
			return err
		}
		c.column(s, &s.Columns[i], r)
	}
	c.homepage(s, r)
	return nil
}

func (c *Check) column(s *checks.Site, col *checks.Column, r checks.Reporter) {
	window, judged := c.cfg.MaxAgeDays[col.Category]
	if col.Unread != "" || col.Category == "static" || len(col.ListPages) == 0 {
		return // what could not be read is not judged empty or stale
	}
	if len(col.Items) == 0 {
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
		r.Report(checks.Finding{Check: Stale, Severity: checks.SeverityDeduct, Unit: col.Unit, URL: col.URL, Target: col.URL,
			Title: fmt.Sprintf("栏目“%s”的信息均无发布日期，视为未更新", col.Name), Detail: detail})
		return
	}
	days := daysBetween(newest, s.Now)
	if days <= window {
		return
	}
	detail["days"], detail["newest"] = days, newest.Format("2006-01-02")
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
