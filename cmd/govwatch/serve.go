package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/daemon"
	"github.com/govwatch/govwatch/monitor/ledger"
	"github.com/govwatch/govwatch/notify/format"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: govwatch serve --config FILE [flags]\n\nRuns the daemon: crawls each site at start and then every --every, records findings in the ledger\nthrough NATS JetStream (embedded unless --nats is given), and serves /metrics, /healthz, /readyz and /api/findings.")
		fs.PrintDefaults()
	}
	cfgPath := fs.String("config", "", "config `file` (YAML)")
	data := fs.String("data", "/var/lib/govwatch", "data `dir`: the ledger and the embedded NATS store")
	listen := fs.String("listen", "127.0.0.1:9090", "HTTP `address` for /metrics, health and the API")
	natsURLs := fs.String("nats", "", "NATS cluster `URLs` (nats://a:4222,nats://b:4222); default: an embedded server")
	every := fs.Duration("every", 24*time.Hour, "how often each site is crawled after the first crawl")
	slots := fs.Int("slots", 1, "crawls this process runs at once; 0 leaves crawling to `govwatch worker`s")
	nowFlag := fs.String("now", "", "judgement `date` for every crawl (2025-01-15); default the real clock")
	if _, err := parseInterleaved(fs, args); err != nil {
		return usageError(err)
	}
	bad := func(err error) int {
		fmt.Fprintf(stderr, "govwatch serve: %v\n", err)
		return exitUsage
	}
	if *cfgPath == "" {
		return bad(fmt.Errorf("give --config FILE"))
	}
	cfg, err := loadConfig(*cfgPath, nil)
	if err != nil {
		return bad(err)
	}
	clock := time.Now
	if *nowFlag != "" {
		now, err := parseNow(*nowFlag)
		if err != nil {
			return bad(err)
		}
		clock = func() time.Time { return now }
	}
	log := newLogger(stderr, true)
	defer log.Sync()
	err = daemon.Run(ctx, daemon.Options{
		Config: cfg, DataDir: *data, Listen: *listen, NATS: *natsURLs, Every: *every, Slots: *slots, Now: clock, Log: log, Version: version,
		Ready: func(addr string) {
			fmt.Fprintf(stderr, "govwatch serve: http://%s/metrics, http://%s/api/findings; ledger %s\n", addr, addr, daemon.LedgerPath(*data))
		},
	})
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(stderr, "govwatch serve: %v\n", err)
		return exitFailure
	}
	return exitClean
}

func runFindings(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("findings", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: govwatch findings --data DIR [filters] [--format table|jsonl|csv]\n\nLists findings from the ledger, also while serve is running.")
		fs.PrintDefaults()
	}
	data := fs.String("data", "/var/lib/govwatch", "data `dir` of serve")
	out := fs.String("format", "table", "output: table, jsonl or csv")
	params := map[string]*string{}
	for _, name := range []string{"site", "unit", "check", "severity", "status", "since", "limit", "offset"} {
		params[name] = fs.String(name, "", "filter or page by "+name)
	}
	if _, err := parseInterleaved(fs, args); err != nil {
		return usageError(err)
	}
	switch *out {
	case "table", "jsonl", "csv":
	default:
		fmt.Fprintf(stderr, "govwatch findings: format %q is not one of table, jsonl, csv\n", *out)
		return exitUsage
	}
	q, err := daemon.QueryFrom(func(k string) string { return *params[k] }, 0)
	if err != nil {
		fmt.Fprintf(stderr, "govwatch findings: %v\n", err)
		return exitUsage
	}
	path := daemon.LedgerPath(*data)
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(stderr, "govwatch findings: no ledger at %s (has serve run with --data %s?)\n", path, *data)
		return exitFailure
	}
	l, err := ledger.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "govwatch findings: %v\n", err)
		return exitFailure
	}
	defer l.Close()
	entries, err := l.Findings(ctx, q)
	if err != nil {
		fmt.Fprintf(stderr, "govwatch findings: %v\n", err)
		return exitFailure
	}
	rows := daemon.Rows(entries)
	switch *out {
	case "jsonl":
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, r := range rows {
			if err := enc.Encode(r); err != nil {
				return exitFailure
			}
		}
	case "csv":
		w := csv.NewWriter(stdout)
		w.Write([]string{"id", "status", "check", "severity", "site", "unit", "url", "target", "title", "evidence", "first_seen", "last_seen", "rectified_at"})
		for _, r := range rows {
			rectified := ""
			if r.RectifiedAt != nil {
				rectified = r.RectifiedAt.Format(time.RFC3339)
			}
			w.Write([]string{r.ID, r.Status, r.Check, string(r.Severity), r.Site, r.Unit, r.URL, r.Target, r.Title, r.Evidence,
				r.FirstSeen.Format(time.RFC3339), r.LastSeen.Format(time.RFC3339), rectified})
		}
		w.Flush()
		if w.Error() != nil {
			return exitFailure
		}
	default:
		fs := make([]checks.Finding, len(rows))
		for i, r := range rows {
			fs[i] = r.Finding
			if r.Status != "open" {
				fs[i].Title = "（" + statusNames[r.Status] + "）" + r.Title
			}
		}
		if err := format.WriteTable(stdout, fs); err != nil {
			return exitFailure
		}
	}
	return exitClean
}

