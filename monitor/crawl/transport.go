package crawl

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// TransportProbe says how to look at a site's transport: the TLS roots that
// verify certificates (nil: the system's) and the resolver for AAAA records.
type TransportProbe struct {
	TLS      *tls.Config
	LookupIP func(ctx context.Context, network, host string) ([]net.IP, error)
	Timeout  time.Duration
}

// probeTransport reads the homepage's certificate (even one that does not
// verify, to say why and until when), whether http:// is redirected to
// https://, and whether the host name has AAAA records. The homepage is
// where the site's URL led, when it was read.
func (c *Crawler) probeTransport(ctx context.Context, root string, home *checks.Page, p TransportProbe) *checks.Transport {
	where := root
	if home != nil {
		where = home.URL
	}
	u, err := url.Parse(where)
	if err != nil {
		return nil
	}
	if p.Timeout <= 0 {
		p.Timeout = 15 * time.Second
	}
	if p.LookupIP == nil {
		p.LookupIP = net.DefaultResolver.LookupIP
	}
	t := &checks.Transport{Scheme: u.Scheme}
	host := u.Hostname()
	if net.ParseIP(host) == nil && host != "localhost" {
		lctx, cancel := context.WithTimeout(ctx, p.Timeout)
		ips, err := p.LookupIP(lctx, "ip6", host)
		cancel()
		var dnsErr *net.DNSError
		switch {
		case err == nil:
			t.IPv6 = ptr(len(ips) > 0)
		case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
			t.IPv6 = ptr(false)
		}
	}
	if u.Scheme != "https" {
		return t
	}
	readCertificate(ctx, t, u, p)
	switch {
	case strings.HasPrefix(root, "http://"):
		t.HTTPUpgrade = ptr(true) // the site's http:// URL led here
	case u.Port() == "":
		// Only a site on the default port can be asked the same over http.
		resp, err := c.fetch.Fetch(ctx, Request{URL: "http://" + u.Host + "/"})
		if err == nil {
			t.HTTPUpgrade = ptr(strings.HasPrefix(resp.FinalURL, "https://"))
		}
	}
	return t
}

func readCertificate(ctx context.Context, t *checks.Transport, u *url.URL, p TransportProbe) {
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "443")
	}
	var roots *x509.CertPool
	if p.TLS != nil {
		roots = p.TLS.RootCAs
	}
	dialer := &tls.Dialer{
		NetDialer: &net.Dialer{Timeout: p.Timeout},
		// Verified by hand below, to read a certificate that fails.
		Config: &tls.Config{InsecureSkipVerify: true, ServerName: u.Hostname()},
	}
	dctx, cancel := context.WithTimeout(ctx, p.Timeout)
	defer cancel()
	conn, err := dialer.DialContext(dctx, "tcp", addr)
	if err != nil {
		t.CertProblem, t.CertError = Classify(err), err.Error()
		return
	}
	defer conn.Close()
	certs := conn.(*tls.Conn).ConnectionState().PeerCertificates
	if len(certs) == 0 {
		t.CertProblem, t.CertError = checks.OutcomeTLS, "no certificate"
		return
	}
	leaf := certs[0]
	t.CertSubject, t.CertIssuer, t.CertNotAfter = leaf.Subject.CommonName, leaf.Issuer.CommonName, leaf.NotAfter
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	_, err = leaf.Verify(x509.VerifyOptions{DNSName: u.Hostname(), Roots: roots, Intermediates: inter})
	if err != nil {
		t.CertProblem, t.CertError = Classify(err), err.Error()
	}
}

func ptr[T any](v T) *T { return &v }
