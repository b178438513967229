package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestApproximateQuoteIsShownWithWhatOCRRead: a photo whose OCR read 其
// as 甚 is quoted as the paper has it. The flash after citing, the
// citation's card (the coordinator's and the reviewer's), the values page
// and the document's link say the quote matches the scan's recognised
// text approximately and what OCR read, in Chinese and English; none says
// it was not found. So does the notice after linking with that quote.
func TestApproximateQuoteIsShownWithWhatOCRRead(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	const page = "凡课时达到规定要求的，甚学习成果均可存入杭州市民终身学习学分银行。全市建成社区学校190所，成宋显著。"
	const quote, valueQuote = "凡课时达到规定要求的，其学习成果均可存入杭州市民终身学习学分银行", "全市建成社区学校190所，成果显著"
	doc := s.env.Upload("330100", "学分银行办法.txt", page)
	if _, err := s.env.SaveText(doc.SHA256, &ingest.StoredText{Extractor: "ocr", Pages: []string{page},
		PageSources: []string{catalog.SourceOCR}}); err != nil {
		t.Fatal(err)
	}
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市学分银行认可学习成果",
		Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "全市建成社区学校190所"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.Record(ctx, wang, values.Input{City: "330100", Round: 2017, Indicator: "2.2.1", Value: "190",
		Citation: claims.CitationInput{DocumentID: doc.ID, Page: 1, Quote: valueQuote}}); err != nil {
		t.Fatal(err)
	}
	l := &catalog.Link{DocumentID: doc.ID, IndicatorCode: "2.3.1", Page: 1, Quote: quote, CreatedBy: "wang"}
	if err := s.env.Catalog.CreateLinks(ctx, []*catalog.Link{l}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.RecheckLinkQuotes(ctx, doc.SHA256, l.ID); err != nil {
		t.Fatal(err)
	}
	b := s.login("wang")
	_, body := b.post("/claims/"+c.ID+"/citations", url.Values{"document_id": {doc.ID}, "page": {"1"}, "quote": {quote}})
	if got := html.UnescapeString(body); !strings.Contains(got, "第 2 条引用的引文与扫描件识别文字基本一致\uFF08识别为“甚”\uFF09") {
		t.Errorf("the notice after citing does not say what OCR read: %.1500s", textOf(body))
	}
	_, body = b.post("/documents/"+doc.ID+"/links", url.Values{"indicator": {"2.3.2"}, "page": {"1"}, "quote": {quote}})
	if got := html.UnescapeString(body); !strings.Contains(got, "引文与扫描件识别文字基本一致\uFF08识别为“甚”\uFF09") || strings.Contains(got, "没有找到这段引文") {
		t.Errorf("the notice after linking does not say what OCR read: %.1500s", textOf(body))
	}
	for _, tt := range []struct {
		user, lang, path, want string
	}{
		{"wang", "zh", "/claims/" + c.ID, `class="quote-approx" role="note">引文与扫描件识别文字基本一致（识别为“甚”）`},
		{"li", "zh", "/claims/" + c.ID, `class="quote-approx" role="note">引文与扫描件识别文字基本一致（识别为“甚”）`},
		{"li", "en", "/claims/" + c.ID, `class="quote-approx" role="note">The quote matches the scan's recognised text except for “甚” as read`},
		{"wang", "zh", "/values?city=330100&round=2017", `class="quote-approx" role="note">引文与扫描件识别文字基本一致（识别为“宋”）`},
		{"wang", "en", "/values?city=330100&round=2017", `class="quote-approx" role="note">The quote matches the scan's recognised text except for “宋” as read`},
		{"wang", "zh", "/documents/" + doc.ID, `class="muted link-quote-approx" role="note">引文与扫描件识别文字基本一致（识别为“甚”）`},
	} {
		b := s.login(tt.user)
		if tt.lang == "en" {
			b.english()
		}
		_, body := b.get(tt.path)
		got := html.UnescapeString(body)
		if !strings.Contains(got, tt.want) || strings.Contains(got, "未找到该引文") || strings.Contains(got, "not in the cited document") {
			t.Errorf("%s (%s) %s: want %q and no word of a quote not found: %.3000s", tt.user, tt.lang, tt.path, tt.want, textOf(body))
		}
	}
}

// TestApproximateQuoteIsShownOnCarryOversAndIndicator: a claim, a value and
// a link whose quotes match a photo's OCR text but for 其 read as 甚 (成果
// as 成宋) are carried from 2017 into 2018; 结转事项核对 says beside each
// what OCR read, in Chinese and English, as the claim's card and /values
// do, and the indicator page's values say it of the value.
func TestApproximateQuoteIsShownOnCarryOversAndIndicator(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	const page = "凡课时达到规定要求的，甚学习成果均可存入杭州市民终身学习学分银行。全市建成社区学校190所，成宋显著。"
	const quote, valueQuote = "凡课时达到规定要求的，其学习成果均可存入杭州市民终身学习学分银行", "全市建成社区学校190所，成果显著"
	doc := s.env.Upload("330100", "学分银行办法.txt", page)
	if _, err := s.env.SaveText(doc.SHA256, &ingest.StoredText{Extractor: "ocr", Pages: []string{page},
		PageSources: []string{catalog.SourceOCR}}); err != nil {
		t.Fatal(err)
	}
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	if _, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市学分银行认可市民的学习成果",
		Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "全市建成社区学校190所"}, {DocumentID: doc.ID, Page: 1, Quote: quote}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.Record(ctx, wang, values.Input{City: "330100", Round: 2017, Indicator: "2.2.1", Value: "190",
		Citation: claims.CitationInput{DocumentID: doc.ID, Page: 1, Quote: valueQuote}}); err != nil {
		t.Fatal(err)
	}
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: doc.ID, IndicatorCode: "2.3.2", Page: 1, Quote: quote}); err != nil {
		t.Fatal(err)
	}
	b := s.login("wang")
	if resp, body := b.post("/carryovers", url.Values{"city": {"330100"}, "round": {"2018"}}); resp.StatusCode != 200 {
		t.Fatalf("carry-over button: %d %.300s", resp.StatusCode, textOf(body))
	}
	rows := func(body string) map[string]string {
		out := map[string]string{}
		for _, tr := range strings.Split(body, "<tr data-id=")[1:] {
			tr = tr[:strings.Index(tr, "</tr>")]
			for _, code := range []string{"2.3.1", "2.2.1", "2.3.2"} {
				if strings.Contains(tr, `<td class="indicator">`+code+" ") {
					out[code] = html.UnescapeString(tr)
				}
			}
		}
		return out
	}
	for _, tt := range []struct {
		lang string
		want map[string]string
	}{
		{"zh", map[string]string{
			"2.3.1": `class="muted quote-approx" role="note">“` + quote + `” 引文与扫描件识别文字基本一致（识别为“甚”）`,
			"2.2.1": `class="muted quote-approx" role="note">“` + valueQuote + `” 引文与扫描件识别文字基本一致（识别为“宋”）`,
			"2.3.2": `class="muted quote-approx" role="note">“` + quote + `” 引文与扫描件识别文字基本一致（识别为“甚”）`,
		}},
		{"en", map[string]string{
			"2.3.1": `class="muted quote-approx" role="note">“` + quote + `” The quote matches the scan's recognised text except for “甚” as read`,
			"2.2.1": `class="muted quote-approx" role="note">“` + valueQuote + `” The quote matches the scan's recognised text except for “宋” as read`,
			"2.3.2": `class="muted quote-approx" role="note">“` + quote + `” The quote matches the scan's recognised text except for “甚” as read`,
		}},
	} {
		if tt.lang == "en" {
			b.english()
		}
		_, body := b.get("/carryovers?city=330100&round=2018")
		got := rows(body)
		for code, want := range tt.want {
			if !strings.Contains(got[code], want) {
				t.Errorf("%s: the carried %s's row lacks %q: %.2000s", tt.lang, code, want, textOf(got[code]))
			}
			if strings.Count(got[code], "quote-approx") != 1 || strings.Contains(got[code], "link-quote-unfound") {
				t.Errorf("%s: the carried %s's row says other than one approximate quote: %.2000s", tt.lang, code, got[code])
			}
		}
	}
	_, body := s.login("li").get("/indicators/2.2.1?round=2017")
	if got := html.UnescapeString(body); !strings.Contains(got, `class="muted quote-approx" role="note">引文与扫描件识别文字基本一致（识别为“宋”）`) {
		t.Errorf("the indicator page's value does not say what OCR read: %.3000s", textOf(body))
	}
}
