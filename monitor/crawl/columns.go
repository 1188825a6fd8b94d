package crawl

import (
	"fmt"
	"sort"
	"strings"

	"github.com/govwatch/govwatch/checks"
)

// maxListPages bounds the pagination followed for one column.
const maxListPages = 2000

// columns builds the column model: configured columns, then columns from the
// homepage navigation, then list pages that name their column (meta
// ColumnName) and are not another list's continuation.
func (st *state) columns() []checks.Column {
	var cols []checks.Column
	byURL := make(map[string]int)
	add := func(c checks.Column) {
		norm, err := Normalize(c.URL)
		if err != nil {
			return
		}
		c.URL = norm
		if _, dup := byURL[norm]; dup {
			return
		}
		byURL[norm] = len(cols)
		cols = append(cols, c)
	}
	for _, c := range st.site.Columns {
		c.Configured = true
		add(c)
	}
	for _, l := range st.nav {
		if st.scope.Internal(l.URL) && strings.TrimSpace(l.Text) != "" {
			add(checks.Column{URL: l.URL, Name: strings.TrimSpace(l.Text)})
		}
	}
	continuation := st.continuations()
	heads := make([]string, 0)
	for u, info := range st.lists {
		if info.columnName != "" && !continuation[u] {
			heads = append(heads, u)
		}
	}
	sort.Strings(heads)
	for _, u := range heads {
		add(checks.Column{URL: u, Name: st.lists[u].columnName})
	}
	for i := range cols {
		st.fillColumn(&cols[i])
	}
	return cols
}

// continuations are the URLs some list page points to as its next page.
func (st *state) continuations() map[string]bool {
	next := make(map[string]bool)
	for _, info := range st.lists {
		if info.list != nil && info.list.Next != "" {
			if n, err := Normalize(info.list.Next); err == nil {
				next[n] = true
			}
		}
	}
	return next
}

// fillColumn follows a column's list through its pages.
func (st *state) fillColumn(c *checks.Column) {
	if c.Category == "" {
		c.Category = Categorize(c.Name)
	}
	if c.Unit == "" {
		c.Unit = st.site.Unit
	}
	u := c.URL
	visited := make(map[string]bool)
	for len(c.ListPages) < maxListPages && u != "" && !visited[u] {
		visited[u] = true
		info, ok := st.lists[u]
		if !ok {
			if len(c.ListPages) == 0 {
				c.Unread = st.unreadReason(u)
			}
			return
		}
		if info.list == nil {
			c.Unread = "栏目列表由脚本生成，需要浏览器渲染"
			return
		}
		c.ListPages = append(c.ListPages, u)
		c.Items = append(c.Items, info.list.Items...)
		if info.list.Placeholder != "" && len(c.Items) == 0 {
			c.Placeholder = info.list.Placeholder
		}
		u = ""
		if info.list.Next != "" {
			u, _ = Normalize(info.list.Next)
		}
	}
}

// unreadReason says why a column page gave no list.
func (st *state) unreadReason(u string) string {
	if st.isFine(u) {
		return "栏目页未发现信息列表"
	}
	t, ok := st.targets[u]
	switch {
	case !ok || !t.done:
		return "栏目页未抓取"
	case t.outcome == checks.OutcomeOK:
		return "栏目页未读取：" + t.reason
	case t.outcome == checks.OutcomeHTTPError:
		return fmt.Sprintf("栏目页无法访问（HTTP %d）", t.code)
	}
	return "栏目页无法访问（" + t.reason + "）"
}
