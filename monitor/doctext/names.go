package doctext

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// gbkName decodes a zip entry name written in GBK (GB18030 is its superset);
// a name that is already valid UTF-8 is kept as it is.
func gbkName(name string) (string, error) {
	if utf8.ValidString(name) {
		return name, nil
	}
	return simplifiedchinese.GB18030.NewDecoder().String(name)
}
