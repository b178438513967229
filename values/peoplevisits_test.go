package values

import (
	"reflect"
	"testing"
)

// TestStatementPeopleAreNotVisits: 人 counts residents, 人次 counts
// attendances (one resident at ten lectures is ten 人次), so a statement's
// number in one is not found in a passage that writes it in the other,
// whether either is exact or rough (几十万, 十多万); in its own unit, in
// 名, or with no unit written, it still is.
func TestStatementPeopleAreNotVisits(t *testing.T) {
	for _, c := range []struct {
		name, statement, quote string
		missing                []string
		rough                  []RoughNumber
	}{
		{"几十万人 against 几十万人次", "全年服务市民几十万人。", "全年服务市民几十万人次", []string{"几十万人"}, nil},
		{"几十万人次 against 几十万人", "全年服务市民几十万人次。", "全年服务市民几十万人", []string{"几十万人次"}, nil},
		{"几十万人 against 30万人次", "全年服务市民几十万人。", "全年服务市民30万人次", []string{"几十万人"}, nil},
		{"十多万人次 against 12万人", "社区教育参与十多万人次。", "社区教育参与12万人", []string{"十多万人次"}, nil},
		{"30万人 against 30万人次", "全年服务市民30万人。", "全年服务市民30万人次", []string{"30万人"}, nil},
		{"30万人次 against 300000人", "全年服务市民30万人次。", "全年服务市民300000人", []string{"30万人次"}, nil},
		{"30万人 within 几十万人次", "全年服务市民30万人。", "全年服务市民几十万人次", []string{"30万人"}, nil},
		{"几十万人 against 30万元", "全年服务市民几十万人。", "全年投入经费30万元", []string{"几十万人"}, nil},
		// Still found: the same unit, another of its family, none written.
		{"几十万人 against 几十万人", "全年服务市民几十万人。", "全年服务市民几十万人", nil, nil},
		{"几十万人次 against 30万人次", "全年服务市民几十万人次。", "全年服务市民30万人次", nil, nil},
		{"十多万人 against 12万名", "社会培训成果达十多万人。", "社会培训成果达12万名学员", nil, nil},
		{"30万人次 within 几十万人次", "全年服务市民30万人次。", "全年服务市民几十万人次", nil,
			[]RoughNumber{{Statement: "30万人次", Passage: "几十万"}}},
		{"几十万人 against a number without unit", "全年服务市民几十万人。", "服务市民总数达30万", nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := CheckStatement(c.statement, []string{c.quote})
			if !reflect.DeepEqual(got.Missing, c.missing) || !reflect.DeepEqual(got.Rough, c.rough) {
				t.Errorf("CheckStatement(%q, %q) = missing %q, rough %+v; want missing %q, rough %+v",
					c.statement, c.quote, got.Missing, got.Rough, c.missing, c.rough)
			}
		})
	}
}
