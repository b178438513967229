package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// A subcommand's -h is written here rather than by the flag package,
// whose help is English only ("Usage of evidence serve:"). Each flag is
// declared with its help in Chinese, as a person reads it by default;
// its English is catalog's, keyed by that Chinese (catalog/cli_english.go),
// as the command line's messages are, so that a flag has one text to
// keep and a flag without English shows up Chinese in --lang en's help,
// which TestFlagHelpInEachLanguage finds.

// langValue is the value of --lang (newFlags): the language a person
// chose, as written, and the language of the command line as a whole
// (argsLang), which -h speaks: -h stops the parsing, so a --lang after it
// is never read into value.
type langValue struct {
	value string
	help  report.Lang
}

func (v *langValue) String() string { return v.value }

func (v *langValue) Set(s string) error {
	v.value = s
	return nil
}

// parseFlags parses args into fs, its -h in the language args choose
// (argsLang) even when --lang follows -h.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if f := fs.Lookup("lang"); f != nil {
		if v, ok := f.Value.(*langValue); ok {
			v.help = argsLang(args)
		}
	}
	return fs.Parse(args)
}

// helpLang is the language fs's -h speaks: the command line's
// (parseFlags), else the --lang read so far, else Chinese.
func helpLang(fs *flag.FlagSet) report.Lang {
	f := fs.Lookup("lang")
	if f == nil {
		return argsLang(nil)
	}
	if v, ok := f.Value.(*langValue); ok && v.help != "" {
		return v.help
	}
	if l, err := cliLang(f.Value.String()); err == nil {
		return l
	}
	return report.Chinese
}

// flagUsage is the -h of fs, the flags of `evidence name`: its usage
// line, the notes given (Chinese, their English from catalog's table),
// then every flag with its help and its default, in helpLang.
func flagUsage(fs *flag.FlagSet, name string, notes ...string) func() {
	var said []catalog.Words
	for _, note := range notes {
		said = append(said, catalog.Words{Chinese: sayf(report.Chinese, note), English: sayf(report.English, note)})
	}
	return func() {
		lang := helpLang(fs)
		w := fs.Output()
		if s, ok := w.(flagSetSeer); ok {
			s.seeFlags(fs)
		}
		fmt.Fprintln(w, words(lang, "用法：evidence "+name+" [选项]", "Usage: evidence "+name+" [flags]"))
		for _, note := range said {
			fmt.Fprintln(w, words(lang, note.Chinese, note.English))
		}
		fmt.Fprintln(w, words(lang, "\n选项：", "\nFlags:"))
		fs.VisitAll(func(f *flag.Flag) { writeFlag(w, f, lang) })
	}
}

// flagSetSeer is a writer that is told the flag set whose help it is
// given: the tests' stderr, to hold the help to every flag of the set.
type flagSetSeer interface{ seeFlags(*flag.FlagSet) }

// writeFlag writes f's lines of the help in lang: its name with the kind
// of value it takes, then its help and its default.
func writeFlag(w io.Writer, f *flag.Flag, lang report.Lang) {
	placeholder, help := flagText(f, lang)
	line := "  --" + f.Name
	if placeholder != "" {
		line += " " + placeholder
	}
	if def := shownDefault(f); def != "" {
		help = withDefault(help, def, lang)
	}
	fmt.Fprintf(w, "%s\n      %s\n", line, help)
}

// flagText is f's help in lang and the name of the value it takes: the
// word in `backquotes` in its help (`文件夹`, `DIR`), else its kind
// (none for a switch). Its English is the catalog's for its Chinese; a
// flag without one is shown in Chinese.
func flagText(f *flag.Flag, lang report.Lang) (placeholder, help string) {
	help = catalog.TypedText(f.Usage)
	if lang == report.English {
		if en := catalog.EnglishText(f.Usage); en != "" {
			help = en
		}
	}
	if before, rest, ok := strings.Cut(help, "`"); ok {
		if name, after, ok := strings.Cut(rest, "`"); ok {
			return name, before + name + after
		}
	}
	kind, _ := flag.UnquoteUsage(&flag.Flag{Value: f.Value})
	if kind == "" {
		return "", help
	}
	return words(lang, valueKinds[kind], kind), help
}

// withDefault is help with a flag's default said after it, within the
// brackets help ends with, if any: （或 $EVIDENCE_DATA；默认 ./evidence-data）.
func withDefault(help, def string, lang report.Lang) string {
	open, end, said := "（", "）", "默认 "+def
	if lang == report.English {
		open, end, said = " (", ")", "default "+def
	}
	if before, ok := strings.CutSuffix(help, end); ok {
		return before + words(lang, "；", "; ") + said + end
	}
	return help + open + said + end
}

// valueKinds name in Chinese the kinds of value flag.UnquoteUsage names.
var valueKinds = map[string]string{
	"string": "值", "int": "整数", "uint": "整数", "float": "数", "duration": "时长", "value": "值",
}

// shownDefault is f's default as the help shows it: none for the zero
// value, which the help's words explain where it means something, nor
// for a secret read from the environment (--token, a database address
// with its password: help is pasted into chats and tickets).
func shownDefault(f *flag.Flag) string {
	switch f.DefValue {
	case "", "0", "false", "0s":
		return ""
	}
	if f.Name == "token" || f.Name == "password" || mayHoldSecret(f.DefValue) {
		return ""
	}
	for _, name := range secretEnv {
		if v := os.Getenv(name); v != "" && f.DefValue == v {
			return ""
		}
	}
	return f.DefValue
}

// secretEnv are the variables whose values the help never shows.
var secretEnv = []string{"EVIDENCE_DATABASE_URL", "EVIDENCE_TOKEN", "EVIDENCE_S3_SECRET_KEY", "EVIDENCE_S3_ACCESS_KEY"}

// mayHoldSecret reports whether a default looks like an address or a
// connection string with credentials in it (user:password@host,
// password=…).
func mayHoldSecret(v string) bool {
	lower := strings.ToLower(v)
	return strings.Contains(v, "@") || strings.Contains(lower, "password") || strings.Contains(lower, "secret")
}
