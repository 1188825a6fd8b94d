package sampleportal

import (
	"fmt"
	"time"
)

// Now is the sample portal's reference date: its content is as fresh or as
// stale as it is meant to be when judged on this day (--now 2025-01-15).
var Now = time.Date(2025, 1, 15, 0, 0, 0, 0, china)

var china = time.FixedZone("CST", 8*3600)

// column is one section of the portal.
type column struct {
	path     string // "/xwzx/zwyw/"
	name     string
	category string
	items    int           // how many articles its list holds
	newest   time.Duration // age of the newest item at Now
	step     int           // days between items
	layout   string        // how its list writes dates
	gbk      bool          // list and articles served as GBK, charset in the meta tag only
	js       bool          // the list is filled by script from list.json
	table    bool          // the list is a table with document numbers
	empty    bool          // the list shows only 暂无信息
	minor    bool          // left out of the benchmark portal
}

const (
	layoutDash     = "2006-01-02"
	layoutSlash    = "2006/01/02"
	layoutDot      = "2006.01.02"
	layoutChinese  = "2006年01月02日"
	layoutBracket  = "[01-02]" // under a year heading
	layoutParen    = "(01-02)" // under a year heading
	layoutDateTime = "2006-01-02 15:04:05"
)

const day = 24 * time.Hour

// defaultColumns are the sample portal's columns, in navigation order.
func defaultColumns() []column {
	return []column{
		{path: "/xwzx/zwyw/", name: "政务要闻", category: "news", items: 60, newest: 1 * day, step: 2, layout: layoutDash},
		{path: "/xwzx/bmdt/", name: "部门动态", category: "news", items: 30, newest: 3 * day, step: 4, layout: layoutSlash, gbk: true},
		{path: "/tzgg/", name: "通知公告", category: "notice", items: 35, newest: 5 * day, step: 9, layout: layoutChinese},
		{path: "/xxgk/zcwj/", name: "政策文件", category: "policy", items: 20, newest: 20 * day, step: 25, layout: layoutDot, table: true},
		{path: "/zcjd/", name: "政策解读", category: "interpretation", items: 16, newest: 18 * day, step: 30, layout: layoutBracket},
		{path: "/xxgk/rsxx/", name: "人事信息", category: "personnel", items: 12, newest: 40 * day, step: 45, layout: layoutParen},
		{path: "/xxgk/ghjh/", name: "规划计划", category: "plan", empty: true},
		{path: "/hdjl/ldxx/", name: "领导信箱", category: "interaction", items: 20, newest: 2 * day, step: 6, layout: layoutDateTime},
		{path: "/xxgk/ndbg/", name: "政府信息公开年报", category: "annual", items: 5, newest: 290 * day, step: 365, layout: layoutDash, minor: true},
		{path: "/gzdt/", name: "工作动态", category: "news", items: 15, newest: 2 * day, step: 3, layout: layoutDash, js: true},
		// Columns that stopped updating: a news column quiet for 30 days (the
		// window is 14) and a notice column for 213 (the window is 180).
		{path: "/xwzx/jddt/", name: "街道动态", category: "news", items: 15, newest: 30 * day, step: 5, layout: layoutDash, minor: true},
		{path: "/gsgg/", name: "公示公告", category: "notice", items: 6, newest: 213 * day, step: 30, layout: layoutChinese, minor: true},
		// Two more empty columns: three in all is the early warning of the
		// 栏目不更新 verdict (five would be a veto).
		{path: "/xxgk/zbcg/", name: "招标采购公告", category: "notice", empty: true, minor: true},
		{path: "/xxgk/gzzj/", name: "工作总结", category: "plan", empty: true, minor: true},
	}
}

// benchColumns spread about pages pages over the seven main plain columns:
// no script, no hostile routes, so that every link checker can crawl them,
// and a navigation short enough for about ten links a page.
func benchColumns(pages int) []column {
	cols := defaultColumns()
	var out []column
	for _, c := range cols {
		if c.js || c.empty || c.minor {
			continue
		}
		out = append(out, c)
	}
	per := max(1, pages*perPage/(perPage+1)/len(out))
	for i := range out {
		out[i].items = per
		out[i].step = 1
	}
	return out
}

// perPage is how many items a list page shows.
const perPage = 20

// item is one article of a column.
type item struct {
	col   int
	index int // 0 is the newest
	id    int
	date  time.Time
}

func (p *Portal) item(col, index int) item {
	c := p.cols[col]
	d := Now.Add(-c.newest).AddDate(0, 0, -index*c.step)
	return item{col: col, index: index, id: 500000 + col*100000 + index, date: d}
}

