// Package ledger keeps the findings ledger: every problem a crawl has seen,
// tracked by its stable id from first seen, through rectified (已整改) when a
// complete crawl no longer sees it, to reopened when it comes back.
//
// The ledger is one SQLite file (modernc.org/sqlite, no cgo) in WAL mode. All
// writes go through a single connection, so batches never contend with each
// other; reads use a separate pool, so the console, the API and the findings
// command can query while the daemon records. The ledger is derived state:
// the findings stream is the record, and replaying it rebuilds the same ledger.
package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Statuses of a finding in the ledger.
const (
	StatusOpen      = "open"
	StatusRectified = "rectified"
	StatusReopened  = "reopened"
)

// busyTimeoutMillis is how long a connection waits for a lock held by another
// process (a second govwatch against the same file, a backup) before failing.
const busyTimeoutMillis = 10000

// writerCacheKiB is the writer's page cache. The default 2 MB spills a batch
// of random-id inserts to the WAL before commit, which costs several times
// the inserts themselves.
const writerCacheKiB = 64 << 10

// The writer also keeps temp_store in memory: a multi-row upsert needs a
// statement journal, which otherwise is a temp file written page by page.

// walCheckpointPages is how many WAL pages trigger a checkpoint (default
// 1,000). Batches of random ids dirty pages all over the id index; a larger
// WAL rewrites each of them into the database less often and fsyncs less,
// about 1.5x the Record throughput on this disk. journal_size_limit then
// truncates the WAL back after a checkpoint.
const (
	walCheckpointPages = 10000
	walSizeLimitBytes  = 64 << 20
)

// readerConns bounds the read pool; WAL lets all of them read while the
// writer writes.
const readerConns = 4

// Ledger is an open findings ledger. Its methods are safe for concurrent use.
type Ledger struct {
	path   string
	writer *sql.DB // exactly one connection: SQLite allows one writer at a time
	reader *sql.DB // query_only connections

	upsertChunk *sql.Stmt // upsertSQL(upsertChunk), on the writer
}

// Open opens the ledger at path, creating the file and bringing its schema
// up to date. Errors name the file.
func Open(path string) (*Ledger, error) {
	if path == "" {
		return nil, errors.New("ledger: empty path")
	}
	if strings.ContainsAny(path, "?#") {
		// The driver reads everything after '?' as connection parameters.
		return nil, fmt.Errorf("ledger %s: path must not contain '?' or '#'", path)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("ledger %s: is a directory, want a file", path)
	}
	if err := checkDir(path); err != nil {
		return nil, err
	}

	// synchronous=NORMAL in WAL mode cannot corrupt the file; at worst a power
	// cut loses the last transactions, which a replay of the stream restores.
	writerDSN := path + fmt.Sprintf("?_busy_timeout=%d&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate"+
		"&_pragma=cache_size(%d)&_pragma=temp_store(MEMORY)"+
		"&_pragma=wal_autocheckpoint(%d)&_pragma=journal_size_limit(%d)",
		busyTimeoutMillis, -writerCacheKiB, walCheckpointPages, walSizeLimitBytes)
	writer, err := sql.Open("sqlite", writerDSN)
	if err != nil {
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)

	ctx := context.Background()
	if err := migrate(ctx, writer); err != nil {
		writer.Close()
		return nil, fmt.Errorf("ledger %s: %w", path, explain(err))
	}

	upsert, err := writer.PrepareContext(ctx, upsertSQL(upsertChunk))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}

	readerDSN := path + fmt.Sprintf("?_busy_timeout=%d&_query_only=1", busyTimeoutMillis)
	reader, err := sql.Open("sqlite", readerDSN)
	if err != nil {
		upsert.Close()
		writer.Close()
		return nil, fmt.Errorf("ledger %s: %w", path, err)
	}
	reader.SetMaxOpenConns(readerConns)
	reader.SetMaxIdleConns(readerConns)
	if err := reader.PingContext(ctx); err != nil {
		upsert.Close()
		writer.Close()
		reader.Close()
		return nil, fmt.Errorf("ledger %s: %w", path, explain(err))
	}
	return &Ledger{path: path, writer: writer, reader: reader, upsertChunk: upsert}, nil
}

// Path is the file the ledger lives in.
func (l *Ledger) Path() string { return l.path }

// Close closes both connection pools.
func (l *Ledger) Close() error {
	return errors.Join(l.upsertChunk.Close(), l.reader.Close(), l.writer.Close())
}

// checkDir gives a clearer error than SQLite's "unable to open database file"
// when the directory is missing or not writable (WAL needs to create the -wal
// and -shm files beside the database even when the database exists).
func checkDir(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("ledger %s: directory: %w", path, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("ledger %s: %s is not a directory", path, dir)
	}
	probe, err := os.CreateTemp(dir, ".ledger-probe-*")
	if err != nil {
		return fmt.Errorf("ledger %s: directory %s is not writable: %w", path, dir, err)
	}
	name := probe.Name()
	probe.Close()
	os.Remove(name)
	return nil
}

// explain adds what an operator should know to SQLite's terser messages.
func explain(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "file is not a database"):
		return fmt.Errorf("not a SQLite database (corrupt, or some other file): %w", err)
	case strings.Contains(msg, "database or disk is full"):
		return fmt.Errorf("disk full, the transaction was rolled back (nothing of it written): %w", err)
	}
	return err
}

// nanos and fromNanos are how times are stored: unix nanoseconds in UTC,
// which round-trip exactly and sort as integers.
func nanos(t time.Time) int64 { return t.UnixNano() }

func fromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }
