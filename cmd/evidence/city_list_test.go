package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestCityListLocallyAndThroughTheServer: an admin lists the cities from
// the data folder and, with --server, through the archive (any role's
// token): the same table under 代码、名称、英文名称, the same JSON as GET
// /api/v1/cities either way; in English under English headers.
func TestCityListLocallyAndThroughTheServer(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if out, err := runCLI(t, "city", "add", "--data", data, "--code", "320100", "--name", "南京"); err != nil {
		t.Fatalf("city add: %v\n%s", err, out)
	}
	token := addUser(t, data, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	local, err := runCLI(t, "city", "list", "--data", data)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(local), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "代码") || !strings.Contains(lines[0], "名称") || !strings.Contains(lines[0], "英文名称") {
		t.Fatalf("city list:\n%s\nwant a header 代码 名称 英文名称 and a row a city", local)
	}
	for _, want := range [][]string{{"320100", "南京", "Nanjing"}, {"330100", "杭州", "Hangzhou"}} {
		found := false
		for _, l := range lines[1:] {
			if f := strings.Fields(l); len(f) == 3 && f[0] == want[0] && f[1] == want[1] && f[2] == want[2] {
				found = true
			}
		}
		if !found {
			t.Errorf("city list lacks the row %v:\n%s", want, local)
		}
	}
	localJSON, err := runCLI(t, "city", "list", "--data", data, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Cities []apiCity `json:"cities"`
	}
	if err := json.Unmarshal([]byte(localJSON), &body); err != nil || len(body.Cities) != len(lines)-1 {
		t.Errorf("city list --json: %q (%v), want a city a row of the table", localJSON, err)
	}
	en, err := runCLI(t, "city", "list", "--data", data, "--lang", "en")
	if err != nil || !strings.HasPrefix(en, "Code") || !strings.Contains(en, "English name") {
		t.Errorf("city list --lang en: %v\n%s", err, en)
	}
	s := startServer(t, data)
	remote, err := runCLI(t, "city", "list", "--server", s.base, "--token", token)
	if err != nil || remote != local {
		t.Errorf("city list --server: %v\n%s\nwant as from the data folder:\n%s", err, remote, local)
	}
	remoteJSON, err := runCLI(t, "city", "list", "--server", s.base, "--token", token, "--json")
	if err != nil || remoteJSON != localJSON {
		t.Errorf("city list --server --json: %v\n%s\nwant as from the data folder:\n%s", err, remoteJSON, localJSON)
	}
}
