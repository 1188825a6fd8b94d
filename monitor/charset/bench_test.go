package charset

import (
	"strings"
	"testing"
)

// BenchmarkDecodeGBK decodes a 100 KB GBK article page with a GB2312 meta;
// go test reports MB/s.
func BenchmarkDecodeGBK(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>` + title + `</title>`)
	sb.WriteString(`<script src="/js/jquery.min.js"></script></head><body><div class="content">`)
	for sb.Len() < 100<<10 {
		sb.WriteString(`<p style="text-indent:2em">` + paragraph + `</p>` + "\n")
	}
	sb.WriteString(`</div></body></html>`)
	body := gbk(b, sb.String())
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, enc, err := Decode(body, "text/html"); err != nil || enc != "gb18030" {
			b.Fatalf("Decode = %q, %v", enc, err)
		}
	}
}
