package config

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parseYAML parses data as one YAML document and returns its root node, or
// nil when the document is empty.
func parseYAML(filename string, data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, syntaxError(filename, data, err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, syntaxError(filename, data, err)
		}
		return nil, &Error{File: filename, Line: next.Line, Msg: "a second YAML document; a config file holds only one"}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parserProblems are yaml.v3's parser (not scanner) errors, whose line it
// reports counted from 0.
var parserProblems = []string{
	"did not find expected <document start>",
	"did not find expected node content",
	"did not find expected key",
	"did not find expected '-' indicator",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
	"found duplicate %TAG directive",
}

// syntaxError turns a yaml.v3 parse error into an Error naming the file and
// line. yaml.v3 leaves out the line when it is the first, counts a parser
// error's line from 0, and gives none for an unknown anchor or bad UTF-8; the
// line is worked out from data in those cases.
func syntaxError(filename string, data []byte, err error) error {
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		if slices.Contains(parserProblems, msg) {
			line++
		}
		if strings.Contains(msg, "tab character") {
			line = tabLine(data, line)
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
		line = guessLine(data, msg)
	}
	return &Error{File: filename, Line: line, Msg: msg}
}

var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// guessLine finds the line of an error yaml.v3 gives without one.
func guessLine(data []byte, msg string) int {
	at := -1
	switch {
	case unknownAnchor.MatchString(msg):
		name := unknownAnchor.FindStringSubmatch(msg)[1]
		at = bytes.Index(data, []byte("*"+name))
	case strings.Contains(msg, "UTF-8") || strings.Contains(msg, "UTF-16"):
		at = invalidUTF8(data)
	case strings.Contains(msg, "control characters"):
		at = bytes.IndexFunc(data, func(r rune) bool {
			return r < ' ' && r != '\t' && r != '\n' && r != '\r' || r == 0x7f
		})
	}
	if at < 0 {
		return 1
	}
	return 1 + bytes.Count(data[:at], []byte("\n"))
}

// tabLine is the first line from line on whose indentation holds a tab,
// or line itself if there is none.
func tabLine(data []byte, line int) int {
	for i, l := range bytes.Split(data, []byte("\n")) {
		indent := l[:len(l)-len(bytes.TrimLeft(l, " \t"))]
		if i+1 >= line && bytes.ContainsRune(indent, '\t') {
			return i + 1
		}
	}
	return line
}

// invalidUTF8 is the offset of data's first byte that is not UTF-8, or -1.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
