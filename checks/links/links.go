// Package links turns what the crawler learned about each link target into
// link.broken and link.soft404 findings: one per target per site, naming
// every page that refers to it.
package links

import (
	"context"
	"fmt"
	"strings"

	"github.com/govwatch/govwatch/checks"
)

// Name is the family's name in config.
const Name = "links"

// Check ids this family reports.
const (
	Broken  = "link.broken"
	Soft404 = "link.soft404"
	// Unreachable is a homepage that did not answer the crawl. One failed
	// crawl is a notice; the veto (≥ 5 % of a week's probes) is judged from
	// the homepage probes.
	Unreachable = "site.unreachable"
)

// Config tunes the family. Points follow the scoring table of RULES.md §1
// (deductions [M]: unconfirmed, so configurable).
type Config struct {
	Soft404        bool     `yaml:"soft404"`         // report 200 pages that say not found
	Ignore         []string `yaml:"ignore"`          // target URL prefixes never reported
	HomepagePoints float64  `yaml:"homepage_points"` // deduction for a broken link on the homepage
	PagePoints     float64  `yaml:"page_points"`     // deduction for one elsewhere
}

// DefaultConfig is the national scoring: 1 point on the homepage, 0.1 elsewhere.
func DefaultConfig() Config {
	return Config{Soft404: true, HomepagePoints: 1, PagePoints: 0.1}
}

// Check is the links family.
type Check struct{ cfg Config }

var _ checks.SiteCheck = (*Check)(nil)

// Validate names a bad setting by its config key.
func (c *Config) Validate() error {
	if c.HomepagePoints < 0 {
		return fmt.Errorf("homepage_points: %v is negative", c.HomepagePoints)
	}
	if c.PagePoints < 0 {
		return fmt.Errorf("page_points: %v is negative", c.PagePoints)
	}
	return nil
}

// New returns the check, or an error naming a bad setting.
func New(cfg Config) (checks.Check, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	return &Check{cfg: cfg}, nil
}

// Name implements checks.Check.
func (c *Check) Name() string { return Name }

// IDs implements checks.Check.
func (c *Check) IDs() []string { return []string{Broken, Soft404, Unreachable} }

// CheckSite reports every broken and soft-404 target of the crawl.
func (c *Check) CheckSite(ctx context.Context, s *checks.Site, r checks.Reporter) error {
	home := ""
	if s.Homepage != nil {
		home = s.Homepage.URL
	}
	for i := range s.Links {
		if err := ctx.Err(); err != nil {
			return err
		}
		l := &s.Links[i]
		if l.Target == s.URL && l.Outcome.Broken() {
			r.Report(unreachable(s, l))
			continue
		}
		if c.ignored(l.Target) || len(l.Referrers) == 0 {
			continue
		}
		switch {
		case l.Outcome == checks.OutcomeSoft404 && c.cfg.Soft404:
			r.Report(c.finding(s, l, Soft404, home))
		case l.Outcome.Broken():
			r.Report(c.finding(s, l, Broken, home))
		}
	}
	return nil
}

func (c *Check) ignored(target string) bool {
	for _, p := range c.cfg.Ignore {
		if strings.HasPrefix(target, p) {
			return true
		}
	}
	return false
}

func (c *Check) finding(s *checks.Site, l *checks.LinkStatus, id, home string) checks.Finding {
	first := l.Referrers[0]
	onHome := false
	for _, ref := range l.Referrers {
		if home != "" && (ref.Page == home || ref.Page == s.URL) {
			onHome, first = true, ref
			break
		}
	}
	points := c.cfg.PagePoints
	if onHome {
		points = c.cfg.HomepagePoints
	}
	refs := make([]map[string]any, len(l.Referrers))
	for i, ref := range l.Referrers {
		refs[i] = map[string]any{"page": ref.Page, "text": ref.Text, "kind": string(ref.Kind)}
	}
	detail := map[string]any{
		"kind": string(l.Kind), "outcome": string(l.Outcome), "reason": l.Reason,
		"external": l.External, "on_homepage": onHome, "points": points,
		"referrers": refs, "referrer_count": l.RefCount,
	}
	if l.Status != 0 {
		detail["status"] = l.Status
	}
	if l.FinalURL != "" {
		detail["final_url"] = l.FinalURL
	}
	return checks.Finding{
		// One finding per target per site, whichever pages refer to it:
		// the id leaves the referring page out so it stays stable.
		ID:       checks.FindingID(id, s.ID, "", l.Target, ""),
		Check:    id,
		Severity: checks.SeverityDeduct,
		Site:     s.ID,
		URL:      first.Page,
		Target:   l.Target,
		Title:    title(id, l, first),
		Evidence: first.Text,
		Detail:   detail,
	}
}

func unreachable(s *checks.Site, l *checks.LinkStatus) checks.Finding {
	why := outcomeWords[l.Outcome]
	if l.Outcome == checks.OutcomeHTTPError {
		why = fmt.Sprintf("HTTP %d", l.Status)
	}
	return checks.Finding{
		Check: Unreachable, Severity: checks.SeverityNotice, URL: s.URL, Target: s.URL,
		Title:  fmt.Sprintf("首页无法访问（%s），本次未能检查网站", why),
		Detail: map[string]any{"outcome": string(l.Outcome), "status": l.Status, "reason": l.Reason},
	}
}
