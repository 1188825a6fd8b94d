package all

import "testing"

func TestRegistryBuildsEveryFamilyFromItsDefaults(t *testing.T) {
	r, err := Registry()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range r.Names() {
		d, _ := r.Lookup(name)
		c, err := d.New(d.DefaultConfig())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if c.Name() != name {
			t.Errorf("family %s calls itself %s", name, c.Name())
		}
	}
}
