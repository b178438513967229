package extract

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"
	"unicode"
)

// needOCR skips a test when tesseract (with chi_sim and eng) or pdftoppm is
// missing, and fails it when CI=true, where they must be installed.
func needOCR(t *testing.T) {
	t.Helper()
	err := errReaderMissingForPDF(context.Background())
	if err == nil {
		return
	}
	const install = "apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils"
	if os.Getenv("CI") == "true" {
		t.Fatalf("OCR is not available (%v), but CI=true requires it: %s", err, install)
	}
	t.Skipf("OCR is not available (%v); %s to run this test", err, install)
}

// withProgram points the lookup of an optional program at path ("" = not
// installed) for the rest of the test.
func withProgram(t *testing.T, name, path string) {
	t.Helper()
	programOverrides.Store(name, path)
	t.Cleanup(func() { programOverrides.Delete(name) })
}

// withoutOCR makes the PDF extractor believe pdftoppm is missing, which
// turns OCR of PDF pages off.
func withoutOCR(t *testing.T) { withProgram(t, "pdftoppm", "") }

// The true Han text of the stamped scan's pages (testdata/src/stamped.html).
var stampedTruth = []string{
	"杭政办发〔2018〕12号 杭州市人民政府办公厅关于推进学习型城市建设的实施意见 各区、县（市）人民政府，市政府各部门、各直属单位：" +
		"为加快构建服务全民终身学习的教育体系，经市政府同意，现就推进学习型城市建设提出如下实施意见。" +
		"一、建立学分银行。推进各类学习成果的认证、积累和转换，到2020年实现市民学习成果存入学分银行。" +
		"二、发展社区教育。完善市、区、街道、社区四级社区教育网络，培育社区学习共同体。",
	"三、完善保障措施。各区、县（市）要建立学习型城市建设监测工作机制，多部门合作联动，认真落实。" +
		"四、本意见自发布之日起施行。杭州市人民政府办公厅 二〇一八年三月十二日",
}

// hanAccuracy is 1 − (edit distance between the Han characters of got and
// of truth) / (Han characters of truth): the share of the true characters
// read right, with insertions counted as errors.
func hanAccuracy(truth, got string) float64 {
	return charAccuracy(truth, got, func(r rune) bool { return unicode.Is(unicode.Han, r) || r == '〇' })
}

// hanDigitAccuracy is hanAccuracy over Han characters and digits: the
// characters a reviewer checks a 定性描述's numbers against.
func hanDigitAccuracy(truth, got string) float64 {
	return charAccuracy(truth, got, func(r rune) bool { return unicode.Is(unicode.Han, r) || r == '〇' || r >= '0' && r <= '9' })
}

func charAccuracy(truth, got string, keep func(rune) bool) float64 {
	han := func(s string) []rune {
		var out []rune
		for _, r := range s {
			if keep(r) {
				out = append(out, r)
			}
		}
		return out
	}
	a, b := han(truth), han(got)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(b)])/float64(len(a))
}

// ocrRenderedPage renders one page of a fixture PDF and OCRs it, with or
// without the removal of red seals.
func ocrRenderedPage(t *testing.T, file string, page int, whiten bool) (text string, conf float64, seal bool) {
	t.Helper()
	lim := Limits{}.withDefaults()
	data, err := renderPDFPage(context.Background(), lookProgram("pdftoppm"), fixture(file), page, renderLongSide, lim)
	if err != nil || data == nil {
		t.Fatalf("render %s page %d: %v", file, page, err)
	}
	img, err := decodePageImage(data)
	if err != nil {
		t.Fatal(err)
	}
	in := prepareForOCR(img, whiten)
	text, conf, err = runTesseract(context.Background(), lookProgram("tesseract"), in.gray, lim)
	if err != nil {
		t.Fatalf("ocr %s page %d: %v", file, page, err)
	}
	return Normalize(text), conf, len(in.seals) > 0
}

