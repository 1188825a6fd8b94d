package ledger

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// Record upserts the findings of one crawl by id, all in one transaction:
//   - a new id is open, first seen and last seen at the finding's LastSeen;
//   - a known open or reopened id gets its last_seen, severity, unit, title,
//     evidence and detail refreshed;
//   - a rectified id seen after its rectification is reopened, with a
//     history row naming crawlID.
//
// A finding not newer than what the ledger holds changes nothing, which makes
// redelivery (the same message twice, or an old one after a newer crawl)
// harmless. The ledger stores the evidence it is given; masking is the
// checks' job. Either the whole batch is applied or, on any error, none of it.
func (l *Ledger) Record(ctx context.Context, crawlID string, fs []checks.Finding) error {
	if len(fs) == 0 {
		return nil
	}
	batch, err := encodeBatch(fs, time.Now())
	if err != nil {
		return l.fail("record", err)
	}
	tx, err := l.writer.BeginTx(ctx, nil)
	if err != nil {
		return l.fail("record", err)
	}
	defer tx.Rollback()

	// History rows first, while the rows still say "rectified".
	if _, err := tx.ExecContext(ctx, reopenEventsSQL, crawlID, batch.seen); err != nil {
		return l.fail("record", err)
	}
	// Multi-row upserts: one statement per finding spends most of its time
	// crossing database/sql and the driver rather than in SQLite.
	for rows := batch.rows; len(rows) > 0; {
		n := min(len(rows), upsertChunk)
		args := make([]any, 0, n*len(rows[0]))
		for _, r := range rows[:n] {
			args = append(args, r...)
			args = append(args, crawlID)
		}
		var err error
		if n == upsertChunk {
			// Compiling 1,300 parameters costs as much as running them:
			// full chunks use the statement prepared at Open.
			_, err = tx.StmtContext(ctx, l.upsertChunk).ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, upsertSQL(n), args...)
		}
		if err != nil {
			return l.fail("record", err)
		}
		rows = rows[n:]
	}
	if err := tx.Commit(); err != nil {
		return l.fail("record", err)
	}
	return nil
}

// reopenEventsSQL writes a "reopened" row for each rectified finding seen
// after its rectification. Parameters: crawl id, the batch's sightings as a
// JSON object {id: seen}, which json_each yields as key and integer value
// without further parsing.
const reopenEventsSQL = `
INSERT INTO events (finding_id, status, crawl_id, at)
SELECT f.id, 'reopened', ?1, b.value
FROM json_each(?2) AS b
JOIN findings AS f ON f.id = b.key
WHERE f.status = 'rectified' AND b.value > f.rectified_at`

// upsertChunk is how many findings go in one INSERT: 13 parameters each,
// well under SQLite's 32766. The parameters are anonymous (?): the driver
// looks numbered ones (?NNN) up by name, which is quadratic in their count.
const upsertChunk = 100

// upsertSQLs caches the statement text by row count.
var upsertSQLs sync.Map

// upsertSQL inserts n new findings and refreshes known ones that this batch
// saw later than the ledger did; the WHERE of the update is what makes
// redelivery a no-op. Parameters: 13 per finding (see encodeBatch).
func upsertSQL(n int) string {
	if s, ok := upsertSQLs.Load(n); ok {
		return s.(string)
	}
	var sb strings.Builder
	sb.WriteString(`INSERT INTO findings (id, check_id, severity, site, unit, url, target, title, evidence, detail,
	last_seen, first_seen, first_crawl, status) VALUES `)
	for i := range n {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')")
	}
	sb.WriteString(`
ON CONFLICT (id) DO UPDATE SET
	severity = excluded.severity, unit = excluded.unit, title = excluded.title,
	evidence = excluded.evidence, detail = excluded.detail, last_seen = excluded.last_seen,
	status = CASE status WHEN 'rectified' THEN 'reopened' ELSE status END,
	rectified_at = NULL
WHERE excluded.last_seen > findings.last_seen
	AND (findings.status <> 'rectified' OR excluded.last_seen > findings.rectified_at)`)
	upsertSQLs.Store(n, sb.String())
	return sb.String()
}

// encodedBatch is a batch ready for the statements: rows of upsert
// parameters, and {id: seen} as JSON for the reopen check.
type encodedBatch struct {
	rows [][]any
	seen string
}

// encodeBatch turns findings into statement parameters. An id twice in the
// batch is kept once, so that the set-based statements see each id once: with
// the fields of its latest sighting (the first of equals), and for a new id
// first seen at its earliest, as recording them one by one would give. (One
// difference: a rectified id seen twice is reopened at the later sighting.)
func encodeBatch(fs []checks.Finding, now time.Time) (encodedBatch, error) {
	latest := make(map[string]int, len(fs)) // id → index in rows
	seen := make(map[string]int64, len(fs))
	rows := make([][]any, 0, len(fs))
	for i := range fs {
		f := &fs[i]
		if f.ID == "" {
			return encodedBatch{}, fmt.Errorf("finding %d (%s %s): no id", i, f.Check, f.URL)
		}
		at := seenAt(f, now)
		if prev, ok := seen[f.ID]; ok && at <= prev {
			row := rows[latest[f.ID]]
			row[11] = min(row[11].(int64), at) // first_seen
			continue
		}
		detail, err := encodeDetail(f.Detail)
		if err != nil {
			return encodedBatch{}, fmt.Errorf("finding %d (%s): %w", i, f.ID, err)
		}
		row := []any{f.ID, f.Check, string(f.Severity), f.Site, f.Unit, f.URL, f.Target,
			f.Title, f.Evidence, detail, at, at} // last_seen, first_seen; + first_crawl
		seen[f.ID] = at
		if j, ok := latest[f.ID]; ok {
			row[11] = rows[j][11] // the earlier first_seen
			rows[j] = row
		} else {
			latest[f.ID] = len(rows)
			rows = append(rows, row)
		}
	}
	seenJSON, err := json.Marshal(seen)
	return encodedBatch{rows: rows, seen: string(seenJSON)}, err
}

// seenAt is when the crawl saw the finding: its LastSeen, else its FirstSeen,
// else now (a caller that did not stamp it).
func seenAt(f *checks.Finding, now time.Time) int64 {
	switch {
	case !f.LastSeen.IsZero():
		return nanos(f.LastSeen)
	case !f.FirstSeen.IsZero():
		return nanos(f.FirstSeen)
	}
	return nanos(now)
}

// encodeDetail gives the detail map as JSON text, or nil (SQL NULL) when empty.
func encodeDetail(d map[string]any) (any, error) {
	if len(d) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("detail: %w", err)
	}
	return string(b), nil
}

// fail names the file and the operation in an error.
func (l *Ledger) fail(op string, err error) error {
	return fmt.Errorf("ledger %s: %s: %w", l.path, op, explain(err))
}
