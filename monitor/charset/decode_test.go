package charset

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecode(t *testing.T) {
	gbkPage := page(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, paragraph)
	tests := []struct {
		name        string
		body        []byte
		contentType string
		want        string // the decoded text
		enc         string
	}{
		{"empty", nil, "", "", "utf-8"},
		{"gbk by header", gbk(t, page("", paragraph)), "text/html; charset=gbk", page("", paragraph), "gb18030"},
		{"gb2312 by meta", gbk(t, gbkPage), "", gbkPage, "gb18030"},
		{"gb18030 rare character declared gbk", gb18030(t, page("", paragraph+rareHan)), "text/html; charset=gbk", page("", paragraph+rareHan), "gb18030"},
		{"big5 by meta", big5(t, titledPage(tradTitle, `<meta charset="big5">`, tradTitle)), "", titledPage(tradTitle, `<meta charset="big5">`, tradTitle), "big5"},
		{"shift_jis by header", sjis(t, japaneseText), "text/html; charset=Shift_JIS", japaneseText, "shift_jis"},
		{"windows-1252", []byte("Caf\xe9 R\xe9sum\xe9"), "text/html; charset=latin1", latinTitle, "windows-1252"},
		{"utf-8", []byte(page("", paragraph)), "text/html; charset=utf-8", page("", paragraph), "utf-8"},
		{"gbk declared utf-8", gbk(t, gbkPage), "text/html; charset=UTF-8", gbkPage, "gb18030"},
		{"utf-8 declared gb2312", []byte(gbkPage), "", gbkPage, "utf-8"},
		{"undeclared gbk", gbk(t, title+"，"+paragraph), "", title + "，" + paragraph, "gb18030"},
		{"bom utf-8 stripped", append([]byte("\xEF\xBB\xBF"), title...), "", title, "utf-8"},
		{"bom utf-16le stripped", utf16le(t, title), "", title, "utf-16le"},
		{"bom utf-16be stripped", utf16be(t, title), "", title, "utf-16be"},
		{"bom gb18030 stripped", append([]byte{0x84, 0x31, 0x95, 0x33}, gb18030(t, title)...), "", title, "gb18030"},
		{"invalid utf-8 replaced", []byte("ab\xffcd"), "text/html; charset=utf-8", "ab\uFFFDcd", "utf-8"},
		{"invalid gbk replaced", append(gbk(t, title), 0xFF), "text/html; charset=gbk", title + "\uFFFD", "gb18030"},
		{"truncated gbk", gbk(t, title)[:5], "text/html; charset=gbk", "关于\uFFFD", "gb18030"},
		{"odd utf-16", append(utf16le(t, "ab"), 'c'), "", "ab\uFFFD", "utf-16le"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, enc, err := Decode(tc.body, tc.contentType)
			if err != nil {
				t.Fatalf("Decode error: %v", err)
			}
			if text != tc.want || enc != tc.enc {
				t.Fatalf("Decode = %q, %q; want %q, %q", text, enc, tc.want, tc.enc)
			}
			if !utf8.ValidString(text) {
				t.Fatalf("Decode returned invalid UTF-8")
			}
		})
	}
}

func TestDecodeUnsupported(t *testing.T) {
	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantErr     bool
		want        string
	}{
		{"unknown label, latin bytes", []byte("Caf\xe9"), "text/html; charset=x-nonsense", true, "Caf\uFFFD"},
		{"replacement encoding", []byte("\x1b$)C\x0e\x21\xa1"), "text/html; charset=iso-2022-kr", true, "\x1b$)C\x0e!\uFFFD"},
		{"unknown meta, latin bytes", []byte(`<meta charset="x-nonsense">Caf` + "\xe9"), "", true, `<meta charset="x-nonsense">Caf` + "\uFFFD"},
		{"unknown label rescued by gbk bytes", gbk(t, title+paragraph), "text/html; charset=x-nonsense", false, title + paragraph},
		{"unknown label rescued by utf-8 bytes", []byte(title), "text/html; charset=x-nonsense", false, title},
		{"unknown label, ascii", []byte("hello"), "text/html; charset=x-nonsense", false, "hello"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, enc, err := Decode(tc.body, tc.contentType)
			if (err != nil) != tc.wantErr {
				t.Fatalf("Decode error = %v; want error %v", err, tc.wantErr)
			}
			if err != nil && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("error %v does not wrap ErrUnsupported", err)
			}
			if err != nil && enc != "utf-8" {
				t.Fatalf("best effort encoding = %q; want utf-8", enc)
			}
			if text != tc.want {
				t.Fatalf("text = %q; want %q", text, tc.want)
			}
		})
	}
}

// A GBK page whose template includes a UTF-8 fragment decodes by the
// majority; the fragment is damaged but the text stays valid.
func TestDecodeMixedPage(t *testing.T) {
	body := append(gbk(t, page("", strings.Repeat(paragraph, 5))), "<footer>版权所有</footer>"...)
	text, enc, err := Decode(body, "")
	if err != nil || enc != "gb18030" {
		t.Fatalf("Decode = %q, %v; want gb18030", enc, err)
	}
	if !strings.Contains(text, title) || !utf8.ValidString(text) {
		t.Fatalf("mixed page text wrong: %q", text)
	}
}
