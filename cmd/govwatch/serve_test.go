package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeThenFindings runs `serve` on the sample portal and reads the
// ledger with `findings` while it runs, in every format.
func TestServeThenFindings(t *testing.T) {
	srv, cfg := samplePortal(t)
	dir := filepath.Dir(cfg)
	data := filepath.Join(dir, "data")

	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan int, 1)
	var serveErr bytes.Buffer
	go func() {
		served <- run(ctx, []string{"serve", "--config", cfg, "--data", data, "--listen", "127.0.0.1:0", "--now", "2025-01-15"}, &bytes.Buffer{}, &serveErr)
	}()
	want := len(srv.Truth().Links) + len(srv.Truth().Freshness) + len(srv.Truth().Content) + len(srv.Truth().Site)
	var lines []string
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		code, out, _ := runCmd(t, "findings", "--data", data, "--format", "jsonl", "--status", "open")
		if code == exitClean && strings.TrimSpace(out) != "" {
			lines = strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) >= want {
				break
			}
		}
	}
	if len(lines) != want {
		t.Fatalf("ledger has %d open findings, want %d; serve said:\n%s", len(lines), want, serveErr.String())
	}
	code, out, _ := runCmd(t, "findings", "--data", data, "--format", "csv", "--check", "privacy.phone")
	if code != exitClean || !strings.HasPrefix(out, "id,status,check") || strings.Count(out, "\n") != 4 || strings.Contains(out, "13912345678") {
		t.Errorf("csv of privacy.phone (exit %d):\n%s", code, out)
	}
	code, out, _ = runCmd(t, "findings", "--data", data, "--check", "site.tls")
	if code != exitClean || !strings.Contains(out, "网站未使用HTTPS") {
		t.Errorf("table (exit %d):\n%s", code, out)
	}
	if code, _, stderr := runCmd(t, "findings", "--data", data, "--status", "fixed"); code != exitUsage || !strings.Contains(stderr, `status "fixed"`) {
		t.Errorf("a bad status: exit %d, %s", code, stderr)
	}
	cancel()
	if code := <-served; code != exitClean {
		t.Errorf("serve exit %d:\n%s", code, serveErr.String())
	}
	code, before, _ := runCmd(t, "findings", "--data", data, "--format", "jsonl")
	if code, _, stderr := runCmd(t, "ledger", "rebuild", "--data", data); code != exitClean || !strings.Contains(stderr, "ledger rebuilt from") {
		t.Fatalf("rebuild: exit %d, %s", code, stderr)
	}
	if _, after, _ := runCmd(t, "findings", "--data", data, "--format", "jsonl"); after != before || code != exitClean {
		t.Errorf("the rebuilt ledger differs:\n%s\nvs\n%s", after, before)
	}
	if code, _, stderr := runCmd(t, "findings", "--data", filepath.Join(dir, "nowhere")); code != exitFailure || !strings.Contains(stderr, "no ledger at") {
		t.Errorf("no ledger: exit %d, %s", code, stderr)
	}
}
