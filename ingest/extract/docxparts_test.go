package extract

import (
	"context"
	"strings"
	"testing"
)

// TestDOCXNotesHeadersFooters: a DOCX's footnotes, endnotes, headers and
// footers are read with its body, where they were left out and a search
// for them found the document's PDF and never the DOCX: a footnote at the
// foot of the page that refers to it, the endnotes at the end, a header
// at the head of the first page and a footer at its foot, once however
// many parts repeat it, without its page field (3) but with a year alone
// on a line (2024). A damaged note part costs only its own text.
func TestDOCXNotesHeadersFooters(t *testing.T) {
	notes := func(kind, body string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><w:` + kind + `s ` + wordNS + `>` +
			`<w:` + kind + ` w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:` + kind + `>` + body + `</w:` + kind + `s>`
	}
	margin := func(kind, text string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><w:` + kind + ` ` + wordNS + `><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:` + kind + `>`
	}
	body := document(`<w:p><w:r><w:t>推进学分银行建设。</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>` +
		`<w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p><w:r><w:t>第二页正文。</w:t></w:r><w:r><w:footnoteReference w:id="3"/><w:endnoteReference w:id="1"/></w:r></w:p>`)
	footnotes := notes("footnote", `<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>数据来源于慈溪市老年大学统计台账。</w:t></w:r></w:p></w:footnote>`+
		`<w:footnote w:id="3"><w:p><w:r><w:t>见余姚市社区学校名录。</w:t></w:r></w:p></w:footnote>`)
	endnotes := notes("endnote", `<w:endnote w:id="1"><w:p><w:r><w:t>象山县渔民夜校开班情况见附表。</w:t></w:r></w:p></w:endnote>`)
	tests := []struct {
		name  string
		parts map[string]string
		want  []string
	}{
		{"footnotes on their pages, endnotes at the end",
			map[string]string{"word/footnotes.xml": footnotes, "word/endnotes.xml": endnotes},
			[]string{"推进学分银行建设。\n\n数据来源于慈溪市老年大学统计台账。", "第二页正文。\n\n见余姚市社区学校名录。\n\n象山县渔民夜校开班情况见附表。"}},
		{"headers and footers once, on the first page",
			map[string]string{"word/header1.xml": margin("hdr", "鄞州区社区学院年度报告"), "word/header2.xml": margin("hdr", "鄞州区社区学院年度报告"),
				"word/footer1.xml": margin("ftr", "宁波市终身教育研究中心印制")},
			[]string{"鄞州区社区学院年度报告\n\n推进学分银行建设。\n\n宁波市终身教育研究中心印制", "第二页正文。"}},
		{"a year alone on a header's line is no page field",
			map[string]string{"word/header1.xml": strings.Replace(margin("hdr", "2024"), "</w:p>", "</w:p><w:p><w:r><w:t>鄞州区社区学院年度报告</w:t></w:r></w:p><w:p><w:r><w:t>3</w:t></w:r></w:p>", 1),
				"word/footer1.xml": margin("ftr", "1999")},
			[]string{"2024\n\n鄞州区社区学院年度报告\n\n推进学分银行建设。\n\n1999", "第二页正文。"}},
		{"a damaged footnote part costs only the footnotes",
			map[string]string{"word/footnotes.xml": "<w:footnotes><w:footnote", "word/endnotes.xml": endnotes},
			[]string{"推进学分银行建设。", "第二页正文。\n\n象山县渔民夜校开班情况见附表。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.parts["word/document.xml"] = body
			res, err := Extract(context.Background(), FormatDOCX, writeDOCX(t, tt.parts), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range res.Pages {
				got = append(got, strings.TrimSpace(p))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got pages %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDOCXFromLibreOfficeKeepsItsNotes: a DOCX LibreOffice wrote, with
// a header, a footer and a footnote, gives their text (each of which a
// search found in the PDF of the same document and not in the DOCX).
func TestDOCXFromLibreOfficeKeepsItsNotes(t *testing.T) {
	res := mustExtract(t, FormatDOCX, "notes.docx")
	text := Normalize(strings.Join(res.Pages, "\n\n"))
	for _, want := range []string{"页眉甲:鄞州区社区学院年度报告", "页脚乙:宁波市终身教育研究中心印制", "脚注丙:数据来源于慈溪市老年大学统计台账。", "表格丁:余姚市社区学校覆盖率", "文本框戊:象山县渔民夜校开班"} {
		if !strings.Contains(text, want) {
			t.Errorf("text does not hold %q:\n%s", want, text)
		}
	}
	if !strings.Contains(res.Pages[0], "脚注丙") {
		t.Errorf("the footnote is not on the page that refers to it: %q", res.Pages)
	}
}
