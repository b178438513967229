package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// assignmentCount is how many tasks role sees through the API.
func (e *env) assignmentCount(role string) int {
	e.t.Helper()
	resp, body := e.do(e.request("GET", "/api/v1/assignments?city="+cityA, nil), role)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("assignments as %s: %d %v", role, resp.StatusCode, body)
	}
	list, _ := body["assignments"].([]any)
	return len(list)
}

// TestRenamedDepartmentKeepsItsAccounts renames 市教育局, whose
// contributor then still sees its task (the account follows the new name
// and the answer names it), and has an admin move an account to another
// department through PATCH /api/v1/users/{name}, audited.
func TestRenamedDepartmentKeepsItsAccounts(t *testing.T) {
	e := newEnv(t)
	e.submittedTask() // 市教育局's task, contribA's
	if n := e.assignmentCount("contribA"); n != 1 {
		t.Fatalf("contribA sees %d tasks before the rename, want 1", n)
	}
	d, err := e.cat.DepartmentByName(context.Background(), cityA, "市教育局")
	if err != nil {
		t.Fatal(err)
	}
	resp, body := e.do(e.request("PATCH", "/api/v1/departments/"+d.ID, map[string]any{"name": "市教育体育局"}), "coordA")
	accounts, _ := body["accounts"].([]any)
	if resp.StatusCode != http.StatusOK || len(accounts) != 1 || accounts[0] != "contribA" {
		t.Fatalf("renaming 市教育局: %d %v, want 200 naming contribA among the accounts moved", resp.StatusCode, body)
	}
	if n := e.assignmentCount("contribA"); n != 1 {
		t.Errorf("contribA sees %d tasks after its department was renamed, want 1", n)
	}
	u, err := e.cat.User(context.Background(), "contribA")
	if err != nil || u.Department != "市教育体育局" {
		t.Errorf("contribA's department after the rename: %v %v, want 市教育体育局", u, err)
	}

	// An admin moves the account to another department of the list.
	if _, err := e.te.Assignments.AddDepartment(context.Background(), testenv.Admin, cityA, "市人力社保局"); err != nil {
		t.Fatal(err)
	}
	resp, body = e.do(e.request("PATCH", "/api/v1/users/contribA", map[string]any{"department": "人力社保局"}), "coordA")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a coordinator changing an account: %d %v, want 403", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("PATCH", "/api/v1/users/contribA", map[string]any{"department": "市文广旅游局"}), "admin")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errMessage(body), "市文广旅游局") {
		t.Errorf("a department not on the list: %d %v, want 400 naming it", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("PATCH", "/api/v1/users/contribA", map[string]any{"department": "人力社保局"}), "admin")
	user, _ := body["user"].(map[string]any)
	if resp.StatusCode != http.StatusOK || user["department"] != "市人力社保局" {
		t.Fatalf("moving contribA: %d %v, want 200 with the list's name 市人力社保局", resp.StatusCode, body)
	}
	if n := e.assignmentCount("contribA"); n != 0 {
		t.Errorf("contribA, moved to 市人力社保局, still sees %d of 市教育体育局's tasks", n)
	}
	events, err := e.cat.FindEvents(context.Background(), catalog.EventFilter{Object: "user:contribA", Action: "user.department"})
	if err != nil || len(events) != 2 || !slices.ContainsFunc(events, func(ev catalog.Event) bool { return ev.User == "admin" }) {
		t.Errorf("audit of contribA's departments: %v %v, want the rename's and the admin's events", events, err)
	}
}

// TestOnlyDepartmentAccountsChangeDepartment: an admin giving an expert
// or an admin account a department is refused (400), as neither belongs
// to one; the account is left as it was.
func TestOnlyDepartmentAccountsChangeDepartment(t *testing.T) {
	e := newEnv(t)
	for _, name := range []string{"expert", "admin"} {
		resp, body := e.do(e.request("PATCH", "/api/v1/users/"+name, map[string]any{"department": "市教育局"}), "admin")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errMessage(body), "不能指定责任单位") {
			t.Errorf("giving %s a department: %d %v, want 400 saying its role has none", name, resp.StatusCode, body)
		}
		if u, err := e.cat.User(context.Background(), name); err != nil || u.Department != "" {
			t.Errorf("%s after the refusal: %+v %v, want no department", name, u, err)
		}
	}
}

// TestContributorOfAnUnlistedDepartmentIsRefused: POST /api/v1/users for
// a contributor of 文广旅局, a name 杭州's list lacks, is 400 on the
// department field, as PATCH is, and no account is made; 教育局 is
// accepted under the list's name 市教育局.
func TestContributorOfAnUnlistedDepartmentIsRefused(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if _, err := e.cat.DepartmentByName(ctx, cityA, "市教育局"); err != nil {
		t.Fatalf("the fixture's 市教育局 is not on 杭州's list: %v", err)
	}
	for _, tt := range []struct {
		username, department string
		status               int
		want                 string // the department stored, "" none
	}{
		{"wenhua2", "文广旅局", http.StatusBadRequest, ""},
		{"jiaoyu9", "教育局", http.StatusCreated, "市教育局"},
	} {
		resp, body := e.do(e.request("POST", "/api/v1/users", map[string]any{"username": tt.username, "role": "contributor",
			"city": cityA, "department": tt.department}), "admin")
		errObj, _ := body["error"].(map[string]any)
		if resp.StatusCode != tt.status || tt.want == "" && (errObj["field"] != "department" || !strings.Contains(errMessage(body), "责任单位名单中没有“文广旅局”")) {
			t.Errorf("creating %s of %s: %d %v, want %d", tt.username, tt.department, resp.StatusCode, body, tt.status)
		}
		u, err := e.cat.User(ctx, tt.username)
		if tt.want == "" && !catalog.IsNotFound(err) || tt.want != "" && (err != nil || u.Department != tt.want) {
			t.Errorf("%s after creation as of %s: %+v %v, want department %q", tt.username, tt.department, u, err, tt.want)
		}
	}
}
