package sampleportal

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/govwatch/govwatch/checks"
)

const siteName = "滇池区人民政府"

// page writes the frame every page shares: meta tags, the header with its
// script clock, the navigation, the planted links of this path and the
// footer with the site's identity.
func (p *Portal) page(path, title string, gbk bool, metas [][2]string, body string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>")
	if gbk {
		b.WriteString(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`)
	} else {
		b.WriteString(`<meta charset="utf-8">`)
	}
	fmt.Fprintf(&b, "<title>%s_%s</title>\n", html.EscapeString(title), siteName)
	metas = append([][2]string{{"SiteName", siteName}, {"SiteDomain", "www.dianchi.gov.cn"}, {"SiteIDCode", "5301110001"}}, metas...)
	for _, m := range metas {
		fmt.Fprintf(&b, "<meta name=%q content=%q>\n", m[0], m[1])
	}
	if !p.opts.Benchmark {
		// The benchmark portal keeps to about ten links a page, as the
		// benchmark's brief asks; these would add four more to each.
		b.WriteString(`<link rel="stylesheet" href="/css/site.css"><script src="/js/site.js"></script>`)
	}
	b.WriteString("</head><body>\n")
	b.WriteString(`<div class="header"><span id="today"></span><script>document.getElementById("today").innerHTML=new Date().toLocaleDateString("zh-CN");</script>`)
	if !p.opts.Benchmark {
		b.WriteString(`<img src="/images/logo.png" alt="滇池区人民政府">`)
	}
	b.WriteString("</div>\n")
	b.WriteString(p.nav())
	b.WriteString(`<div class="main">` + body + "</div>\n")
	b.WriteString(p.plantedLinks(path))
	if p.opts.Benchmark {
		b.WriteString(strings.Replace(footer, `<img src="/images/dzjg.png" alt="党政机关">`, "", 1))
	} else {
		b.WriteString(footer)
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

func (p *Portal) nav() string {
	var b strings.Builder
	b.WriteString(`<div class="nav"><ul>`)
	if !p.opts.Benchmark {
		b.WriteString(`<li><a href="/">首页</a></li>`)
	}
	for _, c := range p.cols {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, c.path, c.name)
	}
	if !p.opts.Benchmark {
		b.WriteString(`<li><a href="/jgzn/">机构职能</a></li>`)
	}
	b.WriteString("</ul></div>\n")
	return b.String()
}

const footer = `<div class="footer"><img src="/images/dzjg.png" alt="党政机关">
<p>主办单位：滇池区人民政府办公室　联系电话：0871-67171373　网站标识码：5301110001</p>
<p>滇ICP备05000001号　滇公网安备 53011102000001号</p></div>
`

// plantedLinks renders the links planted on one page.
func (p *Portal) plantedLinks(path string) string {
	ps := p.planted[path]
	if it, ok := p.itemAt(path); ok {
		if bp, ok := p.benchBroken(it); ok {
			ps = append(ps, bp)
		}
	}
	if len(ps) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<div class="xglj"><h4>相关链接</h4><ul>`)
	for _, pl := range ps {
		switch pl.kind {
		case checks.KindImage:
			fmt.Fprintf(&b, `<li><img src="%s" alt="%s"></li>`, pl.href, pl.text)
		case checks.KindScript:
			fmt.Fprintf(&b, `<script src="%s"></script>`, pl.href)
		case checks.KindStylesheet:
			fmt.Fprintf(&b, `<link rel="stylesheet" href="%s">`, pl.href)
		default:
			fmt.Fprintf(&b, `<li><a href="%s" target="_blank">%s</a></li>`, html.EscapeString(pl.href), pl.text)
		}
	}
	b.WriteString("</ul></div>\n")
	return b.String()
}

// home is the homepage: latest news and notices, a banner, friend links.
func (p *Portal) home() string {
	var b strings.Builder
	b.WriteString(`<div class="banner"><img src="/images/banner.jpg" alt="滇池风光"></div>`)
	for _, col := range []int{0, 2} {
		fmt.Fprintf(&b, `<div class="news"><h2><a href="%s">%s</a></h2><ul>`, p.cols[col].path, p.cols[col].name)
		for i := 0; i < min(6, p.cols[col].items); i++ {
			it := p.item(col, i)
			fmt.Fprintf(&b, `<li><a href="%s">%s</a><span>%s</span></li>`, p.articlePath(it), p.title(it), it.date.Format("01-02"))
		}
		b.WriteString("</ul></div>\n")
	}
	return p.page("/", "首页", false, nil, b.String())
}

// list renders page n of a column's list.
func (p *Portal) list(col, n int) string {
	c := p.cols[col]
	metas := [][2]string{{"ColumnName", c.name}, {"ColumnType", c.name}}
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="%s">%s</a></div>`, c.path, c.name)
	switch {
	case c.empty:
		b.WriteString(`<div class="list"><ul></ul><p class="noinfo">暂无信息</p></div>`)
	case c.js:
		b.WriteString(`<div class="list"><ul id="list"></ul></div><script>fetch("list.json").then(function(r){return r.json()}).then(function(items){` +
			`var ul=document.getElementById("list");items.forEach(function(it){var li=document.createElement("li");` +
			`li.innerHTML='<a href="'+it.url+'">'+it.title+'</a><span>'+it.date+'</span>';ul.appendChild(li)})})</script>`)
	default:
		b.WriteString(p.listBody(col, n))
		pages := p.listPages(col)
		fmt.Fprintf(&b, `<div class="pagination"><script>createPageHTML(%d, %d, "index", "html");</script>`, pages, n)
		if n+1 < pages {
			fmt.Fprintf(&b, `<a href="index_%d.html">下一页</a>`, n+1)
		}
		b.WriteString("</div>")
	}
	return p.page(p.listPath(col, n), c.name, c.gbk, metas, b.String())
}

// listBody writes the items of one list page in the column's own layout.
func (p *Portal) listBody(col, n int) string {
	c := p.cols[col]
	var b strings.Builder
	if c.table {
		b.WriteString(`<table class="zcwj"><tr><th>标题</th><th>文号</th><th>发布日期</th></tr>`)
	} else {
		b.WriteString(`<div class="list"><ul>`)
	}
	year := 0
	for i := n * perPage; i < min((n+1)*perPage, c.items); i++ {
		it := p.item(col, i)
		date := it.date.Format(c.layout)
		switch {
		case c.table:
			fmt.Fprintf(&b, `<tr><td><a href="%s">%s</a></td><td>%s</td><td>%s</td></tr>`, p.articlePath(it), p.title(it), docNumber(it), date)
			continue
		case c.layout == layoutBracket || c.layout == layoutParen:
			if it.date.Year() != year {
				year = it.date.Year()
				fmt.Fprintf(&b, `</ul><h3 class="year">%d年</h3><ul>`, year)
			}
		case c.layout == layoutDateTime:
			date = it.date.Add(9*time.Hour + 30*time.Minute).Format(layoutDateTime)
		}
		fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a><span class="date">%s</span></li>`, p.articlePath(it), p.title(it), p.title(it), date)
	}
	if c.table {
		b.WriteString("</table>")
	} else {
		b.WriteString("</ul></div>")
	}
	return b.String()
}

