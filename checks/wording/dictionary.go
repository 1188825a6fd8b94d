package wording

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/govwatch/govwatch/checks"
)

//go:embed data/*.tsv
var shipped embed.FS

// entry is one wrong form and what it should be, or one sensitive word.
type entry struct {
	check        string // Error or Sensitive
	wrong, right string
	category     string
	severity     checks.Severity
	since        time.Time // institution names and titles: wrong only on pages published after this
}

// dictionary is every entry and the allow-list, compiled into one matcher.
type dictionary struct {
	entries []entry
	allow   map[string]bool // longer correct words that contain a wrong form
	match   *matcher        // over wrong forms, then allow words
}

// categoryOfficial marks entries made from the operator's office holders.
const categoryOfficial = "official"

// loadDictionary reads the shipped files, then the operator's, then makes
// the office holders' entries.
func loadDictionary(cfg Config) (*dictionary, error) {
	d := &dictionary{allow: map[string]bool{}}
	if err := d.readEntries("errors.tsv", mustOpen(shipped.Open("data/errors.tsv"))); err != nil {
		return nil, err
	}
	if err := d.readAllow("allow.tsv", mustOpen(shipped.Open("data/allow.tsv"))); err != nil {
		return nil, err
	}
	if err := readFiles(cfg.Dictionaries, d.readEntries); err != nil {
		return nil, err
	}
	if err := readFiles(cfg.Sensitive, d.readSensitive); err != nil {
		return nil, err
	}
	if err := readFiles(cfg.Allow, d.readAllow); err != nil {
		return nil, err
	}
	for _, o := range cfg.Officials {
		d.addOfficial(o)
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
		e := entry{check: Error, wrong: fields[0], right: fields[1], category: fields[2], severity: checks.Severity(fields[3])}
		if err := checkSeverity(name, line, e.severity); err != nil {
			return err
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

// readSensitive reads "word<TAB>category<TAB>severity" lines.
func (d *dictionary) readSensitive(name string, r io.Reader) error {
	return eachLine(name, r, func(line int, fields []string) error {
		if len(fields) != 3 || fields[0] == "" || fields[1] == "" {
			return fmt.Errorf("%s:%d: want word, category, severity", name, line)
		}
		e := entry{check: Sensitive, wrong: fields[0], category: fields[1], severity: checks.Severity(fields[2])}
		if err := checkSeverity(name, line, e.severity); err != nil {
			return err
		}
		d.entries = append(d.entries, e)
		return nil
	})
}

func checkSeverity(name string, line int, s checks.Severity) error {
	switch s {
	case checks.SeverityVeto, checks.SeverityDeduct, checks.SeverityNotice:
		return nil
	}
	return fmt.Errorf("%s:%d: severity %q is not one of veto, deduct, notice", name, line, s)
}

// commonTitles are titles that, written beside an office holder's name and
// not among the holder's own, make a wrong title.
var commonTitles = []string{
	"书记", "副书记", "区委书记", "区委副书记", "市委书记", "市委副书记", "县委书记", "县委副书记",
	"区长", "副区长", "常务副区长", "代区长", "市长", "副市长", "常务副市长", "代市长",
	"县长", "副县长", "常务副县长", "代县长", "主任", "副主任", "主席", "副主席",
	"局长", "副局长", "部长", "副部长", "秘书长", "副秘书长", "镇长", "副镇长", "乡长", "副乡长",
}

// addOfficial makes veto entries for an office holder: each wrong form of
// the name, and the name with a title that is not the holder's, before or
// after it. The holder's own title beside the name is allowed, so that
// 副区长王某某 does not read as 区长王某某.
func (d *dictionary) addOfficial(o Official) {
	var since time.Time
	if o.Since != "" {
		since, _ = time.Parse("2006-01-02", o.Since) // checked by Validate
	}
	right := o.Name + "（" + strings.Join(o.Titles, "、") + "）"
	for _, w := range o.WrongNames {
		d.entries = append(d.entries, entry{check: Error, wrong: w, right: o.Name, category: categoryOfficial, severity: checks.SeverityVeto})
	}
	seen := map[string]bool{}
	for _, t := range append(slices.Clone(commonTitles), o.Titles...) {
		if seen[t] {
			continue
		}
		seen[t] = true
		if titleFits(t, o.Titles) {
			d.allow[t+o.Name], d.allow[o.Name+t] = true, true
			continue
		}
		for _, wrong := range []string{t + o.Name, o.Name + t} {
			d.entries = append(d.entries, entry{check: Error, wrong: wrong, right: right, category: categoryOfficial, severity: checks.SeverityVeto, since: since})
		}
	}
}

// titleFits reports whether t is one of the holder's titles or a short form
// of one that drops only the body (书记 for 区委书记), never a rank (区长
// is not 副区长, nor 常务副区长).
func titleFits(t string, own []string) bool {
	for _, o := range own {
		if o == t {
			return true
		}
		if prefix, ok := strings.CutSuffix(o, t); ok && !strings.HasSuffix(prefix, "副") && !strings.HasSuffix(prefix, "代") {
			return true
		}
	}
	return false
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
