package privacy

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/checks/checktest"
)

func TestValidID(t *testing.T) {
	for _, id := range []string{"11010519491231002X", "440524188001010014", "350303199002033073", "33050219880702447X", "33050219880702447x"} {
		if !ValidID(id) {
			t.Errorf("%s is valid (RULES.md §5)", id)
		}
	}
	for _, id := range []string{"340524198001010013", "990524198001010014", "110105194913310025"} {
		if ValidID(id) {
			t.Errorf("%s is not valid", id)
		}
	}
}

func TestLuhn(t *testing.T) {
	for _, n := range []string{"6200000000000005", "6205500000000000004", "4111111111111111"} {
		if !Luhn(n) {
			t.Errorf("%s passes Luhn", n)
		}
	}
	if Luhn("79927398710") {
		t.Error("79927398710 fails Luhn")
	}
}

func run(t *testing.T, text string) []checks.Finding {
	t.Helper()
	c, err := New(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var got []checks.Finding
	err = c.(checks.PageCheck).CheckPage(context.Background(), &checks.Page{URL: "http://www.dc.gov.cn/a.html", Text: text},
		checks.ReporterFunc(func(f checks.Finding) { got = append(got, f) }))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestCheckPage(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		want     map[string]int // check → count
		evidence string         // of the first finding, if set
	}{
		{"resident ID in a subsidy list", "2024年困难群众临时救助名单：张三 身份证号 11010519491231002X 救助金额 2000元", map[string]int{IDNumber: 1},
			"2024年困难群众临时救助名单：张三 身份证号 110105********002X 救助金额 2000元"},
		{"masked IDs are safe", "张三 1101**********002X 李四 110105********0014", nil, ""},
		{"invalid checksum is not an ID", "编号 340524198001010013", nil, ""},
		{"an ID inside a longer number is not an ID", "统一社会信用代码 911101051101051949123100", nil, ""},
		{"legacy 15-digit ID only beside the word", "身份证：110105491231002 其他编号 110105491231002", map[string]int{IDNumber: 1}, ""},
		{"mobile numbers", "联系人：王五，手机13912345678；李六 18687654321", map[string]int{Phone: 2}, "联系人：王五，手机139****5678；李六 186****4321"},
		{"two numbers one character apart", "13912345678、13987654321", map[string]int{Phone: 2}, ""},
		{"office landlines are expected", "咨询电话：0871-67171373，传真：0871-67171374", nil, ""},
		{"masked mobile is safe", "联系电话：139****5678", nil, ""},
		{"a 1-number outside the segments", "编号 12345678901 和 14012345678", nil, ""},
		{"bank card beside its word", "收款账号：6205500000000000004 开户行：农业银行", map[string]int{BankCard: 1}, ""},
		{"a Luhn number without the word is an order number", "订单 6205500000000000004", nil, ""},
		{"secret markings", "机密★1年 关于……的通知。内部资料，注意保存", map[string]int{Secret: 2}, ""},
		{"the word 秘密 alone is not a marking", "保守国家秘密是每个公民的义务", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := run(t, tc.text)
			counts := map[string]int{}
			for _, f := range got {
				counts[f.Check] = f.Detail["count"].(int)
			}
			if len(counts) != len(tc.want) {
				t.Fatalf("got %v, want %v", counts, tc.want)
			}
			for k, n := range tc.want {
				if counts[k] != n {
					t.Errorf("%s: %d, want %d", k, counts[k], n)
				}
			}
			if tc.evidence != "" && got[0].Evidence != tc.evidence {
				t.Errorf("evidence %q, want %q", got[0].Evidence, tc.evidence)
			}
		})
	}
}

// TestNothingLeaks writes every finding as JSON and looks for the values.
func TestNothingLeaks(t *testing.T) {
	secrets := []string{"11010519491231002X", "440524188001010014", "13912345678", "6205500000000000004"}
	text := "名单：" + strings.Join([]string{"甲 " + secrets[0], "乙 " + secrets[1], "手机 " + secrets[2], "银行卡号 " + secrets[3]}, "；") + "。"
	for _, f := range run(t, strings.Repeat(text, 3)) {
		b, _ := json.Marshal(f)
		for _, s := range secrets {
			if strings.Contains(string(b), s) || (len(s) >= 16 && strings.Contains(string(b), s[:12])) {
				t.Errorf("finding %s leaks %s: %s", f.Check, s, b)
			}
		}
	}
}

