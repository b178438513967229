package catalog

import (
	"errors"
	"testing"
)

// TestOnInvalidFieldAndNotFoundAsInvalid: a form's mistake names its field,
// a missing object it names becomes a mistake, and neither touches an error
// that is not the user's to mend or already names a field.
func TestOnInvalidFieldAndNotFoundAsInvalid(t *testing.T) {
	missing := Errorf(ENOTFOUND, "指标 %s 不存在", "9.9.9")
	got := OnInvalidField("indicator", NotFoundAsInvalid(missing))
	if ErrorCode(got) != EINVALID || ErrorField(got) != "indicator" || ErrorMessage(got) != ErrorMessage(missing) {
		t.Errorf("a missing indicator: %v (code %s, field %q), want EINVALID about indicator with its message", got, ErrorCode(got), ErrorField(got))
	}
	if got := OnInvalidField("city", FieldErrorf("round", EINVALID, "请选择监测轮次")); ErrorField(got) != "round" {
		t.Errorf("an error about round moved to %q", ErrorField(got))
	}
	for _, err := range []error{Errorf(EUNAVAILABLE, "数据库忙"), Errorf(EFORBIDDEN, "无权操作"), errors.New("disk on fire")} {
		if got := OnInvalidField("city", NotFoundAsInvalid(err)); ErrorField(got) != "" || ErrorCode(got) != ErrorCode(err) {
			t.Errorf("%v became %v (code %s, field %q)", err, got, ErrorCode(got), ErrorField(got))
		}
	}
}
