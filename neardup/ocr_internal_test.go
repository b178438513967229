package neardup

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// hostilePair is a pair built to make an aligner slow (found in review:
// 19.8 s in go-diff): a few hundred distinct characters, the first thirty
// of them other on one side, then a long run of one character, of
// different lengths on the two sides; its Jaccard index is over OCRFloor.
func hostilePair() (a, b []string) {
	var head, other strings.Builder
	for r := rune(0x4e00); r < 0x4e00+300; r++ {
		head.WriteRune(r)
		if r < 0x4e00+30 {
			other.WriteRune(r + 0x1000)
		} else {
			other.WriteRune(r)
		}
	}
	return []string{head.String() + strings.Repeat("口", 198_000)}, []string{other.String() + strings.Repeat("口", 99_000)}
}

// TestForgivenWalksOnce: the alignment advances on every step and stops
// at its budget of longer differences, so a hostile pair costs a walk of
// its length, not its square (BenchmarkForgivenHostile measures it), and
// is not forgiven.
func TestForgivenWalksOnce(t *testing.T) {
	a, b := hostilePair()
	if j := Jaccard(Shingles(a...), Shingles(b...)); j < OCRFloor || j >= Threshold {
		t.Fatalf("Jaccard %.3f: the pair must be looked at again (%.2f to %.2f) to test the walk", j, OCRFloor, Threshold)
	}
	if f := Forgiven(a, b); f >= OCRThreshold {
		t.Errorf("texts thirty characters apart in a run forgiven at %.3f", f)
	}
	for _, tt := range []struct{ a, b string }{{"", ""}, {"口", ""}, {"", "学习"}, {"学习型城市", "学习型城巿"}} {
		Forgiven([]string{tt.a}, []string{tt.b}) // must not panic
	}
}

func BenchmarkForgivenHostile(b *testing.B) {
	x, y := hostilePair()
	for b.Loop() {
		Forgiven(x, y)
	}
}

// TestWhatIsForgiven: the stretches a scan may differ by and still be
// taken as its original's misreads, and those it may not.
func TestWhatIsForgiven(t *testing.T) {
	const before, after = "为加快构建服务全民终身学习的教育体系，经市政府同意，", "现就推进学习型城市建设提出如下实施意见。"
	tests := []struct {
		name, original, scan string
		forgiven             bool
	}{
		{"a Han character misread", "各区县市要建立", "各区县巿要建立", true},
		{"a character lost", "实施意见", "实施意", true},
		{"two characters lost", "二〇一八年", "二八年", true},
		{"a character read as two letters", "各区县市要建立", "各区县ai要建立", true},
		{"a document number read as letters", "杭政办发201812号杭州市", "杭政办发2018de杭州市", true},
		{"one lost and one added a character apart", "三月十二日", "三月二生日", true},
		{"a name changed", "在宁波市文化广场", "在湖州市文化广场", false},
		{"a number changed", "参与率为65.2%", "参与率为65.8%", false},
		{"a sentence added", "认真落实。", "认真落实，并于年底前报送工作总结。", false},
		{"a name changed a character apart", "联系人：张明华，电话", "联系人：李明强，电话", false},
		{"a digit lost from a number", "共有12所社区学校", "共有2所社区学校", false},
		{"a Chinese numeral changed", "第十二届学习节", "第十三届学习节", false},
		{"a negation added", "同意设立学分银行", "不同意设立学分银行", false},
		{"a negation put in for another character", "已同意设立学分银行", "未同意设立学分银行", false},
		{"a negation misread", "不断完善", "口断完善", false},
		{"a negation added inside a run", "哈哈哈哈设立学分", "不哈哈哈哈设立学分", false},
		{"a one-digit number lost", "共有2所社区学校", "共有所社区学校", false},
		{"a character changed throughout", "市教育局、人社局、民政局", "市教育司、人社司、民政司", false},
		{"the same misread twice, the character read rightly elsewhere", "市教育局、市人社局", "巿教育局、巿人社局", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Forgiven([]string{before + tt.original + after}, []string{before + tt.scan + after})
			if (f == 1) != tt.forgiven {
				t.Errorf("forgiven to %.3f; want every difference forgiven: %v", f, tt.forgiven)
			}
		})
	}
}

