package assignments_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

const (
	hangzhou = "330100"
	chengdu  = "510100"
)

var (
	admin    = &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	coordA   = &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: hangzhou}
	coordB   = &catalog.User{Username: "chen", Role: catalog.RoleCoordinator, City: chengdu}
	expert   = &catalog.User{Username: "zhou", Role: catalog.RoleExpert}
	jiaoyu   = &catalog.User{Username: "jiaoyu", Role: catalog.RoleContributor, City: hangzhou, Department: "市教育局"}
	renshe   = &catalog.User{Username: "renshe", Role: catalog.RoleContributor, City: hangzhou, Department: "杭州市人力资源和社会保障局"}
	cdJiaoyu = &catalog.User{Username: "cdjiaoyu", Role: catalog.RoleContributor, City: chengdu, Department: "教育局"}
)

// table is a responsibility table as people write one: Chinese headings,
// the city's name before some departments.
const table = `指标编码,责任单位,截止日期,联系人
2.3.1,市教育局,2018-03-31,张老师 0571-85251234
1.3.2,杭州市人力资源和社会保障局,2018/4/15,李科长
3.1.1,教育局,2018年4月30日,
`

func xlsxOf(t *testing.T, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		if err := f.SetSheetRow("Sheet1", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newService(t *testing.T) (*testenv.Env, *assignments.Service) {
	t.Helper()
	e := testenv.New(t)
	return e, e.Assignments
}

func TestImportAllOrNoneNamesEveryBadRow(t *testing.T) {
	ctx := context.Background()
	good := xlsxOf(t, [][]string{{"指标编码", "责任单位", "截止日期", "联系人"},
		{"2.3.1", "市教育局", "2018-03-31", "张老师"}, {"1.3.2", "市人社局", "2018-04-15", ""}})
	for _, tt := range []struct {
		name, file string
		data       []byte
		bad        []string // "第 N 行" with a phrase of why, in order
		english    []string // the same in English, when given
		added      int
	}{
		{"UTF-8 CSV with Chinese headings", "责任分解表.csv", []byte(table), nil, nil, 3},
		{"UTF-8 CSV with a BOM and English headings", "tasks.csv",
			[]byte("\ufeffindicator,department,due,contact\n2.3.1,市教育局,2018-03-31,张老师\n"), nil, nil, 1},
		{"GBK CSV as Excel in China saves it", "责任分解表.csv", gbk(t, table), nil, nil, 3},
		{"XLSX made by excelize", "责任分解表.xlsx", good, nil, nil, 2},
		{"GBK CSV with bad rows", "责任分解表.csv", gbk(t, "指标编码,责任单位,截止日期,联系人\n"+
			"2.3.1,市教育局,2018-03-31,张老师\n"+
			"9.9.9,市教育局,2018-03-31,\n"+
			"2.3.2,市教育局,2018-02-30,\n"+
			"2.3.3,,2018-03-31,\n"+
			"2.3,市民政局,2018-03-31,\n"+
			"2.3.1,杭州市教育局,2018-04-01,\n"+
			",市财政局,下月底,\n"),
			[]string{"第 3 行:指标编码“9.9.9”不在当前指标体系中", "第 4 行:截止日期“2018-02-30”不存在",
				"第 5 行:责任单位为空", "第 6 行:2.3 学习成果认证与学分积累 是2级指标", "第 7 行:与第 2 行重复", "第 8 行:指标编码为空\uFF1B截止日期“下月底”无法识别"},
			[]string{"The responsibility table has 6 rows with mistakes; nothing was imported",
				"\nRow 3: The indicator code “9.9.9” is not in the current framework\n",
				"\nRow 4: The due date “2018-02-30” does not exist; check the month and the day\n",
				"\nRow 5: The department is empty\n",
				"\nRow 6: 2.3 Recognition of learning outcomes is a level-2 indicator; only key (third-level) indicators are assigned to departments\n",
				"\nRow 7: Repeats row 2 (the same indicator and department)\n",
				"\nRow 8: The indicator code is empty. The due date “下月底” is not recognised"}, 0},
		{"XLSX with a bad date", "表.xlsx", xlsxOf(t, [][]string{{"indicator", "department", "due"},
			{"2.3.1", "市教育局", "明天"}}), []string{"第 2 行:截止日期“明天”无法识别"}, nil, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, s := newService(t)
			imp, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: tt.file, Data: tt.data})
			if tt.bad == nil {
				if err != nil {
					t.Fatalf("import: %v", err)
				}
				if imp.Added != tt.added || len(imp.Assignments) != tt.added {
					t.Fatalf("import added %d (%d listed), want %d", imp.Added, len(imp.Assignments), tt.added)
				}
				return
			}
			var ie *assignments.ImportError
			if !errors.As(err, &ie) || catalog.ErrorCode(err) != catalog.EINVALID {
				t.Fatalf("import of bad rows: %v, want an EINVALID ImportError", err)
			}
			if len(ie.Rows) != len(tt.bad) {
				t.Errorf("bad rows %+v, want %d", ie.Rows, len(tt.bad))
			}
			msg := strings.ReplaceAll(catalog.ErrorMessage(err), "：", ":")
			for _, want := range tt.bad {
				if !strings.Contains(msg, want) {
					t.Errorf("the message does not name %q:\n%s", want, msg)
				}
			}
			en := catalog.MessageIn(err, true)
			for _, want := range tt.english {
				if !strings.Contains(en, want) {
					t.Errorf("the English message does not say %q:\n%s", want, en)
				}
			}
			if list, _ := e.Catalog.FindAssignments(ctx, catalog.AssignmentFilter{City: hangzhou}); len(list) != 0 {
				t.Errorf("a refused table stored %d assignments; want none", len(list))
			}
		})
	}
}

