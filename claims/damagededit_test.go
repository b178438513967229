package claims_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAnEditRepeatingACitationIntoADamagedTextIsSaved: a claim cites two
// documents, and the text of one is changed in the store since (one
// figure). An edit that sends the citations back as stored (the quote
// with spaces around it too) corrects the statement, keeping each
// citation as it was, its text not read again; an edit that changes the
// citation into the damaged text, or adds one into it, is refused naming
// the document and the citation (第 n 条引用), with what to do, and
// nothing of it is saved.
func TestAnEditRepeatingACitationIntoADamagedTextIsSaved(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	altered := e.Upload("330100", "总结.txt", "杭州市2017年社区教育工作总结\n全年共举办342场市民大讲堂。")
	other := e.Upload("330100", "通知.txt", "关于推进学分银行建设的通知\n全市建成学分银行服务网点120个。")
	stored := []claims.CitationInput{
		{DocumentID: altered.ID, Page: 1, Quote: "全年共举办342场市民大讲堂"},
		{DocumentID: other.ID, Page: 1, Quote: "全市建成学分银行服务网点120个"},
	}
	c, err := e.Claims.Create(ctx, wang, claims.Input{Indicator: "3.1.2", Round: 2018,
		Statement: "杭州市全年举办342场市民大讲堂", Citations: stored})
	if err != nil {
		t.Fatal(err)
	}
	damage(t, e, altered)

	for _, tc := range []struct {
		name string
		cits []claims.CitationInput
		// which is the citation refused (第 n 条引用), "" for none
		which string
	}{
		{"the citations sent back as stored", stored, ""},
		{"sent back in another order, a quote with spaces around it", []claims.CitationInput{stored[1],
			{DocumentID: " " + altered.ID, Page: 1, Quote: " 全年共举办342场市民大讲堂\n"}}, ""},
		{"the quote into the damaged text changed", []claims.CitationInput{
			{DocumentID: altered.ID, Page: 1, Quote: "市民大讲堂"}, stored[1]}, "第 1 条引用"},
		{"a citation into the damaged text added", append(stored[:2:2],
			claims.CitationInput{DocumentID: altered.ID, Page: 1, Quote: "社区教育工作总结"}), "第 3 条引用"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, err := e.Claims.Get(ctx, wang, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			statement := before.Statement + "，建成学分银行服务网点120个"
			got, err := e.Claims.Update(ctx, wang, c.ID, &statement, tc.cits)
			after, gerr := e.Claims.Get(ctx, wang, c.ID)
			if gerr != nil {
				t.Fatal(gerr)
			}
			if tc.which == "" {
				if err != nil {
					t.Fatalf("the edit: %v, want it saved", err)
				}
				if after.Statement != statement || got.Statement != statement {
					t.Errorf("statement %q, want %q", after.Statement, statement)
				}
				if !sameCitations(after.Citations, before.Citations) {
					t.Errorf("citations %+v, want those stored kept as they were: %+v", after.Citations, before.Citations)
				}
				return
			}
			msg := catalog.ErrorMessage(err)
			for _, want := range []string{tc.which, "《" + altered.Title + "》的提取文字已损坏", "evidence check", "evidence repair"} {
				if !strings.Contains(msg, want) {
					t.Errorf("the edit: %v, want it refused saying %q", err, want)
				}
			}
			if n := strings.Count(msg, "条引用"); n != 1 {
				t.Errorf("the edit: %q names %d citations, want the one refused alone", msg, n)
			}
			if catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(catalog.MessageIn(err, true), "The text stored for") {
				t.Errorf("the edit: %s %q, want ECONFLICT with an English message", catalog.ErrorCode(err), catalog.MessageIn(err, true))
			}
			if after.Statement != before.Statement || !sameCitations(after.Citations, before.Citations) {
				t.Errorf("the refused edit left %q %+v, want the claim as before: %q %+v", after.Statement, after.Citations, before.Statement, before.Citations)
			}
		})
	}
}

// sameCitations says whether a and b are the same citations, numbered
// alike, each found as it was.
func sameCitations(a, b []catalog.Citation) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Number != y.Number || x.DocumentID != y.DocumentID || x.Page != y.Page || x.Quote != y.Quote ||
			x.QuoteFound != y.QuoteFound || x.FoundOnPage != y.FoundOnPage {
			return false
		}
	}
	return true
}

// damage puts d's stored text back with its figure 342 changed to 442:
// valid JSON, not the text recorded.
func damage(t *testing.T, e *testenv.Env, d *catalog.Document) {
	t.Helper()
	ctx := context.Background()
	key := catalog.TextKey(d.SHA256)
	rc, err := e.Blobs.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(body, []byte("342场"), []byte("442场"), 1)
	if bytes.Equal(changed, body) {
		t.Fatalf("the stored text of %s holds no 342场", d.Title)
	}
	if err := e.Blobs.Put(ctx, key, bytes.NewReader(changed), int64(len(changed)), "application/json"); err != nil {
		t.Fatal(err)
	}
}
