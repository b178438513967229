package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/framework"
)

// importNamed imports today's framework again with code named name:
// plainly, or for the next round (the current round keeps its names).
func importNamed(t *testing.T, s *site, code, name string, nextRound bool) {
	t.Helper()
	ctx := context.Background()
	fw, inds, err := s.env.Catalog.CurrentFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range inds {
		if inds[i].Code == code {
			inds[i].Name = name
		}
	}
	table, err := framework.ExportCSV(inds)
	if err != nil {
		t.Fatal(err)
	}
	imp := s.env.Framework.Import
	if nextRound {
		imp = s.env.Framework.ImportForNextRound
	}
	if _, err := imp(ctx, framework.System, "体系.csv", table, *fw); err != nil {
		t.Fatal(err)
	}
}

// keptRound is a round that keeps its own names: the current round's,
// kept by an import for the next round, unless one keeps them already.
func keptRound(t *testing.T, s *site) int {
	t.Helper()
	rounds, err := s.env.Catalog.Rounds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, rd := range rounds {
		if rd.NamesKept {
			return rd.Year
		}
	}
	importNamed(t, s, "2.3.1", "建立学分银行或学分积累、转换与认证制度", true)
	return keptRound(t, s)
}

// pastRoundWithTypo makes 2018 a past round that kept a typo in 2.3.1
// (学分银行建役), since corrected in the framework (建立学分银行制度), and
// 2019 the current round.
func pastRoundWithTypo(t *testing.T, s *site) (typo, right string) {
	t.Helper()
	typo, right = "学分银行建役", "建立学分银行制度"
	importNamed(t, s, "2.3.1", typo, false)
	if err := s.env.Framework.AddRound(context.Background(), framework.System, catalog.Round{Year: 2019, Current: true}); err != nil {
		t.Fatal(err)
	}
	importNamed(t, s, "2.3.1", right, false)
	return typo, right
}

// TestAdminCorrectsARoundsKeptName: /admin links 2018 to its names'
// page, which shows the kept typo with today's name; the admin's empty
// name and another indicator's name come back beside the field in
// Chinese; the correction is said and shown; 2019 (current) has no form
// and says its names follow the framework. Names of 200 characters are
// taken and the notice, names shortened, still shown.
func TestAdminCorrectsARoundsKeptName(t *testing.T) {
	s := newSite(t)
	typo, right := pastRoundWithTypo(t, s)
	admin := s.login("admin")
	if _, page := admin.get("/admin"); !strings.Contains(page, `href="/admin/rounds/2018"`) {
		t.Fatalf("/admin does not link 2018's names: %.600s", textOf(page))
	}
	_, page := admin.get("/admin/rounds/2018")
	row := rowWith(page, `id="i-2.3.1"`)
	if !strings.Contains(row, `value="`+typo+`"`) || !strings.Contains(row, right) {
		t.Fatalf("2018's 2.3.1 row: %.600s, want the kept typo editable and today's name", row)
	}
	for name, says := range map[string]string{" ": "指标名称不能为空", "市民终身学习卡与个人学习档案": "2.3.2 已叫“市民终身学习卡与个人学习档案”"} {
		resp, body := admin.post("/admin/rounds/2018/indicators/2.3.1", url.Values{"name": {name}})
		if row := rowWith(body, `id="i-2.3.1"`); resp.StatusCode < 400 || !strings.Contains(textOf(row), says) || !strings.Contains(row, `aria-invalid="true"`) {
			t.Errorf("name %q: %d, row %.600s, want the refusal %q beside the field", name, resp.StatusCode, textOf(row), says)
		}
	}
	resp, body := admin.post("/admin/rounds/2018/indicators/2.3.1", url.Values{"name": {right}})
	if resp.StatusCode != 200 || !strings.Contains(textOf(body), "已把指标 2.3.1 的名称由“"+typo+"”改为“"+right+"”") {
		t.Fatalf("the correction: %d %.600s", resp.StatusCode, textOf(body))
	}
	if row := rowWith(body, `id="i-2.3.1"`); !strings.Contains(row, `value="`+right+`"`) || strings.Contains(row, typo) {
		t.Errorf("2018's 2.3.1 after the correction: %.600s", row)
	}
	long, longEN := strings.Repeat("学分银行", 50), strings.Repeat("Credit bank ", 16)+"system"
	resp, body = admin.post("/admin/rounds/2018/indicators/2.3.1", url.Values{"name": {long}, "name_en": {longEN}})
	if said := "已把指标 2.3.1 的名称由“" + right + "”改为“" + long[:3*40] + "…”"; resp.StatusCode != 200 || !strings.Contains(textOf(body), said) || !strings.Contains(textOf(body), "的英文名称由") {
		t.Errorf("names of 200 characters: %d %.600s, want the notice shown with the names shortened, %q", resp.StatusCode, textOf(body), said)
	}
	if row := rowWith(body, `id="i-2.3.1"`); inputValue(row, "name") != long {
		t.Errorf("the row after a 200-character name: %.300s, want it whole", row)
	}
	_, page = admin.get("/admin/rounds/2019")
	if strings.Contains(page, `name="name"`) || !strings.Contains(textOf(page), "这是当前轮次：其指标名称随当前指标体系") {
		t.Errorf("the current round's names page: %.600s, want no form and why", textOf(page))
	}
}

