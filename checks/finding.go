package checks

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Severity says how a finding weighs in an inspection (RULES.md §1).
type Severity string

const (
	SeverityVeto   Severity = "veto"   // 单项否决: any one fails the site
	SeverityDeduct Severity = "deduct" // 扣分: costs points
	SeverityNotice Severity = "notice" // 提示/预警: early warning, no points
)

// Finding is one problem seen on a site or account. Its fields are the DESIGN.md contract.
type Finding struct {
	ID          string         `json:"id"`
	Check       string         `json:"check"`
	Severity    Severity       `json:"severity"`
	Site        string         `json:"site"`
	Unit        string         `json:"unit"`
	URL         string         `json:"url"`
	Target      string         `json:"target"`
	Title       string         `json:"title"`
	Evidence    string         `json:"evidence,omitempty"`
	Detail      map[string]any `json:"detail,omitempty"`
	FirstSeen   time.Time      `json:"first_seen"`
	LastSeen    time.Time      `json:"last_seen"`
	RectifiedAt *time.Time     `json:"rectified_at,omitempty"`

	// Key tells apart two findings of one check at the same url and target
	// (two kinds of personal data on one page, say). It is part of the ID only.
	Key string `json:"-"`
}

// FindingID is the stable fingerprint of a problem: the same problem seen on
// the next crawl gets the same id, so the ledger can track it to rectification.
func FindingID(check, site, url, target, key string) string {
	h := sha256.New()
	for _, s := range []string{check, site, url, target, key} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// Reporter receives findings from checks.
type Reporter interface {
	Report(Finding)
}

// ReporterFunc adapts a function to Reporter.
type ReporterFunc func(Finding)

// Report calls f.
func (f ReporterFunc) Report(x Finding) { f(x) }

// Stamp fills what a check leaves to its caller: the site, the owning unit
// when the check did not name one, the times, and the id.
func Stamp(f Finding, site, unit string, at time.Time) Finding {
	if f.Site == "" {
		f.Site = site
	}
	if f.Unit == "" {
		f.Unit = unit
	}
	if f.FirstSeen.IsZero() {
		f.FirstSeen = at
	}
	if f.LastSeen.IsZero() {
		f.LastSeen = at
	}
	if f.ID == "" {
		f.ID = FindingID(f.Check, f.Site, f.URL, f.Target, f.Key)
	}
	return f
}
