package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// linksConfig stands for a check family's config, as checks/links would define it.
type linksConfig struct {
	Soft404 struct {
		MinLength int      `yaml:"min_length"`
		Phrases   []string `yaml:"phrases"`
	} `yaml:"soft404"`
	Ignore    map[string]string `yaml:"ignore"`
	Grace     time.Duration     `yaml:"grace"`
	MaxBody   Size              `yaml:"max_body"`
	Severity  string            `yaml:"severity"`
	Unchecked bool              // no tag: the key is "unchecked", as with yaml.v3
}

func defaultLinks() linksConfig {
	var c linksConfig
	c.Soft404.MinLength = 100
	c.Soft404.Phrases = []string{"页面不存在"}
	c.Ignore = map[string]string{"www.gov.cn": "国务院门户"}
	c.Grace = time.Hour
	c.Severity = "deduct"
	return c
}

func (c *linksConfig) Validate() error {
	var errs []error
	if c.Soft404.MinLength < 0 {
		errs = append(errs, errors.New("soft404.min_length: must be 0 or more"))
	}
	if c.Severity != "deduct" && c.Severity != "notice" {
		errs = append(errs, errors.New(`severity "`+c.Severity+`" is not deduct or notice`))
	}
	return errors.Join(errs...)
}

func parseChecks(t *testing.T, checks string) *Config {
	t.Helper()
	cfg, err := Parse("portal.yaml", []byte("units: []\nchecks:\n"+checks))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestCheckConfig(t *testing.T) {
	tests := []struct {
		name, checks string
		want         func(*linksConfig)
	}{
		{"absent", "  freshness: {}\n", func(*linksConfig) {}},
		{"empty", "  links:\n", func(*linksConfig) {}},
		{"nested key over defaults", "  links:\n    soft404:\n      min_length: 200\n",
			func(c *linksConfig) { c.Soft404.MinLength = 200 }},
		{"list replaced", "  links: { soft404: { phrases: [您访问的页面不存在, 404] } }\n",
			func(c *linksConfig) { c.Soft404.Phrases = []string{"您访问的页面不存在", "404"} }},
		{"map merged", "  links: { ignore: { www.km.gov.cn: 昆明市 } }\n",
			func(c *linksConfig) {
				c.Ignore = map[string]string{"www.gov.cn": "国务院门户", "www.km.gov.cn": "昆明市"}
			}},
		{"typed values", "  links: { grace: 90m, max_body: 2MiB, unchecked: true }\n",
			func(c *linksConfig) { c.Grace, c.MaxBody, c.Unchecked = 90*time.Minute, 2*MiB, true }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := parseChecks(t, tc.checks)
			got, want := defaultLinks(), defaultLinks()
			tc.want(&want)
			if err := cfg.CheckConfig("links", &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestCheckConfigErrors(t *testing.T) {
	tests := []struct {
		name, checks string
		want         []string
	}{
		{"unknown key", "  links:\n    soft404:\n      min_lenght: 200\n",
			[]string{"portal.yaml:5: checks.links.soft404.min_lenght: unknown key"}},
		{"wrong type", "  links:\n    soft404: { min_length: long }\n    grace: 1\n", []string{
			`portal.yaml:4: checks.links.soft404.min_length: "long" is not an integer`,
			`portal.yaml:5: checks.links.grace: "1" is not a duration (write it like "15s" or "500ms")`,
		}},
		{"map key path", "  links:\n    ignore: { \"www.gov.cn\": [a] }\n",
			[]string{`portal.yaml:4: checks.links.ignore["www.gov.cn"]: expected a string, got a list`}},
		{"validate at the key it names", "  links:\n    soft404:\n      min_length: -1\n",
			[]string{"portal.yaml:5: checks.links.soft404.min_length: must be 0 or more"}},
		{"validate at the family", "  links:\n    severity: veto\n",
			[]string{`portal.yaml:3: checks.links: severity "veto" is not deduct or notice`}},
		{"validate of a default", "  links:\n    soft404: {}\n    severity: veto\n    grace: 1h\n",
			[]string{`portal.yaml:3: checks.links: severity "veto" is not deduct or notice`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := parseChecks(t, tc.checks)
			c := defaultLinks()
			err := cfg.CheckConfig("links", &c)
			if want := strings.Join(tc.want, "\n"); err == nil || err.Error() != want {
				t.Errorf("got:\n%v\nwant:\n%s", err, want)
			}
		})
	}
}

func TestCheckConfigDefaultsUntouched(t *testing.T) {
	cfg := parseChecks(t, "  links: { ignore: { www.km.gov.cn: 昆明市 } }\n")
	shared := map[string]string{"www.gov.cn": "国务院门户"}
	c := defaultLinks()
	c.Ignore = shared
	if err := cfg.CheckConfig("links", &c); err != nil {
		t.Fatal(err)
	}
	if len(shared) != 1 || len(c.Ignore) != 2 {
		t.Errorf("default map changed: %v, decoded %v", shared, c.Ignore)
	}
}

func TestCheckConfigSharedPointerUntouched(t *testing.T) {
	cfg := parseChecks(t, "  links: { n: 7 }\n")
	shared := 3
	c := struct {
		N *int `yaml:"n"`
	}{N: &shared}
	if err := cfg.CheckConfig("links", &c); err != nil {
		t.Fatal(err)
	}
	if shared != 3 || *c.N != 7 {
		t.Errorf("shared = %d, decoded = %d; want 3 and 7", shared, *c.N)
	}
}

func TestCheckConfigNotPointer(t *testing.T) {
	cfg := parseChecks(t, "  links: {}\n")
	for _, into := range []any{defaultLinks(), (*linksConfig)(nil), nil} {
		if err := cfg.CheckConfig("links", into); err == nil {
			t.Errorf("CheckConfig(%T) succeeded", into)
		}
	}
}

func TestCheckConfigWithoutFile(t *testing.T) {
	for name, cfg := range map[string]Config{"default": DefaultConfig(), "ForURL": *mustForURL(t)} {
		t.Run(name, func(t *testing.T) {
			c := defaultLinks()
			if err := cfg.CheckConfig("links", &c); err != nil || !reflect.DeepEqual(c, defaultLinks()) {
				t.Errorf("CheckConfig = %v, %+v; want defaults", err, c)
			}
			if err := cfg.UnknownChecks(nil); err != nil {
				t.Errorf("UnknownChecks = %v", err)
			}
		})
	}
}

func mustForURL(t *testing.T) *Config {
	t.Helper()
	cfg, err := ForURL("https://www.example.gov.cn/")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestUnknownChecks(t *testing.T) {
	known := []string{"links", "freshness", "annual"}
	tests := []struct {
		name, checks, want string
	}{
		{"all known", "  links: {}\n  freshness:\n", ""},
		{"one unknown", "  links: {}\n  linkz: {}\n",
			"portal.yaml:4: checks.linkz: unknown check (known: annual, freshness, links)"},
		{"two unknown", "  privcy: {}\n  links: {}\n  \"错别字\": {}\n",
			"portal.yaml:3: checks.privcy: unknown check (known: annual, freshness, links)\n" +
				`portal.yaml:5: checks["错别字"]: unknown check (known: annual, freshness, links)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := parseChecks(t, tc.checks).UnknownChecks(known)
			if got := errString(err); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
