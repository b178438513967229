package search

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
)

// TestExportSaysWhenInChinaTime: the about sheet of an export gives its
// time as every page does, "2026-12-01 19:58 UTC+8", not with the
// ambiguous zone name CST; the file name is in China time too.
func TestExportSaysWhenInChinaTime(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	before := time.Now()
	data, err := NewService(idx, cat).ExportXLSX(ctx, Request{Query: "学分银行", User: admin}, "", false)
	after := time.Now()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open the export: %v", err)
	}
	about, err := f.GetRows(exportLangs[false].about)
	if err != nil {
		t.Fatal(err)
	}
	var at string
	for _, row := range about {
		if len(row) == 2 && row[0] == "导出时间" {
			at = row[1]
		}
	}
	if at != catalog.ShowTime(before) && at != catalog.ShowTime(after) {
		t.Errorf("导出时间 %q, want %q (China time with UTC+8)", at, catalog.ShowTime(after))
	}

	utc := time.Date(2026, 12, 1, 11, 58, 0, 0, time.UTC)
	if got, want := ExportFilename(utc, false), "检索结果-20261201-1958.xlsx"; got != want {
		t.Errorf("ExportFilename(%v) = %q, want %q", utc, got, want)
	}
}
