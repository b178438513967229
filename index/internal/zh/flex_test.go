package zh

import (
	"fmt"
	"strings"
	"testing"
)

// TestNewFlexCutsAtClauseMarks: a query word is cut at a clause mark
// between two letters or digits (not both ASCII) and, in a stretch of ten
// characters or more, at a word boundary four characters from its ends;
// a number's point, a 文号's brackets and a short phrase are not cut;
// past MaxFlexJoins places, the typed marks are kept before the skips.
func TestNewFlexCutsAtClauseMarks(t *testing.T) {
	seg, err := Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sub, want string // parts joined by | (a mark typed) or / (a skip)
	}{
		{"学分积累,转换与认证制度", "学分积累|转换与认证制度"},
		{"学分积累、转换", "学分积累|转换"},
		{"培训:开设", "培训|开设"},
		{"2024年,我市", "2024年|我市"},
		{"认证12.5万项", ""},
		{"1,200人", ""},
		{"教发(2024)12号", ""},
		{"学分积累,,转换", ""},
		{"完善学分银行建设", ""},
		{"2024年我市持续推进", "2024/年/我市/持续推进"},
		// Past MaxFlexJoins places, the mark typed is served before
		// the places where none was typed.
		{"2024年我市持续推进学分银行建设和社区教育发展工作取得明显成效,市民满意", "2024/年/我市/持续/推进/学分银行/建设/和社区教育发展工作取得明显成效|市民满意"},
	} {
		got := ""
		if f, ok := NewFlex(seg, tt.sub); ok {
			var b strings.Builder
			for i, p := range f.Parts {
				if i > 0 {
					b.WriteString(map[bool]string{false: "|", true: "/"}[f.Joins[i-1].Skip])
				}
				b.WriteString(p)
			}
			got = b.String()
		}
		if got != tt.want {
			t.Errorf("NewFlex(%q) = %q, want %q", tt.sub, got, tt.want)
		}
	}
}

// TestFindFlexFindsAnyMarkOrNone: the finder finds a flexible word with
// any clause mark or none at a typed mark's place, one mark at most at
// the skips of a stretch, and never the parts apart or reordered.
func TestFindFlexFindsAnyMarkOrNone(t *testing.T) {
	seg, err := Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	text := "完善学分积累、转换与认证制度。推动学分积累转换。转换与学分积累,转换;学分积累。2024年,我市持续推进学分银行建设,新增"
	for _, tt := range []struct {
		sub  string
		want []string
	}{
		{"学分积累,转换", []string{"学分积累、转换", "学分积累转换", "学分积累,转换"}},
		{"2024年我市持续推进学分银行建设", []string{"2024年,我市持续推进学分银行建设"}},
		{"积累,,转换", nil},
	} {
		f, ok := NewFlex(seg, tt.sub)
		var got []string
		if ok {
			for _, se := range NewSubstringFinder(text).FindFlex(f) {
				got = append(got, text[se[0]:se[1]])
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("FindFlex(%q) = %q, want %q", tt.sub, got, tt.want)
		}
	}
}
