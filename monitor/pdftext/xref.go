package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// xrefEntry locates one object: at a byte offset (inStream false) or as
// entry index inside object stream streamNum (inStream true).
type xrefEntry struct {
	inStream  bool
	offset    int64
	streamNum int
	index     int
}

// pdfFile is an opened PDF: its bytes, cross-reference table, trailer and
// the objects parsed so far.
type pdfFile struct {
	data    []byte
	lim     Limits
	xref    map[int]xrefEntry
	trailer dict

	cache       map[int]object
	loading     map[int]bool // objects being parsed, to break reference cycles
	objStms     map[int]*objStream
	objStmBytes int64 // decoded bytes held by objStms
	parsed      int
	truncated   bool

	scanned bool // the whole file has been scanned for "N G obj"
}

// objStream is a decoded /Type /ObjStm: object number → offset in data.
type objStream struct {
	data    []byte
	nums    []int
	offsets []int
}

// maxXrefSections caps how many /Prev sections are followed.
const maxXrefSections = 1024

var errNoXref = errors.New("pdf: no usable cross-reference table")

func (f *pdfFile) errorf(num int, off int64, format string, args ...any) error {
	return fmt.Errorf("pdf: object %d at offset %d: %s", num, off, fmt.Sprintf(format, args...))
}

// loadXref reads the cross-reference chain starting at startxref. When it
// is missing or broken, the caller falls back to scanning.
func (f *pdfFile) loadXref() error {
	tail := f.data
	if len(tail) > 4096 {
		tail = tail[len(tail)-4096:]
	}
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return errNoXref
	}
	lx := lexer{buf: tail, pos: i + len("startxref")}
	off, ok := lx.token().(int64)
	if !ok || off <= 0 || off >= int64(len(f.data)) {
		return errNoXref
	}
	visited := map[int64]bool{}
	for section := 0; off > 0 && section < maxXrefSections; section++ {
		if visited[off] || off >= int64(len(f.data)) {
			break
		}
		visited[off] = true
		trailer, err := f.readXrefSection(off)
		if err != nil {
			if section == 0 {
				return err
			}
			break // keep what the newer sections gave us
		}
		if f.trailer == nil {
			f.trailer = dict{}
		}
		for k, v := range trailer {
			if _, ok := f.trailer[k]; !ok {
				f.trailer[k] = v
			}
		}
		// A hybrid file's classic section points at an xref stream with the
		// compressed objects; it ranks between this section and /Prev.
		if stm, ok := trailer["XRefStm"].(int64); ok && stm > 0 && !visited[stm] {
			visited[stm] = true
			_, _ = f.readXrefSection(stm)
		}
		prev, _ := trailer["Prev"].(int64)
		off = prev
	}
	if len(f.xref) == 0 {
		return errNoXref
	}
	return nil
}

// readXrefSection parses a classic table plus trailer or an xref stream at
// off. Entries already present (from newer sections) are kept.
func (f *pdfFile) readXrefSection(off int64) (dict, error) {
	lx := lexer{buf: f.data, pos: int(off), refs: true}
	save := lx.pos
	if k, ok := lx.token().(keyword); ok && k == "xref" {
		return f.readXrefTable(&lx)
	}
	lx.pos = save
	obj, err := f.parseObjectAt(off, -1)
	if err != nil {
		return nil, err
	}
	s, ok := obj.(*stream)
	if !ok {
		return nil, fmt.Errorf("pdf: offset %d: xref is neither a table nor a stream", off)
	}
	return s.hdr, f.readXrefStream(s, off)
}

func (f *pdfFile) addEntry(num int, e xrefEntry) {
	if num < 0 || num > 1<<24 {
		return
	}
	if _, ok := f.xref[num]; ok {
		return
	}
	if len(f.xref) >= f.lim.MaxObjects*4+1024 {
		return
	}
	f.xref[num] = e
}

func (f *pdfFile) readXrefTable(lx *lexer) (dict, error) {
	for {
		tok := lx.token()
		start, ok := tok.(int64)
		if !ok {
			if k, ok := tok.(keyword); ok && k == "trailer" {
				break
			}
			return nil, fmt.Errorf("pdf: offset %d: bad xref table", lx.pos)
		}
		count, ok := lx.token().(int64)
		// Every entry takes at least 5 bytes ("0 0 n"), which bounds count.
		if !ok || start < 0 || count < 0 || count > int64(len(lx.buf)-lx.pos)/5+1 {
			return nil, fmt.Errorf("pdf: offset %d: bad xref subsection header", lx.pos)
		}
		for i := int64(0); i < count; i++ {
			o, ok1 := lx.token().(int64)
			_, ok2 := lx.token().(int64)
			kind, ok3 := lx.token().(keyword)
			if !ok1 || !ok2 || !ok3 {
				return nil, fmt.Errorf("pdf: offset %d: bad xref entry", lx.pos)
			}
			// Free entries are not recorded: in hybrid files the classic
			// table marks compressed objects free and the xref stream must win.
			if kind == "n" && o > 0 {
				f.addEntry(int(start+i), xrefEntry{offset: o})
			}
		}
	}
	d, ok := lx.object().(dict)
	if !ok {
		return nil, fmt.Errorf("pdf: offset %d: bad trailer", lx.pos)
	}
	return d, nil
}

