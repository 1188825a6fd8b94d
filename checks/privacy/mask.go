package privacy

import (
	"sort"
	"strings"
)

// Mask hides a value of the given kind, keeping only what a reader needs to
// find it on the page: 530102********1234, 139****5678, 6222 **** 1234.
func Mask(kind, v string) string {
	switch kind {
	case IDNumber:
		return v[:6] + strings.Repeat("*", len(v)-10) + v[len(v)-4:]
	case Phone:
		return v[:3] + "****" + v[7:]
	case BankCard:
		d := strings.ReplaceAll(v, " ", "")
		return d[:4] + " **** " + d[len(d)-4:]
	}
	return v // secret markings are evidence as they are
}

// maskWithin returns text[from:to] with every personal value in it masked.
func maskWithin(text string, all []match, from, to int) string {
	ms := append([]match(nil), all...)
	sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	var b strings.Builder
	last := from
	for _, m := range ms {
		if m.kind == Secret || m.start < last || m.end > to {
			continue
		}
		b.WriteString(text[last:m.start])
		b.WriteString(Mask(m.kind, m.value))
		last = m.end
	}
	b.WriteString(text[last:to])
	return b.String()
}
