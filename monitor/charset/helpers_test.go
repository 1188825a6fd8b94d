package charset

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Texts as they appear on the sites.
const (
	title        = "关于印发《官渡区政府信息公开指南》的通知"
	paragraph    = "为进一步做好政府信息公开工作，根据《中华人民共和国政府信息公开条例》，现将有关事项通知如下。"
	rareHan      = "𠮷" // outside GBK: four bytes in GB18030
	tradTitle    = "繁體中文：關於印發《政府資訊公開指南》的通知"
	japaneseText = "日本語のページです"
	latinTitle   = "Café Résumé"
)

// encode returns s in e, failing the test if it cannot.
func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

// page wraps a body in a minimal HTML page with the given head markup and
// the simplified-Chinese title.
func page(head, body string) string { return titledPage(title, head, body) }

// titledPage wraps a body in a minimal HTML page with the given title.
func titledPage(title, head, body string) string {
	return "<!DOCTYPE html>\n<html>\n<head>\n" + head + "\n<title>" + title + "</title>\n</head>\n<body><h1>" +
		title + "</h1><p>" + body + "</p></body>\n</html>\n"
}

// Encoded forms of pages, built from UTF-8 strings with x/text encoders.
func gbk(t testing.TB, s string) []byte     { return encode(t, simplifiedchinese.GBK, s) }
func gb18030(t testing.TB, s string) []byte { return encode(t, simplifiedchinese.GB18030, s) }
func big5(t testing.TB, s string) []byte    { return encode(t, traditionalchinese.Big5, s) }
func sjis(t testing.TB, s string) []byte    { return encode(t, japanese.ShiftJIS, s) }
func utf16le(t testing.TB, s string) []byte {
	return encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), s)
}
func utf16be(t testing.TB, s string) []byte {
	return encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), s)
}

// padding returns n bytes of ASCII markup, to push things past the prescan.
func padding(n int) string {
	return "<!--" + strings.Repeat("x", n) + "-->"
}
