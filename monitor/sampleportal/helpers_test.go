package sampleportal

import (
	"bytes"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func start(t *testing.T, opts Options) *Server {
	t.Helper()
	s, err := New(opts).Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// get requests u without following redirects.
func get(t *testing.T, u string) (*http.Response, []byte) {
	t.Helper()
	client := &http.Client{Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// head answers the status of a HEAD request.
func head(u string) (int, error) {
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Head(u)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// answer is what one URL answered, judged the way the ground truth words it.
type answer struct {
	outcome checks.Outcome
	status  int
	final   string // the URL after redirects
	header  http.Header
	text    string // the body decoded to UTF-8
	gbk     bool   // the body was GBK
}

var errLoop = errors.New("redirect loop")

// fetch requests u as a careful link checker would: GET, redirects followed
// up to a loop, one retry after a 429's Retry-After, 2 s at most.
func fetch(t *testing.T, u string) answer {
	t.Helper()
	client := &http.Client{Timeout: 2 * time.Second, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		for _, v := range via {
			if v.URL.String() == req.URL.String() {
				return errLoop
			}
		}
		return nil
	}}
	for try := 0; ; try++ {
		resp, err := client.Get(u)
		if err != nil {
			a := answer{outcome: classify(err)}
			if resp != nil {
				a.status = resp.StatusCode
			}
			return a
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if resp.StatusCode == http.StatusTooManyRequests && try == 0 {
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		a := answer{status: resp.StatusCode, final: resp.Request.URL.String(), header: resp.Header}
		a.text, a.gbk = decode(t, resp.Header.Get("Content-Type"), body)
		a.outcome = judge(a)
		return a
	}
}

func classify(err error) checks.Outcome {
	var dns *net.DNSError
	var ca x509.UnknownAuthorityError
	var ne net.Error
	switch {
	case errors.Is(err, errLoop):
		return checks.OutcomeRedirectLoop
	case errors.As(err, &dns):
		return checks.OutcomeDNS
	case errors.Is(err, syscall.ECONNREFUSED):
		return checks.OutcomeRefused
	case errors.As(err, &ca):
		return checks.OutcomeTLSUnknownCA
	case errors.As(err, &ne) && ne.Timeout():
		return checks.OutcomeTimeout
	}
	return checks.OutcomeError
}

func judge(a answer) checks.Outcome {
	switch {
	case a.status == 999 || a.status == http.StatusForbidden && strings.Contains(a.text, "拦截"):
		return checks.OutcomeBlocked
	case a.status >= 400:
		return checks.OutcomeHTTPError
	case a.status == http.StatusOK && strings.Contains(a.text, "页面不存在"):
		return checks.OutcomeSoft404
	case a.status == http.StatusOK:
		return checks.OutcomeOK
	}
	return checks.OutcomeError
}

var metaCharsetRe = regexp.MustCompile(`(?i)<meta[^>]+charset=["']?([\w-]+)`)

// decode turns a body into text by the header's charset, else the meta tag's.
func decode(t *testing.T, contentType string, body []byte) (string, bool) {
	t.Helper()
	label := ""
	if _, cs, ok := strings.Cut(contentType, "charset="); ok {
		label = cs
	} else if strings.HasPrefix(contentType, "text/html") {
		if m := metaCharsetRe.FindSubmatch(body); m != nil {
			label = string(m[1])
		}
	}
	switch strings.ToLower(label) {
	case "gbk", "gb2312", "gb18030":
		text, err := simplifiedchinese.GBK.NewDecoder().Bytes(body)
		if err != nil {
			t.Errorf("body declared %s does not decode: %v", label, err)
		}
		return string(text), true
	}
	return string(body), false
}

// gbkEscape percent-escapes s's GBK bytes, as a browser sends a GBK page's query.
func gbkEscape(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return escapeHigh(b)
}

// escapeHigh percent-escapes every byte outside printable ASCII.
func escapeHigh(b []byte) string {
	var out bytes.Buffer
	for _, c := range b {
		if c <= ' ' || c >= 0x7f {
			out.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(c)|0x100, 16)[1:]))
			continue
		}
		out.WriteByte(c)
	}
	return out.String()
}
