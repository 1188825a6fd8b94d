package wording

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/govwatch/govwatch/checks"
)

//go:embed data/*.tsv
var shipped embed.FS

// entry is one wrong form and what it should be.
type entry struct {
	wrong, right string
	category     string
	severity     checks.Severity
	since        time.Time // institution names: wrong only on pages published after this
}

// dictionary is every entry and the allow-list, compiled into one matcher.
type dictionary struct {
	entries []entry
	allow   map[string]bool // longer correct words that contain a wrong form
	match   *matcher        // over wrong forms, then allow words
}

// loadDictionary reads the shipped files and then the operator's.
func loadDictionary(extra, allow []string) (*dictionary, error) {
	d := &dictionary{allow: map[string]bool{}}
	if err := d.readEntries("errors.tsv", mustOpen(shipped.Open("data/errors.tsv"))); err != nil {
		return nil, err
	}
	if err := d.readAllow("allow.tsv", mustOpen(shipped.Open("data/allow.tsv"))); err != nil {
		return nil, err
	}
	if err := readFiles(extra, d.readEntries); err != nil {
		return nil, err
	}
	if err := readFiles(allow, d.readAllow); err != nil {
		return nil, err
	}
	words := make([]string, 0, len(d.entries)+len(d.allow))
	for _, e := range d.entries {
		words = append(words, e.wrong)
	}
	for w := range d.allow {
		words = append(words, w)
	}
	d.match = newMatcher(words)
	return d, nil
}

// readFiles reads each operator file in turn with read.
func readFiles(paths []string, read func(name string, r io.Reader) error) error {
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		err = read(path, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func mustOpen(f io.Reader, err error) io.Reader {
	if err != nil {
		panic(err) // the shipped files are compiled in
	}
	return f
}

// readEntries reads "wrong<TAB>right<TAB>category<TAB>severity[<TAB>since]" lines.
func (d *dictionary) readEntries(name string, r io.Reader) error {
	return eachLine(name, r, func(line int, fields []string) error {
		if len(fields) < 4 {
			return fmt.Errorf("%s:%d: want wrong, right, category, severity[, since], got %d fields", name, line, len(fields))
		}
		e := entry{wrong: fields[0], right: fields[1], category: fields[2], severity: checks.Severity(fields[3])}
		switch e.severity {
		case checks.SeverityVeto, checks.SeverityDeduct, checks.SeverityNotice:
		default:
			return fmt.Errorf("%s:%d: severity %q is not one of veto, deduct, notice", name, line, fields[3])
		}
		if e.wrong == "" || e.wrong == e.right {
			return fmt.Errorf("%s:%d: the wrong form is empty or the same as the right one", name, line)
		}
		if len(fields) > 4 && fields[4] != "" {
			t, err := time.Parse("2006-01-02", fields[4])
			if err != nil {
				return fmt.Errorf("%s:%d: since %q is not a date like 2018-03-17", name, line, fields[4])
			}
			e.since = t
		}
		d.entries = append(d.entries, e)
		return nil
	})
}

func (d *dictionary) readAllow(name string, r io.Reader) error {
	return eachLine(name, r, func(_ int, fields []string) error {
		d.allow[fields[0]] = true
		return nil
	})
}

// eachLine calls fn with the tab-separated fields of each line that is not
// blank or a # comment.
func eachLine(name string, r io.Reader, fn func(line int, fields []string) error) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if err := fn(n, strings.Split(text, "\t")); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
