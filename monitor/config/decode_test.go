package config

import (
	"net/netip"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// decodeInto decodes data strictly into v (a pointer) the way CheckConfig does.
func decodeInto(t *testing.T, data string, v any) error {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(data), &doc); err != nil {
		t.Fatal(err)
	}
	errs := newErrorList("x.yaml", nil)
	newDecoder(errs).decode(doc.Content[0], "x", reflect.ValueOf(v).Elem())
	return errs.err()
}

type tree struct {
	Name     string `yaml:"name"`
	Children []tree `yaml:"children"`
}

type base struct {
	Level int `yaml:"level"`
}

type kinds struct {
	base   `yaml:",inline"`
	Addr   netip.Addr     `yaml:"addr"` // a TextUnmarshaler
	Any    any            `yaml:"any"`
	Raw    yaml.Node      `yaml:"raw"`
	Ptr    *int           `yaml:"ptr"`
	U8     uint8          `yaml:"u8"`
	F      float32        `yaml:"f"`
	Skip   string         `yaml:"-"`
	Extra  map[string]int `yaml:",inline"`
	hidden int
}

func TestDecodeKinds(t *testing.T) {
	var k kinds
	err := decodeInto(t, "level: 3\naddr: 10.0.0.1\nany: {a: [1, 2]}\nraw: [x]\nptr: 7\nu8: 255\nf: 1.5\nother: 9\n", &k)
	if err != nil {
		t.Fatal(err)
	}
	if k.Level != 3 || k.Addr.String() != "10.0.0.1" || k.Ptr == nil || *k.Ptr != 7 || k.U8 != 255 || k.F != 1.5 {
		t.Errorf("got %+v", k)
	}
	if !reflect.DeepEqual(k.Any, map[string]any{"a": []any{1, 2}}) || k.Raw.Kind != yaml.SequenceNode {
		t.Errorf("any = %#v, raw kind = %v", k.Any, k.Raw.Kind)
	}
	if !reflect.DeepEqual(k.Extra, map[string]int{"other": 9}) {
		t.Errorf("inline map = %v", k.Extra)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
		into             any
	}{
		{"text unmarshaler", "addr: 10.0.0\n", `x.yaml:1: x.addr: "10.0.0": ParseAddr("10.0.0"): IPv4 address too short`, &kinds{}},
		{"uint range", "u8: 256\n", `x.yaml:1: x.u8: "256" is out of range for an integer of 0 or more`, &kinds{}},
		{"skipped key is unknown", "Skip: a\nhidden: 1\n", "x.yaml:1: x.Skip: unknown key\nx.yaml:2: x.hidden: unknown key", &tree{}},
		{"non-scalar key", "? [a]\n: b\n", "x.yaml:1: x: expected a key, got a list", &tree{}},
		{"unsupported Go type", "c: 1\n", "x.yaml:1: x.c: cannot decode into a Go complex128", &struct{ C complex128 }{}},
		{"self-referring alias", "name: a\nchildren: &c\n  - name: b\n    children: *c\n",
			"x.yaml:4: x.children[0].children[0].children: alias *c refers to itself", &tree{}},
		{"merge of a list of lists", "a: &a {name: x}\n<<: [[*a]]\n", "x.yaml:2: x: << takes a mapping or a list of mappings, got a list of lists", &map[string]any{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := decodeInto(t, tc.data, tc.into); errString(err) != tc.want {
				t.Errorf("got:\n%v\nwant:\n%s", err, tc.want)
			}
		})
	}
}

func TestAliasesAndMerges(t *testing.T) {
	data := `
units:
  - &office { id: gd-office, name: 官渡区人民政府办公室, notify: &notify { email: [zwgk@example.gov.cn] } }
  - { id: gd-justice, name: 官渡区司法局, notify: *notify }
sites:
  - &site
    id: gd-portal
    url: https://www.example.gov.cn/
    unit: gd-office
    crawl: &slow { per_host: 1, rate: 1 }
  - <<: *site
    id: gd-edu
    url: https://jtj.example.gov.cn/
    crawl: { <<: [*slow, { per_host: 3, workers: 2 }], retries: 0 }
`
	cfg, err := Parse("portal.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Units[1].Notify.Email; !reflect.DeepEqual(got, []string{"zwgk@example.gov.cn"}) {
		t.Errorf("aliased notify = %v", got)
	}
	edu := cfg.Sites[1]
	if edu.ID != "gd-edu" || edu.Unit != "gd-office" || edu.URL != "https://jtj.example.gov.cn/" {
		t.Errorf("merged site = %+v", edu)
	}
	c := edu.Crawl
	if c.PerHost != 1 || c.Rate != 1 || c.Workers != 2 || c.Retries != 0 {
		t.Errorf("merged crawl = %+v: want per_host 1 (earlier merge wins), rate 1, workers 2, retries 0", c)
	}
}

type nested []nested

