// Package config loads govwatch's YAML config: the units that own sites,
// columns and accounts, the sites to crawl, the new-media accounts to poll,
// the crawl settings and each check family's settings. Decoding is strict and
// every error names the file, line and key path, as a compiler would:
//
//	portal.yaml:14: sites[0].columns[2].category: "polcy" is not one of news, notice, …
package config

import (
	"time"

	"go.yaml.in/yaml/v3"
)

// Categories are the column categories (DESIGN.md), in the order they are listed there.
var Categories = []string{
	"news",           // 动态/要闻
	"notice",         // 通知公告
	"policy",         // 政策文件
	"interpretation", // 政策解读
	"personnel",      // 人事
	"plan",           // 规划计划
	"interaction",    // 互动
	"static",         // 机构职能 and other pages that need no updates
	"annual",         // 年报
}

// Platforms are the new-media platforms an account can be on.
var Platforms = []string{"wechat", "weibo", "douyin", "toutiao", "kuaishou", "bilibili", "channels", "other"}

// Render modes say when a site's or column's pages are rendered by headless Chromium.
const (
	RenderNever  = "never"
	RenderAuto   = "auto" // when a page looks like it needs scripts
	RenderAlways = "always"
)

// RenderModes lists the render modes.
var RenderModes = []string{RenderNever, RenderAuto, RenderAlways}

// Robots policies say whether a crawl obeys robots.txt.
const (
	// RobotsIgnore is the default: an office inspects its own sites, and
	// robots.txt commonly blocks the very columns (/xxgk) it must inspect.
	RobotsIgnore = "ignore"
	RobotsHonour = "honour"
)

// RobotsPolicies lists the robots policies.
var RobotsPolicies = []string{RobotsIgnore, RobotsHonour}

// Config is a whole govwatch config. Build one with Load, Parse, ForURL or
// DefaultConfig; it is read-only once loaded and safe for concurrent use.
type Config struct {
	Units    []Unit    `yaml:"units"`
	Sites    []Site    `yaml:"sites"`
	Accounts []Account `yaml:"accounts"`
	// Crawl applies to every site; a site's own crawl: overrides it key by key.
	Crawl Crawl `yaml:"crawl"`

	file   string         // as given to Parse; names the file in errors
	lines  map[string]int // key path -> line, for errors found after decoding
	checks *checksNode    // the raw checks: mapping, decoded later by CheckConfig
}

// Unit is a government body (单位) that owns sites, columns or accounts and
// receives notices and alerts.
type Unit struct {
	ID     string `yaml:"id"`
	Name   string `yaml:"name"` // as notices address it: 官渡区人民政府办公室
	Notify Notify `yaml:"notify"`
}

// Notify says where a unit's alerts go. Empty fields are not used.
type Notify struct {
	WeCom    string   `yaml:"wecom"`    // 企业微信 group robot webhook URL
	DingTalk string   `yaml:"dingtalk"` // 钉钉 robot webhook URL
	Feishu   string   `yaml:"feishu"`   // 飞书 bot webhook URL
	Email    []string `yaml:"email"`
	Webhook  string   `yaml:"webhook"` // a generic JSON webhook
}

// Site is a website under inspection.
type Site struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"` // after loading, the URL's host when not given
	URL  string `yaml:"url"`  // absolute http(s): where the crawl starts
	Unit string `yaml:"unit"`
	// Render is one of RenderModes.
	Render   string `yaml:"render"`
	MaxPages int    `yaml:"max_pages"`
	MaxDepth int    `yaml:"max_depth"` // 0: unlimited
	// ExtraHosts are hosts crawled as part of the site (xxgk.example.gov.cn).
	ExtraHosts []string `yaml:"extra_hosts"`
	// Columns override what the crawler discovers from navigation.
	Columns []Column `yaml:"columns"`
	// MaxAgeDays overrides the freshness windows for this site's columns,
	// by category (local rules are often stricter than the national ones).
	MaxAgeDays map[string]int `yaml:"max_age_days"`
	// Crawl is the config's crawl settings with the site's overrides applied.
	Crawl Crawl `yaml:"crawl"`
}

