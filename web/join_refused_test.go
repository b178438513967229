package web

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJoinRefusedOnArrivalWithoutScript: photos to be joined, one of them
// empty, posted by the forms without script: the upload page says in the
// page's language (English too) that nothing was joined or stored; 我的任务
// says so too, with each refused file listed, and nothing is handed in.
func TestJoinRefusedOnArrivalWithoutScript(t *testing.T) {
	s := newSite(t)
	photo, err := os.ReadFile(filepath.Join("..", "ingest", "extract", "testdata", "photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"IMG_0101.jpg": photo, "IMG_0102.jpg": nil}
	wang := s.login("wang")
	fields := map[string]string{"city": "330100", "doc_type": "meeting_notice", "join_photos": "1"}
	zh := wang.postFilesBody("/upload", fields, files)
	if got := html.UnescapeString(zh.body); !strings.Contains(got, "文件“IMG_0102.jpg”无法使用") || !strings.Contains(got, "照片没有合并，也没有保存") {
		t.Errorf("the upload page's join refusal in Chinese:\n%.3000s", got)
	}
	wang.get("/lang?to=en&next=/")
	en := wang.postFilesBody("/upload", fields, files)
	if got := html.UnescapeString(en.body); !strings.Contains(got, "so the photos were not joined and nothing was stored") || strings.Contains(got, "照片没有合并") {
		t.Errorf("the upload page's join refusal in English shows no English:\n%.3000s", got)
	}

	dept, task := departmentWithATask(t, s)
	got := dept.postFilesBody("/tasks/"+task+"/upload", map[string]string{"doc_type": "work_summary", "join_photos": "1", "next": "/tasks"}, files)
	body := html.UnescapeString(got.body)
	if !strings.Contains(body, "照片没有合并，也没有保存") || !strings.Contains(body, "IMG_0102.jpg") {
		t.Errorf("我的任务's join refusal does not say nothing was stored, naming the empty photo:\n%.3000s", body)
	}
	docs, err := s.env.Catalog.CityDocuments(context.Background(), "330100")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 0 {
		t.Errorf("%d documents stored after refused joins", len(docs))
	}
}
