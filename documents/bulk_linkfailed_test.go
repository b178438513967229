package documents

import (
	"errors"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestLinkFailedAfterTheFieldsSaysTheyWereSaved: a bulk change whose
// fields were saved and whose link then failed (not as already linked)
// is marked saved, keeping the link's error code, and says in both
// languages that the other changes were saved and why the link was not
// made: the API answers it ok with that reason, as the README says.
func TestLinkFailedAfterTheFieldsSaysTheyWereSaved(t *testing.T) {
	why := catalog.FieldErrorf("page", catalog.EINVALID, "页码 %d 超出范围：文档共 %d 页", 9, 3)
	err := linkFailed("2.3.1", why)
	if !errors.Is(err, errRestSaved) || errors.Is(err, errOtherRound) {
		t.Errorf("%v: want it marked saved (errRestSaved) and not as of another round", err)
	}
	if catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("code %q, want the link's EINVALID", catalog.ErrorCode(err))
	}
	if msg := catalog.ErrorMessage(err); msg != "文档的其他修改已保存，但没有关联到指标 2.3.1：页码 9 超出范围：文档共 3 页" {
		t.Errorf("message %q", msg)
	}
	if en := catalog.MessageIn(err, true); !strings.Contains(en, "other changes were saved, but it was not linked to indicator 2.3.1: ") ||
		strings.ContainsAny(en, "页码") {
		t.Errorf("English %q, want it saying the changes were saved and why in English", en)
	}
}
