package assignments_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestTablesAsDepartmentsMakeThem: a responsibility table as a city's
// office makes it in Excel or WPS — a title and a 填报单位 line above a
// heading of two rows (指标 over 编码 and 名称), *截止日期（YYYY-MM-DD）,
// section banners merged across the row, 市教育局 written once beside the
// three indicators it answers for, codes written before the name or only
// the name, notes and signatures under the table — imports as the tasks a
// person reads in it, saved as XLSX, as Excel 97–2003 (.xls) or as WPS
// saves it (.et, the same format), read in the extraction sandbox.
// testdata/带标题和合并单元格的责任分解表.xlsx and .xls are the .html beside
// them converted by LibreOffice (soffice --headless --infilter="HTML
// (StarCalc)" --convert-to xlsx, and --convert-to "xls:MS Excel 97");
// testdata/台账.xls is that .html declared gb2312 and written in GB18030,
// testdata/责任分解表.xls the same table as tab-separated GB18030 text
// (both made with Python; see ingest/extract/testdata/README.md).
func TestTablesAsDepartmentsMakeThem(t *testing.T) {
	xlsx, err := os.ReadFile("testdata/带标题和合并单元格的责任分解表.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	xls, err := os.ReadFile("testdata/带标题和合并单元格的责任分解表.xls")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1.1.1 市教育局 2018-03-31 张老师", "1.1.2 市教育局 2018-03-31 张老师",
		"1.1.3 市教育局 2018-04-15 张老师", "2.1.1 市民政局 2018-04-30 李四"}
	for _, tt := range []struct {
		name, file string
		data       []byte
		want       []string
	}{
		{"XLSX by LibreOffice with merged cells", "责任分解表.xlsx", xlsx, want},
		{"XLS (Excel 97) by LibreOffice with merged cells", "责任分解表.xls", xls, want},
		{"the same workbook as WPS names it", "责任分解表.et", xls, want},
		{"an XLSX named .xls", "责任分解表.xls", xlsx, want},
		{"an XLS named .xlsx", "责任分解表.xlsx", xls, want},
		// What government systems and WPS export as "Excel": an HTML
		// table in GBK (the .html beside it, declared gb2312), merged
		// cells as rowspan and colspan; tab-separated GB18030 text with
		// a title row and a quoted word in a cell.
		{"an HTML table named .xls", "台账.xls", mustRead(t, "testdata/台账.xls"), want},
		{"GB18030 tab-separated text named .xls", "责任分解表.xls", mustRead(t, "testdata/责任分解表.xls"), want},
		// Excel 2003's XML Spreadsheet named .xls, the .html converted by
		// LibreOffice (--convert-to 'xml:MS Excel 2003 XML'): cells merged
		// from above written as no cell at all.
		{"an Excel 2003 XML Spreadsheet named .xls", "责任分解表.xls", mustRead(t, "testdata/XML表格的责任分解表.xls"), want},
		// A single-file web page (MHT) named .xls: Excel's frameset (its
		// script writing a <table>), then the table's page in GB18030 (declared gb2312), quoted-printable
		// (ingest/extract/testdata/src/mkmht.py).
		{"an MHT single-file web page named .xls", "责任分解表.xls", mustRead(t, "testdata/单个文件网页的责任分解表.xls"), want},
		// As WPS writes one: its script js.js and the tab strip of sheet
		// names sent as text/html before the sheet, UTF-8 pages labelled
		// charset="us-ascii".
		{"a WPS MHT single-file web page named .xls", "责任分解表.xls", mustRead(t, "testdata/WPS单个文件网页的责任分解表.xls"), want},
		{"CSV with a title row and words around the headings", "责任分解表.csv", []byte("杭州市学习型城市建设监测责任分解表,,,\n" +
			"填报单位：市学习办,,,\n" +
			"\"关键\n指标\",\"*牵头单位\",完成时限（年月日）,联系人及电话\n" +
			"一、组织领导,,,\n" +
			"1.1.1、市委市政府出台推进学习型城市建设的决定、意见或规划,市教育局,2018-03-31,张老师\n" +
			"注：请按时上传。,,,\n"), want[:1]},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, s := newService(t)
			imp, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: tt.file, Data: tt.data})
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			var got []string
			for _, a := range imp.Assignments {
				got = append(got, strings.Join([]string{a.Indicator, a.Department, a.Due, a.Contact}, " "))
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("imported %q, want %q", got, tt.want)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTableRowsAreNumberedAsTheSheetShows: a bad row under a heading on
// row 3 is named by the number the spreadsheet shows beside it, and a
// table whose heading is not in its first rows says where it was looked
// for.
func TestTableRowsAreNumberedAsTheSheetShows(t *testing.T) {
	_, s := newService(t)
	_, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv",
		Data: []byte("杭州市责任分解表,,\n\n指标编码,责任单位,截止日期\n1.1.1,市教育局,2018-03-31\n9.9.9,市教育局,2018-03-31\n")})
	if msg := strings.ReplaceAll(catalog.ErrorMessage(err), "：", ":"); !strings.Contains(msg, "第 5 行:指标编码“9.9.9”不在当前指标体系中") {
		t.Errorf("a bad row on the sheet's row 5: %v", err)
	}
	_, err = s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv",
		Data: []byte(strings.Repeat("说明文字\n", 10) + "指标编码,责任单位,截止日期\n1.1.1,市教育局,2018-03-31\n")})
	if en := catalog.MessageIn(err, true); catalog.ErrorCode(err) != catalog.EINVALID ||
		en != "The first 10 rows have no header with the indicator column (指标编码); the header should read: indicator, department, due, contact (title rows above it may stay)" {
		t.Errorf("a heading on row 11: %v, in English %q", err, en)
	}
}

