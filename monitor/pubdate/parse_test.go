package pubdate

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		hint int
		want time.Time // zero: no date
	}{
		// Full numeric dates.
		{"iso", "2024-01-17", 0, day(2024, 1, 17)},
		{"single digits", "2024-1-7", 0, day(2024, 1, 7)},
		{"with time", "2024-01-17 10:12:40", 0, day(2024, 1, 17)},
		{"iso T", "2024-01-17T10:12:40+08:00", 0, day(2024, 1, 17)},
		{"slashes", "2024/12/31", 0, day(2024, 12, 31)},
		{"dots", "2024.01.17", 0, day(2024, 1, 17)},
		{"list line", "关于做好2025年春节期间安全生产工作的通知 2025-01-10", 0, day(2025, 1, 10)},
		{"list line dots", "·官渡区2024年第四季度重点工作完成情况2024.12.31", 0, day(2024, 12, 31)},
		{"full-width", "２０２４－０１－１７", 0, day(2024, 1, 17)},
		{"full-width slash", "２０２４／１２／３１", 0, day(2024, 12, 31)},
		{"bracketed full", "[2024-01-17]", 0, day(2024, 1, 17)},
		{"leap day", "2024-02-29", 0, day(2024, 2, 29)},
		{"range dots", "有效期2024.01.01-2026.12.31", 0, day(2024, 1, 1)},
		{"1949", "1949-10-01", 0, day(1949, 10, 1)},

		// Chinese-style dates.
		{"han", "2023年10月11日", 0, day(2023, 10, 11)},
		{"han spaces", "2023 年 10 月 11 日", 0, day(2023, 10, 11)},
		{"han ideographic space", "2023年　1月　1日", 0, day(2023, 1, 1)},
		{"han full-width", "２０２４年１月１７日", 0, day(2024, 1, 17)},
		{"han hao", "2024年3月5号", 0, day(2024, 3, 5)},
		{"labelled han", "发布时间：2024年12月20日 10:30", 0, day(2024, 12, 20)},
		{"luokuan", "昆明市官渡区人民政府办公室\n二〇二四年五月三十日", 0, day(2024, 5, 30)},
		{"luokuan december", "二〇二四年十二月三十一日", 0, day(2024, 12, 31)},
		{"luokuan ling", "二零二三年一月五日", 0, day(2023, 1, 5)},
		{"luokuan circle", "二○二二年十月十日", 0, day(2022, 10, 10)},
		{"luokuan nian", "二〇二四年二月廿九日", 0, day(2024, 2, 29)},
		{"luokuan spaced", "二〇二四 年 五 月 三十 日", 0, day(2024, 5, 30)},
		{"luokuan mixed digits", "二0二四年五月三十日", 0, day(2024, 5, 30)},
		{"luokuan mixed year", "2024年五月三十日", 0, day(2024, 5, 30)},

		// Month-day list dates take the hint.
		{"square", "[12-20]", 2024, day(2024, 12, 20)},
		{"paren", "(01-17)", 2024, day(2024, 1, 17)},
		{"full-width paren", "（01-17）", 2024, day(2024, 1, 17)},
		{"lenticular", "【1/7】", 2024, day(2024, 1, 7)},
		{"bare", "区政府召开常务会议 01-17", 2024, day(2024, 1, 17)},
		{"han month-day", "1月17日", 2024, day(2024, 1, 17)},
		{"han month-day text", "今年1月17日召开", 2025, day(2025, 1, 17)},
		{"no hint square", "[12-20]", 0, time.Time{}},
		{"no hint han", "1月17日", 0, time.Time{}},
		{"month-day invalid", "[02-30]", 2024, time.Time{}},
		{"feb 29 non-leap", "[02-29]", 2023, time.Time{}},
		{"hint out of range", "[01-17]", 1800, time.Time{}},

		// Eight digits only alone.
		{"eight alone", "20240117", 0, day(2024, 1, 17)},
		{"eight alone spaced", " 20240117\n", 0, day(2024, 1, 17)},
		{"eight labelled", "发布日期：20240117", 0, day(2024, 1, 17)},
		{"eight in text", "联系电话20240117", 0, time.Time{}},
		{"eight in id", "编号 20240117 号", 0, time.Time{}},
		{"nine digits", "202401170", 0, time.Time{}},

		// Not dates.
		{"empty", "", 2024, time.Time{}},
		{"phone", "联系电话：0871-67171373", 2024, time.Time{}},
		{"phone parens", "(0871)67171373", 2024, time.Time{}},
		{"phone dashes", "0871-6717-1373", 2024, time.Time{}},
		{"mobile", "13888888888", 2024, time.Time{}},
		{"document number", "官政规〔2024〕3号", 2024, time.Time{}},
		{"document number 12", "云政办发〔2024〕12号", 2024, time.Time{}},
		{"index number", "11530111MB1234567X/2024-00123", 2024, time.Time{}},
		{"index number 2", "000014349/2024-00456", 2024, time.Time{}},
		{"index with date-like tail", "11530111MB1234567X-2024-01-0001", 2024, time.Time{}},
		{"version", "v2.1.3", 2024, time.Time{}},
		{"version dated", "v2024.01.17", 2024, time.Time{}},
		{"version chain", "1.2024.01.17", 0, time.Time{}},
		{"ip", "10.12.1.15", 2024, time.Time{}},
		{"time alone", "10:12:40", 2024, time.Time{}},
		{"time range", "10:12-11:30", 2024, time.Time{}},
		{"bad month", "2024-13-45", 0, time.Time{}},
		{"bad day", "2024-02-30", 0, time.Time{}},
		{"month zero", "2024-00-10", 0, time.Time{}},
		{"old year", "1900-01-01", 0, time.Time{}},
		{"future year", "2101-01-01", 0, time.Time{}},
		{"mixed separators", "2024-01/17", 0, time.Time{}},
		{"year month", "2024年1月", 2024, time.Time{}},
		{"year only", "2024年度", 2024, time.Time{}},
		{"amount range", "办理时限10-15个工作日", 2024, time.Time{}},
		{"people range", "参加人数12-20人", 2024, time.Time{}},
		{"decimal", "增长12.20%", 2024, time.Time{}},
		{"fraction", "1/2", 2024, time.Time{}},
		{"short year", "24年1月17日", 2024, time.Time{}},
		{"luokuan bad day", "二〇二四年二月三十日", 0, time.Time{}},
		{"ten years", "十年五月一日", 0, time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Parse(tc.in, tc.hint)
			if ok != !tc.want.IsZero() || !got.Equal(tc.want) {
				t.Fatalf("Parse(%q, %d) = %v, %v; want %v", tc.in, tc.hint, got, ok, tc.want)
			}
			if ok {
				checkDate(t, got)
			}
		})
	}
}

// Parse must agree with the first match of Find.
func TestParseIsFirstOfFind(t *testing.T) {
	inputs := []string{
		"[01-17] 2024-02-03",
		"2024-02-03 [01-17]",
		"电话0871-67171373，发布时间：2024-01-17",
		"自2024年1月1日起至12月31日止",
		"二〇二四年五月三十日 2023-01-01",
	}
	for _, in := range inputs {
		ms := Find(in, 2024)
		got, ok := Parse(in, 2024)
		if len(ms) == 0 {
			if ok {
				t.Errorf("%q: Parse found %v, Find nothing", in, got)
			}
			continue
		}
		if !ok || !got.Equal(ms[0].Time) {
			t.Errorf("%q: Parse = %v, %v; Find[0] = %v", in, got, ok, ms[0].Time)
		}
	}
}
