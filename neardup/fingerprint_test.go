package neardup_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/neardup"
)

const notice = `关于举办2019年全民终身学习活动周的通知
各区县（市）教育局，市级各有关单位：
根据教育部办公厅通知精神，经研究，决定于2019年10月20日至26日在全市举办全民终身学习活动周。
一、开幕式。10月20日上午在市文化广场举行开幕式，表彰百姓学习之星和终身学习品牌项目。
二、社区学习共同体展示。各区县组织不少于三个社区学习共同体开展成果展示和经验交流。
三、老年教育系列活动。依托各级老年大学开展智能手机应用、健康养生等体验课程。
请于11月5日前将活动总结报送市终身教育指导中心。`

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"学分 银行，\n建设。", "学分银行建设"},
		{"２０１８年ＡＢＣ", "2018年abc"},
		{"杭政办发〔2018〕12号", "杭政办发201812号"},
		{"— 3 —\f", "3"},
		{"参与3.1万人次，增长12．5%", "参与3.1万人次增长12.5"},
		{"第3条.下一条", "第3条下一条"},
		{"共3.\n1.宣传", "共31宣传"},
		{"v.2", "v2"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(neardup.Normalize(tt.in)); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func text(s string) neardup.Text    { return neardup.Text{Pages: []string{s}} }
func ocrText(s string) neardup.Text { return neardup.Text{Pages: []string{s}, OCR: true} }

func TestCompare(t *testing.T) {
	tests := []struct {
		name    string
		a, b    string
		linked  bool
		minSim  float64
		maxSim  float64
		comment string
	}{
		{name: "identical text", a: notice, b: notice, linked: true, minSim: 1, maxSim: 1},
		{name: "other layout and punctuation width", a: notice,
			b:      strings.NewReplacer("，", ",", "。", ".\n", "：", ": ", "学习", "学 习").Replace(notice),
			linked: true, minSim: 1, maxSim: 1},
		{name: "final changes a date and a number", a: notice,
			b:      strings.NewReplacer("11月5日", "11月10日", "不少于三个", "不少于五个").Replace(notice),
			linked: true, minSim: 0.9, maxSim: 0.99},
		{name: "OCR mistakes two characters", a: notice,
			b:      strings.Replace(strings.Replace(notice, "老年大学", "老车大学", 1), "市文化广场", "巿文化广场", 1),
			linked: true, minSim: 0.9, maxSim: 0.99},
		{name: "a sentence rewritten and one dropped", a: notice,
			b: strings.NewReplacer("一、开幕式。10月20日上午在市文化广场举行开幕式，表彰百姓学习之星和终身学习品牌项目。",
				"一、开幕式。由各区县自行组织。", "三、老年教育系列活动。依托各级老年大学开展智能手机应用、健康养生等体验课程。", "").Replace(notice),
			linked: false, maxSim: 0.8},
		{name: "unrelated", a: notice, b: strings.Repeat("成都市关于加快发展老年教育的实施方案，扩大老年教育资源供给，推进老年教育信息化。", 3),
			linked: false, maxSim: 0.2},
		{name: "too short to compare", a: "学习型城市建设", b: "学习型城市建设", linked: false, maxSim: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := text(tt.a), text(tt.b)
			sim := neardup.Jaccard(neardup.Shingles(tt.a), neardup.Shingles(tt.b))
			if sim < tt.minSim || sim > tt.maxSim {
				t.Errorf("Jaccard = %.3f, want %.2f–%.2f", sim, tt.minSim, tt.maxSim)
			}
			if _, linked := neardup.Compare(a, b); linked != tt.linked {
				t.Errorf("Compare linked = %v, want %v (Jaccard %.3f)", linked, tt.linked, sim)
			}
			if _, linked := neardup.Compare(b, a); linked != tt.linked {
				t.Errorf("Compare is not symmetric")
			}
		})
	}
}

// misread returns notice with every n-th Han character replaced by 口,
// as a poor scan reads it. Negations (不, 未, 无 …) are read rightly: one
// misread is kept as a difference (TestWhatIsForgiven), which in a notice
// this short alone takes the similarity under the line.
func misread(n int) string {
	rs := []rune(notice)
	k := 0
	for i, r := range rs {
		if r >= 0x4e00 && r <= 0x9fff && !strings.ContainsRune("不未无非没否勿禁莫", r) {
			if k++; k%n == 0 {
				rs[i] = '口'
			}
		}
	}
	return string(rs)
}

