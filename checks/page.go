package checks

import "time"

// LinkKind says what a link loads, as a visitor's browser would use it.
type LinkKind string

const (
	KindPage       LinkKind = "page"       // a, area, and frames' documents
	KindImage      LinkKind = "image"      // img, input[type=image], icons
	KindAttachment LinkKind = "attachment" // pdf, doc(x), xls(x), wps, et, zip, rar…
	KindScript     LinkKind = "script"
	KindStylesheet LinkKind = "stylesheet"
	KindFrame      LinkKind = "frame"
)

// Link is one reference from a page to another URL.
type Link struct {
	URL  string   `json:"url"`  // absolute, normalised
	Text string   `json:"text"` // anchor text or alt text, whitespace folded
	Kind LinkKind `json:"kind"`
	Tag  string   `json:"tag"` // the HTML element it came from
}

// Page is what the crawler saw at one URL that answered with HTML.
type Page struct {
	Site     string            `json:"site"`
	Unit     string            `json:"unit"`
	URL      string            `json:"url"` // after redirects
	Depth    int               `json:"depth"`
	Status   int               `json:"status"`
	Charset  string            `json:"charset"`
	Title    string            `json:"title"`
	Meta     map[string]string `json:"meta,omitempty"` // <meta name=…> by name as written
	Text     string            `json:"-"`              // visible text, blocks separated by newlines
	HTML     string            `json:"-"`              // the decoded (or rendered) document
	Links    []Link            `json:"links,omitempty"`
	Rendered bool              `json:"rendered"` // by headless Chromium
	Homepage bool              `json:"homepage"`
	Fetched  time.Time         `json:"fetched"`

	List    *ListPage `json:"list,omitempty"`    // set when the page is a column's list page
	Article *Article  `json:"article,omitempty"` // set when the page is an article
}

// Attachment is a file linked from a site's pages whose text the crawler
// read (or tried to).
type Attachment struct {
	Site   string `json:"site"`
	Unit   string `json:"unit"`
	URL    string `json:"url"`
	Page   string `json:"page"` // a page that links to it
	Name   string `json:"name"` // the link's text, else the file name
	Format string `json:"format"`
	Size   int64  `json:"size"`
	// Parts are the file's text by where it stands: a page of a PDF, a
	// sheet of a workbook, a document's body or header.
	Parts []TextPart `json:"-"`
	// Truncated says only the start of the text was read (a size cap).
	Truncated bool `json:"truncated,omitempty"`
	// Unreadable says why no text could be read (encrypted, an unsupported
	// format, larger than the cap…): checks report it, never skip it silently.
	Unreadable string `json:"unreadable,omitempty"`
}

// TextPart is one part of an attachment's text.
type TextPart struct {
	Where string `json:"where"` // 第3页, Sheet1, 正文…
	Text  string `json:"-"`
}

// ListPage is a column's list of dated items, one page of it.
type ListPage struct {
	Items []Item `json:"items"`
	Next  string `json:"next,omitempty"` // the next list page, if any
	// Placeholder is the text the page shows instead of items (暂无信息…).
	Placeholder string `json:"placeholder,omitempty"`
}

// Item is one entry of a column list.
type Item struct {
	Title    string    `json:"title"`
	URL      string    `json:"url"`
	Date     time.Time `json:"date,omitzero"` // zero when the list shows none
	DateText string    `json:"date_text,omitempty"`
}

// Article is the content of one published piece.
type Article struct {
	Title       string            `json:"title"`
	PubDate     time.Time         `json:"pub_date,omitzero"`
	DateSource  string            `json:"date_source,omitempty"` // meta, label, url, text
	Body        string            `json:"-"`
	Fields      map[string]string `json:"fields,omitempty"` // metadata table: 索引号, 文号, 发布机构, 成文日期…
	Attachments []Link            `json:"attachments,omitempty"`
}

// Column is a section (栏目) of a site with a list of dated items.
type Column struct {
	URL        string   `json:"url"`
	Name       string   `json:"name"`
	Category   string   `json:"category"`
	Unit       string   `json:"unit"`
	Configured bool     `json:"configured"` // from config, not discovered
	ListPages  []string `json:"list_pages"` // in pagination order
	Items      []Item   `json:"items"`
	// Placeholder is set when the column's list says it has nothing (暂无信息).
	Placeholder string `json:"placeholder,omitempty"`
	// Unread is why the column's list could not be read (not fetched, needs a
	// browser…): such a column is neither judged empty nor stale.
	Unread string `json:"unread,omitempty"`
	// MaxAgeDays is the column's own freshness window from config; 0: the
	// site's or the category's.
	MaxAgeDays int `json:"max_age_days,omitempty"`
}

// Outcome classifies what happened when a URL was requested.
type Outcome string

