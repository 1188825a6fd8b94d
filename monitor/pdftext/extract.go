package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"unicode/utf8"
)

// Limits bound the work and memory Extract spends on one file.
type Limits struct {
	MaxObjects     int   // objects parsed; 0 = 200000
	MaxStreamBytes int64 // decoded bytes of one stream; 0 = 64 MiB
	MaxTextBytes   int64 // total text returned; 0 = 16 MiB (then stop, Truncated=true)
	MaxPages       int   // 0 = 5000
}

// Document is the text of a PDF file.
type Document struct {
	Pages     []string // text of each page, lines separated by "\n"
	Truncated bool     // a limit stopped extraction early
}

var (
	// ErrEncrypted is returned for files whose trailer has /Encrypt.
	ErrEncrypted = errors.New("pdf: encrypted")
	// ErrNotPDF is returned when the file has no %PDF- header.
	ErrNotPDF = errors.New("pdf: not a PDF file")
)

const maxPageTreeDepth = 64

// recoverPanics is switched off by the fuzz test so that a bug shows its
// stack instead of becoming an error.
var recoverPanics = true

func (l Limits) withDefaults() Limits {
	if l.MaxObjects <= 0 {
		l.MaxObjects = 200000
	}
	if l.MaxStreamBytes <= 0 {
		l.MaxStreamBytes = 64 << 20
	}
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = 16 << 20
	}
	if l.MaxPages <= 0 {
		l.MaxPages = 5000
	}
	return l
}

// Extract reads the PDF file of the given size from r and returns the
// text of its pages.
func Extract(r io.ReaderAt, size int64, lim Limits) (doc *Document, err error) {
	defer func() {
		// Last line of defence only: the parser checks its bounds itself.
		if !recoverPanics {
			return
		}
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("pdf: internal error: %v", p)
		}
	}()
	lim = lim.withDefaults()
	if size <= 0 {
		return nil, ErrNotPDF
	}
	head := make([]byte, min(size, 1024))
	n, _ := r.ReadAt(head, 0)
	if !bytes.Contains(head[:n], []byte("%PDF-")) {
		return nil, ErrNotPDF
	}
	// ReadAll grows with the bytes actually read, so a wrong size cannot
	// make us allocate more than the file holds.
	data, err := io.ReadAll(io.NewSectionReader(r, 0, size))
	if err != nil {
		return nil, fmt.Errorf("pdf: reading file: %w", err)
	}
	f := newFile(data, lim)
	xrefErr := f.loadXref()
	if xrefErr != nil {
		f.scanObjects()
	}
	if f.trailer["Encrypt"] != nil {
		return nil, ErrEncrypted
	}
	catalog := f.dictOf(f.trailer["Root"])
	if catalog == nil && !f.scanned {
		f.scanObjects()
		if f.trailer["Encrypt"] != nil {
			return nil, ErrEncrypted
		}
		catalog = f.dictOf(f.trailer["Root"])
	}
	if catalog == nil {
		if xrefErr != nil {
			return nil, fmt.Errorf("pdf: no document catalog (/Root); %w", xrefErr)
		}
		return nil, errors.New("pdf: no document catalog (/Root)")
	}
	doc = &Document{}
	pages := f.pages(catalog, doc)
	if len(pages) == 0 && !f.scanned {
		f.scanObjects()
		pages = f.pages(f.dictOf(f.trailer["Root"]), doc)
	}
	if len(pages) == 0 {
		pages = f.loosePages(doc)
	}
	if len(pages) == 0 {
		return nil, errors.New("pdf: no pages found")
	}
	fontCache := map[int]*font{}
	var total int64
	for _, pg := range pages {
		text := f.pageText(pg, fontCache, lim.MaxTextBytes-total)
		if total+int64(len(text)) > lim.MaxTextBytes {
			text = cutUTF8(text, int(lim.MaxTextBytes-total))
			doc.Pages = append(doc.Pages, text)
			doc.Truncated = true
			break
		}
		total += int64(len(text))
		doc.Pages = append(doc.Pages, text)
	}
	if f.truncated {
		doc.Truncated = true
	}
	return doc, nil
}

