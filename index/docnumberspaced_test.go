package index

import (
	"context"
	"slices"
	"testing"
)

// spacedDocNumbers are texts that write a 文号 with whitespace inside, as
// OCR and some Word files do, in the form extract.Normalize leaves them
// (it drops whitespace beside 〔〕 and a Chinese character, not beside
// ASCII brackets) and as they come unnormalised; each document's own 文号
// field is empty, so only its text can find it.
var spacedDocNumbers = []Document{
	{ID: "ascii", Title: "学习型社区建设方案", Pages: []string{"根据浙政发 [2019] 5号文件精神,制定本方案。"}},
	{ID: "round", Title: "老年教育工作要点", Pages: []string{"根据杭教发(2018) 12号文件精神,制定本要点。"}},
	{ID: "wrapped", Title: "社区学院工作计划", Pages: []string{"转发杭教发(2018)\n12号文件,请遵照执行。"}},
	{ID: "raw", Title: "市民学习周活动通知", Pages: []string{"根据杭教发 〔 2018 〕 12 号文件精神,举办市民学习周。"}},
	{ID: "serial", Title: "终身教育促进办法", Pages: []string{"依据杭教发(2018) 第 12 号通知,推进终身教育。"}},
	{ID: "ocr", Title: "社区教育示范街道评选", Pages: []string{"杭州市教育局文件\n杭教发(2018] 125\n各区、县(市)教育局:"}},
	{ID: "fullwidth", Title: "学分银行实施细则", Pages: []string{"根据杭教发〔２０１８〕１２号文件,制定本细则。"}},
	{ID: "brokenline", Title: "老年大学招生简章", Pages: []string{"根据杭教发〔2018〕\n12号文件,开展招生。"}},
	// The same numbers in other 文号s, and apart.
	{ID: "otherissuer", Title: "政府工作报告", Pages: []string{"根据杭政发 (2018) 12号文件精神,部署全年工作。"}},
	{ID: "otheryear", Title: "教育事业统计公报", Pages: []string{"根据杭教发 [2012] 18号文件,统计口径不变。"}},
	{ID: "apart", Title: "年度工作总结", Pages: []string{"杭教发布了2018年工作总结,共12号楼参与。"}},
}

// TestDocNumberWithSpacesInTextIsFound: a 文号 typed without spaces, in
// any brackets, finds a document whose text writes it with spaces or a
// line break inside, and the hit marks the whole 文号 as the text writes
// it; another 文号 with the same numbers, or the numbers apart, is not
// found.
func TestDocNumberWithSpacesInTextIsFound(t *testing.T) {
	idx := newIndexOf(t, spacedDocNumbers)
	tests := []struct {
		query string
		want  []string
	}{
		{"杭教发〔2018〕12号", []string{"brokenline", "fullwidth", "raw", "round", "serial", "wrapped"}},
		{"杭教发[2018]12号", []string{"brokenline", "fullwidth", "raw", "round", "serial", "wrapped"}},
		{"杭教发（2018）12号", []string{"brokenline", "fullwidth", "raw", "round", "serial", "wrapped"}},
		{"杭教发(2018)12号", []string{"brokenline", "fullwidth", "raw", "round", "serial", "wrapped"}},
		{"杭教发〔2018〕第12号", []string{"brokenline", "fullwidth", "raw", "round", "serial", "wrapped"}},
		{"杭教发〔２０１８〕１２号", []string{"brokenline", "fullwidth", "raw", "round", "serial", "wrapped"}},
		{"浙政发〔2019〕5号", []string{"ascii"}},
		{"浙政发[2019]5号", []string{"ascii"}},
		{"杭政发〔2018〕12号", []string{"otherissuer"}},
		{"杭教发〔2012〕18号", []string{"otheryear"}},
		// As OCR read it, without its 号: the serial's edge keeps 12 from 125.
		{"杭教发〔2018〕125", []string{"ocr"}},
		{"杭教发〔2018〕125号", []string{"ocr"}},
		// Typed with the spaces the text has, it is the same 文号.
		{"浙政发 [2019] 5 号", []string{"ascii"}},
		{"杭教发 〔2018〕 12 号", []string{"brokenline", "fullwidth", "raw", "round", "serial", "wrapped"}},
		// Without its issuer it is every issuer's, the text joined
		// where the word is.
		{"〔2018〕 12号", []string{"brokenline", "fullwidth", "otherissuer", "raw", "round", "serial", "wrapped"}},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.query), Size: 20})
		if err != nil {
			t.Fatalf("search %q: %v", tt.query, err)
		}
		if got := ids(res); !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.query, got, tt.want)
		}
	}
}

// TestDocNumberWithSpacesIsMarkedWhole: the span of the hit covers the
// 文号 as the text writes it, spaces and line break included, so that
// the fragment shows it marked whole.
func TestDocNumberWithSpacesIsMarkedWhole(t *testing.T) {
	idx := newIndexOf(t, spacedDocNumbers)
	tests := []struct {
		query, id, want string
	}{
		{"浙政发〔2019〕5号", "ascii", "浙政发 [2019] 5号"},
		{"杭教发〔2018〕12号", "round", "杭教发(2018) 12号"},
		{"杭教发〔2018〕12号", "wrapped", "杭教发(2018)\n12号"},
		{"杭教发〔2018〕12号", "raw", "杭教发 〔 2018 〕 12 号"},
		{"杭教发〔2018〕12号", "serial", "杭教发(2018) 第 12 号"},
		{"杭教发〔2018〕125", "ocr", "杭教发(2018] 125"},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.query), Size: 20, WithText: true})
		if err != nil {
			t.Fatalf("search %q: %v", tt.query, err)
		}
		var got []string
		for _, h := range res.Hits {
			if h.ID != tt.id {
				continue
			}
			for _, sp := range mergedSpans(h.Spans) {
				got = append(got, h.Pages[sp.Page-1][sp.Start:sp.End])
			}
		}
		if !slices.Contains(got, tt.want) {
			t.Errorf("search %q: %s marks %q, want %q marked", tt.query, tt.id, got, tt.want)
		}
	}
}
