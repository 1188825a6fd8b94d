package config

import (
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// maxAliasValues bounds how many values aliases may expand to, so that a
// "billion laughs" document is an error rather than an outage.
const maxAliasValues = 100_000

var (
	nodeType     = reflect.TypeFor[yaml.Node]()
	durationType = reflect.TypeFor[time.Duration]()
)

// decoder walks a yaml.Node against a Go value, strictly: unknown keys,
// repeated keys and values of the wrong type are errors that name the line
// and key path. It records the line of every key path it decodes, and goes on
// after an error so that one run reports them all.
type decoder struct {
	errs *errorList
	// start, when set, gives the value a new sequence element of type t is
	// decoded over (a site starts from the config's crawl settings).
	start func(t reflect.Type) (reflect.Value, bool)

	expanding map[*yaml.Node]bool // alias targets being expanded
	aliased   int                 // depth of alias expansion
	spent     int                 // values visited through aliases
}

func newDecoder(errs *errorList) *decoder {
	return &decoder{errs: errs, expanding: map[*yaml.Node]bool{}}
}

func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.errs.at(n.Line, path, format, args...)
}

// decode decodes n into v, which must be settable.
func (d *decoder) decode(n *yaml.Node, path string, v reflect.Value) {
	if n.Kind == yaml.AliasNode {
		if d.enter(n, path) {
			d.decode(n.Alias, path, v)
			d.leave(n)
		}
		return
	}
	if !d.spend(n, path, 1) {
		return
	}
	d.errs.lines[path] = n.Line
	d.value(n, path, v)
}

// enter starts expanding an alias, refusing one that contains itself.
func (d *decoder) enter(n *yaml.Node, path string) bool {
	if n.Alias == nil || d.expanding[n.Alias] {
		d.fail(n, path, "alias *%s refers to itself", n.Value)
		return false
	}
	d.expanding[n.Alias] = true
	d.aliased++
	return true
}

func (d *decoder) leave(n *yaml.Node) {
	delete(d.expanding, n.Alias)
	d.aliased--
}

// spend counts values visited through aliases against maxAliasValues.
func (d *decoder) spend(n *yaml.Node, path string, cost int) bool {
	if d.aliased == 0 {
		return true
	}
	if d.spent > maxAliasValues {
		return false
	}
	d.spent += cost
	if d.spent > maxAliasValues {
		d.fail(n, path, "aliases expand to more than %d values", maxAliasValues)
		d.errs.halted = true
		return false
	}
	return true
}

// field decodes a mapping's value at path, which then names the key's line:
// where a block value under it starts is one line further down.
func (d *decoder) field(p pair, path string, v reflect.Value) {
	d.decode(p.value, path, v)
	d.errs.lines[path] = p.keyNode.Line
}

func (d *decoder) value(n *yaml.Node, path string, v reflect.Value) {
	if v.Type() == nodeType {
		v.Set(reflect.ValueOf(*n))
		return
	}
	if isNull(n) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface:
			v.SetZero()
		}
		return // a scalar keeps its default, as with yaml.v3
	}
	if d.custom(n, path, v) {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		// A copy, so that a default the pointer shares is never changed.
		p := reflect.New(v.Type().Elem())
		if !v.IsNil() {
			p.Elem().Set(v.Elem())
		}
		v.Set(p)
		d.value(n, path, p.Elem())
	case reflect.Struct:
		d.structure(n, path, v)
	case reflect.Slice:
		d.sequence(n, path, v)
	case reflect.Map:
		d.mapping(n, path, v)
	case reflect.Interface:
		d.anything(n, path, v)
	default:
		d.scalar(n, path, v)
	}
}

