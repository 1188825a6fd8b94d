package officetext

import (
	"strings"
	"testing"
)

func TestDOCX(t *testing.T) {
	d, err := extractBytes(t, testDOCX(t), "docx", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != "docx" || d.Truncated {
		t.Errorf("format %q truncated %v", d.Format, d.Truncated)
	}
	tests := []struct{ where, want string }{
		{whereBody, "公示名单\t第一批\n续\n"},
		{whereBody, "姓名\t身份证号\t手机\n张三\t110101199003071234\t139 12345678\n"},
		{whereBody, "链接"},
		{whereHeader, "某某县人民政府"},
		{whereFooter, "第1页"},
		{whereFootnote, "注：联系人李四"},
		{whereComment, "请核对号码"},
	}
	for _, tt := range tests {
		if got := partNamed(d, tt.where); !strings.Contains(got, tt.want) {
			t.Errorf("%s = %q, want it to contain %q", tt.where, got, tt.want)
		}
	}
	body := partNamed(d, whereBody)
	if strings.Count(body, "文本框内容") != 1 {
		t.Errorf("text box should appear once (mc:Fallback skipped): %q", body)
	}
	if strings.Contains(body, "HYPERLINK") {
		t.Errorf("field code leaked into text: %q", body)
	}
}

func TestXLSX(t *testing.T) {
	d, err := extractBytes(t, testXLSX(t), "xlsx", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Parts) != 2 || d.Parts[0].Where != "名单" || d.Parts[1].Where != "Sheet2" {
		t.Fatalf("parts = %+v", d.Parts)
	}
	want := "姓名\t身份证号\t手机\n张三\t1.10101199003071E+17\t13912345678\n李四\t110101199003071234\tTRUE\t公式结果"
	if d.Parts[0].Text != want {
		t.Errorf("sheet 1 = %q\nwant      %q", d.Parts[0].Text, want)
	}
	if d.Parts[1].Text != "备注二\t45000" {
		t.Errorf("sheet 2 = %q", d.Parts[1].Text)
	}
}

// TestSniffOverridesName: an xlsx named .xls and a docx named .doc are read
// for what they are.
func TestSniffOverridesName(t *testing.T) {
	for _, tt := range []struct {
		data       []byte
		name, want string
	}{
		{testXLSX(t), "xls", "xlsx"},
		{testXLSX(t), "et", "xlsx"},
		{testDOCX(t), "doc", "docx"},
		{testDOCX(t), "wps", "docx"},
	} {
		d, err := extractBytes(t, tt.data, tt.name, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if d.Format != tt.want {
			t.Errorf("%s read as %s, want %s", tt.name, d.Format, tt.want)
		}
	}
}

func TestTextLimit(t *testing.T) {
	d, err := extractBytes(t, testDOCX(t), "docx", Limits{MaxTextBytes: 10})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Truncated || len(allText(d)) > 12 {
		t.Errorf("truncated=%v text=%q", d.Truncated, allText(d))
	}
	d, err = extractBytes(t, testXLSX(t), "xlsx", Limits{MaxCells: 5})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Truncated || strings.Contains(allText(d), "13912345678") {
		t.Errorf("cell limit: truncated=%v text=%q", d.Truncated, allText(d))
	}
}
