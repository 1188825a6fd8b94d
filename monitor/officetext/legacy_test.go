package officetext

import (
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
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in %q", w, text)
				}
			}
		})
	}
}
