package neardup_test

import (
	"testing"

	"github.com/lcmonitor/evidence/neardup"
)

// FuzzReaderShinglesAsShingles: a Reader reading a text, cut into two
// pages anywhere (even inside a character: Write takes whole characters,
// so the cut is moved to one's start), finds exactly the shingles
// Shingles finds in it: its similarity to the text held whole is 1. The
// Reader's fast path for the common Han characters and its unrolled hash
// must agree with Shingles' on every character, at the edges of the Han
// blocks, after full-width forms, around a decimal point.
func FuzzReaderShinglesAsShingles(f *testing.F) {
	for _, s := range []string{
		"学习型城市建设监测报告：全年开展社区教育活动3.5万人次。",
		"\u2e80\u2e99\u3400\u4dbf\u4e00\u9fff\ua000\uf900\U00020000\U0002a6df\U00030000",
		"ＡＢＣ１２３．５经费投入１２.５万元，参与率９８．６％。",
		"第1.项：终身学习.2024年.3.学分银行", "一二", "",
	} {
		f.Add(s, len(s)/2)
	}
	f.Fuzz(func(t *testing.T, s string, cut int) {
		if cut < 0 || cut > len(s) {
			cut = len(s) / 2
		}
		for cut > 0 && cut < len(s) && s[cut]&0xc0 == 0x80 {
			cut-- // a page ends with a whole character
		}
		pages := []string{s[:cut], s[cut:]}
		set := neardup.Shingles(pages...)
		rd := neardup.NewReader(&neardup.Held{Text: neardup.Text{Pages: pages}, Set: set})
		for _, p := range pages {
			if err := rd.Write([]byte(p)); err != nil {
				t.Fatal(err)
			}
			rd.EndPage()
		}
		if err := rd.End(); err != nil {
			t.Fatal(err)
		}
		sim, err := rd.Similarity(0, false)
		if err != nil {
			t.Fatal(err)
		}
		if want := min(float64(len(set)), 1); sim != want {
			t.Errorf("%q cut at %d: the Reader's shingles are at %v of Shingles' %d; want %v (the same set)", s, cut, sim, len(set), want)
		}
	})
}
