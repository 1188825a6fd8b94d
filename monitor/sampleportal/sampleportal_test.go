package sampleportal

import (
	"archive/zip"
	"bytes"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/govwatch/govwatch/checks"
)

func TestPlantedRoutes(t *testing.T) {
	s := start(t, Options{})
	base := strings.TrimSuffix(s.URL, "/")
	policy := s.portal.item(3, 1)
	note := s.portal.attachmentPath(policy, 2)
	tests := []struct {
		name, path  string
		status      int
		contentType string
		gbk         bool   // the bytes are GBK, not UTF-8
		body        string // in the decoded text
		location    string
	}{
		{"homepage", "/", 200, "text/html; charset=utf-8", false, "网站标识码", ""},
		{"deleted article", pathDeleted, 404, "", false, "", ""},
		{"Chinese path on a GBK page, deleted", escapePath(pathDeletedGBK), 404, "", false, "", ""},
		{"server error", path500 + "?id=1023", 500, "", false, "", ""},
		{"gone", path410, 410, "", false, "", ""},
		{"missing attachment", pathMissingPDF, 404, "", false, "", ""},
		{"missing image", pathBanner, 404, "", false, "", ""},
		{"missing script", pathOldScript, 404, "", false, "", ""},
		{"missing stylesheet", pathOldCSS, 404, "", false, "", ""},
		{"soft 404 answers 200", pathSoft, 200, "text/html; charset=utf-8", false, "页面不存在", ""},
		{"GBK soft 404 names its charset in the header", pathSoftGBK, 200, "text/html; charset=GBK", true, "页面不存在", ""},
		{"loop a to b", pathLoopA, 302, "", false, "", pathLoopB},
		{"loop b to a", pathLoopB, 302, "", false, "", pathLoopA},
		{"moved to an existing page", pathMoved, 301, "", false, "", "/tzgg/"},
		{"GBK column: charset in the meta tag only", "/xwzx/bmdt/", 200, "text/html", true, "部门动态", ""},
		{"GBK article", s.portal.articlePath(s.portal.item(1, 2)), 200, "text/html", true, "发布时间", ""},
		{"GBK query decoded as GBK", pathSearch + "?keyword=" + gbkEscape(t, searchWord), 200, "text/html; charset=GBK", true, "搜索", ""},
		{"the same query in UTF-8 is a 404", pathSearch + "?keyword=" + escapeHigh([]byte(searchWord)), 404, "", false, "", ""},
		{"Chinese path, UTF-8 escaped as browsers send it", escapePath(pathGBKFile), 200, typePDF, false, "", ""},
		{"jsessionid in the path", "/xxgk/zcwj/;jsessionid=7A1B2C3D4E5F", 200, "", false, "政策文件", ""},
		{"calendar", pathCalendar + "?date=2025-01-15", 200, "", false, "后一天", ""},
		{"calendar far in the future", pathCalendar + "?date=2999-12-31", 200, "", false, "前一天", ""},
		{"script column JSON", "/gzdt/list.json", 200, "application/json", false, "t20", ""},
		{"script column list is empty without script", "/gzdt/", 200, "", false, `<ul id="list"></ul>`, ""},
		{"placeholder column", "/xxgk/ghjh/", 200, "", false, "暂无信息", ""},
		{"paginated list", "/xwzx/zwyw/index_1.html", 200, "", false, `createPageHTML(3, 1, "index", "html")`, ""},
		{"last list page", "/xwzx/zwyw/index_2.html", 200, "", false, "", ""},
		{"past the last list page", "/xwzx/zwyw/index_3.html", 404, "", false, "", ""},
		{"policy attachment", s.portal.attachmentPath(policy, 1), 200, typePDF, false, "", ""},
		{"policy drafting note", note, 200, typeDOCX, false, "", ""},
		{"a file the article does not have", strings.TrimSuffix(note, "2.docx") + "3.docx", 404, "", false, "", ""},
		{"banner", "/images/banner.jpg", 200, typeJPEG, false, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, base+tc.path)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			ct := resp.Header.Get("Content-Type")
			if tc.contentType != "" && ct != tc.contentType {
				t.Errorf("content type %q, want %q", ct, tc.contentType)
			}
			if strings.HasPrefix(ct, "text/") && tc.gbk == utf8.Valid(body) {
				t.Errorf("GBK bytes: %v, want %v", !utf8.Valid(body), tc.gbk)
			}
			if text, _ := decode(t, ct, body); !strings.Contains(text, tc.body) {
				t.Errorf("body lacks %q", tc.body)
			}
			if loc := resp.Header.Get("Location"); loc != tc.location {
				t.Errorf("Location %q, want %q", loc, tc.location)
			}
		})
	}
}

