package format

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
)

func sample() []checks.Finding {
	at := time.Date(2025, 1, 15, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	refs := []map[string]any{}
	for _, p := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		refs = append(refs, map[string]any{"page": "http://www.dc.gov.cn/" + p + ".html", "text": "通知" + p})
	}
	return []checks.Finding{
		{ID: "2", Check: "link.soft404", Severity: checks.SeverityDeduct, Site: "dc", Unit: "dc-office", URL: "http://www.dc.gov.cn/x.html",
			Target: "http://www.dc.gov.cn/gone.html", Title: "链接“旧文”指向的页面显示不存在（软404）", FirstSeen: at, LastSeen: at,
			Detail: map[string]any{"referrers": refs[:1], "referrer_count": 1}},
		{ID: "1", Check: "link.broken", Severity: checks.SeverityDeduct, Site: "dc", Unit: "dc-office", URL: "http://www.dc.gov.cn/a.html",
			Target: "http://www.dc.gov.cn/404.html", Title: "链接“通知a”无法访问（HTTP 404）", FirstSeen: at, LastSeen: at,
			Detail: map[string]any{"referrers": refs, "referrer_count": 9, "status": 404}},
	}
}

func TestWriteJSONLRoundTrips(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, JSONL, sample()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines", len(lines))
	}
	var f map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &f); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"id", "check", "severity", "site", "unit", "url", "target", "title", "detail", "first_seen", "last_seen"} {
		if _, ok := f[field]; !ok {
			t.Errorf("jsonl lacks the contract field %q", field)
		}
	}
	if _, ok := f["rectified_at"]; ok {
		t.Error("rectified_at must be absent while a finding is open")
	}
	if f["first_seen"] != "2025-01-15T00:00:00+08:00" {
		t.Errorf("first_seen %v is not RFC 3339", f["first_seen"])
	}
	if strings.Contains(buf.String(), `\u003c`) {
		t.Error("HTML-escaped output")
	}
}

func TestWriteJSONEmptyIsArray(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, JSON, nil); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(buf.String()) != "[]" {
		t.Fatalf("got %q", buf.String())
	}
}

func TestWriteTable(t *testing.T) {
	fs := sample()
	Sort(fs)
	var buf bytes.Buffer
	if err := Write(&buf, Table, fs); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"1. [扣分] link.broken  链接“通知a”无法访问（HTTP 404）",
		"目标  http://www.dc.gov.cn/404.html",
		"出现于 http://www.dc.gov.cn/a.html（“通知a”）",
		"… 另有 4 处",
		"2. [扣分] link.soft404",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "xml", nil); err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Fatalf("err %v", err)
	}
}
