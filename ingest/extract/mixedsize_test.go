package extract

import (
	"strings"
	"testing"
)

// TestPDFWrappedWordAcrossMixedSizes: a paragraph LibreOffice set with
// its digits in a Western 12 pt beside Han characters in 10.5 pt (its
// default for Chinese, WPS's too) is one paragraph: a line with a figure
// (参与 12.5 万人次) and the lines without one are not parted by a
// paragraph break, so the words wrapped between them (乡 / 村振兴, 建 /
// 设) read whole. Measured by their largest string, the lines with a
// figure were a size apart from the others, and a search for 落实乡村振兴
// found nothing in the text.
func TestPDFWrappedWordAcrossMixedSizes(t *testing.T) {
	withoutPdftotext(t)
	res := mustExtract(t, FormatPDF, "mixedsize.pdf")
	if res.Extractor != "pdf" || len(res.Pages) != 1 {
		t.Fatalf("extractor %q, %d pages: want pdf, 1", res.Extractor, len(res.Pages))
	}
	page := Normalize(res.Pages[0])
	if strings.Contains(page, "\n\n") {
		t.Errorf("a paragraph break inside the one paragraph:\n%s", page)
	}
	for _, want := range []string{"落实乡村振兴工作", "加强社区教育建设落实", "参与12.5万人次落实乡村振兴", "完善四级网络体系"} {
		if !strings.Contains(page, want) {
			t.Errorf("page does not hold %q, a phrase wrapped over two lines:\n%s", want, page)
		}
	}
}
