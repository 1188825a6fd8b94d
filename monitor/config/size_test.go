package config

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want Size
	}{
		{"0", 0}, {"1048576", MiB}, {"512KiB", 512 * KiB}, {"10MiB", 10 * MiB}, {"100MB", 100_000_000},
		{"10 mib", 10 * MiB}, {"1.5GiB", 3 * GiB / 2}, {"2kb", 2000}, {"7B", 7}, {" 3 TiB ", 3 * TiB},
		{"9223372036854775807", 1<<63 - 1},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseSize(tc.in)
			if err != nil || got != tc.want {
				t.Errorf("ParseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseSizeBad(t *testing.T) {
	for _, in := range []string{"", "MiB", "-1", "+1", "1.2.3MiB", "10 MeB", "10K", "1e3", "0x10", "9223372036854775808", "9000000TiB", "1e400MiB", "NaN", ".", "1 0MiB"} {
		t.Run(in, func(t *testing.T) {
			if got, err := ParseSize(in); err == nil {
				t.Errorf("ParseSize(%q) = %d, want an error", in, got)
			}
		})
	}
}

func TestSizeString(t *testing.T) {
	tests := []struct {
		in   Size
		want string
	}{{0, "0B"}, {1500, "1500B"}, {KiB, "1KiB"}, {10 * MiB, "10MiB"}, {100 * MiB, "100MiB"}, {3 * GiB, "3GiB"}, {2 * TiB, "2TiB"}, {-KiB, "-1KiB"}}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := tc.in.String(); got != tc.want {
				t.Errorf("got %q", got)
			}
			if tc.in < 0 {
				return
			}
			if back, err := ParseSize(tc.want); err != nil || back != tc.in {
				t.Errorf("ParseSize(%q) = %d, %v", tc.want, back, err)
			}
		})
	}
}

func TestSizeYAML(t *testing.T) {
	var v struct {
		A, B Size
	}
	if err := yaml.Unmarshal([]byte("a: 1024\nb: 10MiB\n"), &v); err != nil || v.A != KiB || v.B != 10*MiB {
		t.Fatalf("Unmarshal = %+v, %v", v, err)
	}
	out, err := yaml.Marshal(v)
	if err != nil || string(out) != "a: 1KiB\nb: 10MiB\n" {
		t.Errorf("Marshal = %q, %v", out, err)
	}
}
