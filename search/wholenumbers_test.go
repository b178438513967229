package search

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

// TestMarksNeverCutANumber: the pieces the index marks of a statement's
// number (1,234.5 found as 234 and 5万人次, 98.6 as 98 and 6) are marked
// as the whole number when the passage's number is the statement's,
// however its thousands are grouped and in either width; a number that
// is not the statement's is not marked at all, never in part.
func TestMarksNeverCutANumber(t *testing.T) {
	tests := []struct {
		name, statement, passage string
		marked                   []string // the pieces the index found
		want                     string
	}{
		{"grouped in the passage", "全市社区教育培训1234.5万人次", "全市社区教育培训达1,234.5万人次。",
			[]string{"5万人次"}, "培训达<mark>1,234.5万人次</mark>。"},
		{"grouped in the statement", "全市社区教育培训1,234.5万人次", "全市社区教育培训1234.5万人次。",
			[]string{"培训1234", "5万人次"}, "<mark>培训1234.5万人次</mark>。"},
		{"a longer number", "全市社区教育培训1234.5万人次", "另有11,234.5万人次参与线上学习。",
			[]string{"234", "5万人次"}, "另有11,234.5<mark>万人次</mark>参与"},
		{"a decimal", "老年大学学员12.3万人", "老年大学学员12.3万人。",
			[]string{"老年大学学员12", "3"}, "<mark>老年大学学员12.3</mark>万人。"},
		{"full-width digits in the statement", "网络覆盖率达９８.６％", "网络覆盖率达98.6%。",
			[]string{"98", "6"}, "网络覆盖率达<mark>98.6</mark>%。"},
		{"full-width digits in the passage", "网络覆盖率达98.6%", "网络覆盖率达９８.６％。",
			[]string{"６"}, "网络覆盖率达<mark>９８.６</mark>"},
		{"Chinese numerals, whole", "市民满意度百分之七十二", "市民满意度百分之七十二。",
			[]string{"市民满意度百分之七十二"}, "<mark>市民满意度百分之七十二</mark>。"},
		{"Chinese numerals, another number", "市民满意度百分之七十", "市民满意度百分之七十二。",
			[]string{"市民满意度百分之七十"}, "<mark>市民满意度百分之</mark>七十二。"},
		{"a year in Chinese digits", "2023年全市新增社区学校十所", "二〇二三年全市新增社区学校十所。",
			[]string{"二〇", "二三年"}, "<mark>二〇二三年</mark>全市"},
		{"a clause's tenth has no trailing zero", "完成率3.1", "依据第3.10条，完成率3.1%。",
			[]string{"3.1", "完成率3.1"}, "依据第3.10条，<mark>完成率3.1</mark>%"},
		{"a year and October has no trailing zero", "2024.1启动", "2024.10完成，2024.1启动。",
			[]string{"2024.1", "2024.1启动"}, "2024.10完成，<mark>2024.1启动</mark>"},
		{"a per cent's trailing zero", "完成率3.1%", "上年为3.10%，完成率3.1%。",
			[]string{"3.1"}, "上年为<mark>3.10</mark>%"},
		{"a clause number typed bare", "3.10", "依据办法第3.10条规定执行。",
			[]string{"3.", "10"}, "第<mark>3.10</mark>条"},
		{"a version typed bare", "2.10", "学分银行平台升级到v2.10版本。",
			[]string{"2.", "10"}, "v<mark>2.10</mark>版本"},
		{"a per cent and a clause typed with zeros", "3.10", "上年为3.1%，依据第3.10条。",
			[]string{"3.1", "第3.", "10"}, "上年为<mark>3.1</mark>%，依据<mark>第3.10</mark>条"},
		{"a clause is not the value without zeros", "3.1", "依据第3.10条，完成率3.10%。",
			[]string{"第3.1", "率3.1"}, "<mark>第</mark>3.10条，完成<mark>率3.10</mark>%"},
		{"a list is no number", "覆盖1,2号文件所列街道", "覆盖1,2号文件所列街道。",
			[]string{"1", "2"}, "覆盖<mark>1</mark>,<mark>2</mark>号文件"},
	}
	for _, tt := range tests {
		var spans []index.Span
		for _, m := range tt.marked {
			spans = append(spans, span(1, tt.passage, m, 0))
		}
		frags := buildFragmentsFor([]string{tt.passage}, spans, numbersOf(tt.statement))
		if len(frags) != 1 || !strings.Contains(frags[0].HTML, tt.want) {
			t.Errorf("%s: statement %q, passage %q, %q marked: %+v, want %q in it", tt.name, tt.statement, tt.passage, tt.marked, frags, tt.want)
		}
	}
}

// TestPageHighlightNeverCutsANumber: the document page marks a query's
// number whole, or not at all.
func TestPageHighlightNeverCutsANumber(t *testing.T) {
	for _, tt := range []struct{ query, page, want, never string }{
		{"1234.5万人次", "全市社区教育培训达1,234.5万人次，另有11,234.5万人次参与线上学习。", "<mark>1,234.5万人次</mark>", "11,<mark>"},
		{"12.3万", "老年大学学员12.3万人。", "<mark>12.3万</mark>", "12</mark>"},
	} {
		got, err := HighlightPage(tt.query, tt.page)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.never) {
			t.Errorf("query %q on %q: %s; want %q in it and never %q", tt.query, tt.page, got, tt.want, tt.never)
		}
	}
}

