package claims

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestStreamFindsAQuoteApproximatelyAsWhole: a text too big to be held
// whole (read as a stream) finds a quote typed from the paper of a
// scanned page with a character or two OCR read otherwise where
// FindQuoteRead finds it in the pages held whole: on the cited page, on
// another, across a page break and its page number, a text layer's pages
// exactly only, an exact match anywhere before an approximate one, with
// the same context and passage.
func TestStreamFindsAQuoteApproximatelyAsWhole(t *testing.T) {
	store := folderStore(t)
	ocr, text := catalog.SourceOCR, catalog.SourceText
	scan := []string{
		"二〇二三年杭州市学习型城市建设工作总结\n全市持续推进社区教育，凡课时达到规定要求的，甚学习成果\n— 1 —",
		"均可存入杭州市民终身学习学分银行，全年新增学分二十万分。\n— 2 —",
		"全市建成社区学校190所，成宋显著。\n— 3 —",
		"附件：学分银行管理办法\n凡课时达到规定要求的，甚学习成果均可存入\n— 4 —",
		"全市建成社区学校190所，成果显著。\n— 5 —",
	}
	long := make([]string, 40)
	for i := range long {
		long[i] = fmt.Sprintf("第%d页\n%s", i+1, strings.Repeat("推进学习型城市建设，完善终身教育体系。", 8))
	}
	long[30] += "老年大学办学点覆盖全部街道，学员人数逐年增加。"
	quotes := []string{
		"凡课时达到规定要求的，其学习成果均可存入杭州市民终身学习学分银行", // over pages 1 and 2, 其 read 甚
		"凡课时达到规定要求的，其学习成果均可存入",             // on pages 1–2 and on 4
		"凡课时达到规定要求的，其学习成果均可存人杭州市民终身学习学分银行", // one misread either side of the break
		"社区学校190所，成果显著",                    // exact on page 5, approximately on 3
		"凡课时达到规定要求的，其学习成就均可存进",             // three differ
		"社区学校180所，成果显著",                    // a number differs
	}
	for _, tc := range []struct {
		name    string
		pages   []string
		sources []string
		quotes  []string
	}{
		{"scanned", scan, []string{ocr, ocr, ocr, ocr, ocr}, quotes},
		{"a text layer where it breaks", scan, []string{text, ocr, ocr, ocr, text}, quotes},
		{"low confidence", scan, []string{catalog.SourceOCRLow, ocr, catalog.SourceOCRLow, ocr, ocr}, quotes},
		{"long", long, nil, []string{"老年大学办学点復盖全部街道，学员人数逐年增加", "老年大学办学点覆盖全部街道，学员人数逐年增长"}},
	} {
		sources := tc.sources
		if sources == nil {
			sources = make([]string, len(tc.pages))
			for i := range sources {
				sources[i] = ocr
			}
		}
		sha := fmt.Sprintf("%064x", len(tc.name)) + strings.ReplaceAll(tc.name, " ", "-")
		if _, err := ingest.SaveText(context.Background(), store, sha, &ingest.StoredText{Extractor: "ocr", Pages: tc.pages, PageSources: sources}); err != nil {
			t.Fatal(err)
		}
		approx := 0
		for _, quote := range tc.quotes {
			for page := 0; page <= len(tc.pages)+1; page++ {
				want := FindQuoteRead(tc.pages, sources, page, quote)
				if want.Read != "" {
					approx++
				}
				ct, err := readCitedText(context.Background(), store, &peakBudget{}, sha, page, quote, 0)
				if err != nil {
					t.Fatalf("%s: %q on page %d: %v", tc.name, quote, page, err)
				}
				if ct.heldWhole {
					t.Fatalf("%s: read whole, want a stream", tc.name)
				}
				if !reflect.DeepEqual(ct.Match, want) {
					t.Errorf("%s: %q on page %d: %+v, want %+v as FindQuoteRead", tc.name, quote, page, ct.Match, want)
				} else if got, wantCtx := Context(ct.Pages, page, ct.Match), Context(tc.pages, page, want); got != wantCtx {
					t.Errorf("%s: %q on page %d: context %q, want %q", tc.name, quote, page, got, wantCtx)
				} else if got, wantPassage := ct.Match.Passage(ct.Pages), want.Passage(tc.pages); got != wantPassage {
					t.Errorf("%s: %q on page %d: passage %q, want %q", tc.name, quote, page, got, wantPassage)
				}
				ct.Close()
			}
		}
		if approx == 0 {
			t.Errorf("%s: no quote found approximately: the case tests nothing", tc.name)
		}
	}
}
