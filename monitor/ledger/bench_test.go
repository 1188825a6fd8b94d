package ledger

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
)

// realisticBatch is one crawl's worth of findings of one site, shaped like
// what the checks emit: Chinese titles, masked evidence, detail maps.
func realisticBatch(site string, crawl, n int, at time.Time) []checks.Finding {
	kinds := []string{"link.broken", "column.stale", "privacy.phone", "privacy.id_number", "wording.error"}
	out := make([]checks.Finding, n)
	for i := range n {
		check := kinds[i%len(kinds)]
		url := fmt.Sprintf("https://www.example.gov.cn/xxgk/zcwj/%d/%d.html", crawl, i)
		f := checks.Finding{
			Check:    check,
			Severity: checks.SeverityDeduct,
			URL:      url,
			Target:   fmt.Sprintf("https://www.example.gov.cn/uploads/%d/附件%d.pdf", crawl, i),
		}
		switch check {
		case "link.broken":
			f.Title = "链接无法访问（HTTP 404）：关于印发《官渡区政务公开工作要点》的通知附件"
			f.Detail = map[string]any{"status": 404, "anchor": "附件：工作要点.pdf", "referrers": 3}
		case "column.stale":
			f.Severity = checks.SeverityVeto
			f.Title = "栏目“通知公告”已 213 天未更新"
			f.Detail = map[string]any{"days": 213, "limit_days": 14, "last_item": "2024-06-16", "column": "通知公告"}
		case "privacy.phone", "privacy.id_number":
			f.Severity = checks.SeverityVeto
			f.Title = "页面公开了个人手机号码"
			f.Evidence = "……联系人：张某某，联系电话：138****5678，身份证号：530102********1234……"
			f.Detail = map[string]any{"kind": "phone", "count": 2, "position": 1834}
		case "wording.error":
			f.Title = "严重表述错误：“中华人民共和国”误写"
			f.Evidence = "……坚持以习近平新时代中国特色社会主义思想为指导……"
			f.Detail = map[string]any{"matched": "中华人民共合国", "suggestion": "中华人民共和国"}
		}
		out[i] = checks.Stamp(f, site, "gd-office", at)
	}
	return out
}

// BenchmarkRecord records batches of 500 findings, one transaction each:
// "new" inserts fresh ids into a ledger that grows as the benchmark runs (the
// expensive case, and a first crawl); "seen again" re-records known findings
// with a later last_seen (the daily steady state).
func BenchmarkRecord(b *testing.B) {
	const batchSize, distinct = 500, 64
	ctx := context.Background()
	b.Run("new", func(b *testing.B) {
		l := openTemp(b)
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			batch := realisticBatch("gd-portal", i, batchSize, day(0))
			b.StartTimer()
			if err := l.Record(ctx, fmt.Sprint("c", i), batch); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*batchSize)/b.Elapsed().Seconds(), "findings/s")
	})
	b.Run("seen again", func(b *testing.B) {
		l := openTemp(b)
		batches := make([][]checks.Finding, distinct)
		for i := range batches {
			batches[i] = realisticBatch("gd-portal", i, batchSize, day(0))
			if err := l.Record(ctx, "c0", batches[i]); err != nil {
				b.Fatal(err)
			}
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			batch := batches[i%distinct]
			for j := range batch {
				batch[j].LastSeen = day(1 + i)
			}
			b.StartTimer()
			if err := l.Record(ctx, fmt.Sprint("c", i+1), batch); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*batchSize)/b.Elapsed().Seconds(), "findings/s")
	})
}

// BenchmarkCompleteCrawl closes a complete crawl of a site with 100,000 open
// findings: "all seen" is the daily case (nothing rectified), "10% gone"
// rectifies 10,000. Each run starts from a copy of the same ledger file.
func BenchmarkCompleteCrawl(b *testing.B) {
	const total = 100_000
	ctx := context.Background()
	dir := b.TempDir()
	template := filepath.Join(dir, "template.db")
	ids := fillLedger(b, template, total)
	checksRun := []string{"link.broken", "column.stale", "privacy.phone", "privacy.id_number", "wording.error"}

	for _, tc := range []struct {
		name          string
		seen          []string
		wantRectified int
	}{
		{"all seen", ids, 0},
		{"10% gone", ids[total/10:], total / 10},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				path := filepath.Join(dir, fmt.Sprintf("run-%d.db", i))
				copyFile(b, template, path)
				l, err := Open(path)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				n, err := l.CompleteCrawl(ctx, "c-next", "gd-portal", checksRun, tc.seen, true, day(1))
				b.StopTimer()
				if err != nil || n != tc.wantRectified {
					b.Fatalf("rectified %d, %v; want %d", n, err, tc.wantRectified)
				}
				l.Close()
				os.Remove(path)
				os.Remove(path + "-wal")
				os.Remove(path + "-shm")
				b.StartTimer()
			}
			b.ReportMetric(float64(b.N*total)/b.Elapsed().Seconds(), "findings/s")
		})
	}
}

func copyFile(b *testing.B, from, to string) {
	src, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		b.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		b.Fatal(err)
	}
}

// fillLedger records total open findings of one site at path, in batches of
// 500, closes the ledger and returns the ids.
func fillLedger(b *testing.B, path string, total int) []string {
	const batchSize = 500
	ctx := context.Background()
	l, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for i := 0; i < total/batchSize; i++ {
		batch := realisticBatch("gd-portal", i, batchSize, day(0))
		if err := l.Record(ctx, fmt.Sprint("c", i), batch); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, idsOf(batch)...)
	}
	if err := l.Close(); err != nil { // checkpoints the WAL into the file
		b.Fatal(err)
	}
	return ids
}

// BenchmarkQueries measures what the console and /metrics ask of a ledger
// holding 100,000 open findings.
func BenchmarkQueries(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "ledger.db")
	fillLedger(b, path, 100_000)
	l, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	b.Run("OpenCounts", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := l.OpenCounts(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Findings page of 50", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			es, err := l.Findings(ctx, Query{Site: "gd-portal", Check: "privacy.phone", Status: StatusOpen, Limit: 50, Offset: 1000})
			if err != nil || len(es) != 50 {
				b.Fatal(len(es), err)
			}
		}
	})
	b.Run("Rectification", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, _, err := l.Rectification(ctx, "gd-portal", day(-90), day(1)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
