package sampleportal

import (
	"fmt"
	"net/url"

	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/monitor/pdfwrite"
)

// plant is a link put on some pages on purpose: a problem the inspection
// must find (check set) or a control it must not report (check empty).
type plant struct {
	from    []string // paths of the pages that carry it
	href    string   // as written in those pages
	text    string
	kind    checks.LinkKind
	check   string // link.broken, link.soft404, or "" for a control
	outcome checks.Outcome
	status  int
	blocked bool // a control that must be reported as blocked by anti-bot
}

// hosts are the auxiliary listeners' origins, known once the server starts.
type hosts struct {
	ext       string // an external site with its own misbehaving routes
	blackHole string // accepts connections and never answers
	closed    string // nothing listens: connection refused
	tls       string // HTTPS with a self-signed certificate
}

// Paths of planted problems on the portal's own host.
const (
	pathDeleted    = "/xwzx/zwyw/202311/t20231120_400001.html"
	pathDeletedGBK = "/xwzx/bmdt/已删除的通知.html"
	path500        = "/cms/show.jsp"
	path410        = "/xxgk/old/gone.html"
	pathBanner     = "/images/banner-2019.jpg"
	pathMissingPDF = "/xxgk/zcwj/P020240101999999.pdf"
	pathOldScript  = "/js/old-stats.js"
	pathOldCSS     = "/css/old-theme.css"
	pathSoft       = "/xwzx/zwyw/202306/t20230601_300001.html"
	pathSoftGBK    = "/xwzx/bmdt/202305/t20230505_300002.html"
	pathLoopA      = "/loop/a.html"
	pathLoopB      = "/loop/b.html"
	pathMoved      = "/old/notice.html"
	pathSearch     = "/search.jsp"
	pathCalendar   = "/hdjl/rl/"
	pathGBKFile    = "/xwzx/bmdt/附件/通知.pdf"
	searchWord     = "通知"
)

