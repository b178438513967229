package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// confirmFields are the hidden fields of a confirmation page's form, as
// its button sends them back (the CSRF token aside: the client adds it).
func confirmFields(t *testing.T, page string) url.Values {
	t.Helper()
	form := cutBetween(page, `data-dialog>`, `</form>`)
	out := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`).FindAllStringSubmatch(form, -1) {
		if m[1] != "csrf_token" {
			out.Add(m[1], html.UnescapeString(m[2]))
		}
	}
	if len(out) == 0 {
		t.Fatalf("no confirmation form on the page: %.1500s", textOf(page))
	}
	return out
}

// TestValueReviseFormIsForTheValueShown: the reviewer opens /values with a
// value judged 证据不足 and asks for its 改判; meanwhile an admin rewrites
// the verdict's comment. The confirmed 改判 named the right previous
// verdict and was saved over a value the reviewer had not seen; it is now
// refused saying the value changed since, the page shows the admin's new
// comment, and the value keeps 证据不足. Sent again from the page showing
// it, the 改判 is saved.
func TestValueReviseFormIsForTheValueShown(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "学分银行统计.txt", "截至年底，学分银行累计为3000名市民存入学分。")
	id := recordValue(t, s, d.ID, "2.2.1", "3000", "学分银行累计为3000名市民存入学分")
	if _, err := s.env.Values.Review(ctx, &catalog.User{Username: "li", Role: catalog.RoleReviewer}, id, "insufficient", "缺少统计台账"); err != nil {
		t.Fatal(err)
	}
	li := s.login("li")
	list := "/values?round=2017&status=insufficient"
	_, page := li.get(list)
	shown := versionIn(t, page, "valuerevise-"+id)
	form := url.Values{"revise": {"1"}, "previous": {"insufficient"}, "version": {shown}, "verdict": {"verified"},
		"comment": {"统计表已足以佐证"}, "status": {"insufficient"}, "filters": {"round=2017"}}
	_, asked := li.post("/values/"+id+"/review", form)
	confirm := confirmFields(t, asked)
	if confirm.Get("version") != shown {
		t.Fatalf("the 改判's confirmation carries version %q, want the one shown %q", confirm.Get("version"), shown)
	}
	if _, err := s.env.Values.Revise(ctx, &catalog.User{Username: "admin", Role: catalog.RoleAdmin}, id, "insufficient", "缺少统计台账和责任单位的盖章说明"); err != nil {
		t.Fatal(err)
	}
	resp, body := li.post("/values/"+id+"/review", confirm)
	got := html.UnescapeString(body)
	if resp.StatusCode != http.StatusPreconditionFailed || !strings.Contains(got, "数值在您打开页面后已被修改，本次审核未保存，请核对新内容") ||
		!strings.Contains(got, "缺少统计台账和责任单位的盖章说明") {
		t.Fatalf("改判 confirmed from the page opened before the admin's comment: %d %.1500s; want 412, the new comment and that the value changed",
			resp.StatusCode, textOf(body))
	}
	if now, _ := s.env.Catalog.Value(ctx, id); now.Status != catalog.ClaimInsufficient {
		t.Fatalf("the value is %s after the refused 改判, want insufficient", now.Status)
	}
	form.Set("version", versionIn(t, body, "valuerevise-"+id))
	form.Set("confirm", "1")
	li.post("/values/"+id+"/review", form)
	if now, _ := s.env.Catalog.Value(ctx, id); now.Status != catalog.ClaimVerified {
		t.Fatalf("the value is %s after the 改判 from the page showing the new comment, want verified", now.Status)
	}
}