var statusNames = map[string]string{"rectified": "已整改", "reopened": "整改后复现"}

func runLedger(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "rebuild" {
		fmt.Fprintln(stderr, "usage: govwatch ledger rebuild --data DIR [--nats URLS]\n\nReplays the findings stream into a fresh ledger and puts it in place of the old one (stop serve first when it runs the embedded NATS).")
		return exitUsage
	}
	fs := flag.NewFlagSet("ledger rebuild", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "/var/lib/govwatch", "data `dir` of serve")
	natsURLs := fs.String("nats", "", "NATS cluster `URLs`; default: the embedded server's store in --data")
	if _, err := parseInterleaved(fs, args[1:]); err != nil {
		return usageError(err)
	}
	n, err := daemon.Rebuild(ctx, *data, *natsURLs)
	if err != nil {
		fmt.Fprintf(stderr, "govwatch ledger rebuild: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stderr, "ledger rebuilt from %d messages: %s\n", n, daemon.LedgerPath(*data))
	return exitClean
}

func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: govwatch worker --config FILE --nats URLS [--slots N]\n\nRuns crawl slots only, taking jobs from the cluster's queue: more crawl capacity beside serve.")
		fs.PrintDefaults()
	}
	cfgPath := fs.String("config", "", "config `file` (YAML), the same as serve's")
	natsURLs := fs.String("nats", "", "NATS cluster `URLs` (nats://a:4222,nats://b:4222)")
	slots := fs.Int("slots", 2, "crawls run at once")
	if _, err := parseInterleaved(fs, args); err != nil {
		return usageError(err)
	}
	if *cfgPath == "" || *natsURLs == "" {
		fmt.Fprintln(stderr, "govwatch worker: give --config FILE and --nats URLS")
		return exitUsage
	}
	cfg, err := loadConfig(*cfgPath, nil)
	if err != nil {
		fmt.Fprintf(stderr, "govwatch worker: %v\n", err)
		return exitUsage
	}
	log := newLogger(stderr, true)
	defer log.Sync()
	err = daemon.Work(ctx, daemon.Options{Config: cfg, NATS: *natsURLs, Slots: *slots, Log: log, Version: version})
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(stderr, "govwatch worker: %v\n", err)
		return exitFailure
	}
	return exitClean
}

func runCrawl(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) < 2 || args[0] != "now" {
		fmt.Fprintln(stderr, "usage: govwatch crawl now SITE [--server http://127.0.0.1:9090]\n\nAsks a running serve to crawl a site at once.")
		return exitUsage
	}
	fs := flag.NewFlagSet("crawl now", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", "http://127.0.0.1:9090", "`URL` of serve's HTTP server")
	rest, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return usageError(err)
	}
	if len(rest) != 1 {
		fmt.Fprintln(stderr, "govwatch crawl now: name one site id")
		return exitUsage
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(*server, "/")+"/api/crawl/"+url.PathEscape(rest[0]), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "govwatch crawl now: %v (is serve running?)\n", err)
		return exitFailure
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusAccepted {
		fmt.Fprintf(stderr, "govwatch crawl now: %s", body)
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s", body)
	return exitClean
}
