package config

import (
	"testing"

	"github.com/govwatch/govwatch/checks/all"
)

// TestCompiledInFamilies wires config to the real check families as
// cmd/govwatch does: each family's default config, decoded over from the
// file's checks: section, must build the family.
func TestCompiledInFamilies(t *testing.T) {
	cfg, err := Load("testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	reg, err := all.Registry()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range reg.Names() {
		t.Run(name, func(t *testing.T) {
			def, _ := reg.Lookup(name)
			c := def.DefaultConfig()
			if err := cfg.CheckConfig(name, c); err != nil {
				t.Fatal(err)
			}
			if _, err := def.New(c); err != nil {
				t.Fatal(err)
			}
		})
	}
	bad, err := Parse("portal.yaml", []byte("checks:\n  links:\n    soft404: {min_length: 1}\n"))
	if err != nil {
		t.Fatal(err)
	}
	def, _ := reg.Lookup("links")
	want := "portal.yaml:3: checks.links.soft404: expected true or false, got a mapping"
	if err := bad.CheckConfig("links", def.DefaultConfig()); errString(err) != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