// rowWith is the table row of page holding attr, "" for none.
func rowWith(page, attr string) string {
	i := strings.Index(page, attr)
	if i < 0 {
		return ""
	}
	j := strings.Index(page[i:], "</tr>")
	if j < 0 {
		return page[i:]
	}
	return page[i : i+j]
}

// TestAdminCorrectsARoundsKeptEnglishName: 2018's names page has an
// English name field beside each kept Chinese name; the admin corrects
// 2.3.1's English name alone (the Chinese typo stays) and is told so in
// Chinese, then, on the English page, another indicator's English name
// comes back beside the English field in English; the audit log on
// /admin shows the English correction.
func TestAdminCorrectsARoundsKeptEnglishName(t *testing.T) {
	s := newSite(t)
	typo, _ := pastRoundWithTypo(t, s)
	admin := s.login("admin")
	_, page := admin.get("/admin/rounds/2018")
	if row := rowWith(page, `id="i-2.3.1"`); !strings.Contains(row, `name="name_en"`) {
		t.Fatalf("2018's 2.3.1 row: %.600s, want an English name field", row)
	}
	other := inputValue(rowWith(page, `id="i-2.3.2"`), "name_en")
	if other == "" {
		t.Fatalf("2018's 2.3.2 has no English name: %.600s", rowWith(page, `id="i-2.3.2"`))
	}
	resp, body := admin.post("/admin/rounds/2018/indicators/2.3.1", url.Values{"name": {typo}, "name_en": {"Credit bank system"}})
	if resp.StatusCode != 200 || !strings.Contains(textOf(body), "已把指标 2.3.1 的英文名称由") || strings.Contains(textOf(body), "的名称由") {
		t.Fatalf("the English correction: %d %.600s", resp.StatusCode, textOf(body))
	}
	if row := rowWith(body, `id="i-2.3.1"`); inputValue(row, "name_en") != "Credit bank system" || inputValue(row, "name") != typo {
		t.Errorf("2018's 2.3.1 after the English correction: %.600s", row)
	}
	admin.english()
	resp, body = admin.post("/admin/rounds/2018/indicators/2.3.1", url.Values{"name": {typo}, "name_en": {other}})
	row := rowWith(body, `id="i-2.3.1"`)
	if resp.StatusCode != 409 || !strings.Contains(textOf(row), "English name is already “"+other+"”") ||
		!strings.Contains(row, `aria-describedby="rn-en-err-2.3.1"`) {
		t.Errorf("another indicator's English name: %d, row %.800s, want the refusal in English beside the English field", resp.StatusCode, textOf(row))
	}
	_, page = admin.get("/admin")
	if !strings.Contains(textOf(page), "2.3.1 English name “") || !strings.Contains(textOf(page), "”→“Credit bank system”") {
		t.Errorf("the audit log on /admin does not show the English correction: %.1500s", textOf(page))
	}
	admin.get("/lang?to=zh&next=/")
	resp, body = admin.post("/admin/rounds/2018/indicators/2.3.1", url.Values{"name": {"学分银行制度"}, "name_en": {"Credit banks"}})
	if said := "已把指标 2.3.1 的名称由“" + typo + "”改为“学分银行制度”；已把指标 2.3.1 的英文名称由“Credit bank system”改为“Credit banks”"; resp.StatusCode != 200 || !strings.Contains(textOf(body), said) {
		t.Errorf("both names corrected: %d %.600s, want %q", resp.StatusCode, textOf(body), said)
	}
	if _, page = admin.get("/admin"); !strings.Contains(textOf(page), "2.3.1 “"+typo+"”→“学分银行制度” 英文名称 “Credit bank system”→“Credit banks”") {
		t.Errorf("the Chinese audit log does not label the English name in Chinese: %.1500s", textOf(page))
	}
}

