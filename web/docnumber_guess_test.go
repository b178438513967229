package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDocumentPageSaysADocNumberIsAGuess: a 文号 whose 号 was taken from
// its last digit (教发〔2023〕125 read as 教发〔2023〕12号) is shown with
// what the text has and a request to check it: the whole note on the
// coordinator's form, and on the page an expert reads the mark and what
// the text has after it, 请核对 once; once the coordinator corrects it,
// the note is gone.
func TestDocumentPageSaysADocNumberIsAGuess(t *testing.T) {
	s := newSite(t)
	d := uploadPolicyText(t, s, "意见.txt", "教育部文件\n\n教发〔2023〕125\n\n关于推进学习型城市建设的意见\n\n"+
		"各省、自治区、直辖市教育厅（教委）：\n    现就推进学习型城市建设提出如下意见。\n\n教育部\n2023年3月6日\n")
	if d.DocNumber != "教发〔2023〕12号" || d.DocNumberRead == "" {
		t.Fatalf("文号 %q read as %q; want 教发〔2023〕12号 marked a guess", d.DocNumber, d.DocNumberRead)
	}
	for _, tt := range []struct {
		who, note string
		// checks is how often the page asks for a check: the form's hint
		// on 自动识别 asks too.
		checks int
	}{
		{"wang", "文号由文中文字推断（原文为“教发〔2023〕125”），请核对", 2},
		{"zhou", "教发〔2023〕12号 （推断，请核对） 自动识别 原文为“教发〔2023〕125”", 1},
	} {
		_, page := s.login(tt.who).get("/documents/" + d.ID)
		text := html.UnescapeString(textOf(metaSection(t, page)))
		if !strings.Contains(text, tt.note) || strings.Count(text, "请核对") != tt.checks {
			t.Errorf("%s: the page does not say the 文号 is a guess (%s), 请核对 %d times: %.800s", tt.who, tt.note, tt.checks, text)
		}
	}
	wang := s.login("wang")
	form := url.Values{"title": {d.Title}, "doc_type": {"policy"}, "issuer": {d.Issuer}, "doc_number": {"教发〔2023〕125号"},
		"issued_on": {d.IssuedOn}, "department": {d.Department}, "round": {d.Round}}
	wang.post("/documents/"+d.ID, form)
	if _, page := wang.get("/documents/" + d.ID); strings.Contains(html.UnescapeString(textOf(page)), "请核对") &&
		strings.Contains(html.UnescapeString(textOf(page)), "原文为") {
		t.Errorf("the corrected 文号 still says it is a guess: %.800s", textOf(metaSection(t, page)))
	}
}

// TestSearchLineSaysADocNumberIsAGuess: the result line of a document
// whose 文号 was guessed from 杭教发（2018] 125 shows the guess marked as
// one, for whichever form of the 文号 an expert searched.
func TestSearchLineSaysADocNumberIsAGuess(t *testing.T) {
	s := newSite(t)
	d := uploadPolicyText(t, s, "评选通知.txt", testenv.GuessedNotice)
	if d.DocNumber != "杭教发〔2018〕12号" || d.DocNumberRead == "" {
		t.Fatalf("文号 %q read as %q; want 杭教发〔2018〕12号 marked a guess", d.DocNumber, d.DocNumberRead)
	}
	zhou := s.login("zhou")
	for _, q := range []string{"杭教发(2018]125", "杭教发〔2018〕125号", "杭教发〔2018〕12号"} {
		_, page := zhou.get("/search?q=" + url.QueryEscape(q))
		// textOf sets a space between elements; the mark is a span.
		_, line, _ := strings.Cut(html.UnescapeString(textOf(page)), "评选工作的通知")
		if !strings.Contains(strings.ReplaceAll(line, " ", ""), "杭教发〔2018〕12号（推断，请核对）") {
			t.Errorf("search %q: the result line does not mark the guessed 文号: %.300s", q, line)
		}
	}
}

// uploadPolicyText uploads text as the file name, a policy document of
// 330100, and returns it indexed.
func uploadPolicyText(t *testing.T, s *site, name, text string) *catalog.Document {
	t.Helper()
	st, err := s.env.Ingest.Stage(strings.NewReader(text), name)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: "330100", DocType: "policy"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload: %v %+v", err, out)
	}
	return s.env.WaitIndexed(out[0].Document.ID)
}
