package officetext

import (
	"encoding/binary"
	"os"
	"strings"
	"testing"
)

// The legacy files were made by LibreOffice from testdata/gov.html and a
// CSV of the same people (soffice --convert-to doc / xls).
func TestLegacyFiles(t *testing.T) {
	tests := []struct {
		file, format, wantFormat string
		want                     []string
	}{
		{"testdata/gov.doc", "doc", "doc", []string{"某某县2024年低保对象公示", "联系人王五", "张三\t110101199003071234\t13912345678", "0571-12345678"}},
		{"testdata/gov.doc", "wps", "doc", []string{"张三"}},
		{"testdata/hf.doc", "doc", "doc", []string{"关于张三同志任职的公示\n身份证号：110101199003071234，手机：13912345678。\n详见网站\n"}},
		{"testdata/gov.xls", "xls", "xls", []string{"姓名\t身份证号\t手机", "张三\t110101199003071234\t13912345678", "含,逗号"}},
		{"testdata/gov.xls", "et", "xls", []string{"李四"}},
		// multi.xls: an SST long enough to need CONTINUE records, two sheets,
		// an 18-digit number, a formula with a string result.
		{"testdata/multi.xls", "xls", "xls", []string{"序号\t姓名\t住址", "400\t", "幸福路400号院4单元", "身份证号\t110101199003071230\n手机\t13912345678\n金额\t1234.5\t2469\t张三先生"}},
	}
	for _, tt := range tests {
		t.Run(tt.file+" as "+tt.format, func(t *testing.T) {
			d, err := extractFile(t, tt.file, tt.format)
			if err != nil {
				t.Fatal(err)
			}
			if d.Format != tt.wantFormat {
				t.Errorf("format %q", d.Format)
			}
			text := allText(d)
			if tt.file == "testdata/hf.doc" {
				if h := partNamed(d, "页眉页脚"); !strings.Contains(h, "某某县人力资源和社会保障局") || !strings.Contains(h, "0571-87654321") {
					t.Errorf("headers and footers = %q", h)
				}
			}
			if tt.file == "testdata/multi.xls" && (len(d.Parts) != 2 || d.Parts[0].Where != "名单" || d.Parts[1].Where != "联系方式") {
				t.Errorf("sheets = %v", d.Parts)
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in %q", w, text)
				}
			}
		})
	}
}

// TestDocFallback breaks the CLX location in the FIB: the text is then
// found by scanning the WordDocument stream for UTF-16 Chinese runs.
func TestDocFallback(t *testing.T) {
	doc, err := os.ReadFile("testdata/gov.doc")
	if err != nil {
		t.Fatal(err)
	}
	patched := false
	for off := 512; off+0x1AA < len(doc); off += 512 {
		if doc[off] == 0xEC && doc[off+1] == 0xA5 {
			binary.LittleEndian.PutUint32(doc[off+0x1A6:], 0) // lcbClx
			patched = true
			break
		}
	}
	if !patched {
		t.Fatal("no FIB found")
	}
	d, err := extractBytes(t, doc, "doc", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"某某县2024年低保对象公示", "以下人员信息请核对，联系人王五。"} {
		if !strings.Contains(allText(d), w) {
			t.Errorf("missing %q in %q", w, allText(d))
		}
	}
}
