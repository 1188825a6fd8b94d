package charset

import (
	"strings"
	"testing"
)

func TestScanUTF8(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want utf8Stats
	}{
		{"empty", nil, utf8Stats{}},
		{"ascii", []byte("hello"), utf8Stats{}},
		{"chinese", []byte("官渡区，通知"), utf8Stats{multi: 6, cjk: 6}},
		{"latin", []byte("Café"), utf8Stats{multi: 1}},
		{"truncated tail", []byte("官渡区")[:8], utf8Stats{multi: 2, cjk: 2}},
		{"bad byte", []byte("官\xff渡"), utf8Stats{multi: 2, cjk: 2, bad: 1}},
		{"bad tail", []byte("官\xff"), utf8Stats{multi: 1, cjk: 1, bad: 1}},
		// 官渡 in GBK: B9 is bad, D9 B6 happens to be valid (Arabic), and
		// C9 at the end could be a cut-off character.
		{"gbk", []byte{0xB9, 0xD9, 0xB6, 0xC9}, utf8Stats{multi: 1, bad: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := scanUTF8(tc.in); got != tc.want {
				t.Fatalf("scanUTF8(%q) = %+v; want %+v", tc.in, got, tc.want)
			}
		})
	}
}

func TestLooksGB18030(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want bool
	}{
		{"gbk chinese", gbk(t, title+paragraph), true},
		{"gbk after ascii", gbk(t, strings.Repeat("<script>var a=1;</script>", 100)+title), true},
		{"gb18030 rare", gb18030(t, title+rareHan), true},
		{"gbk one char", gbk(t, "<p>中</p>"), false},
		{"ascii", []byte("hello"), false},
		{"latin-1", []byte("Caf\xe9 R\xe9sum\xe9 na\xefve"), false},
		{"random high bytes", []byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, false},
		{"long gbk cut in sample", gbk(t, strings.Repeat("政", gbSample)), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := looksGB18030(tc.in); got != tc.want {
				t.Fatalf("looksGB18030 = %v; want %v", got, tc.want)
			}
		})
	}
}

func TestMetaLabel(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"charset", `<meta charset="gbk">`, "gbk"},
		{"charset unquoted", `<meta charset=gb2312>`, "gb2312"},
		{"charset spaces", `<meta charset=" utf-8 ">`, "utf-8"},
		{"http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, "gb2312"},
		{"http-equiv reversed", `<meta content="text/html; charset=GBK" http-equiv="content-type">`, "GBK"},
		{"http-equiv single quotes", `<meta http-equiv='Content-Type' content='text/html;charset=big5'>`, "big5"},
		{"http-equiv unquoted upper", `<META HTTP-EQUIV=CONTENT-TYPE CONTENT=TEXT/HTML;CHARSET=GB2312>`, "GB2312"},
		{"quoted inside content", `<meta http-equiv="Content-Type" content='text/html; charset="gbk"'>`, "gbk"},
		{"other http-equiv", `<meta http-equiv="X-UA-Compatible" content="IE=edge; charset=big5">`, ""},
		{"name content", `<meta name="keywords" content="charset=big5">`, ""},
		{"first known wins", `<meta charset="x-nonsense"><meta charset="gbk"><meta charset="big5">`, "gbk"},
		{"only unknown", `<meta charset="x-nonsense">`, "x-nonsense"},
		{"comment", `<!-- <meta charset="big5"> -->`, ""},
		{"style", `<style>/* <meta charset="big5"> */</style>`, ""},
		{"unterminated", `<meta charset="gbk`, ""},
		{"none", `<html><head><title>x</title></head></html>`, ""},
		{"past limit", padding(prescanLimit) + `<meta charset="gbk">`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := metaLabel([]byte(tc.in)); got != tc.want {
				t.Fatalf("metaLabel(%q) = %q; want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestBOM(t *testing.T) {
	tests := []struct {
		in   []byte
		enc  string
		size int
	}{
		{[]byte("\xEF\xBB\xBFx"), "utf-8", 3},
		{[]byte("\xFF\xFEx\x00"), "utf-16le", 2},
		{[]byte("\xFE\xFF\x00x"), "utf-16be", 2},
		{[]byte("\x84\x31\x95\x33"), "gb18030", 4},
		{[]byte("\xEF\xBB"), "", 0},
		{nil, "", 0},
	}
	for _, tc := range tests {
		if enc, n := bom(tc.in); enc != tc.enc || n != tc.size {
			t.Errorf("bom(%q) = %q, %d; want %q, %d", tc.in, enc, n, tc.enc, tc.size)
		}
	}
}
