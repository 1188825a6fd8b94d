package crawl

import (
	"bytes"
	"net/http"

	"github.com/govwatch/govwatch/checks"
)

// challengeMarkers appear in the pages that web application firewalls and
// anti-bot services answer crawlers with. A link that gets one is blocked
// for us, not broken for a visitor: reporting it as broken is the false
// positive link checkers are most criticised for.
var challengeMarkers = [][]byte{
	[]byte("安全狗"), []byte("云盾"), []byte("云锁"), []byte("创宇盾"), []byte("知道创宇"),
	[]byte("访问被拦截"), []byte("您的访问被阻断"), []byte("请求被拦截"), []byte("网站防火墙"),
	[]byte("人机验证"), []byte("安全验证"), []byte("yunsuo_session"), []byte("__jsl_clearance"),
	[]byte("cf-chl-"), []byte("challenge-platform"), []byte("Just a moment..."),
	[]byte("Attention Required! | Cloudflare"), []byte("_waf_"), []byte("waf.tencent"),
	[]byte("Request Rejected"), []byte("The requested URL was rejected"),
}

// antiBotStatus are answers that mean "not to you", not "not here".
func antiBotStatus(status int) bool {
	return status == http.StatusForbidden || status == http.StatusTooManyRequests || status == 999
}

// isChallenge reports whether a body is an anti-bot challenge page.
func isChallenge(body []byte) bool {
	for _, m := range challengeMarkers {
		if bytes.Contains(body, m) {
			return true
		}
	}
	return false
}

// statusOutcome classifies an HTTP answer.
func statusOutcome(status int, body []byte) checks.Outcome {
	switch {
	case antiBotStatus(status):
		return checks.OutcomeBlocked
	case status >= 400 && isChallenge(body):
		return checks.OutcomeBlocked
	case status >= 400:
		return checks.OutcomeHTTPError
	case status >= 300 && status != http.StatusNotModified:
		// A redirect the client did not follow (no Location, say).
		return checks.OutcomeHTTPError
	case isChallenge(body) && len(body) < 64<<10:
		return checks.OutcomeBlocked
	}
	return checks.OutcomeOK
}
