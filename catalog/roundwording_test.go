package catalog

import (
	"go/ast"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"testing"
)

// A round as messages name it (web's roundYear): 2018年度 with no space
// before 年度, and in English "round 2018" in running text, "Round 2018"
// only where a sentence begins. web's roundwording_test.go holds the same
// rule over the web's own catalogue.
var (
	spacedRoundZh  = regexp.MustCompile(`(%[ds]|\{round\}|\d)\s+年度`)
	roundZh        = regexp.MustCompile(`(%[ds]|\{round\})\s*年度`)
	roundEn        = regexp.MustCompile(`[Rr]ound (%[ds]|\{round\})`)
	capitalRoundEn = regexp.MustCompile(`[^.!?:]\s+Round (%[ds]|\{round\})`)
)

// TestEveryMessageNamesARoundAsOneForm walks englishMessages and
// cliEnglish (every Chinese message of the module is a key of one of them,
// TestEveryMessageHasEnglish): 2018年度 / round 2018, never 2018 年度, a
// bare 2018 for a round the Chinese names, or Round inside a sentence.
func TestEveryMessageNamesARoundAsOneForm(t *testing.T) {
	for name, table := range map[string]map[string]string{"englishMessages": englishMessages, "cliEnglish": cliEnglish} {
		keys := make([]string, 0, len(table))
		for k := range table {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, zh := range keys {
			en := table[zh]
			if spacedRoundZh.MatchString(zh) {
				t.Errorf("%s: a space between the year and 年度: %q", name, zh)
			}
			if n, m := len(roundZh.FindAllString(zh, -1)), len(roundEn.FindAllString(en, -1)); m < n {
				t.Errorf("%s: the Chinese names a round by its year (…年度) that the English does not call \"round …\":\n\tzh: %s\n\ten: %s", name, zh, en)
			}
			if capitalRoundEn.MatchString(en) {
				t.Errorf("%s: \"Round\" capitalised inside a sentence: %q", name, en)
			}
		}
	}
}

// spacedRoundPiece is a literal that writes 年度 after a year joined to it
// in code: d.Round + " 年度".
var spacedRoundPiece = regexp.MustCompile(`^\s+年度`)

// TestNoCodeSpacesARoundsYear walks every string literal of the module's
// code (not only messages: words built as d.Round + "年度" too), so that
// no 2018 年度 is written anywhere a person reads it.
func TestNoCodeSpacesARoundsYear(t *testing.T) {
	fset := token.NewFileSet()
	found := 0
	for _, gf := range parseModule(t, fset, "..") {
		ast.Inspect(gf.f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			found++
			if spacedRoundZh.MatchString(s) || spacedRoundPiece.MatchString(s) {
				t.Errorf("%s: %q writes a space between the year and 年度", fset.Position(lit.Pos()), s)
			}
			return true
		})
	}
	if found < 1000 {
		t.Fatalf("found %d string literals: is the walk of the module broken?", found)
	}
}
