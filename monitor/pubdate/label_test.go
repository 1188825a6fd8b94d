package pubdate

import (
	"testing"
	"time"
)

func TestLabelled(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		date  time.Time
		label string
	}{
		{"publication", "发布时间：2024年12月20日 10:30", day(2024, 12, 20), "发布时间"},
		{"ascii colon spaces", "发布日期 :  2024-01-17", day(2024, 1, 17), "发布日期"},
		{"no colon", "发布日期 2024-01-17", day(2024, 1, 17), "发布日期"},
		{"prefer publication over written", "成文日期：2024-05-30 发布日期：2024-06-03", day(2024, 6, 3), "发布日期"},
		{"written only", "成文日期：2024-05-30 文号：官政规〔2024〕3号", day(2024, 5, 30), "成文日期"},
		{"issued", "印发日期：2024-05-31", day(2024, 5, 31), "印发日期"},
		{"public", "公开日期：2024-06-01 成文日期：2024-05-30", day(2024, 6, 1), "公开日期"},
		{"first of equals", "发布时间：2024-06-01 发布日期：2024-06-02", day(2024, 6, 1), "发布时间"},
		{"generic last", "时间：2024-06-05 成文日期：2024-05-30", day(2024, 5, 30), "成文日期"},
		{"generic alone", "时间：2024-06-05 来源：本站", day(2024, 6, 5), "时间"},
		{"not a label", "截止时间：2024-06-05", time.Time{}, ""},
		{"unlabelled", "2024-06-05", time.Time{}, ""},
		{"month-day ignored", "发布时间：[06-05]", time.Time{}, ""},
		{"eight digits", "发布日期：20240117", day(2024, 1, 17), "发布日期"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, label, ok := Labelled(tc.in)
			if ok != !tc.date.IsZero() || !got.Equal(tc.date) || label != tc.label {
				t.Fatalf("Labelled(%q) = %v, %q, %v; want %v, %q", tc.in, got, label, ok, tc.date, tc.label)
			}
		})
	}
}
