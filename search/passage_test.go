package search

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// asCopiedFromPDF is text as a reviewer copies it out of a PDF viewer:
// full-width commas, brackets and semicolons, a line break every width
// characters (inside words), and a space between two characters.
func asCopiedFromPDF(text string, width int) string {
	text = strings.NewReplacer(",", "，", "(", "（", ")", "）", ";", "；", "武汉市建立", "武汉市 建立").Replace(text)
	rs := []rune(text)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && i%width == 0 {
			b.WriteString("\r\n")
		}
		b.WriteRune(r)
	}
	return b.String()
}

// reportParagraph is the paragraph of the monitoring report (testdata)
// that starts with start.
func reportParagraph(t testing.TB, start string) (report, paragraph string) {
	t.Helper()
	b, err := os.ReadFile("testdata/report.zh.txt")
	if err != nil {
		t.Fatal(err)
	}
	report = string(b)
	i := strings.Index(report, start)
	if i < 0 {
		t.Fatalf("the report has no paragraph starting %q", start)
	}
	paragraph, _, _ = strings.Cut(report[i:], "\n")
	return report, paragraph
}

// TestPastedPassageFindsItsSource: a paragraph of a document pasted as a
// city's 定性描述 quotes it (longer than a query may be, its punctuation
// made full-width and broken into lines as a PDF viewer copies it) finds
// that document first, with the passage marked; a notice that shares two
// of its clauses word for word, and other paragraphs of the same report
// filed alone, are not listed; a passage no document holds finds nothing.
func TestPastedPassageFindsItsSource(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	report, paragraph := reportParagraph(t, "制定出监测工作相关制度")
	_, other := reportParagraph(t, "学习型城市建设监测内容涉及宣传")
	mid := strings.Index(report, paragraph) - 1
	texts := map[string][]string{
		"REPORT": {report[:mid], report[mid:]},
		"NOTICE": {"关于做好学习型城市建设监测数据报送工作的通知。各区县：请建立了监测数据填报工作制度的单位，" +
			"设计了规范的统计监测数据台账，于5月底前报送。"},
		"OTHER": {other},
	}
	for id, pages := range texts {
		storeTexts(t, cat, idx, map[string]string{id: "占位"}, id, catalog.DocWorkSummary)
		if err := idx.Index(ctx, []index.Document{{ID: id, Title: id, Pages: pages, City: "330100"}}); err != nil {
			t.Fatal(err)
		}
	}
	svc := NewService(idx, cat)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	copied := asCopiedFromPDF(paragraph, 37)
	if utf8.RuneCountInString(copied) <= maxQueryRunes {
		t.Fatalf("the passage has %d characters: the test needs one longer than a query may be", utf8.RuneCountInString(copied))
	}
	for _, q := range []string{copied, "“" + copied + "”"} {
		res, err := svc.Search(ctx, Request{Query: q, User: admin})
		if err != nil {
			t.Fatalf("search of the pasted passage: %v", err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(ids) == 0 || ids[0] != "REPORT" || slices.Contains(ids, "NOTICE") || slices.Contains(ids, "OTHER") {
			t.Fatalf("pasted passage found %v, want REPORT alone", ids)
		}
		if res.Passage == nil || len(res.Passage.Clauses) != maxPassageClauses || res.Passage.AtLeast != maxPassageClauses/2 {
			t.Errorf("passage read as %+v, want %d clauses, at least %d of them", res.Passage, maxPassageClauses, maxPassageClauses/2)
		}
		if !strings.Contains(res.PassageNotice, "按段落查找出处") || !strings.Contains(res.PassageNoticeEn, "read as a passage") {
			t.Errorf("notices %q, %q: want the passage reading said in Chinese and English", res.PassageNotice, res.PassageNoticeEn)
		}
		marked := strings.Join(markPattern.FindAllString(fragmentsHTML(res.Hits[0]), -1), "")
		if !strings.Contains(marked, "严格把关数据质量") || res.Hits[0].Fragments[0].Page != 2 {
			t.Errorf("fragments %+v: want the passage marked on page 2", res.Hits[0].Fragments)
		}
	}
	// A 定性描述 in the report's words that no document holds, but for a
	// stock clause of the report (形成工作机制也是监测工作的主要任务) and
	// one of the notice's (设计了规范的统计监测数据台账).
	nowhere := "我市高度重视学习型城市建设监测工作，由分管副市长牵头召开专题会议，逐项对照监测指导性指标体系梳理佐证材料。" +
		"各责任单位按照职责分工收集统计数据、政策文件、会议通知和工作总结，设计了规范的统计监测数据台账，确保数据真实准确。" +
		"市教育局会同市统计局对上报数据进行审核，对存在疑问的数据逐一核实，形成工作机制也是监测工作的主要任务。" +
		"下一步，我市将继续完善终身学习公共服务体系，加强社区教育和老年教育资源统筹，推动学习型城市建设向纵深发展。"
	p, err := parseQuery(nowhere)
	if err != nil || p.passage == nil {
		t.Fatalf("the passage no document holds is not read as a passage: %v", err)
	}
	anyOne, err := idx.Search(ctx, index.Query{Clauses: []index.Clause{{Any: p.clauses[0].Any}}, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if anyOne.Total == 0 {
		t.Fatalf("no document holds any clause searched of the passage: the test needs one that shares one")
	}
	res, err := svc.Search(ctx, Request{Query: nowhere, User: admin})
	if err != nil {
		t.Fatalf("search of a passage no document holds: %v", err)
	}
	if res.Total != 0 || res.Passage == nil {
		t.Errorf("a passage no document holds found %d documents (passage %+v), want none, read as a passage", res.Total, res.Passage)
	}
}

func fragmentsHTML(h Hit) string {
	var b strings.Builder
	for _, f := range h.Fragments {
		b.WriteString(f.HTML)
	}
	return b.String()
}

// TestLongQueryReadAsPassageOnlyWithoutOperators: a query over the limit
// is read as a passage only when it writes no operator, which a passage
// would lose; a passage has a limit of its own.
func TestLongQueryReadAsPassageOnlyWithoutOperators(t *testing.T) {
	long := strings.Repeat("推进学分银行建设，开展学习成果认证。", 12)
	tests := []struct {
		name, q string
		passage bool
		err     string
	}{
		{"plain", long, true, ""},
		{"quoted", "“" + long + "”", true, ""},
		{"a quotation cut open", "“" + long, true, ""},
		{"exclusion", long + " -征求意见稿", false, "检索式过长"},
		{"OR", long + " OR 社区教育", false, "检索式过长"},
		{"field", "标题:" + long, false, "检索式过长"},
		{"too long", strings.Repeat(long, 10), false, "粘贴的段落过长"},
		{"short", "推进学分银行建设，开展学习成果认证。", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseQuery(tt.q)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one saying %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (p.passage != nil) != tt.passage {
				t.Errorf("read as a passage: %v, want %v", p.passage != nil, tt.passage)
			}
		})
	}
}

func TestPassageClauses(t *testing.T) {
	tests := []struct {
		name, passage string
		want          []string
	}{
		{"lines joined, marks of numbers kept",
			"全市共建成社区学校1,200所，\n覆盖率达到 95.5%；老年\n大学在校学员3.2万人次。",
			[]string{"全市共建成社区学校1,200所", "覆盖率达到95.5%", "老年大学在校学员3.2万人次"}},
		{"short clauses left out",
			"同时，全市开展终身学习活动周，一是，推进学分银行建设。",
			[]string{"全市开展终身学习活动周", "推进学分银行建设"}},
		{"the longest in order",
			"建设一，建设二二，建设三三三，建设四四四四，建设五五五五五，建设六六六六六六，建设七七七七七七七，" +
				"建设八八八八八八八八，建设九九九九九九九九九，建设十十十十十十十十十十，建设十一一一一一一一一一一。",
			[]string{"建设四四四四", "建设五五五五五", "建设六六六六六六", "建设七七七七七七七", "建设八八八八八八八八",
				"建设九九九九九九九九九", "建设十十十十十十十十十十", "建设十一一一一一一一一一一"}},
		{"a clause said twice searched once",
			"推进学分银行建设，开展学习成果认证，推进学分银行建设。",
			[]string{"推进学分银行建设", "开展学习成果认证"}},
		{"a long clause in parts",
			strings.Repeat("学习型城市建设监测", 10),
			[]string{strings.Repeat("学习型城市建设监测", 3) + "学习型", "城市建设监测" + strings.Repeat("学习型城市建设监测", 2) + "学习型城市建",
				"设监测" + strings.Repeat("学习型城市建设监测", 3)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := passageClauses(tt.passage); !slices.Equal(got, tt.want) {
				t.Errorf("passageClauses(%q) = %q, want %q", tt.passage, got, tt.want)
			}
		})
	}
}

// TestHighlightPageMarksAPastedPassageWhole: the document page a passage's
// hit links to marks every clause of the passage the page holds, also
// those too short or too many to be searched (严格把关数据质量), and
// leaves unmarked a clause the copy changed (a number the city wrote
// otherwise) and the text around the passage.
func TestHighlightPageMarksAPastedPassageWhole(t *testing.T) {
	report, paragraph := reportParagraph(t, "制定出监测工作相关制度")
	i := strings.Index(report, paragraph)
	page := report[i-200 : i+len(paragraph)+100]
	changed := strings.Replace(paragraph, "实行联动机制", "实行三级联动机制", 1)
	html, err := HighlightPage(asCopiedFromPDF(changed, 37), page)
	if err != nil {
		t.Fatal(err)
	}
	marked := markPattern.FindAllString(html, -1)
	for _, want := range []string{"严格把关数据质量", "提交相关数据", "形成工作机制也是监测工作的主要任务"} {
		if !slices.Contains(marked, "<mark>"+want+"</mark>") {
			t.Errorf("%s is not marked: %q", want, marked)
		}
	}
	for _, unwanted := range []string{"联动机制", "制定出监测工作方案和具体责任分解表"} {
		if strings.Contains(strings.Join(marked, ""), unwanted) {
			t.Errorf("%s is marked: %q", unwanted, marked)
		}
	}
}