// TestOCRAccuracy measures the Han-character accuracy on the stamped scan,
// and that removing the red seal helps on its sealed page 2.
//
// Measured (Debian 12, tesseract 5.3, chi_sim 4.1, 300 dpi, psm 6), Han
// accuracy with / without red removal: page 1 (no seal) 0.988 / 0.988,
// page 2 (seal over the issuer and the date) 0.914 / 0.714. Set
// EVIDENCE_OCR_SWEEP=1 to print the table over resolutions and page
// segmentation modes that chose 300 dpi and psm 6.
func TestOCRAccuracy(t *testing.T) {
	needOCR(t)
	var with, without [2]float64
	for page := 1; page <= 2; page++ {
		text, conf, seal := ocrRenderedPage(t, "stamped-scan.pdf", page, true)
		with[page-1] = hanAccuracy(stampedTruth[page-1], text)
		raw, _, _ := ocrRenderedPage(t, "stamped-scan.pdf", page, false)
		without[page-1] = hanAccuracy(stampedTruth[page-1], raw)
		t.Logf("page %d: seal %v, confidence %.2f, Han accuracy %.3f with red removal, %.3f without\n%s\n---\n%s",
			page, seal, conf, with[page-1], without[page-1], text, raw)
	}
	if with[1] <= without[1] {
		t.Errorf("sealed page 2: accuracy %.3f with red removal, %.3f without; removal should help", with[1], without[1])
	}
	for i, acc := range with {
		if acc < 0.9 {
			t.Errorf("page %d: Han accuracy %.3f, want ≥ 0.90", i+1, acc)
		}
	}
	if os.Getenv("EVIDENCE_OCR_SWEEP") == "1" {
		sweepOCRSettings(t)
	}
}

// sweepOCRSettings prints Han accuracy and time for each resolution and
// page segmentation mode on the stamped scan's two pages.
func sweepOCRSettings(t *testing.T) {
	defer func(side int, psm string) { renderLongSide, tesseractPSM = side, psm }(renderLongSide, tesseractPSM)
	var b strings.Builder
	for _, side := range []int{2339, 3508} { // A4 at 200 and 300 dpi
		for _, psm := range []string{"3", "4", "6"} {
			renderLongSide, tesseractPSM = side, psm
			start := time.Now()
			var accs []string
			for page := 1; page <= 2; page++ {
				text, _, _ := ocrRenderedPage(t, "stamped-scan.pdf", page, true)
				accs = append(accs, fmt.Sprintf("%.3f", hanAccuracy(stampedTruth[page-1], text)))
			}
			fmt.Fprintf(&b, "long side %d px, psm %s: Han accuracy %s, %.1f s/page\n",
				side, psm, strings.Join(accs, " "), time.Since(start).Seconds()/2)
		}
	}
	t.Log("\n" + b.String())
}

// tiltedTruth is the Han text of testdata/src/tilted.html, both pages of
// tilted-scan.pdf.
const tiltedTruth = "甬教办〔2019〕45号 宁波市教育局关于公布2019年社区教育统计数据的通知 各区县（市）教育局，市直属各学校：" +
	"根据《宁波市学习型城市建设监测工作方案》，现将2019年全市社区教育统计数据公布如下。" +
	"一、全市共有社区学校365所，其中街道社区学校158所，村（社区）教学点207个。" +
	"二、全年举办各类培训班2846期，参与人次达到128.6万，比上年增长12.5%。" +
	"三、学分银行开户人数累计达到45万人，存入学分的市民为23.8万人。" +
	"四、全市共评选百姓学习之星86名，终身学习品牌项目39个。" +
	"请各地对照数据，认真做好2020年社区教育工作计划。宁波市教育局办公室 2019年12月20日"

