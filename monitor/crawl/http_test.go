package crawl

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
)

func testOptions() HTTPOptions {
	o := DefaultHTTPOptions()
	o.Timeout = 2 * time.Second
	o.ConnectTimeout = time.Second
	return o
}

// hostileServer serves the misbehaving routes the fetcher must survive.
func hostileServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) })
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chain/"), "%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/drip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for {
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>政务公开</p>"), 4096)
		for sent := 0; sent < 10<<30; sent += len(chunk) { // 10 GB unless the client hangs up
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	bomb := gzipBomb()
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/html")
		w.Write(bomb)
	})
	mux.HandleFunc("/deflate-raw", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "deflate")
		fw, _ := flate.NewWriter(w, flate.BestSpeed)
		fw.Write([]byte("原始deflate"))
		fw.Close()
	})
	mux.HandleFunc("/deflate-zlib", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "deflate")
		zw := zlib.NewWriter(w)
		zw.Write([]byte("zlib deflate"))
		zw.Close()
	})
	mux.HandleFunc("/reset", func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		conn.(*net.TCPConn).SetLinger(0) // close with RST
		conn.Close()
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// gzipBomb is 64 MB of zeros in about 64 KB: 64 times the body cap the test sets.
func gzipBomb() []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	zeros := make([]byte, 1<<20)
	for range 64 {
		zw.Write(zeros)
	}
	zw.Close()
	return buf.Bytes()
}

// blackHole accepts connections and never answers.
func blackHole(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				for _, c := range conns {
					c.Close()
				}
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() { ln.Close(); <-done })
	return "http://" + ln.Addr().String() + "/"
}

func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/"
}

func TestFetchHostile(t *testing.T) {
	srv := hostileServer(t)
	tests := []struct {
		name      string
		url       string
		max       int64
		outcome   checks.Outcome // for errors
		truncated bool
		body      string
	}{
		{name: "redirect loop", url: srv.URL + "/loop/a", outcome: checks.OutcomeRedirectLoop},
		{name: "endless redirect chain", url: srv.URL + "/chain/0", outcome: checks.OutcomeTooManyRedirect},
		{name: "server that never answers", url: blackHole(t), outcome: checks.OutcomeTimeout},
		{name: "slow drip", url: srv.URL + "/drip", max: 1 << 20, outcome: checks.OutcomeTimeout},
		{name: "refused", url: closedPort(t), outcome: checks.OutcomeRefused},
		{name: "reset", url: srv.URL + "/reset", outcome: checks.OutcomeReset},
		{name: "dns", url: "http://www.dianchi-old.invalid/", outcome: checks.OutcomeDNS},
		{name: "10 GB body stops at the cap", url: srv.URL + "/endless", max: 1 << 20, truncated: true},
		{name: "gzip bomb stops at the cap", url: srv.URL + "/bomb", max: 1 << 20, truncated: true},
		{name: "raw deflate", url: srv.URL + "/deflate-raw", max: 1 << 20, body: "原始deflate"},
		{name: "zlib deflate", url: srv.URL + "/deflate-zlib", max: 1 << 20, body: "zlib deflate"},
	}
	f := NewHTTPFetcher(testOptions())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			resp, err := f.Fetch(ctx, Request{URL: tc.url, MaxBody: tc.max})
			if tc.outcome != "" {
				if err == nil {
					t.Fatalf("want %s, got status %d", tc.outcome, resp.Status)
				}
				if got := Classify(err); got != tc.outcome {
					t.Fatalf("classified %s, want %s (%v)", got, tc.outcome, err)
				}
				if !strings.Contains(err.Error(), tc.url) {
					t.Errorf("error %q does not name the URL", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if resp.Truncated != tc.truncated || int64(len(resp.Body)) > tc.max {
				t.Fatalf("truncated=%v len=%d", resp.Truncated, len(resp.Body))
			}
			if tc.body != "" && string(resp.Body) != tc.body {
				t.Fatalf("body %q, want %q", resp.Body, tc.body)
			}
		})
	}
}

