// Package all is the one list of compiled-in check families.
package all

import (
	"github.com/govwatch/govwatch/checks"
	"github.com/govwatch/govwatch/checks/freshness"
	"github.com/govwatch/govwatch/checks/links"
	"github.com/govwatch/govwatch/checks/privacy"
	"github.com/govwatch/govwatch/checks/siteinfo"
	"github.com/govwatch/govwatch/checks/wording"
)

// Definitions lists every family, a line each.
func Definitions() []checks.Definition {
	return []checks.Definition{
		checks.Define(links.Name, links.DefaultConfig, links.New),
		checks.Define(freshness.Name, freshness.DefaultConfig, freshness.New),
		checks.Define(privacy.Name, privacy.DefaultConfig, privacy.New),
		checks.Define(siteinfo.Name, siteinfo.DefaultConfig, siteinfo.New),
		checks.Define(wording.Name, wording.DefaultConfig, wording.New),
	}
}

// Registry returns the families, refusing duplicates.
func Registry() (*checks.Registry, error) {
	return checks.NewRegistry(Definitions()...)
}
