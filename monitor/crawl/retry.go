package crawl

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// RetryOptions configures WithRetry.
type RetryOptions struct {
	Retries int           // extra attempts after the first
	Base    time.Duration // first backoff; doubled each attempt, with jitter
	MaxWait time.Duration // a longer Retry-After is not waited for
}

type retryFetcher struct {
	next Fetcher
	opts RetryOptions
}

// WithRetry retries answers that say "try later" (429, 503, honouring
// Retry-After) and connections reset mid-way. Timeouts are not retried: a
// target that takes 15 s has failed by the national rules' measure.
func WithRetry(next Fetcher, opts RetryOptions) Fetcher {
	if opts.Base <= 0 {
		opts.Base = 500 * time.Millisecond
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = 30 * time.Second
	}
	return &retryFetcher{next: next, opts: opts}
}

func (f *retryFetcher) Fetch(ctx context.Context, req Request) (*Response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := f.next.Fetch(ctx, req)
		if attempt >= f.opts.Retries {
			return resp, err
		}
		wait, retry := f.shouldRetry(resp, err, attempt)
		if !retry {
			return resp, err
		}
		select {
		case <-ctx.Done():
			if err == nil {
				return resp, nil
			}
			return nil, err
		case <-time.After(wait):
		}
	}
}

func (f *retryFetcher) shouldRetry(resp *Response, err error, attempt int) (time.Duration, bool) {
	backoff := f.opts.Base << attempt
	backoff += time.Duration(rand.Int64N(int64(backoff)/2 + 1))
	if err != nil {
		var fe *Error
		if errors.As(err, &fe) && fe.Outcome == checks.OutcomeReset {
			return backoff, true
		}
		return 0, false
	}
	if resp.Status != http.StatusTooManyRequests && resp.Status != http.StatusServiceUnavailable {
		return 0, false
	}
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		d, ok := parseRetryAfter(ra, time.Now())
		if !ok || d > f.opts.MaxWait {
			return 0, false
		}
		return d, true
	}
	return backoff, true
}

// parseRetryAfter reads delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	d := t.Sub(now)
	if d < 0 {
		d = 0
	}
	return d, true
}
