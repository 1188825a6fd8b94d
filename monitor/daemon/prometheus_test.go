package daemon

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govwatch/govwatch/monitor/sampleportal"
)

// TestPrometheusScrapesServe runs a real Prometheus (Debian's prometheus)
// against serve on the sample portal, and asks its query API for the open
// broken links.
func TestPrometheusScrapesServe(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the sample portal and starts Prometheus")
	}
	bin, err := exec.LookPath("prometheus")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("prometheus is not installed (apt-get install prometheus)")
		}
		t.Skip("prometheus is not installed")
	}
	srv, cfg, dir := samplePortal(t)
	base, crawled, _ := started(t, cfg, dir, time.Hour, func() time.Time { return sampleportal.Now })
	waitCrawl(t, crawled)

	target := strings.TrimPrefix(base, "http://")
	promCfg := filepath.Join(dir, "prometheus.yml")
	os.WriteFile(promCfg, []byte(fmt.Sprintf("global: {scrape_interval: 1s}\nscrape_configs:\n  - job_name: govwatch\n    static_configs: [{targets: [%q]}]\n", target)), 0o644)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	promAddr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--config.file="+promCfg, "--storage.tsdb.path="+filepath.Join(dir, "tsdb"),
		"--web.listen-address="+promAddr)
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		cmd.Wait()
	}()
	query := "http://" + promAddr + "/api/v1/query?query=" + url.QueryEscape(`sum(govwatch_findings_open{job="govwatch",check="link.broken"})`)
	var got string
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		resp, err := http.Get(query)
		if err != nil {
			continue
		}
		var body struct {
			Data struct {
				Result []struct {
					Value [2]any `json:"value"`
				} `json:"result"`
			} `json:"data"`
		}
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if len(body.Data.Result) == 1 {
			if got = fmt.Sprint(body.Data.Result[0].Value[1]); got != "" {
				break
			}
		}
	}
	want := 0
	for _, l := range srv.Truth().Links {
		if l.Check == "link.broken" {
			want++
		}
	}
	if got != fmt.Sprint(want) {
		t.Fatalf("Prometheus says %q open broken links, want %d; its log:\n%s", got, want, log.String())
	}
}
