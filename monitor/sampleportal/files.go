package sampleportal

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/govwatch/govwatch/monitor/pdfwrite"
)

// Content types of the files the portal serves.
const (
	typePDF  = "application/pdf"
	typeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	typeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	typeJPEG = "image/jpeg"
	typePNG  = "image/png"
)

// serveFile answers with body as a file last modified at mod: HEAD, Range
// and If-Modified-Since behave as on a real server.
func serveFile(w http.ResponseWriter, r *http.Request, contentType string, mod time.Time, body []byte) {
	w.Header().Set("Content-Type", contentType)
	http.ServeContent(w, r, "", mod, bytes.NewReader(body))
}

var attachmentRe = regexp.MustCompile(`^(/.*/)(\d{6})/P0(\d{8})(\d+)(\d)\.(pdf|docx|xlsx)$`)

// serveAttachment answers an article's P0… file; false when path names none.
func (p *Portal) serveAttachment(w http.ResponseWriter, r *http.Request, path string) bool {
	m := attachmentRe.FindStringSubmatch(path)
	if m == nil {
		return false
	}
	it, ok := p.itemAt(m[1] + m[2] + "/t" + m[3] + "_" + m[4] + ".html")
	k, _ := strconv.Atoi(m[5])
	if !ok || k < 1 || k > len(p.attachments(it)) || p.attachmentPath(it, k) != path {
		return false
	}
	a := p.attachments(it)[k-1]
	text := p.title(it) + " " + a.name
	if leak, ok := p.files[path]; ok {
		serveFile(w, r, map[string]string{"pdf": typePDF, "docx": typeDOCX, "xlsx": typeXLSX}[a.ext], it.date, leak.body())
		return true
	}
	switch a.ext {
	case "pdf":
		serveFile(w, r, typePDF, it.date, pdfwrite.Latin(fmt.Sprintf("Dianchi District - document %d, attachment %d", it.id, k)))
	case "docx":
		serveFile(w, r, typeDOCX, it.date, docxFile(text))
	case "xlsx":
		serveFile(w, r, typeXLSX, it.date, xlsxFile(text))
	}
	return true
}

const (
	xmlHead  = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	relsNS   = "http://schemas.openxmlformats.org/package/2006/relationships"
	officeNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	typesNS  = "http://schemas.openxmlformats.org/package/2006/content-types"
	relsType = "application/vnd.openxmlformats-package.relationships+xml"
)

// contentTypes is an Office file's [Content_Types].xml with the given overrides.
func contentTypes(overrides ...[2]string) string {
	s := xmlHead + `<Types xmlns="` + typesNS + `"><Default Extension="rels" ContentType="` + relsType + `"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>`
	for _, o := range overrides {
		s += `<Override PartName="` + o[0] + `" ContentType="` + o[1] + `"/>`
	}
	return s + `</Types>`
}

// relationships is a .rels part with one relationship.
func relationships(kind, target string) string {
	return xmlHead + `<Relationships xmlns="` + relsNS + `"><Relationship Id="rId1" Type="` + officeNS + `/` + kind +
		`" Target="` + target + `"/></Relationships>`
}

// docxFile is a minimal Word document with one paragraph.
func docxFile(text string) []byte {
	return zipFile([][2]string{
		{"[Content_Types].xml", contentTypes([2]string{"/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"})},
		{"_rels/.rels", relationships("officeDocument", "word/document.xml")},
		{"word/document.xml", xmlHead + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
			`<w:body><w:p><w:r><w:t>` + xmlText(text) + `</w:t></w:r></w:p></w:body></w:document>`},
	})
}

// xlsxFile is a minimal workbook with text in cell A1 of one sheet.
func xlsxFile(text string) []byte { return xlsxRows([][]string{{text}}) }

// xlsxRows is a minimal workbook of one sheet with rows of inline strings.
func xlsxRows(rows [][]string) []byte {
	const sheetNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	return zipFile([][2]string{
		{"[Content_Types].xml", contentTypes(
			[2]string{"/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"},
			[2]string{"/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"})},
		{"_rels/.rels", relationships("officeDocument", "xl/workbook.xml")},
		{"xl/workbook.xml", xmlHead + `<workbook xmlns="` + sheetNS + `" xmlns:r="` + officeNS + `">` +
			`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", relationships("worksheet", "worksheets/sheet1.xml")},
		{"xl/worksheets/sheet1.xml", xmlHead + `<worksheet xmlns="` + sheetNS + `"><sheetData>` + sheetRows(rows) + `</sheetData></worksheet>`},
	})
}

func sheetRows(rows [][]string) string {
	var b strings.Builder
	for i, row := range rows {
		fmt.Fprintf(&b, `<row r="%d">`, i+1)
		for j, cell := range row {
			fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+j, i+1, xmlText(cell))
		}
		b.WriteString(`</row>`)
	}
	return b.String()
}

func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// zipFile packs files with a fixed timestamp, so the bytes never change.
func zipFile(files [][2]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f[0], Method: zip.Deflate, Modified: Now})
		if err != nil {
			panic(err) // writing to memory cannot fail
		}
		w.Write([]byte(f[1]))
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// jpegFile is a small JPEG: a blue-green gradient, the same bytes every time.
func jpegFile() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 8))
	for x := range 16 {
		for y := range 8 {
			img.Set(x, y, color.RGBA{R: 30, G: uint8(100 + x*8), B: uint8(200 - y*10), A: 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 75}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// tinyPNG is a 1×1 transparent PNG.
var tinyPNG = []byte{0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
	8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1,
	0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82}
