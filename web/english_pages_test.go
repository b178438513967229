package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// hanRun is a run of Chinese characters.
var hanRun = regexp.MustCompile(`\p{Han}+`)

// readerWords is what a reader meets on a page: the text of its main part
// and the words of its titles, labels and placeholders (the heat map's
// cells speak through title and aria-label), unescaped.
func readerWords(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	var words []string
	for _, m := range regexp.MustCompile(`(?:title|aria-label|placeholder|data-name)="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		words = append(words, m[1])
	}
	return html.UnescapeString(tags.ReplaceAllString(body, " ") + " " + strings.Join(words, " "))
}

// TestEnglishPagesHaveNoChineseWords: the upload page (its task choice),
// the heat map and the values page say nothing in Chinese on English
// pages apart from the users' data: the probe found the task choice
// naming its indicator in Chinese, “1 documents” on the heat map and 文号
// inside the values import hint's English sentence.
func TestEnglishPagesHaveNoChineseWords(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if _, err := s.env.Assignments.Import(ctx, testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "责任分解表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n3.1.3,市委宣传部,2018-03-31,张老师\n2.1.1,市教育局,2018-04-15,李科长\n")}); err != nil {
		t.Fatal(err)
	}
	d := s.env.Upload("330100", "工作总结.txt", "全市建成社区学院13所、社区学校190所。")
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.1.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	// The users' data: departments, contacts, the file and its title; and
	// the 文号 given as an example of one, which is Chinese in any page.
	userData := []string{"杭教〔2018〕9号", "市委宣传部", "市教育局", "张老师", "李科长", "工作总结", d.Title, "全市建成社区学院13所、社区学校190所"}
	wang := s.login("wang")
	wang.english()
	// What each page shows of the data, so that a page showing none of it
	// cannot pass: the task by its English name, the linked file's count.
	wants := map[string]string{"/upload": "Yearly participation", "/indicators?city=330100&round=2017": "1 document", "/values?city=330100&round=2018": "document number"}
	for _, path := range []string{"/upload", "/indicators?city=330100&round=2017", "/values?city=330100&round=2018"} {
		resp, body := wang.get(path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %.300s", path, resp.StatusCode, textOf(body))
		}
		text := readerWords(body)
		for _, u := range userData {
			if u != "" {
				text = strings.ReplaceAll(text, u, "")
			}
		}
		if han := hanRun.FindAllString(text, -1); len(han) > 0 {
			t.Errorf("English %s says %q", path, han)
		}
		if strings.Contains(text, "1 documents") {
			t.Errorf("English %s says “1 documents”", path)
		}
		if want := wants[path]; !strings.Contains(text, want) {
			t.Errorf("English %s does not say %q", path, want)
		}
	}
}
