package pubdate

import (
	"testing"
	"time"
)

func TestFromURL(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want time.Time
	}{
		{"trs", "http://www.kmgd.gov.cn/zwgk/202401/t20240105_77829401.html", day(2024, 1, 5)},
		{"trs relative", "./202401/t20240105_77829401.html", day(2024, 1, 5)},
		{"trs bare", "t20231231_123.shtml", day(2023, 12, 31)},
		{"trs t-date wins over folder", "/202312/t20240102_1.html", day(2024, 1, 2)},
		{"hanweb", "https://www.zj.gov.cn/art/2020/8/26/art_1229_123.html", day(2020, 8, 26)},
		{"dated folder", "https://www.example.gov.cn/c/2025-04-11/6994614.shtml", day(2025, 4, 11)},
		{"gov.cn", "https://www.gov.cn/zhengce/content/2024-01/17/content_6926612.htm", day(2024, 1, 17)},
		{"eight folder", "/xwdt/20240117/abc.html", day(2024, 1, 17)},
		{"slash folders", "/news/2024/01/17/123.html", day(2024, 1, 17)},
		{"year and monthday", "/news/2024/0117/c123.html", day(2024, 1, 17)},
		{"query ignored", "/list.html?t20240105_1", time.Time{}},
		{"month only", "/zwgk/202401/abc.html", time.Time{}},
		{"invalid trs", "/202401/t20241345_1.html", time.Time{}},
		{"no date", "https://www.kmgd.gov.cn/index.html", time.Time{}},
		{"id not date", "/art_1229_20240117.html", time.Time{}},
		{"empty", "", time.Time{}},
		{"bad url", "http://%zz/t20240105_1.html", day(2024, 1, 5)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := FromURL(tc.in)
			if ok != !tc.want.IsZero() || !got.Equal(tc.want) {
				t.Fatalf("FromURL(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
			}
		})
	}
}