// TestAddReportsEveryMistakeOfTheTaskBesideItsField: a task added by
// hand is checked as a table row is, and every mistake comes back at
// once about its field of the form, in Chinese and in English.
func TestAddReportsEveryMistakeOfTheTaskBesideItsField(t *testing.T) {
	_, s := newService(t)
	long := strings.Repeat("张", 201)
	_, err := s.Add(context.Background(), coordA, assignments.NewAssignment{Round: 2018, Indicator: "2.3", Due: "2018-02-30", Contact: long})
	want := []struct{ field, zh, en string }{
		{"indicator", "2.3 学习成果认证与学分积累 是2级指标\uFF0C只能分解关键指标\uFF08三级指标\uFF09",
			"2.3 Recognition of learning outcomes is a level-2 indicator; only key (third-level) indicators are assigned to departments"},
		{"department", "责任单位为空", "The department is empty"},
		{"due", "截止日期“2018-02-30”不存在\uFF0C请检查月和日",
			"The due date “2018-02-30” does not exist; check the month and the day"},
		{"contact", "联系人超过 200 字", "The contact is over 200 characters"},
	}
	got := catalog.Each(err)
	if catalog.ErrorCode(err) != catalog.EINVALID || len(got) != len(want) {
		t.Fatalf("a task with four mistakes: %v, want %d EINVALID errors", err, len(want))
	}
	for i, w := range want {
		if g := got[i]; g.Field != w.field || g.Message != w.zh || g.English != w.en {
			t.Errorf("mistake %d: %s %q %q, want %s %q %q", i+1, g.Field, g.Message, g.English, w.field, w.zh, w.en)
		}
	}
}