// TestScanWithManyMisreads: a text read by OCR with more misread
// characters than the shingles forgive is still linked to its original,
// its misreads forgiven one character at a time; the same differences
// between two texts not read by OCR are not forgiven, nor a copy read by
// OCR whose names were changed.
func TestScanWithManyMisreads(t *testing.T) {
	scan := misread(40) // 2.5 % of the Han characters
	renamed := strings.Replace(misread(60), "市文化广场", "县体育中心", 1)
	for _, other := range []string{scan, renamed} {
		if j := neardup.Jaccard(neardup.Shingles(notice), neardup.Shingles(other)); j >= neardup.Threshold || j < neardup.OCRFloor {
			t.Fatalf("Jaccard similarity %.3f; the test needs it between %.2f and %.2f, where OCR text is looked at again",
				j, neardup.OCRFloor, neardup.Threshold)
		}
	}
	tests := []struct {
		name   string
		a, b   neardup.Text
		linked bool
	}{
		{"scan of the notice", text(notice), ocrText(scan), true},
		{"the notice and its scan", ocrText(scan), text(notice), true},
		{"the same differences, no text read by OCR", text(notice), text(scan), false},
		{"a scan of a copy with its venue changed", text(notice), ocrText(renamed), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sim, linked := neardup.Compare(tt.a, tt.b)
			if linked != tt.linked {
				t.Errorf("linked %v at similarity %.3f, want %v", linked, sim, tt.linked)
			}
			if linked && sim < neardup.OCRThreshold {
				t.Errorf("linked at similarity %.3f, under %.2f", sim, neardup.OCRThreshold)
			}
		})
	}
}

// TestScannedStatisticsOfTwoYears: two years' statistics with one layout,
// whose numbers differ digit by digit, are two documents even when one was
// read by OCR: a digit changed into another is a number changed, not a
// misread to forgive.
func TestScannedStatisticsOfTwoYears(t *testing.T) {
	year := func(y int, change bool) string {
		var b strings.Builder
		fmt.Fprintf(&b, "%d年度学习型城市建设监测统计表（市统计局、市教育局联合发布）\n", y)
		items := []string{"社区教育参与率", "老年大学入学率", "职工继续教育覆盖率", "市民学习账户开户率", "社区学习共同体覆盖率",
			"图书馆人均借阅率", "网络学习平台注册率", "农村成人学校覆盖率"}
		for i, item := range items {
			d := (i * 3) % 10
			if change && i%2 == 0 {
				d = (d + 1) % 10
			}
			fmt.Fprintf(&b, "%s为6%d.%d%%，比上年提高%d.%d个百分点；\n", item, i, d, i%4, d)
		}
		return b.String()
	}
	a, b := year(2019, false), year(2019, true)
	if j := neardup.Jaccard(neardup.Shingles(a), neardup.Shingles(b)); j >= neardup.Threshold || j < neardup.OCRFloor {
		t.Fatalf("Jaccard similarity %.3f; the test needs it between %.2f and %.2f", j, neardup.OCRFloor, neardup.Threshold)
	}
	if sim, linked := neardup.Compare(text(a), ocrText(b)); linked {
		t.Errorf("two years' statistics linked at %.3f", sim)
	}
}

// TestDegenerateTextMatchesNothing is the trap of issue 12: a text of 1 MB
// of one line repeated must not become everybody's near duplicate, and a
// near-empty OCR page must not match another.
func TestDegenerateTextMatchesNothing(t *testing.T) {
	line := "关于举办全民终身学习活动周的通知，各区县教育局：\n"
	flood := strings.Repeat(line, (1<<20)/len(line))
	fs := neardup.Shingles(flood)
	if _, ok := fs.Fingerprint(); ok {
		t.Fatalf("1 MB of one line has %d distinct shingles and got a fingerprint; want none below %d",
			len(fs), neardup.MinShingles)
	}
	others := []string{notice, line, line + line, strings.Repeat(line, 7), "— 1 —\n学习型城市\n"}
	for _, o := range others {
		if sim, linked := neardup.Compare(text(flood), ocrText(o)); linked {
			t.Errorf("1 MB of one line linked to %.20q… (similarity %.3f)", o, sim)
		}
	}
	if _, linked := neardup.Compare(ocrText("— 3 —\n学习型城市\f"), ocrText("学习型城市 — 7 —")); linked {
		t.Error("two near-empty OCR pages were linked")
	}
	// A long repeated paragraph has enough shingles for a fingerprint, but
	// as a set it is only that paragraph: it matches the paragraph, not a
	// notice that quotes it among other things.
	para := strings.Repeat(notice[:len(notice)/2], 2000)
	if sim, linked := neardup.Compare(text(para), text(notice)); linked {
		t.Errorf("half the notice repeated 2000 times linked to the notice (similarity %.3f)", sim)
	}
}

