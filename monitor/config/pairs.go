package config

import (
	"go.yaml.in/yaml/v3"
)

// pair is one key and its value in a mapping.
type pair struct {
	key     string
	keyNode *yaml.Node
	value   *yaml.Node
}

// pairs lists a mapping's keys and values, with merge keys (<<: *defaults)
// expanded: a key written in the mapping overrides a merged one, and of two
// merged mappings the earlier wins, as the YAML merge spec says. A key
// written twice is an error.
func (d *decoder) pairs(n *yaml.Node, path string) []pair {
	var merged, written []pair
	first := map[string]int{} // written key -> its line
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.AliasNode && k.Alias != nil {
			k = k.Alias
		}
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merged = append(merged, d.merge(v, path)...)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.fail(k, path, "expected a key, got %s", describe(k))
			continue
		}
		at := join(path, k.Value)
		if line, dup := first[k.Value]; dup {
			d.fail(k, at, "repeated key (first at line %d)", line)
			continue
		}
		first[k.Value] = k.Line
		written = append(written, pair{key: k.Value, keyNode: k, value: v})
	}
	if len(merged) == 0 {
		return written
	}
	var out []pair
	for _, p := range merged {
		if _, seen := first[p.key]; !seen {
			first[p.key] = p.keyNode.Line
			out = append(out, p)
		}
	}
	return append(out, written...)
}

// merge lists the pairs a merge key brings in: those of a mapping or of a
// list of mappings, usually aliases.
func (d *decoder) merge(n *yaml.Node, path string) []pair {
	if n.Kind == yaml.AliasNode {
		if !d.enter(n, path) {
			return nil
		}
		defer d.leave(n)
		return d.merge(n.Alias, path)
	}
	if !d.spend(n, path, 1+len(n.Content)/2) {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		return d.pairs(n, path)
	case yaml.SequenceNode:
		var out []pair
		for _, m := range n.Content {
			if m.Kind == yaml.SequenceNode {
				d.fail(m, path, "<< takes a mapping or a list of mappings, got a list of lists")
				continue
			}
			out = append(out, d.merge(m, path)...)
		}
		return out
	}
	d.fail(n, path, "<< takes a mapping or a list of mappings, got %s", describe(n))
	return nil
}
