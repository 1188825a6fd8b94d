package pubdate

import (
	"strings"
	"testing"
)

func TestStandsAlone(t *testing.T) {
	tests := []struct {
		name string
		s    string // the token is marked with ⟨⟩
		sep  rune
		want bool
	}{
		{"alone", "⟨2024-01-17⟩", '-', true},
		{"spaces", "通知 ⟨2024-01-17⟩ 发布", '-', true},
		{"han around", "于⟨2024-01-17⟩发布", '-', true},
		{"digit before", "1⟨2024-01-17⟩", '-', false},
		{"letter before", "v⟨2024.01.17⟩", '.', false},
		{"full-width letter before", "Ｖ⟨2024.01.17⟩", '.', false},
		{"digit after", "⟨2024-01-17⟩5", '-', false},
		{"chain before", "1.⟨2024.01.17⟩", '.', false},
		{"chain after", "⟨2024-01-17⟩-001", '-', false},
		{"other separator after", "⟨2024.01.01⟩-2024.12.31", '.', true},
		{"other separator before", "2024.01.01-⟨2024.12.31⟩", '.', true},
		{"letter after", "⟨2024-01-17⟩T10:00", '-', true},
		{"time after", "⟨2024-01-17⟩ 10:12", '-', true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := strings.Index(tc.s, "⟨")
			s := strings.Replace(tc.s, "⟨", "", 1)
			end := strings.Index(s, "⟩")
			s = strings.Replace(s, "⟩", "", 1)
			if got := standsAlone(s, start, end, tc.sep); got != tc.want {
				t.Errorf("standsAlone(%q, %d, %d) = %v; want %v", s, start, end, got, tc.want)
			}
		})
	}
}

func TestLabelBefore(t *testing.T) {
	tests := []struct{ before, want string }{
		{"发布时间：", "发布时间"},
		{"发布时间:", "发布时间"},
		{"发布时间 ： ", "发布时间"},
		{"发布时间\u3000", "发布时间"},
		{"信息发布日期：", "发布日期"},
		{"成文日期\t", "成文日期"},
		{"公开日期：[", "公开日期"},
		{"印发日期（", "印发日期"},
		{"生成日期：", "生成日期"},
		{"时间：", "时间"},
		{"来源：本站 日期：", "日期"},
		{"会议时间：", ""},
		{"截止日期：", ""},
		{"发布时间：xx ", ""},
		{"：", ""},
		{"", ""},
	}
	for _, tc := range tests {
		s := tc.before + "2024-01-17"
		if got := labelBefore(s, len(tc.before)); got != tc.want {
			t.Errorf("labelBefore(%q) = %q; want %q", s, got, tc.want)
		}
	}
}

func TestBracketed(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"[01-17]", true},
		{"[ 01-17 ]", true},
		{"【01-17】", true},
		{"(01-17)", true},
		{"（01-17）", true},
		{"[01-17)", false},
		{"〔01-17〕", false},
		{"01-17", false},
		{"[01-17", false},
	}
	for _, tc := range tests {
		i := strings.Index(tc.s, "01")
		if got := bracketed(tc.s, i, i+len("01-17")); got != tc.want {
			t.Errorf("bracketed(%q) = %v; want %v", tc.s, got, tc.want)
		}
	}
}

func TestCivil(t *testing.T) {
	tests := []struct {
		y, m, d int
		ok      bool
	}{
		{2024, 2, 29, true},
		{2023, 2, 29, false},
		{2024, 4, 31, false},
		{2024, 12, 31, true},
		{2024, 13, 1, false},
		{2024, 0, 1, false},
		{2024, 1, 0, false},
		{2024, 1, 32, false},
		{1949, 1, 1, true},
		{1948, 12, 31, false},
		{2100, 12, 31, true},
		{2101, 1, 1, false},
	}
	for _, tc := range tests {
		got, ok := civil(tc.y, tc.m, tc.d)
		if ok != tc.ok {
			t.Errorf("civil(%d, %d, %d) ok = %v; want %v", tc.y, tc.m, tc.d, ok, tc.ok)
		}
		if ok && (got.Year() != tc.y || int(got.Month()) != tc.m || got.Day() != tc.d || got.Location() != China) {
			t.Errorf("civil(%d, %d, %d) = %v", tc.y, tc.m, tc.d, got)
		}
	}
}
