package sampleportal

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/govwatch/govwatch/monitor/config"
)

// configYAML is the sample portal's monitoring config: its unit and site, a
// short request timeout so that the planted black hole does not hold a
// crawl for the national 15 s, the district's office holders, whose names
// and titles the wording check holds pages to, and a sensitive-word list.
const configYAML = `# The sample portal served on loopback (govwatch demo).
units:
  - id: dc-office
    name: 滇池区人民政府办公室
sites:
  - id: dc-portal
    name: 滇池区人民政府门户网站
    url: %s
    unit: dc-office
crawl:
  timeout: 3s
  rate: 0
  per_host: 8
checks:
  wording:
    sensitive: [%q]
    officials:
      - { name: 张建国, titles: [区长], since: "2023-01-01", wrong_names: [张健国] }
      - { name: 刘海燕, titles: [副区长], since: "2023-01-01" }
`

// sensitiveList is the operator's list the config names: words a portal
// must not carry, whatever else stands around them (反腐败 and 打击赌博 are
// the shipped official vocabulary and stay quiet).
const sensitiveList = `# word	category	severity
赌博	违法信息	deduct
腐败	廉政	notice
`

// Config writes the portal's word lists into dir and returns the
// monitoring config of the portal served at url.
func Config(url, dir string) (string, error) {
	list := filepath.Join(dir, "sensitive.tsv")
	if err := os.WriteFile(list, []byte(sensitiveList), 0o644); err != nil {
		return "", fmt.Errorf("sample portal config: %w", err)
	}
	return fmt.Sprintf(configYAML, url, list), nil
}

// LoadConfig writes the portal's word lists into dir and returns its parsed
// monitoring config.
func (s *Server) LoadConfig(dir string) (*config.Config, error) {
	text, err := Config(s.URL, dir)
	if err != nil {
		return nil, err
	}
	return config.Parse("sample-portal.yaml", []byte(text))
}
