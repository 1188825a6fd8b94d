// Package siteinfo checks that a portal identifies itself as the
// 《政府网站发展指引》(国办发〔2017〕47号) requires: meta tags SiteName,
// SiteDomain and SiteIDCode, and in the footer the 党政机关网站标识, the
// 网站标识码, the ICP record number, the public-security record number and
// the sponsoring unit; and that it is served over HTTPS with a certificate
// that verifies and is not about to expire, with http:// redirected to
// https://, and reachable over IPv6 (site.ipv6, a notice).
package siteinfo

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// Name is the family's name in config.
const Name = "siteinfo"

// Check ids this family reports.
const (
	IdentityMissing = "site.identity_missing"
	TLS             = "site.tls"
	IPv6            = "site.ipv6"
)

// Config switches the HTTPS and IPv6 requirements.
type Config struct {
	RequireHTTPS bool `yaml:"require_https"`
	// CertWarnDays is how long before expiry a certificate is reported.
	CertWarnDays int  `yaml:"cert_warn_days"`
	RequireIPv6  bool `yaml:"require_ipv6"`
}

// DefaultConfig requires HTTPS and IPv6, as the 2017 guideline and the IPv6
// deployment plans ask, and warns 30 days before a certificate expires.
func DefaultConfig() Config { return Config{RequireHTTPS: true, CertWarnDays: 30, RequireIPv6: true} }

// Validate names a bad setting by its config key.
func (c *Config) Validate() error {
	if c.CertWarnDays < 0 {
		return fmt.Errorf("cert_warn_days: %d is not 0 or more days", c.CertWarnDays)
	}
	return nil
}

// Check is the siteinfo family.
type Check struct{ cfg Config }

var (
	_ checks.PageCheck = (*Check)(nil)
	_ checks.SiteCheck = (*Check)(nil)
)

// New returns the check.
func New(cfg Config) (checks.Check, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("siteinfo: %w", err)
	}
	return &Check{cfg: cfg}, nil
}

// Name implements checks.Check.
func (c *Check) Name() string { return Name }

// IDs implements checks.Check.
func (c *Check) IDs() []string { return []string{IdentityMissing, TLS, IPv6} }

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
	return nil
}

var certProblems = map[checks.Outcome]string{
	checks.OutcomeTLSExpired:   "网站HTTPS证书已过期",
	checks.OutcomeTLSUnknownCA: "网站HTTPS证书不是受信任的机构签发的",
	checks.OutcomeTLSHostname:  "网站HTTPS证书与域名不符",
}

// CheckSite judges how the homepage is served: HTTPS, its certificate, the
// http:// redirect and IPv6.
func (c *Check) CheckSite(ctx context.Context, s *checks.Site, r checks.Reporter) error {
	t := s.Transport
	if t == nil || ctx.Err() != nil {
		return ctx.Err()
	}
	report := func(check, key string, severity checks.Severity, title string, detail map[string]any) {
		r.Report(checks.Finding{Check: check, Key: key, Severity: severity, URL: s.URL, Target: s.URL, Title: title, Detail: detail})
	}
	if c.cfg.RequireHTTPS {
		switch {
		case t.Scheme == "http":
			report(TLS, "http", checks.SeverityNotice, "网站未使用HTTPS", map[string]any{"scheme": "http"})
		case t.CertProblem != "":
			title, ok := certProblems[t.CertProblem]
			if !ok {
				title = "网站HTTPS证书无法验证"
			}
			detail := map[string]any{"problem": string(t.CertProblem), "error": t.CertError, "subject": t.CertSubject, "issuer": t.CertIssuer}
			if !t.CertNotAfter.IsZero() {
				detail["not_after"] = t.CertNotAfter.Format("2006-01-02")
				if t.CertProblem == checks.OutcomeTLSExpired {
					title += "（" + t.CertNotAfter.Format("2006-01-02") + "到期）"
				}
			}
			report(TLS, string(t.CertProblem), checks.SeverityDeduct, title, detail)
		case !t.CertNotAfter.IsZero():
			// Expiry is judged against the real clock, not --now: a
			// certificate expires on the calendar, whatever day is judged.
			days := int(time.Until(t.CertNotAfter).Hours() / 24)
			if days <= c.cfg.CertWarnDays {
				report(TLS, "expiring", checks.SeverityNotice, fmt.Sprintf("网站HTTPS证书将于 %d 天后（%s）过期", days, t.CertNotAfter.Format("2006-01-02")),
					map[string]any{"days": days, "not_after": t.CertNotAfter.Format("2006-01-02"), "subject": t.CertSubject, "issuer": t.CertIssuer})
			}
		}
		if t.Scheme == "https" && t.HTTPUpgrade != nil && !*t.HTTPUpgrade {
			report(TLS, "no_upgrade", checks.SeverityNotice, "以HTTP访问网站时未跳转到HTTPS", map[string]any{"http_upgrade": false})
		}
	}
	if c.cfg.RequireIPv6 && t.IPv6 != nil && !*t.IPv6 {
		report(IPv6, "", checks.SeverityNotice, "网站域名没有IPv6地址（AAAA记录），不支持IPv6访问", map[string]any{"ipv6": false})
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
