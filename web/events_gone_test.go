package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestAuditLogNamesAnOldCarryDecisionInWords: a carry-over decision
// logged before its event named the item's indicator (detail kind and
// object only) is named in words: a dropped claim or value, deleted by
// the drop, by its carry-over's indicator and round, as deleted; a link,
// which stays with its document, by them too; and one whose carry-over
// row is gone as well (its round deleted) as 已删除的条目 with its ID —
// never by a bare ULID.
func TestAuditLogNamesAnOldCarryDecisionInWords(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "tongji.txt", "杭州市认定市民终身学习基地123个，建立学分银行。")
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "认定市民终身学习基地123个"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.CarryOver(ctx, coord, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	carried, err := s.env.Values.Carryovers(ctx, coord, "330100", 2018, "")
	if err != nil || len(carried) != 3 {
		t.Fatalf("carried into 2018: %+v %v, want a link, a claim and a value", carried, err)
	}
	var events []catalog.Event
	want := map[Lang][]string{}
	for _, c := range carried {
		if c.Kind != catalog.CarryLink {
			if _, err := s.env.Values.Decide(ctx, coord, c.ID, "drop"); err != nil {
				t.Fatal(err)
			}
		}
		// As the decision was logged before: kind and object only.
		events = append(events, catalog.Event{User: "wang", Action: "carryover.dropped", Object: "carryover:" + c.ID,
			Detail: map[string]any{"kind": string(c.Kind), "object": c.ObjectID}})
		switch c.Kind {
		case catalog.CarryClaim:
			want[Chinese] = append(want[Chinese], "已删除的定性描述 2.3.1（2018年度）")
			want[English] = append(want[English], "deleted claim 2.3.1 (round 2018)")
		case catalog.CarryValue:
			want[Chinese] = append(want[Chinese], "已删除的数值 2.2.1（2018年度）")
			want[English] = append(want[English], "deleted value 2.2.1 (round 2018)")
		default:
			want[Chinese] = append(want[Chinese], "关联 2.3.1（2018年度）")
			want[English] = append(want[English], "link 2.3.1 (round 2018)")
		}
	}
	const goneRow, goneClaim = "01M91P3KQSA2PFX3YZ178FA7Q0", "01M91P3KQSA2PFX3YZ11AXP68Y"
	events = append(events,
		catalog.Event{User: "wang", Action: "carryover.dropped", Object: "carryover:" + goneRow, Detail: map[string]any{"kind": "claim", "object": goneClaim}},
		catalog.Event{User: "wang", Action: "carryover.to_confirm", Object: "carryover:" + goneRow})
	want[Chinese] = append(want[Chinese], "已删除的条目（定性描述）"+goneClaim, "已删除的条目 "+goneRow)
	want[English] = append(want[English], "deleted item (claim) "+goneClaim, "deleted item "+goneRow)
	h := &handler{Deps: s.deps(s.env.Auth)}
	for _, l := range []Lang{Chinese, English} {
		rows := h.eventRows(ctx, l, testenv.Admin, events, nil)
		for i, r := range rows {
			if r.About != want[l][i] || r.Link != "" {
				t.Errorf("%s: an old %s of %v: %q → %q, want %q and no link", l, events[i].Action, events[i].Detail, r.About, r.Link, want[l][i])
			}
		}
	}
}

