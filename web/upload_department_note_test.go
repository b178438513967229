package web

import (
	"strings"
	"testing"
)

// TestUploadDepartmentHintTellsACoordinatorWhatItIsFor: a coordinator
// files material for every department of the city, so the 责任单位 hint
// says what the field records and that only the city's list is taken,
// and where that list is kept, in Chinese and in English; a coordinator
// whose account has a department is told the material goes under it when
// the field is left empty, one without is told none is recorded.
func TestUploadDepartmentHintTellsACoordinatorWhatItIsFor(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("zhao", "coordinator", "330100", "市教育局")
	for _, tt := range []struct {
		user, lang string
		want       []string
	}{
		{"wang", "zh", []string{"可选：填写提供这份材料的责任单位，文档页会标明", "须是本市责任单位名单中的单位",
			"名单在“责任分解”页的“管理责任单位名单”中维护", "名单外的名称无法上传", "留空则不记责任单位。"}},
		{"zhao", "zh", []string{"须是本市责任单位名单中的单位", "留空则记为您账号的责任单位“市教育局”。"}},
		{"wang", "en", []string{"the department that provided this material", "It must be on the city's list of departments",
			"“Manage the list of departments” on the Responsibilities page", "a name off the list is refused", "Left empty, no department is recorded."}},
	} {
		b := s.login(tt.user)
		if tt.lang == "en" {
			b.english()
		}
		_, page := b.get("/upload")
		note := between(t, page, "up-dept-note", "</p>")
		for _, w := range tt.want {
			if !strings.Contains(note, w) {
				t.Errorf("%s (%s): the 责任单位 hint lacks %q: %q", tt.user, tt.lang, w, note)
			}
		}
	}
}