func TestContract(t *testing.T) {
	c, _ := New(DefaultConfig())
	checktest.Run(t, c)
}

func FuzzExcerptMasks(f *testing.F) {
	f.Add("身份证 11010519491231002X 手机13912345678")
	f.Fuzz(func(t *testing.T, text string) {
		all := find(text)
		for _, m := range all {
			out := excerpt(text, all, m)
			// The excerpt may show digits that are part of a longer number
			// (not personal data), but nothing in it may read as a value.
			for _, x := range find(out) {
				if x.kind != Secret {
					t.Fatalf("excerpt %q of %q shows %s %q", out, text, x.kind, x.value)
				}
			}
		}
	})
}

func TestCheckAttachment(t *testing.T) {
	const page = "http://www.dc.gov.cn/tzgg/202412/t20241220_1.html"
	tests := []struct {
		name     string
		a        checks.Attachment
		want     map[string]int
		title    string // of the first finding
		evidence string
		where    []string
	}{
		{name: "IDs over two sheets make one finding",
			a: checks.Attachment{Name: "2024年临时救助名单.xlsx", Parts: []checks.TextPart{
				{Where: "救助名单", Text: "序号\t姓名\t身份证号\n1\t张三\t11010519491231002X\n2\t李四\t440524188001010014"},
				{Where: "Sheet2", Text: "备注\t无"},
				{Where: "复核", Text: "张三\t11010519491231002X"}}},
			want: map[string]int{IDNumber: 3}, title: "附件“2024年临时救助名单.xlsx”公开了 3 个身份证号码",
			evidence: "救助名单：序号 姓名 身份证号 1 张三 110105********002X 2 李四 440524********0014", where: []string{"救助名单", "复核"}},
		{name: "a clean file", a: checks.Attachment{Name: "实施方案.pdf", Parts: []checks.TextPart{{Where: "第1页", Text: "咨询电话：0871-67171373"}}}},
		{name: "an unreadable file is a notice", a: checks.Attachment{Name: "报名表.doc", Unreadable: "文件已加密"},
			want: map[string]int{Unreadable: 0}, title: "附件“报名表.doc”无法读取，未能检查其中的个人信息和密级标志"},
	}
	c, _ := New(DefaultConfig())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.a.URL, tc.a.Page = "http://www.dc.gov.cn/tzgg/202412/P020241220.xlsx", page
			var got []checks.Finding
			if err := c.(checks.AttachmentCheck).CheckAttachment(context.Background(), &tc.a, checks.ReporterFunc(func(f checks.Finding) { got = append(got, f) })); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %v", got, tc.want)
			}
			for _, f := range got {
				if n, ok := tc.want[f.Check]; !ok || (f.Check != Unreadable && f.Detail["count"] != n) {
					t.Errorf("got %s %v, want %v", f.Check, f.Detail["count"], tc.want)
				}
				if f.URL != tc.a.URL || f.Detail["page"] != page {
					t.Errorf("finding at %s from %v, want the file and its page", f.URL, f.Detail["page"])
				}
				b, _ := json.Marshal(f)
				if strings.Contains(string(b), "11010519491231002X") || strings.Contains(string(b), "440524188001010014") {
					t.Errorf("finding leaks a value: %s", b)
				}
			}
			if len(got) == 0 {
				return
			}
			if got[0].Title != tc.title {
				t.Errorf("title %q, want %q", got[0].Title, tc.title)
			}
			if tc.evidence != "" && got[0].Evidence != tc.evidence {
				t.Errorf("evidence %q, want %q", got[0].Evidence, tc.evidence)
			}
			if tc.where != nil && !slices.Equal(got[0].Detail["where"].([]string), tc.where) {
				t.Errorf("where %v, want %v", got[0].Detail["where"], tc.where)
			}
		})
	}
}
