package pdftext

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"io"
)

var (
	// errUnsupportedFilter marks image filters (DCT, JBIG2, JPX, CCITT)
	// whose streams carry no text; such streams are skipped.
	errUnsupportedFilter = errors.New("pdf: unsupported filter")
	// errStreamLimit reports a stream that decodes to more than
	// Limits.MaxStreamBytes; the data up to the limit is still returned.
	errStreamLimit = errors.New("pdf: stream exceeds MaxStreamBytes")
)

// decodeStream returns a stream's data with all its filters applied.
func (f *pdfFile) decodeStream(s *stream) ([]byte, error) {
	data, err := f.streamRaw(s)
	if err != nil {
		return nil, err
	}
	max := f.lim.MaxStreamBytes
	var filters []name
	var params []dict
	switch v := f.resolve(s.hdr["Filter"]).(type) {
	case name:
		filters = []name{v}
		params = []dict{f.dictOf(s.hdr["DecodeParms"])}
	case array:
		pa, _ := f.resolve(s.hdr["DecodeParms"]).(array)
		for i, fv := range v {
			n, _ := f.resolve(fv).(name)
			filters = append(filters, n)
			var p dict
			if i < len(pa) {
				p = f.dictOf(pa[i])
			}
			params = append(params, p)
		}
	}
	if len(filters) > 8 {
		return nil, errUnsupportedFilter
	}
	for i, fl := range filters {
		p := params[i]
		var err error
		switch fl {
		case "FlateDecode", "Fl":
			data, err = inflate(data, max)
			if err == nil || err == errStreamLimit {
				var perr error
				data, perr = f.unpredict(data, p)
				if perr != nil {
					return nil, perr
				}
			}
		case "LZWDecode", "LZW":
			early := true
			if v, ok := f.resolve(p["EarlyChange"]).(int64); ok && v == 0 {
				early = false
			}
			data, err = lzwDecode(data, early, max)
			if err == nil || err == errStreamLimit {
				var perr error
				data, perr = f.unpredict(data, p)
				if perr != nil {
					return nil, perr
				}
			}
		case "ASCIIHexDecode", "AHx":
			data = asciiHexDecode(data)
		case "ASCII85Decode", "A85":
			data = ascii85Decode(data)
		case "RunLengthDecode", "RL":
			data, err = runLengthDecode(data, max)
		case "Crypt":
			// Only the Identity crypt filter can occur in an unencrypted file.
		default:
			return nil, errUnsupportedFilter
		}
		if err != nil {
			return data, err
		}
	}
	if int64(len(data)) > max {
		return data[:max], errStreamLimit
	}
	return data, nil
}

// inflate decompresses zlib data, reading at most max bytes. Corrupt or
// truncated streams yield what could be decoded, as viewers do.
func inflate(data []byte, max int64) ([]byte, error) {
	var r io.Reader
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err == nil {
		r = zr
	} else {
		// Some producers write raw deflate data without the zlib header.
		r = flate.NewReader(bytes.NewReader(data))
	}
	out, err := io.ReadAll(io.LimitReader(r, max+1))
	if int64(len(out)) > max {
		return out[:max], errStreamLimit
	}
	if err != nil && len(out) == 0 {
		return nil, errors.New("pdf: corrupt Flate stream")
	}
	return out, nil
}

