package config

import (
	"fmt"
	"maps"
	"math"
	"net/mail"
	"net/url"
	"reflect"
	"slices"
	"strings"
)

// Validate reports every problem with c's values: ids missing, malformed or
// used twice, references to units that do not exist, bad URLs, values outside
// their enums and numbers out of range. For a config from Load or Parse each
// error names the file, line and key; for one built in code, the key.
func (c *Config) Validate() error {
	errs := newErrorList(c.file, c.lines)
	c.validate(errs)
	return errs.err()
}

func (c *Config) validate(errs *errorList) {
	units := map[string]bool{}
	seen := map[string]string{}
	for i, u := range c.Units {
		p := index("units", i)
		checkID(errs, join(p, "id"), u.ID, seen)
		units[u.ID] = u.ID != ""
		required(errs, join(p, "name"), u.Name)
		checkNotify(errs, join(p, "notify"), u.Notify)
	}
	checkCrawl(errs, "crawl", c.Crawl, nil)
	seen = map[string]string{}
	for i := range c.Sites {
		c.checkSite(errs, i, units, seen)
	}
	seen = map[string]string{}
	for i, a := range c.Accounts {
		p := index("accounts", i)
		checkID(errs, join(p, "id"), a.ID, seen)
		checkEnum(errs, join(p, "platform"), a.Platform, Platforms)
		required(errs, join(p, "name"), a.Name)
		checkUnit(errs, join(p, "unit"), a.Unit, units, true)
		checkHTTPURL(errs, join(p, "feed"), a.Feed, false)
	}
}

func (c *Config) checkSite(errs *errorList, i int, units map[string]bool, seen map[string]string) {
	s := &c.Sites[i]
	p := index("sites", i)
	checkID(errs, join(p, "id"), s.ID, seen)
	base := checkHTTPURL(errs, join(p, "url"), s.URL, true)
	checkUnit(errs, join(p, "unit"), s.Unit, units, true)
	checkEnum(errs, join(p, "render"), s.Render, RenderModes)
	if s.MaxPages < 1 {
		errs.add(join(p, "max_pages"), "must be at least 1, not %d", s.MaxPages)
	}
	if s.MaxDepth < 0 {
		errs.add(join(p, "max_depth"), "must be 0 (unlimited) or more, not %d", s.MaxDepth)
	}
	hosts := checkExtraHosts(errs, join(p, "extra_hosts"), s.ExtraHosts, base)
	checkCrawl(errs, join(p, "crawl"), s.Crawl, &c.Crawl)
	for _, cat := range slices.Sorted(maps.Keys(s.MaxAgeDays)) {
		kp := join(join(p, "max_age_days"), cat)
		checkEnum(errs, kp, cat, Categories)
		if d := s.MaxAgeDays[cat]; d <= 0 {
			errs.add(kp, "%d is not a positive number of days", d)
		}
	}
	first := map[string]string{}
	for j, col := range s.Columns {
		cp := index(join(p, "columns"), j)
		if abs := checkColumnURL(errs, join(cp, "url"), col.URL, base, hosts); abs != "" {
			if prev, dup := first[abs]; dup {
				errs.add(join(cp, "url"), "%q is already the url of %s", col.URL, prev)
			} else {
				first[abs] = cp
			}
		}
		if col.Category != "" {
			checkEnum(errs, join(cp, "category"), col.Category, Categories)
		}
		checkUnit(errs, join(cp, "unit"), col.Unit, units, false)
		if col.Render != "" {
			checkEnum(errs, join(cp, "render"), col.Render, RenderModes)
		}
		if col.MaxAgeDays < 0 {
			errs.add(join(cp, "max_age_days"), "%d is not a positive number of days", col.MaxAgeDays)
		}
	}
}

// checkID checks that id is given, well formed and not already in seen, the
// ids of one list by where they were first seen.
func checkID(errs *errorList, path, id string, seen map[string]string) {
	switch {
	case strings.TrimSpace(id) == "":
		errs.add(path, "is required")
	case strings.IndexFunc(id, func(r rune) bool { return !validIDRune(r) }) >= 0:
		errs.add(path, "%q is not a valid id: use letters, digits, '-', '_' and '.'", id)
	case seen[id] != "":
		errs.add(path, "%q is already the id of %s", id, seen[id])
	default:
		seen[id] = parent(path)
	}
}

func required(errs *errorList, path, v string) {
	if strings.TrimSpace(v) == "" {
		errs.add(path, "is required")
	}
}

func checkEnum(errs *errorList, path, v string, allowed []string) {
	switch {
	case slices.Contains(allowed, v):
	case v == "":
		errs.add(path, "is required: one of %s", strings.Join(allowed, ", "))
	default:
		errs.add(path, "%q is not one of %s", v, strings.Join(allowed, ", "))
	}
}

func checkUnit(errs *errorList, path, id string, units map[string]bool, needed bool) {
	switch {
	case id == "" && needed:
		errs.add(path, "is required")
	case id != "" && !units[id]:
		errs.add(path, "%q is not the id of any unit", id)
	}
}

