package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/report"
)

// TestStoreGaveUpIngestSaysEachFile: an import the store ended says of
// each file what became of it, in Chinese, in English and in JSON: stored
// and left for evidence serve unless already indexed, failed with why,
// and returns the store's error for main to print last.
func TestStoreGaveUpIngestSaysEachFile(t *testing.T) {
	outcomes := []*fileOutcome{
		{Path: "材料/通知.txt", ID: "D1", Outcome: "stored", Status: "indexed"},
		{Path: "材料/台账.txt", ID: "D2", Outcome: "stored", Status: "stored"},
		{Path: "材料/总结.txt", Outcome: "failed", Error: "对象存储不可用"},
		// The same bytes as 台账.txt: its status is D2's, and it is not
		// waiting a second time.
		{Path: "副本/台账.txt", ID: "D2", Outcome: "duplicate", Status: "stored"},
	}
	why := errors.New("已等候 1 分钟,存储仍不可用")
	for _, tt := range []struct {
		lang    report.Lang
		json    bool
		want    []string
		notWant []string
	}{
		{report.Chinese, false, []string{"导入未完成：新增 2，重复 1，失败 1（共 4 个文件）；其中 1 个已保存的文件待存储恢复后由 evidence serve 继续处理",
			"  待处理  材料/台账.txt：已保存", "  失败  材料/总结.txt：对象存储不可用"}, []string{"材料/通知.txt", "导入完成", "待处理  副本/台账.txt"}},
		{report.English, false, []string{"Import not finished: 2 new, 1 duplicate, 1 failed (4 files); 1 stored file waits for evidence serve to read it once the store is back",
			"  waiting    材料/台账.txt: stored", "  failed     材料/总结.txt: 对象存储不可用"}, []string{"材料/通知.txt", "导入", "waiting    副本/台账.txt"}},
	} {
		var out bytes.Buffer
		if err := storeGaveUpIngest(&out, tt.lang, outcomes, tt.json, why); err != why {
			t.Errorf("%v: returned %v, want the store's error", tt.lang, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%v: output lacks %q:\n%s", tt.lang, w, out.String())
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(out.String(), w) {
				t.Errorf("%v: output has %q:\n%s", tt.lang, w, out.String())
			}
		}
	}
	var out bytes.Buffer
	storeGaveUpIngest(&out, report.Chinese, outcomes, true, why)
	var got struct {
		Files                   []fileOutcome
		Stored, Failed, Waiting int
		Stopped                 string
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("JSON %q: %v", out.String(), err)
	}
	if len(got.Files) != 4 || got.Stored != 2 || got.Failed != 1 || got.Waiting != 1 || !strings.Contains(got.Stopped, "存储仍不可用") {
		t.Errorf("JSON %+v, want 4 files, 2 stored, 1 failed, 1 waiting, stopped by the store", got)
	}
}