func TestAliasBomb(t *testing.T) {
	// Quadratic through the config's own schema: 2,000 units sharing one
	// notify block whose email list has 2,000 entries.
	emails := strings.Repeat("a@b.cn, ", 1999) + "a@b.cn"
	units := strings.Repeat("*u, ", 1999) + "*u"
	data := "units: [&u {id: u, name: n, notify: {email: [" + emails + "]}}, " + units + "]\n"
	_, err := Parse("bomb.yaml", []byte(data))
	if want := "bomb.yaml:1: units[50].notify.email[1750]: aliases expand to more than 100000 values"; errString(err) != want {
		t.Errorf("quadratic: got %.300v, want an alias expansion error", err)
	}
	// Exponential: ten of the previous level at each of 30 levels.
	var b strings.Builder
	b.WriteString("- &a0 []\n")
	for i := 1; i <= 30; i++ {
		p := "*a" + strconv.Itoa(i-1)
		b.WriteString("- &a" + strconv.Itoa(i) + " [" + strings.Repeat(p+", ", 9) + p + "]\n")
	}
	if err := decodeInto(t, b.String(), &nested{}); err == nil || !strings.Contains(err.Error(), "aliases expand to more than") {
		t.Errorf("exponential: got %v", err)
	}
	bomb := "a0: &a0 {x: 1}\n"
	for i := 1; i <= 40; i++ {
		bomb += "a" + strconv.Itoa(i) + ": &a" + strconv.Itoa(i) + " {<<: [*a" + strconv.Itoa(i-1) + ", *a" + strconv.Itoa(i-1) + "]}\n"
	}
	if err := decodeInto(t, bomb, &map[string]map[string]int{}); err == nil || !strings.Contains(err.Error(), "aliases expand") {
		t.Errorf("merge bomb: got %v", err)
	}
}

func TestPaths(t *testing.T) {
	tests := []struct {
		path, key, joined, parent string
	}{
		{"", "sites", "sites", ""},
		{"sites[0]", "url", "sites[0].url", "sites[0]"},
		{"checks.links.ignore", "www.gov.cn", `checks.links.ignore["www.gov.cn"]`, "checks.links.ignore"},
		{"checks", "错别字", `checks["错别字"]`, "checks"},
		{"a", `x"].b[`, `a["x\"].b["]`, "a"},
	}
	for _, tc := range tests {
		t.Run(tc.joined, func(t *testing.T) {
			got := join(tc.path, tc.key)
			if got != tc.joined || parent(got) != tc.parent {
				t.Errorf("join = %q, parent = %q; want %q, %q", got, parent(got), tc.joined, tc.parent)
			}
		})
	}
	if got := parent("sites[0].columns[2]"); got != "sites[0].columns" {
		t.Errorf("parent of an index = %q", got)
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{File: "portal.yaml", Line: 14, Path: "sites[0].name", Msg: "is required"}, "portal.yaml:14: sites[0].name: is required"},
		{Error{File: "portal.yaml", Path: "crawl", Msg: "bad"}, "portal.yaml: crawl: bad"},
		{Error{File: "portal.yaml", Line: 2, Msg: "bad"}, "portal.yaml:2: bad"},
		{Error{Line: 2, Path: "crawl", Msg: "bad"}, "line 2: crawl: bad"},
		{Error{Path: "crawl", Msg: "bad"}, "crawl: bad"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("got %q", got)
			}
		})
	}
}

type withDefaults struct {
	Ptr  *int           `yaml:"ptr"`
	List []string       `yaml:"list"`
	Map  map[string]int `yaml:"map"`
	Any  any            `yaml:"any"`
	N    int            `yaml:"n"`
	B    bool           `yaml:"b"`
	S    string         `yaml:"s"`
}

func TestDecodeScalars(t *testing.T) {
	one := 1
	def := func() withDefaults {
		return withDefaults{Ptr: &one, List: []string{"a"}, Map: map[string]int{"a": 1}, Any: "x", N: 5, B: true, S: "s"}
	}
	tests := []struct {
		name, data string
		want       func(*withDefaults)
		err        string
	}{
		{"null clears references, keeps scalars", "ptr: ~\nlist: null\nmap:\nany: ~\nn: ~\nb: ~\ns: ~\n",
			func(w *withDefaults) { w.Ptr, w.List, w.Map, w.Any = nil, nil, nil, nil }, ""},
		{"yaml 1.1 booleans", "b: no\n", func(w *withDefaults) { w.B = false }, ""},
		{"numbers as strings", "s: 0012\n", func(w *withDefaults) { w.S = "0012" }, ""},
		{"hex integer", "n: 0x1F\n", func(w *withDefaults) { w.N = 31 }, ""},
		{"quoted integer", "n: \"12\"\n", nil, `x.yaml:1: x.n: "12" is not an integer`},
		{"float for int", "n: 1.5\n", nil, `x.yaml:1: x.n: "1.5" is not an integer`},
		{"integral float for int", "n: 1e3\n", nil, `x.yaml:1: x.n: "1e3" is not an integer`},
		{"int overflow", "n: 9223372036854775808\n", nil, `x.yaml:1: x.n: "9223372036854775808" is out of range`},
		{"mapping for bool", "b: {a: 1}\n", nil, `x.yaml:1: x.b: expected true or false, got a mapping`},
		{"aliased key", "k: &k s\n*k : t\n", nil, "x.yaml:1: x.k: unknown key"},
		{"merge under written keys", "base: &b {n: 1, s: merged}\n<<: *b\nn: 2\n", nil, "x.yaml:1: x.base: unknown key"},
		{"written key wins over merge", "<<: {n: 1, s: merged}\nn: 2\n", func(w *withDefaults) { w.N, w.S = 2, "merged" }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := def()
			err := decodeInto(t, tc.data, &got)
			if errString(err) != tc.err {
				t.Fatalf("error = %v, want %q", err, tc.err)
			}
			if tc.want == nil {
				return
			}
			want := def()
			tc.want(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}