// custom decodes types that decode themselves, and durations.
func (d *decoder) custom(n *yaml.Node, path string, v reflect.Value) bool {
	if v.Type() == durationType {
		if d.expect(n, path, yaml.ScalarNode, "a duration") {
			t, err := time.ParseDuration(n.Value)
			if err != nil {
				d.fail(n, path, "%q is not a duration (write it like \"15s\" or \"500ms\")", n.Value)
				return true
			}
			v.SetInt(int64(t))
		}
		return true
	}
	if !v.CanAddr() {
		return false
	}
	switch u := v.Addr().Interface().(type) {
	case yaml.Unmarshaler:
		if err := u.UnmarshalYAML(n); err != nil {
			d.fail(n, path, "%s", yamlMessage(err))
		}
		return true
	case encoding.TextUnmarshaler:
		if d.expect(n, path, yaml.ScalarNode, "a single value") {
			if err := u.UnmarshalText([]byte(n.Value)); err != nil {
				d.fail(n, path, "%q: %s", n.Value, err)
			}
		}
		return true
	}
	return false
}

func (d *decoder) structure(n *yaml.Node, path string, v reflect.Value) {
	if !d.expect(n, path, yaml.MappingNode, "a mapping") {
		return
	}
	info := structFields(v.Type())
	if info.inline != nil {
		ownMap(v.FieldByIndex(info.inline))
	}
	for _, p := range d.pairs(n, path) {
		at := join(path, p.key)
		if idx, ok := info.fields[p.key]; ok {
			d.field(p, at, v.FieldByIndex(idx))
			continue
		}
		if info.inline == nil {
			d.fail(p.keyNode, at, "unknown key")
			continue
		}
		d.entry(p, at, v.FieldByIndex(info.inline))
	}
}

func (d *decoder) sequence(n *yaml.Node, path string, v reflect.Value) {
	if !d.expect(n, path, yaml.SequenceNode, "a list") {
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		e := s.Index(i)
		e.Set(d.fresh(v.Type().Elem()))
		d.decode(item, index(path, i), e)
	}
	v.Set(s)
}

// fresh returns the value a new element of type t is decoded over.
func (d *decoder) fresh(t reflect.Type) reflect.Value {
	e := reflect.New(t).Elem()
	if d.start != nil {
		if s, ok := d.start(t); ok {
			e.Set(s)
		}
	}
	return e
}

func (d *decoder) mapping(n *yaml.Node, path string, v reflect.Value) {
	if !d.expect(n, path, yaml.MappingNode, "a mapping") {
		return
	}
	ownMap(v)
	for _, p := range d.pairs(n, path) {
		d.entry(p, join(path, p.key), v)
	}
}

// ownMap replaces the map in v with a copy, so that decoding into it never
// changes a default shared with other configs.
func ownMap(v reflect.Value) {
	c := reflect.MakeMapWithSize(v.Type(), v.Len())
	for it := v.MapRange(); it.Next(); {
		c.SetMapIndex(it.Key(), it.Value())
	}
	v.Set(c)
}

// entry decodes one key and value into the map m (a copy made by ownMap),
// over the value the key already has there.
func (d *decoder) entry(p pair, path string, m reflect.Value) {
	k := reflect.New(m.Type().Key()).Elem()
	d.value(p.keyNode, path, k)
	e := d.fresh(m.Type().Elem())
	if old := m.MapIndex(k); old.IsValid() {
		e.Set(old)
	}
	d.field(p, path, e)
	m.SetMapIndex(k, e)
}

// anything decodes into an empty interface as yaml.v3 would, but counting
// aliases against this decoder's budget: mappings become map[string]any,
// lists []any, scalars what their tag resolves to.
func (d *decoder) anything(n *yaml.Node, path string, v reflect.Value) {
	if v.NumMethod() > 0 {
		d.fail(n, path, "cannot decode into a Go %s", v.Type())
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for _, p := range d.pairs(n, path) {
			var x any
			d.field(p, join(path, p.key), reflect.ValueOf(&x).Elem())
			m[p.key] = x
		}
		v.Set(reflect.ValueOf(m))
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, item := range n.Content {
			d.decode(item, index(path, i), reflect.ValueOf(&s[i]).Elem())
		}
		v.Set(reflect.ValueOf(s))
	default:
		var x any
		if err := n.Decode(&x); err != nil {
			d.fail(n, path, "%s", yamlMessage(err))
			return
		}
		v.Set(reflect.ValueOf(&x).Elem())
	}
}

