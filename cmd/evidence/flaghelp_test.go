package main

import (
	"bytes"
	"errors"
	"flag"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/lcmonitor/evidence/report"
)

// helpWriter is a subcommand's stderr that keeps the flag sets whose help
// it is given (flagSetSeer), so that the help can be held to every flag.
type helpWriter struct {
	bytes.Buffer
	sets []*flag.FlagSet
}

func (w *helpWriter) seeFlags(fs *flag.FlagSet) { w.sets = append(w.sets, fs) }

// flagHelps are the help lines of the flags of a -h, by flag name.
func flagHelps(help string) map[string]string {
	out := map[string]string{}
	lines := strings.Split(help, "\n")
	for i, line := range lines {
		name, ok := strings.CutPrefix(line, "  --")
		if !ok || i+1 >= len(lines) {
			continue
		}
		name, _, _ = strings.Cut(name, " ")
		out[name] = strings.TrimSpace(lines[i+1])
	}
	return out
}

var (
	// commandNamed is a command named in a help (evidence assignments
	// list), which is what a person types in either language.
	commandNamed = regexp.MustCompile(`evidence [a-z-]+( [a-z-]+)?`)
	// englishWords is a run of three English words or more: a sentence,
	// not a flag's name, a value (xlsx 或 docx) or a placeholder.
	englishWords = regexp.MustCompile(`[A-Za-z]+( [A-Za-z]+){2,}`)
)

// notInLanguage names what of help, the -h of a flag set, is not in
// lang: a flag whose help is English in the Chinese help (or has no
// Chinese), or has Chinese in the English help, as a flag declared without
// its English would.
func notInLanguage(help string, lang report.Lang) []string {
	var bad []string
	for name, text := range flagHelps(help) {
		han := strings.ContainsFunc(text, func(r rune) bool { return unicode.Is(unicode.Han, r) })
		switch {
		case lang == report.English && han:
			bad = append(bad, "--"+name+" has Chinese in the English help: "+text)
		case lang == report.Chinese && !han:
			bad = append(bad, "--"+name+" has no Chinese: "+text)
		case lang == report.Chinese && englishWords.MatchString(commandNamed.ReplaceAllString(text, "")):
			bad = append(bad, "--"+name+" is English in the Chinese help: "+text)
		}
	}
	return bad
}

// helpRuns are the command lines whose -h says the flags of a command of
// commandTable: each command's, or each of its subcommands'.
func helpRuns(t *testing.T) [][]string {
	var runs [][]string
	for _, c := range commandTable() {
		if c.zh == nil {
			continue // the sandbox's child, not for people
		}
		if c.subs == nil {
			runs = append(runs, []string{c.name})
		}
		for _, sub := range c.subs {
			runs = append(runs, []string{c.name, sub})
		}
	}
	if len(runs) < 30 {
		t.Fatalf("%d commands and subcommands, fewer than the binary has", len(runs))
	}
	return runs
}

