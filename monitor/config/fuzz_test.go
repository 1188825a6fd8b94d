package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds Parse arbitrary bytes: it must never panic, every error
// must name the file, and a config it accepts must validate again and take
// CheckConfig and UnknownChecks without panicking.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	good, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, file := range append(files, good...) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("checks:\n  links: &l {soft404: {min_length: 1}, <<: *l}\n"))
	f.Add([]byte("sites: &s [*s]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fuzz.yaml", data)
		if err != nil {
			if cfg != nil {
				t.Fatal("config returned with an error")
			}
			for line := range strings.SplitSeq(err.Error(), "\n") {
				if !strings.HasPrefix(line, "fuzz.yaml") {
					t.Fatalf("error line does not name the file: %q", line)
				}
			}
			return
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("parsed config does not validate: %v", err)
		}
		for _, name := range cfg.CheckNames() {
			links := defaultLinks()
			_ = cfg.CheckConfig(name, &links)
			var anything map[string]any
			_ = cfg.CheckConfig(name, &anything)
		}
		_ = cfg.UnknownChecks([]string{"links"})
	})
}
