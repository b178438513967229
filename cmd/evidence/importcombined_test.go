package main

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// TestImportNamesTheCombinedDepartment: `assignments import` names a
// department of the list that the table splits and nothing uses any
// more (市教育局、市人社局 written as one by an earlier import), with how to
// delete it, in Chinese and English.
func TestImportNamesTheCombinedDepartment(t *testing.T) {
	imp := importSaidOf(&catalog.AssignmentImport{Added: 2,
		Combined: []catalog.Department{{ID: "01J0COMBINED", City: "330100", Name: "市教育局、市人社局"}}})
	for _, tt := range []struct {
		lang report.Lang
		want string
	}{
		{report.Chinese, "责任单位名单中的“市教育局、市人社局”已被此表拆分填写，不再使用；可在“责任单位名单”页删除，或 DELETE /api/v1/departments/01J0COMBINED"},
		{report.English, "The department “市教育局、市人社局” of the list is named apart by this table and no longer used"},
	} {
		var b strings.Builder
		printAssignmentImport(&b, tt.lang, imp, false)
		if !strings.Contains(b.String(), tt.want) {
			t.Errorf("the import says:\n%s\nwant %q", b.String(), tt.want)
		}
	}
}
