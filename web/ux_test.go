package web

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/documents"
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
		{"/indicators/2.3.1", []string{"Hangzhou"}, nil},
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
	// The indicator page's title is its name_en.
	_, body := wang.get("/indicators/1.1.1")
	if !strings.Contains(body, "<h1>1.1.1 City-level decision or plan on building a learning city</h1>") {
		t.Errorf("English indicator page title: %.300s", textOf(body))
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
