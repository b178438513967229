package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// returnedLedgerValue: 市教育局 hands in its 2017 ledger of learning
// bases for its task, wang returns it (台账未盖章), and wang records 2017's
// 2.2.1 citing it all the same; the ledger's document.
func returnedLedgerValue(t *testing.T, s *site) *catalog.Document {
	t.Helper()
	ctx := context.Background()
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	imp, err := s.env.Assignments.Import(ctx, testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2017, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n2.2.1,市教育局,2099-03-31,张老师\n")})
	if err != nil {
		t.Fatal(err)
	}
	task := imp.Assignments[0].ID
	const text = "杭州市2017年终身学习基地台账：认定市民终身学习基地123个。"
	if resp, page := s.login("jiaoyu").handIn(task, "终身学习基地台账.txt", text); resp.StatusCode != 200 {
		t.Fatalf("handing in the ledger: %d %.1500s", resp.StatusCode, textOf(page))
	}
	sum := sha256.Sum256([]byte(text))
	doc, err := s.env.Catalog.DocumentBySHA256(ctx, hex.EncodeToString(sum[:]), "330100")
	if err != nil {
		t.Fatal(err)
	}
	doc = s.env.WaitIndexed(doc.ID)
	if _, err := s.env.Assignments.Return(ctx, wang, task, "台账未盖章"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.Record(ctx, wang, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: doc.ID, Page: 1, Quote: "认定市民终身学习基地123个"}}); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestCarriedValueMarksItsReturnedSource: 2017's value of 2.2.1 cites the
// ledger wang returned; carried into 2018, 结转事项核对 offers 沿用 with a
// mark naming the return, in Chinese and English (probe s42 finding 2).
func TestCarriedValueMarksItsReturnedSource(t *testing.T) {
	s := newSite(t)
	returnedLedgerValue(t, s)
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	if _, err := s.env.Values.CarryOver(context.Background(), wang, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	b := s.login("wang")
	for _, want := range []string{"出处《终身学习基地台账》已于 ", " 由 wang 退回\uFF08原因\uFF1A台账未盖章\uFF09\uFF1B沿用前请改引更正后的文件"} {
		if _, body := b.get("/carryovers?city=330100&round=2018"); !strings.Contains(html.UnescapeString(body), want) {
			t.Errorf("/carryovers lacks %q:\n%.2500s", want, textOf(body))
		}
	}
	b.english()
	if _, body := b.get("/carryovers?city=330100&round=2018"); !strings.Contains(html.UnescapeString(body), "by wang (reason: 台账未盖章): cite the corrected file") {
		t.Errorf("English /carryovers does not name the return:\n%.2500s", textOf(body))
	}
}
