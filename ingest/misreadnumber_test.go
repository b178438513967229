package ingest_test

import (
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestMisreadFourIsSettledByTheCitysDocuments (review s43 #13): a 文号
// whose 号 is missing after three digits ending in 4 keeps its three
// digits (杭政办发〔2021〕114号: revision 11 read 11号), unless a document
// of the city has the 文号 with the 4 taken for the 号: the notice
// 上政发〔2022〕18号 read first, its scan's 上政发 [2022] 184 is 18号.
// Another city's 18号 settles nothing. Either way the 文号 is a guess.
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
