package catalog

import (
	"regexp"
	"testing"
)

// paramAfterNoun is a request parameter's name written after the Chinese
// word for it (年份 year, 城市 city): English inside a Chinese sentence,
// which the field of the error already names for a program. A message
// that means to name a parameter says so (参数 city, 字段 file, or an
// example such as rounds=2017,2019).
var paramAfterNoun = regexp.MustCompile(`[\p{Han}]\s*(?:%s\s+)?(year|round|rounds|city|page|size|status|value|since|unit|due|department)(?:[^A-Za-z_=:]|$)`)

// TestChineseMessagesSayNoParameterNames: no Chinese message of the
// catalog writes a parameter's name after its Chinese word, as ParseYear
// said 年份 year (and 年份 %s with the field) and the value, claim and
// coverage services 城市代码 city.
func TestChineseMessagesSayNoParameterNames(t *testing.T) {
	for zh := range englishMessages {
		if m := paramAfterNoun.FindStringSubmatch(zh); m != nil && !regexp.MustCompile(`(参数|字段)\s*`+m[1]).MatchString(zh) {
			t.Errorf("%q writes the parameter %s inside Chinese text; say the Chinese word alone", zh, m[1])
		}
	}
}
