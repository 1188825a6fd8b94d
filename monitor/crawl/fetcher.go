package crawl

import (
	"context"
	"net/http"
	"os"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// Request is one URL to fetch.
type Request struct {
	URL    string
	Method string // GET (default) or HEAD
	// MaxBody is how many bytes of the body to keep; 0 keeps none (the body
	// is drained a little for connection reuse, then closed).
	MaxBody int64
	// SaveTo, when set, receives the body (decompressed, at most MaxBody
	// bytes) instead of Response.Body: attachments are streamed to a file,
	// not held in memory. It is truncated first, so a retry starts afresh.
	SaveTo *os.File
	// ETag and LastModified make the request conditional (If-None-Match,
	// If-Modified-Since): an unchanged resource answers 304.
	ETag         string
	LastModified string
}

// Response is what a URL answered. A response with a 4xx or 5xx status is
// still a response; only transport failures are errors.
type Response struct {
	URL          string // as requested
	FinalURL     string // after redirects
	Status       int
	Header       http.Header
	Body         []byte // at most Request.MaxBody bytes, decompressed
	Saved        int64  // bytes written to Request.SaveTo
	Truncated    bool   // the body was longer than MaxBody
	Redirects    int
	Duration     time.Duration
	ETag         string
	LastModified string
}

// ContentType is the media type of the response without parameters, lower case.
func (r *Response) ContentType() string {
	return mediaType(r.Header.Get("Content-Type"))
}

// Fetcher fetches one URL. Implementations are safe for concurrent use.
// Cross-cutting behaviour (retries, host limits) wraps a Fetcher.
type Fetcher interface {
	Fetch(ctx context.Context, req Request) (*Response, error)
}

// FetcherFunc adapts a function to Fetcher.
type FetcherFunc func(ctx context.Context, req Request) (*Response, error)

// Fetch calls f.
func (f FetcherFunc) Fetch(ctx context.Context, req Request) (*Response, error) { return f(ctx, req) }

// Error is a classified transport failure.
type Error struct {
	URL     string
	Outcome checks.Outcome
	Err     error
}

func (e *Error) Error() string {
	return "fetch " + e.URL + ": " + describe(e.Outcome) + ": " + e.Err.Error()
}
func (e *Error) Unwrap() error { return e.Err }
