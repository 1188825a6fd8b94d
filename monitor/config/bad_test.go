package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const categoriesList = "news, notice, policy, interpretation, personnel, plan, interaction, static, annual"
const platformsList = "wechat, weibo, douyin, toutiao, kuaishou, bilibili, channels, other"

// badConfigs are the files under testdata/bad, one per kind of error, with
// the exact message Parse gives for each (Parse is given the base name).
var badConfigs = []struct {
	file string
	want []string
}{
	{"category.yaml", []string{`category.yaml:14: sites[0].columns[2].category: "polcy" is not one of ` + categoriesList}},
	{"max-age.yaml", []string{
		`max-age.yaml:6: sites[0].max_age_days.notices: "notices" is not one of ` + categoriesList,
		`max-age.yaml:6: sites[0].max_age_days.plan: 0 is not a positive number of days`,
		`max-age.yaml:8: sites[0].columns[0].max_age_days: -3 is not a positive number of days`,
	}},
	{"unknown-key.yaml", []string{`unknown-key.yaml:3: units[0].colour: unknown key`}},
	{"unknown-top-key.yaml", []string{`unknown-top-key.yaml:1: site: unknown key`}},
	{"syntax-scanner.yaml", []string{`syntax-scanner.yaml:3: mapping values are not allowed in this context`}},
	{"syntax-parser.yaml", []string{`syntax-parser.yaml:4: did not find expected key`}},
	{"syntax-first-line.yaml", []string{`syntax-first-line.yaml:1: mapping values are not allowed in this context`}},
	{"syntax-unclosed.yaml", []string{`syntax-unclosed.yaml:2: did not find expected ',' or ']'`}},
	{"tab.yaml", []string{`tab.yaml:3: found a tab character that violates indentation`}},
	{"tab-token.yaml", []string{`tab-token.yaml:4: found character that cannot start any token`}},
	{"unknown-anchor.yaml", []string{`unknown-anchor.yaml:4: unknown anchor 'office-notify' referenced`}},
	{"gbk.yaml", []string{`gbk.yaml:3: invalid leading UTF-8 octet`}},
	{"two-documents.yaml", []string{`two-documents.yaml:3: a second YAML document; a config file holds only one`}},
	{"top-level-list.yaml", []string{`top-level-list.yaml:1: expected a mapping at the top level, got a list`}},
	{"repeated-key.yaml", []string{`repeated-key.yaml:4: units[0].name: repeated key (first at line 3)`}},
	{"repeated-id.yaml", []string{
		`repeated-id.yaml:3: units[1].id: "gd-office" is already the id of units[0]`,
		`repeated-id.yaml:6: sites[1].id: "gd-portal" is already the id of sites[0]`,
	}},
	{"id.yaml", []string{`id.yaml:2: units[0].id: "gd office" is not a valid id: use letters, digits, '-', '_' and '.'`}},
	{"unknown-unit.yaml", []string{
		`unknown-unit.yaml:6: sites[0].unit: "gd-ofice" is not the id of any unit`,
		`unknown-unit.yaml:8: sites[0].columns[0].unit: "gd-justice" is not the id of any unit`,
		`unknown-unit.yaml:10: accounts[0].unit: "gd-edu" is not the id of any unit`,
	}},
	{"required.yaml", []string{
		`required.yaml:2: units[0].id: is required`,
		`required.yaml:2: units[0].name: is required`,
		`required.yaml:4: sites[0].id: is required`,
		`required.yaml:4: sites[0].url: is required`,
		`required.yaml:4: sites[0].unit: is required`,
		`required.yaml:6: sites[0].columns[0].url: is required`,
		`required.yaml:8: accounts[0].platform: is required: one of ` + platformsList,
		`required.yaml:8: accounts[0].name: is required`,
		`required.yaml:8: accounts[0].unit: is required`,
	}},
	{"site-url.yaml", []string{
		`site-url.yaml:4: sites[0].url: "www.example.gov.cn" is not an absolute http(s) URL`,
		`site-url.yaml:5: sites[1].url: "ftp://ftp.example.gov.cn/" is not an absolute http(s) URL`,
		`site-url.yaml:6: sites[2].url: "https://" is not an absolute http(s) URL`,
	}},
	{"render.yaml", []string{
		`render.yaml:7: sites[0].render: "sometimes" is not one of never, auto, always`,
		`render.yaml:10: sites[0].columns[1].render: "chrome" is not one of never, auto, always`,
	}},
	{"platform.yaml", []string{
		`platform.yaml:4: accounts[0].platform: "weixin" is not one of ` + platformsList,
		`platform.yaml:5: accounts[1].platform: is required: one of ` + platformsList,
	}},
	{"duration.yaml", []string{
		`duration.yaml:2: crawl.timeout: "15" is not a duration (write it like "15s" or "500ms")`,
		`duration.yaml:3: crawl.connect_timeout: "5 seconds" is not a duration (write it like "15s" or "500ms")`,
	}},
	{"size.yaml", []string{
		`size.yaml:2: crawl.max_html_bytes: "10 MeB" is not a size (bytes, or a number with B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)`,
		`size.yaml:3: crawl.max_attachment_bytes: expected a size, got a list`,
	}},
	{"range.yaml", []string{
		`range.yaml:2: crawl.timeout: must be more than 0s, not 0s`,
		`range.yaml:3: crawl.connect_timeout: must be more than 0s, not -1s`,
		`range.yaml:4: crawl.per_host: must be at least 1, not 0`,
		`range.yaml:5: crawl.rate: must be 0 (unlimited) or a positive number, not -1`,
		`range.yaml:6: crawl.retries: must be 0 or more, not -1`,
		`range.yaml:7: crawl.max_redirects: must be 0 or more, not -1`,
		`range.yaml:8: crawl.max_html_bytes: must be more than 0, not 0B`,
		`range.yaml:9: crawl.max_attachment_bytes: must be more than 0, not 0B`,
		`range.yaml:10: crawl.user_agent: is required`,
		`range.yaml:11: crawl.max_referrers: must be 0 or more, not -1`,
		`range.yaml:12: crawl.workers: must be at least 1, not 0`,
		`range.yaml:16: sites[0].max_pages: must be at least 1, not 0`,
		`range.yaml:16: sites[0].max_depth: must be 0 (unlimited) or more, not -1`,
	}},
	{"integer.yaml", []string{
		`integer.yaml:7: sites[0].max_pages: "lots" is not an integer`,
		`integer.yaml:8: sites[0].max_depth: "3" is not an integer`,
		`integer.yaml:10: sites[0].crawl.rate: "fast" is not a number`,
	}},
	{"bool.yaml", []string{`bool.yaml:2: crawl.check_external: "sometimes" is not true or false`}},
	{"robots.yaml", []string{`robots.yaml:2: crawl.robots: "obey" is not one of ignore, honour`}},
	{"wrong-kind.yaml", []string{
		`wrong-kind.yaml:3: units[0].name: expected a string, got a list`,
		`wrong-kind.yaml:4: units[0].notify: expected a mapping, got "https://qyapi.weixin.qq.com/"`,
		`wrong-kind.yaml:6: sites: expected a list, got a mapping`,
		`wrong-kind.yaml:7: accounts: expected a list, got "gd-wechat"`,
	}},
	{"site-crawl.yaml", []string{
		`site-crawl.yaml:8: sites[0].crawl.timout: unknown key`,
		`site-crawl.yaml:9: sites[0].crawl.per_host: must be at least 1, not 0`,
	}},
	{"inherited-crawl.yaml", []string{
		`inherited-crawl.yaml:2: crawl.per_host: must be at least 1, not 0`,
		`inherited-crawl.yaml:7: sites[1].crawl.per_host: must be at least 1, not -1`,
	}},
	{"column-host.yaml", []string{
		`column-host.yaml:10: sites[0].columns[1].url: "https://www.km.gov.cn/tzgg/" is on www.km.gov.cn, which is neither the site's host nor one of its extra_hosts`,
		`column-host.yaml:11: sites[0].columns[2].url: "mailto:zwgk@example.gov.cn" is not an http(s) URL, absolute or relative to the site's`,
		`column-host.yaml:12: sites[0].columns[3].url: "/bad%zz/" is not an http(s) URL, absolute or relative to the site's`,
	}},
	{"column-repeated.yaml", []string{
		`column-repeated.yaml:9: sites[0].columns[1].url: "https://www.example.gov.cn/xxgk/zcwj/#list" is already the url of sites[0].columns[0]`,
	}},
	{"extra-host.yaml", []string{
		`extra-host.yaml:9: sites[0].extra_hosts[1]: "https://xxgk.example.gov.cn/" is not a host name: write it without scheme or path, like xxgk.example.gov.cn`,
		`extra-host.yaml:10: sites[0].extra_hosts[2]: "" is not a host name: write it without scheme or path, like xxgk.example.gov.cn`,
	}},
	{"notify.yaml", []string{
		`notify.yaml:5: units[0].notify.wecom: "qyapi.weixin.qq.com/cgi-bin/webhook/send" is not an absolute http(s) URL`,
		`notify.yaml:6: units[0].notify.email[1]: "政务公开办" is not an email address`,
	}},
	{"checks-shape.yaml", []string{`checks-shape.yaml:2: checks.links: expected a mapping, got a list`}},
	{"checks-not-mapping.yaml", []string{`checks-not-mapping.yaml:1: checks: expected a mapping of check names to their settings, got "links"`}},
	{"merge.yaml", []string{`merge.yaml:4: units[0]: << takes a mapping or a list of mappings, got "3"`}},
	{"many.yaml", []string{
		`many.yaml:4: units[0].notify.emial: unknown key`,
		`many.yaml:6: crawl.timeout: must be more than 0s, not 0s`,
		`many.yaml:11: sites[0].render: "sometimes" is not one of never, auto, always`,
		`many.yaml:13: sites[0].columns[0].category: "polcy" is not one of ` + categoriesList,
		`many.yaml:15: accounts[0].unit: "gd-offic" is not the id of any unit`,
	}},
}

