package search

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// TestSearchSaysWhichDocumentsItSearchedInPart: a phrase past where the
// index stops in a long document is not found there, and the result says
// so, naming the document and the word to find in it, within the user's
// scope and filters; a search that finds the long document, or that the
// long document's excluded word keeps out of it, says nothing of it.
func TestSearchSaysWhichDocumentsItSearchedInPart(t *testing.T) {
	defer index.LowerIndexedCharsForTests(200)()
	ctx := context.Background()
	cat, idx := openStores(t)
	filler := strings.Repeat("推进学习型城市建设工作。", 20) // 240 characters, past the bound
	for _, d := range []struct {
		id, city, title string
		pages           []string
	}{
		{"D1", "330100", "杭州市统计年鉴", []string{filler, "学分银行累计存入学分五十万分。"}},
		{"D2", "330100", "学分银行管理办法", []string{"建立学分银行制度。"}},
		{"D3", "330200", "宁波市统计年鉴", []string{filler, "学分银行。"}},
	} {
		doc := &catalog.Document{ID: d.id, SHA256: strings.ToLower(d.id) + "aa", Size: 10, MIME: "text/plain", Format: "txt", Filename: d.id + ".txt",
			Title: d.title, DocType: catalog.DocPolicy, City: d.city, Status: catalog.StatusIndexed, UploadedBy: "admin"}
		if err := cat.CreateDocument(ctx, doc, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := idx.Index(ctx, []index.Document{{ID: d.id, Title: d.title, Pages: d.pages, City: d.city, DocType: string(catalog.DocPolicy)}}); err != nil {
			t.Fatal(err)
		}
	}
	svc := NewService(idx, cat)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	coord := &catalog.User{Username: "zhou", Role: catalog.RoleCoordinator, City: "330100"}
	for _, tc := range []struct {
		name   string
		req    Request
		want   string // Count and the documents named, or "" for none
		wantIn string // the JSON it is sent in
	}{
		{"past the cut, every city", Request{Query: "学分银行", User: admin}, "2 [D3 D1] 学分银行", `"unindexed":{"count":2,"documents":[{"id":"D3","title":"宁波市统计年鉴"},{"id":"D1","title":"杭州市统计年鉴"}],"find":"学分银行"}`},
		{"past the cut, one city's coordinator", Request{Query: "学分银行", User: coord}, "1 [D1] 学分银行", ""},
		{"past the cut, filtered to a city", Request{Query: "学分银行 累计", Cities: []string{"330200"}, User: admin}, "1 [D3] 学分银行", ""},
		{"past the cut, a choice of words: no word to find", Request{Query: "学分银行 OR 终身教育", User: admin}, "2 [D3 D1] ", ""},
		{"past the cut, a choice and a word: the word", Request{Query: "学分银行 OR 终身教育 累计", User: admin}, "2 [D3 D1] 累计", ""},
		{"before the cut: found", Request{Query: "学习型城市", User: admin}, "", ""},
		{"excluded by a word before the cut", Request{Query: "学分银行 -学习型城市", User: admin}, "", ""},
		{"no words", Request{Cities: []string{"330100"}, User: admin}, "", ""},
	} {
		res, err := svc.Search(ctx, tc.req)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := ""
		if u := res.Unindexed; u != nil {
			var ids []string
			for _, d := range u.Documents {
				ids = append(ids, d.ID)
			}
			got = fmt.Sprint(u.Count, " ", ids, " ", u.Find)
		}
		if got != tc.want {
			t.Errorf("%s: unindexed %q, want %q", tc.name, got, tc.want)
		}
		if b, _ := json.Marshal(res); tc.wantIn != "" && !strings.Contains(string(b), tc.wantIn) || tc.want == "" && strings.Contains(string(b), "unindexed") {
			t.Errorf("%s: sent as %s, want it to hold %s", tc.name, b, tc.wantIn)
		}
	}
}
