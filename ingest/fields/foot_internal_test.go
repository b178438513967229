package fields

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// roster is an attachment of about size bytes: a 名单 of community
// schools, one to a line, with no date in it.
func roster(size int) string {
	var b strings.Builder
	b.WriteString("附件\n2024年全民终身学习活动周参与单位名单\n序号 单位名称 联系人 联系电话\n")
	for i := 1; b.Len() < size; i++ {
		fmt.Fprintf(&b, "%d 杭州市上城区第%d社区学校 王老师 0571-8%07d\n", i, i, i)
	}
	return b.String()
}

// TestReadKeepsTheDateBeforeABigAttachment: a 通知 whose 落款 stands on
// page 2, followed by a 名单 of 300 KiB, keeps its 成文日期 and the body
// signing it; the last 64 KiB of the text alone hold no date.
func TestReadKeepsTheDateBeforeABigAttachment(t *testing.T) {
	pages := []string{
		"杭州市教育局文件\n杭教职成〔2024〕7号\n关于开展2024年全民终身学习活动周的通知\n各区、县（市）教育局：\n为推进学习型城市建设，现将有关事项通知如下。",
		"一、请各地组织社区学校开展书法、摄影和智能手机课程。\n二、请于活动结束后报送总结。\n\n杭州市教育局\n2024年5月6日\n（此件公开发布）",
		roster(300 << 10),
	}
	f := Read(pages, "")
	if f.IssuedOn != (Field{Value: "2024-05-06", Source: SourceSignature}) || f.DocNumber.Value != "杭教职成〔2024〕7号" ||
		!strings.Contains(f.Title.Value, "全民终身学习活动周") {
		t.Errorf("fields of the 通知 with a 300 KiB 名单: %+v", f)
	}
	if d, iss, _ := foot(pages); d.Value != "2024-05-06" || iss.Value != "杭州市教育局" {
		t.Errorf("foot: %+v, %+v", d, iss)
	}
}

// TestFootReadsAsTheWholeText: each fixture, and each followed by a 名单
// of 300 KiB, gives the date and the signing body the whole text gives.
func TestFootReadsAsTheWholeText(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("fixtures: %v (%d found)", err, len(paths))
	}
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(string(body), "\f")
		wd, wi, _ := readFootFrom(prepare(strings.Join(pages, "\n")), 0, true)
		if d, iss, _ := foot(pages); d != wd || iss != wi {
			t.Errorf("%s: foot %v %v, the whole text %v %v", p, d, iss, wd, wi)
		}
		if wd.Value == "" {
			continue
		}
		long := append(pages, roster(300<<10))
		if d, _, _ := foot(long); d != wd {
			t.Errorf("%s with a 300 KiB 名单: foot %v, want %v", p, d, wd)
		}
	}
}

// TestReadBoundsItsCost: a 4 MiB text on one line (a table's export, or
// a crafted file) still gives its title, 文号 and signature, and without
// a signature its foot is read to maxFootBudget, not through.
func TestReadBoundsItsCost(t *testing.T) {
	head := "杭州市教育局文件 杭教职成〔2024〕7号 关于开展2024年全民终身学习活动周的通知 各区、县（市）教育局："
	body := strings.Repeat("各社区学习点组织市民参加书法、摄影和智能手机课程，", (4<<20)/75)
	signed := []string{head + body + "杭州市教育局 2024年5月6日"}
	f := Read(signed, "")
	if f.DocNumber.Value != "杭教职成〔2024〕7号" || f.IssuedOn.Value != "2024-05-06" || !strings.Contains(f.Title.Value, "全民终身学习活动周") {
		t.Errorf("fields of the 4 MiB text: %+v", f)
	}
	if _, _, read := foot(signed); read > maxFootBytes {
		t.Errorf("read %d bytes of the foot, want the first window of %d", read, maxFootBytes)
	}
	if _, _, read := foot([]string{head + body}); read > 2*maxFootBudget {
		t.Errorf("read %d bytes of an unsigned 4 MiB text, want at most %d", read, 2*maxFootBudget)
	}
	if got := headPage([]string{"", head + body}); len(got) > maxHeadBytes {
		t.Errorf("prepared %d bytes of the head", len(got))
	}
}
