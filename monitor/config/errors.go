package config

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Error is one problem in a config: the file, line and key path where it is,
// and what is wrong. Load, Parse, Validate, CheckConfig and UnknownChecks
// return one Error, or several joined by errors.Join (one per line of the
// message); errors.As finds the first.
type Error struct {
	File string // as given to Load or Parse; empty for a config built in code
	Line int    // 1-based; 0 when unknown
	Path string // key path: sites[0].columns[2].category; empty for the whole file
	Msg  string
}

// Error formats e as file:line: path: msg, leaving out what is unknown.
func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	case e.File != "":
		b.WriteString(e.File + ": ")
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// errorList collects the errors of one decode or validation, and the line of
// every key path decoded so that errors found later can name a line.
type errorList struct {
	file  string
	lines map[string]int
	errs  []*Error
	seen  map[string]bool // formatted errors, to drop repeats
	bad   map[string]bool // paths that failed to decode
	// halted is set when decoding stopped early: what was decoded is not
	// worth validating.
	halted bool
}

func newErrorList(file string, lines map[string]int) *errorList {
	if lines == nil {
		lines = map[string]int{}
	}
	return &errorList{file: file, lines: lines, seen: map[string]bool{}, bad: map[string]bool{}}
}

// at records an error at an explicit line, and marks path as undecodable so
// that validation does not report it again.
func (l *errorList) at(line int, path, format string, args ...any) {
	l.bad[path] = true
	l.push(&Error{File: l.file, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// add records an error found after decoding, at the line where path (or the
// nearest key above it) was written, unless path or a key above it already
// failed to decode.
func (l *errorList) add(path, format string, args ...any) {
	for p := path; ; p = parent(p) {
		if l.bad[p] {
			return
		}
		if p == "" {
			break
		}
	}
	l.push(&Error{File: l.file, Line: l.line(path), Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (l *errorList) push(e *Error) {
	s := e.Error()
	if !l.seen[s] {
		l.seen[s] = true
		l.errs = append(l.errs, e)
	}
}

// line is where path was written, or else the nearest key above it.
func (l *errorList) line(path string) int {
	for p := path; ; p = parent(p) {
		if n, ok := l.lines[p]; ok {
			return n
		}
		if p == "" {
			return 0
		}
	}
}

// err returns the errors in line order, joined, or nil.
func (l *errorList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(l.errs, func(a, b *Error) int { return cmp.Compare(a.Line, b.Line) })
	errs := make([]error, len(l.errs))
	for i, e := range l.errs {
		errs[i] = e
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// join appends a mapping key to a key path: sites.id, or checks.wording["错别字"]
// when the key is not a plain name.
func join(path, key string) string {
	if !plainKey(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// index appends a sequence index to a key path: sites[3].
func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func plainKey(key string) bool {
	if key == "" {
		return false
	}
	for _, r := range key {
		if !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// parent strips the last key or index from a key path; the parent of a
// top-level key is "".
func parent(path string) string {
	last := 0
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '.':
			last = i
		case '[':
			last = i
			if i+1 < len(path) && path[i+1] == '"' {
				q, err := strconv.QuotedPrefix(path[i+1:])
				if err == nil {
					i += len(q)
				}
			}
		}
	}
	return path[:last]
}
