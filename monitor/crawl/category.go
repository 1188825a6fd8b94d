package crawl

import "strings"

// categoryWords map words in a column's name to its category, most specific
// first: "政策解读" must not be read as "政策".
var categoryWords = []struct {
	category string
	words    []string
}{
	{"annual", []string{"年报", "年度报告"}},
	{"interpretation", []string{"政策解读", "解读", "图解", "回应关切"}},
	{"interaction", []string{"领导信箱", "书记信箱", "区长信箱", "市长信箱", "县长信箱", "咨询", "留言", "信箱", "互动", "征集", "调查", "投诉"}},
	{"policy", []string{"政策文件", "规范性文件", "政府文件", "政策法规", "文件", "法规", "规章", "政策"}},
	{"notice", []string{"通知公告", "公示公告", "公告公示", "通知", "公告", "公示"}},
	{"personnel", []string{"人事", "任免", "招聘", "招录", "干部"}},
	{"plan", []string{"规划计划", "规划", "计划", "总结"}},
	{"static", []string{"机构职能", "领导简介", "概况", "简介", "职能", "机构设置", "领导信息", "联系方式", "指南", "地图"}},
	{"news", []string{"动态", "要闻", "新闻", "资讯", "工作", "信息"}},
}

// Categorize reads a column's category from its name; "" when the name says
// nothing (such columns are not judged for freshness).
func Categorize(name string) string {
	for _, c := range categoryWords {
		for _, w := range c.words {
			if strings.Contains(name, w) {
				return c.category
			}
		}
	}
	return ""
}
