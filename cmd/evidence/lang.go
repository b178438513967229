package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// langDefault is the language of the command line's messages unless
// --lang says otherwise: $EVIDENCE_LANG, else Chinese.
func langDefault() string {
	if l := os.Getenv("EVIDENCE_LANG"); l != "" {
		return l
	}
	return "zh"
}

// langOf is the language fs's --lang flag (newFlags) chose, once parsed;
// a value cliLang refuses is EINVALID.
func langOf(fs *flag.FlagSet) (report.Lang, error) {
	f := fs.Lookup("lang")
	if f == nil {
		return cliLang(langDefault())
	}
	return cliLang(f.Value.String())
}

// argsLang is the language a command line chose, as its command's --lang
// would read it (the last --lang before a "--", else $EVIDENCE_LANG), for
// the error main prints once the command has returned; a value cliLang
// refuses is Chinese, in which the command said so.
func argsLang(args []string) report.Lang {
	choice := langDefault()
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if name != "lang" || a == name {
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				break
			}
			i++
			value = args[i]
		}
		choice = value
	}
	lang, err := cliLang(choice)
	if err != nil {
		return report.Chinese
	}
	return lang
}

// sayf is the message written with the Chinese format and args in lang:
// in Chinese with full-width punctuation next to Chinese
// (catalog.Fullwidth), or in English as catalog's table of messages gives
// it (catalog/cli_english.go), in Chinese when it has none.
func sayf(lang report.Lang, format string, args ...any) string {
	if lang == report.English {
		if en := catalog.EnglishOf(format, args...); en != "" {
			return en
		}
	}
	return fmt.Sprintf(catalog.TypedText(format), args...)
}

// say writes sayf's message to w.
func say(w io.Writer, lang report.Lang, format string, args ...any) {
	fmt.Fprint(w, sayf(lang, format, args...))
}

// sayln writes sayf's message to w as a line.
func sayln(w io.Writer, lang report.Lang, format string, args ...any) {
	fmt.Fprintln(w, sayf(lang, format, args...))
}

// words is a word or a message given in both languages, for a progress
// bar or a label: the Chinese, or its English when it has one.
func words(lang report.Lang, chinese, english string) string {
	if lang == report.English && english != "" {
		return english
	}
	return chinese
}

// describeIn is the message a person sees for err in lang: the
// user-facing message of an application error (its English when it has
// one), the full chain otherwise.
func describeIn(err error, lang report.Lang) string {
	var e *catalog.Error
	if errors.As(err, &e) {
		if lang == report.English && e.English != "" {
			return e.English
		}
		return e.Message
	}
	return err.Error()
}
