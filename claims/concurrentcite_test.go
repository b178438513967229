package claims_test

import (
	"context"
	"io"
	"slices"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// whileReading is a blob store that runs meanwhile once, the first time
// a text is read through it: another change committed while a save
// checks its quotes, after it read the claim.
type whileReading struct {
	blob.Store
	once      sync.Once
	meanwhile func()
}

func (b *whileReading) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	b.once.Do(b.meanwhile)
	return b.Store.Get(ctx, key)
}

func (b *whileReading) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	b.once.Do(b.meanwhile)
	return b.Store.GetRange(ctx, key, off, n, version)
}

// Two coordinators add a citation to the claim with citations 1 and 2
// at the same moment: wang's save commits (3) while li's, which read the
// claim before it, checks its quote. Li's save was stored as 1, 2 and 4,
// dropping wang's 3, its claim.cite event naming 3 as removed by li; it
// is refused now (定性描述已被他人修改), leaving 1, 2, 3 and no event of
// li's, and li's retry adds 4. Removing a citation is refused alike.
func TestCitationChangesAtTheSameMomentKeepEachCitation(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	doc := e.Upload("330100", "学分银行.txt", "杭州市建立学分银行 推进学习成果认证 全年存入学习成果45.3万条 课时达到规定要求")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	li := &catalog.User{Username: "li", Role: catalog.RoleCoordinator, City: "330100"}
	cite := func(quote string) claims.CitationInput {
		return claims.CitationInput{DocumentID: doc.ID, Page: 1, Quote: quote}
	}
	c, err := e.Claims.Create(ctx, wang, claims.Input{Indicator: "2.3.1", Round: 2018, Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{cite("建立学分银行"), cite("推进学习成果认证")}})
	if err != nil {
		t.Fatal(err)
	}
	var wangErr error
	slow := &whileReading{Store: e.Blobs, meanwhile: func() {
		_, wangErr = e.Claims.AddCitation(ctx, wang, c.ID, cite("全年存入学习成果45.3万条"))
	}}
	liSvc := claims.NewService(e.Catalog, slow, e.Search)

	_, err = liSvc.AddCitation(ctx, li, c.ID, cite("课时达到规定要求"))
	if wangErr != nil {
		t.Fatalf("wang's citation: %v", wangErr)
	}
	if catalog.ErrorCode(err) != catalog.ECONFLICT || catalog.ErrorMessage(err) != "定性描述已被他人修改，请刷新页面后重试" ||
		catalog.MessageIn(err, true) != "The claim was changed by someone else meanwhile; reload the page and try again" {
		t.Fatalf("li's citation, built on the claim before wang's: %v (%q), want ECONFLICT 定性描述已被他人修改，请刷新页面后重试",
			err, catalog.MessageIn(err, true))
	}
	numbers := func() []int {
		got, err := e.Claims.Get(ctx, wang, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var n []int
		for _, t := range got.Citations {
			n = append(n, t.Number)
		}
		return n
	}
	if n := numbers(); !slices.Equal(n, []int{1, 2, 3}) {
		t.Errorf("citations %v, want wang's 1, 2, 3 kept", n)
	}
	evs, err := e.Catalog.FindEvents(ctx, catalog.EventFilter{Object: "claim:" + c.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if ev.User == "li" {
			t.Errorf("li's refused save left an event %s %v", ev.Action, ev.Detail)
		}
	}

	if _, err := e.Claims.AddCitation(ctx, li, c.ID, cite("课时达到规定要求")); err != nil {
		t.Fatalf("li's citation again: %v", err)
	}
	if n := numbers(); !slices.Equal(n, []int{1, 2, 3, 4}) {
		t.Errorf("citations %v after li's retry, want 1, 2, 3, 4", n)
	}

	// Wang removes 2 while li saves a new list of citations (with 2 in
	// it, and a new one whose quote is checked meanwhile: those it
	// repeats are not read again), built on the claim with 2: li's list
	// would put 2 back.
	slow = &whileReading{Store: e.Blobs, meanwhile: func() { _, wangErr = e.Claims.RemoveCitation(ctx, wang, c.ID, 2) }}
	liSvc = claims.NewService(e.Catalog, slow, e.Search)
	_, err = liSvc.Update(ctx, li, c.ID, nil, []claims.CitationInput{cite("推进学习成果认证"), cite("建立学分银行"), cite("杭州市建立学分银行")})
	if wangErr != nil {
		t.Fatalf("wang's removal: %v", wangErr)
	}
	if catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Fatalf("li's list of citations, built on the claim before wang's removal: %v, want ECONFLICT", err)
	}
	if n := numbers(); !slices.Equal(n, []int{1, 3, 4}) {
		t.Errorf("citations %v, want 1, 3, 4: wang's removal of 2 stands", n)
	}
}
