package pdftext

import (
	"bytes"
)

// maxRefChain caps how many references resolve follows (a ref to a ref…).
const maxRefChain = 32

// maxLoadDepth caps objects whose parsing is nested in another's.
const maxLoadDepth = 64

// parseObjectAt parses "num gen obj <value> [stream]" at off. want < 0
// accepts any object number.
func (f *pdfFile) parseObjectAt(off int64, want int) (object, error) {
	if off < 0 || off >= int64(len(f.data)) {
		return nil, f.errorf(want, off, "offset outside the file")
	}
	lx := lexer{buf: f.data, pos: int(off), refs: true}
	num, ok1 := lx.token().(int64)
	_, ok2 := lx.token().(int64)
	kw, ok3 := lx.token().(keyword)
	if !ok1 || !ok2 || !ok3 || kw != "obj" {
		return nil, f.errorf(want, off, "no object header")
	}
	if want >= 0 && num != int64(want) {
		return nil, f.errorf(want, off, "found object %d instead", num)
	}
	v := lx.object()
	switch v.(type) {
	case keyword, eofToken:
		return nil, nil // "1 0 obj endobj" is a null object
	}
	d, ok := v.(dict)
	if !ok {
		return v, nil
	}
	save := lx.pos
	if k, ok := lx.token().(keyword); ok && k == "stream" {
		p := lx.pos
		// The keyword is followed by CRLF or LF (a lone CR is tolerated).
		if p < len(f.data) && f.data[p] == '\r' {
			p++
		}
		if p < len(f.data) && f.data[p] == '\n' {
			p++
		}
		return &stream{hdr: d, num: int(num), start: int64(p)}, nil
	}
	lx.pos = save
	return d, nil
}

// object returns object num, parsing it on first use. Missing, broken or
// cyclic objects are null, as the PDF specification says for missing ones.
func (f *pdfFile) object(num int) object {
	if v, ok := f.cache[num]; ok {
		return v
	}
	// loading holds the objects being parsed further up the stack: a
	// repeat is a cycle, and too many means a chain of lengths and object
	// streams deep enough to threaten the stack.
	if f.loading[num] || len(f.loading) >= maxLoadDepth {
		return nil
	}
	if f.parsed >= f.lim.MaxObjects {
		f.truncated = true
		return nil
	}
	f.parsed++
	f.loading[num] = true
	defer delete(f.loading, num)
	v, ok := f.loadObject(num)
	if !ok && !f.scanned {
		f.scanObjects()
		v, _ = f.loadObject(num)
	}
	f.cache[num] = v
	return v
}

func (f *pdfFile) loadObject(num int) (object, bool) {
	e, ok := f.xref[num]
	if !ok {
		return nil, false
	}
	if !e.inStream {
		v, err := f.parseObjectAt(e.offset, num)
		return v, err == nil
	}
	os := f.objStream(e.streamNum)
	if os == nil {
		return nil, false
	}
	i := e.index
	if i < 0 || i >= len(os.nums) || os.nums[i] != num {
		i = -1
		for j, n := range os.nums {
			if n == num {
				i = j
			}
		}
		if i < 0 {
			return nil, false
		}
	}
	lx := lexer{buf: os.data, pos: os.offsets[i], refs: true}
	v := lx.object()
	switch v.(type) {
	case keyword, eofToken:
		return nil, true
	}
	return v, true
}

// objStream decodes object stream num once and indexes its header.
func (f *pdfFile) objStream(num int) *objStream {
	if os, ok := f.objStms[num]; ok {
		return os
	}
	f.objStms[num] = nil // guards against an object stream containing itself
	s, ok := f.object(num).(*stream)
	if !ok {
		return nil
	}
	data, err := f.decodeStream(s)
	if err != nil && len(data) == 0 {
		return nil
	}
	n, _ := f.resolve(s.hdr["N"]).(int64)
	first, _ := f.resolve(s.hdr["First"]).(int64)
	if n < 0 || first < 0 || first > int64(len(data)) || n > int64(len(data))/2+1 {
		return nil
	}
	os := &objStream{data: data}
	lx := lexer{buf: data[:first]}
	for i := int64(0); i < n; i++ {
		on, ok1 := lx.token().(int64)
		off, ok2 := lx.token().(int64)
		if !ok1 || !ok2 || on < 0 || on > 1<<24 || off < 0 || first+off >= int64(len(data)) {
			break
		}
		os.nums = append(os.nums, int(on))
		os.offsets = append(os.offsets, int(first+off))
	}
	// Decoded object streams are cached; past a budget the cache starts
	// over so that many object streams cannot pin unbounded memory.
	f.objStmBytes += int64(len(data))
	if f.objStmBytes > 4*f.lim.MaxStreamBytes {
		clear(f.objStms)
		f.objStmBytes = int64(len(data))
	}
	f.objStms[num] = os
	return os
}

// resolve follows references to a direct object.
func (f *pdfFile) resolve(v object) object {
	for i := 0; i < maxRefChain; i++ {
		r, ok := v.(ref)
		if !ok {
			return v
		}
		v = f.object(r.num)
	}
	return nil
}

func (f *pdfFile) dictOf(v object) dict {
	switch d := f.resolve(v).(type) {
	case dict:
		return d
	case *stream:
		return d.hdr
	}
	return nil
}

func (f *pdfFile) number(v object) (float64, bool) {
	switch n := f.resolve(v).(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// streamRaw returns a stream's undecoded bytes. /Length is trusted when
// "endstream" follows it; otherwise the data runs up to the next
// "endstream", which repairs the wrong lengths some producers write.
func (f *pdfFile) streamRaw(s *stream) ([]byte, error) {
	if s.start < 0 || s.start > int64(len(f.data)) {
		return nil, f.errorf(s.num, s.start, "bad stream offset")
	}
	rest := f.data[s.start:]
	if n, ok := f.resolve(s.hdr["Length"]).(int64); ok && n >= 0 && n <= int64(len(rest)) {
		after := rest[n:]
		i := 0
		for i < len(after) && i < 64 && isWhite(after[i]) {
			i++
		}
		if bytes.HasPrefix(after[i:], []byte("endstream")) {
			return rest[:n], nil
		}
	}
	end := bytes.Index(rest, []byte("endstream"))
	if end < 0 {
		return nil, f.errorf(s.num, s.start, "bad stream length")
	}
	raw := rest[:end]
	if len(raw) > 0 && raw[len(raw)-1] == '\n' {
		raw = raw[:len(raw)-1]
	}
	if len(raw) > 0 && raw[len(raw)-1] == '\r' {
		raw = raw[:len(raw)-1]
	}
	return raw, nil
}