func TestFetchTLS(t *testing.T) {
	ok := func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }
	expired := tlsServer(t, ok, "127.0.0.1", time.Now().Add(-48*time.Hour), time.Now().Add(-24*time.Hour))
	wrongHost := tlsServer(t, ok, "www.other.gov.cn", time.Now().Add(-time.Hour), time.Now().Add(24*time.Hour))
	unknown := httptest.NewUnstartedServer(http.HandlerFunc(ok))
	unknown.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are the point
	unknown.StartTLS()
	defer unknown.Close()

	tests := []struct {
		name    string
		url     string
		trust   *x509.CertPool
		outcome checks.Outcome
	}{
		{"expired certificate", expired.srv.URL, expired.pool, checks.OutcomeTLSExpired},
		{"certificate for another host", wrongHost.srv.URL, wrongHost.pool, checks.OutcomeTLSHostname},
		{"unknown authority", unknown.URL, nil, checks.OutcomeTLSUnknownCA},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := testOptions()
			if tc.trust != nil {
				o.TLS = &tls.Config{RootCAs: tc.trust}
			}
			_, err := NewHTTPFetcher(o).Fetch(context.Background(), Request{URL: tc.url})
			if got := Classify(err); got != tc.outcome {
				t.Fatalf("classified %s, want %s (%v)", got, tc.outcome, err)
			}
		})
	}
}

type trustedServer struct {
	srv  *httptest.Server
	pool *x509.CertPool
}

// tlsServer serves with a self-signed certificate for host, valid between
// the two times, and returns a pool that trusts it.
func tlsServer(t *testing.T, h http.HandlerFunc, host string, from, until time.Time) trustedServer {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: host},
		NotBefore: from, NotAfter: until, IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if ip := net.ParseIP(host); ip != nil {
		tmpl.IPAddresses = []net.IP{ip}
	} else {
		tmpl.DNSNames = []string{host}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	srv := httptest.NewUnstartedServer(h)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return trustedServer{srv: srv, pool: pool}
}

func TestRetryHonoursRetryAfter(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	f := WithRetry(NewHTTPFetcher(testOptions()), RetryOptions{Retries: 2, Base: 10 * time.Millisecond})
	start := time.Now()
	resp, err := f.Fetch(context.Background(), Request{URL: srv.URL, MaxBody: 100})
	if err != nil || resp.Status != 200 {
		t.Fatalf("status %v err %v", resp, err)
	}
	if calls.Load() != 2 {
		t.Fatalf("%d calls, want 2", calls.Load())
	}
	// Not a timing assertion on speed: Retry-After: 1 must not be cut short.
	if time.Since(start) < time.Second {
		t.Fatalf("retried before Retry-After elapsed")
	}
}

