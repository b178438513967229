package testenv

import (
	"context"
	"strings"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// ReturnedHandIn gives 市教育局 (its contributor jiaoyu) a task of
// indicator in city's round, hands in text as filename for it and has
// coord return the task (退回, 缺少文号): the document it returns is no
// evidence of indicator in that round (catalog.Store.ReturnedInRound).
func (e *Env) ReturnedHandIn(city string, round int, indicator, filename, text string, coord *catalog.User) *catalog.Document {
	e.T.Helper()
	ctx := context.Background()
	e.AddUserIn("jiaoyu", string(catalog.RoleContributor), city, "市教育局")
	jiaoyu := &catalog.User{Username: "jiaoyu", Role: catalog.RoleContributor, City: city, Department: "市教育局"}
	imp, err := e.Assignments.Import(ctx, Admin, assignments.ImportRequest{City: city, Round: round, Filename: "表.csv",
		Data: []byte(csvLines([]string{"指标编码", "责任单位", "截止日期", "联系人"}, []string{indicator, "市教育局", "2099-03-31", "张老师"}))})
	if err != nil {
		e.T.Fatalf("import the task of %s: %v", indicator, err)
	}
	task := imp.Assignments[0].ID
	st, err := e.Ingest.Stage(strings.NewReader(text), filename)
	if err != nil {
		e.T.Fatal(err)
	}
	defer st.Remove()
	out, err := e.Ingest.Upload(ctx, jiaoyu, ingest.UploadRequest{Meta: ingest.Meta{DocType: "work_summary"},
		Assignment: task, Files: []*ingest.Staged{st}})
	if err != nil {
		e.T.Fatalf("jiaoyu hands in %s: %v", filename, err)
	}
	if out[0].Err != nil {
		e.T.Fatalf("jiaoyu hands in %s: %v", filename, out[0].Err)
	}
	d := e.WaitIndexed(out[0].Document.ID)
	if _, err := e.Assignments.Return(ctx, coord, task, "缺少文号"); err != nil {
		e.T.Fatalf("return the task of %s: %v", indicator, err)
	}
	return d
}

// csvLines is a CSV of rows, cells joined by the ASCII commas a CSV
// takes (written as such, Chinese source text would want them full
// width).
func csvLines(rows ...[]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	return b.String()
}