// TestOCRTiltedScan reads a 150 dpi scan tilted by 3° (page 1) and −4.5°
// (page 2) as it is and levelled, and wants the levelled reading better
// and its numbers right.
//
// Measured (Debian 12, tesseract 5.3, chi_sim 4.1, pages rendered at 300
// dpi, psm 6), accuracy on Han and digits as it is / levelled: page 1 (3°)
// 0.953 / 0.957 (Han alone 0.960 / 0.946), page 2 (−4.5°) 0.763 / 0.988
// (0.708 / 0.985); mean confidence 0.86 / 0.90 and 0.81 / 0.90. As it is,
// 86名 read as 56名, 45万人 as 45妃人, 128.6万 as "128.6 77", 23.8万 as
// "93.8 Fi"; levelled, these are right (45号 and the date at the foot may
// still lose a character). Those figures are of chi_sim+eng; chi_sim
// alone (pageLanguages), which a page with a line read as Latin letters
// alone is read with again, read both better: page 1 0.969 / 0.988, page
// 2 0.934 / 0.992, so levelling may gain less than the 0.1 it did.
func TestOCRTiltedScan(t *testing.T) {
	needOCR(t)
	lim := Limits{}.withDefaults()
	tess := lookProgram("tesseract")
	var rawSum, levSum float64
	for page, tilt := range []float64{3, -4.5} {
		data, err := renderPDFPage(context.Background(), lookProgram("pdftoppm"), fixture("tilted-scan.pdf"), page+1, renderLongSide, lim)
		if err != nil || data == nil {
			t.Fatalf("render page %d: %v", page+1, err)
		}
		img, err := decodePageImage(data)
		if err != nil {
			t.Fatal(err)
		}
		gray := prepareForOCR(img, true).gray
		deg, ok := estimateSkew(gray)
		if !ok || math.Abs(deg-tilt) > 0.5 {
			t.Errorf("page %d tilted %.1f°: estimated %.2f° (found %v)", page+1, tilt, deg, ok)
		}
		raw, rawConf, err := runTesseract(context.Background(), tess, gray, lim)
		if err != nil {
			t.Fatal(err)
		}
		lev, levConf, err := runTesseract(context.Background(), tess, level(gray), lim)
		if err != nil {
			t.Fatal(err)
		}
		raw, lev = Normalize(raw), Normalize(lev)
		rawAcc, levAcc := hanDigitAccuracy(tiltedTruth, raw), hanDigitAccuracy(tiltedTruth, lev)
		t.Logf("page %d (%.1f°, estimated %.2f°): accuracy on Han and digits %.3f as it is (Han alone %.3f, confidence %.2f), %.3f levelled (%.3f, %.2f)\n%s\n---\n%s",
			page+1, tilt, deg, rawAcc, hanAccuracy(tiltedTruth, raw), rawConf, levAcc, hanAccuracy(tiltedTruth, lev), levConf, raw, lev)
		if levAcc < 0.93 {
			t.Errorf("page %d: accuracy on Han and digits %.3f levelled, want ≥ 0.93", page+1, levAcc)
		}
		rawSum, levSum = rawSum+rawAcc, levSum+levAcc
		for _, want := range []string{"128.6万", "23.8万人", "86名", "2846期"} {
			if !strings.Contains(lev, want) {
				t.Errorf("page %d levelled lacks %q", page+1, want)
			}
		}
	}
	if levSum < rawSum+0.05 {
		t.Errorf("accuracy on Han and digits summed over the pages: %.3f levelled, %.3f as it is; levelling should gain 0.05", levSum, rawSum)
	}
}

// tsvRow is one word of tesseract's TSV: block, line, confidence, text.
func tsvRow(block, line int, conf float64, word string) string {
	return fmt.Sprintf("5\t1\t%d\t1\t%d\t1\t0\t0\t10\t10\t%g\t%s\n", block, line, conf, word)
}