func TestRetryGivesUpOnLongRetryAfter(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	f := WithRetry(NewHTTPFetcher(testOptions()), RetryOptions{Retries: 3})
	resp, err := f.Fetch(context.Background(), Request{URL: srv.URL})
	if err != nil || resp.Status != 503 || calls.Load() != 1 {
		t.Fatalf("status %v err %v calls %d", resp, err, calls.Load())
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 15, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"5", 5 * time.Second, true},
		{"Wed, 15 Jan 2025 08:00:30 GMT", 30 * time.Second, true},
		{"Wed, 15 Jan 2025 07:00:00 GMT", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
	}
	for _, tc := range tests {
		got, ok := parseRetryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%q: %v %v, want %v %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestHostLimitBoundsConcurrency(t *testing.T) {
	var inflight, peak atomic.Int32
	slow := FetcherFunc(func(ctx context.Context, req Request) (*Response, error) {
		n := inflight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		inflight.Add(-1)
		return &Response{Status: 200}, nil
	})
	f := WithHostLimit(slow, HostLimits{Concurrent: 2})
	done := make(chan struct{})
	for i := range 20 {
		go func() {
			f.Fetch(context.Background(), Request{URL: fmt.Sprintf("http://a.gov.cn/%d", i)})
			done <- struct{}{}
		}()
	}
	for range 20 {
		<-done
	}
	if peak.Load() > 2 {
		t.Fatalf("%d requests in flight to one host, limit 2", peak.Load())
	}
}

func TestStatusOutcome(t *testing.T) {
	tests := []struct {
		status int
		body   string
		want   checks.Outcome
	}{
		{200, "<html>正常</html>", checks.OutcomeOK},
		{304, "", checks.OutcomeOK},
		{404, "not found", checks.OutcomeHTTPError},
		{500, "", checks.OutcomeHTTPError},
		{403, "Forbidden", checks.OutcomeBlocked},
		{429, "", checks.OutcomeBlocked},
		{999, "", checks.OutcomeBlocked},
		{503, "<title>访问被拦截</title>网站防火墙", checks.OutcomeBlocked},
		{200, "<script>__jsl_clearance=1</script>", checks.OutcomeBlocked},
	}
	for _, tc := range tests {
		if got := statusOutcome(tc.status, []byte(tc.body)); got != tc.want {
			t.Errorf("%d %q: %s, want %s", tc.status, tc.body, got, tc.want)
		}
	}
}

func TestValidatorsRoundTrip(t *testing.T) {
	path := t.TempDir() + "/validators.json"
	v, err := LoadValidators(path)
	if err != nil || v.Len() != 0 {
		t.Fatalf("missing file: %v %d", err, v.Len())
	}
	v.Put("http://a/x.pdf", Validator{ETag: `"abc"`})
	v.Put("http://a/y.pdf", Validator{})
	if err := v.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := LoadValidators(path)
	if err != nil {
		t.Fatal(err)
	}
	if x, ok := back.Get("http://a/x.pdf"); !ok || x.ETag != `"abc"` || back.Len() != 1 {
		t.Fatalf("round trip: %+v %d", x, back.Len())
	}
}

func TestConditionalLinkCheck(t *testing.T) {
	var conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/pdf")
	}))
	defer srv.Close()
	c := New(NewHTTPFetcher(testOptions()), nil, nil, nil)
	vs := NewValidators()
	for range 2 {
		res := c.checkLink(context.Background(), job{url: srv.URL + "/a.pdf"}, vs)
		if res.outcome != checks.OutcomeOK {
			t.Fatalf("outcome %s", res.outcome)
		}
	}
	if conditional.Load() != 1 {
		t.Fatalf("second check was not conditional")
	}
}

// TestFetchSavesToFile streams bodies to a file under the same caps as
// bodies kept in memory, and starts the file afresh on each fetch.
func TestFetchSavesToFile(t *testing.T) {
	srv := hostileServer(t)
	f := NewHTTPFetcher(testOptions())
	file, err := os.CreateTemp(t.TempDir(), "attachment")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	tests := []struct {
		url       string
		truncated bool
		body      string
	}{
		{url: srv.URL + "/endless", truncated: true},
		{url: srv.URL + "/bomb", truncated: true},
		{url: srv.URL + "/deflate-zlib", body: "zlib deflate"},
	}
	for _, tc := range tests {
		resp, err := f.Fetch(context.Background(), Request{URL: tc.url, MaxBody: 1 << 20, SaveTo: file})
		if err != nil {
			t.Fatalf("%s: %v", tc.url, err)
		}
		fi, _ := file.Stat()
		if resp.Truncated != tc.truncated || resp.Saved != fi.Size() || fi.Size() > 1<<20 || len(resp.Body) != 0 {
			t.Fatalf("%s: truncated=%v saved=%d file=%d body=%d", tc.url, resp.Truncated, resp.Saved, fi.Size(), len(resp.Body))
		}
		if tc.body != "" {
			got, _ := os.ReadFile(file.Name())
			if string(got) != tc.body {
				t.Fatalf("%s: file holds %q", tc.url, got)
			}
		}
	}
}