// plants lists the default portal's planted links.
func (p *Portal) plants() []plant {
	h := p.hosts
	home := "/"
	a1 := p.articlePath(p.item(0, 3))
	b1 := p.articlePath(p.item(1, 2))
	t1 := p.articlePath(p.item(2, 1))
	z1 := p.articlePath(p.item(3, 0))
	zcwj := p.cols[3].path
	hdjl := p.cols[7].path
	const jgzn = "/jgzn/"
	broken := func(from []string, href, text string, kind checks.LinkKind, o checks.Outcome, status int) plant {
		return plant{from: from, href: href, text: text, kind: kind, check: "link.broken", outcome: o, status: status}
	}
	return []plant{
		broken([]string{home, a1}, pathDeleted, "区政府召开第12次常务会议", checks.KindPage, checks.OutcomeHTTPError, 404),
		broken([]string{b1}, pathDeletedGBK, "已删除的通知", checks.KindPage, checks.OutcomeHTTPError, 404),
		broken([]string{t1}, path500+"?id=1023", "办事指南", checks.KindPage, checks.OutcomeHTTPError, 500),
		broken([]string{zcwj}, path410, "旧版政策文件库", checks.KindPage, checks.OutcomeHTTPError, 410),
		broken([]string{home}, pathBanner, "2019年专题横幅", checks.KindImage, checks.OutcomeHTTPError, 404),
		broken([]string{z1}, pathMissingPDF, "实施方案（全文）.pdf", checks.KindAttachment, checks.OutcomeHTTPError, 404),
		broken([]string{jgzn}, pathOldScript, "", checks.KindScript, checks.OutcomeHTTPError, 404),
		broken([]string{jgzn}, pathOldCSS, "", checks.KindStylesheet, checks.OutcomeHTTPError, 404),
		{from: []string{a1}, href: pathSoft, text: "2023年上半年工作总结", kind: checks.KindPage, check: "link.soft404", outcome: checks.OutcomeSoft404, status: 200},
		{from: []string{b1}, href: pathSoftGBK, text: "部门工作简报", kind: checks.KindPage, check: "link.soft404", outcome: checks.OutcomeSoft404, status: 200},
		broken([]string{hdjl}, pathLoopA, "在线咨询（旧）", checks.KindPage, checks.OutcomeRedirectLoop, 0),
		broken([]string{home}, h.closed+"/", "滇池区旧版网站", checks.KindPage, checks.OutcomeRefused, 0),
		broken([]string{jgzn}, h.blackHole+"/", "区政务服务中心", checks.KindPage, checks.OutcomeTimeout, 0),
		broken([]string{home}, h.tls+"/", "区数据开放平台", checks.KindPage, checks.OutcomeTLSUnknownCA, 0),
		broken([]string{a1}, h.ext+"/missing.html", "市政府相关报道", checks.KindPage, checks.OutcomeHTTPError, 404),
		broken([]string{home}, "http://www.dianchi-old.invalid/", "滇池区旅游网", checks.KindPage, checks.OutcomeDNS, 0),
		// Controls: none of these is a finding.
		{from: []string{home}, href: h.ext + "/head405.html", text: "云南省人民政府", kind: checks.KindPage},
		{from: []string{home}, href: h.ext + "/ratelimit.html", text: "昆明市人民政府", kind: checks.KindPage},
		{from: []string{home}, href: h.ext + "/waf.html", text: "全国政务服务平台", kind: checks.KindPage, blocked: true},
		{from: []string{home}, href: h.ext + "/antibot999.html", text: "政务新媒体矩阵", kind: checks.KindPage, blocked: true},
		{from: []string{home}, href: pathMoved, text: "通知公告（旧地址）", kind: checks.KindPage},
		{from: []string{home}, href: "#top", text: "返回顶部", kind: checks.KindPage},
		{from: []string{home}, href: "mailto:xxgk@dianchi.gov.cn", text: "信息公开邮箱", kind: checks.KindPage},
		{from: []string{home}, href: "tel:0871-67171373", text: "值班电话", kind: checks.KindPage},
		{from: []string{home}, href: "javascript:void(0)", text: "切换长者模式", kind: checks.KindPage},
		{from: []string{home}, href: zcwj + ";jsessionid=7A1B2C3D4E5F", text: "政策文件库", kind: checks.KindPage},
		{from: []string{b1}, href: pathSearch + "?keyword=" + searchWord, text: "搜索通知", kind: checks.KindPage},
		{from: []string{b1}, href: pathGBKFile, text: "通知附件.pdf", kind: checks.KindAttachment},
		{from: []string{hdjl}, href: pathCalendar + "?date=" + Now.Format("2006-01-02"), text: "领导接访日历", kind: checks.KindPage},
		{from: []string{a1}, href: h.ext + "/ok.html", text: "人民网相关报道", kind: checks.KindPage},
	}
}

// benchBroken is the broken link an article carries in benchmark mode, if
// any: one article in eight, so that about 1 % of all links are broken. In
// GBK columns the dead path has Chinese characters.
func (p *Portal) benchBroken(it item) (plant, bool) {
	if !p.opts.Benchmark || it.index%8 != 3 {
		return plant{}, false
	}
	href := fmt.Sprintf("%s%s/t%s_%d9.html", p.cols[it.col].path, it.date.Format("200601"), it.date.Format("20060102"), it.id)
	if p.cols[it.col].gbk {
		href = fmt.Sprintf("%s附件/已删除文件%d.pdf", p.cols[it.col].path, it.id)
	}
	kind := checks.KindPage
	if p.cols[it.col].gbk {
		kind = checks.KindAttachment
	}
	return plant{from: []string{p.articlePath(it)}, href: href, text: "相关文件", kind: kind,
		check: "link.broken", outcome: checks.OutcomeHTTPError, status: 404}, true
}

