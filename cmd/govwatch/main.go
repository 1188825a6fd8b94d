// Command govwatch inspects government portals and new-media accounts the
// way the national inspection rules do. See README.md for a tour.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes, like a linter's.
const (
	exitClean    = 0 // ran, found nothing
	exitFindings = 1 // ran, found problems
	exitUsage    = 2 // bad flags or config
	exitFailure  = 3 // could not do the job
)

type command struct {
	name  string
	short string
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"check", "crawl sites once and print their findings", runCheck},
		{"serve", "run the daemon: scheduled crawls, the ledger, /metrics and the API", runServe},
		{"crawl", "crawl now SITE: ask a running serve to crawl a site at once", runCrawl},
		{"worker", "run crawl slots only, taking jobs from a NATS cluster", runWorker},
		{"findings", "list findings from the ledger", runFindings},
		{"ledger", "ledger rebuild: replay the findings stream into a fresh ledger", runLedger},
		{"demo", "serve the bundled sample portal, check it and compare with its ground truth", runDemo},
		{"sample-portal", "serve the bundled sample portal (for benchmarks and trying things out)", runSamplePortal},
		{"version", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitClean
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "govwatch: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: govwatch <command> [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, c.short)
	}
	fmt.Fprintln(w, "\nRun 'govwatch <command> -h' for a command's flags.")
}
