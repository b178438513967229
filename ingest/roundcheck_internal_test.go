package ingest

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// neverAdded is what an upload naming round 2109, which no admin added,
// is told, on the round field.
const neverAdded = "监测轮次 2109 不存在：请填写已有的轮次；如确需这一轮次，请管理员先在“系统管理”页的“监测轮次”中添加"

// An upload naming a round that was never added (a slip: 2109) is
// refused up front on the round field, saying so and where rounds are
// added: the request's round refuses the request, a file's own round
// (round.N) that file only, the others stored. Nothing is recorded in
// the round. Before, any year passed the form's check and the catalog's
// hold refused the whole request with the message of a round deleted
// meanwhile (请刷新页面), on no field.
func TestUploadNamingARoundNeverAddedIsRefusedOnTheField(t *testing.T) {
	for _, tc := range []struct {
		name    string
		round   string       // the request's
		own     map[int]Meta // the files' own
		refused []bool       // by file; nil: the request refused
	}{
		{"the request's round", "2109", nil, nil},
		{"one file's own round", "2018", map[int]Meta{1: {Round: "2109"}}, []bool{false, true, false}},
		{"one file's own round, the request's none", "", map[int]Meta{0: {Round: "2017"}, 2: {Round: "2109"}}, []bool{false, false, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t)
			svc, _ := r.service(t)
			ctx := context.Background()
			files := stageTexts(t, svc, "杭州市社区教育工作总结。", "杭州市老年大学招生简章。", "杭州市学分银行实施办法。")
			out, err := svc.Upload(ctx, coordinator, UploadRequest{Meta: Meta{City: "330100", DocType: "work_summary", Round: tc.round},
				Files: files, PartMeta: tc.own})
			if tc.refused == nil {
				checkNeverAdded(t, "the request", err)
			} else if err != nil {
				t.Fatalf("upload: %v; want each file its outcome", err)
			}
			for i, st := range files {
				_, lookErr := r.cat.DocumentBySHA256(ctx, st.SHA256, "330100")
				switch {
				case tc.refused == nil || tc.refused[i]:
					if tc.refused != nil {
						checkNeverAdded(t, st.Filename, out[i].Err)
					}
					if !catalog.IsNotFound(lookErr) {
						t.Errorf("%s, refused, is recorded: %v", st.Filename, lookErr)
					}
				case out[i].Err != nil || lookErr != nil:
					t.Errorf("%s: %v, %v; want it stored beside the refused file", st.Filename, out[i].Err, lookErr)
				}
			}
		})
	}
}

func checkNeverAdded(t *testing.T, what string, err error) {
	t.Helper()
	if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "round" || !strings.Contains(catalog.MessageWords(err).Chinese, neverAdded) {
		t.Errorf("%s: %v; want EINVALID on round saying %s", what, err, neverAdded)
	}
}

// A round deleted between the request's checks and its documents' rows
// (the catalog's hold finds it gone for the whole batch) fails only the
// files filed in it: the request's files are then recorded one at a
// time, as after a conflict. Before, every file of the request failed.
func TestFilesOfARoundDeletedMidUploadFailAlone(t *testing.T) {
	r := newRig(t)
	svc, _ := r.service(t)
	ctx := context.Background()
	if err := r.cat.AddRound(ctx, catalog.Round{Year: 2031, Label: "2031年度"}, "admin"); err != nil {
		t.Fatal(err)
	}
	files := stageTexts(t, svc, "宁波市社区教育工作总结。", "宁波市老年大学招生简章。", "宁波市学分银行实施办法。")
	metas := make([]Meta, len(files))
	for i := range metas {
		metas[i] = Meta{City: "330100", DocType: "work_summary", Round: "2018"}
	}
	metas[1].Round = "2031"
	if err := r.cat.DeleteRound(ctx, 2031, "admin"); err != nil {
		t.Fatalf("delete the empty round 2031: %v", err)
	}
	outs, errs := svc.submitAll(ctx, files, metas, "", coordinator)
	for i, st := range files {
		_, lookErr := r.cat.DocumentBySHA256(ctx, st.SHA256, "330100")
		if i == 1 {
			if catalog.ErrorCode(errs[i]) != catalog.ENOTFOUND || !catalog.IsNotFound(lookErr) {
				t.Errorf("%s, of the deleted round 2031: %v, recorded %v; want ENOTFOUND and nothing recorded", st.Filename, errs[i], lookErr)
			}
			continue
		}
		if errs[i] != nil || outs[i] == nil || lookErr != nil {
			t.Errorf("%s, of round 2018: %v, %v; want it stored beside the file of the deleted round", st.Filename, errs[i], lookErr)
		}
	}
}

// A file's own round that cannot be looked up (the catalog out of reach
// as the request is checked) refuses that file alone, naming it and the
// round and saying to upload it again later: unavailable, on the round
// field, not an internal error a coordinator cannot act on. A file whose
// own round is the request's, checked already, is not refused.
func TestAFileWhoseRoundCannotBeLookedUpIsNamed(t *testing.T) {
	r := newRig(t)
	svc, _ := r.service(t)
	files := stageTexts(t, svc, "杭州市社区教育工作总结。", "杭州市老年大学招生简章。")
	if err := r.cat.Close(); err != nil {
		t.Fatal(err)
	}
	req := UploadRequest{Meta: Meta{City: "330100", DocType: "work_summary", Round: "2018"}, Files: files,
		PartMeta: map[int]Meta{0: {Round: "2018"}, 1: {Round: "2017"}}}
	_, refused := partMetas(files, req.Meta, req, svc.roundChecker(context.Background(), req.Meta.Round))
	if refused[0] != nil {
		t.Errorf("%s, of the request's round: %v; want it taken", files[0].Filename, refused[0])
	}
	msg := catalog.ErrorMessage(refused[1])
	if catalog.ErrorCode(refused[1]) != catalog.EUNAVAILABLE || catalog.ErrorField(refused[1]) != "round" ||
		!strings.Contains(msg, files[1].Filename) || !strings.Contains(msg, "监测轮次 2017") || !strings.Contains(msg, "稍后重新上传") {
		t.Errorf("%s, its round 2017 not looked up: %v (%q); want EUNAVAILABLE on round naming the file and the round", files[1].Filename, refused[1], msg)
	}
}