// httpURL parses an absolute http or https URL with a host.
func httpURL(raw string) (*url.URL, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "" {
		return nil, false
	}
	return u, true
}

func checkHTTPURL(errs *errorList, path, raw string, needed bool) *url.URL {
	if strings.TrimSpace(raw) == "" {
		if needed {
			errs.add(path, "is required")
		}
		return nil
	}
	u, ok := httpURL(raw)
	if !ok {
		errs.add(path, "%q is not an absolute http(s) URL", raw)
	}
	return u
}

// checkExtraHosts checks a site's extra hosts and returns the set of hosts
// the site covers, the URL's own included.
func checkExtraHosts(errs *errorList, path string, hosts []string, base *url.URL) map[string]bool {
	set := map[string]bool{}
	if base != nil {
		set[strings.ToLower(base.Host)] = true
	}
	for i, h := range hosts {
		u, err := url.Parse("http://" + h)
		if err != nil || u.Host != h || u.Hostname() == "" {
			errs.add(index(path, i), "%q is not a host name: write it without scheme or path, like xxgk.example.gov.cn", h)
			continue
		}
		set[strings.ToLower(h)] = true
	}
	return set
}

// checkColumnURL checks a column's URL, which may be relative to the site's,
// and returns it absolute, or "" when it is not valid.
func checkColumnURL(errs *errorList, path, raw string, base *url.URL, hosts map[string]bool) string {
	if strings.TrimSpace(raw) == "" {
		errs.add(path, "is required")
		return ""
	}
	if base == nil {
		return "" // the site's url is reported
	}
	abs, err := resolveURL(base, raw)
	if err != nil || abs.Scheme != "http" && abs.Scheme != "https" || abs.Hostname() == "" {
		errs.add(path, "%q is not an http(s) URL, absolute or relative to the site's", raw)
		return ""
	}
	if !hosts[strings.ToLower(abs.Host)] {
		errs.add(path, "%q is on %s, which is neither the site's host nor one of its extra_hosts", raw, abs.Host)
		return ""
	}
	return abs.String()
}

func checkNotify(errs *errorList, path string, n Notify) {
	checkHTTPURL(errs, join(path, "wecom"), n.WeCom, false)
	checkHTTPURL(errs, join(path, "dingtalk"), n.DingTalk, false)
	checkHTTPURL(errs, join(path, "feishu"), n.Feishu, false)
	checkHTTPURL(errs, join(path, "webhook"), n.Webhook, false)
	for i, e := range n.Email {
		if _, err := mail.ParseAddress(e); err != nil {
			errs.add(index(join(path, "email"), i), "%q is not an email address", e)
		}
	}
}

// checkCrawl checks crawl settings at path. A site's settings are checked
// against base, the config's: a value the site inherits is reported once,
// at crawl.<key>, not again for every site.
func checkCrawl(errs *errorList, path string, c Crawl, base *Crawl) {
	fields := structFields(reflect.TypeFor[Crawl]()).fields
	value := func(c *Crawl, key string) string {
		return fmt.Sprint(reflect.ValueOf(c).Elem().FieldByIndex(fields[key]).Interface())
	}
	for _, p := range crawlProblems(&c) {
		if base != nil && value(&c, p.key) == value(base, p.key) {
			continue
		}
		errs.add(join(path, p.key), "%s", p.msg)
	}
}

type problem struct{ key, msg string }

func crawlProblems(c *Crawl) []problem {
	var ps []problem
	check := func(bad bool, key, format string, args ...any) {
		if bad {
			ps = append(ps, problem{key, fmt.Sprintf(format, args...)})
		}
	}
	check(c.Timeout <= 0, "timeout", "must be more than 0s, not %s", c.Timeout)
	check(c.ConnectTimeout <= 0, "connect_timeout", "must be more than 0s, not %s", c.ConnectTimeout)
	check(c.PerHost < 1, "per_host", "must be at least 1, not %d", c.PerHost)
	check(!(c.Rate >= 0) || math.IsInf(c.Rate, 1), "rate", "must be 0 (unlimited) or a positive number, not %g", c.Rate)
	check(c.Retries < 0, "retries", "must be 0 or more, not %d", c.Retries)
	check(c.MaxRedirects < 0, "max_redirects", "must be 0 or more, not %d", c.MaxRedirects)
	check(c.MaxHTMLBytes <= 0, "max_html_bytes", "must be more than 0, not %s", c.MaxHTMLBytes)
	check(c.MaxAttachmentBytes <= 0, "max_attachment_bytes", "must be more than 0, not %s", c.MaxAttachmentBytes)
	check(!slices.Contains(RobotsPolicies, c.Robots), "robots", "%q is not one of %s", c.Robots, strings.Join(RobotsPolicies, ", "))
	check(strings.TrimSpace(c.UserAgent) == "", "user_agent", "is required")
	check(c.MaxReferrers < 0, "max_referrers", "must be 0 or more, not %d", c.MaxReferrers)
	check(c.Workers < 1, "workers", "must be at least 1, not %d", c.Workers)
	return ps
}
