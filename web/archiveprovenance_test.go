package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestDocumentPageNamesItsArchive: the document page of a file unpacked
// from a department's archive says which archive under 文档信息, in the
// page's language, to the coordinator who may edit it and to an expert
// who only reads; a file uploaded alone says nothing of one.
func TestDocumentPageNamesItsArchive(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	fields := map[string]string{"city": "330100", "doc_type": "work_summary"}
	wang.postFilesBody("/upload", fields, map[string][]byte{"教育局材料汇总.zip": testfiles.ZipTexts(t,
		"2018年社区教育工作总结.txt", "2018年全市社区学校覆盖率达到百分之百，参与社区教育活动达1.2万人次。",
		"老年教育台账说明.txt", "市教育局2018年老年教育参与人数台账说明。")})
	wang.postFilesBody("/upload", fields, map[string][]byte{"关于开展全民终身学习活动周的通知.txt": []byte("关于开展全民终身学习活动周的通知，各区县教育局按要求组织实施。")})
	docs, err := s.env.Catalog.CityDocuments(context.Background(), "330100")
	if err != nil {
		t.Fatal(err)
	}
	id := map[string]string{}
	for _, d := range docs {
		id[d.Filename] = d.ID
	}
	if len(id) != 3 {
		t.Fatalf("documents after the uploads: %v, want three", id)
	}
	zhou := s.login("zhou")
	englishWang := s.login("wang")
	englishWang.english()
	for _, tc := range []struct {
		file   string
		reader *browser
		want   string // "" : no archive named
	}{
		{"2018年社区教育工作总结.txt", wang, "来自压缩包“教育局材料汇总.zip”"},
		{"老年教育台账说明.txt", wang, "来自压缩包“教育局材料汇总.zip”"},
		{"老年教育台账说明.txt", zhou, "来自压缩包“教育局材料汇总.zip”"},
		{"老年教育台账说明.txt", englishWang, "From the archive “教育局材料汇总.zip”"},
		{"关于开展全民终身学习活动周的通知.txt", wang, ""},
		{"关于开展全民终身学习活动周的通知.txt", englishWang, ""},
	} {
		if id[tc.file] == "" {
			t.Fatalf("no document %s among %v", tc.file, id)
		}
		_, page := tc.reader.get("/documents/" + id[tc.file])
		page = html.UnescapeString(page)
		meta := page[strings.Index(page, `id="metah"`)+1:]
		switch {
		case tc.want != "" && !strings.Contains(meta, tc.want):
			t.Errorf("%s as %s: 文档信息 lacks %q:\n%.3000s", tc.file, tc.reader.name, tc.want, meta)
		case tc.want == "" && (strings.Contains(page, `id="doc-archive"`) || strings.Contains(page, "来自压缩包") || strings.Contains(page, "From the archive")):
			t.Errorf("%s as %s, uploaded alone, names an archive:\n%.3000s", tc.file, tc.reader.name, meta)
		}
	}
}
