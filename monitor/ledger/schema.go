package ledger

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations bring the schema from version i to i+1; PRAGMA user_version is
// the index of the next one to run. Append only: never edit a released step.
var migrations = []string{
	// 1: findings, their status history, and the crawls that closed.
	`
CREATE TABLE findings (
	id           TEXT NOT NULL UNIQUE,
	check_id     TEXT NOT NULL,
	severity     TEXT NOT NULL,
	site         TEXT NOT NULL,
	unit         TEXT NOT NULL,
	url          TEXT NOT NULL,
	target       TEXT NOT NULL,
	title        TEXT NOT NULL,
	evidence     TEXT NOT NULL,
	detail       TEXT,              -- JSON object, NULL when the check gave none
	first_seen   INTEGER NOT NULL,  -- unix nanoseconds, UTC
	first_crawl  TEXT NOT NULL,     -- the crawl that saw it first: History's "open" event
	last_seen    INTEGER NOT NULL,
	rectified_at INTEGER,           -- set while status is rectified
	status       TEXT NOT NULL CHECK (status IN ('open', 'rectified', 'reopened'))
);
-- A rowid table, not WITHOUT ROWID on id: rows are wide and ids are random
-- hashes, so inserts append to the table and only the narrow id index takes
-- random page writes. Every index with random keys costs a batch its dirty
-- pages, so only the id index has them.
-- (No id at the end: within one crawl first_seen is shared, and id would
-- scatter the inserts.)
CREATE INDEX findings_by_site ON findings (site, check_id, first_seen);
-- OpenCounts (each metrics scrape) reads this instead of the wide rows. Its
-- keys repeat, so inserts append; it costs Record little.
CREATE INDEX findings_open ON findings (site, unit, check_id, severity) WHERE status <> 'rectified';

-- Status changes after the first sighting (rectified, reopened). The first
-- sighting is not repeated here: it is first_seen/first_crawl of the finding,
-- and writing it for every new finding would double the random writes.
CREATE TABLE events (
	seq        INTEGER PRIMARY KEY,  -- tells apart events at the same instant
	finding_id TEXT NOT NULL,
	status     TEXT NOT NULL CHECK (status IN ('rectified', 'reopened')),
	crawl_id   TEXT NOT NULL,
	at         INTEGER NOT NULL
);
CREATE INDEX events_by_finding ON events (finding_id, at);

-- One row per closed crawl, so that a redelivered crawl-done is a no-op.
CREATE TABLE crawls (
	crawl_id  TEXT PRIMARY KEY,
	site      TEXT NOT NULL,
	complete  INTEGER NOT NULL,
	rectified INTEGER NOT NULL,
	at        INTEGER NOT NULL
) WITHOUT ROWID;
`,
}

// migrate runs the migrations the file has not seen, each in its own
// transaction together with the user_version bump, so a failure leaves the
// file at the last complete version.
func migrate(ctx context.Context, db *sql.DB) error {
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this govwatch knows (%d): upgrade govwatch", version, len(migrations))
	}
	for v := version; v < len(migrations); v++ {
		if err := runMigration(ctx, db, v); err != nil {
			return fmt.Errorf("migrating schema to version %d: %w", v+1, err)
		}
	}
	return nil
}

func runMigration(ctx context.Context, db *sql.DB, v int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return err
	}
	// PRAGMA takes no bound parameters; v is our own integer.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return err
	}
	return tx.Commit()
}
