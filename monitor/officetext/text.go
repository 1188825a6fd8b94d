package officetext

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// errTextFull and errCellsFull stop a reader once MaxTextBytes or MaxCells is
// reached. They never reach the caller: Extract turns them into Truncated.
var (
	errTextFull  = errors.New("text limit reached")
	errCellsFull = errors.New("cell limit reached")
)

// extraction is the state of one Extract call: the input, the limits and
// how much of each has been used, and the document being built.
type extraction struct {
	lim      Limits
	src      io.ReaderAt
	size     int64
	unzipped int64 // decompressed bytes read so far, over all zip entries
	textUsed int64 // bytes of text written so far, over all parts
	cells    int64
	doc      Document
	texts    [][]string     // pieces of the text of doc.Parts[i], joined on return
	byWhere  map[string]int // index in doc.Parts
}

// partText accumulates the text of one Part, charging every byte against
// the document's MaxTextBytes.
type partText struct {
	ex *extraction
	b  strings.Builder
}

func (ex *extraction) newPart() *partText { return &partText{ex: ex} }

// write appends s, or as much of it as the text budget allows (cut at a rune
// boundary) and then returns errTextFull.
func (p *partText) write(s string) error {
	left := p.ex.lim.MaxTextBytes - p.ex.textUsed
	if int64(len(s)) <= left {
		p.b.WriteString(s)
		p.ex.textUsed += int64(len(s))
		return nil
	}
	cut := int(max(left, 0))
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	p.b.WriteString(s[:cut])
	p.ex.textUsed += int64(cut)
	return errTextFull
}

// len reports the bytes written so far.
func (p *partText) len() int { return p.b.Len() }

// lastByte is the last byte written, or 0.
func (p *partText) lastByte() byte {
	s := p.b.String()
	if s == "" {
		return 0
	}
	return s[len(s)-1]
}

// add files the part under where, unless it holds only white space. Parts
// with the same where are merged (all the headers of a document are one 页眉).
func (ex *extraction) add(where string, p *partText) {
	text := strings.TrimRight(p.b.String(), " \t\r\n")
	if strings.TrimSpace(text) == "" {
		return
	}
	if ex.byWhere == nil {
		ex.byWhere = map[string]int{}
	}
	if i, ok := ex.byWhere[where]; ok {
		ex.texts[i] = append(ex.texts[i], text)
		return
	}
	ex.byWhere[where] = len(ex.doc.Parts)
	ex.doc.Parts = append(ex.doc.Parts, Part{Where: where})
	ex.texts = append(ex.texts, []string{text})
}

// finish sets the text of every part. A part added once keeps its string
// as built (a sheet's text is not copied again).
func (ex *extraction) finish() *Document {
	for i, pieces := range ex.texts {
		ex.doc.Parts[i].Text = strings.Join(pieces, "\n")
	}
	return &ex.doc
}

// cell counts one spreadsheet cell against MaxCells.
func (ex *extraction) cell() error {
	ex.cells++
	if ex.cells > ex.lim.MaxCells {
		return errCellsFull
	}
	return nil
}

// mib formats a byte limit for messages: "128 MiB", or bytes when smaller.
func mib(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
