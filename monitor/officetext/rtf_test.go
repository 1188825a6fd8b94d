package officetext

import (
	"fmt"
	"strings"
	"testing"
)

// rtfHex writes s as GBK \'hh escapes, the way Word writes Chinese RTF.
func rtfHex(t testing.TB, s string) string {
	var b strings.Builder
	for _, c := range gbk(t, s) {
		if c < 0x80 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, `\'%02x`, c)
		}
	}
	return b.String()
}

func TestRTF(t *testing.T) {
	tests := []struct{ name, rtf, want string }{
		{"ansicpg936", `{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 ` + rtfHex(t, "宋体") + `;}}{\colortbl;\red0\green0\blue0;}{\*\generator Msftedit;}\pard\f0\fs24 ` + rtfHex(t, "姓名：张三") + `\par ` + rtfHex(t, "身份证号110101199003071234") + `\tab 13912345678\par}`,
			"姓名：张三\n身份证号110101199003071234\t13912345678"},
		{"fcharset134 font in a 1252 document", `{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}{\f1\fcharset134 SimSun;}}\f0 Name: {\f1 ` + rtfHex(t, "李四") + `}\par}`,
			"Name: 李四"},
		{"unicode with fallback", `{\rtf1\ansi\uc1 \u24352?\u19977?\u-28526? ok\par\uc2 \u24352\'d5\'c5 end}`,
			"张三邒 ok\n张 end"},
		{"fields and hidden groups", `{\rtf1{\info{\title secret title}}{\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt link text}}{\pict\pngblip 89504e47}\par{\*\bkmkstart x}table:\cell a\cell b\row}`,
			"link text\ntable:\ta\tb"},
		{"escapes and binary", `{\rtf1 a\{b\}c\\d {\object\bin4 }}}}} e\~f}`, `a{b}c\d  e f`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := extractBytes(t, []byte(tt.rtf), "doc", Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Format != "rtf" {
				t.Errorf("format %q", d.Format)
			}
			if got := strings.TrimSpace(allText(d)); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRTFFile(t *testing.T) {
	d, err := extractFile(t, "testdata/hf.rtf", "doc")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"某某县人力资源和社会保障局", "身份证号：110101199003071234，手机：13912345678。"} {
		if !strings.Contains(allText(d), w) {
			t.Errorf("missing %q in %q", w, allText(d))
		}
	}
}