// TestHostileListeners checks that the other hosts answer, or fail to, as
// the truth says a careful crawler sees them.
func TestHostileListeners(t *testing.T) {
	s := start(t, Options{})
	h := s.portal.hosts
	tests := []struct {
		name, url string
		outcome   checks.Outcome
		status    int
	}{
		{"closed port", h.closed + "/", checks.OutcomeRefused, 0},
		{"black hole", h.blackHole + "/", checks.OutcomeTimeout, 0},
		{"self-signed certificate", h.tls + "/", checks.OutcomeTLSUnknownCA, 0},
		{"external 404", h.ext + "/missing.html", checks.OutcomeHTTPError, 404},
		{"no such host", "http://www.dianchi-old.invalid/", checks.OutcomeDNS, 0},
		{"redirect loop", s.URL + pathLoopA[1:], checks.OutcomeRedirectLoop, 302},
		{"WAF challenge", h.ext + "/waf.html", checks.OutcomeBlocked, 403},
		{"anti-bot 999", h.ext + "/antibot999.html", checks.OutcomeBlocked, 999},
		{"HEAD-refusing page answers GET", h.ext + "/head405.html", checks.OutcomeOK, 200},
		{"external page", h.ext + "/ok.html", checks.OutcomeOK, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := fetch(t, tc.url)
			if a.outcome != tc.outcome || a.status != tc.status {
				t.Errorf("%s %d, want %s %d", a.outcome, a.status, tc.outcome, tc.status)
			}
		})
	}
}

func TestExternalControls(t *testing.T) {
	s := start(t, Options{})
	ext := s.portal.hosts.ext
	if status, err := head(ext + "/head405.html"); err != nil || status != 405 {
		t.Errorf("HEAD: %d %v, want 405", status, err)
	}
	first, _ := get(t, ext+"/ratelimit.html")
	second, _ := get(t, ext+"/ratelimit.html")
	if first.StatusCode != 429 || first.Header.Get("Retry-After") != "1" || second.StatusCode != 200 {
		t.Errorf("rate limit: %d (Retry-After %q) then %d, want 429 (1) then 200",
			first.StatusCode, first.Header.Get("Retry-After"), second.StatusCode)
	}
	waf, body := get(t, ext+"/waf.html")
	if waf.StatusCode != 403 || !strings.Contains(string(body), "安全狗") {
		t.Errorf("waf: %d", waf.StatusCode)
	}
}

// TestFiles checks that the files are real: Office files that are zips with
// content types, images that decode (PDFs are pdfwrite's, read back there).
func TestFiles(t *testing.T) {
	for name, office := range map[string][]byte{"docx": docxFile("报名表"), "xlsx": xlsxFile("名额分配表")} {
		zr, err := zip.NewReader(bytes.NewReader(office), int64(len(office)))
		if err != nil || len(zr.File) < 3 || zr.File[0].Name != "[Content_Types].xml" {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, img := range map[string][]byte{"jpeg": jpegFile(), "png": tinyPNG} {
		if _, format, err := image.Decode(bytes.NewReader(img)); err != nil || format != name {
			t.Errorf("%s: decodes as %q: %v", name, format, err)
		}
	}
	if !bytes.Equal(docxFile("x"), docxFile("x")) || !bytes.Equal(jpegFile(), jpegFile()) {
		t.Error("files differ from one build to the next")
	}
}

// TestDeterministic serves every page twice from one portal and once from
// another: the bytes are the same but for the hosts' random ports.
func TestDeterministic(t *testing.T) {
	a, b := start(t, Options{}), start(t, Options{})
	norm := func(s *Server, body []byte) string {
		text := string(body)
		h := s.portal.hosts
		for i, origin := range []string{strings.TrimSuffix(s.URL, "/"), h.ext, h.blackHole, h.closed, h.tls} {
			text = strings.ReplaceAll(text, origin, "HOST"+strconv.Itoa(i))
		}
		return text
	}
	n := 0
	for path := range a.portal.pagePaths {
		_, first := get(t, a.URL+path[1:])
		_, again := get(t, a.URL+path[1:])
		_, other := get(t, b.URL+path[1:])
		if !bytes.Equal(first, again) || norm(a, first) != norm(b, other) {
			t.Errorf("%s: not the same page every time", path)
		}
		n++
	}
	if n < 200 {
		t.Errorf("compared only %d pages", n)
	}
}

// TestTruthIsConsistent checks the truth's own rules: broken outcomes under
// link.broken, soft 404s under link.soft404, one to three absolute sorted
// referrers, nothing blocked on the benchmark portal.
func TestTruthIsConsistent(t *testing.T) {
	for _, opts := range []Options{{}, {Pages: 2000, Benchmark: true}} {
		s := start(t, opts)
		truth := s.Truth()
		if len(truth.Links) == 0 || len(truth.Columns) == 0 {
			t.Fatalf("%+v: empty truth", opts)
		}
		for _, l := range truth.Links {
			switch {
			case l.Check == "link.broken" && !l.Outcome.Broken(), l.Check == "link.soft404" && l.Outcome != checks.OutcomeSoft404:
				t.Errorf("%s: %s with outcome %s", l.Target, l.Check, l.Outcome)
			case len(l.Referrers) == 0 || len(l.Referrers) > 3:
				t.Errorf("%s: %d referrers", l.Target, len(l.Referrers))
			}
			for i, r := range l.Referrers {
				if !strings.HasPrefix(r, s.URL) || i > 0 && l.Referrers[i-1] >= r {
					t.Errorf("%s: referrers %v not absolute and sorted", l.Target, l.Referrers)
				}
			}
		}
		if opts.Benchmark && len(truth.Blocked) != 0 {
			t.Errorf("the benchmark portal plants blocked targets %v", truth.Blocked)
		}
	}
}
