package packs_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/packs"
	"github.com/lcmonitor/evidence/report"
)

// manifestTitle packs city's round and returns the manifest's title of
// document id ("" when it is not packed).
func manifestTitle(t *testing.T, svc *packs.Service, round int, id string) string {
	t.Helper()
	p, err := svc.Prepare(ctx, coordA, hangzhou, round)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.WriteTo(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("manifest.csv")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(rc)
	rc.Close()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		if row[2] == id {
			return row[3]
		}
	}
	return ""
}

// A document in the 2018 round only through what was carried over from
// 2017 and not confirmed yet is not this round's evidence: the pack marks
// its title as the report does (CarriedMark), until one of its uses is
// confirmed for the round.
func TestPackMarksCarriedToConfirm(t *testing.T) {
	e, svc, d := withData(t)
	if _, err := e.Values.CarryOver(ctx, coordA, hangzhou, 2018); err != nil {
		t.Fatal(err)
	}
	if got := manifestTitle(t, svc, 2018, d.ID); !strings.HasSuffix(got, report.CarriedMark) {
		t.Errorf("2018 pack, nothing confirmed: %s listed as %q, want it marked %s", d.ID, got, report.CarriedMark)
	}
	carried, err := e.Values.Carryovers(ctx, coordA, hangzhou, 2018, catalog.CarryToConfirm)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range carried {
		if c.Kind == catalog.CarryLink {
			if _, err := e.Values.Decide(ctx, coordA, c.ID, "confirm"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got := manifestTitle(t, svc, 2018, d.ID); got == "" || strings.Contains(got, "待确认") {
		t.Errorf("2018 pack, its link confirmed (its value still 待确认): %s listed as %q, want it unmarked", d.ID, got)
	}
}
