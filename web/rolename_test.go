package web

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestRoleNamesAreTheMessagesOwn: the web names each role as the
// messages and the command line do, from the one table in catalog
// (review pfix #8: the web said Department contact, messages department
// contributor).
func TestRoleNamesAreTheMessagesOwn(t *testing.T) {
	for _, r := range []catalog.Role{catalog.RoleAdmin, catalog.RoleCoordinator, catalog.RoleExpert, catalog.RoleReviewer, catalog.RoleContributor} {
		w := r.Words()
		if got := roleName(Chinese, r); got != w.Chinese {
			t.Errorf("%s in Chinese: %q, want %q", r, got, w.Chinese)
		}
		if got := roleName(English, r); !strings.EqualFold(got, w.English) || got[:1] != strings.ToUpper(got[:1]) {
			t.Errorf("%s in English: %q, want %q capitalised", r, got, w.English)
		}
	}
	if got := roleName(English, catalog.RoleContributor); got != "Department contributor" {
		t.Errorf("contributor in English: %q, want Department contributor", got)
	}
}
