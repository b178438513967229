package values_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestLedgerNamesSourcesAsCoordinatorsKnowThem: a ledger row may name its
// source by 文号 (in any brackets), file name or title instead of the
// internal ID; a name matching no document of the city, or several, is a
// bad row, the several listed so the coordinator can tell them apart.
func TestLedgerNamesSourcesAsCoordinatorsKnowThem(t *testing.T) {
	e := testenv.New(t)
	const title = "杭州市2017年终身学习工作统计"
	number := func(d *catalog.Document, n string) *catalog.Document {
		title := title
		d, err := e.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{DocNumber: &n, Title: &title})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tongji := number(e.Upload(hangzhou, "tongji.txt", ledgerPage), "杭教发〔2017〕5号")
	draft := number(e.Upload(hangzhou, "tongji-draft.txt", ledgerPage+"（征求意见稿）"), "杭教发〔2017〕4号")
	number(e.Upload(chengdu, "chengdu.txt", "成都市终身学习统计"), "杭教发〔2017〕7号")
	ledger := func(rows ...[]any) *bytes.Buffer {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetRow("Sheet1", "A1", &[]any{"指标编码", "数值", "单位", "文档编号", "文号", "标题", "页码", "引文"})
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			f.SetSheetRow("Sheet1", cell, &r)
		}
		var b bytes.Buffer
		f.Write(&b)
		return &b
	}
	const q221, q233, q511 = "认定市民终身学习基地１２３个", "社会培训成果达12.3万人", "成人年参与学习率达到85.3%"
	_, err := e.Values.Import(ctx, coordA, hangzhou, 2017, ledger(
		[]any{"2.2.1", "123", "个", "杭教发[2017]5号", "", "", 1, q221},
		[]any{"2.3.3", "12.3万", "人", "", "", tongji.Title, 1, q233},
		[]any{"5.1.1", "85.3%", "", "", "杭教发〔2017〕7号", "", 1, q511},
	))
	msg := catalog.ErrorMessage(err)
	if catalog.ErrorCode(err) != catalog.EINVALID || strings.Contains(msg, "第 2 行") {
		t.Fatalf("row 2 names its source by 文号 in other brackets: %v", err)
	}
	for _, want := range []string{"第 3 行\uFF1A“" + tongji.Title + "”对应本市多份材料", "杭教发〔2017〕5号", "杭教发〔2017〕4号",
		"tongji-draft.txt", "第 4 行\uFF1A本市没有文档编号、文号、文件名或标题为“杭教发〔2017〕7号”的材料"} {
		if !strings.Contains(msg, want) {
			t.Errorf("ledger message lacks %q:\n%s", want, msg)
		}
	}
	en := catalog.MessageIn(err, true)
	for _, want := range []string{"names several documents of the city", "“" + title + "” (file No. 杭教发〔2017〕5号, file tongji.txt, document ID " + tongji.ID + ")",
		"(file No. 杭教发〔2017〕4号, file tongji-draft.txt, document ID " + draft.ID + ")"} {
		if !strings.Contains(en, want) {
			t.Errorf("in English, lacks %q: %q", want, en)
		}
	}
	// English punctuation around the Chinese names: no 《》（），、 of the
	// Chinese message (the 文号's own 〔〕 stay).
	if i := strings.IndexAny(en, "《》（），、；"); i >= 0 {
		t.Errorf("the English message has Chinese punctuation at %d: %q", i, en)
	}

	vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, ledger(
		[]any{"2.2.1", "123", "个", "杭教发[2017]5号", "", "", 1, q221},
		[]any{"2.3.3", "12.3万", "人", "", "杭教发〔2017〕5号", "《" + tongji.Title + "》", 1, q233},
		[]any{"5.1.1", "85.3%", "", "tongji-draft", "", "", 1, q511},
		[]any{"5.1.2", "12%", "", tongji.ID, "", "", 1, "老年人参与老年教育比例为百分之十二"},
	))
	if err != nil {
		t.Fatalf("a ledger naming its sources by 文号, 文号 and title, file name and ID: %v", err)
	}
	want := []string{tongji.ID, tongji.ID, draft.ID, tongji.ID}
	for i, v := range vs {
		if v.Citation.DocumentID != want[i] {
			t.Errorf("row %d: source %s, want %s", i+2, v.Citation.DocumentID, want[i])
		}
	}
}

// TestLedgerFindsAFileNameUnderTitle: a coordinator who writes a
// document's file name in the 标题 column, with its extension or without
// it and with full-width brackets where the file has half-width ones,
// names that document: every source cell is compared with every name a
// document has (文档编号, 文号, 文件名, 标题), whatever its column. The
// ledger is made by LibreOffice from the .csv beside it (soffice --headless
// --infilter="CSV:44,34,76,1,,,,,,,,,,,,,,,2/2" --convert-to xlsx), the
// document from a text file (--convert-to docx).
func TestLedgerFindsAFileNameUnderTitle(t *testing.T) {
	ledger, err := os.ReadFile("testdata/标题列写文件名的数值台账.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	const name = "杭州市2017年学习型城市建设工作总结(盖章版).docx"
	docx, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	e := testenv.New(t)
	d := e.Upload(hangzhou, name, string(docx))
	e.Upload(hangzhou, "zongjie-2016.txt", "杭州市2016年学习型城市建设工作总结")
	vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, bytes.NewReader(ledger))
	if err != nil {
		t.Fatalf("a ledger naming its source by file name in the 标题 column: %v", err)
	}
	if len(vs) != 2 {
		t.Fatalf("imported %d values, want 2", len(vs))
	}
	for _, v := range vs {
		if v.Citation.DocumentID != d.ID || !v.ValueFound {
			t.Errorf("%s: source %s (value found %t), want %s, %s, with the value found", v.Indicator, v.Citation.DocumentID, v.ValueFound, d.ID, name)
		}
	}
}

// TestLedgerPrefersTheColumnsOwnKind: a cell of the 标题 column that is
// one document's title and another's file name names the titled one; a
// cell naming nothing of the city says so, having looked at every kind
// of name.
func TestLedgerPrefersTheColumnsOwnKind(t *testing.T) {
	e := testenv.New(t)
	retitle := func(d *catalog.Document, title string) *catalog.Document {
		d, err := e.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{Title: &title})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	titled := retitle(e.Upload(hangzhou, "tongji.txt", ledgerPage), "杭州市2017年终身学习工作统计")
	retitle(e.Upload(hangzhou, "杭州市2017年终身学习工作统计.txt", "终身学习工作统计草稿"), "终身学习工作统计（草稿）")
	ledger := func(source string) *bytes.Buffer {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetRow("Sheet1", "A1", &[]any{"指标编码", "数值", "单位", "标题", "页码", "引文"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"2.2.1", "123", "个", source, 1, "全市认定市民终身学习基地１２３个"})
		var b bytes.Buffer
		f.Write(&b)
		return &b
	}
	vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, ledger(titled.Title))
	if err != nil || vs[0].Citation.DocumentID != titled.ID {
		t.Fatalf("标题 %q, one document's title and another's file name: %v, want %s", titled.Title, err, titled.ID)
	}
	_, err = e.Values.Import(ctx, coordA, hangzhou, 2017, ledger("杭州市2019年终身学习工作统计.docx"))
	if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "本市没有文档编号、文号、文件名或标题为“杭州市2019年终身学习工作统计.docx”的材料") {
		t.Errorf("a source naming nothing of the city: %v", err)
	}
}
