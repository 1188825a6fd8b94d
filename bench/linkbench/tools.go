package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// tool is one link checker: how to run it and how to read what it reports.
type tool struct {
	name    string
	version func() string
	args    func(url, dir string) []string
	parse   func(output string) []string
}

func toolByName(name, govwatch, linkinator string, conc int) (tool, bool) {
	c := fmt.Sprint(conc)
	switch name {
	case "govwatch":
		return tool{name: name,
			version: func() string { return firstLine(govwatch, "version") },
			args: func(url, _ string) []string {
				return []string{govwatch, "check", "--format", "jsonl", "--checks", "links", "--workers", c, "--per-host", c,
					"--rate", "0", "--progress", "never", url}
			},
			parse: parseGovwatch}, true
	case "wget":
		// wget crawls with one connection: it has no concurrency setting.
		return tool{name: name,
			version: func() string { return firstLine("wget", "--version") },
			args: func(url, dir string) []string {
				return []string{"wget", "--spider", "-r", "-l", "inf", "-nd", "-nv", "-e", "robots=off", "-o", dir + "/log", url}
			},
			parse: parseWget}, true
	case "linkchecker":
		return tool{name: name,
			version: func() string { return firstLine("linkchecker", "--version") },
			args: func(url, dir string) []string {
				// Its default of 10 requests a second per host would make
				// this a test of its throttle; lift it, as govwatch runs with
				// --rate 0. It drops root privileges, so the file and folder
				// must be readable by others.
				rc := dir + "/linkcheckerrc"
				os.WriteFile(rc, []byte("[checking]\nmaxrequestspersecond=1000\n"), 0o644)
				os.Chmod(dir, 0o755)
				return []string{"linkchecker", "-f", rc, "--no-status", "--no-warnings", "--no-robots", "-t", c, "-o", "csv", url}
			},
			parse: parseLinkChecker}, true
	case "linkinator":
		return tool{name: name,
			version: func() string { return "7.6.1" },
			args: func(url, _ string) []string {
				return []string{"node", linkinator, url, "--recurse", "--concurrency", c, "--format", "json"}
			},
			parse: parseLinkinator}, true
	}
	return tool{}, false
}

func firstLine(cmd string, args ...string) string {
	out, err := exec.Command(cmd, args...).CombinedOutput()
	if err != nil && len(out) == 0 {
		return "not available"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}

func parseGovwatch(out string) []string {
	var urls []string
	for _, line := range strings.Split(out, "\n") {
		var f struct{ Check, Target string }
		if json.Unmarshal([]byte(line), &f) == nil && strings.HasPrefix(f.Check, "link.") {
			urls = append(urls, f.Target)
		}
	}
	return urls
}

// parseWget reads the list after "Found N broken links." at the end of its log.
func parseWget(out string) []string {
	_, tail, ok := strings.Cut(out, "broken link")
	if !ok {
		return nil
	}
	var urls []string
	for _, line := range strings.Split(tail, "\n")[1:] {
		line = strings.TrimSuffix(strings.TrimSpace(line), ":")
		if strings.HasPrefix(line, "http") {
			urls = append(urls, line)
		}
	}
	return urls
}

// parseLinkChecker reads its CSV output: rows whose "valid" column is False.
func parseLinkChecker(out string) []string {
	var rows []string
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "#") && strings.TrimSpace(line) != "" {
			rows = append(rows, line)
		}
	}
	r := csv.NewReader(strings.NewReader(strings.Join(rows, "\n")))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = ';', -1, true
	recs, _ := r.ReadAll()
	if len(recs) == 0 {
		return nil
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	vi, ok1 := col["valid"]
	ui, ok2 := col["url"]
	if !ok1 || !ok2 {
		return nil
	}
	var urls []string
	for _, rec := range recs[1:] {
		if len(rec) > vi && len(rec) > ui && strings.EqualFold(rec[vi], "false") {
			urls = append(urls, rec[ui])
		}
	}
	return urls
}

func parseLinkinator(out string) []string {
	start := strings.Index(out, "{")
	if start < 0 {
		return nil
	}
	var res struct {
		Links []struct{ URL, State string }
	}
	if json.Unmarshal([]byte(out[start:]), &res) != nil {
		return nil
	}
	var urls []string
	for _, l := range res.Links {
		if l.State == "BROKEN" {
			urls = append(urls, l.URL)
		}
	}
	return urls
}
