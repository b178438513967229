package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// english switches a browser's pages to English.
func (b *browser) english() {
	b.s.t.Helper()
	if resp, _ := b.get("/lang?to=en&next=/search"); resp.StatusCode != http.StatusOK {
		b.s.t.Fatalf("switch to English: %d", resp.StatusCode)
	}
}

// TestEnglishPagesUseEnglishNames: indicator names come from the
// framework's name_en and cities have their English names; Chinese pages
// keep the Chinese ones.
func TestEnglishPagesUseEnglishNames(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang := s.login("wang")
	wang.post("/documents/"+doc.ID+"/links", map[string][]string{"indicator": {"2.3.1"}})
	zh := map[string]string{}
	for _, path := range []string{"/indicators", "/indicators/2.3.1", "/search?q=学分银行", "/documents/" + doc.ID} {
		_, zh[path] = wang.get(path)
	}
	wang.english()
	tests := []struct {
		path      string
		want, not []string
	}{
		{"/indicators", []string{"Leadership, policy and resources", "City-level decision or plan on building a learning city", "Hangzhou"}, []string{"市委市政府出台推进学习型城市建设的决定"}},
		{"/indicators/2.3.1", []string{"Hangzhou", "qualitative · Policy documents, pilot plans and case examples"}, []string{"制度文件、试点方案、典型案例"}},
		{"/search?q=学分银行", []string{"Hangzhou"}, []string{">杭州("}},
		{"/documents/" + doc.ID, []string{"Hangzhou"}, nil},
	}
	for _, tt := range tests {
		_, body := wang.get(tt.path)
		text := textOf(body)
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("English %s lacks %q: %.600s", tt.path, w, text)
			}
			if strings.Contains(zh[tt.path], w) {
				t.Errorf("Chinese %s shows the English %q", tt.path, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(body, n) {
				t.Errorf("English %s still shows %q", tt.path, n)
			}
		}
	}
	// The Chinese page shows the 信息性质说明 the English one translates.
	if !strings.Contains(zh["/indicators/2.3.1"], "定性 · 制度文件、试点方案、典型案例") {
		t.Errorf("Chinese indicator page: %.300s", textOf(zh["/indicators/2.3.1"]))
	}
	// An indicator the framework gives no info_en shows its Chinese
	// 信息性质说明 on the English page rather than none.
	s.env.ImportAdding(catalog.Indicator{Code: "2.3.4", ParentCode: "2.3", Level: catalog.KeyLevel, Name: "学习成果互认案例",
		Kind: catalog.Qualitative, Info: "典型案例、认证办法"})
	if _, body := wang.get("/indicators/2.3.4"); !strings.Contains(body, "qualitative · 典型案例、认证办法") {
		t.Errorf("English indicator page without info_en: %.300s", textOf(body))
	}
	// The indicator page's title is its name_en.
	_, body := wang.get("/indicators/1.1.1")
	if !strings.Contains(body, "<h1>1.1.1 City-level decision or plan on building a learning city</h1>") {
		t.Errorf("English indicator page title: %.300s", textOf(body))
	}
}

// TestEnglishAdminPageNamesTheFrameworkInEnglish: the framework in use is
// named by its name_en on the English admin page (it showed the Chinese
// name among English words), by its Chinese name on the Chinese one.
func TestEnglishAdminPageNamesTheFrameworkInEnglish(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	for _, tt := range []struct {
		lang      string
		want, not string
	}{
		{"zh", "学习型城市建设监测示例指标体系", "Learning-city monitoring framework"},
		{"en", "Learning-city monitoring framework (illustrative)", "学习型城市建设监测示例指标体系"},
	} {
		if tt.lang == "en" {
			admin.english()
		}
		_, body := admin.get("/admin")
		i := strings.Index(body, `id="framework-name"`)
		if i < 0 {
			t.Fatalf("%s admin page: no framework in use: %.300s", tt.lang, textOf(body))
		}
		name := body[i+len(`id="framework-name">`):]
		name = name[:strings.Index(name, "</p>")]
		if !strings.Contains(name, tt.want) || strings.Contains(name, tt.not) {
			t.Errorf("%s admin page names the framework %q, want %q", tt.lang, name, tt.want)
		}
	}
}

