package checks

import (
	"context"
	"fmt"
	"sort"
)

// Check is one family of checks. A check is pure: it judges what the crawler
// saw and never fetches, logs or publishes. It reports findings through a
// Reporter and returns an error only when it could not do its job.
type Check interface {
	// Name is the family's name as used in config (links, freshness, …).
	Name() string
	// IDs are the check ids the family reports: a complete crawl that ran
	// the family and no longer sees a finding of one of them rectifies it.
	IDs() []string
}

// PageCheck judges one page as soon as the crawler has it.
type PageCheck interface {
	Check
	CheckPage(ctx context.Context, p *Page, r Reporter) error
}

// AttachmentCheck judges the text of a file that a site's pages link to
// (pdf, docx, xlsx, csv…), as soon as the crawler has read it. The crawler
// downloads and reads attachments only when some check is an AttachmentCheck.
type AttachmentCheck interface {
	Check
	CheckAttachment(ctx context.Context, a *Attachment, r Reporter) error
}

// SiteCheck judges what a whole crawl saw, once it has ended.
type SiteCheck interface {
	Check
	CheckSite(ctx context.Context, s *Site, r Reporter) error
}

// ColumnCheck is a SiteCheck that judges the items of columns
// (Site.Columns[].Items). A crawl keeps every column's items only when one of
// its checks is a ColumnCheck: a links-only crawl of a 100,000-page site has
// no use for a million list items in memory.
type ColumnCheck interface {
	SiteCheck
	ChecksColumns()
}

// Definition is a compiled-in check family: its name, its default config and
// a constructor. Config is decoded over the default by the config loader.
type Definition struct {
	Name          string
	DefaultConfig func() any
	New           func(cfg any) (Check, error)
}

// Define builds a Definition from a family's typed config and constructor.
func Define[C any](name string, defaults func() C, build func(C) (Check, error)) Definition {
	return Definition{
		Name:          name,
		DefaultConfig: func() any { c := defaults(); return &c },
		New: func(cfg any) (Check, error) {
			c, ok := cfg.(*C)
			if !ok {
				return nil, fmt.Errorf("check %s: config is %T, want *%T", name, cfg, *new(C))
			}
			return build(*c)
		},
	}
}

// Registry holds definitions by name and refuses duplicates.
type Registry struct {
	defs map[string]Definition
}

// NewRegistry returns a registry of defs, or an error naming a duplicate.
func NewRegistry(defs ...Definition) (*Registry, error) {
	r := &Registry{defs: make(map[string]Definition, len(defs))}
	for _, d := range defs {
		if d.Name == "" || d.New == nil || d.DefaultConfig == nil {
			return nil, fmt.Errorf("check definition %q is incomplete", d.Name)
		}
		if _, dup := r.defs[d.Name]; dup {
			return nil, fmt.Errorf("check %q is defined twice", d.Name)
		}
		r.defs[d.Name] = d
	}
	return r, nil
}

// Lookup returns the definition called name.
func (r *Registry) Lookup(name string) (Definition, bool) {
	d, ok := r.defs[name]
	return d, ok
}

// Names lists the defined families in order.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.defs))
	for n := range r.defs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
