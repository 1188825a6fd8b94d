package crawl

import (
	"bufio"
	"strings"
)

// Robots is the part of a robots.txt that applies to one user agent.
type Robots struct {
	rules    []robotsRule
	Sitemaps []string
}

type robotsRule struct {
	allow  bool
	prefix string
}

// ParseRobots reads robots.txt text for the agent token (e.g. "govwatch"),
// falling back to the "*" group. Wildcards other than a trailing "*" and "$"
// are treated as prefixes, the cautious reading.
func ParseRobots(text, agent string) *Robots {
	agent = strings.ToLower(agent)
	r := &Robots{}
	var mine, star []robotsRule
	var groupAgents []string
	inRules := false
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if inRules {
				groupAgents, inRules = nil, false
			}
			groupAgents = append(groupAgents, strings.ToLower(val))
		case "allow", "disallow":
			inRules = true
			if key == "disallow" && val == "" {
				continue
			}
			rule := robotsRule{allow: key == "allow", prefix: strings.TrimRight(strings.TrimSuffix(val, "$"), "*")}
			for _, a := range groupAgents {
				switch {
				case a == "*":
					star = append(star, rule)
				case strings.Contains(agent, a):
					mine = append(mine, rule)
				}
			}
		case "sitemap":
			r.Sitemaps = append(r.Sitemaps, val)
		}
	}
	r.rules = star
	if len(mine) > 0 {
		r.rules = mine
	}
	return r
}

// Allowed reports whether path (with its query) may be fetched: the longest
// matching rule wins, allow on a tie.
func (r *Robots) Allowed(path string) bool {
	best, allowed := -1, true
	for _, rule := range r.rules {
		if strings.HasPrefix(path, rule.prefix) && len(rule.prefix) >= best {
			if len(rule.prefix) > best || rule.allow {
				allowed = rule.allow
			}
			best = len(rule.prefix)
		}
	}
	return allowed
}
