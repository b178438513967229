package extract

import (
	"context"
	"strings"
	"testing"
)

// TestPDFHeadingKeepsItsLine reads testdata/heading.pdf (LibreOffice, from
// src/heading.html): headings on lines of their own above lines that start
// with figures, a table, and a paragraph that wraps. LibreOffice starts a
// text object wherever Han characters meet digits, so the library's plain
// text cannot tell a heading's line end from a change of font.
func TestPDFHeadingKeepsItsLine(t *testing.T) {
	res, err := Extract(context.Background(), FormatPDF, fixture("heading.pdf"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	page := Normalize(res.Pages[0])
	for _, want := range []string{
		"二、主要指标\n\n2023年全市共有社区学校365所", // set larger (h2): a paragraph of its own
		"三、学分银行\n12个区县开通了学分银行",
		"\n四、经费保障\n2023年投入经费2846万元",
		"现就推进学习型城市建设", // wrapped after 推
		"到2020年实现市民学习成果存入学分银行",
		"五、全市共有365所社区学校", // a heading's number, but one line
	} {
		if !strings.Contains(page, want) {
			t.Errorf("%q not in the page's text:\n%s", want, page)
		}
	}
	for _, glued := range []string{"主要指标2023", "学分银行12个", "365四、"} {
		if strings.Contains(page, glued) {
			t.Errorf("%q glued in the page's text:\n%s", glued, page)
		}
	}
}
