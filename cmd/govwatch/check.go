package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/config"
	"github.com/govwatch/govwatch/monitor/crawl"
	"github.com/govwatch/govwatch/monitor/inspect"
	"github.com/govwatch/govwatch/notify/format"
)

// checkFlags are the flags of `govwatch check`, shared with demo.
type checkFlags struct {
	config   string
	format   string
	now      string
	checks   string
	progress string
	verbose  bool
	workers  int
	perHost  int
	rate     float64
	timeout  time.Duration
	external bool
	data     string
	maxPages int
}

func (f *checkFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "config `file` (YAML); without it, give a site URL")
	fs.StringVar(&f.format, "format", format.Table, "output: table, jsonl or json")
	fs.StringVar(&f.now, "now", "", "judgement `date` (2025-01-15); default today")
	fs.StringVar(&f.checks, "checks", "", "comma-separated check `families` to run (default all: "+strings.Join(inspect.Families(), ",")+")")
	fs.StringVar(&f.progress, "progress", "auto", "progress bar on stderr: auto (when a terminal), always, never")
	fs.BoolVar(&f.verbose, "v", false, "log each site's crawl to stderr")
	fs.IntVar(&f.workers, "workers", 0, "fetches in flight per crawl (overrides config)")
	fs.IntVar(&f.perHost, "per-host", 0, "concurrent requests per host (overrides config)")
	fs.Float64Var(&f.rate, "rate", -1, "requests per second per host, 0 unlimited (overrides config)")
	fs.DurationVar(&f.timeout, "timeout", 0, "timeout of one request (overrides config; default 15s)")
	fs.BoolVar(&f.external, "external", true, "check links to other sites")
	fs.IntVar(&f.maxPages, "max-pages", 0, "pages to read per site (overrides config; default 50000)")
	fs.StringVar(&f.data, "data", "", "`dir` for state kept between runs (ETag/Last-Modified of checked links)")
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: govwatch check [flags] (--config FILE | URL)\n\nCrawls each site once and prints its findings. Exit code: 0 clean, 1 findings, 2 usage or config error, 3 failure.")
		fs.PrintDefaults()
	}
	var f checkFlags
	f.register(fs)
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return usageError(err)
	}
	cfg, err := loadConfig(f.config, rest)
	if err != nil {
		fmt.Fprintf(stderr, "govwatch check: %v\n", err)
		return exitUsage
	}
	now, err := parseNow(f.now)
	if err != nil {
		fmt.Fprintf(stderr, "govwatch check: %v\n", err)
		return exitUsage
	}
	f.override(cfg)
	findings, sites, err := inspectOnce(ctx, cfg, now, f, stderr)
	var usage usageErr
	if errors.As(err, &usage) {
		fmt.Fprintf(stderr, "govwatch check: %v\n", err)
		return exitUsage
	}
	if werr := writeFindings(stdout, stderr, f.format, findings, sites); werr != nil {
		fmt.Fprintf(stderr, "govwatch check: %v\n", werr)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(stderr, "govwatch check: %v\n", err)
		return exitFailure
	}
	if len(findings) > 0 {
		return exitFindings
	}
	return exitClean
}

// usageErr marks an error in what the user asked for (exit 2), as opposed
// to a failure of the inspection itself (exit 3).
type usageErr struct{ error }

// inspectOnce runs the checks over every site, collecting findings.
func inspectOnce(ctx context.Context, cfg *config.Config, now time.Time, f checkFlags, stderr io.Writer) ([]checks.Finding, []*checks.Site, error) {
	var families []string
	if f.checks != "" {
		families = strings.Split(f.checks, ",")
	}
	if _, err := inspect.Checks(cfg, families); err != nil {
		return nil, nil, usageErr{err}
	}
	var validators *crawl.Validators
	validatorsPath := ""
	if f.data != "" {
		if err := os.MkdirAll(f.data, 0o755); err != nil {
			return nil, nil, err
		}
		validatorsPath = filepath.Join(f.data, "validators.json")
		v, err := crawl.LoadValidators(validatorsPath)
		if err != nil {
			return nil, nil, err
		}
		validators = v
	}
	progress := &crawl.Progress{}
	bar := startProgress(progress, stderr, f.progress)
	var mu sync.Mutex
	var findings []checks.Finding
	collect := checks.ReporterFunc(func(x checks.Finding) {
		mu.Lock()
		findings = append(findings, x)
		mu.Unlock()
	})
	sites, err := inspect.Run(ctx, cfg, now, collect, inspect.Options{
		Checks: families, Log: newLogger(stderr, f.verbose), Progress: progress, Validators: validators,
	})
	bar.Stop()
	if validators != nil {
		err = errors.Join(err, validators.Save(validatorsPath))
	}
	return findings, sites, err
}

