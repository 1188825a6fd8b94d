package pubdate

import "testing"

func TestChineseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"二〇二四", 2024, true},
		{"二零二四", 2024, true},
		{"二○二四", 2024, true},
		{"二O二四", 2024, true},
		{"二0二四", 2024, true},
		{"一九四九", 1949, true},
		{"五", 5, true},
		{"十", 10, true},
		{"十二", 12, true},
		{"二十", 20, true},
		{"三十", 30, true},
		{"三十一", 31, true},
		{"廿", 20, true},
		{"廿一", 21, true},
		{"卅", 30, true},
		{"卅一", 31, true},
		{"二千零二十四", 2024, true},
		{"两千零二十五", 2025, true},
		{"一百零五", 105, true},
		{"", 0, false},
		{"二三十", 0, false},
		{"十十", 0, false},
		{"一廿", 0, false},
		{"二十百", 0, false},
		{"百", 0, false},
		{"年", 0, false},
		{"一二三四五六七八九一", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := chineseNumber(tc.in)
			if ok != tc.ok || (ok && got != tc.want) {
				t.Errorf("chineseNumber(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}
