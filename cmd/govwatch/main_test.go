package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govwatch/govwatch/monitor/sampleportal"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("sites:\n  - id: a\n    url: http://x/\n    unit: nobody\n    colour: red\n"), 0o644)
	badCheck := filepath.Join(dir, "window.yaml")
	os.WriteFile(badCheck, []byte("units: [{id: u, name: 单位}]\nsites: [{id: s, url: \"http://127.0.0.1:1/\", unit: u}]\nchecks:\n  freshness:\n    max_age_days: {news: 0}\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no command", nil, exitUsage, "usage"},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"check without a target", []string{"check"}, exitUsage, "give --config FILE or a site URL"},
		{"bad config names file and line", []string{"check", "--config", bad}, exitUsage, "bad.yaml:5: sites[0].colour: unknown key"},
		{"bad check setting names file and line", []string{"check", "--config", badCheck}, exitUsage, "window.yaml:5: checks.freshness.max_age_days.news: 0 is not a positive number of days"},
		{"bad --now", []string{"check", "--now", "yesterday", "http://127.0.0.1:1/"}, exitUsage, `--now "yesterday"`},
		{"unknown family", []string{"check", "--checks", "nope", "http://127.0.0.1:1/"}, exitUsage, `"nope" is not one of`},
		{"unknown format", []string{"check", "--format", "xml", "--progress", "never", "http://127.0.0.1:1/"}, exitUsage, `format "xml"`},
		{"version", []string{"version"}, exitClean, ""},
		{"crawl now without serve", []string{"crawl", "now", "dc-portal", "--server", "http://127.0.0.1:1"}, exitFailure, "is serve running?"},
		{"crawl without now", []string{"crawl", "dc-portal"}, exitUsage, "usage: govwatch crawl now SITE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.err) {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
		})
	}
}

func TestCheckSamplePortalJSONL(t *testing.T) {
	srv, cfg := samplePortal(t)
	code, stdout, stderr := runCmd(t, "check", "--config", cfg, "--format", "jsonl", "--timeout", "2s", "--now", "2025-01-15", "--progress", "never")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d (findings); stderr:\n%s", code, exitFindings, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if want := len(srv.Truth().Links) + len(srv.Truth().Freshness) + len(srv.Truth().Content) + len(srv.Truth().Site); len(lines) != want {
		t.Fatalf("%d findings, want %d", len(lines), want)
	}
	for _, l := range lines {
		var f map[string]any
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("not JSON: %s", l)
		}
		if f["first_seen"] != "2025-01-15T00:00:00+08:00" {
			t.Errorf("first_seen %v: --now not applied", f["first_seen"])
		}
	}
	if !strings.Contains(stderr, "被反爬虫拦截 2 个链接") {
		t.Errorf("summary does not report the blocked links:\n%s", stderr)
	}
}

func TestDemoMatchesTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample portal")
	}
	code, stdout, stderr := runCmd(t, "demo", "--progress", "never", "--timeout", "2s")
	if code != exitClean {
		t.Fatalf("demo exit %d; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "link.soft404") || !strings.Contains(stdout, "column.stale") || !strings.Contains(stderr, "漏报 0 个，误报 0 个") {
		t.Fatalf("demo output:\n%s\n%s", stdout, stderr)
	}
}

// samplePortal serves the sample portal for the test and writes its config
// file (and word lists) into a temporary folder; it skips under -short.
func samplePortal(t *testing.T) (*sampleportal.Server, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("crawls the sample portal")
	}
	srv, err := sampleportal.New(sampleportal.Options{}).Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	text, err := sampleportal.Config(srv.URL, dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "portal.yaml")
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return srv, cfg
}