// override applies the command-line crawl settings over every site's.
func (f checkFlags) override(cfg *config.Config) {
	for i := range cfg.Sites {
		if f.maxPages > 0 {
			cfg.Sites[i].MaxPages = f.maxPages
		}
		c := &cfg.Sites[i].Crawl
		if f.workers > 0 {
			c.Workers = f.workers
		}
		if f.perHost > 0 {
			c.PerHost = f.perHost
		}
		if f.rate >= 0 {
			c.Rate = f.rate
		}
		if f.timeout > 0 {
			c.Timeout = f.timeout
		}
		if !f.external {
			c.CheckExternal = false
		}
	}
}

func loadConfig(path string, rest []string) (*config.Config, error) {
	switch {
	case path != "" && len(rest) > 0:
		return nil, fmt.Errorf("give either --config or a URL, not both")
	case path != "":
		return config.Load(path)
	case len(rest) == 1:
		return config.ForURL(rest[0])
	case len(rest) > 1:
		return nil, fmt.Errorf("one URL at a time (got %d); list several sites in a config file", len(rest))
	}
	return nil, fmt.Errorf("give --config FILE or a site URL")
}

// parseNow reads --now; empty means the real clock.
func parseNow(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	china := time.FixedZone("CST", 8*3600)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, china); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("--now %q is not a date like 2025-01-15", s)
}

// parseInterleaved lets flags follow positional arguments
// (govwatch check https://… --format jsonl), which package flag alone does not.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func usageError(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitClean
	}
	return exitUsage
}

func newLogger(w io.Writer, verbose bool) *zap.Logger {
	level := zapcore.WarnLevel
	if verbose {
		level = zapcore.InfoLevel
	}
	enc := zap.NewDevelopmentEncoderConfig()
	enc.EncodeTime = zapcore.ISO8601TimeEncoder
	core := zapcore.NewCore(zapcore.NewConsoleEncoder(enc), zapcore.AddSync(w), level)
	return zap.New(core)
}

// writeFindings prints the findings on stdout and the crawl summary on stderr.
func writeFindings(stdout, stderr io.Writer, name string, fs []checks.Finding, sites []*checks.Site) error {
	format.Sort(fs)
	if err := format.Write(stdout, name, fs); err != nil {
		return err
	}
	printSummary(stderr, sites, fs)
	return nil
}

// printSummary tells what was crawled, on stderr, so stdout stays the findings.
func printSummary(w io.Writer, sites []*checks.Site, fs []checks.Finding) {
	byCheck := map[string]int{}
	for _, f := range fs {
		byCheck[f.Check]++
	}
	for _, s := range sites {
		blocked := 0
		for _, l := range s.Links {
			if l.Outcome == checks.OutcomeBlocked {
				blocked++
			}
		}
		state := "完整"
		if !s.Complete {
			state = "未完成（达到上限或被取消）"
		}
		fmt.Fprintf(w, "\n站点 %s：页面 %d，链接 %d，栏目 %d，用时 %s，抓取%s\n", s.ID, s.Pages, s.LinksChecked, len(s.Columns),
			s.Finished.Sub(s.Started).Round(time.Millisecond), state)
		if blocked > 0 {
			fmt.Fprintf(w, "  被反爬虫拦截 %d 个链接（不计为死链）\n", blocked)
		}
		if len(s.Skipped) > 0 {
			fmt.Fprintf(w, "  跳过 %d 个地址，例如 %s（%s）\n", len(s.Skipped), s.Skipped[0].URL, s.Skipped[0].Reason)
		}
	}
	parts := make([]string, 0, len(byCheck))
	for _, c := range slices.Sorted(maps.Keys(byCheck)) {
		parts = append(parts, fmt.Sprintf("%s %d", c, byCheck[c]))
	}
	fmt.Fprintf(w, "发现问题 %d 个 %s\n", len(fs), strings.Join(parts, "，"))
}
