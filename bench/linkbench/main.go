// Command linkbench runs govwatch and other link checkers on the same
// generated portal served on loopback, and prints how fast, how lean and how
// right each one is. See bench/README.md.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/govwatch/govwatch/bench/measure"
	"github.com/govwatch/govwatch/monitor/sampleportal"
)

type result struct {
	Tool     string   `json:"tool"`
	Version  string   `json:"version"`
	Wall     float64  `json:"wall_seconds"`
	PagesPS  float64  `json:"pages_per_second"`
	RSSMiB   float64  `json:"peak_rss_mib"`
	Found    int      `json:"planted_found"`
	Planted  int      `json:"planted"`
	False    int      `json:"false_reports"`
	Exact    bool     `json:"exact"`
	Note     string   `json:"note,omitempty"`
	reported []string // the broken URLs the tool printed
	falseEgs []string
}

func main() {
	measure.Main()
	pages := flag.Int("pages", 20000, "pages in the generated portal")
	conc := flag.Int("concurrency", 8, "concurrency for every tool that has the setting")
	tools := flag.String("tools", "govwatch,wget,linkchecker,linkinator", "tools to run, in order")
	timeout := flag.Duration("timeout", 20*time.Minute, "time limit per tool")
	govwatch := flag.String("govwatch", "bin/govwatch", "govwatch binary")
	linkinator := flag.String("linkinator", os.Getenv("LINKINATOR"), "linkinator's cli.js")
	jsonOut := flag.String("json", "", "also write the results as JSON to this file")
	flag.Parse()
	if abs, err := filepath.Abs(*govwatch); err == nil {
		*govwatch = abs // the tools run in temp dirs
	}

	srv, err := sampleportal.New(sampleportal.Options{Pages: *pages, Benchmark: true}).Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, "linkbench:", err)
		os.Exit(1)
	}
	defer srv.Close()
	truth := srv.Truth()
	planted := map[string]bool{}
	for _, l := range truth.Links {
		planted[canonical(l.Target)] = true
	}
	fmt.Printf("portal %s: %d pages, %d planted broken links, concurrency %d\n\n", srv.URL, srv.Pages(), len(planted), *conc)

	var results []result
	for _, name := range strings.Split(*tools, ",") {
		t, ok := toolByName(name, *govwatch, *linkinator, *conc)
		if !ok {
			fmt.Fprintf(os.Stderr, "linkbench: unknown tool %q\n", name)
			continue
		}
		fmt.Fprintf(os.Stderr, "running %s…\n", name)
		r := runTool(t, srv.URL, *timeout)
		if r.Note == "" {
			r.PagesPS = float64(srv.Pages()) / r.Wall
		}
		score(&r, planted)
		results = append(results, r)
	}
	printTable(os.Stdout, results)
	if *jsonOut != "" {
		b, _ := json.MarshalIndent(results, "", "  ")
		os.WriteFile(*jsonOut, b, 0o644)
	}
}

// runTool runs one checker as a child process and measures it.
func runTool(t tool, url string, limit time.Duration) (r result) {
	r = result{Tool: t.name, Version: t.version()}
	dir, err := os.MkdirTemp("", "linkbench-")
	if err != nil {
		r.Note = err.Error()
		return r
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	out, err := os.Create(dir + "/stdout")
	if err != nil {
		r.Note = err.Error()
		return r
	}
	m, err := measure.Run(ctx, t.args(url, dir), dir, out)
	out.Close()
	r.Wall, r.RSSMiB = m.Wall.Seconds(), m.RSSMiB
	switch {
	case err != nil:
		r.Note = err.Error()
		return r
	case m.TimedOut:
		r.Note = "timed out"
	case m.ExitCode == -1:
		r.Note = "did not start"
		return r
	}
	text, _ := os.ReadFile(dir + "/stdout")
	if logText, err := os.ReadFile(dir + "/log"); err == nil {
		text = logText
	}
	r.reported = t.parse(string(text))
	return r
}
