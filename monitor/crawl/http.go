package crawl

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// HTTPOptions configures an HTTPFetcher.
type HTTPOptions struct {
	Timeout        time.Duration // whole request, body included (15 s: the national rules' figure)
	ConnectTimeout time.Duration
	MaxRedirects   int
	UserAgent      string
	MaxConnsIdle   int // idle connections kept per host
	// TLS, when set, replaces the default TLS client config (tests use it to
	// trust their own certificates).
	TLS *tls.Config
}

// DefaultHTTPOptions are polite defaults for a government site.
func DefaultHTTPOptions() HTTPOptions {
	return HTTPOptions{
		Timeout:        15 * time.Second,
		ConnectTimeout: 5 * time.Second,
		MaxRedirects:   10,
		UserAgent:      "govwatch/1.0 (+https://github.com/govwatch/govwatch; government website inspection)",
		MaxConnsIdle:   8,
	}
}

// HTTPFetcher fetches over net/http with connection reuse, its own
// decompression (so that a gzip bomb stops at the body cap) and redirect
// loop detection.
type HTTPFetcher struct {
	client *http.Client
	opts   HTTPOptions
}

var _ Fetcher = (*HTTPFetcher)(nil)

type redirectCountKey struct{}

// NewHTTPFetcher returns a fetcher with its own transport.
func NewHTTPFetcher(opts HTTPOptions) *HTTPFetcher {
	dialer := &net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   opts.MaxConnsIdle,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   opts.ConnectTimeout,
		ResponseHeaderTimeout: opts.Timeout,
		DisableCompression:    true, // decompressed here, under the body cap
		TLSClientConfig:       opts.TLS,
	}
	maxRedirects := opts.MaxRedirects
	client := &http.Client{
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if n, ok := req.Context().Value(redirectCountKey{}).(*int); ok {
				*n = len(via)
			}
			next := req.URL.String()
			for _, v := range via {
				if v.URL.String() == next {
					return errRedirectLoop
				}
			}
			if len(via) > maxRedirects {
				return errTooManyRedirects
			}
			return nil
		},
	}
	return &HTTPFetcher{client: client, opts: opts}
}

// Fetch requests req.URL and reads at most req.MaxBody bytes of its body.
func (f *HTTPFetcher) Fetch(ctx context.Context, req Request) (*Response, error) {
	start := time.Now()
	redirects := 0
	ctx = context.WithValue(ctx, redirectCountKey{}, &redirects)
	if f.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.opts.Timeout)
		defer cancel()
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	hreq, err := http.NewRequestWithContext(ctx, method, req.URL, nil)
	if err != nil {
		return nil, &Error{URL: req.URL, Outcome: Classify(err), Err: err}
	}
	f.setHeaders(hreq, req)
	resp, err := f.client.Do(hreq)
	if err != nil {
		return nil, &Error{URL: req.URL, Outcome: Classify(err), Err: unwrapURLError(err)}
	}
	defer resp.Body.Close()
	out := &Response{
		URL:          req.URL,
		FinalURL:     resp.Request.URL.String(),
		Status:       resp.StatusCode,
		Header:       resp.Header,
		Redirects:    redirects,
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	if method != http.MethodHead {
		read := readBody
		if req.SaveTo != nil {
			read = saveBody(req.SaveTo)
		}
		if err := read(out, resp, req.MaxBody); err != nil {
			return nil, &Error{URL: req.URL, Outcome: Classify(err), Err: err}
		}
	}
	out.Duration = time.Since(start)
	return out, nil
}

func (f *HTTPFetcher) setHeaders(hreq *http.Request, req Request) {
	hreq.Header.Set("User-Agent", f.opts.UserAgent)
	hreq.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	hreq.Header.Set("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5")
	hreq.Header.Set("Accept-Encoding", "gzip, deflate")
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}
}

// drainLimit is how much of an unwanted body is read so that the connection
// can be reused; past it the connection is closed instead.
const drainLimit = 64 << 10

func readBody(out *Response, resp *http.Response, max int64) error {
	if max <= 0 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, drainLimit))
		return nil
	}
	body, err := decompress(resp)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(body, max+1))
	if err != nil && n == 0 {
		return err
	}
	if n > max {
		out.Truncated = true
		buf.Truncate(int(max))
	}
	out.Body = buf.Bytes()
	if err != nil && !out.Truncated {
		// A body cut short after some bytes: keep what came, the page may
		// still be usable, but say so.
		return fmt.Errorf("body cut after %d bytes: %w", n, err)
	}
	return nil
}

// saveBody streams a body into f, as readBody keeps it in memory.
func saveBody(f *os.File) func(out *Response, resp *http.Response, max int64) error {
	return func(out *Response, resp *http.Response, max int64) error {
		if err := f.Truncate(0); err != nil {
			return err
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		body, err := decompress(resp)
		if err != nil {
			return err
		}
		n, err := io.Copy(f, io.LimitReader(body, max+1))
		if n > max {
			out.Truncated = true
			n = max
			if terr := f.Truncate(max); terr != nil {
				return terr
			}
		}
		out.Saved = n
		if err != nil && !out.Truncated {
			return fmt.Errorf("body cut after %d bytes: %w", n, err)
		}
		return nil
	}
}

func decompress(resp *http.Response) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))) {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		return zr, nil
	case "deflate":
		// "deflate" is zlib-wrapped by the standard but raw on many servers.
		br := bufio.NewReader(resp.Body)
		head, _ := br.Peek(2)
		if len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("deflate body: %w", err)
			}
			return zr, nil
		}
		return flate.NewReader(br), nil
	}
	return resp.Body, nil
}

// unwrapURLError drops net/http's "Get \"…\":" prefix: the URL is named once, by Error.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}
