package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// TestLedgerFieldsAreTheLedgers: a department's 台账 uploaded as XLSX or
// XLS (or an "Excel" that is a web page's table) takes its title from the row merged over the table, else its
// sheet's name, else keeps its file name, never its header row; its
// 成文日期 from the 填报日期 row under the table, never a cell's 完成时限
// or the workbook's created and saved times; and no 文号 from the column
// of 文号 of the documents its rows carry out. Its text keeps the cells of
// a row apart: a phrase inside a cell is found, two cells do not run
// together into one.
func TestLedgerFieldsAreTheLedgers(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	tests := []struct {
		file                        string
		title, date, number, issuer string
	}{
		{"学分银行台账报送.xlsx", "2024年学分银行建设工作台账", "2024-07-05", "", "杭州市教育局"},
		{"学分银行台账报送.xls", "2024年学分银行建设工作台账", "2024-07-05", "", "杭州市教育局"},
		{"附件2.xlsx", "社区学校建设情况", "", "", ""},
		// An "Excel" a system exported as a web page's table, whose first
		// data row 1 | 1.1.1 | 市委市政府出台… was taken for its title.
		{"台账.xls", "杭州市学习型城市建设监测责任分解表（2018年度）", "2018-01-15", "", "杭州市学习型城市建设领导小组办公室"},
		// Header on top, Sheet1, created 2021-03-02 and saved 2024-07-08.
		{"学习型城市建设任务分解表.xlsx", "学习型城市建设任务分解表", "", "", ""},
	}
	ids := make([]string, len(tests))
	for i, tt := range tests {
		f, err := os.Open(filepath.Join("extract", "testdata", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		st, err := e.Ingest.Stage(f, tt.file)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		out, err := e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
			Meta: ingest.Meta{City: hangzhou, DocType: "statistics"}, Files: []*ingest.Staged{st}})
		st.Remove()
		if err != nil || out[0].Err != nil {
			t.Fatalf("%s: %v %v", tt.file, err, out[0].Err)
		}
		ids[i] = out[0].Document.ID
	}
	for i, tt := range tests {
		d := e.WaitFinished(ids[i], catalog.StatusIndexed)
		if d.Title != tt.title || d.IssuedOn != tt.date || d.DocNumber != tt.number || d.Issuer != tt.issuer {
			t.Errorf("%s: title %q, 成文日期 %q, 文号 %q, issuer %q; want %q, %q, %q, %q",
				tt.file, d.Title, d.IssuedOn, d.DocNumber, d.Issuer, tt.title, tt.date, tt.number, tt.issuer)
		}
	}

	_, text, err := e.Documents.Text(ctx, testenv.Admin, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if row := "1 | 市教育局 | 牵头建设学分银行平台 | 杭教职成〔2023〕5号 | 2024年6月30日 | 已上线试运行"; !strings.Contains(text.Pages[0], row) {
		t.Errorf("text lacks the row %q with its cells apart:\n%s", row, text.Pages[0])
	}
	for _, c := range []struct {
		query string
		found bool
	}{
		{`"牵头建设学分银行平台"`, true}, // a phrase inside one cell
		{`市教育局 牵头`, true},      // words of two cells of a row
		{`"局牵头"`, false},       // two cells do not run together
		{`"完成时限完成情况"`, false},
	} {
		res, err := e.Search.Search(ctx, search.Request{Query: c.query, User: testenv.Admin})
		if err != nil {
			t.Fatal(err)
		}
		if got := foundOnPage(res, ids[0], 1); got != c.found {
			t.Errorf("search %s: found %v, want %v (%d hits)", c.query, got, c.found, res.Total)
		}
	}
}
