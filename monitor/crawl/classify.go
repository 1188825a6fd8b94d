package crawl

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"mime"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"

	"github.com/govwatch/govwatch/checks"
)

var (
	errRedirectLoop     = errors.New("redirect loop")
	errTooManyRedirects = errors.New("too many redirects")
	errTooLarge         = errors.New("body larger than the cap")
)

// Classify names the kind of transport failure err is.
func Classify(err error) checks.Outcome {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Outcome
	}
	var dnsErr *net.DNSError
	var certExpired x509.CertificateInvalidError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var tlsVerify *tls.CertificateVerificationError
	var recordErr tls.RecordHeaderError
	var urlErr *url.Error
	switch {
	case errors.Is(err, errRedirectLoop):
		return checks.OutcomeRedirectLoop
	case errors.Is(err, errTooManyRedirects):
		return checks.OutcomeTooManyRedirect
	case errors.Is(err, errTooLarge):
		return checks.OutcomeTooLarge
	case errors.As(err, &dnsErr):
		return checks.OutcomeDNS
	case errors.As(err, &certExpired):
		if certExpired.Reason == x509.Expired {
			return checks.OutcomeTLSExpired
		}
		return checks.OutcomeTLS
	case errors.As(err, &unknownCA):
		return checks.OutcomeTLSUnknownCA
	case errors.As(err, &hostErr):
		return checks.OutcomeTLSHostname
	case errors.As(err, &tlsVerify), errors.As(err, &recordErr):
		return checks.OutcomeTLS
	case errors.Is(err, syscall.ECONNREFUSED):
		return checks.OutcomeRefused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return checks.OutcomeReset
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded), isTimeout(err):
		return checks.OutcomeTimeout
	case errors.As(err, &urlErr) && strings.Contains(urlErr.Err.Error(), "unsupported protocol"):
		return checks.OutcomeBadURL
	}
	return checks.OutcomeError
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// describe gives an outcome in the words a web administrator reads.
func describe(o checks.Outcome) string {
	switch o {
	case checks.OutcomeDNS:
		return "domain name does not resolve"
	case checks.OutcomeRefused:
		return "connection refused"
	case checks.OutcomeReset:
		return "connection reset"
	case checks.OutcomeTimeout:
		return "timed out"
	case checks.OutcomeTLSExpired:
		return "certificate expired"
	case checks.OutcomeTLSUnknownCA:
		return "certificate from an unknown authority"
	case checks.OutcomeTLSHostname:
		return "certificate for another host"
	case checks.OutcomeTLS:
		return "TLS error"
	case checks.OutcomeRedirectLoop:
		return "redirect loop"
	case checks.OutcomeTooManyRedirect:
		return "too many redirects"
	case checks.OutcomeTooLarge:
		return "too large"
	case checks.OutcomeBadURL:
		return "unsupported URL"
	}
	return string(o)
}

func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}
