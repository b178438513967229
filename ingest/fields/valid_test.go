package fields

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// signatureAlphabet is what a document's foot and head are made of, so
// random texts put names of bodies after every kind of punctuation.
var signatureAlphabet = []string{
	"杭州市教育局", "中国成人教育协会", "北京教育科学研究院", "2019年1月8日", "二〇一八年三月十二日", "。", ",", ";", ":", "!",
	"》", "《", "(", ")", "“", "”", "、", "\n", " ", "杭教〔2018〕3号", "根据", "关于", "的通知", "特此通知", "附件",
}

// TestReadGivesValidText reads random heads and feet: every field Read
// gives is valid UTF-8, never a name cut inside a character.
func TestReadGivesValidText(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(signatureAlphabet[r.IntN(len(signatureAlphabet))])
		}
		f := Read([]string{b.String()}, "")
		for _, v := range []Field{f.Title, f.DocNumber, f.Issuer, f.IssuedOn} {
			if !utf8.ValidString(v.Value) {
				t.Fatalf("Read(%q): %q from %s is not valid UTF-8", b.String(), v.Value, v.Source)
			}
		}
	}
}