// articlePath is the TRS-style address of an item: /tzgg/202501/t20250110_600001.html.
func (p *Portal) articlePath(it item) string {
	return fmt.Sprintf("%s%s/t%s_%d.html", p.cols[it.col].path, it.date.Format("200601"), it.date.Format("20060102"), it.id)
}

// listPath is page n (0-based) of a column's list.
func (p *Portal) listPath(col, n int) string {
	if n == 0 {
		return p.cols[col].path
	}
	return fmt.Sprintf("%sindex_%d.html", p.cols[col].path, n)
}

func (p *Portal) listPages(col int) int {
	return max(1, (p.cols[col].items+perPage-1)/perPage)
}

var (
	leaders  = []string{"区委书记", "区长", "常务副区长", "副区长", "区政协主席", "区人大常委会主任"}
	subjects = []string{"春节市场保供", "安全生产", "森林防火", "城乡环境综合整治", "营商环境优化", "乡村振兴", "民生实事", "教育均衡发展", "滇池保护治理", "招商引资"}
	verbs    = []string{"调研", "督导", "部署", "检查", "推进", "座谈"}
	notices  = []string{"关于做好%s工作的通知", "关于开展%s专项检查的通知", "关于%s有关事项的公告", "关于征求%s意见的公示"}
	policies = []string{"滇池区人民政府关于印发%s实施方案的通知", "滇池区人民政府办公室关于进一步加强%s工作的意见", "滇池区%s管理办法"}
)

// title is an item's title, as a column of that kind writes them.
func (p *Portal) title(it item) string {
	n := it.index + it.col*7
	s := subjects[n%len(subjects)]
	switch p.cols[it.col].category {
	case "notice":
		return fmt.Sprintf(notices[n%len(notices)], s)
	case "policy":
		return fmt.Sprintf(policies[n%len(policies)], s)
	case "interpretation":
		return fmt.Sprintf("一图读懂《%s实施方案》", s)
	case "personnel":
		return fmt.Sprintf("滇池区%d年公开招聘%s工作人员公告", it.date.Year(), s)
	case "interaction":
		return fmt.Sprintf("关于%s问题的咨询（编号%d）", s, it.id)
	case "annual":
		return fmt.Sprintf("滇池区人民政府%d年政府信息公开工作年度报告", it.date.Year()-1)
	}
	return fmt.Sprintf("%s%s%s工作（%d）", leaders[n%len(leaders)], verbs[n%len(verbs)], s, it.id)
}

// docNumber is a policy's 文号.
func docNumber(it item) string {
	return fmt.Sprintf("滇池政规〔%d〕%d号", it.date.Year(), it.index%30+1)
}

// attachment is a file an article links to: P0… files in the article's
// month folder, as TRS publishes them.
type attachment struct {
	name string // as the link shows it, without the extension
	ext  string // pdf, docx, xlsx
}

// attachments lists an item's files: policies carry their full text and
// sometimes a drafting note, some notices a form or a table, annual reports
// their PDF.
func (p *Portal) attachments(it item) []attachment {
	switch p.cols[it.col].category {
	case "policy":
		a := []attachment{{"实施方案（全文）", "pdf"}}
		if it.index%3 == 1 {
			a = append(a, attachment{"起草说明", "docx"})
		}
		return a
	case "notice":
		switch it.index % 4 {
		case 1:
			return []attachment{{"报名表", "docx"}}
		case 3:
			return []attachment{{"名额分配表", "xlsx"}}
		}
	case "annual":
		return []attachment{{"年度报告全文", "pdf"}}
	}
	return nil
}

// attachmentPath is the path of an item's k-th file (k from 1):
// /xxgk/zcwj/202412/P0202412205234561.pdf.
func (p *Portal) attachmentPath(it item, k int) string {
	a := p.attachments(it)[k-1]
	return fmt.Sprintf("%s%s/P0%s%d%d.%s", p.cols[it.col].path, it.date.Format("200601"), it.date.Format("20060102"), it.id, k, a.ext)
}

// pagePaths yields the path of every HTML page Server.Pages counts: the
// homepage, 机构职能, every list page and every article a crawler without a
// browser reaches (the script column's articles are not among them).
func (p *Portal) pagePaths(yield func(string) bool) {
	fixed := []string{"/"}
	if !p.opts.Benchmark {
		fixed = append(fixed, "/jgzn/")
	}
	for _, f := range fixed {
		if !yield(f) {
			return
		}
	}
	for ci, c := range p.cols {
		for n := range p.listPages(ci) {
			if !yield(p.listPath(ci, n)) {
				return
			}
		}
		for i := 0; i < c.items && !c.js; i++ {
			if !yield(p.articlePath(p.item(ci, i))) {
				return
			}
		}
	}
}
