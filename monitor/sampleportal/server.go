package sampleportal

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Options choose the portal's size and kind.
type Options struct {
	Pages     int  // about this many pages; 0 for the default sample
	Benchmark bool // plain columns sized to Pages, one broken link in eight articles, no hostile routes
}

// Portal is a generated portal. Build it with New; serve it with Start.
type Portal struct {
	opts    Options
	cols    []column
	hosts   hosts
	planted map[string][]plant  // by the path of the page that carries them
	leaked  map[string]leak     // by the path of the article that carries it
	files   map[string]fileLeak // planted attachments by path
}

// New generates a portal.
func New(opts Options) *Portal {
	p := &Portal{opts: opts, cols: defaultColumns()}
	if opts.Benchmark {
		if opts.Pages <= 0 {
			opts.Pages = 20000
			p.opts.Pages = opts.Pages
		}
		p.cols = benchColumns(opts.Pages)
	}
	return p
}

// Server is a running portal with its auxiliary listeners.
type Server struct {
	URL    string // the portal's base URL, ending in "/"
	portal *Portal
	main   *httptest.Server
	aux    []*httptest.Server
	hole   net.Listener
	held   chan net.Conn
	wg     sync.WaitGroup
}

// Start serves the portal on 127.0.0.1 with random ports.
func (p *Portal) Start() (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	return p.serve(ln)
}

func (p *Portal) serve(ln net.Listener) (*Server, error) {
	s := &Server{held: make(chan net.Conn, 1024)}
	portal := *p // the copy knows its listeners' addresses
	if !p.opts.Benchmark {
		if err := s.startAux(&portal); err != nil {
			ln.Close()
			s.Close()
			return nil, err
		}
		portal.leaked = portal.leaks()
		portal.files = portal.fileLeaks()
		portal.planted = make(map[string][]plant)
		for _, pl := range portal.plants() {
			for _, from := range pl.from {
				portal.planted[from] = append(portal.planted[from], pl)
			}
		}
	}
	s.portal = &portal
	s.main = httptest.NewUnstartedServer(&portal)
	s.main.Listener.Close()
	s.main.Listener = ln
	s.main.Start()
	s.URL = loopbackURL(ln.Addr()) + "/"
	return s, nil
}

// loopbackURL is the http URL of a listener, with 127.0.0.1 for an
// unspecified address (":8080" listens on every interface): the ground truth
// names URLs a crawler on this machine can request.
func loopbackURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if ip := net.ParseIP(host); err == nil && ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// startAux starts the external site, the black hole, the TLS site, and
// finds a closed port.
func (s *Server) startAux(p *Portal) error {
	ext := httptest.NewServer(externalSite())
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "数据开放平台") }))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are the point
	tlsSrv.StartTLS()
	s.aux = append(s.aux, ext, tlsSrv)
	hole, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	s.hole = hole
	s.wg.Add(1)
	go s.swallow()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	closedAddr := closed.Addr().String()
	closed.Close()
	p.hosts = hosts{ext: ext.URL, blackHole: "http://" + hole.Addr().String(), closed: "http://" + closedAddr, tls: tlsSrv.URL}
	return nil
}

// swallow accepts connections on the black hole and never answers them.
func (s *Server) swallow() {
	defer s.wg.Done()
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for {
		c, err := s.hole.Accept()
		if err != nil {
			return
		}
		conns = append(conns, c)
	}
}

// Close stops every listener.
func (s *Server) Close() {
	if s.main != nil {
		s.main.CloseClientConnections()
		s.main.Close()
	}
	for _, a := range s.aux {
		a.CloseClientConnections()
		a.Close()
	}
	if s.hole != nil {
		s.hole.Close()
	}
	s.wg.Wait()
}

// Handler is the portal's own handler, for serving it in-process (tests,
// httptest.NewRecorder): its links to the other listeners point at this
// server's.
func (s *Server) Handler() http.Handler { return s.portal }

// Truth is what an inspection of this server must find.
func (s *Server) Truth() Truth { return s.portal.truth(s.URL) }

// ListenAndServe serves the portal on addr until ctx ends, writing its
// ground truth as JSON to truthFile when one is named.
func (p *Portal) ListenAndServe(ctx context.Context, addr, truthFile string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s, err := p.serve(ln)
	if err != nil {
		return err
	}
	defer s.Close()
	if truthFile != "" {
		b, err := json.MarshalIndent(s.Truth(), "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(truthFile, b, 0o644); err != nil {
			return err
		}
	}
	<-ctx.Done()
	return nil
}

var articleRe = regexp.MustCompile(`/(\d{6})/t(\d{8})_(\d+)\.html$`)

// itemAt finds the item whose article lives at path.
func (p *Portal) itemAt(path string) (item, bool) {
	m := articleRe.FindStringSubmatch(path)
	if m == nil {
		return item{}, false
	}
	id, _ := strconv.Atoi(m[3])
	col, index := (id-500000)/100000, (id-500000)%100000
	if id < 500000 || col >= len(p.cols) || index >= p.cols[col].items {
		return item{}, false
	}
	it := p.item(col, index)
	if p.articlePath(it) != path {
		return item{}, false
	}
	return it, true
}

// externalSite is the other site the portal links to, with answers that
// link checkers get wrong.
func externalSite() http.Handler {
	var mu sync.Mutex
	limited := map[string]bool{}
	mux := http.NewServeMux()
	mux.HandleFunc("/ok.html", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html><title>报道</title></html>") })
	mux.HandleFunc("/head405.html", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		fmt.Fprint(w, "<html><title>云南省人民政府</title></html>")
	})
	mux.HandleFunc("/ratelimit.html", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		first := !limited[r.Method]
		limited[r.Method] = true
		mu.Unlock()
		if first {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, "<html><title>昆明市人民政府</title></html>")
	})
	mux.HandleFunc("/waf.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, "<html><title>访问被拦截</title><body>您的访问被网站防火墙（安全狗）拦截，请稍后再试。</body></html>")
	})
	mux.HandleFunc("/antibot999.html", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(999) })
	return mux
}

// gbk encodes a page for the GBK columns.
func gbk(s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(fmt.Sprintf("sample portal text not encodable in GBK: %v", err))
	}
	return b
}

// sessionSuffix is a ;jsessionid=… some CMSs put in paths.
func stripSession(path string) string {
	if i := strings.Index(path, ";jsessionid="); i >= 0 {
		return path[:i]
	}
	return path
}
