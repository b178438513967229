package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// redHeaderNotice is a 红头 notice as a TXT file: masthead, 文号, a title
// wrapped over two lines, a cited document, the signature and the date.
const redHeaderNotice = `杭州市人民政府办公厅文件

杭政办函〔2017〕45号

杭州市人民政府办公厅关于印发杭州市学分银行
建设实施方案的通知

各区、县（市）人民政府，市政府各部门：
    《杭州市学分银行建设实施方案》已经市政府同意，现印发给你们。根据《浙江省人民政府关于推进学习型社会建设的意见》（浙政发〔2016〕3号）精神，请认真组织实施。

杭州市人民政府办公厅
二〇一七年六月二日
`

func uploadOne(t *testing.T, e *testenv.Env, meta ingest.Meta, name, text string) *catalog.Document {
	t.Helper()
	out, err := e.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{Meta: meta,
		Files: []*ingest.Staged{stage(t, e, name, text)}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload %s: %v %+v", name, err, out)
	}
	return out[0].Document
}

func TestUploadFillsFieldsFromTheText(t *testing.T) {
	e := testenv.New(t)
	stored := uploadOne(t, e, ingest.Meta{City: hangzhou, DocType: "policy"}, "scan-0045.txt", redHeaderNotice)
	// Before the text is read the round is the current one (2018), and
	// marked as inferred.
	if stored.Round != "2018" || !slices.Equal(stored.ExtractedFields, []string{catalog.FieldRound}) {
		t.Errorf("at upload: round %q, extracted %v; want the current round 2018, inferred", stored.Round, stored.ExtractedFields)
	}
	d := e.WaitIndexed(stored.ID)
	want := catalog.Document{Title: "杭州市人民政府办公厅关于印发杭州市学分银行建设实施方案的通知", DocNumber: "杭政办函〔2017〕45号",
		Issuer: "杭州市人民政府办公厅", IssuedOn: "2017-06-02", Round: "2017"}
	if d.Title != want.Title || d.DocNumber != want.DocNumber || d.Issuer != want.Issuer || d.IssuedOn != want.IssuedOn || d.Round != want.Round {
		t.Errorf("fields: got title %q 文号 %q issuer %q date %q round %q, want %q %q %q %q %q", d.Title, d.DocNumber,
			d.Issuer, d.IssuedOn, d.Round, want.Title, want.DocNumber, want.Issuer, want.IssuedOn, want.Round)
	}
	for _, f := range []string{catalog.FieldTitle, catalog.FieldDocNumber, catalog.FieldIssuer, catalog.FieldIssuedOn, catalog.FieldRound} {
		if !d.IsExtracted(f) {
			t.Errorf("extracted_fields %v lacks %s", d.ExtractedFields, f)
		}
	}
	// The index follows: the year facet and the title come from the text.
	res, err := e.Search.Search(context.Background(), search.Request{Query: "学分银行", Years: []int{2017}, User: testenv.Admin})
	if err != nil || res.Total != 1 || res.Hits[0].Title != want.Title {
		t.Fatalf("search 学分银行 in 2017: %+v %v, want the notice under its read title", res, err)
	}

	// Correcting a field makes it typed; the others stay marked.
	fixed := "杭州市政府办公厅"
	d, err = e.Documents.Edit(context.Background(), testenv.Admin, d.ID, catalog.DocumentPatch{Issuer: &fixed, Title: &d.Title})
	if err != nil {
		t.Fatal(err)
	}
	if d.IsExtracted(catalog.FieldIssuer) || !d.IsExtracted(catalog.FieldTitle) || !d.IsExtracted(catalog.FieldDocNumber) {
		t.Errorf("after correcting the issuer, extracted_fields %v: want title and 文号 still marked, issuer not", d.ExtractedFields)
	}
}

