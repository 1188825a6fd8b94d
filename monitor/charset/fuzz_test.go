package charset

import (
	"testing"
	"unicode/utf8"
)

// sources are the values Detect may report.
var sources = map[string]bool{SourceBOM: true, SourceHeader: true, SourceMeta: true, SourceSniff: true, SourceDefault: true}

func fuzzSeeds(f *testing.F) {
	f.Add([]byte(""), "")
	f.Add([]byte(page(`<meta charset="gbk">`, paragraph)), "text/html; charset=utf-8")
	f.Add(gbk(f, page(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, paragraph)), "")
	f.Add(big5(f, titledPage(tradTitle, `<meta charset=big5>`, tradTitle)), "text/html")
	f.Add(utf16le(f, title), "")
	f.Add([]byte("\x84\x31\x95\x33\x81"), "text/html; charset=x-nonsense")
	f.Add([]byte("<meta content='text/html;charset=\"utf-16\"'>\xff\xfe"), "text/html; charset=\"")
}

func FuzzDecode(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		text, enc, _ := Decode(body, contentType)
		if !utf8.ValidString(text) {
			t.Fatalf("Decode returned invalid UTF-8 %q", text)
		}
		if _, ok := Encoder(enc); !ok {
			t.Fatalf("Decode returned unusable encoding %q", enc)
		}
	})
}

func FuzzDetect(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		enc, source := Detect(body, contentType)
		if !sources[source] {
			t.Fatalf("unknown source %q", source)
		}
		if c, ok := canonical(enc); !ok || c != enc {
			t.Fatalf("Detect returned non-canonical %q", enc)
		}
	})
}
