package catalog

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The batched reads (one query for many IDs, which pages and exports use
// instead of one query a row) give what the reads of one ID give, on both
// catalogs: documents deleted or not, claims with their citations, values,
// reviews in order, links; an ID of nothing is left out.
func TestBatchedReadsAgreeWithSingleOnes(t *testing.T) {
	forEachStore(t, testBatchedReadsAgreeWithSingleOnes)
}

func testBatchedReadsAgreeWithSingleOnes(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	for _, id := range []string{"D1", "D2", "D3"} {
		if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CreateLinks(ctx, []*Link{
		{DocumentID: "D1", IndicatorCode: "1.1.1", Page: 1, CreatedBy: "zhang"},
		{DocumentID: "D1", IndicatorCode: "1.1.2", Page: 2, CreatedBy: "zhang"},
		{DocumentID: "D2", IndicatorCode: "1.1.1", CreatedBy: "zhang"},
	}, false); err != nil {
		t.Fatal(err)
	}
	cite := func(id string, page int, quote string) Citation {
		return Citation{DocumentID: id, SHA256: "sha-" + id, Page: page, Quote: quote, QuoteFound: true, FoundOnPage: page}
	}
	c1 := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "已建立学分银行", CreatedBy: "zhang",
		Citations: []Citation{cite("D1", 1, "学分银行"), cite("D2", 3, "学习成果认证")}}
	c2 := &Claim{City: "330100", Round: 2018, Indicator: "1.1.2", Statement: "出台终身学习促进条例", CreatedBy: "zhang",
		Citations: []Citation{cite("D3", 1, "促进条例")}}
	for _, c := range []*Claim{c1, c2} {
		if err := s.CreateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	// A verdict, then its revision (改判): a second first verdict is refused.
	for _, r := range []struct{ verdict, revises ClaimStatus }{{ClaimInsufficient, ""}, {ClaimVerified, ClaimInsufficient}} {
		if err := s.AddReview(ctx, &Review{ClaimID: c1.ID, Reviewer: "liu", Verdict: r.verdict, Revises: r.revises,
			Comment: "核对原文" + string(r.verdict)}); err != nil {
			t.Fatal(err)
		}
	}
	v1 := &Value{City: "330100", Round: 2018, Indicator: "1.1.1", Number: 123.4, Given: "123.4万", Unit: "万人次",
		Citation: cite("D1", 1, "123.4万人次"), ValueFound: true}
	v2 := &Value{City: "330100", Round: 2018, Indicator: "1.1.2", Number: 88.1, Given: "88.1%", Unit: "%",
		Citation: cite("D3", 1, "88.1%")}
	if err := s.SaveValues(ctx, []*Value{v1, v2}, "zhang"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddValueReview(ctx, v1.ID, &Review{Reviewer: "liu", Verdict: ClaimVerified, Comment: "属实"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteDocument(ctx, "D3", "admin"); err != nil {
		t.Fatal(err)
	}

	// Past one IN list's length: the runs' answers are joined.
	docIDs := []string{"D1", "D2", "D3", "nope"}
	for i := range 2 * maxInList {
		docIDs = append([]string{fmt.Sprintf("nope-%d", i)}, docIDs...)
	}
	live, err := s.DocumentsByID(ctx, docIDs)
	if err != nil {
		t.Fatal(err)
	}
	any, err := s.DocumentsAnyStateByID(ctx, docIDs)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range docIDs {
		one, err := s.Document(ctx, id)
		if err != nil && !IsNotFound(err) {
			t.Fatal(err)
		}
		if got := live[id]; (got == nil) != (one == nil) || one != nil && !reflect.DeepEqual(got, one) {
			t.Errorf("DocumentsByID %s: %+v, Document: %+v", id, got, one)
		}
		anyOne, err := s.DocumentAnyState(ctx, id)
		if err != nil && !IsNotFound(err) {
			t.Fatal(err)
		}
		if got := any[id]; (got == nil) != (anyOne == nil) || anyOne != nil && !reflect.DeepEqual(got, anyOne) {
			t.Errorf("DocumentsAnyStateByID %s: %+v, DocumentAnyState: %+v", id, got, anyOne)
		}
	}
	if live["D3"] != nil || any["D3"] == nil {
		t.Errorf("the deleted D3: live %v, any state %v; want only the second", live["D3"] != nil, any["D3"] != nil)
	}

	links, err := s.LinksOfDocuments(ctx, docIDs)
	if err != nil {
		t.Fatal(err)
	}
	var want []Link
	for _, id := range []string{"D1", "D2"} {
		l, err := s.DocumentLinks(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, l...)
	}
	byID := func(a, b Link) int { return strings.Compare(a.ID, b.ID) }
	slices.SortFunc(links, byID)
	slices.SortFunc(want, byID)
	if len(want) != 3 || !reflect.DeepEqual(links, want) {
		t.Errorf("LinksOfDocuments: %+v\nDocumentLinks: %+v", links, want)
	}

	claimIDs := append(docIDs[:2*maxInList:2*maxInList], c1.ID, c2.ID, "nope")
	claims, err := s.ClaimsByID(ctx, claimIDs)
	if err != nil {
		t.Fatal(err)
	}
	citations, err := s.CitationsOf(ctx, claimIDs)
	if err != nil {
		t.Fatal(err)
	}
	reviews, err := s.ReviewsOf(ctx, claimIDs)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{c1.ID, c2.ID} {
		one, err := s.Claim(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got := claims[id]
		if got == nil || got.Statement != one.Statement || got.Status != one.Status || got.Indicator != one.Indicator {
			t.Errorf("ClaimsByID %s: %+v, Claim: %+v", id, got, one)
		}
		if !reflect.DeepEqual(citations[id], one.Citations) {
			t.Errorf("CitationsOf %s: %+v, Claim's: %+v", id, citations[id], one.Citations)
		}
		rs, err := s.Reviews(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != len(reviews[id]) || len(rs) > 0 && !reflect.DeepEqual(reviews[id], rs) {
			t.Errorf("ReviewsOf %s: %+v, Reviews: %+v", id, reviews[id], rs)
		}
	}
	if claims["nope"] != nil || len(reviews[c1.ID]) != 2 || reviews[c1.ID][1].Verdict != ClaimVerified {
		t.Errorf("ClaimsByID of nothing %v; c1's reviews %+v, want two, the verdict last", claims["nope"], reviews[c1.ID])
	}

	valueIDs := append(docIDs[:2*maxInList:2*maxInList], v1.ID, v2.ID, "nope")
	vals, err := s.ValuesByID(ctx, valueIDs)
	if err != nil {
		t.Fatal(err)
	}
	vreviews, err := s.ValueReviewsOf(ctx, valueIDs)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{v1.ID, v2.ID} {
		one, err := s.Value(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(vals[id], one) {
			t.Errorf("ValuesByID %s: %+v, Value: %+v", id, vals[id], one)
		}
		rs, err := s.ValueReviews(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != len(vreviews[id]) || len(rs) > 0 && !reflect.DeepEqual(vreviews[id], rs) {
			t.Errorf("ValueReviewsOf %s: %+v, ValueReviews: %+v", id, vreviews[id], rs)
		}
	}
	if vals["nope"] != nil || len(vreviews[v1.ID]) != 1 {
		t.Errorf("ValuesByID of nothing %v; v1's reviews %+v", vals["nope"], vreviews[v1.ID])
	}
}
