package officetext

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
)

// Excel 97–2003 (BIFF8) workbooks and Kingsoft ET files: the Workbook
// stream is a sequence of records. The globals substream gives the sheet
// names (BOUNDSHEET) and the shared strings (SST); each worksheet substream
// then lists its cells in row order.

// BIFF8 record types used here.
const (
	recBOF        = 0x0809
	recEOF        = 0x000A
	recFilePass   = 0x002F
	recBoundSheet = 0x0085
	recSST        = 0x00FC
	recContinue   = 0x003C
	recLabelSST   = 0x00FD
	recLabel      = 0x0204
	recRK         = 0x027E
	recMulRK      = 0x00BD
	recNumber     = 0x0203
	recFormula    = 0x0006
	recString     = 0x0207
	recBoolErr    = 0x0205
)

// biffRecord is one record: its type, its data, and the data of the
// CONTINUE records that follow it.
type biffRecord struct {
	typ   uint16
	pos   int // offset of the record header in the stream
	data  []byte
	conts [][]byte
}

// biffRecords splits the stream into records, attaching CONTINUE records to
// the one before. A record cut short by the end of the stream ends the list.
func biffRecords(s []byte) []biffRecord {
	var out []biffRecord
	for pos := 0; pos+4 <= len(s); {
		typ := binary.LittleEndian.Uint16(s[pos:])
		n := int(binary.LittleEndian.Uint16(s[pos+2:]))
		if pos+4+n > len(s) {
			break
		}
		data := s[pos+4 : pos+4+n]
		if typ == recContinue && len(out) > 0 {
			last := &out[len(out)-1]
			last.conts = append(last.conts, data)
		} else {
			out = append(out, biffRecord{typ: typ, pos: pos, data: data})
		}
		pos += 4 + n
	}
	return out
}

// xlsSheet is the worksheet being written.
type xlsSheet struct {
	name    string
	out     *partText
	lastRow int
	cells   int
}

func (ex *extraction) excelBinary(f *cfbFile, e *cfbEntry) error {
	data, err := f.stream(e)
	if err != nil {
		return fmt.Errorf("xls: %w", err)
	}
	records := biffRecords(data)
	if len(records) == 0 || records[0].typ != recBOF || len(records[0].data) < 4 {
		return fmt.Errorf("xls: Workbook stream does not start with a BOF record")
	}
	if v := binary.LittleEndian.Uint16(records[0].data); v != 0x0600 {
		return fmt.Errorf("xls: BIFF version %#x is not BIFF8: %w", v, ErrUnsupported)
	}
	var (
		sheetNames = map[int]string{} // BOF offset → name
		sst        []string
		sheet      *xlsSheet
		depth      int
		sheetNo    int
		formulaStr bool // the last FORMULA's string result follows in STRING
		fRow       int
	)
	finish := func() {
		if sheet != nil {
			ex.add(sheet.name, sheet.out)
			sheet = nil
		}
	}
	defer finish()
	for _, r := range records {
		d := r.data
		switch r.typ {
		case recBOF:
			depth++
			if len(d) >= 4 && binary.LittleEndian.Uint16(d[2:]) == 0x0010 && depth == 1 {
				sheetNo++
				name, ok := sheetNames[r.pos]
				if !ok {
					name = "Sheet" + strconv.Itoa(sheetNo)
				}
				sheet = &xlsSheet{name: name, out: ex.newPart(), lastRow: -1}
			}
		case recEOF:
			depth--
			if depth <= 0 {
				finish()
				depth = 0
			}
		case recFilePass:
			return fmt.Errorf("xls: FILEPASS record: %w", ErrEncrypted)
		case recBoundSheet:
			if len(d) >= 8 {
				pos := int(binary.LittleEndian.Uint32(d))
				name, _ := xlsString(d[6:], 1)
				sheetNames[pos] = name
			}
		case recSST:
			sst, err = ex.readSST(r)
			if err != nil {
				return err
			}
		}
		if sheet == nil || depth != 1 || len(d) < 6 {
			continue
		}
		row := int(binary.LittleEndian.Uint16(d))
		var text string
		switch r.typ {
		case recLabelSST:
			if len(d) >= 10 {
				if i := int(binary.LittleEndian.Uint32(d[6:])); i < len(sst) {
					text = sst[i]
				}
			}
		case recLabel:
			text, _ = xlsString(d[6:], 2)
		case recRK:
			if len(d) >= 10 {
				text = rkText(binary.LittleEndian.Uint32(d[6:]))
			}
		case recNumber:
			if len(d) >= 14 {
				text = numberText(math.Float64frombits(binary.LittleEndian.Uint64(d[6:])))
			}
		case recBoolErr:
			if len(d) >= 8 && d[7] == 0 {
				text = map[bool]string{true: "TRUE", false: "FALSE"}[d[6] != 0]
			}
		case recMulRK:
			// colFirst, then (ixfe, RK) pairs, then colLast.
			for i := 4; i+6 <= len(d)-2; i += 6 {
				if err := ex.xlsCell(sheet, row, rkText(binary.LittleEndian.Uint32(d[i+2:]))); err != nil {
					return err
				}
			}
			continue
		case recFormula:
			if len(d) < 14 {
				continue
			}
			if binary.LittleEndian.Uint16(d[12:]) != 0xFFFF {
				text = numberText(math.Float64frombits(binary.LittleEndian.Uint64(d[6:])))
			} else {
				switch d[6] {
				case 0:
					formulaStr, fRow = true, row
				case 1:
					text = map[bool]string{true: "TRUE", false: "FALSE"}[d[8] != 0]
				}
			}
		case recString:
			if formulaStr {
				formulaStr = false
				s, _ := xlsString(d, 2)
				if err := ex.xlsCell(sheet, fRow, s); err != nil {
					return err
				}
			}
			continue
		default:
			continue
		}
		if err := ex.xlsCell(sheet, row, text); err != nil {
			return err
		}
	}
	return nil
}

