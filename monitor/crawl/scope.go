package crawl

import (
	"fmt"
	"net/url"
	"strings"
)

// Scope tells the site's own URLs, which are crawled, from external ones,
// which are only checked.
type Scope struct {
	hosts map[string]bool
}

// NewScope covers the host of siteURL and the extra hosts (host or host:port).
// www.x and x count as one site.
func NewScope(siteURL string, extraHosts []string) (*Scope, error) {
	u, err := url.Parse(siteURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("site url %q is not an absolute URL", siteURL)
	}
	s := &Scope{hosts: make(map[string]bool)}
	for _, h := range append([]string{u.Host}, extraHosts...) {
		h = strings.ToLower(strings.TrimSuffix(h, "."))
		s.hosts[h] = true
		if rest, ok := strings.CutPrefix(h, "www."); ok {
			s.hosts[rest] = true
		} else {
			s.hosts["www."+h] = true
		}
	}
	return s, nil
}

// Internal reports whether rawURL belongs to the site.
func (s *Scope) Internal(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	return s.hosts[strings.ToLower(u.Host)]
}

// sessionParams are query keys that carry a session and make one page look like many.
var sessionParams = map[string]bool{
	"jsessionid": true, "phpsessid": true, "sid": true, "sessionid": true,
	"session_id": true, "aspsessionid": true, "cfid": true, "cftoken": true,
}

// Normalize returns the form of rawURL used to de-duplicate: lower-case
// scheme and host, no default port, no fragment, no session ids, dot
// segments resolved, an empty path written "/". Query order is kept: some
// CMSs treat ?a=1&b=2 and ?b=2&a=1 as different pages.
func Normalize(rawURL string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return "", err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("unsupported scheme %q", u.Scheme)
	}
	if u.Host == "" {
		return "", fmt.Errorf("no host in %q", rawURL)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if p := u.Port(); (p == "80" && u.Scheme == "http") || (p == "443" && u.Scheme == "https") {
		u.Host = u.Hostname()
		if strings.Contains(u.Host, ":") {
			u.Host = "[" + u.Host + "]"
		}
	}
	if u.Hostname() == "" {
		return "", fmt.Errorf("no host in %q", rawURL)
	}
	u.Fragment, u.RawFragment = "", ""
	u.User = nil
	if i := strings.Index(strings.ToLower(u.Path), ";jsessionid="); i >= 0 {
		u.Path = u.Path[:i]
		u.RawPath = ""
	}
	if u.Path == "" {
		u.Path = "/"
	}
	base := &url.URL{Scheme: u.Scheme, Host: u.Host}
	u = base.ResolveReference(&url.URL{Path: u.Path, RawPath: u.RawPath, RawQuery: u.RawQuery}) // resolves dot segments
	u.RawQuery = stripSessionParams(u.RawQuery)
	return u.String(), nil
}

func stripSessionParams(q string) string {
	if q == "" {
		return ""
	}
	parts := strings.Split(q, "&")
	kept := parts[:0]
	for _, p := range parts {
		k, _, _ := strings.Cut(p, "=")
		if sessionParams[strings.ToLower(k)] || p == "" {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}
