package config

import (
	"strings"
	"testing"
)

// TestSyntaxErrors checks the line of YAML syntax errors, including those
// yaml.v3 gives without a line or one line early.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"first line", "units: a: b\n", "p.yaml:1: mapping values are not allowed in this context"},
		{"parser error", "units:\n  - id: a\n- id: b\n", "p.yaml:3: did not find expected key"},
		{"unknown anchor", "units:\n  - id: a\n    name: b\n\n    notify: *n\n", "p.yaml:5: unknown anchor 'n' referenced"},
		{"bad UTF-8 on line 4", "units:\n  - id: a\n    name: b\n  - id: \xff\n", "p.yaml:4: invalid leading UTF-8 octet"},
		{"control character", "units:\n  - id: a\x01\n", "p.yaml:2: control characters are not allowed"},
		{"tab indentation", "units:\n  - id: a\n\t  name: b\n", "p.yaml:3: found a tab character that violates indentation"},
		{"unclosed quote", "units:\n  - id: \"a\n", "p.yaml:2: found unexpected end of stream"},
		{"third document", "a: 1\n---\n---\n", "p.yaml:2: a second YAML document; a config file holds only one"},
		{"bad second document", "a: 1\n---\nb: c: d\n", "p.yaml:3: mapping values are not allowed in this context"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("p.yaml", []byte(tc.data))
			if got := errString(err); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestGuessLine(t *testing.T) {
	data := []byte("a: 1\nb: *x\nc: \xfe\n")
	tests := []struct {
		msg  string
		want int
	}{
		{"unknown anchor 'x' referenced", 2},
		{"unknown anchor 'y' referenced", 1},
		{"invalid leading UTF-8 octet", 3},
		{"something else", 1},
	}
	for _, tc := range tests {
		t.Run(tc.msg, func(t *testing.T) {
			if got := guessLine(data, tc.msg); got != tc.want {
				t.Errorf("guessLine = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestTabLine(t *testing.T) {
	data := []byte("a:\n  b: \"x\ty\"\n\t c: 1\n")
	for _, tc := range []struct{ from, want int }{{1, 3}, {3, 3}, {4, 4}} {
		if got := tabLine(data, tc.from); got != tc.want {
			t.Errorf("tabLine(from %d) = %d, want %d", tc.from, got, tc.want)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	for _, tc := range []struct {
		data string
		want int
	}{{"", -1}, {"官渡区", -1}, {"ab\xffc", 2}, {"官\xe6\xb8", 3}} {
		if got := invalidUTF8([]byte(tc.data)); got != tc.want {
			t.Errorf("invalidUTF8(%q) = %d, want %d", tc.data, got, tc.want)
		}
	}
}

func TestHugeDocumentStillNamesLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("units:\n")
	for range 5000 {
		b.WriteString("  - { id: u, name: 单位 }\n")
	}
	_, err := Parse("big.yaml", []byte(b.String()))
	lines := strings.Split(errString(err), "\n")
	if len(lines) != 4999 || lines[0] != `big.yaml:3: units[1].id: "u" is already the id of units[0]` ||
		lines[4998] != `big.yaml:5001: units[4999].id: "u" is already the id of units[0]` {
		t.Errorf("got %d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
}