// TestScreenReaderNamesSpeakThePageLanguage: the names a screen reader
// gives the navigation, the pagers, the status tabs and the PDF view are
// Chinese on Chinese pages (they were main, pages, status), and a heat-map
// cell names its city, not its code, with the page's punctuation.
func TestScreenReaderNamesSpeakThePageLanguage(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang := s.login("wang")
	english := regexp.MustCompile(`aria-label="[A-Za-z ]+"`)
	pages := []string{"/search?q=学分银行", "/documents", "/documents/" + doc.ID, "/indicators", "/review", "/values"}
	for _, path := range pages {
		_, body := wang.get(path)
		if m := english.FindAllString(body, -1); m != nil {
			t.Errorf("Chinese %s names parts in English: %v", path, m)
		}
	}
	cell := func(body, code string) string {
		m := regexp.MustCompile(`href="/indicators/` + regexp.QuoteMeta(code) + `\?city=330100(?:&amp;round=\d+)?" aria-label="([^"]*)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no heat-map cell for %s in 杭州: %.300s", code, textOf(body))
		}
		return html.UnescapeString(m[1])
	}
	_, body := wang.get("/indicators")
	if got := cell(body, "1.1.1"); got != "1.1.1 杭州\uFF1A缺少佐证" {
		t.Errorf("Chinese heat-map cell without evidence named %q, want 1.1.1 杭州\uFF1A缺少佐证", got)
	}
	wang.english()
	_, body = wang.get("/indicators")
	if got := cell(body, "1.1.1"); got != "1.1.1 Hangzhou: No evidence" {
		t.Errorf("English heat-map cell without evidence named %q, want 1.1.1 Hangzhou: No evidence", got)
	}
	if !strings.Contains(body, `<nav aria-label="Main">`) {
		t.Errorf("English navigation not named Main")
	}
}

// TestAdminStatusWordsAreStatesAndButtonsActions: the users table says
// 已启用/Enabled for a state and 停用/Disable on the button.
func TestAdminStatusWordsAreStatesAndButtonsActions(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	_, body := admin.get("/admin")
	users := textOf(body[strings.Index(body, `id="users"`):strings.Index(body, `id="userform"`)])
	for _, w := range []string{"已启用", "停用"} {
		if !strings.Contains(users, w) {
			t.Errorf("Chinese users table lacks %q: %.400s", w, users)
		}
	}
	admin.english()
	_, body = admin.get("/admin")
	users = textOf(body[strings.Index(body, `id="users"`):strings.Index(body, `id="userform"`)])
	for _, w := range []string{"Enabled", "Disable"} {
		if !strings.Contains(users, w) {
			t.Errorf("English users table lacks %q: %.400s", w, users)
		}
	}
}

// TestSearchHitsOfPDFsHaveThumbnails: a PDF hit shows a lazily loaded
// image of the passage's page; a text hit shows none.
func TestSearchHitsOfPDFsHaveThumbnails(t *testing.T) {
	pdf, err := os.ReadFile(filepath.Join("..", "cmd", "evidence", "testdata", "ningbo-policy.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	s := newSite(t)
	p := s.env.Upload("330200", "宁波实施意见.pdf", string(pdf))
	txt := s.env.Upload("330200", "宁波学分银行.txt", "宁波市学分银行开通,市民学习成果可以存入。")
	_, body := s.login("admin").get("/search?q=学分银行")
	// The passage on 学分银行 is on page 2 of the PDF.
	img := `<img src="/api/v1/documents/` + p.ID + `/pages/2/thumbnail" loading="lazy"`
	if shown := strings.Contains(body, img); shown != documents.HasThumbnail("application/pdf") {
		t.Errorf("PDF hit thumbnail of page 2 shown: %v, pdftoppm installed: %v", shown, documents.HasThumbnail("application/pdf"))
	}
	if strings.Contains(body, "/api/v1/documents/"+txt.ID+"/pages/") {
		t.Errorf("a text hit has a thumbnail")
	}
}

// TestEnglishPagesGiveErrorsInEnglish: a mistake on an English page is
// explained in English, and on a Chinese page in Chinese.
func TestEnglishPagesGiveErrorsInEnglish(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	bad := "/search?q=学分银行&issued_from=2018-02-30"
	_, zh := wang.get(bad)
	wang.english()
	_, en := wang.get(bad)
	if !strings.Contains(textOf(en), "The date “2018-02-30” does not exist") {
		t.Errorf("English search with a date that does not exist: %.600s", textOf(en))
	}
	if !strings.Contains(textOf(zh), "日期“2018-02-30”不存在") {
		t.Errorf("Chinese search with a date that does not exist: %.600s", textOf(zh))
	}
	resp, body := wang.postMultipart("/upload", map[string]string{"city": "330100", "doc_type": "work_summary"}, "空白.txt", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(textOf(body), "“空白.txt”: The file is empty") {
		t.Errorf("English upload of an empty file: %d %.600s", resp.StatusCode, textOf(body))
	}
}

// hanIn finds Chinese characters.
var hanIn = regexp.MustCompile(`\p{Han}+`)

// between is the part of body from the element with id to the end it
// closes with.
func between(t *testing.T, body, id, end string) string {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no #%s in %.400s", id, textOf(body))
	}
	j := strings.Index(body[i:], end)
	if j < 0 {
		t.Fatalf("#%s does not end with %s", id, end)
	}
	return html.UnescapeString(body[i : i+j])
}

// TestEnglishPagesNameReadersAndUnitsInEnglish: the admin page's optional
// readers, the comparison's units and the value form's indicators, and
// the cities to choose (a user's, a claim's, where to move a document),
// are English on English pages and Chinese on Chinese ones.
func TestEnglishPagesNameReadersAndUnitsInEnglish(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学习基地.txt", "杭州市认定市民终身学习基地123个")
	admin := s.login("admin")
	pages := func() (readers, compare, valueForm, cities string) {
		_, body := admin.get("/admin")
		readers = textOf(between(t, body, "readers", "</section>"))
		cities = textOf(between(t, body, "userform", `name="department"`))
		_, body = admin.get("/compare?city=330100&rounds=2017,2018")
		compare = textOf(between(t, body, "reports", "</table>"))
		_, body = admin.get("/documents/" + doc.ID)
		valueForm = textOf(between(t, body, "v-indicator", "</select>"))
		cities += textOf(between(t, body, "mv-city", "</select>"))
		_, body = admin.get("/claims/new")
		cities += textOf(between(t, body, "n-city", "</select>"))
		return
	}
	readers, compare, valueForm, cities := pages()
	if _, body := admin.get("/upload"); !strings.Contains(body, `placeholder="例：2018年3月20日"`) {
		t.Errorf("the Chinese upload form's date example is not written the Chinese way")
	}
	for _, w := range []struct{ page, want string }{
		{readers, "tesseract\uFF08扫描件文字识别\uFF0Cchi_sim + eng\uFF09"}, {readers, "catdoc\uFF08Word 97–2003 和 WPS 文字文件\uFF09"},
		{compare, "市民终身学习基地（体验基地）数量\uFF08个\uFF09"}, {compare, "\uFF08元/人\uFF09"},
		{valueForm, "2.2.1 市民终身学习基地（体验基地）数量\uFF08个\uFF09"}, {cities, "杭州\uFF08330100\uFF09"}, {cities, "长沙"},
	} {
		if !strings.Contains(w.page, w.want) {
			t.Errorf("Chinese page lacks %q: %.400s", w.want, w.page)
		}
	}
	admin.english()
	readers, compare, valueForm, cities = pages()
	if _, body := admin.get("/upload"); !strings.Contains(body, `placeholder="e.g. 2018-03-20"`) {
		t.Errorf("the English upload form's date example is not written the English way")
	}
	for _, w := range []struct{ page, want string }{
		{readers, "tesseract (reads scans and photos by OCR, chi_sim + eng)"}, {readers, "pdftoppm (renders the pages of scanned PDFs for OCR)"},
		{compare, "Number of lifelong-learning sites (count)"}, {compare, "Community education budget per resident (yuan per person)"},
		{compare, "Mean years of schooling (years)"}, {compare, "(%)"},
		{valueForm, "2.2.1 Number of lifelong-learning sites (count)"}, {cities, "Hangzhou (330100)"}, {cities, "Changsha"},
	} {
		if !strings.Contains(w.page, w.want) {
			t.Errorf("English page lacks %q: %.400s", w.want, w.page)
		}
	}
	for name, page := range map[string]string{"readers": readers, "comparison": compare, "value form": valueForm, "cities": cities} {
		if han := hanIn.FindAllString(page, 5); han != nil {
			t.Errorf("English %s shows Chinese %q: %.400s", name, han, page)
		}
	}
}

// TestEveryReaderHasWords: each optional reader the extractors register
// is named on the admin page in both languages.
func TestEveryReaderHasWords(t *testing.T) {
	for _, r := range extract.Readers(context.Background()) {
		if _, ok := messages["reader."+r.Program]; !ok || r.Program == "" {
			t.Errorf("reader %q (%s) has no words reader.%s", r.Program, r.Name, r.Program)
		}
	}
}

// TestEveryWordHasBothLanguages: no key of the UI's words lacks its
// Chinese or its English.
func TestEveryWordHasBothLanguages(t *testing.T) {
	for key, m := range messages {
		if strings.TrimSpace(m[Chinese]) == "" || strings.TrimSpace(m[English]) == "" {
			t.Errorf("%s: Chinese %q, English %q", key, m[Chinese], m[English])
		}
	}
}

// TestEnglishPagesExplainRefusalsInEnglish: a page a role may not open, a
// page that does not exist and a form field that is no number are
// explained in English on English pages.
func TestEnglishPagesExplainRefusalsInEnglish(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学习基地.txt", "杭州市认定市民终身学习基地123个")
	zhou, wang := s.login("zhou"), s.login("wang")
	zhou.english()
	wang.english()
	for _, tt := range []struct {
		b      *browser
		path   string
		form   url.Values
		status int
		want   string
	}{
		{zhou, "/claims/new", nil, http.StatusForbidden, "Only coordinators and administrators can write claims"},
		{wang, "/tasks", nil, http.StatusForbidden, "“My tasks” is the departments' page; coordinators use the “Responsibilities” page"},
		{zhou, "/no-such-page", nil, http.StatusNotFound, "There is no page /no-such-page"},
		{zhou, "/documents/01NOSUCHDOCUMENT0000000000", nil, http.StatusNotFound, "There is no document 01NOSUCHDOCUMENT0000000000"},
		{wang, "/documents/" + doc.ID + "/values", url.Values{"indicator": {"2.2.1"}, "value": {"123"}, "round": {"今年"}, "quote": {"123个"}},
			http.StatusBadRequest, "The monitoring round should be a year from 2000 to 2100 (such as 2018), or blank for the current round"},
	} {
		var resp *http.Response
		var body string
		if tt.form == nil {
			resp, body = tt.b.get(tt.path)
		} else {
			resp, body = tt.b.post(tt.path, tt.form)
		}
		if text := html.UnescapeString(textOf(body)); resp.StatusCode != tt.status || !strings.Contains(text, tt.want) {
			t.Errorf("English %s: %d, want %d saying %q: %.500s", tt.path, resp.StatusCode, tt.status, tt.want, text)
		}
	}
}

// TestTemplatesUseKnownWords: every word a template asks for by a literal
// key is in the catalogue (tr shows an unknown key as it is).
func TestTemplatesUseKnownWords(t *testing.T) {
	files, err := filepath.Glob("templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("templates: %v %v", files, err)
	}
	key := regexp.MustCompile(`\{\{-?\s*(?:t|tf) \$?\.?\w+ "([^"]+)"`)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			n++
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s asks for %q, which no catalogue has", f, m[1])
			}
		}
	}
	if n < 300 {
		t.Errorf("found %d words asked for: the pattern misses how templates ask", n)
	}
}
