package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Size is a number of bytes. In YAML it is written as an integer of bytes or
// as a number with a unit: "512KiB", "10MiB", "100MB", "1.5GiB".
type Size int64

// Binary size units.
const (
	KiB Size = 1 << (10 * (iota + 1))
	MiB
	GiB
	TiB
)

var sizeUnits = map[string]float64{
	"": 1, "b": 1,
	"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
	"kib": float64(KiB), "mib": float64(MiB), "gib": float64(GiB), "tib": float64(TiB),
}

// ParseSize reads a size written as bytes ("1048576") or as a number and a
// unit: B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of
// 1024), in any case, with or without a space before the unit.
func ParseSize(s string) (Size, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		i = len(t)
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	mult, ok := sizeUnits[unit]
	if !ok || num == "" {
		return 0, sizeError(s)
	}
	if !strings.Contains(num, ".") {
		n, err := strconv.ParseInt(num, 10, 64)
		if err != nil || mult > 1 && n > math.MaxInt64/int64(mult) {
			return 0, sizeError(s)
		}
		return Size(n * int64(mult)), nil
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f*mult >= math.MaxInt64 {
		return 0, sizeError(s)
	}
	return Size(f * mult), nil
}

func sizeError(s string) error {
	return fmt.Errorf("%q is not a size (bytes, or a number with B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)", s)
}

// String writes s in the largest binary unit that divides it: "10MiB",
// "1500B".
func (s Size) String() string {
	units := []struct {
		name string
		size Size
	}{{"TiB", TiB}, {"GiB", GiB}, {"MiB", MiB}, {"KiB", KiB}}
	for _, u := range units {
		if s != 0 && s%u.size == 0 {
			return strconv.FormatInt(int64(s/u.size), 10) + u.name
		}
	}
	return strconv.FormatInt(int64(s), 10) + "B"
}

// UnmarshalYAML reads a size from an integer or a string.
func (s *Size) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected a size, got %s", describe(n))
	}
	v, err := ParseSize(n.Value)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// MarshalYAML writes a size as String does, which ParseSize reads back.
func (s Size) MarshalYAML() (any, error) {
	return s.String(), nil
}
