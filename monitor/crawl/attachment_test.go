package crawl

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/govwatch/govwatch/checks"
)

// attachmentRecorder is an attachment check that keeps what it is given.
type attachmentRecorder struct {
	mu   sync.Mutex
	seen map[string]checks.Attachment
}

func (a *attachmentRecorder) Name() string  { return "recorder" }
func (a *attachmentRecorder) IDs() []string { return nil }
func (a *attachmentRecorder) CheckAttachment(_ context.Context, at *checks.Attachment, _ checks.Reporter) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.seen[at.URL] = *at
	return nil
}

func TestCrawlReadsAttachments(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `<html><head><title>首页</title></head><body>
<a href="/files/名单.csv">救助名单</a> <a href="/files/big.txt">大文件</a> <a href="/files/gone.pdf">已删除</a>
<a href="/files/archive.rar">压缩包</a> <a href="http://127.0.0.1:1/other.pdf">外站文件</a></body></html>`)
	})
	mux.HandleFunc("/files/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/files/名单.csv":
			w.Header().Set("Content-Type", "text/csv")
			fmt.Fprint(w, "姓名,手机\n张某某,13912345678\n")
		case "/files/big.txt":
			http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(bytes.Repeat([]byte("政务公开"), 1<<18)))
		case "/files/archive.rar":
			fmt.Fprint(w, "Rar!\x1a\x07\x00rest")
		default:
			http.NotFound(w, r)
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	rec := &attachmentRecorder{seen: map[string]checks.Attachment{}}
	c := New(NewHTTPFetcher(testOptions()), zap.NewNop(), []checks.Check{rec}, nil)
	site := Site{ID: "dc", URL: srv.URL + "/", MaxAttachmentBytes: 512 << 10, TempDir: t.TempDir()}
	s, err := c.Crawl(context.Background(), site, time.Now(), checks.ReporterFunc(func(checks.Finding) {}))
	if err != nil {
		t.Fatal(err)
	}
	csv := rec.seen[srv.URL+"/files/%E5%90%8D%E5%8D%95.csv"]
	if csv.Name != "救助名单" || csv.Page != srv.URL+"/" || len(csv.Parts) != 1 || !strings.Contains(csv.Parts[0].Text, "13912345678") {
		t.Errorf("csv read as %+v", csv)
	}
	if big := rec.seen[srv.URL+"/files/big.txt"]; !strings.HasPrefix(big.Unreadable, "文件超过") {
		t.Errorf("a file over the cap: %+v", big)
	}
	if rar := rec.seen[srv.URL+"/files/archive.rar"]; rar.Unreadable != "不支持的格式（rar）" {
		t.Errorf("rar: %+v", rar)
	}
	if _, read := rec.seen[srv.URL+"/files/gone.pdf"]; read {
		t.Error("a missing file was handed to the checks")
	}
	if _, read := rec.seen["http://127.0.0.1:1/other.pdf"]; read {
		t.Error("another site's file was read")
	}
	broken := false
	for _, l := range s.Links {
		broken = broken || (l.Target == srv.URL+"/files/gone.pdf" && l.Outcome == checks.OutcomeHTTPError)
	}
	if !broken {
		t.Error("a missing attachment is still a broken link")
	}
}
