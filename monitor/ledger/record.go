package ledger

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// Record upserts the findings of one crawl by id, all in one transaction:
//   - a new id is open, first seen and last seen at the finding's LastSeen;
//   - a known open or reopened id gets its last_seen, title, evidence and
//     detail refreshed;
//   - a rectified id seen after its rectification is reopened.
//
// A finding not newer than what the ledger holds changes nothing, which makes
// redelivery (the same message twice, or an old one after a newer crawl)
// harmless. The ledger stores the evidence it is given; masking is the
// checks' job.
func (l *Ledger) Record(ctx context.Context, crawlID string, fs []checks.Finding) error {
	if len(fs) == 0 {
		return nil
	}
	now := time.Now()
	tx, err := l.writer.BeginTx(ctx, nil)
	if err != nil {
		return l.fail("record", err)
	}
	defer tx.Rollback()

	st, err := prepareRecord(ctx, tx)
	if err != nil {
		return l.fail("record", err)
	}
	defer st.close()

	for i := range fs {
		if err := st.record(ctx, crawlID, &fs[i], now); err != nil {
			return l.fail("record", fmt.Errorf("finding %d (%s): %w", i, fs[i].ID, err))
		}
	}
	if err := tx.Commit(); err != nil {
		return l.fail("record", err)
	}
	return nil
}

// fail names the file and the operation in an error.
func (l *Ledger) fail(op string, err error) error {
	return fmt.Errorf("ledger %s: %s: %w", l.path, op, explain(err))
}

// recordStmts are the statements of one Record transaction, prepared once per
// batch rather than once per finding.
type recordStmts struct {
	state, insert, refresh, reopen, event *sql.Stmt
}

func prepareRecord(ctx context.Context, tx *sql.Tx) (*recordStmts, error) {
	var st recordStmts
	queries := []struct {
		dst **sql.Stmt
		sql string
	}{
		{&st.state, `SELECT status, last_seen, rectified_at FROM findings WHERE id = ?`},
		{&st.insert, `INSERT INTO findings
			(id, check_id, severity, site, unit, url, target, title, evidence, detail, first_seen, first_crawl, last_seen, status)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')`},
		{&st.refresh, `UPDATE findings SET severity = ?, unit = ?, title = ?, evidence = ?, detail = ?, last_seen = ?
			WHERE id = ?`},
		{&st.reopen, `UPDATE findings SET severity = ?, unit = ?, title = ?, evidence = ?, detail = ?, last_seen = ?,
			status = 'reopened', rectified_at = NULL WHERE id = ?`},
		{&st.event, `INSERT INTO events (finding_id, status, crawl_id, at) VALUES (?, ?, ?, ?)`},
	}
	for _, q := range queries {
		s, err := tx.PrepareContext(ctx, q.sql)
		if err != nil {
			st.close()
			return nil, err
		}
		*q.dst = s
	}
	return &st, nil
}

func (st *recordStmts) close() {
	for _, s := range []*sql.Stmt{st.state, st.insert, st.refresh, st.reopen, st.event} {
		if s != nil {
			s.Close()
		}
	}
}

func (st *recordStmts) record(ctx context.Context, crawlID string, f *checks.Finding, now time.Time) error {
	if f.ID == "" {
		return errors.New("finding has no id")
	}
	seen := seenAt(f, now)
	detail, err := encodeDetail(f.Detail)
	if err != nil {
		return err
	}

	var status string
	var lastSeen int64
	var rectifiedAt sql.NullInt64
	err = st.state.QueryRowContext(ctx, f.ID).Scan(&status, &lastSeen, &rectifiedAt)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = st.insert.ExecContext(ctx, f.ID, f.Check, string(f.Severity), f.Site, f.Unit, f.URL, f.Target,
			f.Title, f.Evidence, detail, seen, crawlID, seen)
		return err
	case err != nil:
		return err
	case status == StatusRectified:
		// Only a sighting after the rectification reopens: an old message
		// redelivered after a later complete crawl must not.
		if rectifiedAt.Valid && seen <= rectifiedAt.Int64 {
			return nil
		}
		_, err = st.reopen.ExecContext(ctx, string(f.Severity), f.Unit, f.Title, f.Evidence, detail, seen, f.ID)
		if err != nil {
			return err
		}
		_, err = st.event.ExecContext(ctx, f.ID, StatusReopened, crawlID, seen)
		return err
	case seen > lastSeen:
		_, err = st.refresh.ExecContext(ctx, string(f.Severity), f.Unit, f.Title, f.Evidence, detail, seen, f.ID)
		return err
	}
	return nil // not newer than what we hold: a redelivery
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

// CompleteCrawl closes crawl crawlID of site. When complete is true, every
// open or reopened finding of the site whose check is in checksRun and whose
// id is not in seen becomes rectified at `at`, with a history row naming the
// crawl. An incomplete crawl (cancelled, capped) proves nothing about the
// pages it did not reach, so it rectifies nothing. A crawlID closed before is
// a redelivery: it changes nothing and reports the count of the first close.
func (l *Ledger) CompleteCrawl(ctx context.Context, crawlID, site string, checksRun []string, seen []string, complete bool, at time.Time) (rectified int, err error) {
	if crawlID == "" {
		return 0, errors.New("ledger: CompleteCrawl: empty crawl id")
	}
	tx, err := l.writer.BeginTx(ctx, nil)
	if err != nil {
		return 0, l.fail("complete crawl", err)
	}
	defer tx.Rollback()

	var prior int
	err = tx.QueryRowContext(ctx, `SELECT rectified FROM crawls WHERE crawl_id = ?`, crawlID).Scan(&prior)
	if err == nil {
		return prior, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, l.fail("complete crawl", err)
	}

	if complete && len(checksRun) > 0 {
		rectified, err = rectifyUnseen(ctx, tx, crawlID, site, checksRun, seen, at)
		if err != nil {
			return 0, l.fail("complete crawl", err)
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO crawls (crawl_id, site, complete, rectified, at) VALUES (?, ?, ?, ?, ?)`,
		crawlID, site, complete, rectified, nanos(at))
	if err != nil {
		return 0, l.fail("complete crawl", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, l.fail("complete crawl", err)
	}
	return rectified, nil
}

// rectifyUnseen writes the history rows and then flips the status, both
// selecting with the same condition inside one transaction. The id and check
// lists go in as JSON arrays so that 100,000 seen ids are one bound parameter.
// A finding last seen after `at` was seen by a later crawl and stays open.
func rectifyUnseen(ctx context.Context, tx *sql.Tx, crawlID, site string, checksRun, seen []string, at time.Time) (int, error) {
	if seen == nil {
		seen = []string{} // json "null" would make NOT IN match nothing
	}
	checksJSON, err := json.Marshal(checksRun)
	if err != nil {
		return 0, err
	}
	seenJSON, err := json.Marshal(seen)
	if err != nil {
		return 0, err
	}
	const unseen = `site = ? AND status IN ('open', 'reopened') AND last_seen <= ?
		AND check_id IN (SELECT value FROM json_each(?))
		AND id NOT IN (SELECT value FROM json_each(?))`
	atN := nanos(at)
	_, err = tx.ExecContext(ctx, `INSERT INTO events (finding_id, status, crawl_id, at)
		SELECT id, 'rectified', ?, ? FROM findings WHERE `+unseen,
		crawlID, atN, site, atN, string(checksJSON), string(seenJSON))
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE findings SET status = 'rectified', rectified_at = ? WHERE `+unseen,
		atN, site, atN, string(checksJSON), string(seenJSON))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
