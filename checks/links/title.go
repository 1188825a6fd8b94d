package links

import (
	"fmt"

	"github.com/govwatch/govwatch/checks"
)

var kindWords = map[checks.LinkKind]string{
	checks.KindPage: "链接", checks.KindImage: "图片", checks.KindAttachment: "附件",
	checks.KindScript: "脚本", checks.KindStylesheet: "样式表", checks.KindFrame: "内嵌页面",
}

var outcomeWords = map[checks.Outcome]string{
	checks.OutcomeDNS:             "域名无法解析",
	checks.OutcomeRefused:         "连接被拒绝",
	checks.OutcomeReset:           "连接被重置",
	checks.OutcomeTimeout:         "访问超时",
	checks.OutcomeTLSExpired:      "证书已过期",
	checks.OutcomeTLSUnknownCA:    "证书不受信任",
	checks.OutcomeTLSHostname:     "证书与域名不符",
	checks.OutcomeTLS:             "安全连接失败",
	checks.OutcomeRedirectLoop:    "重定向循环",
	checks.OutcomeTooManyRedirect: "重定向次数过多",
	checks.OutcomeBadURL:          "地址无效",
	checks.OutcomeError:           "无法访问",
}

// title is the finding's one-line summary in Chinese, as a notice quotes it.
func title(id string, l *checks.LinkStatus, ref checks.Referrer) string {
	what := kindWords[l.Kind]
	if what == "" {
		what = "链接"
	}
	if l.External {
		what = "外部" + what
	}
	name := ref.Text
	if name == "" {
		name = l.Target
	}
	if id == Soft404 {
		return fmt.Sprintf("%s“%s”指向的页面显示不存在（软404）", what, name)
	}
	why := outcomeWords[l.Outcome]
	if l.Outcome == checks.OutcomeHTTPError {
		why = fmt.Sprintf("HTTP %d", l.Status)
	}
	return fmt.Sprintf("%s“%s”无法访问（%s）", what, name, why)
}
