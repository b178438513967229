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

// TestAValueWhoseSourceWasDeletedNamesItsNewerVersion: a value citing the
// draft of a notice whose final text was uploaded after it, the draft
// then deleted, names the final text on its page — title, ID and a link —
// so the reviewer can check the value against it; the reviewer was told
// only that the source was deleted (probe s56).
func TestAValueWhoseSourceWasDeletedNamesItsNewerVersion(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	draft := s.env.Upload("330100", "tongzhi_draft.txt", testenv.NoticeDraft)
	v, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2018, Indicator: "2.2.1", Value: values.Written("100"),
		Citation: claims.CitationInput{DocumentID: draft.ID, Page: 1, Quote: "推出100门优质微课程"}})
	if err != nil {
		t.Fatal(err)
	}
	final := s.env.Upload("330100", "tongzhi_final.txt", testenv.NoticeFinal)
	li := s.login("li")
	if _, page := li.get("/values/" + v.ID); strings.Contains(page, `id="value-newer"`) {
		t.Errorf("a value whose source is live names a newer version")
	}
	if _, err := s.env.Documents.Delete(ctx, admin, draft.ID); err != nil {
		t.Fatal(err)
	}
	_, page := li.get("/values/" + v.ID)
	text := textOf(page)
	if !strings.Contains(text, "该佐证材料已有新版本，可据此核对：") || !strings.Contains(text, final.ID) ||
		!strings.Contains(page, `href="/documents/`+final.ID+`"`) {
		t.Errorf("the page of a value whose deleted source has a newer version does not name it (%s): %.2000s", final.ID, text)
	}
}
