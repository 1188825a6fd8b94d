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

var (
	_ checks.PageCheck       = (*Check)(nil)
	_ checks.AttachmentCheck = (*Check)(nil)
)

// New returns the check.
func New(cfg Config) (checks.Check, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("privacy: %w", err)
	}
	return &Check{cfg: cfg}, nil
}

// Name implements checks.Check.
func (c *Check) Name() string { return Name }

// IDs implements checks.Check.
func (c *Check) IDs() []string { return []string{IDNumber, Phone, BankCard, Secret, Unreadable} }

// maxExamples is how many masked values one finding lists.
const maxExamples = 5

var titles = map[string]string{
	IDNumber: "公开了 %d 个身份证号码", Phone: "公开了 %d 个手机号码",
	BankCard: "公开了 %d 个银行卡号", Secret: "出现 %d 处密级标志",
}

// Unreadable is the notice for an attachment whose text could not be read:
// it may hold what this family looks for, so it is never skipped silently.
const Unreadable = "attachment.unreadable"

// text is one stretch of text to scan and what it holds.
type text struct {
	where   string // the part of a file (第3页, Sheet1); "" for a page
	s       string
	matches []match
}

// CheckPage reports, per kind, one finding for the page with the count and
// up to five masked examples.
func (c *Check) CheckPage(ctx context.Context, p *checks.Page, r checks.Reporter) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.report([]text{{s: p.Text, matches: find(p.Text)}}, p.URL, "页面", nil, r)
	return nil
}

// CheckAttachment reports, per kind, one finding for the file with the count
// over all its parts and up to five masked examples; a file that could not
// be read is a notice saying why.
func (c *Check) CheckAttachment(ctx context.Context, a *checks.Attachment, r checks.Reporter) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	name := a.Name
	if name == "" {
		name = a.URL
	}
	detail := map[string]any{"page": a.Page, "format": a.Format, "size": a.Size}
	if a.Unreadable != "" {
		r.Report(checks.Finding{
			Check: Unreadable, Severity: checks.SeverityNotice, URL: a.URL, Target: a.URL,
			Title:    fmt.Sprintf("附件“%s”无法读取，未能检查其中的个人信息和密级标志", name),
			Evidence: "原因：" + a.Unreadable,
			Detail:   map[string]any{"page": a.Page, "format": a.Format, "size": a.Size, "reason": a.Unreadable},
		})
		return nil
	}
	var texts []text
	for _, part := range a.Parts {
		if err := ctx.Err(); err != nil {
			return err
		}
		if ms := find(part.Text); len(ms) > 0 {
			texts = append(texts, text{where: part.Where, s: part.Text, matches: ms})
		}
	}
	if a.Truncated {
		detail["truncated"] = true
	}
	c.report(texts, a.URL, fmt.Sprintf("附件“%s”", name), detail, r)
	return nil
}

// report makes one finding per kind over texts: the count, up to five
// masked examples, where they stand, and the first one's surroundings.
func (c *Check) report(texts []text, url, subject string, base map[string]any, r checks.Reporter) {
	type hit struct {
		t *text
		m match
	}
	byKind := map[string][]hit{}
	for i := range texts {
		for _, m := range texts[i].matches {
			byKind[m.kind] = append(byKind[m.kind], hit{&texts[i], m})
		}
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		hits := byKind[kind]
		var examples, wheres []string
		seen := map[string]bool{}
		for _, h := range hits {
			masked := Mask(kind, h.m.value)
			if !seen[masked] && len(examples) < maxExamples {
				seen[masked] = true
				examples = append(examples, masked)
			}
			if h.t.where != "" && !seen["@"+h.t.where] {
				seen["@"+h.t.where] = true
				wheres = append(wheres, h.t.where)
			}
		}
		detail := map[string]any{"count": len(hits), "examples": examples}
		for k, v := range base {
			detail[k] = v
		}
		evidence := excerpt(hits[0].t.s, hits[0].t.matches, hits[0].m)
		if len(wheres) > 0 {
			detail["where"] = wheres
			evidence = hits[0].t.where + "：" + evidence
		}
		r.Report(checks.Finding{
			Check: kind, Severity: c.cfg.Severity[kind], URL: url, Target: url, Key: kind,
			Title:    subject + fmt.Sprintf(titles[kind], len(hits)),
			Evidence: evidence,
			Detail:   detail,
		})
	}
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
	return blanks.Replace(maskWithin(text, all, from, to))
}

// blanks fold line breaks and table-cell tabs into spaces for one-line evidence.
var blanks = strings.NewReplacer("\n", " ", "\t", " ", "\r", " ")

func alnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
