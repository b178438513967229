package values_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// A value a reviewer found 与证据矛盾 last round is not confirmed without
// the box 已核对，仍沿用 whatever the action is called: "restore" is for an
// item dropped from the round only, and the unknown-action message names it.
func TestRestoreIsForDroppedLinksOnly(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", "杭州市认定市民终身学习基地48个，学习型社区创建达标比例为88.1%。")
	v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "4.1.2", Value: values.Written("90%"),
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "学习型社区创建达标比例为88.1%"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.Review(ctx, reviewer, v.ID, "contradicted", "原文为88.1%"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.CarryOver(ctx, coordA, hangzhou, 2018); err != nil {
		t.Fatal(err)
	}
	carried, err := e.Values.Carryovers(ctx, coordA, hangzhou, 2018, catalog.CarryToConfirm)
	if err != nil || len(carried) != 1 || carried[0].Kind != catalog.CarryValue {
		t.Fatalf("carried: %+v %v, want the one value", carried, err)
	}
	id := carried[0].ID
	for _, checked := range []bool{false, true} {
		_, err := e.Values.DecideChecked(ctx, coordA, id, "restore", checked)
		if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "只有本轮不用的事项才能恢复") {
			t.Errorf("restore of a carried value (checked %v): %v, want EINVALID saying restore is for dropped items", checked, err)
		}
	}
	if c, _ := e.Catalog.CarryoverByID(ctx, id); c.State != catalog.CarryToConfirm {
		t.Errorf("after restore refused: state %s, want to_confirm", c.State)
	}
	if _, err := e.Values.DecideChecked(ctx, coordA, id, "keep", true); !strings.Contains(catalog.ErrorMessage(err), "restore") {
		t.Errorf("unknown action: %q, want it to list restore", catalog.ErrorMessage(err))
	}
}
