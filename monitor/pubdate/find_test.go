package pubdate

import (
	"testing"
	"time"
)

func TestFind(t *testing.T) {
	type want struct {
		text  string
		date  time.Time
		label string
	}
	tests := []struct {
		name string
		in   string
		hint int
		want []want
	}{
		{
			name: "list page",
			in: "· 关于做好2025年春节期间安全生产工作的通知 2025-01-10\n" +
				"· 官渡区2024年政府信息公开工作年度报告 2025-01-20\n" +
				"· 区政府召开第42次常务会议 [12-20]\n",
			hint: 2024,
			want: []want{
				{"2025-01-10", day(2025, 1, 10), ""},
				{"2025-01-20", day(2025, 1, 20), ""},
				{"12-20", day(2024, 12, 20), ""},
			},
		},
		{
			name: "article meta",
			in:   "发布时间：2024年12月20日 10:30　来源：区政府办　成文日期: 2024-12-18 索引号：11530111MB1234567X/2024-00123",
			want: []want{
				{"2024年12月20日", day(2024, 12, 20), "发布时间"},
				{"2024-12-18", day(2024, 12, 18), "成文日期"},
			},
		},
		{
			name: "metadata table",
			in:   "索引号\t000014349/2024-00456\n发文机关\t官渡区人民政府\n成文日期\t2024年05月30日\n发布日期\t2024年06月03日\n文号\t官政规〔2024〕3号",
			want: []want{
				{"2024年05月30日", day(2024, 5, 30), "成文日期"},
				{"2024年06月03日", day(2024, 6, 3), "发布日期"},
			},
		},
		{
			name: "luokuan and body",
			in:   "本办法自2024年7月1日起施行，有效期至2029年6月30日。\n官渡区人民政府\n二〇二四年五月三十日",
			want: []want{
				{"2024年7月1日", day(2024, 7, 1), ""},
				{"2029年6月30日", day(2029, 6, 30), ""},
				{"二〇二四年五月三十日", day(2024, 5, 30), ""},
			},
		},
		{
			name: "generic labels",
			in:   "日期：2024-03-01 会议时间：2024-03-05 时间: 2024/03/08",
			want: []want{
				{"2024-03-01", day(2024, 3, 1), "日期"},
				{"2024-03-05", day(2024, 3, 5), ""},
				{"2024/03/08", day(2024, 3, 8), "时间"},
			},
		},
		{
			name: "label before bracket",
			in:   "[发布时间：[2024-01-17]]",
			want: []want{{"2024-01-17", day(2024, 1, 17), "发布时间"}},
		},
		{
			name: "phone then date",
			in:   "咨询电话：0871-67171373 2024-01-17",
			want: []want{{"2024-01-17", day(2024, 1, 17), ""}},
		},
		{
			name: "range with same separator pieces",
			in:   "2024.01.01-2024.12.31",
			want: []want{
				{"2024.01.01", day(2024, 1, 1), ""},
				{"2024.12.31", day(2024, 12, 31), ""},
			},
		},
		{
			name: "han range",
			in:   "2024年1月1日至12月31日",
			hint: 2024,
			want: []want{
				{"2024年1月1日", day(2024, 1, 1), ""},
				{"12月31日", day(2024, 12, 31), ""},
			},
		},
		{
			name: "full-width",
			in:   "生成日期：２０２４－０１－１７",
			want: []want{{"２０２４－０１－１７", day(2024, 1, 17), "生成日期"}},
		},
		{
			name: "nothing",
			in:   "官政规〔2024〕3号 电话 0871-67171373 v1.2.3 10:12:40",
			hint: 2024,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Find(tc.in, tc.hint)
			if len(got) != len(tc.want) {
				t.Fatalf("Find found %d dates %+v; want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Text != w.text || !g.Time.Equal(w.date) || g.Label != w.label {
					t.Errorf("match %d = %q %v %q; want %q %v %q", i, g.Text, g.Time, g.Label, w.text, w.date, w.label)
				}
				if tc.in[g.Start:g.End] != g.Text {
					t.Errorf("match %d: s[%d:%d] = %q, Text %q", i, g.Start, g.End, tc.in[g.Start:g.End], g.Text)
				}
			}
		})
	}
}
