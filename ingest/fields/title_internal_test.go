package fields

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestTitleEndsAsTheRegexp holds titleEnds to the regexp it replaced, the
// alternation of docKinds with kindSuffix, on every line of the fixtures
// and on lines made to test the order of the kinds and the suffixes.
func TestTitleEndsAsTheRegexp(t *testing.T) {
	titleEnd := regexp.MustCompile(`(?:` + strings.Join(docKinds, "|") + `)` + kindSuffix.String()[1:] + `?`)
	lines := []string{
		"杭州市人民政府关于推进学习型城市建设的实施意见",
		"关于印发《社区教育工作方案(试行)》的通知",
		"宁波市终身教育促进条例(2015-2020年)实施办法(暂行)",
		"管理办法(征求意见稿)办法(修订稿)方案(修订)函(送审稿)复函函",
		"规划纲要(2010-2020年)报告(2018 至 2019年)请示(草案",
		"意见意见见意通知知通告告公告公报简报快报专报",
		"没有文件种类的一行",
		"",
		"(试行)",
		"实施",
	}
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("fixtures: %v (%d found)", err, len(paths))
	}
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(prepare(string(body)), "\n")...)
	}
	matched := 0
	for _, l := range lines {
		got, want := titleEnds(l), titleEnd.FindAllStringIndex(l, -1)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("title ends of %q: got %v, want %v", l, got, want)
		}
		matched += len(want)
	}
	if matched < 100 {
		t.Errorf("only %d title ends in %d lines: the test no longer tries the kinds", matched, len(lines))
	}
}

// TestTitleWithOCRsGarbledAbout: the probe's scan (s36 #7), whose 关于 OCR
// read as RF under the body's line, gives the title with 关于 and the body
// as its issuer, whether the lines were joined in the stored text or not;
// a title's own Latin word, a title with no body's name before it, or a
// rest that does not read as "…的<kind>" keeps its letters, and a body's
// line above a title without 关于 stays out of it.
func TestTitleWithOCRsGarbledAbout(t *testing.T) {
	const want = "关于2018年度企业职工教育培训经费提取情况的统计报告"
	tests := []struct {
		name, text, title, issuer string
	}{
		{"joined", "杭州市人力资源和社会保障局RF 2018年度企业职工教育培训经费提取情况的统计报告2018年,全市企业比例为87 . 6%.",
			want, "杭州市人力资源和社会保障局"},
		{"on their lines", "杭州市人力资源和社会保障局\nRF 2018年度企业职工教育培训经费提取情况的统计报告\n2018年,全市企业比例为87.6%。",
			want, "杭州市人力资源和社会保障局"},
		{"lower case, no space", "杭州市教育局xf推进社区教育的实施意见\n各区教育局:\n正文。", "关于推进社区教育的实施意见", "杭州市教育局"},
		{"a title's own Latin word", "杭州市教育局关于推进AI赋能终身学习的通知\n各区教育局:\n正文。",
			"杭州市教育局关于推进AI赋能终身学习的通知", "杭州市教育局"},
		{"no body before", "VR体验馆开放的通知\n各社区:\n正文。", "VR体验馆开放的通知", ""},
		{"a rest without 的", "杭州市教育局\nRF 2018年工作要点\n正文。", "RF2018年工作要点", ""},
		{"a body's line above a title", "杭州市教育局\n2018年杭州市社区教育工作总结\n一、主要工作", "2018年杭州市社区教育工作总结", ""},
	}
	for _, tt := range tests {
		f := Read([]string{tt.text}, "")
		if f.Title.Value != tt.title || f.Issuer.Value != tt.issuer {
			t.Errorf("%s: title %q, issuer %q; want %q, %q", tt.name, f.Title.Value, f.Issuer.Value, tt.title, tt.issuer)
		}
	}
}

// TestTitleAfterOCRNoise: the probe's scan (s50), a page of a policy
// rendered at 120 dpi and read by tesseract, whose heading OCR read as
// "、、二种不一可关于推进…的实施意见": the title is the heading from its
// 关于, not the noise that no title begins with; a body's name after such
// marks stays, and a title of two bodies joined by 、 without them keeps
// both.
func TestTitleAfterOCRNoise(t *testing.T) {
	const want = "关于推进杭州市终身学习学分银行建设的实施意见"
	for _, tt := range []struct{ name, text, title string }{
		{"noise before 关于", "杭教终 [2023] 125\n\n、、二种不一可关于推进杭州市终身学习学分银行建设的实施意见\n\n各区、县〈市)教育局 :\n\n为贯彻落实《教育部等七部门关于推进学习型城市建设的意见》(教职成 [2014] 10号 ), 现就推进我市学分银行建设提出如下意见。",
			want},
		{"a mark before a body's name", "、杭州市教育局关于推进杭州市终身学习学分银行建设的实施意见\n各区教育局:\n正文。",
			"杭州市教育局关于推进杭州市终身学习学分银行建设的实施意见"},
		{"two bodies", "杭州市教育局、杭州市民政局关于推进社区教育的通知\n各区教育局:\n正文。",
			"杭州市教育局、杭州市民政局关于推进社区教育的通知"},
	} {
		if got := Read([]string{tt.text}, "").Title.Value; got != tt.title {
			t.Errorf("%s: title %q, want %q", tt.name, got, tt.title)
		}
	}
}

// TestTitleOpeningWithAQuotedTerm: a title that opens with a quoted term
// keeps its quotes and all that stands before its 关于, with the ASCII
// quotes OCR and Normalize give as with “”, after OCR's stray marks
// too; rev 13 took the quote for a stray mark, and the title lost it
// (学分银行"建设…, unbalanced, no title at all) or what stood before its
// 关于. OCR's noise (rev 13's cases) is still cut: a quote it never
// closes, or one round marks that make no term.
func TestTitleOpeningWithAQuotedTerm(t *testing.T) {
	const body = "\n各区、县（市）教育局：\n正文。"
	for _, tt := range []struct{ name, line, title string }{
		{"ASCII quotes", `"学分银行"建设试点工作实施方案的通知`, `"学分银行"建设试点工作实施方案的通知`},
		{"curly quotes", "“学分银行”建设试点工作实施方案的通知", "“学分银行”建设试点工作实施方案的通知"},
		{"single quotes", "'学在·杭州'品牌项目评选结果的通报", "'学在·杭州'品牌项目评选结果的通报"},
		{"a quoted term before 关于", `"终身学习品牌"项目评审委员会关于公布评审结果的通知`, `"终身学习品牌"项目评审委员会关于公布评审结果的通知`},
		{"OCR's marks, then a quoted term before 关于", `、、"十四五"时期关于推进学习型城市建设的实施意见`, `"十四五"时期关于推进学习型城市建设的实施意见`},
		{"OCR's noise", "、、二种不一可关于推进学分银行建设的实施意见", "关于推进学分银行建设的实施意见"},
		{"a quote OCR never closed", `"、二种不一可关于推进学分银行建设的实施意见`, "关于推进学分银行建设的实施意见"},
		{"quotes round marks", `"、、"二种不一可关于推进学分银行建设的实施意见`, "关于推进学分银行建设的实施意见"},
	} {
		if got := Read([]string{tt.line + body}, "").Title.Value; got != tt.title {
			t.Errorf("%s: title of %q is %q, want %q", tt.name, tt.line, got, tt.title)
		}
	}
}
