package config

import (
	"errors"
	"testing"
)

func TestErrorListOrderAndRepeats(t *testing.T) {
	l := newErrorList("p.yaml", map[string]int{"sites": 4, "sites[0]": 5, "sites[0].url": 6, "units": 1})
	l.add("sites[0].url", "third")
	l.add("sites[0].unit", "second, at its site's line")
	l.add("units[0].id", "first, at the nearest line above")
	l.add("sites[0].url", "third") // a repeat is dropped
	l.add("accounts", "no line")
	want := "p.yaml: accounts: no line\n" +
		"p.yaml:1: units[0].id: first, at the nearest line above\n" +
		"p.yaml:5: sites[0].unit: second, at its site's line\n" +
		"p.yaml:6: sites[0].url: third"
	if got := errString(l.err()); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestErrorListSkipsWhatFailedToDecode(t *testing.T) {
	l := newErrorList("p.yaml", nil)
	l.at(3, "sites[0]", "expected a mapping, got a list")
	l.add("sites[0].url", "is required") // below a failed key: dropped
	l.add("sites[0]", "also dropped")    // the failed key itself
	l.add("sites[1].url", "is required") // elsewhere: kept
	l.add("sites[0]x", "a key that merely shares a prefix")
	want := "p.yaml: sites[1].url: is required\n" +
		"p.yaml: sites[0]x: a key that merely shares a prefix\n" +
		"p.yaml:3: sites[0]: expected a mapping, got a list"
	if got := errString(l.err()); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestErrorsAreUnwrappable(t *testing.T) {
	_, err := Load("testdata/bad/many.yaml")
	var all []*Error
	for _, e := range flatten(err) {
		var ce *Error
		if !errors.As(e, &ce) {
			t.Fatalf("%v is not an *Error", e)
		}
		all = append(all, ce)
	}
	if len(all) != 5 || all[0].Line != 4 || all[0].Path != "units[0].notify.emial" || all[0].Msg != "unknown key" ||
		all[0].File != "testdata/bad/many.yaml" {
		t.Errorf("got %d errors, first %+v", len(all), all[0])
	}
	if l := newErrorList("", nil); l.err() != nil {
		t.Errorf("an empty list is an error")
	}
}
