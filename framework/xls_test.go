package framework_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestFrameworkTableSavedAsXLS: a framework table saved as Excel 97–2003
// (.xls) or by WPS (.et) is read in the extraction sandbox and imports
// the indicators its CSV twin does; without the sandbox (Parse alone) it
// is refused with a message saying to save it as .xlsx. testdata/good.xls
// is testdata/good.csv converted by LibreOffice (soffice --headless
// --infilter="CSV:44,34,76,1" --convert-to "xls:MS Excel 97").
func TestFrameworkTableSavedAsXLS(t *testing.T) {
	csv, err := os.ReadFile("testdata/good.csv")
	if err != nil {
		t.Fatal(err)
	}
	xls, err := os.ReadFile("testdata/good.xls")
	if err != nil {
		t.Fatal(err)
	}
	want, err := framework.Parse("good.csv", csv, catalog.Framework{})
	if err != nil {
		t.Fatal(err)
	}
	e := testenv.New(t)
	ctx := context.Background()
	for _, name := range []string{"学习型城市指标体系.xls", "学习型城市指标体系.et"} {
		imp, err := e.Framework.Import(ctx, framework.System, name, xls, catalog.Framework{Name: "测试指标体系", Version: "2"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, inds, err := e.Framework.Current(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, wantRows := indicatorRows(inds), indicatorRows(want.Indicators); imp.Indicators != len(want.Indicators) || !slices.Equal(got, wantRows) {
			t.Errorf("%s: %d indicators\n%s\nwant, as good.csv:\n%s", name, imp.Indicators, strings.Join(got, "\n"), strings.Join(wantRows, "\n"))
		}
	}
	if _, err := framework.Parse("good.xls", xls, catalog.Framework{}); catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "另存为 .xlsx") {
		t.Errorf("Parse of an .xls without the sandbox: %v, want EINVALID saying to save it as .xlsx", err)
	}
}

func indicatorRows(inds []catalog.Indicator) []string {
	var rows []string
	for _, ind := range inds {
		rows = append(rows, fmt.Sprintf("%s|%s|%s|%s|%s", ind.Code, ind.Name, ind.Kind, ind.Info, strings.Join(ind.Keywords, "、")))
	}
	return rows
}

// TestInfoENSavedAsXLS: the English 信息性质说明 column of a table saved
// as Excel 97–2003 is read as from its CSV twin. testdata/info-en.xls is
// testdata/info-en.csv converted as good.xls was.
func TestInfoENSavedAsXLS(t *testing.T) {
	ctx := context.Background()
	infoEN := func(name string, parse func(data []byte) (*framework.Parsed, error)) map[string]string {
		t.Helper()
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		p, err := parse(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out := map[string]string{}
		for _, ind := range p.Indicators {
			out[ind.Code] = ind.InfoEN
		}
		return out
	}
	want := infoEN("info-en.csv", func(data []byte) (*framework.Parsed, error) {
		return framework.Parse("info-en.csv", data, catalog.Framework{})
	})
	sandbox := testenv.Sandbox(t)
	got := infoEN("info-en.xls", func(data []byte) (*framework.Parsed, error) {
		return framework.ParseWith(ctx, "英文说明.xls", data, catalog.Framework{}, sandbox)
	})
	if want["2.3.1"] != "Policy documents, pilot plans" || !maps.Equal(got, want) {
		t.Errorf("info_en from the .xls: %q, want as from the CSV: %q", got, want)
	}
}
