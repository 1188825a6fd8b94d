package pubdate

import (
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"2024-01-17 10:12:40",
	"发布时间：2024年12月20日 10:30",
	"二〇二四年十二月三十一日",
	"[12-20] （01-17） 1月17日",
	"0871-67171373 官政规〔2024〕3号 11530111MB1234567X/2024-00123",
	"２０２４－０１－１７ 20240117",
	"2024.01.01-2024.12.31",
	"\xff\xfe2024-\xe4",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 2024)
	}
	f.Fuzz(func(t *testing.T, s string, hint int) {
		if got, ok := Parse(s, hint); ok {
			checkDate(t, got)
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 2024)
	}
	f.Fuzz(func(t *testing.T, s string, hint int) {
		end := 0
		for _, m := range Find(s, hint) {
			checkDate(t, m.Time)
			if m.Start < end || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("bad offsets %d..%d after %d in %q", m.Start, m.End, end, s)
			}
			if s[m.Start:m.End] != m.Text {
				t.Fatalf("s[%d:%d] = %q, Text %q", m.Start, m.End, s[m.Start:m.End], m.Text)
			}
			if utf8.ValidString(s) && !utf8.ValidString(m.Text) {
				t.Fatalf("match %q splits a character", m.Text)
			}
			if m.Label != "" && labelRank[m.Label] == 0 {
				t.Fatalf("unknown label %q", m.Label)
			}
			end = m.End
		}
		if got, label, ok := Labelled(s); ok {
			checkDate(t, got)
			if labelRank[label] == 0 {
				t.Fatalf("Labelled returned unknown label %q", label)
			}
		}
	})
}

func FuzzFromURL(f *testing.F) {
	for _, s := range []string{
		"/zwgk/202401/t20240105_77829401.html",
		"/art/2020/8/26/art_1229_123.html",
		"/c/2025-04-11/6994614.shtml",
		"/zhengce/2024-01/17/content_123.htm",
		"/20240117/abc.html",
		"http://%zz/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, u string) {
		if got, ok := FromURL(u); ok {
			checkDate(t, got)
		}
	})
}
