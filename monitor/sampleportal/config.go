package sampleportal

import "fmt"

// configYAML is the sample portal's monitoring config: its unit and site, a
// short request timeout so that the planted black hole does not hold a
// crawl for the national 15 s, and the district's office holders, whose
// names and titles the wording check holds pages to.
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
    officials:
      - { name: 张建国, titles: [区长], since: "2023-01-01", wrong_names: [张健国] }
      - { name: 刘海燕, titles: [副区长], since: "2023-01-01" }
`

// Config is the monitoring config of the portal served at url.
func Config(url string) string { return fmt.Sprintf(configYAML, url) }
