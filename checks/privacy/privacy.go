// Package privacy finds personal data (resident ID numbers, mobile numbers,
// bank cards) and secret markings published on pages (RULES.md §5). It is a
// leak detector that must not leak: every value it reports is masked.
package privacy

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/govwatch/govwatch/checks"
)

// Name is the family's name in config.
const Name = "privacy"

// Check ids this family reports.
const (
	IDNumber = "privacy.id_number"
	Phone    = "privacy.phone"
	BankCard = "privacy.bank_card"
	Secret   = "secret.marking"
)

// Config sets each kind's severity.
type Config struct {
	Severity map[string]checks.Severity `yaml:"severity"` // by check id
}

// DefaultConfig treats ID numbers, bank cards and secret markings as the
// serious problems of the national rules (单项否决) and mobile numbers as
// deductions.
func DefaultConfig() Config {
	return Config{Severity: map[string]checks.Severity{
		IDNumber: checks.SeverityVeto, BankCard: checks.SeverityVeto, Secret: checks.SeverityVeto, Phone: checks.SeverityDeduct,
	}}
}

// Validate names a bad severity by its config key.
func (c *Config) Validate() error {
	for id, s := range c.Severity {
		switch id {
		case IDNumber, Phone, BankCard, Secret:
		default:
			return fmt.Errorf("severity.%s: not one of %s, %s, %s, %s", id, IDNumber, Phone, BankCard, Secret)
		}
		switch s {
		case checks.SeverityVeto, checks.SeverityDeduct, checks.SeverityNotice:
		default:
			return fmt.Errorf("severity.%s: %q is not one of veto, deduct, notice", id, s)
		}
	}
	return nil
}

// Check is the privacy family.
type Check struct{ cfg Config }

var _ checks.PageCheck = (*Check)(nil)

// New returns the check.
func New(cfg Config) (checks.Check, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("privacy: %w", err)
	}
	return &Check{cfg: cfg}, nil
}

// Name implements checks.Check.
func (c *Check) Name() string { return Name }

// maxExamples is how many masked values one finding lists.
const maxExamples = 5

var titles = map[string]string{
	IDNumber: "页面公开了 %d 个身份证号码", Phone: "页面公开了 %d 个手机号码",
	BankCard: "页面公开了 %d 个银行卡号", Secret: "页面出现 %d 处密级标志",
}

// CheckPage reports, per kind, one finding for the page with the count and
// up to five masked examples.
func (c *Check) CheckPage(ctx context.Context, p *checks.Page, r checks.Reporter) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	all := find(p.Text)
	byKind := map[string][]match{}
	for _, m := range all {
		byKind[m.kind] = append(byKind[m.kind], m)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		ms := byKind[kind]
		var examples []string
		seen := map[string]bool{}
		for _, m := range ms {
			masked := Mask(kind, m.value)
			if !seen[masked] && len(examples) < maxExamples {
				seen[masked] = true
				examples = append(examples, masked)
			}
		}
		r.Report(checks.Finding{
			Check: kind, Severity: c.cfg.Severity[kind], URL: p.URL, Target: p.URL, Key: kind,
			Title:    fmt.Sprintf(titles[kind], len(ms)),
			Evidence: excerpt(p.Text, all, ms[0]),
			Detail:   map[string]any{"count": len(ms), "examples": examples},
		})
	}
	return nil
}

// excerpt is the text around a match, about 20 characters each side,
// widened so that it never cuts a value in two, with every personal value
// in it masked.
func excerpt(text string, all []match, m match) string {
	from, to := m.start, m.end
	for n := 0; n < 20 && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	for n := 0; n < 20 && to < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	for _, x := range all {
		if x.start < from && from < x.end {
			from = x.start
		}
		if x.start < to && to < x.end {
			to = x.end
		}
	}
	// Nor cut a run of digits and letters: the tail of a longer number,
	// standing alone, could read as a phone number nobody reported.
	for n := 0; from > 0 && alnum(text[from-1]) && n < 64; n++ {
		from--
	}
	for n := 0; to < len(text) && alnum(text[to]) && n < 64; n++ {
		to++
	}
	return strings.ReplaceAll(maskWithin(text, all, from, to), "\n", " ")
}

func alnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
