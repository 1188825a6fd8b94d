package main

import (
	"reflect"
	"testing"
)

func TestParsers(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) []string
		out   string
		want  []string
	}{
		{"wget", parseWget, "2025-01-15 URL:http://h/a.html 200 OK\nFound 2 broken links.\n\nhttp://h/x.html:\nhttp://h/%B8%BD.pdf:\n\nFINISHED --2025-01-15--\n",
			[]string{"http://h/x.html", "http://h/%B8%BD.pdf"}},
		{"linkchecker", parseLinkChecker, "# created by LinkChecker\nurlname;parentname;base;result;warningstring;infostring;valid;url;line\n/x.html;http://h/a.html;;404 Not Found;;;False;http://h/x.html;14\n/a.html;http://h/;;200 OK;;;True;http://h/a.html;3\n",
			[]string{"http://h/x.html"}},
		{"linkinator", parseLinkinator, "scanning…\n{\"passed\":false,\"links\":[{\"url\":\"http://h/x.html\",\"status\":404,\"state\":\"BROKEN\"},{\"url\":\"http://h/\",\"status\":200,\"state\":\"OK\"}]}",
			[]string{"http://h/x.html"}},
		{"govwatch", parseGovwatch, `{"check":"link.broken","target":"http://h/x.html"}` + "\n" + `{"check":"privacy.phone","target":"http://h/y.html"}` + "\n",
			[]string{"http://h/x.html"}},
	}
	for _, tc := range tests {
		if got := tc.parse(tc.out); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCanonicalMatchesSpellingsOfOneURL(t *testing.T) {
	same := []string{
		"http://h/%E9%99%84%E4%BB%B6.pdf",
		"http://h/%e9%99%84%e4%bb%b6.pdf",
		"http://h/附件.pdf",
		"http://h/%B8%BD%BC%FE.pdf", // GBK, as wget sends a GBK page's path
	}
	for _, u := range same[1:] {
		if canonical(u) != canonical(same[0]) {
			t.Errorf("%s and %s are not matched", u, same[0])
		}
	}
	r := result{reported: []string{same[0], same[1], "http://h/other.html"}}
	score(&r, map[string]bool{canonical(same[0]): true})
	if r.Found != 1 || r.False != 1 || r.Exact {
		t.Fatalf("score %+v", r)
	}
}
