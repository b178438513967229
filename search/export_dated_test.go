package search

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv/xlsxtest"
)

// TestExportIsDatedWhenWritten: a search's XLSX export had its zip
// entries dated 1980-00-00 (probe s41 #8); they are dated when it is
// written, and it still opens.
func TestExportIsDatedWhenWritten(t *testing.T) {
	cat, idx := openStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	data, err := NewService(idx, cat).ExportXLSX(context.Background(), Request{Query: "学分银行", User: admin}, "", false)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	xlsxtest.DatedNow(t, "检索结果 XLSX", data)
}
