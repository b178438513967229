package zh

import (
	"fmt"
	"slices"
	"testing"
)

// Words added to a text's segmentation (place names cut by it, the parts
// of Latin words) stand at the position of the word they start in, after
// that word's own tokens, so that phrases over the positions still match.
func TestAddedWordsTakeTheirWordsPosition(t *testing.T) {
	seg, err := Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"长沙市委、市政府", []string{"1:长沙", "1:长沙市", "2:市委", "3:市政府", "3:政府"}},
		{"认定为北京市民终身学习品牌", []string{"1:认定", "2:为", "3:北京市民", "3:北京", "3:市民", "3:北京市", "4:终身学习", "4:终身", "4:学习", "5:品牌"}},
		{"武汉城市职业学院", []string{"1:武汉", "2:城市", "3:职业", "4:学院"}},
		{"通过ISO9001认证", []string{"1:通过", "2:ISO9001", "2:ISO", "2:9001", "3:认证"}},
		{"学习MOOCs和APPs", []string{"1:学习", "2:MOOCs", "2:MOOC", "3:和", "4:APPs", "4:APP"}},
		{"订阅news", []string{"1:订阅", "2:news"}},
	} {
		var got []string
		for _, tk := range Segment(seg, []byte(tt.text), true) {
			got = append(got, fmt.Sprintf("%d:%s", tk.Position, tk.Term))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Segment(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestPlaceNamesNotMadeOfAWordAfterThem: a place name is not read across a
// cut where its unit starts a word of its own (区域, 市场).
func TestPlaceNamesNotMadeOfAWordAfterThem(t *testing.T) {
	seg, err := Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	for text, not := range map[string]string{"推进老城区域更新": "老城区", "新城区域规划": "新城区", "活跃杭州市场": "杭州市"} {
		for _, tk := range Segment(seg, []byte(text), true) {
			if string(tk.Term) == not {
				t.Errorf("Segment(%q) holds %s", text, not)
			}
		}
	}
}
