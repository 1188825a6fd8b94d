package config

import (
	"fmt"
	"net/url"
	"os"
	"reflect"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// Load reads and parses the config file at path. Errors name path as given.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse decodes a config strictly over DefaultConfig, validates it and
// resolves column URLs against their site's. filename is used in errors
// only. All problems found are reported, one per line, in line order.
func Parse(filename string, data []byte) (*Config, error) {
	root, err := parseYAML(filename, data)
	if err != nil {
		return nil, err
	}
	cfg := DefaultConfig()
	cfg.file = filename
	errs := newErrorList(filename, nil)
	if root != nil {
		newDecoder(errs).root(root, &cfg)
	}
	cfg.lines = errs.lines
	if !errs.halted {
		cfg.validate(errs)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	cfg.resolve()
	return &cfg, nil
}

// root decodes the top-level mapping. crawl: is decoded first, whatever its
// place in the file, because every site's crawl settings start from it.
func (d *decoder) root(n *yaml.Node, cfg *Config) {
	if isNull(n) || !d.expect(n, "", yaml.MappingNode, "a mapping at the top level") {
		return
	}
	pairs := d.pairs(n, "")
	for _, p := range pairs {
		if p.key == "crawl" {
			d.field(p, "crawl", reflect.ValueOf(&cfg.Crawl).Elem())
		}
	}
	d.start = func(t reflect.Type) (reflect.Value, bool) {
		if t != reflect.TypeFor[Site]() {
			return reflect.Value{}, false
		}
		s := DefaultSite()
		s.Crawl = cfg.Crawl
		return reflect.ValueOf(s), true
	}
	for _, p := range pairs {
		switch p.key {
		case "crawl":
		case "units":
			d.field(p, "units", reflect.ValueOf(&cfg.Units).Elem())
		case "sites":
			d.field(p, "sites", reflect.ValueOf(&cfg.Sites).Elem())
		case "accounts":
			d.field(p, "accounts", reflect.ValueOf(&cfg.Accounts).Elem())
		case "checks":
			cfg.checks = d.checks(p.value)
			d.errs.lines["checks"] = p.keyNode.Line
		default:
			d.fail(p.keyNode, p.key, "unknown key")
		}
	}
}

// checks keeps the checks: mapping for CheckConfig, checking only its shape:
// a mapping of family names to mappings.
func (d *decoder) checks(n *yaml.Node) *checksNode {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	d.errs.lines["checks"] = n.Line
	if isNull(n) || !d.expect(n, "checks", yaml.MappingNode, "a mapping of check names to their settings") {
		return nil
	}
	c := &checksNode{value: map[string]*yaml.Node{}, line: map[string]int{}}
	for _, p := range d.pairs(n, "checks") {
		v := p.value
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		at := join("checks", p.key)
		d.errs.lines[at] = p.keyNode.Line
		if !isNull(v) && !d.expect(v, at, yaml.MappingNode, "a mapping") {
			continue
		}
		c.names = append(c.names, p.key)
		c.value[p.key] = p.value
		c.line[p.key] = p.keyNode.Line
	}
	return c
}

// resolve fills in what a valid config leaves implicit: absolute column
// URLs, a column's unit and render mode from its site, a site's name from
// its host, extra hosts in lower case.
func (c *Config) resolve() {
	for i := range c.Sites {
		s := &c.Sites[i]
		base, err := url.Parse(s.URL)
		if err != nil {
			continue
		}
		if strings.TrimSpace(s.Name) == "" {
			s.Name = base.Hostname()
		}
		for j, h := range s.ExtraHosts {
			s.ExtraHosts[j] = strings.ToLower(h)
		}
		for j := range s.Columns {
			col := &s.Columns[j]
			if abs, err := resolveURL(base, col.URL); err == nil {
				col.URL = abs.String()
			}
			if col.Unit == "" {
				col.Unit = s.Unit
			}
			if col.Render == "" {
				col.Render = s.Render
			}
		}
	}
}

// resolveURL resolves ref against base, dropping any #fragment.
func resolveURL(base *url.URL, ref string) (*url.URL, error) {
	r, err := url.Parse(ref)
	if err != nil {
		return nil, err
	}
	abs := base.ResolveReference(r)
	abs.Fragment, abs.RawFragment = "", ""
	return abs, nil
}

// ForURL returns the config `govwatch check <url>` uses without a config
// file: one site at rawURL, whose id is its host, owned by a unit "default"
// named after the host, with defaults everywhere else.
func ForURL(rawURL string) (*Config, error) {
	u, ok := httpURL(rawURL)
	if !ok {
		return nil, fmt.Errorf("url %q: not an absolute http(s) URL such as https://www.example.gov.cn/", rawURL)
	}
	host := strings.ToLower(u.Hostname())
	cfg := DefaultConfig()
	cfg.Units = []Unit{{ID: "default", Name: host}}
	site := DefaultSite()
	site.ID = hostID(host)
	site.Name = host
	site.URL = rawURL
	site.Unit = "default"
	cfg.Sites = []Site{site}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("url %q: %w", rawURL, err)
	}
	cfg.resolve()
	return &cfg, nil
}

// hostID makes an id of a host name, replacing what an id may not hold
// (the colons of an IPv6 address) with '-'.
func hostID(host string) string {
	return strings.Map(func(r rune) rune {
		if validIDRune(r) {
			return r
		}
		return '-'
	}, host)
}

func validIDRune(r rune) bool {
	return r == '-' || r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