// TestAStalePageDoesNotUndoAnotherAdminsCorrection: admins A and B load
// 2018's names page with the typo; B corrects the Chinese name; A, on
// the old page, corrects only the English name and sends the form as it
// is (the typo still in it): B's Chinese name stays. A's Chinese
// correction over B's is refused beside the field, in Chinese, 409.
func TestAStalePageDoesNotUndoAnotherAdminsCorrection(t *testing.T) {
	s := newSite(t)
	typo, right := pastRoundWithTypo(t, s)
	admin := s.login("admin")
	_, page := admin.get("/admin/rounds/2018")
	row := rowWith(page, `id="i-2.3.1"`)
	if inputValue(row, "was_name") != typo {
		t.Fatalf("2018's 2.3.1 row: %.600s, want the shown name sent back as was_name", row)
	}
	stale := url.Values{"name": {typo}, "was_name": {typo}, "name_en": {inputValue(row, "name_en")}, "was_name_en": {inputValue(row, "was_name_en")}}
	if resp, body := admin.post("/admin/rounds/2018/indicators/2.3.1", url.Values{"name": {right}, "was_name": {typo}}); resp.StatusCode != 200 {
		t.Fatalf("B's correction: %d %.600s", resp.StatusCode, textOf(body))
	}
	stale.Set("name_en", "Credit bank system")
	resp, body := admin.post("/admin/rounds/2018/indicators/2.3.1", stale)
	row = rowWith(body, `id="i-2.3.1"`)
	if resp.StatusCode != 200 || inputValue(row, "name") != right || inputValue(row, "name_en") != "Credit bank system" {
		t.Fatalf("A's English correction on the old page: %d, row %.600s, want %q kept and the English name set", resp.StatusCode, textOf(row), right)
	}
	stale.Set("name", "学分银行建设")
	resp, body = admin.post("/admin/rounds/2018/indicators/2.3.1", stale)
	row = rowWith(body, `id="i-2.3.1"`)
	if resp.StatusCode != 409 || !strings.Contains(textOf(row), "2018年度指标 2.3.1 的名称在你打开页面后已被他人由“"+typo+"”改为“"+right+"”，与你填写的“学分银行建设”冲突，未作修改；要保留他人的名称，无需再提交，刷新页面即可；仍要改为“学分银行建设”，请确认覆盖他人的修改后再提交") ||
		!strings.Contains(textOf(row), "仍要改为上面填写的名称\uFF08覆盖他人改的“"+right+"”\uFF09\uFF1A请勾选此项后再点“改正”") || !strings.Contains(row, `aria-invalid="true"`) {
		t.Errorf("A's Chinese correction over B's: %d, row %.600s, want the conflict beside the field", resp.StatusCode, textOf(row))
	}
}

// inputValue is the value of the input named name in html, "" for none.
func inputValue(html, name string) string {
	i := strings.Index(html, `name="`+name+`"`)
	if i < 0 {
		return ""
	}
	rest := html[i:]
	j := strings.Index(rest, `value="`)
	if j < 0 || strings.Index(rest, ">") < j {
		return ""
	}
	v := rest[j+len(`value="`):]
	return v[:strings.Index(v, `"`)]
}