// TestTablesRefusedWholeSayWhyInEnglish: a responsibility table refused
// as a whole (not a table, empty, headings missing, no rows) says why in
// English too.
func TestTablesRefusedWholeSayWhyInEnglish(t *testing.T) {
	_, s := newService(t)
	for _, tt := range []struct{ file, data, en string }{
		{"责任分解表.pdf", "%PDF-1.4", `The table format “.pdf” is not supported; use .xlsx, .xls, .et or .csv`},
		{"责任分解表.xlsx", "not a zip", "This is not a valid Excel or WPS workbook; save it as .xlsx in Excel or WPS, then import it"},
		{"责任分解表.csv", "", "The table is empty"},
		{"责任分解表.csv", "指标编码,部门,联系人\n2.3.1,市教育局,张老师\n",
			"The first 10 rows have no header with the due column (截止日期); the header should read: indicator, department, due, contact (title rows above it may stay)"},
		{"责任分解表.csv", "指标编码,责任单位,截止日期\n", "The table has no task rows; each row under the header (row 1) should be one task"},
	} {
		_, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: tt.file, Data: []byte(tt.data)})
		if en := catalog.MessageIn(err, true); catalog.ErrorCode(err) != catalog.EINVALID || en != tt.en {
			t.Errorf("%s %q: %v, in English %q, want %q", tt.file, tt.data, err, en, tt.en)
		}
	}
}

func TestDepartmentsTypedSeveralWaysAreOne(t *testing.T) {
	ctx := context.Background()
	_, s := newService(t)
	imp, err := s.Import(ctx, admin, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "a.csv", Data: []byte(table)})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(imp.NewDepartments, []string{"市教育局", "杭州市人力资源和社会保障局"}) {
		t.Errorf("new departments %v, want 市教育局 (教育局 is the same) and 杭州市人力资源和社会保障局", imp.NewDepartments)
	}
	depts, err := s.Departments(ctx, coordA, hangzhou)
	if err != nil || len(depts) != 2 {
		t.Fatalf("departments of 杭州: %+v %v", depts, err)
	}
	if _, err := s.AddDepartment(ctx, coordA, hangzhou, "杭州市教育局"); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("adding 杭州市教育局 next to 市教育局: %v, want ECONFLICT", err)
	}
	var edu catalog.Department
	for _, d := range depts {
		if d.Name == "市教育局" {
			edu = d
		}
	}
	err = s.DeleteDepartment(ctx, coordA, edu.ID)
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "2 项") {
		t.Errorf("deleting a department with 2 assignments: %v, want EINVALID naming the count", err)
	}
	other, err := s.AddDepartment(ctx, coordA, "", "市妇联")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteDepartment(ctx, coordB, other.ID); catalog.ErrorCode(err) != catalog.ENOTFOUND {
		t.Errorf("成都's coordinator deleting a department of 杭州: %v, want ENOTFOUND", err)
	}
	if err := s.DeleteDepartment(ctx, coordA, other.ID); err != nil {
		t.Errorf("deleting a department without assignments: %v", err)
	}
}

// imported is 杭州's table of three assignments, by indicator code.
func imported(t *testing.T, s *assignments.Service) map[string]*catalog.Assignment {
	t.Helper()
	imp, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "a.csv", Data: []byte(table)})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*catalog.Assignment{}
	for i := range imp.Assignments {
		out[imp.Assignments[i].Indicator] = &imp.Assignments[i]
	}
	return out
}

