package extract

import (
	"context"
	"strings"
	"testing"
)

// TestPDFTitleIsAParagraphOfItsOwn reads two notices LibreOffice printed
// to PDF: stamped.pdf (a 20 pt title over 16 pt text, spaced paragraphs)
// and titled-notice.pdf (公文 layout: a 22 pt title wrapped over two
// lines, 16 pt text at a fixed 28 pt line height, no paragraph spacing).
// The title is set apart from the 文号 above it and the addressees below
// it by an empty line, which Normalize keeps, so neither a snippet nor a
// phrase runs across the boundary; the lines of the wrapped title and of
// the wrapped paragraphs are still joined, so phrases cut at a line's end
// are found.
func TestPDFTitleIsAParagraphOfItsOwn(t *testing.T) {
	for _, c := range []struct {
		file         string
		apart, whole []string
	}{
		{"stamped.pdf",
			[]string{"杭政办发〔2018〕12号\n\n杭州市人民政府办公厅关于推进学习型城市建设的实施意见\n\n各区、县(市)人民政府"},
			[]string{
				"现就推进学习型城市建设提出如下实施意见",  // wrapped after 推进学
				"到2020年实现市民学习成果存入学分银行", // wrapped after 2020年
				"社区教育网络,培育社区学习共同体",     // wrapped after 培育
			}},
		{"titled-notice.pdf",
			[]string{"甬教职成〔2019〕21号\n\n宁波市教育局关于开展2019年全民终身学习活动周暨社区教育成果展示活动的通知\n\n各区县(市)教育局"},
			[]string{
				"学习活动周暨社区教育成果",    // the title wrapped after 活动周
				"经研究,决定在全市开展",     // wrapped after 决定在
				"各地要结合实际组织",       // wrapped after 结
				"要在此期间集中开展学习成果展示", // wrapped after 集中开
			}},
	} {
		res, err := Extract(context.Background(), FormatPDF, fixture(c.file), Limits{})
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		page := res.Pages[0]
		for _, want := range append(c.apart, c.whole...) {
			if !strings.Contains(page, want) {
				t.Errorf("%s: %q not in the page's text:\n%s", c.file, want, page)
			}
		}
		for _, glued := range []string{"意见各区", "通知各区", "号杭州", "号宁波"} {
			if strings.Contains(page, glued) {
				t.Errorf("%s: %q glued in the page's text:\n%s", c.file, glued, page)
			}
		}
	}
}
