// Command attachbench measures what reading one large attachment costs:
// it serves a page that links to a generated file of about -mb megabytes
// (a GBK CSV, an xlsx, a docx, a PDF of Chinese text) with personal data on
// every row, runs `govwatch check --checks privacy` on it as a child
// process, and prints wall time, peak RSS and what was found.
package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/govwatch/govwatch/bench/measure"
	"github.com/govwatch/govwatch/monitor/pdfwrite"
)

func main() {
	measure.Main()
	mb := flag.Int("mb", 50, "size of each attachment in megabytes")
	govwatch := flag.String("govwatch", "bin/govwatch", "govwatch binary")
	flag.Parse()
	size := *mb << 20
	files := []struct {
		name, contentType string
		body              []byte
	}{
		{"名单.csv", "text/csv", csvFile(size)},
		{"名单.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxFile(size)},
		{"名单.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docxFile(size)},
		{"名单.pdf", "application/pdf", pdfFile(size)},
	}
	fmt.Printf("%-10s %8s %8s %9s %9s  %s\n", "file", "MB", "wall s", "RSS MiB", "findings", "what govwatch said")
	for _, f := range files {
		srv, url := serve(f.name, f.contentType, f.body)
		wall, rss, out := run(*govwatch, url)
		srv.Close()
		fmt.Printf("%-10s %8.1f %8.1f %9.1f %9d  %s\n", f.name, float64(len(f.body))/(1<<20), wall, rss, len(out), summary(out))
	}
}

// row is one line of a subsidy list with a valid resident ID and a mobile
// number (made up, checksummed).
func row(i int) []string {
	id := idNumber(i)
	return []string{fmt.Sprint(i), "张某某", id, fmt.Sprintf("139%08d", i%100000000), "临时救助", "2000"}
}

func idNumber(i int) string {
	base := fmt.Sprintf("530102%04d%02d%02d%03d", 1950+i%50, 1+i%12, 1+i%28, i%1000)
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for k, w := range weights {
		sum += int(base[k]-'0') * w
	}
	return base + string("10X98765432"[sum%11])
}

func csvFile(size int) []byte {
	var b strings.Builder
	b.WriteString("序号,姓名,身份证号,联系电话,类别,金额\n")
	for i := 1; b.Len() < size; i++ {
		b.WriteString(strings.Join(row(i), ",") + "\n")
	}
	out, _ := simplifiedchinese.GBK.NewEncoder().String(b.String())
	return []byte(out)
}

func zipped(parts map[string]func(w *bytes.Buffer)) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, write := range parts {
		w, _ := zw.Create(name)
		var part bytes.Buffer
		write(&part)
		w.Write(part.Bytes())
	}
	zw.Close()
	return buf.Bytes()
}

// xlsxFile grows the sheet until the compressed workbook reaches size.
func xlsxFile(size int) []byte {
	rows := size / 12 // deflate shrinks sheet XML about tenfold
	return zipped(map[string]func(*bytes.Buffer){
		"[Content_Types].xml": func(w *bytes.Buffer) {
			w.WriteString(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
		},
		"xl/workbook.xml": func(w *bytes.Buffer) {
			w.WriteString(`<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="救助名单" sheetId="1" r:id="rId1"/></sheets></workbook>`)
		},
		"xl/_rels/workbook.xml.rels": func(w *bytes.Buffer) {
			w.WriteString(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
		},
		"xl/worksheets/sheet1.xml": func(w *bytes.Buffer) {
			w.WriteString(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			for i := 1; w.Len() < rows*10; i++ {
				fmt.Fprintf(w, `<row r="%d">`, i)
				for j, cell := range row(i) {
					fmt.Fprintf(w, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+j, i, cell)
				}
				w.WriteString(`</row>`)
			}
			w.WriteString(`</sheetData></worksheet>`)
		},
	})
}

func docxFile(size int) []byte {
	return zipped(map[string]func(*bytes.Buffer){
		"[Content_Types].xml": func(w *bytes.Buffer) {
			w.WriteString(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
		},
		"word/document.xml": func(w *bytes.Buffer) {
			w.WriteString(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
			for i := 1; w.Len() < size*8; i++ {
				fmt.Fprintf(w, `<w:p><w:r><w:t>%s</w:t></w:r></w:p>`, strings.Join(row(i), "，"))
			}
			w.WriteString(`</w:body></w:document>`)
		},
	})
}

// pdfFile writes rows as pages of Chinese text, 60 lines a page, until
// the file reaches size.
func pdfFile(size int) []byte {
	var pages [][]string
	total := 0
	for i := 1; total < size; {
		page := make([]string, 60)
		for line := range page {
			page[line] = strings.Join(row(i), " ")
			total += 4 * len([]rune(page[line])) // four hex digits a glyph
			i++
		}
		pages = append(pages, page)
	}
	return pdfwrite.Chinese(pages...)
}

// serve answers a homepage that links to the file, and the file.
func serve(name, contentType string, body []byte) (*http.Server, string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `<html><head><title>附件测试</title></head><body><a href="/files/%s">%s</a></body></html>`, name, name)
	})
	mux.HandleFunc("/files/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		http.ServeContent(w, r, "", time.Now(), bytes.NewReader(body))
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	return srv, "http://" + ln.Addr().String() + "/"
}

type finding struct {
	Check  string         `json:"check"`
	Title  string         `json:"title"`
	Detail map[string]any `json:"detail"`
}

func run(govwatch, url string) (float64, float64, []finding) {
	out, err := os.CreateTemp("", "attachbench-")
	if err != nil {
		panic(err)
	}
	defer os.Remove(out.Name())
	m, err := measure.Run(context.Background(), []string{govwatch, "check", "--checks", "privacy", "--format", "jsonl", "--progress", "never", "--timeout", "60s", url}, "", out)
	out.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "attachbench:", err)
	}
	text, _ := os.ReadFile(out.Name())
	var fs []finding
	for _, line := range strings.Split(strings.TrimSpace(string(text)), "\n") {
		var f finding
		if json.Unmarshal([]byte(line), &f) == nil {
			fs = append(fs, f)
		}
	}
	return m.Wall.Seconds(), m.RSSMiB, fs
}

func summary(fs []finding) string {
	var parts []string
	for _, f := range fs {
		s := f.Title
		if f.Detail["truncated"] == true {
			s += "（只读了前部）"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "；")
}