// article renders one item's page.
func (p *Portal) article(it item) string {
	c := p.cols[it.col]
	title := p.title(it)
	pub := it.date.Add(10*time.Hour + 12*time.Minute)
	metas := [][2]string{{"ColumnName", c.name}, {"ArticleTitle", title}, {"PubDate", pub.Format("2006-01-02 15:04")}, {"ContentSource", "滇池区人民政府办公室"}}
	var b strings.Builder
	if c.category == "policy" {
		fmt.Fprintf(&b, `<table class="xxgk"><tr><td>索引号：</td><td>11530111MB1234567X/%d-%05d</td><td>发布机构：</td><td>滇池区人民政府办公室</td></tr>`+
			`<tr><td>文号：</td><td>%s</td><td>成文日期：</td><td>%s</td></tr></table>`, it.date.Year(), it.id%100000, docNumber(it), it.date.Format("2006年01月02日"))
	}
	fmt.Fprintf(&b, `<h1>%s</h1><div class="info">发布时间：%s　来源：滇池区人民政府办公室</div>`, title, pub.Format("2006-01-02 15:04"))
	fmt.Fprintf(&b, `<div class="TRS_Editor"><p>为深入贯彻落实区委、区政府决策部署，扎实做好%s各项工作，现将有关事项通知如下。</p>`, subjects[it.id%len(subjects)])
	b.WriteString(`<p>一、提高思想认识。各单位要切实履行主体责任，细化工作措施，确保各项任务落到实处。</p><p>二、加强统筹协调。</p>`)
	if l, ok := p.leaked[p.articlePath(it)]; ok {
		b.WriteString("<p>" + l.text + "</p>")
	}
	if c.category == "policy" {
		fmt.Fprintf(&b, `<p>滇池区人民政府</p><p>%s</p>`, chineseDate(it.date))
	}
	b.WriteString("</div>")
	b.WriteString(p.attachmentList(it))
	if p.opts.Benchmark {
		b.WriteString(p.neighbours(it))
	}
	return p.page(p.articlePath(it), title, c.gbk, metas, b.String())
}

