package ingest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

const (
	hangzhou = "330100"
	chengdu  = "510100"
)

func stage(t *testing.T, e *testenv.Env, name, text string) *ingest.Staged {
	t.Helper()
	st, err := e.Ingest.Stage(strings.NewReader(text), name)
	if err != nil {
		t.Fatalf("stage %s: %v", name, err)
	}
	t.Cleanup(st.Remove)
	return st
}

func countDocuments(t *testing.T, e *testenv.Env) int {
	t.Helper()
	_, n, err := e.Documents.List(context.Background(), testenv.Admin, catalog.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestUploadAppliesOneRuleForEveryone(t *testing.T) {
	e := testenv.New(t)
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: hangzhou, Department: "市教育局"}
	expert := &catalog.User{Username: "li", Role: catalog.RoleExpert}
	tests := []struct {
		name     string
		user     *catalog.User
		meta     ingest.Meta
		codes    []string
		noFiles  bool
		wantCode string
		// wantField is the form field a refusal names, so that a form
		// shows it beside that field.
		wantField string
		wantCity  string
	}{
		{name: "coordinator without a city uploads for their city", user: coord,
			meta: ingest.Meta{DocType: "policy"}, wantCity: hangzhou},
		{name: "coordinator naming another city is refused", user: coord,
			meta: ingest.Meta{City: chengdu, DocType: "policy"}, wantCode: catalog.EFORBIDDEN},
		{name: "experts do not upload", user: expert,
			meta: ingest.Meta{City: hangzhou, DocType: "policy"}, wantCode: catalog.EFORBIDDEN},
		{name: "admin must name a city", user: testenv.Admin,
			meta: ingest.Meta{DocType: "policy"}, wantCode: catalog.EINVALID, wantField: "city"},
		{name: "a wrong indicator code stores nothing", user: coord,
			meta: ingest.Meta{DocType: "policy"}, codes: []string{"9.9.9"}, wantCode: catalog.EINVALID, wantField: "indicators"},
		{name: "a bad date stores nothing", user: coord,
			meta: ingest.Meta{DocType: "policy", IssuedOn: "2018年13月"}, wantCode: catalog.EINVALID, wantField: "issued_on"},
		{name: "no type stores nothing", user: coord, meta: ingest.Meta{}, wantCode: catalog.EINVALID, wantField: "doc_type"},
		{name: "no file", user: coord, meta: ingest.Meta{DocType: "policy"}, noFiles: true, wantCode: catalog.EINVALID},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := countDocuments(t, e)
			req := ingest.UploadRequest{Meta: tt.meta, Indicators: tt.codes}
			if !tt.noFiles {
				req.Files = []*ingest.Staged{stage(t, e, "a.txt", "学分银行建设工作总结,第"+string(rune('一'+i))+"份。")}
			}
			out, err := e.Ingest.Upload(context.Background(), tt.user, req)
			if tt.wantCode != "" {
				if catalog.ErrorCode(err) != tt.wantCode || catalog.ErrorField(err) != tt.wantField {
					t.Fatalf("got %v about field %q, want %s about %q", err, catalog.ErrorField(err), tt.wantCode, tt.wantField)
				}
				if after := countDocuments(t, e); after != before {
					t.Fatalf("a refused upload stored %d documents", after-before)
				}
				return
			}
			if err != nil || out[0].Err != nil {
				t.Fatalf("upload: %v %v", err, out)
			}
			d := out[0].Document
			if d.City != tt.wantCity || d.Department != tt.user.Department {
				t.Errorf("stored for city %q department %q, want %q %q", d.City, d.Department, tt.wantCity, tt.user.Department)
			}
		})
	}
}

func TestUploadReportsEachFileAndKeepsTheOthers(t *testing.T) {
	e := testenv.New(t)
	good := stage(t, e, "总结.txt", "社区教育工作总结:全年举办市民大讲堂 342 场。")
	dup := stage(t, e, "总结副本.txt", "社区教育工作总结:全年举办市民大讲堂 342 场。")
	out, err := e.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: hangzhou, DocType: "work_summary"}, Indicators: []string{"2.3.1"},
		Files: []*ingest.Staged{good, dup}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[0].Err != nil || out[1].Err != nil {
		t.Fatalf("outcomes %+v", out)
	}
	if out[0].Duplicate || !out[1].Duplicate || out[0].Document.ID != out[1].Document.ID {
		t.Errorf("the second copy should be the first's duplicate: %+v", out)
	}
	if out[1].Filename != "总结副本.txt" {
		t.Errorf("outcome filename %q", out[1].Filename)
	}
	d := e.WaitIndexed(out[0].Document.ID)
	links, err := e.Catalog.DocumentLinks(context.Background(), d.ID)
	if err != nil || len(links) != 1 || links[0].IndicatorCode != "2.3.1" {
		t.Errorf("links %v %v, want one to 2.3.1", links, err)
	}
}

func TestWaitReturnsFinishedDocumentsAndHonoursItsDeadline(t *testing.T) {
	e := testenv.New(t)
	ok := e.Upload(hangzhou, "意见.txt", "杭州市推进学分银行建设的实施意见。")
	ctx, cancel := context.WithTimeout(context.Background(), testenv.WaitTimeout)
	defer cancel()
	var seen []string
	docs, err := e.Ingest.Wait(ctx, []string{ok.ID, ok.ID}, func(d *catalog.Document) { seen = append(seen, d.ID) })
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Status != catalog.StatusIndexed || len(seen) != 1 {
		t.Errorf("docs %v, onEach calls %v: want two indexed results and one call", docs, seen)
	}
	if _, err := e.Ingest.Wait(ctx, []string{"01NOSUCHDOCUMENT00000000000"}, nil); !catalog.IsNotFound(err) {
		t.Errorf("unknown id: got %v, want ENOTFOUND", err)
	}

	// A document that never finishes: the pipeline is stopped first.
	e.Ingest.Close()
	st := stage(t, e, "未处理.txt", "尚未处理的社区教育材料。")
	out, err := e.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: hangzhou, DocType: "other"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload: %v %+v", err, out)
	}
	short, cancelShort := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancelShort()
	start := time.Now()
	docs, err = e.Ingest.Wait(short, []string{out[0].Document.ID}, nil)
	// The document never finishes: returning within a minute is the
	// deadline's doing, however loaded the machine.
	if err == nil || time.Since(start) > time.Minute {
		t.Fatalf("wait on an unfinished document returned %v after %s", err, time.Since(start))
	}
	if docs[0] == nil || docs[0].Status != catalog.StatusStored {
		t.Errorf("documents as known at the deadline: %v", docs)
	}
}
