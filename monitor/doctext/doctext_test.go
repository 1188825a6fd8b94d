package doctext

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/govwatch/govwatch/monitor/pdfwrite"
)

// zipOf builds a zip file; names in gbk are stored as GBK bytes without the
// UTF-8 flag, as Windows zip tools write them.
func zipOf(t testing.TB, files map[string][]byte, gbk bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if gbk {
			enc, _ := simplifiedchinese.GBK.NewEncoder().String(name)
			h.Name, h.NonUTF8 = enc, true
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	zw.Close()
	return buf.Bytes()
}

func docx(t testing.TB, text string) []byte {
	return zipOf(t, map[string][]byte{
		"[Content_Types].xml": []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
		"word/document.xml": []byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>` +
			text + `</w:t></w:r></w:p></w:body></w:document>`),
	}, false)
}

func TestExtract(t *testing.T) {
	gbkText, _ := simplifiedchinese.GBK.NewEncoder().String("姓名,身份证号\n张三,11010519491231002X\n")
	tests := []struct {
		name, file string
		data       []byte
		format     string
		where      []string
		contains   string
		unreadable string // the reason, when the file cannot be read
	}{
		{name: "pdf", file: "/xxgk/P020241220.pdf", data: pdfwrite.Latin("ID 11010519491231002X"), format: "pdf", where: []string{"第1页"}, contains: "11010519491231002X"},
		{name: "pdf served without an extension", file: "/download?id=3", data: pdfwrite.Latin("ID 11010519491231002X"), format: "pdf", contains: "11010519491231002X"},
		{name: "encrypted pdf", file: "a.pdf", data: pdfwrite.Encrypted(), unreadable: "文件已加密"},
		{name: "docx", file: "报名表.docx", data: docx(t, "联系电话 13912345678"), format: "docx", where: []string{"正文"}, contains: "13912345678"},
		{name: "docx named .doc", file: "报名表.doc", data: docx(t, "联系电话 13912345678"), format: "docx", contains: "13912345678"},
		{name: "GBK csv", file: "名单.csv", data: []byte(gbkText), contains: "张三\t11010519491231002X"},
		{name: "archive with GBK names", file: "附件.zip", data: zipOf(t, map[string][]byte{"名单.csv": []byte(gbkText), "说明.txt": []byte("无"), "照片.jpg": {0xff, 0xd8}}, true),
			format: "zip", contains: "11010519491231002X"},
		{name: "archive in an archive", file: "附件.zip", data: zipOf(t, map[string][]byte{"inner.zip": zipOf(t, map[string][]byte{"a.txt": []byte("x")}, false)}, false),
			unreadable: "压缩包内文件均无法读取：inner.zip（压缩包内的压缩包未展开）"},
		{name: "rar", file: "附件.rar", data: []byte("Rar!\x1a\x07\x01\x00rest"), unreadable: "不支持的格式（rar）"},
		{name: "ofd by name", file: "公文.ofd", data: []byte("xx"), unreadable: "不支持的格式（ofd）"},
		{name: "broken zip", file: "表.xlsx", data: []byte("PK\x03\x04 truncated"), unreadable: "压缩文件无法解析"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Extract(bytes.NewReader(tc.data), int64(len(tc.data)), tc.file, "", Limits{})
			if tc.unreadable != "" {
				var u *Unreadable
				if !errors.As(err, &u) || u.Reason != tc.unreadable {
					t.Fatalf("got %v, want unreadable %q", err, tc.unreadable)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			var wheres []string
			for _, p := range doc.Parts {
				all = append(all, p.Text)
				wheres = append(wheres, p.Where)
			}
			if !strings.Contains(strings.Join(all, "\n"), tc.contains) {
				t.Errorf("text %q does not contain %q", all, tc.contains)
			}
			if tc.format != "" && doc.Format != tc.format {
				t.Errorf("format %s, want %s", doc.Format, tc.format)
			}
			if tc.where != nil && strings.Join(wheres, ",") != strings.Join(tc.where, ",") {
				t.Errorf("parts %q, want %q", wheres, tc.where)
			}
			if tc.name == "archive with GBK names" && !strings.Contains(strings.Join(wheres, ","), "名单.csv") {
				t.Errorf("entry names %q are not decoded from GBK", wheres)
			}
		})
	}
}

func TestArchiveEntryBomb(t *testing.T) {
	bomb := bytes.Repeat([]byte("0"), 40<<20)
	data := zipOf(t, map[string][]byte{"big.txt": bomb, "ok.txt": []byte("手机 13912345678")}, false)
	doc, err := Extract(bytes.NewReader(data), int64(len(data)), "a.zip", "", Limits{MaxEntryBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Truncated || len(doc.Parts) != 1 || !strings.Contains(doc.Parts[0].Text, "13912345678") {
		t.Fatalf("got %+v", doc)
	}
}

func TestReadable(t *testing.T) {
	for name, want := range map[string]bool{"/a/b.PDF": true, "x.xlsx?download=1": true, "a.html": false, "a.jpg": false, "/附件/名单.et": true} {
		if Readable(name, "") != want {
			t.Errorf("%s: %v", name, !want)
		}
	}
	if !Readable("/download", "application/pdf; charset=binary") {
		t.Error("a PDF by its media type")
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(pdfwrite.Latin("hello"), "a.pdf")
	f.Add(pdfwrite.Chinese([]string{"身份证号 11010519491231002X"}), "a.pdf")
	f.Add(docx(f, "联系电话 13912345678"), "a.docx")
	f.Add(zipOf(f, map[string][]byte{"a.csv": []byte("a,b")}, false), "a.zip")
	f.Add([]byte("Rar!\x1a\x07"), "a.rar")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		doc, err := Extract(bytes.NewReader(data), int64(len(data)), name, "", Limits{MaxTextBytes: 1 << 20, MaxEntryBytes: 1 << 20, MaxUnzipped: 8 << 20})
		if err == nil && doc == nil {
			t.Fatal("no document and no error")
		}
	})
}
