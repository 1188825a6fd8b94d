package sampleportal

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestListenAndServe serves the benchmark portal on an address given as
// other tools would, writes its truth, and stops with its context.
func TestListenAndServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	file := filepath.Join(t.TempDir(), "truth.json")
	done := make(chan error, 1)
	go func() { done <- New(Options{Pages: 300, Benchmark: true}).ListenAndServe(ctx, "127.0.0.1:0", file) }()
	var truth Truth
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		b, err := os.ReadFile(file)
		if err == nil && json.Unmarshal(b, &truth) == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no truth written: %v", err)
		}
	}
	if len(truth.Links) == 0 || len(truth.Columns) == 0 {
		t.Fatalf("truth: %d links, %d columns", len(truth.Links), len(truth.Columns))
	}
	if a := fetch(t, truth.Columns[0].URL); a.outcome != "ok" {
		t.Errorf("%s answers %s %d", truth.Columns[0].URL, a.outcome, a.status)
	}
	if a := fetch(t, truth.Links[0].Target); a.status != 404 {
		t.Errorf("%s answers %d, want 404", truth.Links[0].Target, a.status)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("ListenAndServe: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ListenAndServe did not return when its context ended")
	}
}

func TestLoopbackURL(t *testing.T) {
	for addr, want := range map[string]string{
		"0.0.0.0:8080":   "http://127.0.0.1:8080",
		"[::]:8080":      "http://127.0.0.1:8080",
		"127.0.0.1:8080": "http://127.0.0.1:8080",
		"[::1]:8080":     "http://[::1]:8080",
	} {
		tcp, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := loopbackURL(tcp); got != want {
			t.Errorf("%s: %s, want %s", addr, got, want)
		}
	}
}
