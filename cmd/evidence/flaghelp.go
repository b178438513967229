package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

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
	out := fs.Output()
	said := &heldOutput{under: out}
	fs.SetOutput(said)
	err := fs.Parse(args)
	fs.SetOutput(out)
	text := said.buf.String()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		// The flag package says its mistake in English on the first line,
		// before the usage: said in the help's language instead.
		if first, rest, ok := strings.Cut(text, "\n"); ok {
			text = flagMistake(fs, first, helpLang(fs)) + "\n" + rest
		}
	}
	io.WriteString(out, text)
	return err
}

// heldOutput holds what the flag package writes while parsing, so that
// its mistake can be said in the help's language; a test's writer still
// sees which flag set prints (flagSetSeer).
type heldOutput struct {
	buf   strings.Builder
	under io.Writer
}

func (h *heldOutput) Write(p []byte) (int, error) { return h.buf.Write(p) }

func (h *heldOutput) seeFlags(fs *flag.FlagSet) {
	if s, ok := h.under.(flagSetSeer); ok {
		s.seeFlags(fs)
	}
}

// flagMistakes are the flag package's mistakes, by the words it starts
// them with, and the same said with -- in each language.
var flagMistakes = []struct{ prefix, zh, en string }{
	{"flag provided but not defined: -", "没有选项 --%s；可用的选项见下方用法", "there is no flag --%s; see the usage below"},
	{"flag needs an argument: -", "选项 --%s 后面缺少它的值", "flag --%s needs a value after it"},
}

// flagMistake is line, the flag package's mistake, in lang; one it does
// not know is said as it was.
func flagMistake(fs *flag.FlagSet, line string, lang report.Lang) string {
	for _, m := range flagMistakes {
		if name, ok := strings.CutPrefix(line, m.prefix); ok {
			name = strings.TrimLeft(name, "-")
			return fmt.Sprintf(words(lang, m.zh, m.en), name)
		}
	}
	// invalid value "abc" for flag -limit: parse error
	if rest, ok := strings.CutPrefix(line, "invalid value "); ok {
		if value, after, ok := strings.Cut(rest, " for flag -"); ok {
			name, why, _ := strings.Cut(after, ": ")
			name = strings.TrimLeft(name, "-")
			if unquoted, err := strconv.Unquote(value); err == nil {
				value = unquoted
			}
			if strings.Contains(why, "parse error") || strings.Contains(why, "invalid syntax") || strings.Contains(why, "value out of range") {
				kind := words(lang, "数字", "a number")
				if f := fs.Lookup(name); f != nil {
					if g, ok := f.Value.(flag.Getter); ok {
						if _, isDuration := g.Get().(time.Duration); isDuration {
							kind = words(lang, "时长（如 30s、5m）", "a duration (30s, 5m)")
						}
					}
				}
				return fmt.Sprintf(words(lang, "选项 --%s 的值“%s”无效：应为%s", "flag --%s: “%s” is not %s"), name, value, kind)
			}
			return fmt.Sprintf(words(lang, "选项 --%s 的值“%s”无效：%s", "flag --%s: “%s” is not valid: %s"), name, value, why)
		}
	}
	return line
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
