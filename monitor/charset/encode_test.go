package charset

import (
	"net/url"
	"testing"
)

func TestEncoder(t *testing.T) {
	for _, label := range []string{"gb2312", "GBK", "gb18030", "big5", "utf-8", "shift_jis"} {
		e, ok := Encoder(label)
		if !ok {
			t.Fatalf("Encoder(%q) not found", label)
		}
		in := "官渡区"
		if label == "big5" {
			in = "繁體"
		}
		b, err := e.NewEncoder().String(in)
		if err != nil {
			t.Fatalf("%s: encode: %v", label, err)
		}
		back, err := e.NewDecoder().String(b)
		if err != nil || back != in {
			t.Fatalf("%s: round trip %q -> %q, %v", label, in, back, err)
		}
	}
	for _, label := range []string{"", "x-nonsense", "iso-2022-kr"} {
		if _, ok := Encoder(label); ok {
			t.Errorf("Encoder(%q) found an encoding", label)
		}
	}
}

func TestQueryEscape(t *testing.T) {
	tests := []struct {
		name, in, enc, want string
		wantErr             bool
	}{
		{"gbk", "官渡", "gbk", "%B9%D9%B6%C9", false},
		{"gb2312 same as gbk", "官渡", "gb2312", "%B9%D9%B6%C9", false},
		{"utf-8", "官渡", "utf-8", url.QueryEscape("官渡"), false},
		{"utf-16 pages send utf-8", "官渡", "utf-16le", url.QueryEscape("官渡"), false},
		{"big5", "繁體", "big5", "%C1c%C5%E9", false},
		{"ascii and space", "a b&c", "gbk", "a+b%26c", false},
		{"unencodable as reference", "€𠮷", "big5", "%A3%E1%26%23134071%3B", false},
		{"unknown", "x", "x-nonsense", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := QueryEscape(tc.in, tc.enc)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Fatalf("QueryEscape(%q, %q) = %q, %v; want %q", tc.in, tc.enc, got, err, tc.want)
			}
		})
	}
}