func (d *decoder) scalar(n *yaml.Node, path string, v reflect.Value) {
	var want string
	switch v.Kind() {
	case reflect.String:
		want = "a string"
	case reflect.Bool:
		want = "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		want = "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		want = "an integer of 0 or more"
	case reflect.Float32, reflect.Float64:
		want = "a number"
	default:
		d.fail(n, path, "cannot decode into a Go %s", v.Type())
		return
	}
	if !d.expect(n, path, yaml.ScalarNode, want) {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
		return
	case reflect.Bool, reflect.Float32, reflect.Float64:
		p := reflect.New(v.Type())
		if err := n.Decode(p.Interface()); err != nil {
			d.fail(n, path, "%q is not %s", n.Value, want)
			return
		}
		v.Set(p.Elem())
		return
	}
	d.integer(n, path, v, want)
}

// integer decodes an integer, refusing what yaml.v3 would let through: a
// fraction truncated (1.5 as 1) or a value that overflows.
func (d *decoder) integer(n *yaml.Node, path string, v reflect.Value, want string) {
	var x any
	if err := n.Decode(&x); err != nil {
		d.fail(n, path, "%q is not %s", n.Value, want)
		return
	}
	var neg, big bool
	var i int64
	switch x := x.(type) {
	case int:
		i, neg = int64(x), x < 0
	case int64:
		i, neg = x, x < 0
	case uint64:
		big = true
	default:
		d.fail(n, path, "%q is not %s", n.Value, want)
		return
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if big || v.OverflowInt(i) {
			d.fail(n, path, "%q is out of range", n.Value)
			return
		}
		v.SetInt(i)
	default:
		u := uint64(i)
		if big {
			u = x.(uint64)
		}
		if neg || v.OverflowUint(u) {
			d.fail(n, path, "%q is out of range for %s", n.Value, want)
			return
		}
		v.SetUint(u)
	}
}

// expect reports an error unless n is of the kind wanted.
func (d *decoder) expect(n *yaml.Node, path string, kind yaml.Kind, want string) bool {
	if n.Kind == kind {
		return true
	}
	d.fail(n, path, "expected %s, got %s", want, describe(n))
	return false
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	return fmt.Sprintf("%q", n.Value)
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// yamlMessage is err's message without yaml.v3's prefixes.
func yamlMessage(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return strings.Join(te.Errors, "; ")
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

// structInfo maps a struct's YAML keys to its fields.
type structInfo struct {
	fields map[string][]int
	inline []int // a map[string]T field tagged ",inline" takes unknown keys
}

// structFields reads yaml tags as yaml.v3 does: a name (default: the field's
// name in lower case), "-" to skip, and ",inline" for embedded structs or a
// catch-all map.
func structFields(t reflect.Type) structInfo {
	info := structInfo{fields: map[string][]int{}}
	var walk func(t reflect.Type, at []int)
	walk = func(t reflect.Type, at []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("yaml")
			name, opts, _ := strings.Cut(tag, ",")
			idx := append(append([]int(nil), at...), i)
			if tag == "-" || !f.IsExported() && !(f.Anonymous && hasOption(opts, "inline")) {
				continue
			}
			if hasOption(opts, "inline") {
				switch f.Type.Kind() {
				case reflect.Struct:
					walk(f.Type, idx)
					continue
				case reflect.Map:
					info.inline = idx
					continue
				}
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			if _, dup := info.fields[name]; !dup {
				info.fields[name] = idx
			}
		}
	}
	walk(t, nil)
	return info
}

func hasOption(opts, name string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == name {
			return true
		}
	}
	return false
}
