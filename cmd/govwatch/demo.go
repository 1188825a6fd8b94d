package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/govwatch/govwatch/monitor/config"
	"github.com/govwatch/govwatch/monitor/daemon"
	"github.com/govwatch/govwatch/monitor/ledger"
	"github.com/govwatch/govwatch/monitor/sampleportal"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f checkFlags
	f.register(fs)
	writeConfig := fs.String("write-config", "", "also write the demo's config to this `file`")
	serveAddr := fs.String("serve", "", "then run the daemon on the portal (ledger and NATS store in --data, default demo-data), with /metrics and the API on this `address`, until Ctrl-C")
	if _, err := parseInterleaved(fs, args); err != nil {
		return usageError(err)
	}
	srv, err := sampleportal.New(sampleportal.Options{}).Start()
	if err != nil {
		fmt.Fprintf(stderr, "govwatch demo: start the sample portal: %v\n", err)
		return exitFailure
	}
	defer srv.Close()
	// The config's word list goes beside a written config, else into a
	// temporary folder removed at the end.
	dir := filepath.Dir(*writeConfig)
	if *writeConfig == "" {
		if dir, err = os.MkdirTemp("", "govwatch-demo-"); err != nil {
			fmt.Fprintf(stderr, "govwatch demo: %v\n", err)
			return exitFailure
		}
		defer os.RemoveAll(dir)
	}
	text, err := sampleportal.Config(srv.URL, dir)
	if err != nil {
		fmt.Fprintf(stderr, "govwatch demo: %v\n", err)
		return exitFailure
	}
	if *writeConfig != "" {
		if err := os.WriteFile(*writeConfig, []byte(text), 0o644); err != nil {
			fmt.Fprintf(stderr, "govwatch demo: %v\n", err)
			return exitFailure
		}
	}
	cfg, err := config.Parse("demo.yaml", []byte(text))
	if err != nil {
		fmt.Fprintf(stderr, "govwatch demo: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stderr, "样例门户网站已在 %s 启动，开始检查（判定日期 %s）…\n", srv.URL, sampleportal.Now.Format("2006-01-02"))
	f.override(cfg)
	findings, sites, err := inspectOnce(ctx, cfg, sampleportal.Now, f, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "govwatch demo: %v\n", err)
		return exitFailure
	}
	if err := writeFindings(stdout, stderr, f.format, findings, sites); err != nil {
		fmt.Fprintf(stderr, "govwatch demo: %v\n", err)
		return exitUsage
	}
	cmp := srv.Truth().Compare(findings)
	fmt.Fprintf(stderr, "\n与样例门户的标准答案比对：应发现 %d 个，命中 %d 个，漏报 %d 个，误报 %d 个\n",
		cmp.Expected, len(cmp.Matched), len(cmp.Missed), len(cmp.False))
	for _, m := range cmp.Missed {
		fmt.Fprintf(stderr, "  漏报 %s\n", m)
	}
	for _, m := range cmp.False {
		fmt.Fprintf(stderr, "  误报 %s\n", m)
	}
	if !cmp.Exact() {
		return exitFindings
	}
	fmt.Fprintf(stderr, "全部命中，无误报。用时 %s\n", time.Since(sites[0].Started).Round(time.Millisecond))
	if *serveAddr == "" {
		return exitClean
	}
	data := f.data
	if data == "" {
		data = "demo-data"
	}
	return serveDemo(ctx, cfg, *serveAddr, data, stderr)
}

// ledgerSummary counts a site's open findings in the ledger by check.
func ledgerSummary(ctx context.Context, data, site string) string {
	l, err := ledger.Open(daemon.LedgerPath(data))
	if err != nil {
		return err.Error()
	}
	defer l.Close()
	counts, err := l.OpenCounts(ctx)
	if err != nil {
		return err.Error()
	}
	byCheck := map[string]int{}
	total := 0
	for _, c := range counts {
		if c.Site == site {
			byCheck[c.Check] += c.Open
			total += c.Open
		}
	}
	var parts []string
	for _, check := range slices.Sorted(maps.Keys(byCheck)) {
		parts = append(parts, fmt.Sprintf("%s %d", check, byCheck[check]))
	}
	return fmt.Sprintf("站点 %s 的检查已记入台账：未整改问题 %d 个（%s）", site, total, strings.Join(parts, "，"))
}

// serveDemo runs the daemon on the sample portal and says where to look,
// with a first summary once the first crawl is in the ledger.
func serveDemo(ctx context.Context, cfg *config.Config, addr, data string, stderr io.Writer) int {
	err := daemon.Run(ctx, daemon.Options{
		Config: cfg, DataDir: data, Listen: addr, Now: func() time.Time { return sampleportal.Now }, Version: version, Slots: 1,
		Log: newLogger(stderr, false),
		Ready: func(a string) {
			fmt.Fprintf(stderr, "\n守护进程已启动（内嵌 NATS JetStream）：\n  指标     http://%s/metrics\n  接口     http://%s/api/findings?status=open\n  台账     %s（govwatch findings --data %s）\n首次检查完成后在此报告，Ctrl-C 停止。\n",
				a, a, daemon.LedgerPath(data), data)
		},
		Crawled: func(site string) { fmt.Fprintln(stderr, ledgerSummary(ctx, data, site)) },
	})
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(stderr, "govwatch demo: %v\n", err)
		return exitFailure
	}
	return exitClean
}

func runSamplePortal(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sample-portal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8080", "`address` to serve the portal on")
	pages := fs.Int("pages", 0, "pages to generate (0: the default sample size)")
	bench := fs.Bool("bench", false, "the benchmark portal: many pages, only internal 404s planted")
	truth := fs.String("truth", "", "write the ground truth as JSON to this `file`")
	if err := fs.Parse(args); err != nil {
		return usageError(err)
	}
	p := sampleportal.New(sampleportal.Options{Pages: *pages, Benchmark: *bench})
	fmt.Fprintf(stderr, "serving the sample portal on http://%s/ (Ctrl-C to stop)\n", strings.TrimPrefix(*listen, "http://"))
	if err := p.ListenAndServe(ctx, *listen, *truth); err != nil && ctx.Err() == nil {
		fmt.Fprintf(stderr, "govwatch sample-portal: %v\n", err)
		return exitFailure
	}
	return exitClean
}
