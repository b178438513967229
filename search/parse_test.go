package search

import (
	"reflect"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

func clause(terms ...string) index.Clause {
	c := index.Clause{}
	for _, t := range terms {
		c.Any = append(c.Any, index.Term{Text: t})
	}
	return c
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		q       string
		clauses []index.Clause
		exclude []index.Term
	}{
		{"学分银行", []index.Clause{clause("学分银行")}, nil},
		{"学分银行 长沙", []index.Clause{clause("学分银行"), clause("长沙")}, nil},
		{"学分银行　长沙", []index.Clause{clause("学分银行"), clause("长沙")}, nil}, // ideographic space
		{`"终身教育 促进条例"`, []index.Clause{clause("终身教育 促进条例")}, nil},
		{"“学习型城市”", []index.Clause{clause("学习型城市")}, nil},
		{"学分银行 -征求意见稿", []index.Clause{clause("学分银行")}, []index.Term{{Text: "征求意见稿"}}},
		{"大讲堂 OR 读书会 宁波", []index.Clause{clause("大讲堂", "读书会"), clause("宁波")}, nil},
		{"a OR b OR c", []index.Clause{clause("a", "b", "c")}, nil},
		// AND and NOT as other search engines have them.
		{"学分银行 AND 社区教育", []index.Clause{clause("学分银行"), clause("社区教育")}, nil},
		// 社区, a word the text may cut across others, is excluded as a string too.
		{"学分银行 NOT 社区", []index.Clause{clause("学分银行")}, []index.Term{{Text: "社区", Substring: true}}},
		{"学分银行 -健全", []index.Clause{clause("学分银行")}, []index.Term{{Text: "健全", Substring: true}}},
		{`学分银行 AND NOT "征求意见稿"`, []index.Clause{clause("学分银行")}, []index.Term{{Text: "征求意见稿"}}},
		{"大讲堂 OR 读书会 AND 宁波", []index.Clause{clause("大讲堂", "读书会"), clause("宁波")}, nil},
		{"and not or", []index.Clause{clause("and"), clause("not"), clause("or")}, nil}, // lower case: words
		{"２０１７年", []index.Clause{clause("2017年")}, nil},                                 // full-width digits folded
		{"１２．３万", []index.Clause{clause("12.3万")}, nil},
		{"杭政办（2016）12号", []index.Clause{clause("杭政办(2016)12号")}, nil}, // one word; the index folds its brackets
		{"杭政办[2016]12号", []index.Clause{clause("杭政办[2016]12号")}, nil},
		{strings.Repeat("学", maxQueryRunes), []index.Clause{clause(strings.Repeat("学", maxQueryRunes))}, nil},
		// Characters set apart by spaces, as copied from a PDF, are one word.
		{"学 分 银 行", []index.Clause{clause("学分银行")}, nil},
		{"关 于 开 展 全 民 终 身 学 习 活 动 周 的 通 知", []index.Clause{clause("关于开展全民终身学习活动周的通知")}, nil},
		{"各 区 、 县 ( 市 )", []index.Clause{clause("各区、县(市)")}, nil},
		{"学分银行 通 知 -征求意见稿", []index.Clause{clause("学分银行"), clause("通知")}, []index.Term{{Text: "征求意见稿"}}},
		{"市 OR 县", []index.Clause{clause("市", "县")}, nil},
		{"长沙 市", []index.Clause{clause("长沙"), clause("市")}, nil},
		// A code typed apart is one term, found joined too (index.codeForms).
		// (the code, or its prefix and number apart: nothing the two words
		// found is lost, GB/T 28827.1 included).
		{"GB/T 28827 终身学习", []index.Clause{clause("GB/T 28827", "GB/T"), clause("GB/T 28827", "28827"), clause("终身学习")}, nil},
		{"DB33/T 2212", []index.Clause{clause("DB33/T 2212", "DB33/T"), clause("DB33/T 2212", "2212")}, nil},
		{"ISO 9001", []index.Clause{clause("ISO 9001", "ISO"), clause("ISO 9001", "9001")}, nil},
		{"ＧＢ／Ｔ　２８８２７", []index.Clause{clause("GB/T 28827", "GB/T"), clause("GB/T 28827", "28827")}, nil},
		{"APP 2023", []index.Clause{clause("APP"), clause("2023")}, nil}, // a year after a word is no code
		{"GB/T 12", []index.Clause{clause("GB/T"), clause("12")}, nil},
		{"ISO -9001", []index.Clause{clause("ISO")}, []index.Term{{Text: "9001"}}},
		// Characters that show nothing, as copied from a web page, are
		// not part of the word (the stored text has none).
		{"学\u200b习型城市", []index.Clause{clause("学习型城市")}, nil},
		{"社区\u00ad教育 \ufeff老年大学", []index.Clause{clause("社区教育"), clause("老年大学")}, nil},
		{"\"学分\u200d银行\u2060制度\"", []index.Clause{clause("学分银行制度")}, nil},
		{"", nil, nil},
		{"   ", nil, nil},
	}
	for _, tt := range tests {
		p, err := parseQuery(tt.q)
		if err != nil {
			t.Errorf("parseQuery(%q): %v", tt.q, err)
			continue
		}
		if !reflect.DeepEqual(p.clauses, tt.clauses) || !reflect.DeepEqual(p.exclude, tt.exclude) {
			t.Errorf("parseQuery(%q) = %+v / %+v, want %+v / %+v", tt.q, p.clauses, p.exclude, tt.clauses, tt.exclude)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct{ q, phrase string }{
		{`"学分银行`, "引号不配对"},
		{`“学分银行`, "引号不配对"},
		{`""`, "引号中没有内容"},
		{"OR 学分银行", "OR"},
		{"学分银行 OR", "OR"},
		{"学分银行 OR OR 长沙", "OR"},
		{"学分银行 OR -长沙", "OR"},
		{"学分银行 -", "减号"},
		// Words to leave out only: nothing to find (probe s55).
		{"-学分银行", "只有排除词"},
		{`-"征求意见稿"`, "只有排除词"},
		{"NOT 征求意见稿 -草案", "只有排除词"},
		{"AND 学分银行", "AND"},
		{"学分银行 AND", "AND"},
		{"学分银行 AND OR 长沙", "AND"},
		{"学分银行 NOT", "NOT"},
		{"学分银行 NOT -长沙", "NOT"},
		{"学分银行 NOT OR 长沙", "NOT"},
		{"，。、", "没有可检索的文字"},
		{"……!!!", "没有可检索的文字"},
		{"学分银行 〔〕", "没有可检索的文字"},
		{"，。！？、；：“”（）", "没有可检索的文字"}, // not an empty quotation (probe s38 #8)
		{"“” ！", "没有可检索的文字"},
		// Longer than a query with an operator; without one, it is a
		// passage (parsePassage), refused longer than a passage may be.
		{strings.Repeat("学习周", 67) + " -征求意见稿", "检索式过长"},
		{strings.Repeat("学", 100) + " OR " + strings.Repeat("周", 100), "检索式过长"},
		{strings.Repeat("学", maxPassageRunes+1), "段落过长"},
		{strings.Repeat("词语 ", maxQueryTerms+1), "过多"},
	}
	for _, tt := range tests {
		_, err := parseQuery(tt.q)
		if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), tt.phrase) {
			t.Errorf("parseQuery(%.30q): %v, want EINVALID with %q", tt.q, err, tt.phrase)
		}
	}
}
