package claims

import (
	"reflect"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

func TestDiff(t *testing.T) {
	for _, tt := range []struct {
		name, before, after string
		want                []DiffPart
	}{
		{"a number corrected", "全市建成社区学校1200所", "全市建成社区学校120所",
			[]DiffPart{{DiffSame, "全市建成社区学校120"}, {DiffDeleted, "0"}, {DiffSame, "所"}}},
		{"words added", "杭州市颁布终身学习促进条例", "杭州市人大常委会颁布终身学习促进条例",
			[]DiffPart{{DiffSame, "杭州市"}, {DiffInserted, "人大常委会"}, {DiffSame, "颁布终身学习促进条例"}}},
		{"two places changed", "2017年举办大讲堂342场，参与八万人次", "2018年举办大讲堂360场，参与八万人次",
			[]DiffPart{{DiffSame, "201"}, {DiffDeleted, "7"}, {DiffInserted, "8"}, {DiffSame, "年举办大讲堂3"},
				{DiffDeleted, "42"}, {DiffInserted, "60"}, {DiffSame, "场，参与八万人次"}}},
		{"all new", "建立学分银行", "覆盖全部街道",
			[]DiffPart{{DiffDeleted, "建立学分银行"}, {DiffInserted, "覆盖全部街道"}}},
		{"the same", "建立学分银行", "建立学分银行", []DiffPart{{DiffSame, "建立学分银行"}}},
	} {
		if got := Diff(tt.before, tt.after); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Diff(%q, %q) = %v, want %v", tt.name, tt.before, tt.after, got, tt.want)
		}
	}
}

func TestStatementChanges(t *testing.T) {
	history := []catalog.Event{
		{ID: 1, Action: "claim.create", Detail: map[string]any{"statement": "全市建成社区学校1200所"}},
		{ID: 2, Action: "claim.review", Detail: map[string]any{"verdict": "contradicted", "comment": "原文为120所"}},
		{ID: 3, Action: "claim.cite", Detail: map[string]any{"statement": "全市建成社区学校1200所"}},
		{ID: 4, Action: "claim.edit", Detail: map[string]any{"statement": "全市建成社区学校120所"}},
	}
	want := map[int64]StatementChange{4: {Before: "全市建成社区学校1200所", After: "全市建成社区学校120所"}}
	if got := StatementChanges(history); !reflect.DeepEqual(got, want) {
		t.Errorf("StatementChanges = %v, want %v", got, want)
	}
}