func TestUploaderValuesWinOverTheText(t *testing.T) {
	e := testenv.New(t)
	meta := ingest.Meta{City: hangzhou, DocType: "policy", Title: "学分银行实施方案(印发稿)", DocNumber: "杭政办函〔2017〕46号",
		Issuer: "杭州市教育局", IssuedOn: "2017-07-01", Round: "2017"}
	d := e.WaitIndexed(uploadOne(t, e, meta, "notice.txt", redHeaderNotice).ID)
	if d.Title != meta.Title || d.DocNumber != meta.DocNumber || d.Issuer != meta.Issuer || d.IssuedOn != meta.IssuedOn || d.Round != meta.Round {
		t.Errorf("typed fields changed: %+v", d)
	}
	if len(d.ExtractedFields) != 0 {
		t.Errorf("extracted_fields %v, want none when everything was typed", d.ExtractedFields)
	}

	// A typed date decides the round at once; the rest is read.
	d = e.WaitIndexed(uploadOne(t, e, ingest.Meta{City: chengdu, DocType: "policy", IssuedOn: "2017-06-30"}, "n.txt", redHeaderNotice).ID)
	if d.IssuedOn != "2017-06-30" || d.Round != "2017" || d.IsExtracted(catalog.FieldIssuedOn) || !d.IsExtracted(catalog.FieldDocNumber) {
		t.Errorf("typed date: got date %q round %q extracted %v", d.IssuedOn, d.Round, d.ExtractedFields)
	}
}

func TestWorkSummaryGetsNoCitedDocNumber(t *testing.T) {
	e := testenv.New(t)
	summary := "上城区2016年社区教育工作总结\n\n    根据杭政办发〔2016〕12号文件精神，我区推进社区教育。\n\n杭州市上城区教育局\n2016年12月20日\n"
	d := e.WaitIndexed(uploadOne(t, e, ingest.Meta{City: hangzhou, DocType: "work_summary"}, "总结.txt", summary).ID)
	if d.DocNumber != "" || d.IsExtracted(catalog.FieldDocNumber) {
		t.Errorf("a summary citing a notice got 文号 %q", d.DocNumber)
	}
	// 2016 is no round: the current one.
	if d.IssuedOn != "2016-12-20" || d.Round != "2018" || d.Title != "上城区2016年社区教育工作总结" {
		t.Errorf("summary: date %q round %q title %q", d.IssuedOn, d.Round, d.Title)
	}
}

// TestReportCitingAPolicyKeepsItsOwnFields uploads the real eight-city
// report, which has no title line and only cites 教职成〔2014〕10号, beside
// the policy that bears that 文号: the report keeps its file name as its
// title, gets no 文号, names the two bodies on its cover, and a search for
// the 文号 finds the policy first.
func TestReportCitingAPolicyKeepsItsOwnFields(t *testing.T) {
	e := testenv.New(t)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("fields", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	policy := e.WaitIndexed(uploadOne(t, e, ingest.Meta{City: hangzhou, DocType: "policy"}, "教育部七部门意见.txt",
		read("03_moe_opinion.txt")).ID)
	if policy.DocNumber != "教职成〔2014〕10号" {
		t.Fatalf("the policy's 文号: got %q, want 教职成〔2014〕10号", policy.DocNumber)
	}
	const name = "八城市学习型城市建设监测项目实践报告.txt"
	d := e.WaitIndexed(uploadOne(t, e, ingest.Meta{City: hangzhou, DocType: "work_summary"}, name,
		read("47_eight_city_report.txt")).ID)
	want := catalog.Document{Title: "八城市学习型城市建设监测项目实践报告", Issuer: "中国成人教育协会、北京教育科学研究院", IssuedOn: "2019-03-15"}
	if d.Title != want.Title || d.DocNumber != "" || d.Issuer != want.Issuer || d.IssuedOn != want.IssuedOn {
		t.Errorf("report: got title %q 文号 %q issuer %q date %q, want %q, no 文号, %q, %q", d.Title, d.DocNumber,
			d.Issuer, d.IssuedOn, want.Title, want.Issuer, want.IssuedOn)
	}
	if d.IsExtracted(catalog.FieldTitle) || d.IsExtracted(catalog.FieldDocNumber) {
		t.Errorf("extracted_fields %v: the file name is no title read from the text, and there is no 文号", d.ExtractedFields)
	}
	// The search lists the report below the policy, under its file name
	// and without the 文号 it cites.
	res, err := e.Search.Search(context.Background(), search.Request{Query: "教职成〔2014〕10号", User: testenv.Admin})
	if err != nil || len(res.Hits) != 2 || res.Hits[0].ID != policy.ID {
		t.Fatalf("search 教职成〔2014〕10号: %+v %v, want the policy %s first, then the report", res, err, policy.ID)
	}
	if h := res.Hits[1]; h.ID != d.ID || h.Title != want.Title || h.DocNumber != "" {
		t.Errorf("the report's hit: %s %q 文号 %q, want %s %q without a 文号", h.ID, h.Title, h.DocNumber, d.ID, want.Title)
	}
}