// TestFlagHelpInEachLanguage: the -h of every command and subcommand
// is Chinese — its usage line and every flag's help, with the users'
// words — unless --lang en (before -h or after it) or EVIDENCE_LANG=en
// asks for English, in which every flag's help is English; either lists
// every flag of the command's flag set (the flag package's was English
// only, “Usage of evidence serve:”).
func TestFlagHelpInEachLanguage(t *testing.T) {
	for _, cmd := range helpRuns(t) {
		name := strings.Join(cmd, " ")
		for _, tt := range []struct {
			env  string
			args []string
			lang report.Lang
		}{
			{"", []string{"-h"}, report.Chinese},
			{"", []string{"--lang", "en", "-h"}, report.English},
			{"", []string{"-h", "--lang", "en"}, report.English},
			{"en", []string{"-h"}, report.English},
			{"en", []string{"-h", "--lang=zh"}, report.Chinese},
		} {
			args := append(append([]string{}, cmd...), tt.args...)
			t.Run(strings.Join(args, " ")+" "+tt.env, func(t *testing.T) {
				t.Setenv("EVIDENCE_LANG", tt.env)
				var stderr helpWriter
				if err := run(t.Context(), args, &bytes.Buffer{}, &stderr); !errors.Is(err, flag.ErrHelp) {
					t.Fatalf("evidence %s: %v, want its flags' help", strings.Join(args, " "), err)
				}
				help := stderr.String()
				head := "用法：evidence " + name + " [选项]\n"
				if tt.lang == report.English {
					head = "Usage: evidence " + name + " [flags]\n"
				}
				if !strings.HasPrefix(help, head) {
					t.Errorf("evidence %s begins its help otherwise than %q:\n%s", strings.Join(args, " "), head, help)
				}
				if len(stderr.sets) != 1 {
					t.Fatalf("evidence %s: its help was written for %d flag sets, not by flagUsage for its own:\n%s", strings.Join(args, " "), len(stderr.sets), help)
				}
				listed := flagHelps(help)
				stderr.sets[0].VisitAll(func(f *flag.Flag) {
					if _, ok := listed[f.Name]; !ok {
						t.Errorf("evidence %s: the help does not list --%s:\n%s", strings.Join(args, " "), f.Name, help)
					}
				})
				for _, bad := range notInLanguage(help, tt.lang) {
					t.Errorf("evidence %s: %s", strings.Join(args, " "), bad)
				}
			})
		}
	}
}

// TestFlagWithoutEnglishIsCaught: a flag declared with Chinese help that
// catalog's table does not translate shows Chinese in the English help,
// which TestFlagHelpInEachLanguage's check names; its translated
// neighbours stay English.
func TestFlagWithoutEnglishIsCaught(t *testing.T) {
	var stderr bytes.Buffer
	fs, _ := newFlags("search", &stderr)
	fs.String("county", "", "只检索此区县的佐证材料")
	if err := parseFlags(fs, []string{"-h", "--lang", "en"}); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("-h: %v", err)
	}
	bad := notInLanguage(stderr.String(), report.English)
	if len(bad) != 1 || !strings.HasPrefix(bad[0], "--county ") {
		t.Errorf("the check of the English help names %q, want --county only:\n%s", bad, stderr.String())
	}
	stderr.Reset()
	fs, _ = newFlags("search", &stderr)
	fs.String("county", "", "only the evidence of this county")
	parseFlags(fs, []string{"-h"})
	if bad := notInLanguage(stderr.String(), report.Chinese); len(bad) != 1 || !strings.HasPrefix(bad[0], "--county ") {
		t.Errorf("the check of the Chinese help names %q, want --county only:\n%s", bad, stderr.String())
	}
}

// TestFlagDefaultsAndPlaceholders: the help names the value a flag takes
// by the word its help puts in backquotes, else by its kind, and says a
// default that is not the zero value inside the brackets the help ends
// with; a token read from the environment is never shown.
func TestFlagDefaultsAndPlaceholders(t *testing.T) {
	t.Setenv("EVIDENCE_TOKEN", "秘密令牌")
	t.Setenv("EVIDENCE_LANG", "")
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"serve", "-h"}, []string{"  --addr 地址\n      监听的地址（默认 127.0.0.1:8080）\n",
			"  --unpacks 整数\n", "（或 EVIDENCE_UNPACKS；默认 ", "  --trust-proxy\n"}},
		{[]string{"serve", "-h", "--lang", "en"}, []string{"  --addr ADDRESS\n      ADDRESS to listen on (default 127.0.0.1:8080)\n",
			"  --unpacks int\n", "(or EVIDENCE_UNPACKS; default "}},
		{[]string{"check", "-h"}, []string{"请在 evidence serve 停止时运行"}},
		{[]string{"check", "--lang", "en", "-h"}, []string{"Run it with evidence serve stopped"}},
		{[]string{"report", "-h"}, []string{"  --format 格式\n      格式：xlsx 或 docx（默认 xlsx）\n", "  --token 令牌\n      能查看该城市的账号（如本市协调员）的 API 令牌，用于 --server（或 $EVIDENCE_TOKEN）\n"}},
	} {
		var stderr bytes.Buffer
		run(t.Context(), tt.args, &bytes.Buffer{}, &stderr)
		for _, w := range tt.want {
			if !strings.Contains(stderr.String(), w) {
				t.Errorf("evidence %s says:\n%s\nwant %q in it", strings.Join(tt.args, " "), stderr.String(), w)
			}
		}
		if strings.Contains(stderr.String(), "秘密令牌") {
			t.Errorf("evidence %s shows the token of $EVIDENCE_TOKEN:\n%s", strings.Join(tt.args, " "), stderr.String())
		}
	}
}