// TestDamagedXLSIsRefused: an .xls that makes the XLS reader panic (a
// cell's record claiming 64 KiB past the end of its stream) is refused
// with a message saying what to do, nothing of it is imported, and the
// next table imports as it would have.
func TestDamagedXLSIsRefused(t *testing.T) {
	xls, damaged := testfiles.ResponsibilityXLS(t)
	e, s := newService(t)
	ctx := context.Background()
	_, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.xls", Data: damaged})
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "已损坏或格式不正确") ||
		!strings.Contains(catalog.MessageIn(err, true), "save it as .xlsx") {
		t.Errorf("a damaged .xls: %v, want EINVALID saying it is damaged and to save it as .xlsx", err)
	}
	if tasks, err := e.Assignments.List(ctx, coordA, assignments.Filter{City: hangzhou, Round: 2018}); err != nil || len(tasks) != 0 {
		t.Errorf("after a damaged .xls: %d tasks, %v; want none", len(tasks), err)
	}
	imp, err := s.Import(ctx, coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.xls", Data: xls})
	if err != nil || imp.Added != 4 {
		t.Fatalf("the sound .xls after the damaged one: %+v, %v", imp, err)
	}
}

// TestIndicatorWrittenAsAName: a key indicator's name with brackets of
// the other width is the indicator; a name that is no indicator's is said
// to be a name, not a code; a code followed by another indicator's name
// is a mistyped code, refused rather than taken on trust.
func TestIndicatorWrittenAsAName(t *testing.T) {
	_, s := newService(t)
	imp, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv",
		Data: []byte("关键指标,责任单位,截止日期\n颁布终身教育(学习)促进地方性法规,市教育局,2018-03-31\n1.1.1 市委决定,市教育局,2018-03-31\n")})
	if err != nil || len(imp.Assignments) != 2 || imp.Assignments[0].Indicator != "1.1.2" || imp.Assignments[1].Indicator != "1.1.1" {
		t.Fatalf("a name with half-width brackets and a code before a shortened name: %+v %v, want 1.1.2 and 1.1.1", imp, err)
	}
	for data, want := range map[string]string{
		"关键指标,责任单位,截止日期\n1.1.2 市委市政府出台推进学习型城市建设的决定、意见或规划,市教育局,2018-03-31\n": "第 2 行:指标编码 1.1.2 与所写名称不符:所写名称是指标 1.1.1 的名称",
		"关键指标,责任单位,截止日期\n社区学习共同体培育,市教育局,2018-03-31\n":                       "第 2 行:指标“社区学习共同体培育”不在当前指标体系中",
	} {
		_, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv", Data: []byte(data)})
		if msg := strings.NewReplacer("：", ":", "；", ";").Replace(catalog.ErrorMessage(err)); !strings.Contains(msg, want) {
			t.Errorf("%q: %v, want %q", data, err, want)
		}
	}
}

