package pdftext

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRealProducers reads PDFs written by LibreOffice and Ghostscript
// (see testdata/README.md) and checks the text we put into them.
func TestRealProducers(t *testing.T) {
	report := []string{
		"某某市人民政府2023年政府信息公开工作年度\n报告",
		"本报告根据《中华人民共和国政府信息公开条例》编制。",
		"收到和处理政府信息公开申请数量\t749\t8",
		"主动公开政府信息数量\t1203\t15",
		"联系电话：010-12345678",
	}
	tests := []struct {
		file  string
		pages int
		want  []string // substrings of the joined pages
	}{
		{"libreoffice-report.pdf", 1, report},
		{"ghostscript-report.pdf", 1, report},
		{"libreoffice-compact-table.pdf", 1, []string{
			"三、收到和处理政府信息公开申请情况\n",
			"本年新收政府信息公开申请数量\t749\t8\t0\n",
			"上年结转政府信息公开申请数量\t12\t3\t1\n",
			"总计\t761\t11\t1",
		}},
		{"ghostscript-latin.pdf", 2, []string{
			"Annual Report on Government Information Disclosure\n",
			"Applications received\t749\t8",
			"(fi) ligature: office",
			"Second page",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := extractBytes(t, data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Pages) != tc.pages {
				t.Fatalf("got %d pages, want %d", len(doc.Pages), tc.pages)
			}
			all := ""
			for _, p := range doc.Pages {
				all += p + "\n"
			}
			for _, w := range tc.want {
				if !contains(all, w) {
					t.Errorf("text lacks %q; got:\n%s", w, all)
				}
			}
		})
	}
}
