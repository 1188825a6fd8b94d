package officetext

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/govwatch/govwatch/monitor/charset"
)

// readHead reads at most limit bytes from the start; cut reports whether the
// file is longer.
func (ex *extraction) readHead(format string, limit int64) (data []byte, cut bool, err error) {
	n := min(ex.size, limit)
	buf := make([]byte, n)
	if got, err := ex.src.ReadAt(buf, 0); int64(got) < n {
		return nil, false, fmt.Errorf("%s: reading file: %v", format, err)
	}
	return buf, n < ex.size, nil
}

// decodeText turns bytes of unknown charset into UTF-8: BOMs (UTF-8,
// UTF-16) decide, otherwise UTF-8 if valid, otherwise GB18030 (which reads
// GBK and GB2312) when the bytes look Chinese. monitor/charset does exactly
// this weighing for web pages.
func decodeText(b []byte, contentType string) string {
	text, _, _ := charset.Decode(b, contentType)
	return text
}

// plain reads csv and txt. CSV rows become tab-separated lines like
// spreadsheet rows; a CSV that does not parse is kept as plain text.
func (ex *extraction) plain(kind string) error {
	// The text limit is in UTF-8 bytes; GBK grows by half when decoded, so
	// reading MaxTextBytes of input is enough to fill it.
	data, cut, err := ex.readHead(kind, ex.lim.MaxTextBytes)
	if err != nil {
		return err
	}
	if cut {
		data = trimPartialChar(data)
	}
	text := decodeText(data, "")
	out := ex.newPart()
	defer ex.add(whereBody, out)
	if kind == "csv" {
		if rows, ok := csvRows(text); ok {
			text = rows
		}
	}
	if err := out.write(text); err != nil {
		return err
	}
	if cut {
		return errTextFull
	}
	return nil
}

// trimPartialChar drops a trailing incomplete multi-byte character left by
// cutting a GBK or UTF-8 file short (at most three bytes).
func trimPartialChar(b []byte) []byte {
	for i := 0; i < 3 && len(b) > 0 && b[len(b)-1] >= 0x80; i++ {
		b = b[:len(b)-1]
	}
	return b
}

func csvRows(text string) (string, bool) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	var b bytes.Buffer
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return b.String(), true
		}
		if err != nil {
			return "", false
		}
		for i, f := range rec {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(f)
		}
		b.WriteByte('\n')
	}
}
