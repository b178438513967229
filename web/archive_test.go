package web

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// accepts is whether the file input with id in page offers ext.
func accepts(page, id, ext string) bool {
	m := regexp.MustCompile(`<input id="` + id + `"[^>]*accept="([^"]*)"`).FindStringSubmatch(page)
	return m != nil && slices.Contains(strings.Split(m[1], ","), ext)
}

// TestZipArchiveWithoutScript: both forms' file pickers offer ZIP, RAR
// and 7z archives and the upload page's help text names them; the forms
// without script take a ZIP or 7z archive's files too: the upload page
// lists each file from the archive named, the refused one with why; a 文号 typed for an archive is refused
// beside its field, nothing stored; a department's hand-in of an archive
// hands in its files.
func TestZipArchiveWithoutScript(t *testing.T) {
	s := newSite(t)
	archive := testfiles.ZipTexts(t,
		"关于推进学分银行建设的通知.txt", "杭州市推进终身学习学分银行建设，各区县教育局按要求组织实施。",
		"安装程序.exe", "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")
	wang := s.login("wang")
	_, form := wang.get("/upload")
	for _, ext := range []string{".zip", ".rar", ".7z"} {
		if !accepts(form, "files", ext) {
			t.Errorf("the upload page's file picker does not offer %s archives", ext)
		}
	}
	if !strings.Contains(form, "压缩包（ZIP、RAR 或 7z") {
		t.Errorf("the upload page's help text does not name ZIP, RAR and 7z archives:\n%.2000s", form)
	}
	got := wang.postFilesBody("/upload", map[string]string{"city": "330100", "doc_type": "policy", "doc_number": "杭教〔2018〕15号"},
		map[string][]byte{"材料汇总.zip": archive})
	if body := html.UnescapeString(got.body); !strings.Contains(body, "压缩包中的每个文件各有自己的标题、文号") {
		t.Errorf("a 文号 typed for an archive was not refused:\n%.3000s", body)
	}
	if docs, _ := s.env.Catalog.CityDocuments(context.Background(), "330100"); len(docs) != 0 {
		t.Fatalf("%d documents stored after a refused form", len(docs))
	}
	got = wang.postFilesBody("/upload", map[string]string{"city": "330100", "doc_type": "policy"}, map[string][]byte{"材料汇总.zip": archive})
	body := html.UnescapeString(got.body)
	for _, want := range []string{"关于推进学分银行建设的通知.txt", "（来自压缩包“材料汇总.zip”）", "安装程序.exe", "不接受这种类型的文件"} {
		if !strings.Contains(body, want) {
			t.Errorf("the upload page lacks %q:\n%.4000s", want, body)
		}
	}
	if docs, _ := s.env.Catalog.CityDocuments(context.Background(), "330100"); len(docs) != 1 || docs[0].Filename != "关于推进学分银行建设的通知.txt" {
		t.Errorf("documents after the archive: %v", docs)
	}
	sevenZip, err := os.ReadFile(filepath.Join("..", "ingest", "testdata", "archives", "材料汇总.7z"))
	if err != nil {
		t.Fatal(err)
	}
	got = wang.postFilesBody("/upload", map[string]string{"city": "330100", "doc_type": "policy"}, map[string][]byte{"材料汇总.7z": sevenZip})
	body = html.UnescapeString(got.body)
	for _, want := range []string{"2018年社区教育工作总结.txt", "（来自压缩包“材料汇总.7z”）", "旧材料.zip", "又是一个压缩包"} {
		if !strings.Contains(body, want) {
			t.Errorf("the upload page after a 7z archive lacks %q:\n%.4000s", want, body)
		}
	}
	if docs, _ := s.env.Catalog.CityDocuments(context.Background(), "330100"); len(docs) != 3 {
		t.Errorf("%d documents after the 7z archive, want 3", len(docs))
	}

	dept, task := departmentWithATask(t, s)
	_, page := dept.get("/tasks")
	if !strings.Contains(page, `name="file" type="file" multiple required accept="`+uploadAccept+`"`) || !strings.Contains(uploadAccept, ".zip") {
		t.Errorf("我的任务's file picker does not take what the upload page takes (ZIP archives too):\n%.3000s", page)
	}
	handIn := testfiles.ZipTexts(t, "市教育局工作简报.txt", "市教育局第三期工作简报：推进老年大学办学。",
		"市教育局台账说明.txt", "市教育局2018年老年教育参与人数台账说明。")
	dept.postFilesBody("/tasks/"+task+"/upload", map[string]string{"doc_type": "work_summary", "next": "/tasks"}, map[string][]byte{"市教育局材料.zip": handIn})
	if docs, _ := s.env.Catalog.CityDocuments(context.Background(), "330100"); len(docs) != 5 {
		t.Errorf("%d documents after the department's archive, want 5", len(docs))
	}
}
