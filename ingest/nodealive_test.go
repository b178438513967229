package ingest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// importTasks imports a small framework and 市教育局's and 市民政局's
// tasks of 1.1.1 for 杭州 in 2018, and returns their ids in that order.
func importTasks(t *testing.T, cat *catalog.Store) []string {
	t.Helper()
	ctx := context.Background()
	if _, err := cat.ImportFramework(ctx, catalog.Framework{ID: "demo", Name: "示例", Version: "1"}, []catalog.Indicator{
		{Code: "1", Level: 1, Name: "组织保障"},
		{Code: "1.1", ParentCode: "1", Level: 2, Name: "规划与政策法规"},
		{Code: "1.1.1", ParentCode: "1.1", Level: 3, Name: "终身学习活动", Kind: catalog.Qualitative},
	}, "admin"); err != nil {
		t.Fatal(err)
	}
	imp, err := cat.ImportAssignments(ctx, "330100", 2018, []catalog.AssignmentRow{
		{Indicator: "1.1.1", Department: "市教育局", Due: "2018-03-31"},
		{Indicator: "1.1.1", Department: "市民政局", Due: "2018-03-31"}}, "wang")
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(imp.Assignments))
	for i, a := range imp.Assignments {
		ids[i] = a.ID
	}
	return ids
}

// handInNodes is Tasks that, asked to record an upload's files, notes
// the node each file's latest hand-in names instead.
type handInNodes struct {
	cat   *catalog.Store
	nodes []string
}

func (h *handInNodes) UploadTarget(ctx context.Context, _ *catalog.User, id string) (*catalog.Assignment, error) {
	return h.cat.Assignment(ctx, id)
}

func (h *handInNodes) Submitted(ctx context.Context, _ *catalog.User, _ string, documentIDs []string) error {
	for _, id := range documentIDs {
		subs, err := h.cat.Submissions(ctx, id)
		if err != nil || len(subs) == 0 {
			return catalog.Errorf(catalog.EINTERNAL, "hand-ins of %s: %v", id, err)
		}
		h.nodes = append(h.nodes, subs[len(subs)-1].Node)
	}
	return nil
}

func (h *handInNodes) HandInTypeOf(context.Context, *catalog.Assignment) (catalog.DocType, error) {
	return catalog.DocWorkSummary, nil
}

// TestAHandInNamesItsNode: a file handed in for a task, new to the
// archive or already in it (a second department's same bytes), names
// the node whose upload writes it, so that the other nodes of a shared
// catalog can tell when that node has stopped.
func TestAHandInNamesItsNode(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	s, _ := r.service(t)
	s.cfg.Node = "node-杭州-4242"
	tasks := importTasks(t, r.cat)
	nodes := &handInNodes{cat: r.cat}
	s.UseTasks(nodes)
	for _, task := range tasks {
		st, err := s.Stage(strings.NewReader("杭州市社区学习共同体建设工作总结，学分银行覆盖全市。"), "工作总结.txt")
		if err != nil {
			t.Fatal(err)
		}
		out, err := s.Upload(ctx, coordinator, UploadRequest{Assignment: task, Files: []*Staged{st}})
		st.Remove()
		if err != nil || len(out) != 1 || out[0].Err != nil {
			t.Fatalf("hand in 工作总结 for %s: %+v %v", task, out, err)
		}
	}
	if len(nodes.nodes) != 2 || nodes.nodes[0] != "node-杭州-4242" || nodes.nodes[1] != "node-杭州-4242" {
		t.Errorf("nodes the hand-ins name: %q; want node-杭州-4242 on the new file's and the duplicate's", nodes.nodes)
	}
}

// TestAStartingNodeFreesAStoppedNodesHandIns: on a shared catalog node
// 甲 was killed three minutes ago in the middle of handing in 市教育局's
// file, while node 乙 has been handing in 市民政局's for as long. 乙
// starts (its own hand-in kept), then 丙: a start, before the node takes
// a request, abandons 甲's hand-in (甲 never said it is alive since) and
// keeps 乙's (乙 says so): 市教育局's task may be deleted, 市民政局's
// stays held.
func TestAStartingNodeFreesAStoppedNodesHandIns(t *testing.T) {
	ctx := context.Background()
	r := pgRig(t)
	tasks := importTasks(t, r.cat)
	then := time.Now().Add(-catalog.NodeSilence - time.Minute)
	for i, node := range []string{"node-甲", "node-乙"} {
		d := &catalog.Document{ID: "工作总结-" + node, SHA256: strings.Repeat("ab", 31) + []string{"01", "02"}[i], Size: 10,
			MIME: "text/plain", Format: "txt", Filename: "工作总结.txt", Title: "社区教育工作总结", DocType: catalog.DocWorkSummary,
			City: "330100", Status: catalog.StatusFailed, UploadedBy: "jiaoyu", Round: "2018"}
		sub := catalog.Submission{User: "jiaoyu", Filename: "工作总结.txt", Assignment: tasks[i], Node: node, At: then}
		if err := r.cat.CreateDocument(ctx, d, sub); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := r.cat.DeleteAssignment(ctx, tasks[0], "wang"); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Fatalf("delete 市教育局's task before any node starts: %v; want ECONFLICT", err)
	}
	yi, _, _ := sharedNode(t, r, "node-乙")
	if err := yi.Start(ctx); err != nil {
		t.Fatal(err)
	}
	bing, _, _ := sharedNode(t, r, "node-丙")
	if err := bing.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := r.cat.DeleteAssignment(ctx, tasks[0], "wang"); err != nil {
		t.Errorf("delete 市教育局's task after 乙 and 丙 started: %v; want it deleted, its node 甲 stopped", err)
	}
	if _, err := r.cat.DeleteAssignment(ctx, tasks[1], "wang"); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("delete 市民政局's task after 乙 and 丙 started: %v; want ECONFLICT, its node 乙 alive", err)
	}
}
