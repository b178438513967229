package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestManifestDepartmentHeadings: an ingest manifest's department column
// may be headed 责任单位, as the UI calls it, or 报送部门 or 部门, as older
// manifests do; each fills the upload's department.
func TestManifestDepartmentHeadings(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "学分银行通知.txt")
	if err := os.WriteFile(doc, []byte("杭州市学分银行建设通知"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, heading := range []string{"责任单位", "报送部门", "部门", "department"} {
		manifest := filepath.Join(dir, "清单-"+heading+".csv")
		if err := os.WriteFile(manifest, []byte("文件名,"+heading+"\n学分银行通知.txt,市教育局\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		jobs, err := readManifest(manifest, map[string]string{})
		if err != nil || len(jobs) != 1 || jobs[0].Fields["department"] != "市教育局" {
			t.Errorf("manifest headed %s: %+v, %v; want one file of 市教育局", heading, jobs, err)
		}
	}
}
