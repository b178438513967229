package search

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

// TestFragmentsKeepTheDocumentsFullStops: a search fragment and a
// highlighted page show each '.' as the document wrote it (不符.请核对),
// never 。 (review pfix #1).
func TestFragmentsKeepTheDocumentsFullStops(t *testing.T) {
	page := "台账合计为7000人,与填报不符.请核对.附件:学分银行方案.定稿.docx"
	frags := buildFragments([]string{page}, []index.Span{span(1, page, "填报", 0)})
	if len(frags) != 1 || !strings.Contains(frags[0].HTML, "<mark>填报</mark>不符.请核对.附件\uFF1A学分银行方案.定稿.docx") {
		t.Errorf("fragments %+v, want the full stops as written", frags)
	}
	// A page opened without a query to mark.
	html, err := highlightDocumentPage("", []string{page}, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html, "不符.请核对") {
		t.Errorf("highlighted page %s, want the full stops as written", html)
	}
}
