package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// pdfBuilder writes real PDF files for tests: numbered objects, then a
// classic xref table or an xref stream with object streams.
type pdfBuilder struct {
	objs map[int]string // object number → body ("<<…>>", or dict + stream)
	next int
}

func newBuilder() *pdfBuilder { return &pdfBuilder{objs: map[int]string{}, next: 1} }

func (b *pdfBuilder) reserve() int { n := b.next; b.next++; return n }

func (b *pdfBuilder) set(n int, body string) { b.objs[n] = body }

func (b *pdfBuilder) add(body string) int { n := b.reserve(); b.set(n, body); return n }

// addStream adds a stream object; extra goes into its dictionary.
func (b *pdfBuilder) addStream(extra string, data []byte, compress bool) int {
	if compress {
		data = zlibBytes(data)
		extra += " /Filter /FlateDecode"
	}
	return b.add(fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), extra, data))
}

func zlibBytes(data []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

func (b *pdfBuilder) nums() []int {
	var ns []int
	for n := range b.objs {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	return ns
}

// classic writes header, objects, xref table and trailer.
func (b *pdfBuilder) classic(root int, trailerExtra string) []byte {
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := map[int]int{}
	for _, n := range b.nums() {
		offsets[n] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", n, b.objs[n])
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", b.next)
	for n := 1; n < b.next; n++ {
		if off, ok := offsets[n]; ok {
			fmt.Fprintf(&buf, "%010d 00000 n \n", off)
		} else {
			buf.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", b.next, root, trailerExtra, xref)
	return buf.Bytes()
}

// update appends an incremental update holding objs to an existing file.
func appendUpdate(file []byte, objs map[int]string, size, root int) []byte {
	prev := bytes.LastIndex(file, []byte("startxref"))
	prevOff, _ := strconv.Atoi(strings.Fields(string(file[prev+len("startxref"):]))[0])
	var buf bytes.Buffer
	buf.Write(file)
	offsets := map[int]int{}
	var ns []int
	for n := range objs {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	for _, n := range ns {
		offsets[n] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", n, objs[n])
	}
	xref := buf.Len()
	buf.WriteString("xref\n")
	for _, n := range ns {
		fmt.Fprintf(&buf, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", size, root, prevOff, xref)
	return buf.Bytes()
}

// modern writes non-stream objects into one object stream and indexes
// everything with a PNG-predicted xref stream (PDF 1.5).
func (b *pdfBuilder) modern(root int) []byte {
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	type loc struct{ typ, a, b int }
	locs := map[int]loc{}
	var inStm []int
	for _, n := range b.nums() {
		if strings.Contains(b.objs[n], "stream\n") {
			continue
		}
		inStm = append(inStm, n)
	}
	stmNum := b.next
	xrefNum := b.next + 1
	size := b.next + 2
	var header, body bytes.Buffer
	for i, n := range inStm {
		fmt.Fprintf(&header, "%d %d ", n, body.Len())
		body.WriteString(b.objs[n])
		body.WriteString("\n")
		locs[n] = loc{2, stmNum, i}
	}
	for _, n := range b.nums() {
		if _, ok := locs[n]; ok {
			continue
		}
		locs[n] = loc{1, buf.Len(), 0}
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", n, b.objs[n])
	}
	stmData := zlibBytes(append(header.Bytes(), body.Bytes()...))
	locs[stmNum] = loc{1, buf.Len(), 0}
	fmt.Fprintf(&buf, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream\nendobj\n",
		stmNum, len(inStm), header.Len(), len(stmData), stmData)
	xrefOff := buf.Len()
	locs[xrefNum] = loc{1, xrefOff, 0}
	// Rows of 1 + 4 + 2 bytes, PNG "Up" predicted.
	const cols = 7
	var rows []byte
	prev := make([]byte, cols)
	for n := 0; n < size; n++ {
		l, ok := locs[n]
		row := make([]byte, cols)
		if ok {
			row[0] = byte(l.typ)
			row[1], row[2], row[3], row[4] = byte(l.a>>24), byte(l.a>>16), byte(l.a>>8), byte(l.a)
			row[5], row[6] = byte(l.b>>8), byte(l.b)
		}
		rows = append(rows, 2)
		for i := range row {
			rows = append(rows, row[i]-prev[i])
		}
		prev = row
	}
	xdata := zlibBytes(rows)
	fmt.Fprintf(&buf, "%d 0 obj\n<< /Type /XRef /Size %d /Root %d 0 R /W [1 4 2] /Length %d /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns %d >> >>\nstream\n%s\nendstream\nendobj\n",
		xrefNum, size, root, len(xdata), cols, xdata)
	fmt.Fprintf(&buf, "startxref\n%d\n%%%%EOF\n", xrefOff)
	return buf.Bytes()
}

// Fonts the tests use.
const (
	fontHelvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	fontGBKEUC    = "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 >>] >>"
	fontUCS2      = "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 >>] >>"
	fontGBKSimple = "<< /Type /Font /Subtype /TrueType /BaseFont /#CB#CE#CC#E5 /FirstChar 32 /LastChar 32 /Widths [500] >>"
)

// cidFont is a Type0 Identity-H font whose CIDs are indexes into runes,
// with a ToUnicode CMap using bfchar, both bfrange forms and a ligature.
type cidFont struct {
	runes []rune
	index map[rune]int
}

func newCIDFont(text string) *cidFont {
	cf := &cidFont{index: map[rune]int{}}
	// Digits get CIDs 1..10 so one bfrange (increment form) covers them.
	for _, r := range "0123456789" + text {
		if _, ok := cf.index[r]; !ok {
			cf.index[r] = len(cf.runes) + 1
			cf.runes = append(cf.runes, r)
		}
	}
	return cf
}

// hex encodes s as a hex string of 2-byte CIDs.
func (cf *cidFont) hex(s string) string {
	var sb strings.Builder
	sb.WriteByte('<')
	for _, r := range s {
		fmt.Fprintf(&sb, "%04X", cf.index[r])
	}
	sb.WriteByte('>')
	return sb.String()
}

func utf16Hex(s string) string {
	var sb strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&sb, "%04X", u)
	}
	return sb.String()
}

func (cf *cidFont) toUnicode() string {
	var sb strings.Builder
	sb.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Adobe-Identity-UCS def\n")
	sb.WriteString("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	sb.WriteString("1 beginbfrange\n<0001> <000A> <0030>\nendbfrange\n")
	var rest []int
	for i := 10; i < len(cf.runes); i++ {
		rest = append(rest, i)
	}
	// The first two non-digit runes go into the array form of bfrange.
	if len(rest) >= 2 {
		fmt.Fprintf(&sb, "1 beginbfrange\n<%04X> <%04X> [<%s> <%s>]\nendbfrange\n",
			rest[0]+1, rest[1]+1, utf16Hex(string(cf.runes[rest[0]])), utf16Hex(string(cf.runes[rest[1]])))
		rest = rest[2:]
	}
	fmt.Fprintf(&sb, "%d beginbfchar\n", len(rest)+1)
	for _, i := range rest {
		fmt.Fprintf(&sb, "<%04X> <%s>\n", i+1, utf16Hex(string(cf.runes[i])))
	}
	// CID FFF0 is the "fi" ligature: one glyph, two characters.
	sb.WriteString("<FFF0> <00660069>\nendbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return sb.String()
}

// addTo adds the font and its ToUnicode stream to b and returns the font.
func (cf *cidFont) addTo(b *pdfBuilder, compress bool) int {
	tu := b.addStream("", []byte(cf.toUnicode()), compress)
	desc := b.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [1 [500 500 500 500 500 500 500 500 500 500]] >>")
	return b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, tu))
}

func gbkHex(s string) string {
	enc, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("<%X>", enc)
}

// docSpec describes a document: fonts by resource name and page contents.
type docSpec struct {
	fonts    map[string]string // resource name → font dictionary or "N 0 R"
	pages    []string          // content streams
	compress bool
	cid      *cidFont // used for fonts given as "CID"
}

// build adds the page tree to b and returns the catalog's number.
func (d docSpec) build(b *pdfBuilder) int {
	var fr []string
	names := make([]string, 0, len(d.fonts))
	for n := range d.fonts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v := d.fonts[n]
		if v == "CID" {
			v = fmt.Sprintf("%d 0 R", d.cid.addTo(b, d.compress))
		}
		if strings.HasPrefix(v, "<<") {
			v = fmt.Sprintf("%d 0 R", b.add(v))
		}
		fr = append(fr, fmt.Sprintf("/%s %s", n, v))
	}
	res := b.add(fmt.Sprintf("<< /Font << %s >> >>", strings.Join(fr, " ")))
	pagesNum := b.reserve()
	var kids []string
	for _, content := range d.pages {
		c := b.addStream("", []byte(content), d.compress)
		p := b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>", pagesNum, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", p))
	}
	// Resources are inherited from the Pages node.
	b.set(pagesNum, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d /Resources %d 0 R >>", strings.Join(kids, " "), len(kids), res))
	return b.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesNum))
}

// classicFile builds d into a complete classic-xref file.
func (d docSpec) classicFile() []byte {
	b := newBuilder()
	root := d.build(b)
	return b.classic(root, "")
}