// xlsCell writes one cell: "\t" between cells of a row, "\n" between rows.
func (ex *extraction) xlsCell(s *xlsSheet, row int, text string) error {
	if err := ex.cell(); err != nil {
		return err
	}
	if text == "" {
		return nil
	}
	if s.cells > 0 {
		sep := "\t"
		if row != s.lastRow {
			sep = "\n"
		}
		if err := s.out.write(sep); err != nil {
			return err
		}
	}
	s.lastRow = row
	s.cells++
	return s.out.write(text)
}

// xlsString reads an XLUnicodeString (lenBytes 2) or ShortXLUnicodeString
// (lenBytes 1) without rich text: length, flags, then 8-bit (Latin-1) or
// UTF-16LE characters. It returns the string and the bytes used.
func xlsString(b []byte, lenBytes int) (string, int) {
	if len(b) < lenBytes+1 {
		return "", len(b)
	}
	n := int(b[0])
	if lenBytes == 2 {
		n = int(binary.LittleEndian.Uint16(b))
	}
	high := b[lenBytes]&0x01 != 0
	b = b[lenBytes+1:]
	if high {
		n = min(n, len(b)/2)
		units := make([]uint16, n)
		for i := range units {
			units[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
		return string(utf16.Decode(units)), lenBytes + 1 + 2*n
	}
	n = min(n, len(b))
	runes := make([]rune, n)
	for i := range runes {
		runes[i] = rune(b[i])
	}
	return string(runes), lenBytes + 1 + n
}

// rkText decodes an RK number: a 30-bit integer or the high 30 bits of a
// double, optionally divided by 100.
func rkText(rk uint32) string {
	var f float64
	if rk&0x02 != 0 {
		f = float64(int32(rk) >> 2)
	} else {
		f = math.Float64frombits(uint64(rk&0xFFFFFFFC) << 32)
	}
	if rk&0x01 != 0 {
		f /= 100
	}
	return numberText(f)
}

// numberText writes a number the shortest way that reads back the same,
// integers in full (an ID number typed as a number in Excel keeps its 15
// significant digits: 110101199003071000), never as a date.
func numberText(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// sstReader reads the SST record and its CONTINUE records as one sequence,
// except that a string's characters split across records resume with a
// fresh flags byte saying whether the rest is 8-bit or UTF-16.
type sstReader struct {
	segs [][]byte
	seg  int
	pos  int
}

func (r *sstReader) avail() int {
	for r.seg < len(r.segs) && r.pos >= len(r.segs[r.seg]) {
		r.seg++
		r.pos = 0
	}
	if r.seg >= len(r.segs) {
		return 0
	}
	return len(r.segs[r.seg]) - r.pos
}

func (r *sstReader) bytes(n int) ([]byte, bool) {
	var out []byte
	for n > 0 {
		a := r.avail()
		if a == 0 {
			return nil, false
		}
		k := min(a, n)
		out = append(out, r.segs[r.seg][r.pos:r.pos+k]...)
		r.pos += k
		n -= k
	}
	return out, true
}

func (r *sstReader) skip(n int) bool {
	for n > 0 {
		a := r.avail()
		if a == 0 {
			return false
		}
		k := min(a, n)
		r.pos += k
		n -= k
	}
	return true
}

// chars reads n characters, switching width at record boundaries.
func (r *sstReader) chars(n int, high bool) (string, bool) {
	units := make([]uint16, 0, min(n, 1<<16))
	startSeg := r.seg
	for n > 0 {
		a := r.avail()
		if a == 0 {
			return "", false
		}
		if r.pos == 0 && r.seg != startSeg {
			// A continuation: its first byte is the flags for the rest.
			high = r.segs[r.seg][0]&0x01 != 0
			r.pos = 1
			startSeg = r.seg
			continue
		}
		seg := r.segs[r.seg]
		if high {
			k := min(a/2, n)
			if k == 0 {
				return "", false
			}
			for i := 0; i < k; i++ {
				units = append(units, binary.LittleEndian.Uint16(seg[r.pos+2*i:]))
			}
			r.pos += 2 * k
			n -= k
		} else {
			k := min(a, n)
			for i := 0; i < k; i++ {
				units = append(units, uint16(seg[r.pos+i]))
			}
			r.pos += k
			n -= k
		}
	}
	return string(utf16.Decode(units)), true
}

// readSST reads the shared strings table (XLUnicodeRichExtendedString
// entries): rich-text runs and phonetic (ExtRst) data are skipped.
func (ex *extraction) readSST(rec biffRecord) ([]string, error) {
	if len(rec.data) < 8 {
		return nil, fmt.Errorf("xls: SST record of %d bytes", len(rec.data))
	}
	unique := int64(binary.LittleEndian.Uint32(rec.data[4:]))
	if unique > ex.lim.MaxCells {
		return nil, fmt.Errorf("xls: SST claims %d strings, more than %d", unique, ex.lim.MaxCells)
	}
	r := &sstReader{segs: append([][]byte{rec.data[8:]}, rec.conts...)}
	out := make([]string, 0, min(unique, 1<<16))
	for int64(len(out)) < unique {
		head, ok := r.bytes(3)
		if !ok {
			break // a short table: keep what was read
		}
		n := int(binary.LittleEndian.Uint16(head))
		flags := head[2]
		runs, ext := 0, 0
		if flags&0x08 != 0 {
			b, ok := r.bytes(2)
			if !ok {
				break
			}
			runs = int(binary.LittleEndian.Uint16(b))
		}
		if flags&0x04 != 0 {
			b, ok := r.bytes(4)
			if !ok {
				break
			}
			ext = int(binary.LittleEndian.Uint32(b) & 0x7FFFFFFF)
		}
		s, ok := r.chars(n, flags&0x01 != 0)
		if !ok {
			break
		}
		out = append(out, s)
		if !r.skip(4*runs) || !r.skip(ext) {
			break
		}
	}
	return out, nil
}