// TestMarksACountWrittenInWan: a count asked for as 12000人 is marked
// whole where the passage writes it in 万 (1.2万人) or grouped
// (12,000人), and another number (12人) not at all.
func TestMarksACountWrittenInWan(t *testing.T) {
	p := "全年参加社区教育培训1.2万人，另有12,000人参加线上学习，12人未结业。"
	m, err := index.NewMatcher([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	frags := buildFragmentsFor([]string{p}, m.Find("12000人"), numbersOf("12000人"))
	want := "培训<mark>1.2万人</mark>，另有<mark>12,000人</mark>参加线上学习，12人未结业"
	if len(frags) != 1 || !strings.Contains(frags[0].HTML, want) {
		t.Errorf("12000人 in %q: %+v, want %q", p, frags, want)
	}
}

// TestMarksACountWrittenInChineseNumerals: a count asked for in Arabic
// digits or in 万 is marked whole where the passage writes it in Chinese
// numerals (一万二千人) or half in them (1万2千人), on the document page
// and in a hit's fragment, and the same numerals inside a larger number
// (十一万二千人) not at all.
func TestMarksACountWrittenInChineseNumerals(t *testing.T) {
	p := "全年参加社区教育培训一万二千人，另有1万2千人参加线上学习，全市十一万二千人报名。"
	want := "培训<mark>一万二千人</mark>，另有<mark>1万2千人</mark>参加线上学习，全市十一万二千人报名"
	for _, q := range []string{"12000人", "1.2万人", "一万二千人"} {
		m, err := index.NewMatcher([]string{p})
		if err != nil {
			t.Fatal(err)
		}
		frags := buildFragmentsFor([]string{p}, m.Find(q), numbersOf(q))
		if len(frags) != 1 || !strings.Contains(frags[0].HTML, want) {
			t.Errorf("fragment of %q in %q: %+v, want %q", q, p, frags, want)
		}
		got, err := HighlightPage(q, p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, want) {
			t.Errorf("page marked for %q: %s, want %q in it", q, got, want)
		}
	}
}

// TestMarksACountFoundInAnotherForm: a count the index finds written in
// another form than the query's (1.2万人 for 12000人 or 一万二千人, 12000人
// for 1.2万人) is marked whole in a hit's fragment, from the index's own
// spans, not cut into the pieces of a number nobody asked for.
func TestMarksACountFoundInAnotherForm(t *testing.T) {
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	docs := []index.Document{
		{ID: "wan", Pages: []string{"全年线上学习1.2万人,其中老年人0.5万人。"}},
		{ID: "arabic", Pages: []string{"全年参加社区教育培训12000人,投入经费20000元。"}},
		{ID: "cn", Pages: []string{"全年参加社区教育培训一万二千人,投入经费两万元。"}},
	}
	if err := idx.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"wan": "<mark>1.2万人</mark>", "arabic": "<mark>12000人</mark>", "cn": "<mark>一万二千人</mark>"}
	for _, q := range []string{"12000人", "1.2万人", "一万二千人"} {
		clauses := []index.Clause{{Any: []index.Term{{Text: q}}}}
		res, err := idx.Search(context.Background(), index.Query{Clauses: clauses, Size: 10, WithText: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != len(docs) {
			t.Errorf("search %q: %d hits, want %d", q, len(res.Hits), len(docs))
		}
		for _, h := range res.Hits {
			frags := buildFragmentsFor(h.Pages, h.Spans, termNumbers(clauses))
			if len(frags) != 1 || !strings.Contains(frags[0].HTML, want[h.ID]) {
				t.Errorf("search %q, fragment of %s: %+v, want %q in it", q, h.ID, frags, want[h.ID])
			}
		}
	}
}

// TestNumbersOfFinancialAndTraditionalNumerals: a number written in
// financial numerals (壹万贰仟) or traditional ones (兩萬) is one number
// to keep whole, as the index and values read it (cnnum).
func TestNumbersOfFinancialAndTraditionalNumerals(t *testing.T) {
	got := numbersOf("经费壹万贰仟元,兩萬人参加")
	for _, want := range []string{"壹万贰仟", "兩萬"} {
		if !got[want] {
			t.Errorf("numbersOf: %v, want %q in it", got, want)
		}
	}
}

// TestMarksAValueAndAUnitWhole: a bare number is marked wherever its
// value is written (1.2万, 12,000, 一万二千), whole, on the document page
// and in a hit's fragment, and never another value (1.2万亿, 112000); a
// count with its unit is not marked where the unit goes on (12000人 in
// 12000人次).
func TestMarksAValueAndAUnitWhole(t *testing.T) {
	p := "全年培训1.2万人,另有12,000人次参加线上学习,老年大学一万二千人,全市生产总值1.2万亿元,共有112000名学员。"
	for _, tt := range []struct {
		q     string
		want  []string
		never []string
	}{
		{"12000", []string{"<mark>1.2万</mark>人", "<mark>12,000</mark>人次", "<mark>一万二千</mark>人"},
			[]string{"<mark>1.2万亿", "<mark>112000", "11<mark>"}},
		{"1.2万", []string{"<mark>1.2万</mark>人", "<mark>12,000</mark>人次", "<mark>一万二千</mark>人"},
			[]string{"<mark>1.2万亿", "<mark>112000"}},
		{"12000人", []string{"<mark>1.2万人</mark>", "<mark>一万二千人</mark>"},
			[]string{"<mark>12,000人"}},
		{"12000人次", []string{"<mark>12,000人次</mark>"},
			[]string{"<mark>1.2万人", "<mark>一万二千人"}},
	} {
		page, err := HighlightPage(tt.q, p)
		if err != nil {
			t.Fatal(err)
		}
		m, err := index.NewMatcher([]string{p})
		if err != nil {
			t.Fatal(err)
		}
		var frag []string
		for _, f := range buildFragmentsFor([]string{p}, m.Find(tt.q), wordNumbers(tt.q)) {
			frag = append(frag, f.HTML)
		}
		for where, got := range map[string]string{"page": page, "fragments": strings.Join(frag, " ")} {
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s marked for %q: %s, want %q in it", where, tt.q, got, w)
				}
			}
			for _, n := range tt.never {
				if strings.Contains(got, n) {
					t.Errorf("%s marked for %q: %s, never %q", where, tt.q, got, n)
				}
			}
		}
	}
}

// TestFiguresOfAClaimLeaveOutClauses: the numbers a claim's statement
// states, which a mark in a proposed passage takes whole, are its
// figures read in their context (3.10% as 3.1), never the number of a
// clause or an ordinal it cites (第3.10条, 第3条, 第18届), and a clause's
// number does not take away a figure written the same (the 3.10% next
// to 第3.10条).
func TestFiguresOfAClaimLeaveOutClauses(t *testing.T) {
	for _, tt := range []struct {
		statement   string
		want, never []string
	}{
		{"依据第3.10条，完成率3.10%", []string{"3.1"}, []string{"3.10"}},
		{"依据第3条，完成率3.10%", []string{"3.1"}, []string{"3", "3.10"}},
		{"依据《办法》第3.10条，全市社区学校达120所", []string{"120"}, []string{"3.10", "3.1"}},
		{"第18届学习活动周参与市民达3.2万人次", []string{"3.2"}, []string{"18"}},
		{"完成率3.15%，依据第3.15条", []string{"3.15"}, nil},
		{"学分银行平台升级到v2.10版本", []string{"2.10"}, []string{"2.1"}},
		{"依据第 3 条，完成率3.10%", []string{"3.1"}, []string{"3", "3.10"}},
		{"依据第 3.10 条，完成率3.10%", []string{"3.1"}, []string{"3.10"}},
		{"依据《办法》第　3.10　条，全市社区学校达120所", []string{"120"}, []string{"3.10", "3.1"}},
		{"第 18 届学习活动周参与市民达3.2万人次", []string{"3.2"}, []string{"18"}},
	} {
		got := figuresOf(tt.statement)
		for _, w := range tt.want {
			if !got[w] {
				t.Errorf("figuresOf(%q) = %q, want %q in it", tt.statement, slices.Sorted(maps.Keys(got)), w)
			}
		}
		for _, n := range tt.never {
			if got[n] {
				t.Errorf("figuresOf(%q) = %q, want no %q in it", tt.statement, slices.Sorted(maps.Keys(got)), n)
			}
		}
	}
	// A passage proposed for 依据第3条，完成率3.10% marks its rate whole,
	// never its clause 3.10.
	passage := "依据第3.10条，完成率3.10%。"
	spans := []index.Span{span(1, passage, "第3.", 0), span(1, passage, "率3.", 0)}
	frags := buildFragmentsFor([]string{passage}, spans, figuresOf("依据第3条，完成率3.10%"))
	if want := "<mark>第</mark>3.10条，完成<mark>率3.10</mark>%"; len(frags) != 1 || !strings.Contains(frags[0].HTML, want) {
		t.Errorf("the passage's marks: %+v, want %q in them", frags, want)
	}
	// Set with spaces, as a PDF's text may be, the clause is no rate
	// either: 第 3.10 条 is not marked whole as 3.10%.
	for _, statement := range []string{"依据第 3 条，完成率3.10%", "依据第3条，完成率3.10%"} {
		passage := "依据第 3.10 条，完成率3.10%。"
		spans := []index.Span{span(1, passage, "第 3.", 0), span(1, passage, "率3.", 0)}
		frags := buildFragmentsFor([]string{passage}, spans, figuresOf(statement))
		if want := "<mark>第 </mark>3.10 条，完成<mark>率3.10</mark>%"; len(frags) != 1 || !strings.Contains(frags[0].HTML, want) {
			t.Errorf("the passage's marks for %s: %+v, want %q in them", statement, frags, want)
		}
	}
}