// TestOCREdgeNoise: a phone photo's paper edge, desk or shadow read as a
// line of Latin letters at the top or bottom of a page is left out; a line
// of Latin letters read well, one between lines of text, and a page that
// has no Han line read well (a blurred photo) are kept.
func TestOCREdgeNoise(t *testing.T) {
	head := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
	tests := []struct {
		name, tsv, want string
	}{
		{"照片上下边缘的杂点", tsvRow(1, 1, 23, "EEE") + tsvRow(2, 1, 96, "成都市") + tsvRow(2, 1, 95, "社区教育") + tsvRow(2, 2, 92, "学分银行") + tsvRow(3, 1, 6.7, "ee"),
			"成都市 社区教育\n学分银行"},
		{"两行杂点", tsvRow(1, 1, 12, "—") + tsvRow(1, 2, 30, "ii") + tsvRow(2, 1, 90, "通知"), "通知"},
		{"识别清楚的英文行保留", tsvRow(1, 1, 91, "ISBN") + tsvRow(1, 1, 88, "978-7") + tsvRow(2, 1, 90, "学习型城市"), "ISBN 978-7\n\n学习型城市"},
		{"正文中间的低置信行保留", tsvRow(1, 1, 90, "通知") + tsvRow(1, 2, 20, "xx") + tsvRow(1, 3, 90, "附件"), "通知\nxx\n附件"},
		{"模糊照片全部保留", tsvRow(1, 1, 20, "EEE") + tsvRow(1, 2, 25, "社") + tsvRow(1, 3, 10, "ee"), "EEE\n社\nee"},
		{"只有杂点", tsvRow(1, 1, 20, "EEE"), "EEE"},
		{"末行低置信的数字保留", tsvRow(1, 1, 90, "合计") + tsvRow(2, 1, 30, "1260") + tsvRow(2, 1, 25, "342"), "合计\n\n1260 342"},
		{"首行低置信的份号保留", tsvRow(1, 1, 20, "000123") + tsvRow(2, 1, 90, "通知"), "000123\n\n通知"},
		{"扫描黑边读成的单个数字去掉", tsvRow(1, 1, 90, "通知") + tsvRow(2, 1, 15, "l1"), "通知"},
		{"纸边读成的一两个汉字去掉", tsvRow(1, 1, 0, "四") + tsvRow(1, 1, 29, "ee") + tsvRow(2, 1, 96, "成都市") + tsvRow(3, 1, 0, "本"), "成都市"},
		{"首行低置信的附件1保留", tsvRow(1, 1, 25, "附件") + tsvRow(1, 1, 31, "1") + tsvRow(2, 1, 95, "萧山区社区教育统计表"), "附件 1\n\n萧山区社区教育统计表"},
		{"首行低置信的特急保留", tsvRow(1, 1, 18, "特急") + tsvRow(2, 1, 93, "萧政发〔2022〕12号"), "特急\n\n萧政发〔2022〕12号"},
		{"首行低置信的密级和保密期限保留", tsvRow(1, 1, 22, "机密") + tsvRow(1, 1, 12, "★") + tsvRow(1, 1, 30, "1年") + tsvRow(2, 1, 93, "萧山区人民政府"), "机密 ★ 1年\n\n萧山区人民政府"},
		{"纸边读成的密级半个字仍去掉", tsvRow(1, 1, 12, "秘") + tsvRow(1, 1, 20, "ee") + tsvRow(2, 1, 93, "萧山区人民政府"), "萧山区人民政府"},
		{"末行低置信的三个汉字保留", tsvRow(1, 1, 90, "通知") + tsvRow(2, 1, 30, "抄送：市"), "通知\n\n抄送：市"},
	}
	for _, tt := range tests {
		got, _ := parseTesseractTSV([]byte(head + tt.tsv))
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	// The page's confidence is of every word read, the noise left out
	// included: (23+96+95+92+6.7)/5.
	if _, conf := parseTesseractTSV([]byte(head + tests[0].tsv)); math.Abs(conf-0.6254) > 1e-9 {
		t.Errorf("confidence %v, want 0.6254, every word's", conf)
	}
}

// TestOCRFooterLinesReadAsChinese reads footer-scan.pdf, the last page of
// a 公文 scanned clean (probe s41, finding 5): its short lines under the
// body, the 落款 萧山区人民政府 / 2022年6月1日, and the 抄送 line at the
// page's foot are read as Chinese. With chi_sim+eng tesseract read the
// 落款 as Latin letters ("ot LUI DC A ER BOR") and 抄送 as "PIS"; chi_sim
// alone reads them as Han, though its fast model takes the 萧 of the short
// line at 300 dpi for another character (珊, 痕).
func TestOCRFooterLinesReadAsChinese(t *testing.T) {
	needOCR(t)
	res, err := Extract(context.Background(), FormatPDF, fixture("footer-scan.pdf"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(res.Pages, "\n")
	for _, want := range []string{"山区人民政府", "2022年6月1日", "抄送", "区委办公室"} {
		if !strings.Contains(text, want) {
			t.Errorf("footer-scan.pdf lacks %q: its short lines were not read as Chinese\n%s", want, text)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) != "" && latinPage(line) {
			t.Errorf("line %q is read as Latin letters, on a page all in Chinese\n%s", line, text)
		}
	}
}

// TestOCRLatinRunInAChineseLine reads station-scan.pdf, a short notice
// scanned grey at 150 dpi as the s43 probe did (finding 3): chi_sim+eng
// read its 8.6万人次 as Latin capitals after the digits (8.67 AK, here;
// 8.6 FAK. on the probe's copy), which no line of Latin letters alone
// sent to chi_sim, so a search for 8.6万 missed the scan and a true quote
// of it was not found. The line is read with chi_sim, Latin runs gone.
func TestOCRLatinRunInAChineseLine(t *testing.T) {
	needOCR(t)
	res, err := Extract(context.Background(), FormatPDF, fixture("station-scan.pdf"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(res.Pages, "\n")
	for _, want := range []string{"读书驿站36个", "年接待读者8.6万人"} {
		if !strings.Contains(text, want) {
			t.Errorf("station-scan.pdf lacks %q: a Chinese line kept the English model's Latin letters\n%s", want, text)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if latinRun(line) {
			t.Errorf("line %q keeps a run of Latin capitals, on a page all in Chinese\n%s", line, text)
		}
	}
}

// TestLatinPage tells an English page from a Chinese one with Latin words.
func TestLatinPage(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Beijing Declaration on Building Learning Cities", true},
		{"依托MOOC平台和Wi-Fi全覆盖的市民学习中心", false},
		{"2022年6月1日", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := latinPage(tt.text); got != tt.want {
			t.Errorf("latinPage(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	for line, want := range map[string]bool{"i LUDA ER BOTT": true, "ot LUI DC A ER BOR": true, "PIS: HAPAIT, WAKKRBADAT": true,
		"2023 #3 ALA": false, "PIS: 区委办公室": false, "Se": false,
		"Beijing Declaration on Building Learning Cities": false, "www.hangzhou.gov.cn": false} {
		if got := latinLine(line); got != want {
			t.Errorf("latinLine(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestChiSimTakesOnlyTheLatinLines: of chi_sim's reading only the lines
// the English model made Latin scraps of are taken (review s42b #1: the
// whole page was, so a sealed 文号's 号 became 史 and an English title
// Han characters); readings of different lines give the second whole.
func TestChiSimTakesOnlyTheLatinLines(t *testing.T) {
	first := "萧政发〔2022〕12号\nLearning City Hangzhou\ni LUDA ER BOTT\n20224F6 A148\nISBN 978-7-5"
	second := "萧政发〔2022〕12史\n学习 城市\n珊山区人民政府\n2022年6月1日\nISBN 978-7-5"
	got, ok := chiSimLines(first, second)
	want := "萧政发〔2022〕12号\nLearning City Hangzhou\n珊山区人民政府\n2022年6月1日\nISBN 978-7-5"
	if !ok || got != want {
		t.Errorf("chiSimLines = %q, %v; want %q", got, ok, want)
	}
	if _, ok := chiSimLines(first, "一行"); ok {
		t.Error("readings of different lines merged")
	}
}

// TestChiSimTakesChineseLinesWithLatinRuns: a Chinese line with a run of
// Latin capitals the English model made of Han characters (8.6 FAK. for
// 8.6万人次, probe s43) takes chi_sim's reading, though the two readings
// set their paragraphs apart differently; a line whose Latin word or
// abbreviation chi_sim reads as written (MOOC, Wi-Fi, ISBN) keeps its
// reading, and so does a 文号 line without Latin letters (184 for 18号,
// which the fields reader marks a guess).
func TestChiSimTakesChineseLinesWithLatinRuns(t *testing.T) {
	first := "上政发 [2022] 184\n关于建设城市书房读书驿站的通知\n全区建成读书驿站36个，年接待读者8.6 FAK.\n上城区人民政府\n\n2022年6月1日\n依托MOOC平台和Wi-Fi全覆盖的市民学习中心"
	second := "上政发 [2022] 18号\n\n关于建设城市书房读书驿站的通知\n全区建成读书驿站36个，年接待读者8.6万人次。\n\n上城区人民政府\n\n2022年6月1日\n依托MOOC平台和Wi-Fi全覆盖的市民学习申心"
	got, ok := chiSimLines(first, second)
	want := "上政发 [2022] 184\n关于建设城市书房读书驿站的通知\n全区建成读书驿站36个，年接待读者8.6万人次。\n\n上城区人民政府\n\n2022年6月1日\n依托MOOC平台和Wi-Fi全覆盖的市民学习中心"
	if !ok || got != want {
		t.Errorf("chiSimLines = %q, %v; want %q", got, ok, want)
	}
	for line, want := range map[string]bool{
		"全区建成读书驿站36个，年接待读者8.6 FAK.": true, "年接待读者8.67 AK,上城区人民政府": true,
		"依托MOOC平台和Wi-Fi全覆盖的市民学习中心":            true, // read again, kept: chi_sim reads MOOC
		"Hangzhou Learning City Award 获奖项目2个": false, "参与人数达到12.5万人次": false,
		"上政发 [2022] 184": false, "i LUDA ER BOTT": false,
	} {
		if got := latinRun(line); got != want {
			t.Errorf("latinRun(%q) = %v, want %v", line, got, want)
		}
	}
}