const (
	OutcomeOK              Outcome = "ok"
	OutcomeHTTPError       Outcome = "http_error" // 4xx/5xx other than anti-bot answers
	OutcomeSoft404         Outcome = "soft404"    // 200 whose content says not found
	OutcomeBlocked         Outcome = "blocked"    // anti-bot answer: not judged broken
	OutcomeDNS             Outcome = "dns"
	OutcomeRefused         Outcome = "refused"
	OutcomeReset           Outcome = "reset"
	OutcomeTimeout         Outcome = "timeout"
	OutcomeTLSExpired      Outcome = "tls_expired"
	OutcomeTLSUnknownCA    Outcome = "tls_unknown_authority"
	OutcomeTLSHostname     Outcome = "tls_wrong_host"
	OutcomeTLS             Outcome = "tls_error"
	OutcomeRedirectLoop    Outcome = "redirect_loop"
	OutcomeTooManyRedirect Outcome = "too_many_redirects"
	OutcomeTooLarge        Outcome = "too_large"
	OutcomeBadURL          Outcome = "bad_url"
	OutcomeError           Outcome = "error" // any other transport failure
	OutcomeNotChecked      Outcome = "not_checked"
)

// Broken reports whether a visitor following a link with this outcome gets nothing useful.
func (o Outcome) Broken() bool {
	switch o {
	case OutcomeOK, OutcomeBlocked, OutcomeNotChecked, OutcomeTooLarge, OutcomeSoft404:
		return false
	}
	return true
}

// Referrer is one place a link target is referenced from.
type Referrer struct {
	Page string   `json:"page"`
	Text string   `json:"text,omitempty"`
	Kind LinkKind `json:"kind"`
}

// LinkStatus is what one link target answered, with the pages that refer to it.
type LinkStatus struct {
	Target   string   `json:"target"`
	Kind     LinkKind `json:"kind"` // the kind most referrers use it as
	External bool     `json:"external"`
	Outcome  Outcome  `json:"outcome"`
	Status   int      `json:"status,omitempty"`
	Reason   string   `json:"reason,omitempty"` // the classified error in words
	FinalURL string   `json:"final_url,omitempty"`
	// Referrers lists referring pages, sorted, at most the crawl's cap;
	// RefCount counts them all.
	Referrers []Referrer `json:"referrers"`
	RefCount  int        `json:"ref_count"`
}

// Transport is how a site's homepage is served.
type Transport struct {
	Scheme string `json:"scheme"` // of the homepage URL: http or https
	// The HTTPS certificate, read even when it does not verify.
	CertSubject  string    `json:"cert_subject,omitempty"`
	CertIssuer   string    `json:"cert_issuer,omitempty"`
	CertNotAfter time.Time `json:"cert_not_after,omitzero"`
	// CertProblem is why the certificate does not verify (tls_expired,
	// tls_unknown_authority, tls_wrong_host, tls_error); "" when it does.
	CertProblem Outcome `json:"cert_problem,omitempty"`
	CertError   string  `json:"cert_error,omitempty"`
	// HTTPUpgrade says whether http:// redirects to https:// (nil: not tried).
	HTTPUpgrade *bool `json:"http_upgrade,omitempty"`
	// IPv6 says whether the host name has AAAA records (nil: not looked up,
	// as for an IP address or a failed lookup).
	IPv6 *bool `json:"ipv6,omitempty"`
}

// Skip is a URL the crawler did not read, with the reason.
type Skip struct {
	URL    string `json:"url"`
	Reason string `json:"reason"`
}

// Site is what one crawl of a site saw, for checks that judge the whole.
type Site struct {
	ID       string       `json:"id"`
	Unit     string       `json:"unit"`
	Name     string       `json:"name"`
	URL      string       `json:"url"`
	Homepage *Page        `json:"-"`
	Links    []LinkStatus `json:"links"`
	Columns  []Column     `json:"columns"`
	// MaxAgeDays overrides freshness windows by column category for this site.
	MaxAgeDays map[string]int `json:"max_age_days,omitempty"`
	Pages      int            `json:"pages"`
	// LinksChecked counts distinct link targets checked; Links lists only
	// those that did not answer OK.
	LinksChecked int    `json:"links_checked"`
	Skipped      []Skip `json:"skipped,omitempty"`
	// Complete is false when the crawl was cancelled or hit a cap: checks
	// that judge absence (rectification, empty columns) must not trust it.
	Complete bool `json:"complete"`
	// Transport is how the homepage is served: HTTPS, certificate, IPv6;
	// nil when it was not probed.
	Transport *Transport `json:"transport,omitempty"`
	Started   time.Time  `json:"started"`
	Finished  time.Time  `json:"finished"`
	Now       time.Time  `json:"now"` // the judgement date (--now)
}