// TestIndicatorCodeBesideItsName: in a table with the code and the key
// indicator's name in columns of their own, a mistyped code (a letter
// for a digit, which left the level-2 3.1 read as the code) is named as
// written, with the code its name gives; a code beside another key
// indicator's name is refused the same way; a shortened name says
// nothing, and a code and name that agree import.
func TestIndicatorCodeBesideItsName(t *testing.T) {
	_, s := newService(t)
	const heading = "序号,指标编码,关键指标,责任单位,截止日期\n"
	for data, want := range map[string]string{
		heading + "6,3.1.l,举办全民终身学习活动周（学习节）,市教育局,2018-10-31\n": "第 2 行:指标编码“3.1.l”与所写指标名称不符:按名称“举办全民终身学习活动周(学习节)”应为 3.1.1",
		heading + "6,3.1.2,举办全民终身学习活动周(学习节),市教育局,2018-10-31\n": "第 2 行:指标编码“3.1.2”与所写指标名称不符:按名称“举办全民终身学习活动周(学习节)”应为 3.1.1",
		heading + "6,3.1.x,全民学习活动,市教育局,2018-10-31\n":           "第 2 行:指标编码“3.1.x”不在当前指标体系中",
	} {
		_, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv", Data: []byte(data)})
		msg := strings.NewReplacer("：", ":", "；", ";", "（", "(", "）", ")").Replace(catalog.ErrorMessage(err))
		if !strings.Contains(msg, want) {
			t.Errorf("%q: %v, want %q", data, err, want)
		}
	}
	imp, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv",
		Data: []byte(heading + "1,3.1.1,举办全民终身学习活动周（学习节）,市教育局,2018-10-31\n2,1.1.1,市委决定,市教育局,2018-03-31\n")})
	if err != nil || len(imp.Assignments) != 2 {
		t.Fatalf("a code beside its own name and one beside a shortened name: %+v, %v; want both imported", imp, err)
	}
}

// TestTableHeadedIndicatorNumberImports: 指标编号 is how many cities head
// the code column of their 责任分解表 (指标编号、责任单位、完成时间); the
// import used to refuse such a table whole as having no indicator column.
func TestTableHeadedIndicatorNumberImports(t *testing.T) {
	_, s := newService(t)
	imp, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.csv",
		Data: []byte("指标编号,责任单位,完成时间\n1.1.1,市教育局,2018-03-31\n")})
	if err != nil {
		t.Fatalf("a table headed 指标编号: %v", err)
	}
	if len(imp.Assignments) != 1 || imp.Assignments[0].Indicator != "1.1.1" || imp.Assignments[0].Department != "市教育局" {
		t.Errorf("a table headed 指标编号 imported %+v, want 1.1.1 for 市教育局", imp.Assignments)
	}
}

// TestTableNameBeforeItsCodeImportsByTheCode: a 责任分解表 whose 关键指标
// column (the indicator's name, shortened as tables shorten it) stands
// before its 指标编号 column reads each row's indicator from the code, as
// one with 指标编码 first does: 关键指标 and 指标 name the code's column
// only where no other column does. Before, the first column won and the
// row was refused for an indicator named 市委决定.
func TestTableNameBeforeItsCodeImportsByTheCode(t *testing.T) {
	_, s := newService(t)
	imp, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.csv",
		Data: []byte("序号,关键指标,指标编号,责任单位,截止日期\n1,市委决定,1.1.1,市教育局,2018-03-31\n")})
	if err != nil || len(imp.Assignments) != 1 || imp.Assignments[0].Indicator != "1.1.1" {
		t.Fatalf("a table of 关键指标 then 指标编号: %+v, %v; want 1.1.1 imported", imp, err)
	}
}

// TestIndicatorCodeAsAChineseInputMethodTypesIt: a code typed with the
// full-width dot or digits of a Chinese input method (2．3．3, ２.３.２),
// or with the word 指标 before it (指标2.3.1), is the framework's code;
// the import used to refuse the whole table for such a row.
func TestIndicatorCodeAsAChineseInputMethodTypesIt(t *testing.T) {
	_, s := newService(t)
	imp, err := s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "责任分解表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n2．3．3,市教育局,2018-06-30\n指标2.3.1,市教育局,2018-06-30\n２.３.２,市教育局,2018-06-30\n 指标 3.1.2 ,市教育局,2018-07-31\n")})
	if err != nil {
		t.Fatalf("codes typed with full-width dots, digits or 指标 before them: %v", err)
	}
	var got []string
	for _, a := range imp.Assignments {
		got = append(got, a.Indicator)
	}
	if want := []string{"2.3.3", "2.3.1", "2.3.2", "3.1.2"}; !slices.Equal(got, want) {
		t.Errorf("imported indicators %v, want %v", got, want)
	}
	_, err = s.Import(context.Background(), coordA, assignments.ImportRequest{City: hangzhou, Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期\n指标9．9．9,市教育局,2018-06-30\n")})
	if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "指标9．9．9") {
		t.Errorf("a code not in the framework: %v, want it named as written", err)
	}
}