// TestFlagHelpShowsNoDatabasePassword: `catalog migrate -h` took its
// --to's default from $EVIDENCE_DATABASE_URL and printed it whole, the
// password with it (review s42a #3); neither an address nor a
// key=value connection string is shown.
func TestFlagHelpShowsNoDatabasePassword(t *testing.T) {
	t.Setenv("EVIDENCE_LANG", "")
	for _, url := range []string{"postgres://evidence:jimi-kouling@127.0.0.1:5432/archive", "host=127.0.0.1 user=evidence password=jimi-kouling dbname=archive"} {
		t.Setenv("EVIDENCE_DATABASE_URL", url)
		for _, args := range [][]string{{"catalog", "migrate", "-h"}, {"catalog", "migrate", "-h", "--lang", "en"}} {
			var stderr bytes.Buffer
			run(t.Context(), args, &bytes.Buffer{}, &stderr)
			if !strings.Contains(stderr.String(), "--to") {
				t.Fatalf("evidence %s lists no --to:\n%s", strings.Join(args, " "), stderr.String())
			}
			if strings.Contains(stderr.String(), "jimi-kouling") {
				t.Errorf("evidence %s shows the database's password of %q:\n%s", strings.Join(args, " "), url, stderr.String())
			}
		}
	}
}

// TestFlagMistakesInEachLanguage: the flag package's mistakes (a flag
// the command lacks, a value that is no number, a flag without its
// value) are said in the help's language, with --, not in Go's English
// with one dash (review s42a #7).
func TestFlagMistakesInEachLanguage(t *testing.T) {
	t.Setenv("EVIDENCE_LANG", "")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"round", "add", "--bogus"}, "没有选项 --bogus；可用的选项见下方用法\n用法：evidence round add [选项]"},
		{[]string{"round", "add", "--lang", "en", "--bogus"}, "there is no flag --bogus; see the usage below\nUsage: evidence round add [flags]"},
		{[]string{"search", "学分银行", "--size", "十条"}, "选项 --size 的值“十条”无效：应为数字\n"},
		{[]string{"search", "学分银行", "--size", "ten", "--lang", "en"}, "flag --size: “ten” is not a number\n"},
		{[]string{"round", "add", "--year"}, "选项 --year 后面缺少它的值\n"},
	} {
		var stderr bytes.Buffer
		err := run(t.Context(), tt.args, &bytes.Buffer{}, &stderr)
		var ee exitError
		if !errors.As(err, &ee) || ee.code != 2 || !strings.HasPrefix(stderr.String(), tt.want) {
			t.Errorf("evidence %s: %v\n%s\nwant exit 2 starting %q", strings.Join(tt.args, " "), err, stderr.String(), tt.want)
		}
		if strings.Contains(stderr.String(), "flag provided") || strings.Contains(stderr.String(), "invalid value") {
			t.Errorf("evidence %s says Go's English:\n%s", strings.Join(tt.args, " "), stderr.String())
		}
	}
}