func TestParseBadConfigs(t *testing.T) {
	for _, tc := range badConfigs {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "bad", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := Parse(tc.file, data)
			if err == nil {
				t.Fatalf("Parse succeeded, want errors:\n%s", strings.Join(tc.want, "\n"))
			}
			if cfg != nil {
				t.Errorf("Parse returned a config with its error")
			}
			if got, want := err.Error(), strings.Join(tc.want, "\n"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			var e *Error
			if !errors.As(err, &e) || e.File != tc.file || e.Line == 0 {
				t.Errorf("errors.As(*Error) = %+v, want one naming the file and line", e)
			}
		})
	}
}

// TestBadConfigsCovered keeps the table and the folder in step.
func TestBadConfigsCovered(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "bad", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, tc := range badConfigs {
		listed[tc.file] = true
	}
	for _, f := range files {
		if !listed[filepath.Base(f)] {
			t.Errorf("%s has no expected error in badConfigs", f)
		}
	}
	if len(files) != len(badConfigs) {
		t.Errorf("%d files, %d table entries", len(files), len(badConfigs))
	}
}

func TestLoadNamesThePath(t *testing.T) {
	tests := []struct {
		name, path, want string
	}{
		{"bad value", "testdata/bad/unknown-key.yaml", "testdata/bad/unknown-key.yaml:3: units[0].colour: unknown key"},
		{"missing file", "testdata/no-such.yaml", "open testdata/no-such.yaml: no such file or directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.path)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Load(%q) = %v, want %s", tc.path, err, tc.want)
			}
		})
	}
}
