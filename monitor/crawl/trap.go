package crawl

import (
	"net/url"
	"regexp"
	"strings"
)

// TrapLimits bound the URLs a crawler trap can make the crawler visit.
type TrapLimits struct {
	MaxURLLength     int // longer URLs are skipped
	MaxPathSegments  int
	MaxQueryVariants int // distinct query strings per path
	// MaxDateVariants caps query strings per path whose values look like
	// dates or page-through-time numbers: the endless calendar.
	MaxDateVariants int
}

// DefaultTrapLimits are generous for real columns and tight for calendars.
func DefaultTrapLimits() TrapLimits {
	return TrapLimits{MaxURLLength: 2048, MaxPathSegments: 16, MaxQueryVariants: 500, MaxDateVariants: 31}
}

// trapGuard counts query variants per path. It is used by one goroutine.
type trapGuard struct {
	limits   TrapLimits
	variants map[string]int
	dated    map[string]int
}

func newTrapGuard(l TrapLimits) *trapGuard {
	return &trapGuard{limits: l, variants: make(map[string]int), dated: make(map[string]int)}
}

var dateLike = regexp.MustCompile(`^\d{4}[-/.]?\d{1,2}([-/.]?\d{1,2})?$|^\d{8}$|^\d{6}$`)
var dateKeys = map[string]bool{"date": true, "day": true, "month": true, "year": true, "time": true, "ym": true, "d": true, "rq": true, "riqi": true, "calendar": true}

// allow reports whether an internal URL may be crawled, and why not.
func (g *trapGuard) allow(rawURL string) (bool, string) {
	if len(rawURL) > g.limits.MaxURLLength {
		return false, "crawler trap: URL longer than 2048 characters"
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return false, "unparsable URL"
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(segs) > g.limits.MaxPathSegments {
		return false, "crawler trap: path deeper than the limit"
	}
	if repeated(segs) {
		return false, "crawler trap: repeating path segments"
	}
	if u.RawQuery == "" {
		return true, ""
	}
	key := u.Host + u.Path
	if isDatedQuery(u.Query()) {
		g.dated[key]++
		if g.dated[key] > g.limits.MaxDateVariants {
			return false, "crawler trap: endless calendar"
		}
	}
	g.variants[key]++
	if g.variants[key] > g.limits.MaxQueryVariants {
		return false, "crawler trap: too many query variants of one path"
	}
	return true, ""
}

func isDatedQuery(q url.Values) bool {
	for k, vs := range q {
		for _, v := range vs {
			if dateKeys[strings.ToLower(k)] || dateLike.MatchString(v) {
				return true
			}
		}
	}
	return false
}

// repeated spots /a/b/a/b/a/b and /x/x/x/x: relative links resolved against
// a wrong base grow forever.
func repeated(segs []string) bool {
	count := make(map[string]int, len(segs))
	for _, s := range segs {
		if s == "" {
			continue
		}
		count[s]++
		if count[s] >= 4 {
			return true
		}
	}
	return false
}
