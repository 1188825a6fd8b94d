package officetext

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// Word 97–2003 binary documents (MS-DOC), and Kingsoft WPS files, which use
// the same WordDocument stream. The text is found through the piece table
// (PlcPcd) in the CLX, which the FIB locates in the 0Table or 1Table stream.

// FIB flag bits (FibBase, offset 0x0A).
const (
	fibWhichTblStm = 0x0200
	fibEncrypted   = 0x0100
)

// fibStories lists the FibRgLw97 indices of the character counts of each
// story, in the order the stories follow each other in CP space.
var fibStories = []struct {
	index int
	where string
}{
	{3, whereBody},     // ccpText
	{4, whereFootnote}, // ccpFtn
	{5, "页眉页脚"},        // ccpHdd: headers and footers in one story
	{6, ""},            // ccpMcr, unused
	{7, whereComment},  // ccpAtn
	{8, whereEndnote},  // ccpEdn
	{9, whereTextBox},  // ccpTxbx
	{10, whereTextBox}, // ccpHdrTxbx
}

func (ex *extraction) wordBinary(f *cfbFile, streams map[string]*cfbEntry) error {
	wd, err := f.stream(streams["worddocument"])
	if err != nil {
		return fmt.Errorf("doc: %w", err)
	}
	le := binary.LittleEndian
	if len(wd) < 32 {
		return fmt.Errorf("doc: WordDocument stream of %d bytes has no FIB", len(wd))
	}
	if ident := le.Uint16(wd); ident != 0xA5EC {
		return fmt.Errorf("doc: FIB identifier %#x is not Word 97 or later: %w", ident, ErrUnsupported)
	}
	flags := le.Uint16(wd[0x0A:])
	if flags&fibEncrypted != 0 {
		return fmt.Errorf("doc: FIB fEncrypted is set: %w", ErrEncrypted)
	}
	table := "0table"
	if flags&fibWhichTblStm != 0 {
		table = "1table"
	}
	stories, pieceErr := ex.wordPieces(f, wd, streams[table])
	if pieceErr == nil {
		found := false
		for _, s := range stories {
			if strings.TrimSpace(s.text) != "" {
				found = true
			}
			out := ex.newPart()
			err := out.write(s.text)
			ex.add(s.where, out)
			if err != nil {
				return err
			}
		}
		if found {
			return nil
		}
	}
	// The fallback: scan the stream for runs of UTF-16LE Chinese text.
	runs := cjkRuns(wd)
	if runs == "" {
		if pieceErr == nil {
			return nil // a document without text (only pictures, say)
		}
		return fmt.Errorf("doc: no text found: piece table: %v; no UTF-16 Chinese text in the WordDocument stream", pieceErr)
	}
	out := ex.newPart()
	defer ex.add(whereBody, out)
	return out.write(runs)
}

type wordStory struct{ where, text string }

// wordPieces reads the text through the piece table and splits it into
// stories by the FIB's character counts.
func (ex *extraction) wordPieces(f *cfbFile, wd []byte, tableEntry *cfbEntry) ([]wordStory, error) {
	le := binary.LittleEndian
	if tableEntry == nil {
		return nil, errors.New("table stream missing")
	}
	table, err := f.stream(tableEntry)
	if err != nil {
		return nil, err
	}
	// FibBase (32 bytes), csw + fibRgW, cslw + fibRgLw, cbRgFcLcb + fibRgFcLcb.
	pos := 32
	read16 := func() (int, error) {
		if pos+2 > len(wd) {
			return 0, errors.New("FIB truncated")
		}
		v := int(le.Uint16(wd[pos:]))
		pos += 2
		return v, nil
	}
	csw, err := read16()
	if err != nil {
		return nil, err
	}
	pos += 2 * csw
	cslw, err := read16()
	if err != nil {
		return nil, err
	}
	rgLw := pos
	pos += 4 * cslw
	cbRgFcLcb, err := read16()
	if err != nil {
		return nil, err
	}
	rgFcLcb := pos
	const clxPair = 33 // fcClx/lcbClx in FibRgFcLcb97
	if cslw < 11 || cbRgFcLcb <= clxPair || rgFcLcb+8*(clxPair+1) > len(wd) {
		return nil, errors.New("FIB too short for the CLX location")
	}
	fcClx := int64(le.Uint32(wd[rgFcLcb+8*clxPair:]))
	lcbClx := int64(le.Uint32(wd[rgFcLcb+8*clxPair+4:]))
	if fcClx+lcbClx > int64(len(table)) || lcbClx <= 0 {
		return nil, fmt.Errorf("CLX at %d+%d outside the table stream of %d bytes", fcClx, lcbClx, len(table))
	}
	units, err := pieceText(table[fcClx:fcClx+lcbClx], wd)
	if err != nil {
		return nil, err
	}
	var stories []wordStory
	cp := 0
	for _, s := range fibStories {
		n := int(int32(le.Uint32(wd[rgLw+4*s.index:])))
		if n <= 0 {
			continue
		}
		end := min(cp+n, len(units))
		if s.where != "" && cp < end {
			stories = append(stories, wordStory{s.where, cleanWordText(units[cp:end])})
		}
		cp = end
	}
	return stories, nil
}

