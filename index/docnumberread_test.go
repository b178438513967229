package index

import (
	"context"
	"slices"
	"testing"
)

// A scan's 文号 line reads 杭教发（2018] 125: the catalog guesses
// 杭教发〔2018〕12号 from it (the 5 taken for the 号) and keeps what OCR
// read (DocNumberRead). Every way an expert types the 文号 on the paper
// finds the document, and the guess does too.
func TestDocNumberAsReadFindsTheDocument(t *testing.T) {
	docs := []Document{
		{ID: "scan", Title: "关于开展社区教育示范街道评选的通知", DocNumber: "杭教发〔2018〕12号", DocNumberRead: "杭教发(2018]125",
			Pages: []string{"杭州市教育局文件\n杭教发（2018] 125\n各区、县（市）教育局：现将社区教育示范街道评选工作通知如下。"}},
		// Its 文号 line not in the text (a cover page OCR could not
		// read): only the read form beside the guess finds it.
		{ID: "cover", Title: "关于开展老年教育学习点评估的通知", DocNumber: "杭教发〔2018〕12号", DocNumberRead: "杭教发(2018]125",
			Pages: []string{"各区、县（市）教育局：现将老年教育学习点评估工作通知如下。"}},
		// No guess: the 文号 only in the text as OCR read it.
		{ID: "text", Title: "社区学院工作要点",
			Pages: []string{"根据杭教发（2018]125文件精神，制定本要点。"}},
		// Another 文号 whose serial 125 is the head of.
		{ID: "other", Title: "关于公布2018年度学习型社区名单的通知",
			Pages: []string{"杭教发〔2018〕1250号"}},
	}
	idx := newIndexOf(t, docs)
	tests := []struct {
		query string
		want  []string
	}{
		{"杭教发(2018]125", []string{"cover", "scan", "text"}},
		{"杭教发〔2018〕125", []string{"cover", "scan", "text"}},
		{"杭教发〔2018〕125号", []string{"cover", "scan", "text"}},
		{"杭教发（2018）125号", []string{"cover", "scan", "text"}},
		{"杭教发[2018]125号", []string{"cover", "scan", "text"}},
		{"杭教发〔2018〕12号", []string{"cover", "scan"}},
		{"杭教发〔2018〕1250号", []string{"other"}},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.query), Size: 10})
		if err != nil {
			t.Fatalf("search %q: %v", tt.query, err)
		}
		if got := ids(res); !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestDocNumberReadForms(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"杭教发〔2018〕125号", []string{"杭教发〔2018〕125"}},
		{"杭教发(2018)125", nil},
		{"〔2018〕第12号", []string{"〔2018〕第12"}},
		{"杭教发〔2018〕", nil},
		{"2018年125号", nil},
	}
	for _, tt := range tests {
		if got := docNumberReadForms(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("docNumberReadForms(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