// TestTooManyMisreadsAreNotForgiven: misreads each forgivable alone, but
// more than one character in twenty-five of a page, make another text,
// not a scan of the same one.
func TestTooManyMisreadsAreNotForgiven(t *testing.T) {
	original := []rune(strings.Repeat("为加快构建服务全民终身学习的教育体系，经市政府同意，现就推进学习型城市建设提出如下实施意见。", 12))
	tests := []struct {
		every    int
		forgiven bool
	}{
		{every: 60, forgiven: true},
		{every: 10, forgiven: false},
	}
	for _, tt := range tests {
		scan := append([]rune(nil), original...)
		for k := tt.every / 2; k < len(scan); k += tt.every {
			scan[k] = 'x'
		}
		f := Forgiven([]string{string(original)}, []string{string(scan)})
		if (f == 1) != tt.forgiven {
			t.Errorf("one misread in %d characters forgiven to %.3f; want forgiven: %v", tt.every, f, tt.forgiven)
		}
	}
}

// hanText is n Han characters drawn from three thousand with no numeral
// and no negation among them, the same for a seed.
func hanText(n int, seed uint64) []rune {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]rune, n)
	for i := range out {
		out[i] = rune(0x5a00 + r.IntN(3000))
	}
	return out
}

// TestAnAddedPassageIsNotForgivenWhereverItIs: 300 characters of another
// text in a scan that is otherwise its original with a letter for every
// fortieth character: not forgiven at the start, in the middle or at the
// end (the end was once taken whole, unchecked).
func TestAnAddedPassageIsNotForgivenWhereverItIs(t *testing.T) {
	original := hanText(20000, 3)
	scan := slices.Clone(original)
	for k := 20; k < len(scan); k += 40 {
		scan[k] = rune('a' + k/40%26)
	}
	if f := Forgiven([]string{string(original)}, []string{string(scan)}); f != 1 {
		t.Fatalf("the scan alone forgiven to %.3f; the test needs 1", f)
	}
	passage := slices.Clone(hanText(300, 4))
	for k := range passage {
		passage[k] += 0x1000
	}
	for _, at := range []int{0, len(scan) / 2, len(scan)} {
		withPassage := slices.Concat(scan[:at], passage, scan[at:])
		if f := Forgiven([]string{string(original)}, []string{string(withPassage)}); f >= OCRThreshold {
			t.Errorf("a passage added at %d of %d forgiven to %.3f", at, len(scan), f)
		}
	}
}

// TestDifferencesNotForgivenCountTowardsTheLimit: a scan with as many
// misreads as the limit allows and a few passages of its own differs by
// more than one character in twenty-five, and is not forgiven.
func TestDifferencesNotForgivenCountTowardsTheLimit(t *testing.T) {
	original := hanText(20000, 4)
	var scan []rune
	for k := 0; k < len(original); k += 78 {
		scan = append(scan, original[k:min(k+75, len(original))]...) // three lost of every 78
	}
	withPassages := slices.Clone(scan)
	for k := len(scan) / 400 * 400; k > 0; k -= 400 {
		withPassages = slices.Insert(withPassages, k, []rune("另起一段新的文字")[:6]...)
	}
	if f := Forgiven([]string{string(original)}, []string{string(scan)}); f != 1 {
		t.Fatalf("the misreads alone forgiven to %.3f; the test needs 1", f)
	}
	if f := Forgiven([]string{string(original)}, []string{string(withPassages)}); f >= OCRThreshold {
		t.Errorf("differences in one character of %.1f forgiven to %.3f", float64(len(withPassages))/float64(len(original)-len(scan)+6*(len(scan)/400)), f)
	}
}
