package config

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
)

// CheckConfig decodes the settings under checks.<name>, if the config has
// any, strictly over into: a pointer to the family's default config, whose
// fields carry yaml tags. When into has a Validate() error method it is
// called after a clean decode. Errors name file, line and key path
// (checks.links.soft404.min_length), as Parse's do.
func (c *Config) CheckConfig(name string, into any) error {
	v := reflect.ValueOf(into)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return fmt.Errorf("config: CheckConfig(%q): into is %T, not a pointer to the family's config", name, into)
	}
	if c.checks == nil || c.checks.value[name] == nil {
		return nil
	}
	path := join("checks", name)
	errs := newErrorList(c.file, map[string]int{path: c.checks.line[name]})
	newDecoder(errs).decode(c.checks.value[name], path, v.Elem())
	errs.lines[path] = c.checks.line[name]
	if err := errs.err(); err != nil {
		return err
	}
	if val, ok := into.(interface{ Validate() error }); ok {
		if err := val.Validate(); err != nil {
			for _, e := range flatten(err) {
				at, msg := familyPath(path, e.Error())
				errs.add(at, "%s", msg)
			}
		}
	}
	return errs.err()
}

// keyPath matches a key path at the start of a family's error message.
var keyPath = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+|\[[0-9]+\])*$`)

// familyPath places a family's validation error at the key its message
// starts with ("soft404.min_length: must be …"), else at the family.
func familyPath(path, msg string) (at, rest string) {
	key, rest, ok := strings.Cut(msg, ": ")
	if ok && keyPath.MatchString(key) {
		return path + "." + key, rest
	}
	return path, msg
}

// flatten lists the errors joined in err, one per line of its message.
func flatten(err error) []error {
	var j interface{ Unwrap() []error }
	if errors.As(err, &j) {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// UnknownChecks reports, with file and line, each family under checks: that
// is not among known, the names of the compiled-in check families.
func (c *Config) UnknownChecks(known []string) error {
	if c.checks == nil {
		return nil
	}
	sorted := slices.Sorted(slices.Values(known))
	errs := newErrorList(c.file, nil)
	for _, name := range c.checks.names {
		if !slices.Contains(known, name) {
			errs.at(c.checks.line[name], join("checks", name), "unknown check (known: %s)", strings.Join(sorted, ", "))
		}
	}
	return errs.err()
}

// CheckNames lists the families configured under checks:, in file order.
func (c *Config) CheckNames() []string {
	if c.checks == nil {
		return nil
	}
	return slices.Clone(c.checks.names)
}
