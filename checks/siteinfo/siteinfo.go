// Package siteinfo checks that a portal identifies itself as the
// 《政府网站发展指引》(国办发〔2017〕47号) requires: meta tags SiteName,
// SiteDomain and SiteIDCode, and in the footer the 党政机关网站标识, the
// 网站标识码, the ICP record number, the public-security record number and
// the sponsoring unit; and that it is served over HTTPS.
package siteinfo

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/govwatch/govwatch/checks"
)

// Name is the family's name in config.
const Name = "siteinfo"

// Check ids this family reports.
const (
	IdentityMissing = "site.identity_missing"
	TLS             = "site.tls"
)

// Config switches the HTTPS requirement.
type Config struct {
	RequireHTTPS bool `yaml:"require_https"`
}

// DefaultConfig requires HTTPS, as the 2017 guideline does.
func DefaultConfig() Config { return Config{RequireHTTPS: true} }

// Check is the siteinfo family.
type Check struct{ cfg Config }

var _ checks.PageCheck = (*Check)(nil)

// New returns the check.
func New(cfg Config) (checks.Check, error) { return &Check{cfg: cfg}, nil }

// Name implements checks.Check.
func (c *Check) Name() string { return Name }

var (
	// 网站标识码: a 6-digit division code and 4 digits, or bm and 8 digits.
	siteIDCode = regexp.MustCompile(`^(\d{10}|bm\d{8})$`)
	siteIDText = regexp.MustCompile(`网站标识码\s*[:：]?\s*(\d{10}|bm\d{8})`)
	icpRe      = regexp.MustCompile(`[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼滇]ICP备\s*\d+号`)
	policeRe   = regexp.MustCompile(`公网安备\s*\d{14}\s*号`)
	sponsorRe  = regexp.MustCompile(`主办(单位)?\s*[:：]`)
)

// CheckPage judges the homepage only: identity is the site's, not each page's.
func (c *Check) CheckPage(ctx context.Context, p *checks.Page, r checks.Reporter) error {
	if !p.Homepage {
		return nil
	}
	var missing []string
	for _, name := range []string{"SiteName", "SiteDomain", "SiteIDCode"} {
		if strings.TrimSpace(p.Meta[name]) == "" {
			missing = append(missing, "meta "+name)
		}
	}
	if code := strings.TrimSpace(p.Meta["SiteIDCode"]); code != "" && !siteIDCode.MatchString(code) {
		missing = append(missing, fmt.Sprintf("meta SiteIDCode（%q 不是10位网站标识码）", code))
	}
	checksText := []struct {
		name string
		ok   bool
	}{
		{"党政机关网站标识", strings.Contains(p.Text, "党政机关") || hasConacLink(p)},
		{"网站标识码", siteIDText.MatchString(p.Text)},
		{"ICP备案编号", icpRe.MatchString(p.Text)},
		{"公安机关备案号", policeRe.MatchString(p.Text)},
		{"主办单位", sponsorRe.MatchString(p.Text)},
	}
	for _, t := range checksText {
		if !t.ok {
			missing = append(missing, t.name)
		}
	}
	if len(missing) > 0 {
		r.Report(checks.Finding{
			Check: IdentityMissing, Severity: checks.SeverityDeduct, URL: p.URL, Target: p.URL,
			Title:  "网站标识信息不全：缺少" + strings.Join(missing, "、"),
			Detail: map[string]any{"missing": missing},
		})
	}
	if c.cfg.RequireHTTPS && strings.HasPrefix(p.URL, "http://") {
		r.Report(checks.Finding{
			Check: TLS, Severity: checks.SeverityNotice, URL: p.URL, Target: p.URL,
			Title: "网站未使用HTTPS", Detail: map[string]any{"scheme": "http"},
		})
	}
	return nil
}

// hasConacLink spots the 党政机关网站标识 by its link to the registry.
func hasConacLink(p *checks.Page) bool {
	for _, l := range p.Links {
		if strings.Contains(l.URL, "conac.cn") || strings.Contains(l.Text, "党政机关") {
			return true
		}
	}
	return false
}