// escapePath writes a path as a browser requests it: non-ASCII as UTF-8
// percent escapes.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// leak is text planted in an article's body: personal data or a secret
// marking published by mistake, with the findings it must raise.
type leak struct {
	text   string
	checks []string
	words  []string // wrong forms it carries: a wording.error finding each
	// sensitive are words of the sample config's list it carries: a
	// wording.sensitive finding each.
	sensitive []string
}

// leaks are the default portal's planted leaks, by the item that carries
// them, and a control whose values are already masked.
func (p *Portal) leaks() map[string]leak {
	return map[string]leak{
		p.articlePath(p.item(2, 4)): {
			text:   "附件：2024年临时救助对象名单（张某某，身份证号：11010519491231002X，联系电话：13912345678；李某某，身份证号：440524188001010014）",
			checks: []string{"privacy.id_number", "privacy.phone"},
		},
		p.articlePath(p.item(3, 2)): {
			text:   "机密★1年　本文件内部资料，注意保存。",
			checks: []string{"secret.marking"},
		},
		p.articlePath(p.item(2, 6)): {
			text: "公示名单：王某某，身份证号：5301**********1234，手机：139****5678（已按规定脱敏）",
		},
		p.articlePath(p.item(0, 5)): {
			text:  "会议要求，各街道要按时按装防火设施，区食品药品监督管理局负责抽检。",
			words: []string{"按装", "食品药品监督管理局"},
		},
		p.articlePath(p.item(0, 7)): {
			text: "原区食品药品监督管理局的职责已划入区市场监督管理局，请各单位安装并部署到位。",
		},
		// The district head called deputy (a veto), beside controls: the
		// deputy and the head with their own titles, and a former title.
		p.articlePath(p.item(0, 9)): {
			text:  "副区长张建国出席会议并讲话。区长张建国、副区长刘海燕，时任区长刘海燕的讲话稿一并印发。",
			words: []string{"副区长张建国"},
		},
		// A word of the operator's sensitive list, beside official
		// vocabulary that contains listed words (打击赌博, 反腐败).
		p.articlePath(p.item(0, 11)): {
			text:      "有群众反映某网站提供赌博服务。我区将持续打击赌博违法犯罪，深入推进反腐败斗争。",
			sensitive: []string{"赌博"},
		},
	}
}

// fileLeak is an attachment served with planted content instead of its
// plain text, with the findings it must raise.
type fileLeak struct {
	body   func() []byte
	checks []string
}

// fileLeaks are the default portal's planted attachments by path: personal
// data in a workbook and a form, a secret marking in a PDF's Chinese text,
// an encrypted PDF nobody can read, and a workbook whose values are already
// masked (the control).
func (p *Portal) fileLeaks() map[string]fileLeak {
	return map[string]fileLeak{
		p.attachmentPath(p.item(2, 3), 1): {
			body: func() []byte {
				return xlsxRows([][]string{{"序号", "姓名", "身份证号", "联系电话", "补助金额"},
					{"1", "张某某", "11010519491231002X", "13912345678", "2000"},
					{"2", "李某某", "440524188001010014", "18687654321", "1500"}})
			},
			checks: []string{"privacy.id_number", "privacy.phone"},
		},
		p.attachmentPath(p.item(2, 7), 1): {
			body: func() []byte {
				return xlsxRows([][]string{{"序号", "姓名", "身份证号"}, {"1", "王某某", "5301**********1234"}, {"2", "赵某某", "110105********002X"}})
			},
		},
		p.attachmentPath(p.item(2, 1), 1): {
			body: func() []byte {
				return docxFile("报名联系人：刘某某，手机：13698765432，请于截止日前报送。")
			},
			checks: []string{"privacy.phone"},
		},
		p.attachmentPath(p.item(3, 0), 1): {
			body: func() []byte {
				return pdfwrite.Chinese([]string{"机密★1年", "滇池区关于加强安全生产工作的实施方案（全文）"})
			},
			checks: []string{"secret.marking"},
		},
		p.attachmentPath(p.item(3, 2), 1): {
			body:   pdfwrite.Encrypted,
			checks: []string{"attachment.unreadable"},
		},
	}
}
