package charset

import "testing"

func TestDetect(t *testing.T) {
	gbkPage := page(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, paragraph)
	plainGBK := page("", paragraph)
	tests := []struct {
		name        string
		body        []byte
		contentType string
		enc, source string
	}{
		{"empty", nil, "", "utf-8", SourceDefault},
		{"empty declared", nil, "text/html; charset=gbk", "gb18030", SourceHeader},
		{"ascii", []byte("<html><body>hello</body></html>"), "", "utf-8", SourceDefault},
		{"ascii declared gbk", []byte("<html>hello</html>"), "text/html; charset=GBK", "gb18030", SourceHeader},

		{"header gbk", gbk(t, plainGBK), "text/html; charset=GBK", "gb18030", SourceHeader},
		{"header gb2312 quoted", gbk(t, plainGBK), `text/html; charset="gb2312"`, "gb18030", SourceHeader},
		{"header gb18030", gb18030(t, page("", paragraph+rareHan)), "text/html;charset=gb18030", "gb18030", SourceHeader},
		{"header big5", big5(t, titledPage(tradTitle, "", tradTitle)), "text/html; charset=big5", "big5", SourceHeader},
		{"header utf-8", []byte(page("", paragraph)), "text/html; charset=utf-8", "utf-8", SourceHeader},
		{"header utf8 alias", []byte(page("", paragraph)), "text/html; charset=utf8", "utf-8", SourceHeader},
		{"header without charset", gbk(t, page(`<meta charset="gbk">`, paragraph)), "text/html", "gb18030", SourceMeta},

		{"meta charset", gbk(t, page(`<meta charset="gbk">`, paragraph)), "", "gb18030", SourceMeta},
		{"meta charset single quotes big5", big5(t, titledPage(tradTitle, `<meta charset='big5'>`, tradTitle)), "", "big5", SourceMeta},
		{"meta http-equiv", gbk(t, gbkPage), "", "gb18030", SourceMeta},
		{"meta reversed unquoted upper", gbk(t, page(`<META CONTENT=text/html;charset=GB2312 HTTP-EQUIV=Content-Type>`, paragraph)), "", "gb18030", SourceMeta},
		{"meta self-closing", gbk(t, page(`<meta http-equiv="content-type" content="text/html; charset=GBK" />`, paragraph)), "", "gb18030", SourceMeta},
		{"meta content without http-equiv", gbk(t, page(`<meta content="text/html; charset=gbk">`, paragraph)), "", "gb18030", SourceMeta},
		{"meta shift_jis", sjis(t, titledPage(japaneseText, `<meta charset="shift_jis">`, japaneseText)), "", "shift_jis", SourceMeta},
		{"meta utf-16 means utf-8", []byte(page(`<meta charset="utf-16">`, paragraph)), "", "utf-8", SourceMeta},
		{"meta in comment ignored", gbk(t, page(`<!-- <meta charset="utf-8"> -->`, paragraph)), "", "gb18030", SourceSniff},
		{"meta in script ignored", gbk(t, page(`<script>var s='<meta charset="big5">';</script>`, paragraph)), "", "gb18030", SourceSniff},
		{"meta past 4096 bytes", gbk(t, page(padding(5000)+`<meta charset="big5">`, paragraph)), "", "gb18030", SourceSniff},
		{"meta description ignored", gbk(t, page(`<meta name="description" content="charset=big5">`, paragraph)), "", "gb18030", SourceSniff},
		{"meta unknown then known", gbk(t, page(`<meta charset="x-nonsense"><meta charset="gbk">`, paragraph)), "", "gb18030", SourceMeta},

		{"header beats meta", gbk(t, gbkPage), "text/html; charset=GBK", "gb18030", SourceHeader},
		{"header big5 beats meta gbk", big5(t, titledPage(tradTitle, `<meta charset="gbk">`, tradTitle)), "text/html; charset=big5", "big5", SourceHeader},
		{"unknown header falls to meta", gbk(t, gbkPage), "text/html; charset=x-nonsense", "gb18030", SourceMeta},

		{"declared utf-8 header, bytes gbk", gbk(t, gbkPage), "text/html; charset=utf-8", "gb18030", SourceSniff},
		{"declared utf-8 meta, bytes gbk", gbk(t, page(`<meta charset="utf-8">`, paragraph)), "", "gb18030", SourceSniff},
		{"declared gbk header, bytes utf-8", []byte(page("", paragraph)), "text/html; charset=gbk", "utf-8", SourceSniff},
		{"declared gb2312 meta, bytes utf-8", []byte(gbkPage), "", "utf-8", SourceSniff},
		{"declared big5, bytes utf-8", []byte(titledPage(tradTitle, `<meta charset="big5">`, tradTitle)), "", "utf-8", SourceSniff},
		{"declared iso-8859-1, bytes gbk", gbk(t, plainGBK), "text/html; charset=ISO-8859-1", "gb18030", SourceSniff},
		{"declared iso-8859-1, latin", append([]byte("<p>"), 'C', 'a', 'f', 0xE9, '<'), "text/html; charset=iso-8859-1", "windows-1252", SourceHeader},
		{"declared utf-16 header, ascii bytes", []byte(page("", paragraph)), "text/html; charset=utf-16", "utf-8", SourceSniff},
		{"declared utf-8, one bad byte", append([]byte(page("", paragraph)), 0xFF, 'x'), "text/html; charset=utf-8", "utf-8", SourceHeader},
		{"declared gbk, damaged utf-8", append([]byte(page("", paragraph)), 0xFF), "text/html; charset=gbk", "utf-8", SourceSniff},
		{"declared gbk, one utf-8 character is too little", []byte("<p>中</p>"), "text/html; charset=gbk", "gb18030", SourceHeader},

		{"sniff gbk", gbk(t, plainGBK), "", "gb18030", SourceSniff},
		{"sniff gbk after long ascii head", gbk(t, page(padding(20000), paragraph)), "", "gb18030", SourceSniff},
		{"sniff utf-8", []byte(plainGBK), "", "utf-8", SourceSniff},
		{"sniff utf-8 truncated mid-character", []byte(plainGBK)[:len(page("", ""))+4], "", "utf-8", SourceSniff},
		{"sniff big5", big5(t, titledPage(tradTitle, "", tradTitle)), "", "big5", SourceSniff},
		{"sniff latin is not gbk", []byte("Caf\xe9 R\xe9sum\xe9"), "", "utf-8", SourceDefault},

		{"bom utf-8", append([]byte("\xEF\xBB\xBF"), page("", paragraph)...), "text/html; charset=gbk", "utf-8", SourceBOM},
		{"bom utf-16le", utf16le(t, page("", paragraph)), "text/html; charset=utf-8", "utf-16le", SourceBOM},
		{"bom utf-16be", utf16be(t, page("", paragraph)), "", "utf-16be", SourceBOM},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			enc, source := Detect(tc.body, tc.contentType)
			if enc != tc.enc || source != tc.source {
				t.Fatalf("Detect = %q, %q; want %q, %q", enc, source, tc.enc, tc.source)
			}
		})
	}
}

