package search

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// TestSearchSuggestsTheNumberAlone: 12.5万人 finds nothing where the text
// writes 12.5万人次 (a count with its unit matches only where the unit
// ends), and the search said only 减少检索词…换一个说法 (probe s43 #9).
// A search of a count before its unit that finds nothing says how many
// documents the number alone finds, and the search so written, the rest
// of the query kept; a search that finds something, one whose number
// alone finds nothing either, and one without a count say nothing.
func TestSearchSuggestsTheNumberAlone(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	for _, d := range []struct{ id, text string }{
		{"N1", "全年市民学习活动周参与市民达12.5万人次，学分银行累计存入学分3000分。"},
		{"N2", "全市社区学校开展培训342场次。"},
	} {
		cd := &catalog.Document{ID: d.id, SHA256: strings.ToLower(d.id) + "dd", Size: 10, MIME: "text/plain", Format: "txt", Filename: d.id + ".txt",
			Title: "工作总结", DocType: catalog.DocWorkSummary, City: "330100", Status: catalog.StatusIndexed, UploadedBy: "admin"}
		if err := cat.CreateDocument(ctx, cd, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := idx.Index(ctx, []index.Document{{ID: d.id, Title: cd.Title, Pages: []string{d.text}, City: "330100"}}); err != nil {
			t.Fatal(err)
		}
	}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, tt := range []struct {
		query, want string // want: the search suggested, "" for none
	}{
		{"12.5万人", "12.5万"},
		{"１２．５万人", "12.5万"},
		{"学分银行 12.5万人", "学分银行 12.5万"},
		{"342人", "342"},
		{"12.5万人次", ""}, // found
		{"9.9万人", ""},   // 9.9万 is nowhere either
		{"夜校", ""},
		{"12.5万", ""}, // found, and no unit to drop
	} {
		res, err := svc.Search(ctx, Request{Query: tt.query, User: admin})
		if err != nil {
			t.Fatalf("search %q: %v", tt.query, err)
		}
		got := res.NumberAlone
		switch {
		case tt.want == "" && got != nil:
			t.Errorf("search %q (%d found): suggests %+v, want nothing", tt.query, res.Total, *got)
		case tt.want != "" && (got == nil || got.Query != tt.want || got.Count != 1):
			t.Errorf("search %q (%d found): suggests %+v, want %q finding 1", tt.query, res.Total, got, tt.want)
		}
	}
}
