package checks

import (
	"strings"
	"testing"
	"time"
)

func TestFindingID(t *testing.T) {
	a := FindingID("link.broken", "dc", "http://a/", "http://a/x", "")
	if a != FindingID("link.broken", "dc", "http://a/", "http://a/x", "") {
		t.Fatal("the same problem must get the same id")
	}
	// Fields are separated, so shifting text between them changes the id.
	if a == FindingID("link.broken", "dc", "http://a/http://a/x", "", "") {
		t.Fatal("ids of different problems collide")
	}
	if len(a) != 24 {
		t.Fatalf("id %q: want 24 hex characters", a)
	}
}

func TestStamp(t *testing.T) {
	at := time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)
	f := Stamp(Finding{Check: "link.broken", URL: "u", Target: "t"}, "dc", "dc-office", at)
	if f.Site != "dc" || f.Unit != "dc-office" || !f.FirstSeen.Equal(at) || !f.LastSeen.Equal(at) {
		t.Fatalf("stamp: %+v", f)
	}
	if f.ID != FindingID("link.broken", "dc", "u", "t", "") {
		t.Fatalf("stamp id %s", f.ID)
	}
	kept := Stamp(Finding{ID: "x", Unit: "edu"}, "dc", "dc-office", at)
	if kept.ID != "x" || kept.Unit != "edu" {
		t.Fatalf("stamp must keep what the check set: %+v", kept)
	}
}

type nopCheck struct{}

func (nopCheck) Name() string  { return "nop" }
func (nopCheck) IDs() []string { return nil }

type nopConfig struct{ N int }

func TestRegistry(t *testing.T) {
	def := Define("nop", func() nopConfig { return nopConfig{N: 1} }, func(c nopConfig) (Check, error) { return nopCheck{}, nil })
	if _, err := NewRegistry(def, def); err == nil || !strings.Contains(err.Error(), `"nop" is defined twice`) {
		t.Fatalf("duplicate not refused: %v", err)
	}
	r, err := NewRegistry(def)
	if err != nil {
		t.Fatal(err)
	}
	d, ok := r.Lookup("nop")
	if !ok {
		t.Fatal("lookup")
	}
	cfg := d.DefaultConfig()
	if cfg.(*nopConfig).N != 1 {
		t.Fatalf("default config %+v", cfg)
	}
	if _, err := d.New(cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := d.New(&struct{}{}); err == nil {
		t.Fatal("a config of the wrong type must be refused")
	}
}