func TestCharsetParam(t *testing.T) {
	tests := []struct{ in, want string }{
		{"text/html; charset=gb2312", "gb2312"},
		{"text/html;charset=GBK", "GBK"},
		{`text/html; charset="utf-8"`, "utf-8"},
		{"text/html; charset='big5'; foo=bar", "big5"},
		{"text/html; CHARSET = gb18030 ", "gb18030"},
		{"text/html; charsetx; charset=gbk", "gbk"},
		{`text/html; charset="gbk`, ""},
		{"text/html", ""},
		{"", ""},
		{"charset=", ""},
		{"\xf8ChArset=gbk", "gbk"}, // invalid UTF-8 must not shift offsets
		{"\xf8ChArset", ""},
	}
	for _, tc := range tests {
		if got := charsetParam(tc.in); got != tc.want {
			t.Errorf("charsetParam(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"GBK", "gb18030", true},
		{"gb2312", "gb18030", true},
		{"x-gbk", "gb18030", true},
		{"GB18030", "gb18030", true},
		{" UTF-8 ", "utf-8", true},
		{"utf8", "utf-8", true},
		{"Big5", "big5", true},
		{"big5-hkscs", "big5", true},
		{"Shift_JIS", "shift_jis", true},
		{"iso-8859-1", "windows-1252", true},
		{"us-ascii", "windows-1252", true},
		{"utf-16", "utf-16le", true},
		{"iso-2022-kr", "", false}, // the replacement encoding
		{"x-nonsense", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		got, ok := canonical(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("canonical(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