func TestContributorsSeeTheirOwnAssignments(t *testing.T) {
	ctx := context.Background()
	_, s := newService(t)
	a := imported(t, s)
	list, err := s.List(ctx, jiaoyu, assignments.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, task := range list {
		codes = append(codes, task.Indicator)
	}
	if !slices.Equal(codes, []string{"2.3.1", "3.1.1"}) {
		t.Errorf("市教育局 sees %v, want its own 2.3.1 and 3.1.1 (教育局 is 市教育局)", codes)
	}
	if list[0].IndicatorInfo == "" {
		t.Errorf("a task does not say what evidence is wanted (信息性质说明)")
	}
	// Another department asked for is refused saying whose tasks the
	// account sees, not answered with its own under that name (probe
	// s55); its own, under another name, is its own.
	for _, asked := range []string{"杭州市人力资源和社会保障局", "市园林局"} {
		_, err := s.List(ctx, jiaoyu, assignments.Filter{Department: asked})
		if catalog.ErrorCode(err) != catalog.ENOTFOUND || !strings.Contains(catalog.ErrorMessage(err), "您的账号属于市教育局") ||
			!strings.Contains(catalog.MessageIn(err, true), "your account belongs to 市教育局") {
			t.Errorf("a contributor asking for %s: %v, want ENOTFOUND naming its own department, in English too", asked, err)
		}
	}
	if list, err := s.List(ctx, jiaoyu, assignments.Filter{Department: "教育局"}); err != nil || len(list) != 2 {
		t.Errorf("a contributor asking for its own department by another name: %d tasks, %v; want its own 2", len(list), err)
	}
	if list, _ := s.List(ctx, cdJiaoyu, assignments.Filter{City: hangzhou}); len(list) != 0 {
		t.Errorf("成都's 教育局 sees %d of 杭州's tasks", len(list))
	}
	if list, _ := s.List(ctx, coordB, assignments.Filter{}); len(list) != 0 {
		t.Errorf("成都's coordinator sees %d of 杭州's tasks", len(list))
	}
	if list, _ := s.List(ctx, expert, assignments.Filter{City: hangzhou, Department: "市人力资源和社会保障局"}); len(list) != 1 {
		t.Errorf("an expert filtering 杭州 by 市人力资源和社会保障局 got %d tasks, want 1", len(list))
	}
	for who, u := range map[string]*catalog.User{"another department": renshe, "another city's department": cdJiaoyu,
		"another city's coordinator": coordB} {
		if _, err := s.Get(ctx, u, a["2.3.1"].ID); catalog.ErrorCode(err) != catalog.ENOTFOUND {
			t.Errorf("%s reading 市教育局's task: %v, want ENOTFOUND", who, err)
		}
	}
}

func TestStateMachineAndWhoMayMoveIt(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	s.SetClock(func() time.Time { return time.Date(2018, 4, 10, 12, 0, 0, 0, time.UTC) })
	a := imported(t, s)
	task := a["2.3.1"] // 市教育局, due 2018-03-31: overdue on 2018-04-10
	got, _ := s.Get(ctx, coordA, task.ID)
	if got.Status != catalog.AssignmentOpen || !got.Overdue {
		t.Fatalf("a new task due before today: %s overdue %v, want open and overdue", got.Status, got.Overdue)
	}
	if got, _ := s.Get(ctx, coordA, a["1.3.2"].ID); got.Overdue {
		t.Errorf("a task due 2018-04-15 is overdue on 2018-04-10")
	}
	if _, err := s.Accept(ctx, coordA, task.ID, ""); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("accepting an open task: %v, want ECONFLICT", err)
	}

	upload := func(u *catalog.User, id, text string) ([]ingest.Outcome, error) {
		st, err := e.Ingest.Stage(strings.NewReader(text), "学分银行工作总结.txt")
		if err != nil {
			t.Fatal(err)
		}
		defer st.Remove()
		return e.Ingest.Upload(ctx, u, ingest.UploadRequest{Meta: ingest.Meta{DocType: "work_summary"}, Assignment: id,
			Files: []*ingest.Staged{st}})
	}
	// Nobody but the department, the city's coordinator and admins hands in.
	for who, u := range map[string]*catalog.User{"another department": renshe, "another city's department": cdJiaoyu,
		"another city's coordinator": coordB} {
		if _, err := upload(u, task.ID, "杭州市学分银行建设情况"); catalog.ErrorCode(err) != catalog.ENOTFOUND {
			t.Errorf("%s handing in for 市教育局: %v, want ENOTFOUND", who, err)
		}
	}
	if _, err := upload(expert, task.ID, "杭州市学分银行建设情况"); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("an expert handing in: %v, want EFORBIDDEN", err)
	}
	if _, err := upload(jiaoyu, "", "杭州市学分银行建设情况"); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("a contributor uploading without a task: %v, want EFORBIDDEN", err)
	}
	if got, _ := s.Get(ctx, coordA, task.ID); got.Status != catalog.AssignmentOpen || len(got.Documents) != 0 {
		t.Fatalf("refused uploads changed the task: %+v", got.Assignment)
	}

	// open → submitted, by the department.
	out, err := upload(jiaoyu, task.ID, "杭州市学分银行建设工作总结:已建成市民学分银行。")
	if err != nil || out[0].Err != nil {
		t.Fatalf("市教育局 handing in: %v %v", err, out)
	}
	doc := e.WaitIndexed(out[0].Document.ID)
	if doc.City != hangzhou || doc.Department != "市教育局" || doc.Round != "2018" {
		t.Errorf("the document handed in: city %s department %s round %s", doc.City, doc.Department, doc.Round)
	}
	if links, _ := e.Catalog.DocumentLinks(ctx, doc.ID); len(links) != 1 || links[0].IndicatorCode != "2.3.1" {
		t.Errorf("the document is linked to %+v, want the task's indicator 2.3.1", links)
	}
	got, _ = s.Get(ctx, jiaoyu, task.ID)
	if got.Status != catalog.AssignmentSubmitted || got.Overdue || !slices.Equal(got.Documents, []string{doc.ID}) {
		t.Fatalf("after handing in: %s overdue %v documents %v", got.Status, got.Overdue, got.Documents)
	}
	// Only the city's coordinator or admins return and accept.
	for who, u := range map[string]*catalog.User{"the department": jiaoyu, "an expert": expert} {
		if _, err := s.Return(ctx, u, task.ID, "缺少文号"); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
			t.Errorf("%s returning: %v, want EFORBIDDEN", who, err)
		}
		if _, err := s.Accept(ctx, u, task.ID, ""); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
			t.Errorf("%s accepting: %v, want EFORBIDDEN", who, err)
		}
	}
	if _, err := s.Accept(ctx, coordB, task.ID, ""); catalog.ErrorCode(err) != catalog.ENOTFOUND {
		t.Errorf("成都's coordinator accepting: %v, want ENOTFOUND", err)
	}
	if _, err := s.Return(ctx, coordA, task.ID, "  "); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("returning without a reason: %v, want EINVALID", err)
	}
	// submitted → returned with a reason the department sees; overdue again.
	if _, err := s.Return(ctx, coordA, task.ID, "缺少正式文件的文号和印章页"); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Get(ctx, jiaoyu, task.ID)
	if got.Status != catalog.AssignmentReturned || got.Reason != "缺少正式文件的文号和印章页" || !got.Overdue {
		t.Errorf("after return: %s reason %q overdue %v", got.Status, got.Reason, got.Overdue)
	}
	// returned → submitted → accepted.
	if out, err := upload(jiaoyu, task.ID, "杭政办发〔2018〕12号 杭州市学分银行管理办法"); err != nil || out[0].Err != nil {
		t.Fatalf("handing in again: %v %v", err, out)
	}
	e.WaitHandedInRead(task.ID)
	if _, err := s.Accept(ctx, admin, task.ID, ""); err != nil {
		t.Fatalf("admin accepting: %v", err)
	}
	got, _ = s.Get(ctx, coordA, task.ID)
	if got.Status != catalog.AssignmentAccepted || got.Reason != "" || len(got.Documents) != 2 {
		t.Errorf("after acceptance: %s reason %q documents %v", got.Status, got.Reason, got.Documents)
	}
	if _, err := upload(jiaoyu, task.ID, "补充材料"); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("handing in for an accepted task: %v, want ECONFLICT", err)
	}
	// Every transition is in the audit log.
	events, _ := e.Catalog.FindEvents(ctx, catalog.EventFilter{Object: "assignment:" + task.ID})
	var actions []string
	for _, ev := range events {
		actions = append(actions, ev.Action)
	}
	want := []string{"assignment.accepted", "assignment.submitted", "assignment.returned", "assignment.submitted"}
	if !slices.Equal(actions, want) {
		t.Errorf("audit of the task: %v, want %v", actions, want)
	}

	progress, err := s.Progress(ctx, coordA, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	wantProgress := fmt.Sprint([]assignments.DepartmentProgress{
		// Neither has an account in this catalog: nobody receives their tasks.
		{Department: "市教育局", Contact: "张老师 0571-85251234", Contacts: []string{"张老师 0571-85251234"}, NoAccount: true,
			Total: 2, Open: 1, Accepted: 1, Overdue: 0},
		{Department: "杭州市人力资源和社会保障局", Contact: "李科长", Contacts: []string{"李科长"}, NoAccount: true, Total: 1, Open: 1},
	})
	if fmt.Sprint(progress) != wantProgress {
		t.Errorf("progress %v, want %v", progress, wantProgress)
	}
	s.SetClock(func() time.Time { return time.Date(2018, 5, 1, 0, 30, 0, 0, chinaOffset) })
	progress, _ = s.Progress(ctx, jiaoyu, "", 0)
	if len(progress) != 1 || progress[0].Department != "市教育局" || progress[0].Overdue != 1 {
		t.Errorf("市教育局's own progress on 2018-05-01 (3.1.1 due 04-30): %+v", progress)
	}
}

