package ingest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestMisreadFourIsSettledByTheCitysDocuments (review s43 #13): a 文号
// whose 号 is missing after three digits ending in 4 keeps its three
// digits (杭政办发〔2021〕114号: revision 11 read 11号), unless a document
// of the city has the 文号 with the 4 taken for the 号 and is the
// scan's notice: the notice 上政发〔2022〕18号 read first, its scan's
// 上政发 [2022] 184, under the same title, is 18号. Another city's 18号
// settles nothing. Either way the 文号 is a guess.
func TestMisreadFourIsSettledByTheCitysDocuments(t *testing.T) {
	e := testenv.New(t)
	lost := e.Upload(hangzhou, "杭政办发114号.txt", "杭州市人民政府办公厅文件\n杭政办发〔2021〕114\n关于推进学习型城市建设的实施意见\n各区、县（市）人民政府：\n正文。\n")
	e.Upload(chengdu, "成都的18号.txt", "上政发〔2022〕18号\n关于建设社区学习中心的通知\n各街道：\n正文。\n")
	early := e.Upload(hangzhou, "扫描件-先.txt", "上政发 [2022] 184\n关于建设城市书房读书驿站的通知\n全区建成读书驿站36个，年接待读者8.6万人次。\n")
	e.Upload(hangzhou, "读书驿站通知.txt", "上政发〔2022〕18号\n关于建设城市书房读书驿站的通知\n全区建成读书驿站36个，年接待读者8.6万人次。\n上城区人民政府\n")
	scan := e.Upload(hangzhou, "扫描件.txt", "上政发 [2022] 184\n关于建设城市书房读书驿站的通知\n全区建成读书驿站36个，年接待读者8.6万人人次。\n")
	for _, c := range []struct {
		name, got, read, want string
	}{
		{"a true 114 whose 号 was lost", lost.DocNumber, lost.DocNumberRead, "杭政办发〔2021〕114号"},
		{"184 before any 18号 of the city (成都's does not count)", early.DocNumber, early.DocNumberRead, "上政发〔2022〕184号"},
		{"184 after the city's 18号", scan.DocNumber, scan.DocNumberRead, "上政发〔2022〕18号"},
	} {
		if c.got != c.want || c.read == "" {
			t.Errorf("%s: 文号 %q (read as %q); want %q, a guess with what was read", c.name, c.got, c.read, c.want)
		}
	}
}

// TestMisreadFourIsNotSettledByAnotherDocument (review s44 #1): the
// city's documents settle a 184 read off a scan as 18号 only when one of
// them has 18号 read from a text layer or set by a person, none states
// 184号, and it is the scan's notice (the same title). Numbers run in
// order, so a city with 184号 has 18号, and a true 114 found 11号 as soon
// as an unrelated 11号 notice was uploaded; a guessed 18号 confirmed
// another guess. A 18号 a person typed settles as one read does.
func TestMisreadFourIsNotSettledByAnotherDocument(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	// Both 18号 and 184号 in the city.
	e.Upload(hangzhou, "18号通知.txt", "杭教发〔2022〕18号\n关于开展社区教育示范街道创建工作的通知\n各区、县（市）教育局：\n正文。\n")
	e.Upload(hangzhou, "184号通知.txt", "杭教发〔2022〕184号\n关于公布2022年学习型城市建设项目的通知\n各区、县（市）教育局：\n正文。\n")
	own := e.Upload(hangzhou, "184号扫描件.txt", "杭教发 [2022] 184\n关于公布2022年学习型城市建设项目的通知\n各区、县（市）教育局：\n正文。\n")
	both := e.Upload(hangzhou, "18号扫描件.txt", "杭教发 [2022] 184\n关于开展社区教育示范街道创建工作的通知\n各区、县（市）教育局：\n正文。\n")
	// An unrelated 11号, another title.
	e.Upload(hangzhou, "11号通知.txt", "杭教发〔2023〕11号\n关于举办2023年全民终身学习活动周的通知\n各区、县（市）教育局：\n正文。\n")
	unrelated := e.Upload(hangzhou, "114号扫描件.txt", "杭教发 [2023] 114\n关于推进老年教育高质量发展的实施意见\n各区、县（市）教育局：\n正文。\n")
	// A guessed 18号 (its 号 read as 5), then a scan of the same title.
	guess := e.Upload(hangzhou, "185扫描件.txt", "上教发 [2021] 185\n关于建设社区学习共同体的通知\n各街道：\n正文。\n")
	byGuess := e.Upload(hangzhou, "184扫描件.txt", "上教发 [2021] 184\n关于建设社区学习共同体的通知\n各街道：\n正文。\n")
	// A 18号 a person typed, on a notice whose text has none.
	typed := e.Upload(hangzhou, "读书节通知.txt", "关于举办第十届市民读书节的通知\n各街道：\n正文。\n")
	number := "西教发〔2024〕18号"
	if _, err := e.Catalog.UpdateDocument(ctx, typed.ID, catalog.DocumentPatch{DocNumber: &number}, "coordinator"); err != nil {
		t.Fatal(err)
	}
	byPerson := e.Upload(hangzhou, "读书节扫描件.txt", "西教发 [2024] 184\n关于举办第十届市民读书节的通知\n各街道：\n正文。\n")
	if guess.DocNumber != "上教发〔2021〕18号" || guess.DocNumberRead == "" {
		t.Fatalf("the 18号 read off 185: 文号 %q (read as %q); want 上教发〔2021〕18号, a guess", guess.DocNumber, guess.DocNumberRead)
	}
	for _, c := range []struct {
		name string
		d    *catalog.Document
		want string
	}{
		{"a scan of the city's own 184号", own, "杭教发〔2022〕184号"},
		{"184 under 18号's title in a city that has 184号", both, "杭教发〔2022〕184号"},
		{"a true 114 after an unrelated 11号", unrelated, "杭教发〔2023〕114号"},
		{"184 under the title of a guessed 18号", byGuess, "上教发〔2021〕184号"},
		{"184 under the title of a 18号 a person typed", byPerson, "西教发〔2024〕18号"},
	} {
		if c.d.DocNumber != c.want || c.d.DocNumberRead == "" {
			t.Errorf("%s: 文号 %q (read as %q); want %q, a guess with what was read", c.name, c.d.DocNumber, c.d.DocNumberRead, c.want)
		}
	}
}

// TestMisreadFourIsSettledByItsNearDuplicate (review s44 #1): a scan
// whose title OCR misread is not its notice's by title, but once the two
// are found near duplicates, reading the scan's fields again (evidence
// repair --outdated) settles its 184 as the notice's 18号.
func TestMisreadFourIsSettledByItsNearDuplicate(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	body := strings.Repeat("全区建成城市书房和读书驿站三十六个，年接待读者八万六千人次，开展阅读推广活动一千二百场。", 3) +
		"各街道要将城市书房建设纳入学习型城市建设年度计划，落实场地、经费和管理人员，定期报送建设进度。\n上城区人民政府\n2022年6月1日\n"
	notice := e.Upload(hangzhou, "读书驿站通知.txt", "上政发〔2022〕18号\n关于建设城市书房读书驿站的通知\n各街道：\n"+body)
	scan := e.Upload(hangzhou, "读书驿站扫描件.txt", "上政发 [2022] 184\n关于建设城市书房读书驿站的通如\n各街道：\n"+body)
	if scan.DocNumber != "上政发〔2022〕184号" {
		t.Fatalf("a scan whose title differs, before its near duplicates are found: 文号 %q; want 上政发〔2022〕184号", scan.DocNumber)
	}
	dups, err := e.Catalog.NearDuplicates(ctx, scan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(dups) == 0 || dups[0].ID != notice.ID {
		t.Fatalf("the scan's near duplicates: %+v; want the notice %s", dups, notice.ID)
	}
	// As an older reader left it.
	older := catalog.FieldFill{Title: scan.Title, DocNumber: scan.DocNumber, DocNumberRead: scan.DocNumberRead, IssuedOn: scan.IssuedOn}
	if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: scan.ID, Status: catalog.StatusIndexed, Fill: &older}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Ingest.RereadFields(ctx, nil); err != nil {
		t.Fatal(err)
	}
	now, err := e.Catalog.Document(ctx, scan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if now.DocNumber != "上政发〔2022〕18号" || now.DocNumberRead == "" {
		t.Errorf("the scan read again beside its near duplicate: 文号 %q (read as %q); want 上政发〔2022〕18号, a guess", now.DocNumber, now.DocNumberRead)
	}
}
