package pdftext

import (
	"math"
	"sort"
)

// Tables in reports are drawn with ruling lines, and cells can sit closer
// than the tab gap (a number right after a long label). Vertical rules are
// therefore collected from the page's paths: a rule between two runs on a
// line separates table cells just like a wide gap.

// rule is a vertical line segment in device space.
type rule struct {
	x, y0, y1 float64 // y0 <= y1
}

const (
	maxRulesOnPage = 20000
	minRuleHeight  = 4 // points; shorter marks are glyph parts, underlines
	maxRuleWidth   = 3 // a filled rectangle at most this wide is a line
)

// pathRecorder collects vertical segments of the path under construction
// and keeps those that end up painted.
type pathRecorder struct {
	pending  []rule
	rules    []rule
	cx, cy   float64 // current point, device space
	sx, sy   float64 // start of the current subpath
	hasPoint bool
}

func (p *pathRecorder) moveTo(x, y float64) {
	p.cx, p.cy, p.sx, p.sy, p.hasPoint = x, y, x, y, true
}

func (p *pathRecorder) lineTo(x, y float64) {
	if p.hasPoint {
		p.addSegment(p.cx, p.cy, x, y)
	}
	p.cx, p.cy, p.hasPoint = x, y, true
}

func (p *pathRecorder) closePath() {
	if p.hasPoint {
		p.addSegment(p.cx, p.cy, p.sx, p.sy)
		p.cx, p.cy = p.sx, p.sy
	}
}

func (p *pathRecorder) addSegment(x0, y0, x1, y1 float64) {
	if math.Abs(x1-x0) <= 1 && math.Abs(y1-y0) >= minRuleHeight && len(p.pending) < maxRulesOnPage {
		p.pending = append(p.pending, rule{(x0 + x1) / 2, math.Min(y0, y1), math.Max(y0, y1)})
	}
}

// rect adds the rectangle x y w h (transformed by ctm). A thin filled
// rectangle is a drawn line; a stroked one contributes its vertical sides.
func (p *pathRecorder) rect(ctm matrix, x, y, w, h float64) {
	x0, y0 := ctm.apply(x, y)
	x1, y1 := ctm.apply(x+w, y+h)
	if math.Abs(x1-x0) <= maxRuleWidth {
		if math.Abs(y1-y0) >= minRuleHeight && len(p.pending) < maxRulesOnPage {
			p.pending = append(p.pending, rule{(x0 + x1) / 2, math.Min(y0, y1), math.Max(y0, y1)})
		}
	} else {
		p.addSegment(x0, y0, x0, y1)
		p.addSegment(x1, y0, x1, y1)
	}
	p.moveTo(x0, y0)
}

// paint keeps the pending segments (the path was stroked or filled);
// discard drops them (the path was only a clip, or "n").
func (p *pathRecorder) paint() {
	if room := maxRulesOnPage - len(p.rules); room > 0 {
		if len(p.pending) > room {
			p.pending = p.pending[:room]
		}
		p.rules = append(p.rules, p.pending...)
	}
	p.discard()
}

func (p *pathRecorder) discard() {
	p.pending = p.pending[:0]
	p.hasPoint = false
}

// ruleIndex answers "is there a vertical rule between x0 and x1 at y".
type ruleIndex []rule

func newRuleIndex(rules []rule) ruleIndex {
	idx := append(ruleIndex(nil), rules...)
	sort.Slice(idx, func(i, j int) bool { return idx[i].x < idx[j].x })
	return idx
}

func (idx ruleIndex) between(x0, x1, y float64) bool {
	const tol = 1.0
	i := sort.Search(len(idx), func(i int) bool { return idx[i].x >= x0-tol })
	for ; i < len(idx) && idx[i].x <= x1+tol; i++ {
		if y >= idx[i].y0-tol && y <= idx[i].y1+tol {
			return true
		}
	}
	return false
}