// Column is a configured column (栏目) of a site. After loading, URL is
// absolute and an empty Unit or Render has been filled in from the site.
type Column struct {
	URL      string `yaml:"url"` // may be written relative to the site's URL
	Name     string `yaml:"name"`
	Category string `yaml:"category"` // one of Categories; empty: classified by the crawler
	Unit     string `yaml:"unit"`
	Render   string `yaml:"render"`
	// MaxAgeDays overrides the freshness window of this one column; 0: the
	// site's or the category's window.
	MaxAgeDays int `yaml:"max_age_days"`
}

// Account is a government new-media account (政务新媒体).
type Account struct {
	ID       string `yaml:"id"`
	Platform string `yaml:"platform"` // one of Platforms
	Name     string `yaml:"name"`     // 官渡发布
	Unit     string `yaml:"unit"`
	Feed     string `yaml:"feed"` // an RSS/Atom/JSON feed of its posts, if there is one
}

// Crawl holds the settings of one crawl of a site.
type Crawl struct {
	// Timeout bounds a whole request, body included. The national rules
	// count a probe that takes 15 s or more as failed.
	Timeout        time.Duration `yaml:"timeout"`
	ConnectTimeout time.Duration `yaml:"connect_timeout"`
	PerHost        int           `yaml:"per_host"` // concurrent requests per host
	Rate           float64       `yaml:"rate"`     // requests per second per host; 0: unlimited
	Retries        int           `yaml:"retries"`  // on 429, 503 and timeouts
	MaxRedirects   int           `yaml:"max_redirects"`
	MaxHTMLBytes   Size          `yaml:"max_html_bytes"`
	// MaxAttachmentBytes caps how much of an attachment is read.
	MaxAttachmentBytes Size `yaml:"max_attachment_bytes"`
	// CheckExternal says whether links to other sites are requested.
	CheckExternal bool   `yaml:"check_external"`
	Robots        string `yaml:"robots"` // one of RobotsPolicies
	UserAgent     string `yaml:"user_agent"`
	MaxReferrers  int    `yaml:"max_referrers"` // referrers kept per link target
	Workers       int    `yaml:"workers"`       // fetches in flight for the whole crawl
}

// DefaultCrawl returns the default crawl settings.
func DefaultCrawl() Crawl {
	return Crawl{
		Timeout:            15 * time.Second,
		ConnectTimeout:     5 * time.Second,
		PerHost:            4,
		Rate:               10,
		Retries:            2,
		MaxRedirects:       10,
		MaxHTMLBytes:       10 * MiB,
		MaxAttachmentBytes: 100 * MiB,
		CheckExternal:      true,
		Robots:             RobotsIgnore,
		UserAgent:          "govwatch/1.0 (+https://github.com/govwatch/govwatch; government website inspection)",
		MaxReferrers:       100,
		Workers:            8,
	}
}

// DefaultSite returns a site with the defaults that a site's entry is
// decoded over: render auto, 50,000 pages, unlimited depth, default crawl.
func DefaultSite() Site {
	return Site{Render: RenderAuto, MaxPages: 50000, Crawl: DefaultCrawl()}
}

// DefaultConfig returns a config with no units, sites or accounts and the
// default crawl settings. It is valid.
func DefaultConfig() Config {
	return Config{Crawl: DefaultCrawl()}
}

// Unit returns the unit with the given id, or nil.
func (c *Config) Unit(id string) *Unit {
	for i := range c.Units {
		if c.Units[i].ID == id {
			return &c.Units[i]
		}
	}
	return nil
}

// Site returns the site with the given id, or nil.
func (c *Config) Site(id string) *Site {
	for i := range c.Sites {
		if c.Sites[i].ID == id {
			return &c.Sites[i]
		}
	}
	return nil
}

// Account returns the account with the given id, or nil.
func (c *Config) Account(id string) *Account {
	for i := range c.Accounts {
		if c.Accounts[i].ID == id {
			return &c.Accounts[i]
		}
	}
	return nil
}

// checksNode is the checks: mapping as written, kept for CheckConfig.
type checksNode struct {
	names []string              // in file order
	value map[string]*yaml.Node // the family's settings; a null scalar when empty
	line  map[string]int        // the line of the family's key
}
