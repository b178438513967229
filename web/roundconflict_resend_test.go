package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/framework"
)

// formOf is what a browser sends for the row's form as the page shows
// it: its fields' values, a checkbox only when check names it.
func formOf(row string, check ...string) url.Values {
	v := url.Values{}
	for _, name := range []string{"name", "was_name", "name_en", "was_name_en"} {
		if strings.Contains(row, `name="`+name+`"`) {
			v.Set(name, inputValue(row, name))
		}
	}
	for _, name := range check {
		if strings.Contains(row, `name="`+name+`"`) {
			v.Set(name, inputValue(row, name))
		}
	}
	return v
}

// TestACorrectionSentAgainAfterAConflictIsStillRefused: admin A, on a
// page loaded before B corrected 2018's 2.3.1, sends another name and is
// refused (409); the form that comes back still carries the name A
// edited from, so sending it again as it is is refused again, not taken
// over B's; A overwrites B's name only by ticking the box that names it;
// and that tick, made against B's name, is refused in turn when C has
// changed it since. English names alike.
func TestACorrectionSentAgainAfterAConflictIsStillRefused(t *testing.T) {
	s := newSite(t)
	typo, right := pastRoundWithTypo(t, s)
	admin := s.login("admin")
	path := "/admin/rounds/2018/indicators/2.3.1"
	_, page := admin.get("/admin/rounds/2018")
	first := formOf(rowWith(page, `id="i-2.3.1"`))
	if first.Get("was_name") != typo {
		t.Fatalf("2018's 2.3.1 form: %v, want was_name %q", first, typo)
	}
	correct := func(name string) {
		t.Helper()
		if _, err := s.env.Framework.CorrectRoundNames(context.Background(), framework.System, 2018, "2.3.1", catalog.RoundNameEdit{Name: &name}); err != nil {
			t.Fatal(err)
		}
	}
	correct(right) // B
	mine := "学分银行制度建设"
	first.Set("name", mine)
	resp, body := admin.post(path, first)
	if resp.StatusCode != 409 {
		t.Fatalf("A's correction over B's: %d, want 409: %.600s", resp.StatusCode, textOf(rowWith(body, `id="i-2.3.1"`)))
	}
	row := rowWith(body, `id="i-2.3.1"`)
	again := formOf(row)
	if again.Get("name") != mine || again.Get("was_name") != typo {
		t.Errorf("the form sent back: %v, want A's name %q, edited from %q", again, mine, typo)
	}
	if !strings.Contains(row, `name="confirm_name"`) || inputValue(row, "confirm_name") != right || !strings.Contains(textOf(row), right) {
		t.Errorf("the form sent back: %.800s, want a box to overwrite %q", row, right)
	}
	resp, body = admin.post(path, again)
	if resp.StatusCode != 409 || inputValue(rowWith(body, `id="i-2.3.1"`), "name") != mine {
		t.Fatalf("the same form sent again: %d, want 409 and A's name still in the field", resp.StatusCode)
	}
	if n, err := s.env.Framework.RoundNames(context.Background(), 2018); err != nil {
		t.Fatal(err)
	} else if ind, _ := n.Indicator("2.3.1"); ind.Name != right {
		t.Fatalf("after the form was sent again 2018's 2.3.1 is %q, want B's %q", ind.Name, right)
	}
	confirmed := formOf(rowWith(body, `id="i-2.3.1"`), "confirm_name")
	correct("学分银行制度(C)") // C, after A saw B's name
	if resp, _ := admin.post(path, confirmed); resp.StatusCode != 409 {
		t.Errorf("A's tick against B's name after C changed it: %d, want 409", resp.StatusCode)
	}
	correct(right)
	resp, body = admin.post(path, confirmed)
	if resp.StatusCode != 200 || !strings.Contains(textOf(body), "改为“"+mine+"”") {
		t.Errorf("A's correction confirmed over B's name: %d %.600s, want it made", resp.StatusCode, textOf(body))
	}

	// The English name alike.
	_, page = admin.get("/admin/rounds/2018")
	stale := formOf(rowWith(page, `id="i-2.3.1"`))
	en := "Credit bank (B)"
	if _, err := s.env.Framework.CorrectRoundNames(context.Background(), framework.System, 2018, "2.3.1", catalog.RoundNameEdit{NameEN: &en}); err != nil {
		t.Fatal(err)
	}
	stale.Set("name_en", "Credit bank (A)")
	if resp, _ := admin.post(path, stale); resp.StatusCode != 409 {
		t.Fatalf("A's English name over B's: %d, want 409", resp.StatusCode)
	}
	resp, body = admin.post(path, stale)
	row = rowWith(body, `id="i-2.3.1"`)
	if resp.StatusCode != 409 || inputValue(row, "confirm_name_en") != en {
		t.Fatalf("the English form sent again: %d %.800s, want 409 and a box to overwrite %q", resp.StatusCode, textOf(row), en)
	}
	if resp, _ := admin.post(path, formOf(row, "confirm_name_en")); resp.StatusCode != 200 {
		t.Errorf("A's English name confirmed over B's: %d, want it made", resp.StatusCode)
	}
}
