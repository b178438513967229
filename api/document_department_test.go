package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestPatchDepartmentFromTheList: PATCH of a document's department holds
// a changed name to the city's list (400 EINVALID on department naming
// the list), stores a name typed another way as the list writes it, and
// lets a name stored before the list existed through unchanged.
func TestPatchDepartmentFromTheList(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	// 市教育局 is on 杭州's list with contribA's account (newEnv).
	id := e.upload(cityA, "学分银行通知.txt", "杭州市教育局关于推进学分银行建设的通知")
	old := "区社区学院"
	if _, err := e.cat.UpdateDocument(ctx, id, catalog.DocumentPatch{Department: &old}, "admin"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		typed, stored string
		status        int
	}{
		{"区社区学院", "区社区学院", http.StatusOK},
		{"市教肓局", "区社区学院", http.StatusBadRequest},
		{"教育局", "市教育局", http.StatusOK},
	}
	for _, tt := range tests {
		resp, body := e.do(e.request("PATCH", "/api/v1/documents/"+id, map[string]any{"department": tt.typed}), "coordA")
		if resp.StatusCode != tt.status {
			t.Errorf("department %q: %d %v, want %d", tt.typed, resp.StatusCode, body, tt.status)
		}
		if tt.status == http.StatusBadRequest {
			errObj, _ := body["error"].(map[string]any)
			if msg, _ := errObj["message"].(string); errObj["field"] != "department" || !strings.Contains(msg, "责任单位名单中没有“市教肓局”") {
				t.Errorf("department %q: error %v, want one on department naming the list", tt.typed, errObj)
			}
		}
		if got, err := e.cat.Document(ctx, id); err != nil || got.Department != tt.stored {
			t.Errorf("department %q: stored %q, %v; want %q", tt.typed, got.Department, err, tt.stored)
		}
	}
}
