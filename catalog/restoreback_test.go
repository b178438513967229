package catalog

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
)

// Restoring a document gives back what its deletion took and nothing
// after it touched: 学分银行工作总结 (D1) is cited by two claims and two
// values and handed in for three tasks of 市教育局 and 市人社局. Deleted,
// it clears the verdicts and sends two tasks back. Then a reviewer
// reviews one value again, a coordinator rewrites one claim, and the
// returned task is handed D3. Restored, the untouched claim, value and
// task are as they stood (属实, 属实, 已确认), each with a restore event;
// the others stay as they are now, named as kept.
func TestRestoreGivesBackWhatTheDeleteTook(t *testing.T) {
	forEachStore(t, testRestoreGivesBackWhatTheDeleteTook)
}

func testRestoreGivesBackWhatTheDeleteTook(t *testing.T, s *Store) {
	ctx := context.Background()
	accepted, returned, kept := handedInTasks(t, s)
	claim := func(statement string, verdict ClaimStatus, comment string) *Claim {
		t.Helper()
		c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: statement, CreatedBy: "zhang",
			Citations: []Citation{{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1}}}
		if err := s.CreateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := s.AddReview(ctx, &Review{ClaimID: c.ID, Reviewer: "liu", Verdict: verdict, Comment: comment}); err != nil {
			t.Fatal(err)
		}
		return c
	}
	value := func(indicator string, n float64, given string, verdict ClaimStatus, comment string) *Value {
		t.Helper()
		v := &Value{City: "330100", Round: 2018, Indicator: indicator, Number: n, Given: given, Unit: "个",
			Citation:   Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "认定市民终身学习基地" + given, QuoteFound: true, FoundOnPage: 1},
			ValueFound: true}
		if err := s.SaveValue(ctx, v, "zhang"); err != nil {
			t.Fatal(err)
		}
		if err := s.AddValueReview(ctx, v.ID, &Review{Reviewer: "liu", Verdict: verdict, Comment: comment}); err != nil {
			t.Fatal(err)
		}
		return v
	}
	untouchedClaim := claim("已建立市民学分银行", ClaimVerified, "属实")
	editedClaim := claim("学分银行覆盖全市各区", ClaimContradicted, "原文只说试点区")
	untouchedValue := value("1.1.1", 123, "123个", ClaimVerified, "")
	reviewedValue := value("1.1.2", 45, "45个", ClaimInsufficient, "页码不对")

	if _, err := s.DeleteDocument(ctx, "D2", "admin"); err != nil { // the returned hand-in goes first
		t.Fatal(err)
	}
	r, err := s.DeleteDocument(ctx, "D1", "admin")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Claims) != 2 || len(r.Values) != 2 || len(r.Assignments) != 2 {
		t.Fatalf("the deletion sent back %+v, want 2 claims, 2 values, 2 tasks", r)
	}

	if err := s.AddValueReview(ctx, reviewedValue.ID, &Review{Reviewer: "liu", Verdict: ClaimContradicted, Comment: "原文为四十五个"}); err != nil {
		t.Fatal(err)
	}
	editing, err := s.Claim(ctx, editedClaim.ID)
	if err != nil {
		t.Fatal(err)
	}
	editing.Statement = "学分银行已在试点区运行"
	if err := s.UpdateClaim(ctx, editing, "wang"); err != nil {
		t.Fatal(err)
	}
	if err := s.ChangeAssignment(ctx, AssignmentChange{ID: returned, From: AssignmentStatuses, To: AssignmentSubmitted,
		Documents: []string{"D3"}, By: "jiaoyu"}); err != nil {
		t.Fatal(err)
	}

	got, err := s.RestoreDocument(ctx, "D1", "wang")
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	claims, values, tasks := GivenBackOf(got.GivenBack)
	if want := map[string]string{untouchedClaim.ID: string(ClaimVerified)}; !maps.Equal(claims, want) {
		t.Errorf("claims given back %v, want %v", claims, want)
	}
	if want := map[string]string{untouchedValue.ID: string(ClaimVerified)}; !maps.Equal(values, want) {
		t.Errorf("values given back %v, want %v", values, want)
	}
	if want := map[string]string{accepted: string(AssignmentAccepted)}; !maps.Equal(tasks, want) {
		t.Errorf("tasks given back %v, want %v", tasks, want)
	}
	wantKept := []string{"claim:" + editedClaim.ID, "value:" + reviewedValue.ID, "assignment:" + returned}
	if !slices.Equal(got.Kept, wantKept) {
		t.Errorf("kept %v, want %v", got.Kept, wantKept)
	}

	for id, want := range map[string]ClaimStatus{untouchedClaim.ID: ClaimVerified, editedClaim.ID: ClaimPending} {
		if c, err := s.Claim(ctx, id); err != nil || c.Status != want {
			t.Errorf("claim %s after the restore: %+v %v, want %s", id, c, err, want)
		}
	}
	for id, want := range map[string]ClaimStatus{untouchedValue.ID: ClaimVerified, reviewedValue.ID: ClaimContradicted} {
		if v, err := s.Value(ctx, id); err != nil || v.Status != want {
			t.Errorf("value %s after the restore: %+v %v, want %s", id, v, err, want)
		}
	}
	for id, want := range map[string]AssignmentStatus{accepted: AssignmentAccepted, returned: AssignmentSubmitted, kept: AssignmentSubmitted} {
		if a, err := s.Assignment(ctx, id); err != nil || a.Status != want {
			t.Errorf("task %s after the restore: %+v %v, want %s", id, a, err, want)
		}
	}
	for _, obj := range []string{"claim:" + untouchedClaim.ID, "value:" + untouchedValue.ID, "assignment:" + accepted} {
		ev, err := s.FindEvents(ctx, EventFilter{Object: obj, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		kind, _, _ := strings.Cut(obj, ":")
		var restoredBy string
		for _, e := range ev {
			if e.Action == kind+".restore" && e.Detail["document"] == "D1" && (e.Detail["verdict"] == string(ClaimVerified) || e.Detail["status"] == string(AssignmentAccepted)) {
				restoredBy = e.User
			}
		}
		if restoredBy != "wang" {
			t.Errorf("history of %s: %+v, want a restore by wang naming D1", obj, ev)
		}
	}

	// Deleted and restored again with nothing reviewed in between, the
	// claim given back is sent back and given back once more; what was
	// kept is not given back by a later restore either.
	if _, err := s.DeleteDocument(ctx, "D1", "admin"); err != nil {
		t.Fatal(err)
	}
	again, err := s.RestoreDocument(ctx, "D1", "wang")
	if err != nil {
		t.Fatal(err)
	}
	if claims, _, _ := GivenBackOf(again.GivenBack); claims[untouchedClaim.ID] != string(ClaimVerified) || len(claims) != 1 {
		t.Errorf("the second restore gave back claims %v, want only %s as 属实", claims, untouchedClaim.ID)
	}
	if c, err := s.Claim(ctx, editedClaim.ID); err != nil || c.Status != ClaimPending {
		t.Errorf("the edited claim after the second restore: %+v %v, want still pending", c, err)
	}
}
