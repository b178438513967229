package catalog

import (
	"go/ast"
	"go/token"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// otherEnglishNames are the English words once used for the users' four
// terms besides the one the archive settled on: the web UI and the README
// call a 定性描述 a claim, 佐证材料 evidence (an evidence document, an
// evidence pack), a 责任单位 a department and a 文号 a document number,
// and a reader of the English should not meet a second name for one thing
// in an error message, the command line or a report.
var otherEnglishNames = []struct {
	term, use string
	other     *regexp.Regexp
}{
	{"定性描述", "claim", regexp.MustCompile(`(?i)\bstatements?\b|\bqualitative descriptions?\b|\bdescriptions\b`)},
	{"佐证材料", "evidence", regexp.MustCompile(`(?i)\bsupporting (documents?|materials?|evidence)\b|\bevidence materials?\b|\bevidential\b`)},
	{"责任单位", "department", regexp.MustCompile(`(?i)\bresponsible (units?|departments?|bod(y|ies))\b|\bunits? in charge\b`)},
	{"文号", "document number", regexp.MustCompile(`(?i)\bdoc\. ?numbers?\b|\b(reference|issue|issuing|file|serial) numbers?\b`)},
}

// otherNameAllowed are literals whose word is not one of the users'
// terms, by file and the words around it, with the reason.
var otherNameAllowed = []struct{ file, words, why string }{
	{"catalog/sqlitedriver.go", "the statement cache", "a SQL statement"},
}

// notProse matches the string literals that are not English a person
// reads: names of fields, parameters and keys (statement, claim.statement)
// and SQL.
var notProse = regexp.MustCompile(`^[a-z0-9_.\-]*$|\b(SELECT|UPDATE|INSERT INTO|DELETE FROM|CREATE TABLE)\b`)

// TestEnglishNamesEachTermOneWay: no English of the module's non-test Go
// files — the message catalogs here, web's i18n, the report's and the
// exports' words, the command line's — calls a 定性描述, 佐证材料, 责任单位
// or 文号 by another English name than the one the web UI uses (review
// s40: errors said “statement” where the pages said “claim”).
func TestEnglishNamesEachTermOneWay(t *testing.T) {
	fset := token.NewFileSet()
	checked := map[string]bool{}
	for _, gf := range parseModule(t, fset, "..") {
		for _, lit := range proseLiterals(gf.f) {
			s, _ := strconv.Unquote(lit.Value)
			checked[gf.path] = true
			for _, n := range otherEnglishNames {
				for _, at := range n.other.FindAllStringIndex(s, -1) {
					if otherNameMeant(gf.path, s, at) {
						continue
					}
					t.Errorf("%s: %q calls %s %q: write %q", fset.Position(lit.Pos()), s, n.term, s[at[0]:at[1]], n.use)
				}
			}
		}
	}
	// The walk must reach the English tables, or this test passes by
	// looking at nothing.
	for _, want := range []string{"catalog/english.go", "catalog/cli_english.go", "web/i18n.go", "web/i18n_deadends.go", "report/lang.go", "report/xlsx.go", "values/claimnumbers.go", "packs/readme.go", "search/export.go"} {
		if !checked[want] {
			t.Errorf("no literal of %s was checked: is the walk of the module broken?", want)
		}
	}
}

// otherNameMeant reports whether the word at s[at[0]:at[1]] of file is
// allowed by otherNameAllowed.
func otherNameMeant(file, s string, at []int) bool {
	for _, a := range otherNameAllowed {
		if a.file != file {
			continue
		}
		for i := strings.Index(s, a.words); i >= 0; {
			if i <= at[0] && at[1] <= i+len(a.words) {
				return true
			}
			next := strings.Index(s[i+1:], a.words)
			if next < 0 {
				break
			}
			i += 1 + next
		}
	}
	return false
}

// proseLiterals are f's string literals that may be read by a person:
// every one but struct tags, import paths, names (statement) and SQL.
func proseLiterals(f *ast.File) []*ast.BasicLit {
	skip := map[*ast.BasicLit]bool{}
	for _, imp := range f.Imports {
		skip[imp.Path] = true
	}
	var lits []*ast.BasicLit
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			if n.Tag != nil {
				skip[n.Tag] = true
			}
		case *ast.BasicLit:
			if n.Kind != token.STRING || skip[n] {
				return true
			}
			if s, err := strconv.Unquote(n.Value); err == nil && !notProse.MatchString(s) {
				lits = append(lits, n)
			}
		}
		return true
	})
	return lits
}

// TestOtherEnglishNames: the patterns find the other names in a sentence
// and leave the chosen ones and words that only look like them.
func TestOtherEnglishNames(t *testing.T) {
	for _, c := range []struct {
		s    string
		want string // the term found, "" for none
	}{
		{"The statement cannot be empty", "定性描述"},
		{"Qualitative descriptions and review verdicts", "定性描述"},
		{"The claim cannot be empty", ""},
		{"A qualitative indicator without evidence", ""},
		{"choose a supporting document and a page", "佐证材料"},
		{"Evidence (title | document number | date | page)", ""},
		{"the responsible unit of the task", "责任单位"},
		{"the department of the task", ""},
		{"Doc. number", "文号"},
		{"the reference number of the notice", "文号"},
		{"Document number", ""},
	} {
		got := ""
		for _, n := range otherEnglishNames {
			if n.other.MatchString(c.s) {
				got = n.term
			}
		}
		if got != c.want {
			t.Errorf("%q: found %q, want %q", c.s, got, c.want)
		}
	}
}
