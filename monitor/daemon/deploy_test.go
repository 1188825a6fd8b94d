package daemon

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/govwatch/govwatch/monitor/bus"
	"github.com/govwatch/govwatch/monitor/ledger"
)

// TestDeployUsesExportedMetrics holds the dashboard and the alert rules in
// deploy/ to the metrics serve exports: a renamed metric must not leave a
// silent panel or an alert that can never fire.
func TestDeployUsesExportedMetrics(t *testing.T) {
	dir := t.TempDir()
	l, err := ledger.Open(filepath.Join(dir, "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	b, err := bus.Embedded(filepath.Join(dir, "nats"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	m := newMetricsFor(l, b, "test")
	// Give every labelled metric a series, so that Gather lists it.
	m.crawls.WithLabelValues("s", "complete").Inc()
	m.duration.WithLabelValues("s").Observe(1)
	m.lastSuccess.WithLabelValues("s").SetToCurrentTime()
	m.pages.WithLabelValues("s").Inc()
	m.links.WithLabelValues("s").Inc()
	families, err := m.registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	exported := map[string]bool{"govwatch_findings_open": true} // read from the ledger, empty here
	for _, f := range families {
		exported[f.GetName()] = true
	}
	used := regexp.MustCompile(`govwatch_[a-z_]+`)
	for _, file := range []string{"../../deploy/grafana/govwatch.json", "../../deploy/prometheus/govwatch-rules.yml"} {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		names := used.FindAllString(string(text), -1)
		if len(names) == 0 {
			t.Errorf("%s uses no govwatch metric", file)
		}
		for _, name := range names {
			base := name
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				base = strings.TrimSuffix(base, suffix)
			}
			if !exported[name] && !exported[base] {
				t.Errorf("%s uses %s, which serve does not export", file, name)
			}
		}
	}
}
