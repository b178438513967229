package claims_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestCitationsOfAStatementSavedBeforeTheRuleStayEditable: a statement
// saved before hidden characters were refused (here a \v pasted from
// Word, written straight into the catalog) keeps its claim editable: a
// citation added or removed is not refused over the statement the user
// did not touch (review s48 #6), while writing the statement again with
// the character still is.
func TestCitationsOfAStatementSavedBeforeTheRuleStayEditable(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	d := e.Upload("330100", "学分银行.txt", "杭州市建立了学分银行，累计开户学习者12000人。")
	c, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "杭州市建立了学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+e.DBPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE claim SET statement = ? WHERE id = ?`, "杭州市建立了\v学分银行", c.ID); err != nil {
		t.Fatal(err)
	}
	added, err := e.Claims.AddCitation(ctx, testenv.Admin, c.ID, claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "累计开户学习者12000人"})
	if err != nil {
		t.Fatalf("add a citation to a statement saved before the rule: %v", err)
	}
	if _, err := e.Claims.RemoveCitation(ctx, testenv.Admin, c.ID, added.Citations[len(added.Citations)-1].Number); err != nil {
		t.Fatalf("remove a citation of a statement saved before the rule: %v", err)
	}
	_, err = e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Indicator: "2.3.1", Statement: "杭州市建立了\v学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "杭州市建立了学分银行"}}})
	if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "statement" {
		t.Errorf("a new statement with \\v: %v, want EINVALID about statement", err)
	}
}
