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

// TestAConflictOnlyAsksAboutTheNameTheAdminEdited: admin A, on a page
// loaded before B corrected both of 2018's 2.3.1 names, edits only the
// English name and is refused (409). The form sent back asks to confirm
// the English name only, and its Chinese field holds B's name, edited
// from B's: ticking the box overwrites B's English name and keeps B's
// Chinese one. A form that still carries the Chinese name A was shown,
// unedited, with a box ticked over B's Chinese name (an older page's)
// does not write the name A never edited back either.
func TestAConflictOnlyAsksAboutTheNameTheAdminEdited(t *testing.T) {
	s := newSite(t)
	typo, _ := pastRoundWithTypo(t, s)
	admin := s.login("admin")
	path := "/admin/rounds/2018/indicators/2.3.1"
	_, page := admin.get("/admin/rounds/2018")
	stale := formOf(rowWith(page, `id="i-2.3.1"`))
	bName, bEN := "学分银行制度(B)", "Credit bank (B)"
	if _, err := s.env.Framework.CorrectRoundNames(context.Background(), framework.System, 2018, "2.3.1", catalog.RoundNameEdit{Name: &bName, NameEN: &bEN}); err != nil {
		t.Fatal(err)
	}
	stale.Set("name_en", "Credit bank (A)")
	resp, body := admin.post(path, stale)
	row := rowWith(body, `id="i-2.3.1"`)
	if resp.StatusCode != 409 || inputValue(row, "confirm_name_en") != bEN {
		t.Fatalf("A's English name over B's: %d %.800s, want 409 and a box to overwrite %q", resp.StatusCode, textOf(row), bEN)
	}
	if strings.Contains(row, `name="confirm_name"`) || strings.Contains(textOf(row), "改为“"+bName) {
		t.Errorf("the form sent back: %.800s, want no box for the Chinese name A did not edit", textOf(row))
	}
	if got := formOf(row); got.Get("name") != bName || got.Get("was_name") != bName {
		t.Errorf("the form sent back: %v, want the Chinese field holding B's %q", got, bName)
	}
	if resp, _ := admin.post(path, formOf(row, "confirm_name_en")); resp.StatusCode != 200 {
		t.Fatalf("A's English name confirmed over B's: %d, want it made", resp.StatusCode)
	}
	n, err := s.env.Framework.RoundNames(context.Background(), 2018)
	if err != nil {
		t.Fatal(err)
	}
	if ind, _ := n.Indicator("2.3.1"); ind.Name != bName || ind.NameEN != "Credit bank (A)" {
		t.Fatalf("2018's 2.3.1 after A's English confirmed: %q / %q, want B's %q and A's English", ind.Name, ind.NameEN, bName)
	}

	// An older form: the Chinese name A was shown, unedited, and a box
	// ticked over B's Chinese name as well as the English one.
	stale.Set("name_en", "Credit bank (A2)")
	stale.Set("confirm_name", bName)
	stale.Set("confirm_name_en", "Credit bank (A)")
	if resp, body := admin.post(path, stale); resp.StatusCode != 200 {
		t.Fatalf("the older form, both boxes ticked: %d %.600s, want the English name made", resp.StatusCode, textOf(body))
	}
	if n, err = s.env.Framework.RoundNames(context.Background(), 2018); err != nil {
		t.Fatal(err)
	}
	if ind, _ := n.Indicator("2.3.1"); ind.Name != bName || ind.NameEN != "Credit bank (A2)" {
		t.Errorf("2018's 2.3.1 after the older form: %q / %q, want B's %q kept (not A's unedited %q) and A's English", ind.Name, ind.NameEN, bName, typo)
	}
}

// TestAKeptNameWithAnInvisibleCharacterIsCorrectedOnItsPage: 2018 kept
// 2.3.1's names as a framework imported before imports dropped invisible
// characters stored them, with a zero-width space (U+200B). The admin
// corrects the name on 2018's page and it is made; a correction refused
// for another reason (another indicator's name) asks no one to confirm
// over a name nobody changed.
func TestAKeptNameWithAnInvisibleCharacterIsCorrectedOnItsPage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	shown, shownEN := "学分银行\u200b建役", "Credit\u200b bank"
	fw, inds, err := s.env.Catalog.CurrentFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range inds {
		if inds[i].Code == "2.3.1" {
			inds[i].Name, inds[i].NameEN = shown, shownEN
		}
	}
	if _, err := s.env.Catalog.ImportFramework(ctx, *fw, inds, "admin"); err != nil {
		t.Fatal(err)
	}
	if err := s.env.Framework.AddRound(ctx, framework.System, catalog.Round{Year: 2019, Current: true}); err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	path := "/admin/rounds/2018/indicators/2.3.1"
	_, page := admin.get("/admin/rounds/2018")
	form := formOf(rowWith(page, `id="i-2.3.1"`))
	form.Set("name", "市民终身学习卡与个人学习档案") // 2.3.2's
	resp, body := admin.post(path, form)
	row := rowWith(body, `id="i-2.3.1"`)
	if resp.StatusCode != 409 || !strings.Contains(textOf(row), "2.3.2 已叫") {
		t.Fatalf("2.3.2's name for 2.3.1: %d %.800s, want 409 saying 2.3.2 has it", resp.StatusCode, textOf(row))
	}
	if strings.Contains(row, `name="confirm_name`) {
		t.Errorf("the form sent back: %.800s, want no box: nobody changed the names", textOf(row))
	}
	form = formOf(row)
	form.Set("name", "建立学分银行制度")
	form.Set("name_en", "Credit bank system")
	if resp, body := admin.post(path, form); resp.StatusCode != 200 {
		t.Fatalf("correcting the names shown with U+200B: %d %.800s, want them made", resp.StatusCode, textOf(rowWith(body, `id="i-2.3.1"`)))
	}
	n, err := s.env.Framework.RoundNames(ctx, 2018)
	if err != nil {
		t.Fatal(err)
	}
	if ind, _ := n.Indicator("2.3.1"); ind.Name != "建立学分银行制度" || ind.NameEN != "Credit bank system" {
		t.Errorf("2018's 2.3.1 after the correction: %q / %q", ind.Name, ind.NameEN)
	}
}
