package crawl

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
)

func TestProbeTransport(t *testing.T) {
	home := func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<title>首页</title>")) }
	now := time.Now()
	good := tlsServer(t, home, "127.0.0.1", now.Add(-time.Hour), now.Add(90*24*time.Hour))
	soon := tlsServer(t, home, "127.0.0.1", now.Add(-time.Hour), now.Add(10*24*time.Hour))
	expired := tlsServer(t, home, "127.0.0.1", now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	wrongHost := tlsServer(t, home, "www.other.gov.cn", now.Add(-time.Hour), now.Add(24*time.Hour))

	tests := []struct {
		name    string
		srv     trustedServer
		trust   bool
		problem checks.Outcome
		until   time.Time
	}{
		{name: "a good certificate", srv: good, trust: true, until: now.Add(90 * 24 * time.Hour)},
		{name: "expiring soon", srv: soon, trust: true, until: now.Add(10 * 24 * time.Hour)},
		{name: "expired", srv: expired, trust: true, problem: checks.OutcomeTLSExpired, until: now.Add(-24 * time.Hour)},
		{name: "another host's", srv: wrongHost, trust: true, problem: checks.OutcomeTLSHostname},
		{name: "nobody vouches for it", srv: good, problem: checks.OutcomeTLSUnknownCA},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := TransportProbe{Timeout: 5 * time.Second}
			if tc.trust {
				p.TLS = &tls.Config{RootCAs: tc.srv.pool}
			}
			c := New(NewHTTPFetcher(testOptions()), nil, nil, nil)
			got := c.probeTransport(context.Background(), tc.srv.srv.URL+"/", nil, p)
			if got.Scheme != "https" || got.CertProblem != tc.problem {
				t.Fatalf("got %+v, want problem %q", got, tc.problem)
			}
			if !tc.until.IsZero() && !got.CertNotAfter.Truncate(time.Second).Equal(tc.until.Truncate(time.Second)) {
				t.Errorf("not after %s, want %s", got.CertNotAfter, tc.until)
			}
			if got.HTTPUpgrade != nil || got.IPv6 != nil {
				t.Errorf("a site on a port and an IP address: upgrade and IPv6 are not judged, got %+v", got)
			}
		})
	}
}

func TestProbeIPv6(t *testing.T) {
	lookup := func(have bool) func(context.Context, string, string) ([]net.IP, error) {
		return func(_ context.Context, network, host string) ([]net.IP, error) {
			if network != "ip6" {
				t.Errorf("looked up %s", network)
			}
			if have {
				return []net.IP{net.ParseIP("2001:db8::1")}, nil
			}
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		}
	}
	c := New(NewHTTPFetcher(testOptions()), nil, nil, nil)
	for _, have := range []bool{true, false} {
		got := c.probeTransport(context.Background(), "http://www.dianchi.gov.cn/", nil, TransportProbe{LookupIP: lookup(have)})
		if got.IPv6 == nil || *got.IPv6 != have || got.Scheme != "http" {
			t.Errorf("AAAA %v: got %+v", have, got)
		}
	}
	failing := func(context.Context, string, string) ([]net.IP, error) {
		return nil, &net.DNSError{Err: "server misbehaving", IsTemporary: true}
	}
	if got := c.probeTransport(context.Background(), "http://www.dianchi.gov.cn/", nil, TransportProbe{LookupIP: failing}); got.IPv6 != nil {
		t.Errorf("a failed lookup says nothing about IPv6, got %v", *got.IPv6)
	}
}