func (f *pdfFile) readXrefStream(s *stream, off int64) error {
	data, err := f.decodeStream(s)
	if err != nil {
		return err
	}
	w, _ := s.hdr["W"].(array)
	if len(w) < 3 {
		return f.errorf(s.num, off, "xref stream without /W")
	}
	var widths [3]int
	total := 0
	for i := 0; i < 3; i++ {
		v, _ := w[i].(int64)
		if v < 0 || v > 8 {
			return f.errorf(s.num, off, "bad xref stream /W")
		}
		widths[i] = int(v)
		total += int(v)
	}
	if total == 0 {
		return f.errorf(s.num, off, "bad xref stream /W")
	}
	var index []int64
	if idx, ok := s.hdr["Index"].(array); ok {
		for _, v := range idx {
			n, _ := v.(int64)
			index = append(index, n)
		}
	} else {
		size, _ := s.hdr["Size"].(int64)
		index = []int64{0, size}
	}
	pos := 0
	field := func(n int) int64 {
		var v int64
		for i := 0; i < n; i++ {
			v = v<<8 | int64(data[pos])
			pos++
		}
		return v
	}
	for i := 0; i+1 < len(index); i += 2 {
		start, count := index[i], index[i+1]
		if start < 0 || count < 0 {
			break
		}
		for j := int64(0); j < count; j++ {
			if pos+total > len(data) {
				return nil
			}
			typ := int64(1)
			if widths[0] > 0 {
				typ = field(widths[0])
			}
			a := field(widths[1])
			b := field(widths[2])
			num := start + j
			if num > 1<<24 {
				return nil
			}
			switch typ {
			case 1:
				if a > 0 {
					f.addEntry(int(num), xrefEntry{offset: a})
				}
			case 2:
				if a < 1<<24 && b < 1<<24 {
					f.addEntry(int(num), xrefEntry{inStream: true, streamNum: int(a), index: int(b)})
				}
			}
		}
	}
	return nil
}

// scanObjects rebuilds the xref by finding every "N G obj" in the file;
// later definitions win, as they would in an incremental update. It also
// recovers a trailer or, failing that, the catalog.
func (f *pdfFile) scanObjects() {
	if f.scanned {
		return
	}
	f.scanned = true
	found := map[int]int64{}
	data := f.data
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("obj"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + 3
		if at+3 < len(data) && isRegular(data[at+3]) {
			continue // "objects" or "endobj" is excluded below
		}
		num, gen, start, ok := numbersBefore(data, at)
		if !ok || gen > 65535 {
			continue
		}
		found[num] = int64(start)
	}
	for num, off := range found {
		e := xrefEntry{offset: off}
		if old, ok := f.xref[num]; ok && !old.inStream && old.offset == off {
			continue
		}
		// Scanned offsets are ground truth for objects whose xref offset
		// is wrong; keep compressed entries as the xref says.
		if old, ok := f.xref[num]; ok && old.inStream {
			continue
		}
		if old, ok := f.xref[num]; ok {
			if _, err := f.parseObjectAt(old.offset, num); err == nil {
				continue
			}
		}
		f.xref[num] = e
	}
	// Objects inside object streams that no xref mentions.
	for num := range found {
		if _, ok := f.xref[num]; !ok {
			continue
		}
		s, ok := f.object(num).(*stream)
		if !ok {
			continue
		}
		if t, _ := s.hdr["Type"].(name); t != "ObjStm" {
			continue
		}
		os := f.objStream(num)
		if os == nil {
			continue
		}
		for idx, n := range os.nums {
			if _, ok := f.xref[n]; !ok {
				f.xref[n] = xrefEntry{inStream: true, streamNum: num, index: idx}
			}
		}
	}
	if f.trailer == nil {
		f.trailer = dict{}
	}
	if _, ok := f.trailer["Root"].(ref); !ok {
		// Use the last trailer dictionary in the file.
		for i := len(data); i > 0; {
			j := bytes.LastIndex(data[:i], []byte("trailer"))
			if j < 0 {
				break
			}
			i = j
			lx := lexer{buf: data, pos: j + len("trailer"), refs: true}
			if d, ok := lx.object().(dict); ok {
				if r, ok := d["Root"].(ref); ok {
					f.trailer["Root"] = r
					if e, ok := d["Encrypt"]; ok {
						f.trailer["Encrypt"] = e
					}
					break
				}
			}
		}
	}
	// A cut-off trailer can leave "/Root 8" without "0 R"; then, or with
	// no trailer at all, the newest catalog object is the root.
	if f.dictOf(f.trailer["Root"]) == nil {
		best := -1
		for num := range f.xref {
			if d, ok := f.object(num).(dict); ok {
				if t, _ := d["Type"].(name); t == "Catalog" && num > best {
					best = num
				}
			}
		}
		if best >= 0 {
			f.trailer["Root"] = ref{best, 0}
		}
	}
}

// numbersBefore reads "num gen " backwards from the "obj" at index at.
func numbersBefore(data []byte, at int) (num, gen, start int, ok bool) {
	p := at
	skipWhite := func() bool {
		n := 0
		for p > 0 && isWhite(data[p-1]) {
			p--
			n++
		}
		return n > 0
	}
	digits := func() (int, bool) {
		end := p
		for p > 0 && data[p-1] >= '0' && data[p-1] <= '9' && end-p < 10 {
			p--
		}
		if p == end {
			return 0, false
		}
		v, err := strconv.Atoi(string(data[p:end]))
		return v, err == nil
	}
	skipWhite() // "1 0 obj" normally, but "1 0obj" is seen too
	g, ok := digits()
	if !ok || !skipWhite() {
		return 0, 0, 0, false
	}
	n, ok := digits()
	if !ok {
		return 0, 0, 0, false
	}
	if p > 0 && isRegular(data[p-1]) {
		return 0, 0, 0, false
	}
	return n, g, p, true
}
