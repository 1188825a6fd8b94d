package wording

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/checks/checktest"
)

func check(t *testing.T, cfg Config, p *checks.Page) []checks.Finding {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var got []checks.Finding
	if err := c.(checks.PageCheck).CheckPage(context.Background(), p, checks.ReporterFunc(func(f checks.Finding) { got = append(got, f) })); err != nil {
		t.Fatal(err)
	}
	return got
}

func article(text string, published time.Time) *checks.Page {
	return &checks.Page{URL: "http://www.dc.gov.cn/a.html", Text: text, Article: &checks.Article{PubDate: published}}
}

func TestCheckPage(t *testing.T) {
	after := time.Date(2024, 5, 30, 0, 0, 0, 0, time.UTC)
	before := time.Date(2016, 5, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		page     *checks.Page
		want     []string // titles
		evidence string
	}{
		{"typos, each once with its count", article("请各单位按装消防设施。各单位要按装到位！既使困难也要完成。", after),
			[]string{"错误表述“按装”，应为“安装”", "错误表述“既使”，应为“即使”"}, "请各单位【按装】消防设施。"},
		{"correct words are quiet", article("请各单位安装消防设施，即使困难也要部署到位。", after), nil, ""},
		{"an old institution name on a page published after the reform", article("区食品药品监督管理局开展节前检查。", after),
			[]string{"错误表述“食品药品监督管理局”，应为“市场监督管理局”"}, ""},
		{"the same name on a page from before the reform", article("区食品药品监督管理局开展节前检查。", before), nil, ""},
		{"the former name, called former", article("原区食品药品监督管理局的职责划入区市场监督管理局。", after), nil, ""},
		{"an undated page is not judged for institution names", &checks.Page{URL: "http://x/", Text: "区环境保护局"}, nil, ""},
		{"allow-listed longer word", article("市生态环境保护局召开会议。", after), nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := check(t, DefaultConfig(), tc.page)
			var titles []string
			for _, f := range got {
				titles = append(titles, f.Title)
			}
			if strings.Join(titles, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("got %q, want %q", titles, tc.want)
			}
			if tc.evidence != "" && got[0].Evidence != tc.evidence {
				t.Errorf("evidence %q, want %q", got[0].Evidence, tc.evidence)
			}
			if len(got) > 0 && got[0].Detail["count"] != strings.Count(tc.page.Text, got[0].Detail["wrong"].(string)) {
				t.Errorf("count %v", got[0].Detail["count"])
			}
		})
	}
}

func TestOperatorDictionary(t *testing.T) {
	dir := t.TempDir()
	dict := filepath.Join(dir, "local.tsv")
	os.WriteFile(dict, []byte("# 本地词表\n滇池区政府办\t滇池区人民政府办公室\tname\tnotice\n"), 0o644)
	got := check(t, Config{Dictionaries: []string{dict}}, article("请滇池区政府办牵头。", time.Now()))
	if len(got) != 1 || got[0].Severity != checks.SeverityNotice {
		t.Fatalf("got %+v", got)
	}
	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(bad, []byte("错\t对\ttypo\tsevere\n"), 0o644)
	if _, err := New(Config{Dictionaries: []string{bad}}); err == nil || !strings.Contains(err.Error(), "bad.tsv:1: severity \"severe\"") {
		t.Fatalf("error %v does not name the file and line", err)
	}
}

func TestMatcherFindsOverlaps(t *testing.T) {
	m := newMatcher([]string{"he", "she", "his", "hers"})
	var got []string
	m.find("ushers", func(h hit) { got = append(got, m.words[h.word]) })
	if strings.Join(got, ",") != "she,he,hers" {
		t.Fatalf("got %v", got)
	}
}

func TestContract(t *testing.T) {
	c, _ := New(DefaultConfig())
	checktest.Run(t, c)
}

func BenchmarkCheckPage(b *testing.B) {
	c, _ := New(DefaultConfig())
	text := strings.Repeat("为深入贯彻落实区委、区政府决策部署，扎实做好安全生产各项工作，现将有关事项通知如下。", 2000)
	p := &checks.Page{URL: "http://x/", Text: text}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		c.(checks.PageCheck).CheckPage(context.Background(), p, checks.ReporterFunc(func(checks.Finding) {}))
	}
}

func TestSensitiveLists(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "sensitive.tsv")
	os.WriteFile(list, []byte("# 类别示例\n腐败\t廉政\tnotice\n赌博\t违法\tdeduct\n"), 0o644)
	tests := []struct {
		text string
		want []string
	}{
		{"某网站链接到赌博平台。", []string{"出现敏感词“赌博”（违法）"}},
		{"深入推进反腐败斗争，坚决打击赌博违法犯罪。", nil},
		{"整治群众身边的腐败问题。", nil},
		{"个别干部腐败堕落。", []string{"出现敏感词“腐败”（廉政）"}},
	}
	for _, tc := range tests {
		got := check(t, Config{Sensitive: []string{list}}, article(tc.text, time.Now()))
		var titles []string
		for _, f := range got {
			if f.Check != Sensitive {
				t.Errorf("%s: check %s", tc.text, f.Check)
			}
			titles = append(titles, f.Title)
		}
		if strings.Join(titles, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.text, titles, tc.want)
		}
	}
	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(bad, []byte("腐败\t廉政\n"), 0o644)
	if _, err := New(Config{Sensitive: []string{bad}}); err == nil || !strings.Contains(err.Error(), "bad.tsv:1: want word, category, severity") {
		t.Fatalf("error %v does not name the file and line", err)
	}
}

func TestOfficials(t *testing.T) {
	cfg := Config{Officials: []Official{
		{Name: "王建华", Titles: []string{"区委书记"}, Since: "2023-01-10", WrongNames: []string{"王建化"}},
		{Name: "李明", Titles: []string{"副区长"}, Since: "2022-06-01"},
	}}
	after := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	before := time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		page *checks.Page
		want []string
	}{
		{"right title before and after the name", article("区委书记王建华主持会议，王建华书记强调……副区长李明出席。", after), nil},
		{"a mistyped name", article("区委书记王建化主持会议。", before), []string{"严重表述错误：“王建化”，应为“王建华”"}},
		{"a deputy called the head", article("区长李明出席会议。", after), []string{"严重表述错误：“区长李明”，应为“李明（副区长）”"}},
		{"a longer wrong title is one finding", article("常务副区长李明出席。", after), []string{"严重表述错误：“常务副区长李明”，应为“李明（副区长）”"}},
		{"the head called the deputy", article("王建华副书记出席。", after), []string{"严重表述错误：“王建华副书记”，应为“王建华（区委书记）”"}},
		{"before the appointment titles are not judged", article("区长李明出席会议。", before), nil},
		{"a former title, called former", article("时任区长李明出席会议。", after), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var titles []string
			for _, f := range check(t, cfg, tc.page) {
				if f.Severity != checks.SeverityVeto {
					t.Errorf("severity %s", f.Severity)
				}
				titles = append(titles, f.Title)
			}
			if strings.Join(titles, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", titles, tc.want)
			}
		})
	}
	if _, err := New(Config{Officials: []Official{{Name: "李明"}}}); err == nil || err.Error() != "wording: officials[0].titles: name at least one current title" {
		t.Errorf("got %v", err)
	}
}
