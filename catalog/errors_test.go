package catalog

import (
	"errors"
	"fmt"
	"testing"
)

// TestJoinReportsEveryMistakeAtOnce: the mistakes of one form joined are
// each listed with its field, while code, message and field are the
// first one's for callers expecting one error; an internal error among
// them is returned alone.
func TestJoinReportsEveryMistakeAtOnce(t *testing.T) {
	city := FieldErrorf("city", EINVALID, "请选择城市")
	statement := FieldErrorf("statement", EINVALID, "定性描述不能为空")
	quote := FieldErrorf("quote", EINVALID, "请填写引用的原文")
	if Join() != nil || Join(nil, nil) != nil {
		t.Errorf("Join of no errors is not nil")
	}
	if got := Join(nil, city); got != error(city) {
		t.Errorf("Join of one error: %v", got)
	}
	err := Join(city, nil, Join(statement, quote))
	each := Each(fmt.Errorf("create claim: %w", err))
	if len(each) != 3 || each[0] != city || each[1] != statement || each[2] != quote {
		t.Fatalf("Each: %v", each)
	}
	if ErrorCode(err) != EINVALID || ErrorField(err) != "city" || MessageIn(err, true) != "Choose a city" || ErrorMessage(err) != city.Message {
		t.Errorf("joined error as one: %s %q %q %q", ErrorCode(err), ErrorField(err), MessageIn(err, true), ErrorMessage(err))
	}
	internal := errors.New("disk on fire")
	if got := Join(city, internal, statement); got != internal {
		t.Errorf("Join with an internal error: %v", got)
	}
	if Each(internal) != nil || Each(nil) != nil {
		t.Errorf("Each of an internal error or nil lists errors")
	}
	if got := Each(statement); len(got) != 1 || got[0] != statement {
		t.Errorf("Each of one error: %v", got)
	}
}