// pieceText reads the CLX (skipping Prc entries) and concatenates the
// pieces of the piece table as UTF-16 units, one per CP. Compressed pieces
// are 8-bit cp1252; the rest UTF-16LE.
func pieceText(clx, wd []byte) ([]uint16, error) {
	le := binary.LittleEndian
	pos := 0
	for pos < len(clx) && clx[pos] == 0x01 { // Prc: clxt, cbGrpprl, grpprl
		if pos+3 > len(clx) {
			return nil, errors.New("CLX truncated in Prc")
		}
		pos += 3 + int(int16(le.Uint16(clx[pos+1:])))&0x7FFF
	}
	if pos+5 > len(clx) || clx[pos] != 0x02 {
		return nil, errors.New("CLX has no Pcdt")
	}
	lcb := int(le.Uint32(clx[pos+1:]))
	plc := clx[pos+5:]
	if lcb > len(plc) || lcb < 4 {
		return nil, fmt.Errorf("PlcPcd of %d bytes in %d", lcb, len(plc))
	}
	plc = plc[:lcb]
	n := (lcb - 4) / 12 // n+1 CPs of 4 bytes, n PCDs of 8 bytes
	pcds := plc[4*(n+1):]
	var units []uint16
	cp1252 := charmap.Windows1252
	for i := 0; i < n; i++ {
		start, end := le.Uint32(plc[4*i:]), le.Uint32(plc[4*i+4:])
		if end < start {
			return nil, fmt.Errorf("piece %d: CPs %d..%d go backwards", i, start, end)
		}
		count := int64(end - start)
		if int64(len(units))+count > int64(len(wd)) {
			return nil, fmt.Errorf("piece %d: more text than the stream holds", i)
		}
		fc := le.Uint32(pcds[8*i+2:])
		if fc&0x40000000 != 0 {
			off := int64(fc&0x3FFFFFFF) / 2
			if off+count > int64(len(wd)) {
				return nil, fmt.Errorf("piece %d: bytes %d+%d beyond the stream", i, off, count)
			}
			for _, b := range wd[off : off+count] {
				units = append(units, uint16(cp1252.DecodeByte(b)))
			}
		} else {
			off := int64(fc)
			if off+2*count > int64(len(wd)) {
				return nil, fmt.Errorf("piece %d: bytes %d+%d beyond the stream", i, off, 2*count)
			}
			for j := int64(0); j < count; j++ {
				units = append(units, le.Uint16(wd[off+2*j:]))
			}
		}
	}
	return units, nil
}

// cleanWordText turns Word's special characters into plain text: field
// codes (between 0x13 and 0x14) are dropped and field results kept, cell
// marks become tabs and a cell mark right after another (the row end) a
// newline, paragraph and line marks newlines, other controls nothing.
func cleanWordText(units []uint16) string {
	out := make([]uint16, 0, len(units))
	var fields []bool // per open field: still in its code part
	inCode := func() bool {
		for _, c := range fields {
			if c {
				return true
			}
		}
		return false
	}
	code := false
	prevCell := false
	for _, u := range units {
		switch u {
		case 0x13:
			if len(fields) < 64 {
				fields = append(fields, true)
			}
			code = inCode()
			continue
		case 0x14:
			if len(fields) > 0 {
				fields[len(fields)-1] = false
			}
			code = inCode()
			continue
		case 0x15:
			if len(fields) > 0 {
				fields = fields[:len(fields)-1]
			}
			code = inCode()
			continue
		}
		if code {
			continue
		}
		cell := u == 0x07
		switch {
		case cell && prevCell:
			out = append(out, '\n')
			cell = false // the row end; a following mark starts a new cell
		case cell:
			out = append(out, '\t')
		case u == 0x0D || u == 0x0B || u == 0x0C || u == 0x0E:
			out = append(out, '\n')
		case u == 0x09:
			out = append(out, '\t')
		case u == 0x1E:
			out = append(out, '-')
		case u < 0x20:
			// Picture anchors, footnote references and the like.
		default:
			out = append(out, u)
		}
		prevCell = cell
	}
	return string(utf16.Decode(out))
}

// cjkRuns scans raw bytes, at both alignments, for UTF-16LE runs of
// printable text that hold at least 4 Chinese characters: the fallback
// when a document's piece table cannot be read.
func cjkRuns(b []byte) string {
	var sb strings.Builder
	for align := 0; align < 2; align++ {
		var run []uint16
		cjk := 0
		flush := func() {
			if cjk >= 4 {
				sb.WriteString(string(utf16.Decode(run)))
				sb.WriteByte('\n')
			}
			run, cjk = run[:0], 0
		}
		for i := align; i+1 < len(b); i += 2 {
			u := binary.LittleEndian.Uint16(b[i:])
			switch {
			case u >= 0x4E00 && u <= 0x9FFF:
				cjk++
				run = append(run, u)
			case u >= 0x3000 && u <= 0x303F, u >= 0xFF00 && u <= 0xFFEF, u >= 0x20 && u < 0x7F:
				run = append(run, u)
			default:
				flush()
			}
		}
		flush()
	}
	return sb.String()
}
