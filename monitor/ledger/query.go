package ledger

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// Query selects findings. Empty fields do not filter; Since keeps findings
// first seen at or after it; Limit 0 means no limit.
type Query struct {
	Site, Unit, Check, Severity, Status string
	Since                               time.Time
	Limit, Offset                       int
}

// Entry is a finding with its ledger status: open, rectified or reopened.
// RectifiedAt is set while the status is rectified.
type Entry struct {
	checks.Finding
	Status string
}

// Event is one status change of a finding: open when first seen, rectified,
// reopened, with the crawl that caused it.
type Event struct {
	FindingID, Status, CrawlID string
	At                         time.Time
}

// Count is the number of open (open or reopened) findings of one site, unit,
// check and severity.
type Count struct {
	Site, Unit, Check, Severity string
	Open                        int
}

// Findings returns the findings matching q, ordered by site, check,
// first_seen, id.
func (l *Ledger) Findings(ctx context.Context, q Query) ([]Entry, error) {
	var where []string
	var args []any
	eq := func(col, v string) {
		if v != "" {
			where = append(where, col+" = ?")
			args = append(args, v)
		}
	}
	switch q.Status {
	case "", StatusOpen, StatusRectified, StatusReopened:
	default:
		return nil, fmt.Errorf("ledger: unknown status %q (want open, rectified or reopened)", q.Status)
	}
	eq("site", q.Site)
	eq("unit", q.Unit)
	eq("check_id", q.Check)
	eq("severity", q.Severity)
	eq("status", q.Status)
	if !q.Since.IsZero() {
		where = append(where, "first_seen >= ?")
		args = append(args, nanos(q.Since))
	}

	var sb strings.Builder
	sb.WriteString(`SELECT id, check_id, severity, site, unit, url, target, title, evidence, detail,
		first_seen, last_seen, rectified_at, status FROM findings`)
	if len(where) > 0 {
		sb.WriteString(" WHERE " + strings.Join(where, " AND "))
	}
	sb.WriteString(" ORDER BY site, check_id, first_seen, id")
	if q.Limit > 0 || q.Offset > 0 {
		limit := q.Limit
		if limit <= 0 {
			limit = -1 // SQLite: no limit
		}
		sb.WriteString(" LIMIT ? OFFSET ?")
		args = append(args, limit, max(q.Offset, 0))
	}

	rows, err := l.reader.QueryContext(ctx, sb.String(), args...)
	if err != nil {
		return nil, l.fail("findings", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, l.fail("findings", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, l.fail("findings", err)
	}
	return out, nil
}

func scanEntry(rows *sql.Rows) (Entry, error) {
	var e Entry
	var severity string
	var detail sql.NullString
	var first, last int64
	var rectified sql.NullInt64
	err := rows.Scan(&e.ID, &e.Check, &severity, &e.Site, &e.Unit, &e.URL, &e.Target, &e.Title, &e.Evidence,
		&detail, &first, &last, &rectified, &e.Status)
	if err != nil {
		return e, err
	}
	e.Severity = checks.Severity(severity)
	e.FirstSeen = fromNanos(first)
	e.LastSeen = fromNanos(last)
	if rectified.Valid {
		t := fromNanos(rectified.Int64)
		e.RectifiedAt = &t
	}
	if detail.Valid {
		if err := json.Unmarshal([]byte(detail.String), &e.Detail); err != nil {
			return e, fmt.Errorf("finding %s: detail: %w", e.ID, err)
		}
	}
	return e, nil
}

// History returns the status changes of one finding, oldest first.
func (l *Ledger) History(ctx context.Context, findingID string) ([]Event, error) {
	// The first sighting is kept on the finding itself (see schema.go).
	rows, err := l.reader.QueryContext(ctx, `
		SELECT id, 'open', first_crawl, first_seen, 0 FROM findings WHERE id = ?
		UNION ALL
		SELECT finding_id, status, crawl_id, at, seq FROM events WHERE finding_id = ?
		ORDER BY 5`, findingID, findingID)
	if err != nil {
		return nil, l.fail("history", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var ev Event
		var at int64
		var seq int64
		if err := rows.Scan(&ev.FindingID, &ev.Status, &ev.CrawlID, &at, &seq); err != nil {
			return nil, l.fail("history", err)
		}
		ev.At = fromNanos(at)
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, l.fail("history", err)
	}
	return out, nil
}

// OpenCounts returns the open and reopened findings counted by site, unit,
// check and severity: the gauges of the metrics endpoint.
func (l *Ledger) OpenCounts(ctx context.Context) ([]Count, error) {
	rows, err := l.reader.QueryContext(ctx, `SELECT site, unit, check_id, severity, COUNT(*) FROM findings
		WHERE status <> 'rectified' -- as in the partial index findings_open
		GROUP BY site, unit, check_id, severity
		ORDER BY site, unit, check_id, severity`)
	if err != nil {
		return nil, l.fail("open counts", err)
	}
	defer rows.Close()
	var out []Count
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Site, &c.Unit, &c.Check, &c.Severity, &c.Open); err != nil {
			return nil, l.fail("open counts", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, l.fail("open counts", err)
	}
	return out, nil
}

// Rectification gives the quarterly notice's 整改率 for site (all sites when
// empty): found is the findings first seen in [from, to); rectified is how
// many of those stood rectified at `to`, that is, whose last status change
// before `to` was a rectification (rectified and then reopened does not count).
func (l *Ledger) Rectification(ctx context.Context, site string, from, to time.Time) (found, rectified int, err error) {
	toN := nanos(to)
	// No event before `to` means the finding was still open then.
	err = l.reader.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(
			(SELECT e.status FROM events e WHERE e.finding_id = f.id AND e.at < ?
			 ORDER BY e.at DESC, e.seq DESC LIMIT 1) IS 'rectified'), 0)
		FROM findings f
		WHERE (? = '' OR f.site = ?) AND f.first_seen >= ? AND f.first_seen < ?`,
		toN, site, site, nanos(from), toN).Scan(&found, &rectified)
	if err != nil {
		return 0, 0, l.fail("rectification", err)
	}
	return found, rectified, nil
}
