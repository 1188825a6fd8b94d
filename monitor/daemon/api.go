package daemon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/bus"
	"github.com/govwatch/govwatch/monitor/ledger"
)

// handler serves /metrics, /healthz, /readyz, GET /api/findings and
// POST /api/crawl/{site}, which queues a crawl of the site at once.
func handler(l *ledger.Ledger, m *metrics, crawlNow func(ctx context.Context, site string) error) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/crawl/{site}", func(w http.ResponseWriter, r *http.Request) {
		switch err := crawlNow(r.Context(), r.PathValue("site")); {
		case errors.Is(err, errUnknownSite):
			http.Error(w, err.Error(), http.StatusNotFound)
		case errors.Is(err, bus.ErrJobPending):
			http.Error(w, err.Error(), http.StatusConflict)
		case err != nil:
			http.Error(w, err.Error(), http.StatusInternalServerError)
		default:
			w.WriteHeader(http.StatusAccepted)
			fmt.Fprintf(w, "crawl of %s queued\n", r.PathValue("site"))
		}
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if _, err := l.OpenCounts(r.Context()); err != nil {
			http.Error(w, "ledger: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.HandleFunc("GET /api/findings", func(w http.ResponseWriter, r *http.Request) {
		q, err := QueryFrom(r.URL.Query().Get, 100)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		entries, err := l.Findings(r.Context(), q)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		json.NewEncoder(w).Encode(map[string]any{"findings": Rows(entries), "limit": q.Limit, "offset": q.Offset})
	})
	return mux
}

// Row is a ledger entry as the API and `govwatch findings` write it: the
// finding contract plus its status.
type Row struct {
	checks.Finding
	Status string `json:"status"`
}

// Rows turns ledger entries into rows.
func Rows(es []ledger.Entry) []Row {
	out := make([]Row, len(es))
	for i, e := range es {
		out[i] = Row{Finding: e.Finding, Status: e.Status}
	}
	return out
}

// QueryFrom reads a ledger query from named parameters (URL query or flags):
// site, unit, check, severity, status, since (2006-01-02 or RFC 3339),
// limit and offset; limit defaults to defLimit.
func QueryFrom(get func(string) string, defLimit int) (ledger.Query, error) {
	q := ledger.Query{Site: get("site"), Unit: get("unit"), Check: get("check"), Severity: get("severity"), Status: get("status"), Limit: defLimit}
	switch q.Status {
	case "", "open", "rectified", "reopened":
	default:
		return q, fmt.Errorf("status %q is not one of open, rectified, reopened", q.Status)
	}
	if s := get("since"); s != "" {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			if t, err = time.Parse(time.RFC3339, s); err != nil {
				return q, fmt.Errorf("since %q is not a date like 2025-01-01", s)
			}
		}
		q.Since = t
	}
	for name, p := range map[string]*int{"limit": &q.Limit, "offset": &q.Offset} {
		if s := get(name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return q, fmt.Errorf("%s %q is not a number of 0 or more", name, s)
			}
			*p = n
		}
	}
	return q, nil
}