var chinaOffset = time.FixedZone("CST", 8*3600)

func TestParseDue(t *testing.T) {
	for in, want := range map[string]string{"2018-03-31": "2018-03-31", "2018/3/1": "2018-03-01", "2018.3.31": "2018-03-31",
		"2018年3月31日": "2018-03-31", "03-31-18": "2018-03-31", "2018-02-30": "", "明天": "", "31/3/2018": ""} {
		got, ok := assignments.ParseDue(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseDue(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
}

// A big city's table of 5,000 rows imports in seconds (issue 13).
func TestImportOf5000Rows(t *testing.T) {
	if testing.Short() {
		t.Skip("5,000-row import skipped in -short")
	}
	ctx := context.Background()
	e, s := newService(t)
	_, inds, err := e.Catalog.CurrentFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, ind := range inds {
		if ind.Level == catalog.KeyLevel {
			keys = append(keys, ind.Code)
		}
	}
	var b strings.Builder
	b.WriteString("指标编码,责任单位,截止日期,联系人\n")
	for n := 0; n < 5000; n++ {
		fmt.Fprintf(&b, "%s,第%d成员单位,2018-06-30,联络员%d\n", keys[n%len(keys)], n/len(keys), n)
	}
	start := time.Now()
	imp, err := s.Import(ctx, admin, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "大表.csv", Data: []byte(b.String())})
	took := time.Since(start)
	if err != nil || imp.Added != 5000 {
		t.Fatalf("5,000 rows: %v, added %d", err, imp.Added)
	}
	t.Logf("5,000 rows imported in %s", took)
	if took > 20*time.Second {
		t.Errorf("5,000 rows took %s; want seconds", took)
	}
}

// TestNamedTasksAreThoseGetGives: the tasks the audit log names a page's
// by, all at once, are those Get gives one by one: 市教育局 its own,
// 杭州's coordinator all of 杭州's, 成都's coordinator and 人社局 none of
// 教育局's; an unknown task is absent.
func TestNamedTasksAreThoseGetGives(t *testing.T) {
	ctx := context.Background()
	_, s := newService(t)
	a := imported(t, s)
	ids := []string{a["2.3.1"].ID, a["1.3.2"].ID, "01NOSUCHTASK0000000000000"}
	for who, u := range map[string]*catalog.User{"市教育局": jiaoyu, "人社局": renshe, "杭州's coordinator": coordA, "成都's coordinator": coordB} {
		named, err := s.Named(ctx, u, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			task, getErr := s.Get(ctx, u, id)
			n := named[id]
			if (getErr == nil) != (n != nil) {
				t.Errorf("%s: task %s named %v, but Get says %v", who, id, n != nil, getErr)
				continue
			}
			if n != nil && (n.Department != task.Department || n.Indicator != task.Indicator || n.City != task.City) {
				t.Errorf("%s: task %s named %s %s · %s, Get gives %s %s · %s", who, id, n.City, n.Department, n.Indicator, task.City, task.Department, task.Indicator)
			}
		}
	}
	if named, _ := s.Named(ctx, jiaoyu, ids); named[a["2.3.1"].ID] == nil || len(named) != 1 {
		t.Errorf("市教育局 is named %d tasks, want its own 2.3.1 alone", len(named))
	}
}