// TestAuditLogNamesEveryActionsDeletedObject: every action the log
// writes (auditActions), about an object the archive no longer has and
// logged with nothing else said of it (as old events were), is still
// shown in words: the kind of object, never an empty cell nor the raw
// object as logged; a document, claim, value, task or carried item the
// catalog answers it has not is said to be deleted and links nowhere.
func TestAuditLogNamesEveryActionsDeletedObject(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	const id = "01M91P3KQSA2PFX3YZ178FA7Q0"
	// The object each kind of action is logged with (its kind, then the
	// object): an action of a kind not here fails, to be added.
	objectOf := map[string][2]string{
		"document": {"document", id}, "link": {"document", id}, "note": {"document", id},
		"claim": {"claim", "claim:" + id}, "value": {"value", "value:" + id},
		"assignment": {"assignment", "assignment:" + id}, "department": {"department", "department:" + id},
		"round": {"round", "round:2031"}, "carryover": {"carryover", "carryover:" + id},
		"framework": {"framework", "framework:2031"}, "city": {"city", "city:990100"},
		"user": {"user", "user:chen"}, "login": {"user", "user:chen"}, "token": {"token", "token:" + id},
		"search":            {"search", "search:" + id},
		"assignment.import": {"assignments", "assignments:990100:2031"}, "assignment.copy": {"assignments", "assignments:990100:2031"},
		"round.use_links": {"document", "document:" + id}, "token.create": {"user", "user:chen"},
	}
	deletable := map[string]bool{"document": true, "claim": true, "value": true, "assignment": true, "carryover": true}
	h := &handler{Deps: s.deps(s.env.Auth)}
	for _, action := range auditActions {
		kind, _, _ := strings.Cut(action, ".")
		obj, ok := objectOf[action]
		if !ok {
			if obj, ok = objectOf[kind]; !ok {
				t.Errorf("%s: no object form for its kind in this test; add one", action)
				continue
			}
		}
		for _, l := range []Lang{Chinese, English} {
			r := h.eventRows(ctx, l, testenv.Admin, []catalog.Event{{User: "wang", Action: action, Object: obj[1], Detail: map[string]any{}}}, nil)[0]
			word := tr(l, "event.obj."+obj[0])
			gone := "已删除"
			if l == English {
				gone = "deleted"
			}
			switch {
			case strings.TrimSpace(r.About) == "" || r.About == obj[1]:
				t.Errorf("%s %s in %s: %q, want words", action, obj[1], l, r.About)
			case obj[0] != "carryover" && !strings.Contains(r.About, word):
				t.Errorf("%s %s in %s: %q, want it named a %s", action, obj[1], l, r.About, word)
			case deletable[obj[0]] && (!strings.Contains(r.About, gone) || r.Link != ""):
				t.Errorf("%s %s in %s: %q → %q, want it said deleted, with no link", action, obj[1], l, r.About, r.Link)
			case strings.Contains(r.About, " · ") && strings.TrimSpace(strings.ReplaceAll(r.About, "·", "")) == word:
				t.Errorf("%s %s in %s: %q, an empty name", action, obj[1], l, r.About)
			}
		}
	}
}

// TestAuditLogNamesADeletedObjectByWhatItsEventsSaid: a review of a claim
// or value, or a return of a task, names no more than the object's ID;
// once the object is deleted, its row names it by what its latest event
// that said so recorded (the claim's indicator and statement, the value's
// city, round and indicator, the task's city, department and indicator),
// marked deleted.
func TestAuditLogNamesADeletedObjectByWhatItsEventsSaid(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	const claimID, valueID, taskID = "01M91P3KQSA2PFX3YZ11AXP68Y", "01M91P3KQSA2PFX3YZ178FA7Q0", "01M91P3KQSA2PFX3YZ1C0FFEE0"
	for _, e := range []catalog.Event{
		{User: "wang", Action: "claim.create", Object: "claim:" + claimID, Detail: map[string]any{"city": "330100", "indicator": "2.3.1", "statement": "杭州市建立了学分银行"}},
		{User: "wang", Action: "value.create", Object: "value:" + valueID, Detail: map[string]any{"city": "330100", "round": 2018, "indicator": "2.2.1", "number": 123}},
		{User: "wang", Action: "assignment.delete", Object: "assignment:" + taskID, Detail: map[string]any{"city": "330100", "department": "市教育局", "indicator": "2.3.1"}},
		{User: "li", Action: "claim.review", Object: "claim:" + claimID, Detail: map[string]any{"verdict": "verified"}},
		{User: "li", Action: "value.review", Object: "value:" + valueID, Detail: map[string]any{"verdict": "verified"}},
		{User: "wang", Action: "assignment.returned", Object: "assignment:" + taskID, Detail: map[string]any{"reason": "材料不全"}},
	} {
		if err := s.env.Catalog.RecordEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	events, err := s.env.Catalog.FindEvents(ctx, catalog.EventFilter{Limit: 3}) // the review and the return, newest first
	if err != nil {
		t.Fatal(err)
	}
	h := &handler{Deps: s.deps(s.env.Auth)}
	cities := map[string]string{"330100": "杭州"}
	want := []string{"任务 杭州 市教育局 · 2.3.1（已删除）", "数值 杭州 2018 2.2.1（已删除）", "定性描述 2.3.1 “杭州市建立了学分银行”（已删除）"}
	for i, r := range h.eventRows(ctx, Chinese, testenv.Admin, events, cities) {
		if r.About != want[i] || r.Link != "" {
			t.Errorf("%s of a deleted object: %q → %q, want %q and no link", events[i].Action, r.About, r.Link, want[i])
		}
	}
}