// unpredict undoes a PNG (Predictor >= 10) or TIFF (2) predictor.
func (f *pdfFile) unpredict(data []byte, p dict) ([]byte, error) {
	if p == nil {
		return data, nil
	}
	pred, _ := f.resolve(p["Predictor"]).(int64)
	if pred < 2 {
		return data, nil
	}
	colors, bpc, columns := int64(1), int64(8), int64(1)
	if v, ok := f.resolve(p["Colors"]).(int64); ok {
		colors = v
	}
	if v, ok := f.resolve(p["BitsPerComponent"]).(int64); ok {
		bpc = v
	}
	if v, ok := f.resolve(p["Columns"]).(int64); ok {
		columns = v
	}
	if colors < 1 || colors > 32 || bpc < 1 || bpc > 16 || columns < 1 || columns > 1<<20 {
		return nil, errors.New("pdf: bad predictor parameters")
	}
	bpp := int((colors*bpc + 7) / 8)
	rowLen := int((columns*colors*bpc + 7) / 8)
	if rowLen > len(data) {
		// One row longer than the whole stream: the parameters are bogus,
		// and trusting them would allocate rows of up to 64 MiB.
		return nil, errors.New("pdf: predictor row longer than the stream")
	}
	if pred == 2 {
		if bpc != 8 {
			return data, nil
		}
		out := append([]byte(nil), data...)
		for row := 0; row+rowLen <= len(out); row += rowLen {
			for i := bpp; i < rowLen; i++ {
				out[row+i] += out[row+i-bpp]
			}
		}
		return out, nil
	}
	out := make([]byte, 0, len(data)/(rowLen+1)*rowLen+rowLen)
	prev := make([]byte, rowLen)
	cur := make([]byte, rowLen)
	for pos := 0; pos < len(data); pos += rowLen + 1 {
		filter := data[pos]
		end := pos + 1 + rowLen
		if end > len(data) {
			end = len(data)
		}
		n := copy(cur, data[pos+1:end])
		for i := n; i < rowLen; i++ {
			cur[i] = 0
		}
		for i := 0; i < rowLen; i++ {
			var left, upLeft byte
			if i >= bpp {
				left = cur[i-bpp]
				upLeft = prev[i-bpp]
			}
			up := prev[i]
			switch filter {
			case 1:
				cur[i] += left
			case 2:
				cur[i] += up
			case 3:
				cur[i] += byte((int(left) + int(up)) / 2)
			case 4:
				cur[i] += paeth(left, up, upLeft)
			}
		}
		out = append(out, cur[:n]...)
		prev, cur = cur, prev
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	if pa <= pb && pa <= pc {
		return a
	}
	if pb <= pc {
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func asciiHexDecode(data []byte) []byte {
	out := make([]byte, 0, len(data)/2+1)
	var hi byte
	half := false
	for _, c := range data {
		if c == '>' {
			break
		}
		v, ok := unhex(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out
}

func ascii85Decode(data []byte) []byte {
	out := make([]byte, 0, len(data)*4/5+4)
	var group [5]byte
	n := 0
	flush := func(count int) {
		var v uint64
		for i := 0; i < 5; i++ {
			v = v*85 + uint64(group[i])
		}
		if v > 0xFFFFFFFF {
			v = 0xFFFFFFFF
		}
		b := []byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
		out = append(out, b[:count]...)
	}
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '~':
			i = len(data)
		case c == 'z' && n == 0:
			out = append(out, 0, 0, 0, 0)
		case c >= '!' && c <= 'u':
			group[n] = c - '!'
			n++
			if n == 5 {
				flush(4)
				n = 0
			}
		}
	}
	if n > 1 {
		for i := n; i < 5; i++ {
			group[i] = 'u' - '!'
		}
		flush(n - 1)
	}
	return out
}

func runLengthDecode(data []byte, max int64) ([]byte, error) {
	var out []byte
	for i := 0; i < len(data); {
		l := int(data[i])
		i++
		switch {
		case l < 128:
			end := i + l + 1
			if end > len(data) {
				end = len(data)
			}
			out = append(out, data[i:end]...)
			i = end
		case l > 128:
			if i >= len(data) {
				return out, nil
			}
			for j := 0; j < 257-l; j++ {
				out = append(out, data[i])
			}
			i++
		default:
			return out, nil
		}
		if int64(len(out)) > max {
			return out[:max], errStreamLimit
		}
	}
	return out, nil
}

// lzwDecode implements the PDF variant of LZW (MSB-first codes, 9–12
// bits, EarlyChange). compress/lzw cannot be used: it lacks early change.
func lzwDecode(data []byte, early bool, max int64) ([]byte, error) {
	const clear, eod = 256, 257
	type entry struct {
		prefix int
		last   byte
		first  byte
		length int
	}
	table := make([]entry, 4096)
	for i := 0; i < 256; i++ {
		table[i] = entry{prefix: -1, last: byte(i), first: byte(i), length: 1}
	}
	next := 258
	width := 9
	var bitBuf uint32
	bits := 0
	pos := 0
	prev := -1
	var out []byte
	buf := make([]byte, 4096)
	emit := func(code int) {
		l := table[code].length
		for c, i := code, l-1; c >= 0 && i >= 0; c, i = table[c].prefix, i-1 {
			buf[i] = table[c].last
		}
		out = append(out, buf[:l]...)
	}
	for {
		for bits < width && pos < len(data) {
			bitBuf = bitBuf<<8 | uint32(data[pos])
			pos++
			bits += 8
		}
		if bits < width {
			return out, nil
		}
		code := int(bitBuf>>(bits-width)) & (1<<width - 1)
		bits -= width
		switch {
		case code == clear:
			next, width, prev = 258, 9, -1
			continue
		case code == eod:
			return out, nil
		case prev < 0:
			if code > 255 {
				return out, nil
			}
			emit(code)
		case code < next:
			emit(code)
			if next < 4096 {
				table[next] = entry{prefix: prev, last: table[code].first, first: table[prev].first, length: table[prev].length + 1}
				next++
			}
		case code == next && next < 4096:
			table[next] = entry{prefix: prev, last: table[prev].first, first: table[prev].first, length: table[prev].length + 1}
			next++
			emit(code)
		default:
			return out, nil // corrupt code
		}
		prev = code
		if int64(len(out)) > max {
			return out[:max], errStreamLimit
		}
		limit := next
		if early {
			limit++
		}
		switch {
		case limit >= 2048:
			width = 12
		case limit >= 1024:
			width = 11
		case limit >= 512:
			width = 10
		}
	}
}
