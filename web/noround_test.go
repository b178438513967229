package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDocumentOfNoRoundNamesNoEmptyYear: a document that belongs to no
// round (one from before every document was given a round) is never
// called " 年度", an empty year: its page's 计入监测轮次 says it has no
// round, and the same file uploaded again for 2018 says so too (then
// who uploaded it and when).
func TestDocumentOfNoRoundNamesNoEmptyYear(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	const text = "杭州市社区教育学院关于开展市民终身学习卡发放工作的通知。"
	doc := s.env.Upload("330100", "学习卡通知.txt", text)
	none := ""
	if _, err := s.env.Catalog.UpdateDocument(ctx, doc.ID, catalog.DocumentPatch{Round: &none}, testenv.Admin.Username); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	_, page := wang.get("/documents/" + doc.ID)
	if strings.Contains(page, "年度（文档所属轮次）") || !strings.Contains(page, "按成文日期的年份计入（文档未归入轮次）") {
		t.Errorf("the link form of a document of no round: %.2000s", textOf(page))
	}
	resp, body := wang.postMultipart("/upload", map[string]string{"city": "330100", "doc_type": "other", "round": "2018",
		"indicators": "2.3.2"}, "学习卡通知（2018）.txt", []byte(text))
	if resp.StatusCode != 200 || strings.Contains(textOf(body), "（属于  年度）") || !strings.Contains(body, "与已保存的“学习卡通知.txt”是同一文件（内容完全相同，未归入轮次，") {
		t.Errorf("the same file for 2018: %d %.2000s", resp.StatusCode, textOf(body))
	}
}
