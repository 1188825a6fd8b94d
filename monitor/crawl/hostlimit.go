package crawl

import (
	"context"
	"net/url"
	"strings"
	"sync"

	"golang.org/x/time/rate"
)

// HostLimits are the politeness limits applied to each host.
type HostLimits struct {
	Concurrent int     // requests in flight per host
	Rate       float64 // requests per second per host; 0 is unlimited
}

type hostLimiter struct {
	next   Fetcher
	limits HostLimits

	mu    sync.Mutex
	hosts map[string]*hostSlot
}

type hostSlot struct {
	sem     chan struct{}
	limiter *rate.Limiter
}

// WithHostLimit bounds the requests to each host, however many workers the
// crawl runs: government servers are small, and a crawler that hammers them
// gets blocked.
func WithHostLimit(next Fetcher, limits HostLimits) Fetcher {
	if limits.Concurrent < 1 {
		limits.Concurrent = 1
	}
	return &hostLimiter{next: next, limits: limits, hosts: make(map[string]*hostSlot)}
}

func (h *hostLimiter) slot(rawURL string) *hostSlot {
	host := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		host = strings.ToLower(u.Host)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	s, ok := h.hosts[host]
	if !ok {
		s = &hostSlot{sem: make(chan struct{}, h.limits.Concurrent)}
		if h.limits.Rate > 0 {
			s.limiter = rate.NewLimiter(rate.Limit(h.limits.Rate), h.limits.Concurrent)
		}
		h.hosts[host] = s
	}
	return s
}

func (h *hostLimiter) Fetch(ctx context.Context, req Request) (*Response, error) {
	s := h.slot(req.URL)
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-s.sem }()
	if s.limiter != nil {
		if err := s.limiter.Wait(ctx); err != nil {
			return nil, err
		}
	}
	return h.next.Fetch(ctx, req)
}
