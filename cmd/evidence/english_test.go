package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/report"
)

// han is any Chinese character.
var han = regexp.MustCompile(`\p{Han}+`)

// englishRun runs the CLI as a person who chose English does and returns
// all it said: stdout, stderr and the error main would print (in the
// language main reads from the command line).
func englishRun(t *testing.T, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	err := run(t.Context(), args, &out, &out)
	var ee exitError
	if err != nil && !errors.As(err, &ee) && !errors.Is(err, flag.ErrHelp) {
		out.WriteString("evidence: " + describeIn(err, argsLang(args)) + "\n")
	}
	return out.String()
}

// saysNoChinese fails when what a command said in English holds a Chinese
// character other than the user's own data (data: titles, file contents).
func saysNoChinese(t *testing.T, said string, args []string, data ...string) {
	t.Helper()
	rest := said
	for _, d := range data {
		rest = strings.ReplaceAll(rest, d, "")
	}
	if m := han.FindAllString(rest, 5); m != nil {
		t.Errorf("evidence %s in English says %q in Chinese:\n%s", strings.Join(args, " "), m, said)
	}
}

// TestCLISpeaksEnglish: with --lang en (or EVIDENCE_LANG=en) every main
// command says what it did, and why it failed, in English: no Chinese but
// the user's own documents' words.
func TestCLISpeaksEnglish(t *testing.T) {
	root := t.TempDir()
	data, files := filepath.Join(root, "data"), filepath.Join(root, "files")
	os.MkdirAll(files, 0o755)
	const title = "杭州市学分银行建设实施方案"
	body := title + "\n\n为推进终身学习，建设学分银行，制定本方案。各区县教育局要认真落实。\n"
	os.WriteFile(filepath.Join(files, "credit-bank.txt"), []byte(body), 0o644)
	os.WriteFile(filepath.Join(files, "copy-of-credit-bank.txt"), []byte(body), 0o644)
	os.WriteFile(filepath.Join(files, "empty.txt"), nil, 0o644)
	en := func(args ...string) []string { return append(args, "--data", data, "--lang", "en") }
	check := func(want string, args []string, data ...string) string {
		t.Helper()
		said := englishRun(t, args...)
		saysNoChinese(t, said, args, data...)
		if !strings.Contains(said, want) {
			t.Errorf("evidence %s said %q, want %q", strings.Join(args, " "), said, want)
		}
		return said
	}

	check("Give the files or folders to import", en("ingest", "--city", "330100", "--type", "policy"))
	check("not found", en("ingest", filepath.Join(files, "nothing.txt"), "--city", "330100", "--type", "policy"))
	check("holds no catalog.db", en("check"))
	said := check("Import done: 1 new, 1 duplicate, 1 failed (3 files)", en("ingest", files, "--city", "330100", "--type", "policy", "--indicator", "1.1.1"), title)
	for _, want := range []string{"failed     " + filepath.Join(files, "empty.txt") + ": “empty.txt”: The file is empty",
		"duplicate  " + filepath.Join(files, "credit-bank.txt") + ": the archive already holds the same file as the document"} {
		if !strings.Contains(said, want) {
			t.Errorf("ingest in English: want %q in\n%s", want, said)
		}
	}
	check("0 results", en("search", "职业技能", "--city", "330100"))
	check("Check passed", en("check"))
	check("Index rebuilt: 1 document searchable", en("reindex"))
	check("No documents need extracting again", en("repair"))
	check("Queued 0 failed documents again", en("retry"))
	check("optional programs", en("doctor")) // the summary; TestDoctorSpeaksEnglish reads each reader
	check("Give the city code with --city", en("report"))
	check("Wrote "+filepath.Join(root, "report.xlsx"), en("report", "--city", "330100", "--out", filepath.Join(root, "report.xlsx")))
	check("(1 original)", en("pack", "--city", "330100", "--out", filepath.Join(root, "pack.zip")))
	check("Verified: 3 files match manifest.csv", en("verify-pack", filepath.Join(root, "pack.zip")))
	check("No evidence pack", en("verify-pack", filepath.Join(root, "nothing.zip")))
	os.WriteFile(filepath.Join(root, "not-a-pack.zip"), []byte("这不是佐证材料包"), 0o644)
	check("cannot be verified: not a valid ZIP file", en("verify-pack", filepath.Join(root, "not-a-pack.zip")))
	check("evidence (not counting those to confirm, nor quantitative ones without their value)", en("coverage", "--city", "330100"))
	check("Exported the framework", en("framework", "export", "--out", filepath.Join(root, "framework.yaml")))
	check("0 tasks", en("assignments", "list"))
	check("Added the city Nanjing (320100)", en("city", "add", "--code", "320100", "--name", "Nanjing"))
	check("Added the monitoring round 2031", en("round", "add", "--year", "2031"))
	check("Keep them safe", en("user", "add", "--name", "alice", "--role", "admin"))
	check("alice", en("user", "list"))
	check("User alice disabled", en("user", "disable", "--name", "alice"))
	check("User alice enabled", en("user", "enable", "--name", "alice"))
	check("New password of user alice", en("user", "passwd", "--name", "alice"))
	check("evidence backup needs --out DIR", en("backup"))
	check("Backup done", en("backup", "--out", filepath.Join(root, "backup")))
	check("Restored to", []string{"restore", "--from", filepath.Join(root, "backup"), "--data", filepath.Join(root, "restored"), "--lang", "en"})

	// A damaged original is named, with what mends it, in English.
	originals, _ := filepath.Glob(filepath.Join(data, "blobs", "objects", "originals", "*"))
	if len(originals) != 1 {
		t.Fatalf("originals on disk: %v", originals)
	}
	os.WriteFile(originals[0], []byte("篡改后的内容"), 0o644)
	// The document is named by its title, which is the archive's data.
	check("the original's hash differs", en("check"), title)

	// EVIDENCE_LANG chooses English for every command; --lang still wins.
	t.Setenv("EVIDENCE_LANG", "en")
	check("Problems with originals", []string{"check", "--data", data}, title)
	if said := englishRun(t, "check", "--data", data, "--lang", "zh"); !strings.Contains(said, "原件哈希不符") {
		t.Errorf("check --lang zh under EVIDENCE_LANG=en said:\n%s", said)
	}
}

// TestArgsLang: the language main prints an error in is the one the
// command's --lang flag reads, however it is written.
func TestArgsLang(t *testing.T) {
	t.Setenv("EVIDENCE_LANG", "")
	for _, tt := range []struct {
		args []string
		want report.Lang
	}{
		{[]string{"check"}, report.Chinese},
		{[]string{"check", "--lang", "en"}, report.English},
		{[]string{"check", "-lang=en_US.UTF-8"}, report.English},
		{[]string{"ingest", "DIR", "--lang", "en", "--city", "330100"}, report.English},
		{[]string{"ingest", "--lang", "en", "--", "--lang", "zh"}, report.English},
		{[]string{"check", "--lang", "fr"}, report.Chinese},
		{[]string{"check", "--lang"}, report.Chinese},
	} {
		if got := argsLang(tt.args); got != tt.want {
			t.Errorf("argsLang(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
	t.Setenv("EVIDENCE_LANG", "en")
	if got := argsLang([]string{"check"}); got != report.English {
		t.Errorf("argsLang under EVIDENCE_LANG=en = %v", got)
	}
}