// attachmentList links an article's files, relative to the article as TRS
// writes them: ./P0….pdf.
func (p *Portal) attachmentList(it item) string {
	as := p.attachments(it)
	if len(as) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<div class="fj" id="fj">附件：<ul>`)
	for k, a := range as {
		path := p.attachmentPath(it, k+1)
		fmt.Fprintf(&b, `<li><a href="./%s">%s.%s</a></li>`, path[strings.LastIndex(path, "/")+1:], a.name, a.ext)
	}
	b.WriteString("</ul></div>")
	return b.String()
}

// neighbours are the previous and next articles' links, and in GBK columns
// a Chinese file path and a GBK search query: links that checkers which
// encode them wrongly report as broken.
func (p *Portal) neighbours(it item) string {
	var b strings.Builder
	b.WriteString(`<div class="prevnext">`)
	if it.index > 0 {
		prev := p.item(it.col, it.index-1)
		fmt.Fprintf(&b, `<a href="%s">上一篇：%s</a>`, p.articlePath(prev), p.title(prev))
	}
	if it.index+1 < p.cols[it.col].items {
		next := p.item(it.col, it.index+1)
		fmt.Fprintf(&b, `<a href="%s">下一篇：%s</a>`, p.articlePath(next), p.title(next))
	}
	if p.cols[it.col].gbk {
		fmt.Fprintf(&b, `<a href="%s">通知附件</a><a href="%s?keyword=%s">搜索通知</a>`, pathGBKFile, pathSearch, searchWord)
	}
	b.WriteString("</div>")
	return b.String()
}

var digitsCN = []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// chineseDate writes a 落款 date: 二〇二四年五月三十日.
func chineseDate(t time.Time) string {
	var b strings.Builder
	for _, d := range t.Format("2006") {
		b.WriteString(digitsCN[d-'0'])
	}
	return b.String() + "年" + chineseNumber(int(t.Month())) + "月" + chineseNumber(t.Day()) + "日"
}

func chineseNumber(n int) string {
	switch {
	case n < 10:
		return digitsCN[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digitsCN[n-10]
	case n%10 == 0:
		return digitsCN[n/10] + "十"
	}
	return digitsCN[n/10] + "十" + digitsCN[n%10]
}

// static is the 机构职能 page: no list, no dates, never stale.
func (p *Portal) static() string {
	body := `<h1>机构职能</h1><div class="content"><p>滇池区人民政府是区人民代表大会的执行机关，是区级国家行政机关。</p>` +
		`<p>主要职责：执行区人民代表大会及其常务委员会的决议，以及上级国家行政机关的决定和命令。</p></div>`
	return p.page("/jgzn/", "机构职能", false, nil, body)
}
