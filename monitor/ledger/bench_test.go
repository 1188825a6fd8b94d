package ledger

import (
	"context"
	"fmt"
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

// BenchmarkRecord records batches of 500 new findings, one transaction each,
// into a ledger that grows as the benchmark runs.
func BenchmarkRecord(b *testing.B) {
	ctx := context.Background()
	l := openTemp(b)
	const batchSize = 500
	batches := make([][]checks.Finding, 0, 64)
	for i := range cap(batches) {
		batches = append(batches, realisticBatch("gd-portal", i, batchSize, day(0)))
	}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		batch := batches[i%len(batches)]
		if i >= len(batches) {
			// New ids each round: fresh inserts, the expensive case.
			b.StopTimer()
			batch = realisticBatch("gd-portal", i, batchSize, day(0))
			b.StartTimer()
		}
		if err := l.Record(ctx, fmt.Sprint("c", i), batch); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	_ = start
	b.ReportMetric(float64(b.N*batchSize)/b.Elapsed().Seconds(), "findings/s")
}
