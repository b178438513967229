package api

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// numbersText is a page of a city's statistics with numbers to cite.
const numbersText = "杭州市2017年终身学习统计:认定市民终身学习基地123个,成人年参与学习率达到85.3%,存入学分银行的社会培训成果12.3万人。"

// value records a pending value of city A by coordA citing docID. Saved
// unchanged, a value keeps the verdict an earlier call's value was given:
// it is then quoted another way, a change that sends it back to review.
func (e *env) value(docID string) string {
	e.t.Helper()
	coordA := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: cityA}
	var v *catalog.Value
	for _, quote := range []string{"认定市民终身学习基地123个", "市民终身学习基地123个"} {
		var err error
		v, err = e.deps.Values.Record(context.Background(), coordA, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
			Citation: claims.CitationInput{DocumentID: docID, Page: 1, Quote: quote}})
		if err != nil {
			e.t.Fatal(err)
		}
		if v.Status == catalog.ClaimPending {
			break
		}
	}
	return v.ID
}

// unusedYear is the first year from 2021 up that is no round yet (the
// rounds row of the matrix adds it; emptyRound takes years from 2100 down).
func (e *env) unusedYear() int {
	e.t.Helper()
	rounds, err := e.cat.Rounds(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	taken := map[int]bool{}
	for _, r := range rounds {
		taken[r.Year] = true
	}
	y := 2021
	for taken[y] {
		y++
	}
	return y
}

// emptyRound adds a round that holds nothing.
// freeRoundYear is a year from 2021 up that has no round yet, below the
// years emptyRound takes from 2100 down; a counter shared with other rows
// used to run into those.
func (e *env) freeRoundYear() int {
	e.t.Helper()
	rounds, err := e.cat.Rounds(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	taken := map[int]bool{}
	for _, r := range rounds {
		taken[r.Year] = true
	}
	for y := 2021; y < 2050; y++ {
		if !taken[y] {
			return y
		}
	}
	e.t.Fatal("no free round year left below 2050")
	return 0
}

func (e *env) emptyRound() int {
	e.t.Helper()
	// From the top down: the rounds row of the matrix adds years from 2021 up.
	for y := 2100; y >= 2050; y-- {
		err := e.cat.AddRound(context.Background(), catalog.Round{Year: y}, "test")
		if err == nil {
			return y
		}
		if catalog.ErrorCode(err) != catalog.ECONFLICT {
			e.t.Fatal(err)
		}
	}
	e.t.Fatal("no free round year left")
	return 0
}

// carried makes a fresh link of a 2017 document of city A, carries it into
// 2018 and returns its carry-over, waiting to be confirmed.
func (e *env) carried() string {
	e.t.Helper()
	ctx := context.Background()
	n := e.next()
	d := &catalog.Document{ID: fmt.Sprintf("CARRY%06d", n), SHA256: fmt.Sprintf("c%063d", n), Size: 1, MIME: "text/plain",
		Format: "txt", Filename: "a.txt", Title: "往年文件", DocType: catalog.DocPolicy, City: cityA, Round: "2017",
		Status: catalog.StatusStored, UploadedBy: "test"}
	if err := e.cat.CreateDocument(ctx, d, catalog.Submission{User: "test"}); err != nil {
		e.t.Fatal(err)
	}
	link := e.link(d.ID, "2.3.1")
	admin := &catalog.User{Username: "test", Role: catalog.RoleAdmin}
	if _, err := e.deps.Values.CarryOver(ctx, admin, cityA, 2018); err != nil {
		e.t.Fatal(err)
	}
	list, err := e.deps.Values.Carryovers(ctx, admin, cityA, 2018, catalog.CarryToConfirm)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, c := range list {
		if c.SourceID == link {
			return c.ID
		}
	}
	e.t.Fatalf("link %s was not carried into 2018", link)
	return ""
}

// ledgerXLSX is a one-row ledger citing docID.
func ledgerXLSX(t *testing.T, docID string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"indicator", "value", "unit", "document_id", "page", "quote"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"5.1.1", "85.3%", "", docID, 1, "成人年参与学习率达到85.3%"})
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// currentRound is the year of the current round.
func (e *env) currentRound() int {
	e.t.Helper()
	y, err := e.cat.CurrentRound(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return y
}
