package search

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// TestClaimCandidatesFoldVersions: the .pdf and .docx of one 文号 (near
// duplicates) propose their passage once among a claim's candidates,
// saying how many other versions there are: the newest upload's, or the
// version linked to the claim's indicator (probe s36 #19). Documents
// that are not versions of each other are each proposed.
func TestClaimCandidatesFoldVersions(t *testing.T) {
	text := "市委发〔2016〕8号：建立学分银行，推进学分积累与转换，全市开户市民达到12万人。"
	other := "宁波市学分银行开户市民12万人，学习成果认证工作稳步推进。"
	tests := []struct {
		name     string
		pairs    [][2]string
		linked   []string
		want     []string // the documents proposed
		versions map[string]int
	}{
		{"newest of two versions", [][2]string{{"PDF", "DOCX"}}, nil,
			[]string{"DOCX", "OTHER"}, map[string]int{"DOCX": 1, "OTHER": 0}},
		{"the linked version before a newer one", [][2]string{{"PDF", "DOCX"}}, []string{"PDF"},
			[]string{"PDF", "OTHER"}, map[string]int{"PDF": 1, "OTHER": 0}},
		{"no versions", nil, nil,
			[]string{"PDF", "DOCX", "OTHER"}, map[string]int{"PDF": 0, "DOCX": 0, "OTHER": 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			cat, idx := openStores(t)
			start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
			for i, d := range []struct{ id, text string }{{"PDF", text}, {"DOCX", text}, {"OTHER", other}} {
				doc := &catalog.Document{ID: d.id, SHA256: fmt.Sprintf("%064x", i+1), Size: 10, MIME: "text/plain", Format: "txt",
					Filename: d.id + ".txt", Title: "学分银行建设实施意见", DocType: catalog.DocPolicy, City: "330100",
					Status: catalog.StatusIndexed, UploadedBy: "admin", UploadedAt: start.Add(time.Duration(i) * time.Hour)}
				if err := cat.CreateDocument(ctx, doc, catalog.Submission{User: "admin"}); err != nil {
					t.Fatal(err)
				}
				if err := idx.Index(ctx, []index.Document{{ID: d.id, Title: doc.Title, Pages: []string{d.text}, City: "330100"}}); err != nil {
					t.Fatal(err)
				}
			}
			for _, p := range tt.pairs {
				if err := cat.AddNearDuplicates(ctx, p[0], []catalog.NearDuplicate{{ID: p[1], Similarity: 0.97}}); err != nil {
					t.Fatal(err)
				}
			}
			claim := &catalog.Claim{ID: "c1", City: "330100", Statement: "全市学分银行开户市民达到12万人"}
			cands, err := NewService(idx, cat).ClaimCandidates(ctx, claim, tt.linked, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			versions := map[string]int{}
			for _, c := range cands {
				if !slices.Contains(got, c.DocumentID) {
					got = append(got, c.DocumentID)
				}
				versions[c.DocumentID] = c.NearDuplicates
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.want))
			if !slices.Equal(got, want) {
				t.Fatalf("candidates of %v, want %v", got, want)
			}
			for id, n := range tt.versions {
				if versions[id] != n {
					t.Errorf("%s proposed with %d other versions, want %d", id, versions[id], n)
				}
			}
		})
	}
}