func newFile(data []byte, lim Limits) *pdfFile {
	return &pdfFile{
		data:    data,
		lim:     lim,
		xref:    map[int]xrefEntry{},
		cache:   map[int]object{},
		loading: map[int]bool{},
		objStms: map[int]*objStream{},
	}
}

// page is a leaf of the page tree with its inherited resources.
type page struct {
	d   dict
	res dict
}

// pages flattens the page tree, inheriting /Resources, stopping at
// MaxPages and ignoring nodes already visited (cycles).
func (f *pdfFile) pages(catalog dict, doc *Document) []page {
	if catalog == nil {
		return nil
	}
	var out []page
	visited := map[int]bool{}
	var walk func(v object, res dict, depth int)
	walk = func(v object, res dict, depth int) {
		if depth > maxPageTreeDepth {
			return
		}
		if r, ok := v.(ref); ok {
			if visited[r.num] {
				return
			}
			visited[r.num] = true
		}
		d := f.dictOf(v)
		if d == nil {
			return
		}
		if rd := f.dictOf(d["Resources"]); rd != nil {
			res = rd
		}
		kids, hasKids := f.resolve(d["Kids"]).(array)
		typ, _ := f.resolve(d["Type"]).(name)
		if typ == "Page" || (!hasKids && typ != "Pages") {
			if len(out) >= f.lim.MaxPages {
				doc.Truncated = true
				return
			}
			out = append(out, page{d: d, res: res})
			return
		}
		for _, k := range kids {
			if len(out) >= f.lim.MaxPages {
				doc.Truncated = true
				return
			}
			walk(k, res, depth+1)
		}
	}
	walk(catalog["Pages"], nil, 0)
	return out
}

// loosePages is the last resort for a destroyed page tree: every
// /Type /Page object, in object-number order.
func (f *pdfFile) loosePages(doc *Document) []page {
	var nums []int
	for num := range f.xref {
		nums = append(nums, num)
	}
	sort.Ints(nums)
	var out []page
	for _, num := range nums {
		d, ok := f.object(num).(dict)
		if !ok {
			continue
		}
		if t, _ := d["Type"].(name); t != "Page" {
			continue
		}
		if len(out) >= f.lim.MaxPages {
			doc.Truncated = true
			break
		}
		out = append(out, page{d: d, res: f.dictOf(d["Resources"])})
	}
	return out
}

// pageText runs a page's content streams and lays out the text found.
func (f *pdfFile) pageText(pg page, fontCache map[int]*font, budget int64) string {
	var content []byte
	addStream := func(v object) {
		s, ok := f.resolve(v).(*stream)
		if !ok {
			return
		}
		data, err := f.decodeStream(s)
		if err == errStreamLimit {
			f.truncated = true
		} else if err != nil {
			return
		}
		if int64(len(content)+len(data)) > f.lim.MaxStreamBytes {
			f.truncated = true
			return
		}
		content = append(content, data...)
		content = append(content, '\n') // streams split only between tokens
	}
	switch c := f.resolve(pg.d["Contents"]).(type) {
	case *stream:
		addStream(c)
	case array:
		for _, v := range c {
			addStream(v)
		}
	}
	if len(content) == 0 {
		return ""
	}
	res := pg.res
	if res == nil {
		res = dict{}
	}
	ip := &interpreter{
		f: f, fontCache: fontCache, maxText: budget,
		active: map[*stream]bool{}, formData: map[*stream][]byte{},
		maxWork: 4 * f.lim.MaxStreamBytes,
	}
	ip.run(content, res, graphicsState{ctm: identity, hScale: 1}, 0)
	if ip.full {
		f.truncated = true
	}
	return layoutPage(ip.runs, newRuleIndex(ip.paths.rules))
}

// cutUTF8 shortens s to at most n bytes without splitting a character.
func cutUTF8(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
