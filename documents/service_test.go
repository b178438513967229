package documents_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

var (
	coordA   = &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	coordB   = &catalog.User{Username: "zhao", Role: catalog.RoleCoordinator, City: "510100"}
	expert   = &catalog.User{Username: "li", Role: catalog.RoleExpert}
	reviewer = &catalog.User{Username: "sun", Role: catalog.RoleReviewer}
)

func TestReadingFollowsTheScopeRule(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("510100", "成都总结.txt", "成都市社区教育工作总结:建立学分银行。")
	for _, tt := range []struct {
		user *catalog.User
		sees bool
	}{{testenv.Admin, true}, {expert, true}, {reviewer, true}, {coordB, true}, {coordA, false}} {
		_, err := e.Documents.Get(ctx, tt.user, d.ID)
		_, _, textErr := e.Documents.Text(ctx, tt.user, d.ID)
		_, rc, origErr := e.Documents.Original(ctx, tt.user, d.ID)
		if rc != nil {
			b, _ := io.ReadAll(rc)
			rc.Close()
			if string(b) != "成都市社区教育工作总结:建立学分银行。" {
				t.Errorf("%s: original %q is not the uploaded bytes", tt.user.Username, b)
			}
		}
		list, total, listErr := e.Documents.List(ctx, tt.user, catalog.DocumentFilter{City: "510100"})
		if listErr != nil {
			t.Fatal(listErr)
		}
		for name, err := range map[string]error{"get": err, "text": textErr, "original": origErr} {
			if tt.sees && err != nil {
				t.Errorf("%s %s: %v", tt.user.Username, name, err)
			}
			if !tt.sees && !catalog.IsNotFound(err) {
				t.Errorf("%s %s another city's document: got %v, want ENOTFOUND", tt.user.Username, name, err)
			}
		}
		if wantTotal := map[bool]int{true: 1, false: 0}[tt.sees]; total != wantTotal || len(list) != wantTotal {
			t.Errorf("%s lists %d (%d) documents of 成都, want %d", tt.user.Username, total, len(list), wantTotal)
		}
	}
}

func TestEditAndDeleteAreForTheRightPeople(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "杭州意见.txt", "杭州市学分银行建设实施意见。")
	title := "杭州市学分银行建设实施意见(修订)"
	patch := catalog.DocumentPatch{Title: &title}
	if _, err := e.Documents.Edit(ctx, expert, d.ID, patch); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("expert edit: got %v, want EFORBIDDEN", err)
	}
	if _, err := e.Documents.Edit(ctx, coordB, d.ID, patch); !catalog.IsNotFound(err) {
		t.Errorf("other city's coordinator edit: got %v, want ENOTFOUND", err)
	}
	bad := "2018年13月"
	if _, err := e.Documents.Edit(ctx, coordA, d.ID, catalog.DocumentPatch{IssuedOn: &bad}); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("bad date: got %v, want EINVALID", err)
	}
	got, err := e.Documents.Edit(ctx, coordA, d.ID, patch)
	if err != nil || got.Title != title {
		t.Fatalf("coordinator edit: %v %v", got, err)
	}
	res, err := e.Search.Search(ctx, searchFor(t, "修订"))
	if err != nil || res.Total != 1 {
		t.Errorf("the edited title is not searchable at once: %v %v", res, err)
	}
	// A coordinator deletes a file of his city uploaded by mistake, but
	// not one a statement cites, nor another city's.
	c, err := e.Claims.Create(ctx, coordA, claims.Input{Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "学分银行建设实施意见"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Documents.Delete(ctx, coordA, d.ID); catalog.ErrorCode(err) != catalog.EFORBIDDEN || !strings.Contains(catalog.ErrorMessage(err), "1 处") {
		t.Errorf("coordinator deleting a cited document: got %v, want EFORBIDDEN naming the citation", err)
	}
	stray := e.Upload("330100", "宁波新闻.txt", "宁波市举办全民终身学习活动周。")
	if _, err := e.Documents.Delete(ctx, coordB, stray.ID); !catalog.IsNotFound(err) {
		t.Errorf("another city's coordinator deleting: got %v, want ENOTFOUND", err)
	}
	if _, err := e.Documents.Delete(ctx, coordA, stray.ID); err != nil {
		t.Errorf("coordinator deleting an uncited document of his city: %v", err)
	}
	// A withdrawn statement no longer holds its document.
	if _, err := e.Claims.Withdraw(ctx, coordA, c.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Documents.Delete(ctx, coordA, d.ID); err != nil {
		t.Fatalf("coordinator deleting a document only a withdrawn statement cited: %v", err)
	}
	if _, err := e.Documents.Get(ctx, testenv.Admin, d.ID); !catalog.IsNotFound(err) {
		t.Errorf("deleted document: got %v, want ENOTFOUND", err)
	}
	if res, err := e.Search.Search(ctx, searchFor(t, "修订")); err != nil || res.Total != 0 {
		t.Errorf("a deleted document is still found: %v %v", res, err)
	}
}

func TestReadGivesTextAndSuggestionsOnceExtracted(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "学分银行.txt", "杭州市建立终身学习学分银行,推进学习成果认证、积累与转换。")
	r, err := e.Documents.Read(ctx, coordA, d.ID, documents.PageAt{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if r.Page == nil || r.Page.Count != 1 || r.Page.Number != 1 || r.CityName != "杭州" {
		t.Fatalf("reading %+v", r)
	}
	if len(r.Suggestions) == 0 {
		t.Errorf("no indicator suggested for a text about 学分银行")
	}
}

func searchFor(t *testing.T, q string) search.Request {
	t.Helper()
	return search.Request{Query: q, Size: 10, User: testenv.Admin}
}