func TestFingerprintIsStable(t *testing.T) {
	// Stored band hashes must not change between runs or versions without
	// the catalog's bands being computed again.
	a, _ := neardup.Shingles(notice).Fingerprint()
	b, _ := neardup.Shingles(notice).Fingerprint()
	if a != b {
		t.Fatal("fingerprint of one text differs between calls")
	}
	if a.Bands[0] != -6168853733579487779 || a.Bands[15] != -6589878079546166260 {
		t.Fatalf("band hashes of scheme %d changed (%d, %d): the catalog's stored bands would no longer match new ones",
			neardup.BandScheme, a.Bands[0], a.Bands[15])
	}
	// Band scheme 1's, which the catalog looks up until it has computed
	// its stored bands again.
	l, _ := neardup.Shingles(notice).LegacyFingerprint()
	if l.Bands[0] != -4246626381200582383 || l.Bands[15] != -6340458873008872582 {
		t.Fatalf("band hashes of scheme 1 changed (%d, %d): the catalog's bands stored before scheme 2 would no longer match",
			l.Bands[0], l.Bands[15])
	}
	if !slices.IsSorted(neardup.Shingles(notice)) {
		t.Fatal("shingle set is not sorted")
	}
}

// BenchmarkFingerprint is the cost per document in the pipeline: the
// shingle set and the LSH bands of a text of about 10,000 characters.
func BenchmarkFingerprint(b *testing.B) {
	text := strings.Repeat(notice, 30) + strings.Repeat("二〇一九年全民终身学习活动周", 10)
	var words []string
	for i := range 2000 {
		words = append(words, string(rune('一'+i*7%20000)))
	}
	text += strings.Join(words, "")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s := neardup.Shingles(text)
		s.Fingerprint()
	}
}

// TestContainment: a phone photo of the first page of a two-page notice,
// read by OCR with one Han character in forty misread, is part of the
// notice (Containment at least PartThreshold) though their Jaccard index
// is far under Threshold; the notice is not part of the page, another
// city's plan is part of neither, and a text too short to compare is part
// of nothing.
func TestContainment(t *testing.T) {
	page2 := `四、学习成果展示。各街道组织市民学习成果展览，评选终身学习品牌项目和百姓学习之星。
五、宣传报道。各单位要通过报刊、电视、网络等多种渠道宣传活动周的成果和经验。
六、工作要求。各区县教育局要高度重视，成立活动周工作小组，制定工作方案，确保活动取得实效。
联系人：市终身教育指导中心张老师，电话：87654321。
杭州市教育局
2019年9月20日`
	whole := neardup.Shingles(notice, page2)
	photo := neardup.Shingles(misread(40))
	if j := neardup.Jaccard(photo, whole); j >= neardup.Threshold {
		t.Fatalf("Jaccard of the page and the notice %.3f: the test needs a page that is no near duplicate", j)
	}
	if c := neardup.Containment(photo, whole); c < neardup.PartThreshold {
		t.Errorf("Containment of the photo of page 1 in the notice %.3f, want at least %.2f", c, neardup.PartThreshold)
	}
	if c := neardup.Containment(whole, photo); c >= neardup.PartThreshold {
		t.Errorf("Containment of the notice in its first page %.3f, want under %.2f", c, neardup.PartThreshold)
	}
	other := neardup.Shingles(strings.Repeat("成都市关于加快发展老年教育的实施方案，扩大老年教育资源供给，推进老年教育信息化。", 3))
	if c := neardup.Containment(other, whole); c >= 0.2 {
		t.Errorf("Containment of another city's plan in the notice %.3f, want under 0.2", c)
	}
	if c := neardup.Containment(neardup.Shingles("学习型城市建设"), whole); c != 0 {
		t.Errorf("Containment of a text too short to compare %.3f, want 0", c)
	}
}
