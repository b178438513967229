package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAcceptingATaskWhoseFilesAreAllBeingReadIsRefused: 市教育局 hands in
// two scans for 2.3.1, neither read yet. POST …/accept is 409 naming
// both and saying to wait for the reading, with no confirm_token: no
// yes accepts it (review s47 #3: once accepted, had both failed, the
// task stood 已确认 with no evidence), not even confirm=1; the task stays
// submitted. One scan read, accepting asks of the other (confirm_token),
// and the token accepts.
func TestAcceptingATaskWhoseFilesAreAllBeingReadIsRefused(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var ids []string
	for _, title := range []string{"学分银行制度扫描件", "学分银行台账扫描件"} {
		n := e.next()
		d := &catalog.Document{ID: fmt.Sprintf("READ%06d", n), SHA256: fmt.Sprintf("%064d", 800000+n), Size: 1, MIME: "image/jpeg",
			Format: "jpeg", Filename: title + ".jpg", Title: title, DocType: catalog.DocPolicy, City: cityA, Round: "2018",
			Department: "市教育局", Status: catalog.StatusStored, UploadedBy: "test"}
		if err := e.cat.CreateDocument(ctx, d, catalog.Submission{User: "test"}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	task, err := e.te.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2018, Indicator: "2.3.1",
		Department: "市教育局", Due: "2018-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.cat.ChangeAssignment(ctx, catalog.AssignmentChange{ID: task.ID, To: catalog.AssignmentSubmitted, By: "contribA",
		From: catalog.AssignmentStatuses, Documents: ids}); err != nil {
		t.Fatal(err)
	}
	want := "提交的文件“学分银行制度扫描件.jpg”、“学分银行台账扫描件.jpg”尚未读取完成，不能确认；请待读取完成后再确认"
	for _, query := range []string{"", "?confirm=1"} {
		resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task.ID+"/accept"+query, nil), "coordA")
		errBody, _ := body["error"].(map[string]any)
		if resp.StatusCode != http.StatusConflict || errMessage(body) != want || errBody["confirm_token"] != nil {
			t.Errorf("accepting%s with no file read: %d %v, want 409 saying %q with no confirm_token", query, resp.StatusCode, body, want)
		}
	}
	if a, err := e.cat.Assignment(ctx, task.ID); err != nil || a.Status != catalog.AssignmentSubmitted {
		t.Fatalf("the task after the refusals: %v %v, want submitted", a, err)
	}

	if err := e.cat.SetStatus(ctx, catalog.StatusChange{ID: ids[0], Status: catalog.StatusIndexed, Pages: 1}); err != nil {
		t.Fatal(err)
	}
	resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task.ID+"/accept", nil), "coordA")
	errBody, _ := body["error"].(map[string]any)
	token, _ := errBody["confirm_token"].(string)
	if resp.StatusCode != http.StatusConflict || token == "" || !strings.Contains(errMessage(body), "“学分银行台账扫描件.jpg”尚未读取完成，确认后如读取失败不计入佐证材料") {
		t.Fatalf("accepting with one scan read: %d %v, want 409 asking of the other", resp.StatusCode, body)
	}
	if resp, body := e.do(e.request("POST", "/api/v1/assignments/"+task.ID+"/accept?confirm="+token, nil), "coordA"); resp.StatusCode != http.StatusOK {
		t.Errorf("accepting with the token: %d %v", resp.StatusCode, body)
	}
}
