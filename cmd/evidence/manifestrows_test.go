package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// TestManifestRowsCheckedBeforeTheIndexOpens: a local import whose
// manifest has rows with fields no upload can pass (a city, a type, an
// indicator the archive does not know) is refused before the index is
// opened, and the refusal lists every such row by its line, in Chinese
// and in English: it used to open (make) the index, store the good rows
// before them and fail each bad one only when its turn came.
func TestManifestRowsCheckedBeforeTheIndexOpens(t *testing.T) {
	data := filepath.Join(t.TempDir(), "杭州档案")
	if _, err := runCLI(t, "user", "add", "--data", data, "--name", "wangfang", "--role", "admin"); err != nil {
		t.Fatalf("user add: %v", err)
	}
	os.RemoveAll(filepath.Join(data, "tmp"))
	before := folderEntries(t, data)
	dir := t.TempDir()
	for _, name := range []string{"终身学习活动周方案.txt", "社区学院建设通知.txt", "学分银行实施办法.txt", "老年大学办学情况.txt", "市民学习卡发放总结.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("杭州市"+strings.TrimSuffix(name, ".txt")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	manifest := filepath.Join(dir, "清单.csv")
	rows := "文件,城市,文件类型,指标\n" +
		"终身学习活动周方案.txt,330100,policy,\n" +
		"社区学院建设通知.txt,999999,policy,\n" +
		"学分银行实施办法.txt,330100,policy,9.9.9\n" +
		"老年大学办学情况.txt,330100,红头文件,\n" +
		"市民学习卡发放总结.txt,330100,work_summary,\n"
	if err := os.WriteFile(manifest, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := runCLI(t, "ingest", "--manifest", manifest, "--data", data)
	if err == nil {
		t.Fatal("a manifest with three bad rows was imported")
	}
	for _, c := range []struct {
		lang       report.Lang
		want, not  []string
		mentioning []string
	}{
		{report.Chinese, []string{"清单有 3 处问题", "第 3 行：", "第 4 行：", "第 5 行："}, []string{"第 2 行", "第 6 行"}, []string{"999999", "9.9.9", "红头文件"}},
		{report.English, []string{"3 problems", "row 3: ", "row 4: ", "row 5: "}, []string{"row 2", "row 6"}, []string{"999999", "9.9.9", "红头文件"}},
	} {
		said := describeIn(err, c.lang)
		for _, w := range append(c.want, c.mentioning...) {
			if !strings.Contains(said, w) {
				t.Errorf("refusal in %v does not say %q:\n%s", c.lang, w, said)
			}
		}
		for _, w := range c.not {
			if strings.Contains(said, w) {
				t.Errorf("refusal in %v names the good %q:\n%s", c.lang, w, said)
			}
		}
	}
	if after := folderEntries(t, data); !slices.Equal(after, before) {
		t.Errorf("the refused import left the data folder with %v, want %v as it was (no index made)", after, before)
	}
}

// TestManifestRowsOfOtherFieldsCheckedApart: rows are checked once for
// the same fields, and only for the same: a city written "330100
// title:通知" on one row and city 330100 with the title 通知 on the next
// print alike as Go maps (review s55), and the good row was refused
// with the bad row's answer.
func TestManifestRowsOfOtherFieldsCheckedApart(t *testing.T) {
	jobs := []fileJob{
		{Line: 2, Fields: map[string]string{"city": "330100 title:通知"}},
		{Line: 3, Fields: map[string]string{"city": "330100", "title": "通知"}},
	}
	checks := 0
	err := checkManifestRows(jobs, func(job fileJob) error {
		checks++
		if job.Fields["city"] != "330100" {
			return catalog.Errorf(catalog.EINVALID, "未知的城市代码“%s”", job.Fields["city"])
		}
		return nil
	})
	if checks != 2 {
		t.Errorf("two rows of other fields checked %d times, want 2", checks)
	}
	if err == nil || !strings.Contains(err.Error(), "第 2 行") || strings.Contains(err.Error(), "第 3 行") {
		t.Errorf("refusal %v, want line 2's alone", err)
	}
}
