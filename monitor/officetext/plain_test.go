package officetext

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func gbk(t testing.TB, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16le(t testing.TB, s string) []byte {
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPlainText(t *testing.T) {
	const csvText = "姓名,身份证号,手机\r\n张三,110101199003071234,13912345678\r\n李四,\"含,逗号\",13800001111\r\n"
	const wantCSV = "姓名\t身份证号\t手机\n张三\t110101199003071234\t13912345678\n李四\t含,逗号\t13800001111"
	const txt = "联系人：张三，身份证号110101199003071234，手机13912345678。"
	tests := []struct {
		name   string
		data   []byte
		format string
		want   string
	}{
		{"csv utf-8", []byte(csvText), "csv", wantCSV},
		{"csv utf-8 bom", append([]byte("\xEF\xBB\xBF"), csvText...), "csv", wantCSV},
		{"csv gbk", gbk(t, csvText), "csv", wantCSV},
		{"csv utf-16 bom", utf16le(t, csvText), "csv", wantCSV},
		{"txt gbk", gbk(t, txt), "txt", txt},
		{"txt utf-8", []byte(txt), "txt", txt},
		{"txt utf-16", utf16le(t, txt), "txt", txt},
		{"csv saved as xls", gbk(t, csvText), "xls", wantCSV},
		{"html saved as doc", []byte("<html><head><meta charset=gbk><style>p{}</style></head><body><p>" + txt + "</p><table><tr><td>张三</td><td>13912345678</td></tr></table></body></html>"), "doc", txt + "\n张三\t13912345678"},
		{"html gbk saved as xls", append([]byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><table><tr><td>`), gbk(t, "张三</td><td>13912345678</td></tr></table></body></html>")...), "xls", "张三\t13912345678"},
		{"word 2003 xml", []byte(`<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>张三</w:t></w:r></w:p><w:binData w:name="x.png">iVBORw0KGgo=</w:binData></w:body></w:wordDocument>`), "doc", "张三"},
		{"excel 2003 xml", []byte(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell><Data>张三</Data></Cell><Cell><Data>13912345678</Data></Cell></Row></Table></Worksheet></Workbook>`), "xls", "张三\t13912345678"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := extractBytes(t, tt.data, tt.format, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if got := allText(d); strings.TrimSpace(got) != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestPlainTextLimit(t *testing.T) {
	data := gbk(t, strings.Repeat("张三身份证号110101199003071234\n", 1000))
	d, err := extractBytes(t, data, "txt", Limits{MaxTextBytes: 1001})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Truncated || len(allText(d)) > 1002 || strings.ContainsRune(allText(d), '\uFFFD') {
		t.Errorf("truncated=%v len=%d", d.Truncated, len(allText(d)))
	}
}

func TestHTMLFile(t *testing.T) {
	d, err := extractFile(t, "testdata/gov.html", "doc")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"张三\t110101199003071234\t13912345678", "联系人王五"} {
		if !strings.Contains(allText(d), want) {
			t.Errorf("missing %q in %q", want, allText(d))
		}
	}
}
