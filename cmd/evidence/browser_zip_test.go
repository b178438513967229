package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestUploadingAZipInARealBrowser: a coordinator drops a department's
// 材料汇总.zip on the upload page; its row becomes the archive's files,
// each followed until it is indexed, the one the archive cannot read
// failed with why, and the totals count the files, not the archive.
func TestUploadingAZipInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	s.addAccounts(pw, [][]string{{"wang", "coordinator", "--city", "330100"}})
	archive := zipOf(t, t.TempDir(), "材料汇总.zip", [][2]string{
		{"材料/关于推进社区教育和学分银行建设的实施意见.txt", "杭州市推进社区教育，建设终身学习学分银行。"},
		{"材料/2018年社区教育工作总结.txt", "2018年全市社区学校覆盖率达到百分之百。"},
		{"材料/安装程序.exe", "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"},
	})
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	u.login(s.base, "wang", pw)
	u.do("choose the archive", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), []string{archive}), chromedp.SetValue(css(`#doc_type`), "work_summary"))
	u.waitFor("its row", `document.querySelectorAll('#outcomes li .filemeta').length === 1`)
	u.do("upload", chromedp.Click(css(`#upload-submit`)))
	u.waitFor("the archive's files", `document.querySelectorAll('#outcomes li[data-kind="archive"] ul.archive-files > li').length === 3`)
	u.waitFor("two indexed", `document.querySelectorAll('#outcomes ul.archive-files .docstatus[data-status="indexed"]').length === 2`)
	if got := u.text(`#outcomes li[data-kind="archive"] > .state`); !strings.Contains(got, "压缩包已解开") || !strings.Contains(got, "3") {
		t.Errorf("the archive's row reads %q", got)
	}
	if got := u.text(`#outcomes ul.archive-files li[data-kind="failed"]`); !strings.Contains(got, "安装程序.exe") || !strings.Contains(got, "不接受这种类型的文件") {
		t.Errorf("the refused file's row reads %q", got)
	}
	if got := u.text(`#totals`); !strings.Contains(got, "3 个文件：已保存 2，重复 0，失败 1") {
		t.Errorf("totals %q, want the archive's three files counted", got)
	}
	u.do("phone width", chromedp.EmulateViewport(390, 844))
	u.fitsTheWidth("an unpacked archive at 390 px")
}

// zipOf writes a ZIP archive of files (name, text) under dir.
func zipOf(t *testing.T, dir, name string, files [][2]string) string {
	t.Helper()
	var texts []string
	for _, f := range files {
		texts = append(texts, f[0], f[1])
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, testfiles.ZipTexts(t, texts...), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestUploadTotalsCountTheFilesOfAMix: a coordinator sends, in one go, a
// new file, last round's file renamed for this round and a ZIP archive of
// three files (one of them a program). The totals count five files — the
// archive's three, not the archive — by outcome; removing one of the
// archive's files takes it out of the count. Last round's file says, as
// a plain duplicate does, which stored file it is, with a link to the
// stored document under its title, and where its indicator now counts;
// put in no round and sent again, it says it has none.
func TestUploadTotalsCountTheFilesOfAMix(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	s.addAccounts(pw, [][]string{{"wang", "coordinator", "--city", "330100"}})
	const card = "杭州市终身学习卡发放情况：2017年全市发放终身学习卡12万张。"
	status, body := s.upload(map[string]string{"city": "330100", "doc_type": "work_summary", "round": "2017"},
		upload{name: "终身学习卡.txt", body: []byte(card)})
	if status != http.StatusCreated {
		t.Fatalf("last round's file: %d %v", status, body)
	}
	stored := s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	dir := t.TempDir()
	single := filepath.Join(dir, "2018年社区教育工作总结.txt")
	if err := os.WriteFile(single, []byte("杭州市2018年社区教育工作总结：社区学校覆盖全部街道。"), 0o644); err != nil {
		t.Fatal(err)
	}
	renamed := filepath.Join(dir, "终身学习卡（2018年报送）.txt")
	if err := os.WriteFile(renamed, []byte(card), 0o644); err != nil {
		t.Fatal(err)
	}
	archive := zipOf(t, dir, "材料汇总.zip", [][2]string{
		{"材料/学分银行实施意见.txt", "杭州市学分银行实施意见：建立学分银行，推进学习成果认证。"},
		{"材料/市民学校名单.txt", "杭州市2018年市民学校名单：上城区市民学校、西湖区市民学校。"},
		{"材料/安装程序.exe", "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"},
	})
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	u.login(s.base, "wang", pw)
	u.do("choose a file, last round's and an archive", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), []string{single, renamed, archive}), chromedp.SetValue(css(`#doc_type`), "work_summary"),
		chromedp.SetValue(css(`#round`), "2018"), chromedp.SetValue(css(`#indicators`), "2.3.1"))
	u.waitFor("three rows", `document.querySelectorAll('#outcomes li .filemeta').length === 3`)
	if got := u.text(`#totals`); !strings.Contains(got, "3 个文件") {
		t.Errorf("totals before sending %q, want the three rows chosen", got)
	}
	u.do("upload", chromedp.Click(css(`#upload-submit`)))
	u.waitFor("the archive unpacked", `document.querySelectorAll('#outcomes ul.archive-files > li').length === 3`)
	u.waitFor("all read", `document.querySelectorAll('#outcomes .docstatus[data-status="indexed"]').length === 4`)
	if got := u.text(`#totals`); !strings.Contains(got, "5 个文件：已保存 3，重复 1，失败 1") {
		t.Errorf("totals %q, want five files: the two sent alone and the archive's three", got)
	}
	dup := `#outcomes > li[data-kind="duplicate"]`
	want := "重复文件：与已保存的“终身学习卡.txt”是同一文件（内容完全相同，属于 2017年度），未重复保存；本次关联的指标计入 2018年度"
	if got := u.text(dup); !strings.Contains(got, "终身学习卡（2018年报送）.txt") || !strings.Contains(got, want) {
		t.Errorf("last round's file reads %q, want %q", got, want)
	}
	if href, title := u.attr(dup+` .state a`, "href"), u.text(dup+` .state a`); href != "/documents/"+stored["id"].(string) || title != stored["title"] {
		t.Errorf("last round's file links %s %q, want the stored document %s %q", href, title, stored["id"], stored["title"])
	}
	u.do("remove the archive's refused file", chromedp.Click(css(`#outcomes ul.archive-files li[data-kind="failed"] button.remove`)))
	if got := u.text(`#totals`); !strings.Contains(got, "4 个文件：已保存 3，重复 1，失败 0") {
		t.Errorf("totals after removing the refused file %q, want four files", got)
	}
	if n := eval[int](u, `document.querySelectorAll('#outcomes > li').length`); n != 3 {
		t.Errorf("%d rows after removing one of the archive's files, want the three rows sent", n)
	}

	// The stored file of no round (one from before every document had
	// one), sent again for 2018, says it has none.
	if status, out := s.send("PATCH", "/api/v1/documents/"+stored["id"].(string), `{"round":""}`); status != http.StatusOK {
		t.Fatalf("the stored file put in no round: %d %v", status, out)
	}
	u.do("send last round's file again", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), []string{renamed}), chromedp.SetValue(css(`#doc_type`), "work_summary"),
		chromedp.SetValue(css(`#round`), "2018"), chromedp.SetValue(css(`#indicators`), "2.3.1"))
	u.waitFor("its row", `document.querySelectorAll('#outcomes li .filemeta').length === 1`)
	u.do("upload it", chromedp.Click(css(`#upload-submit`)))
	u.waitFor("its outcome", `document.querySelector('`+dup+` .state a') !== null`)
	want = "重复文件：与已保存的“终身学习卡.txt”是同一文件（内容完全相同，未归入轮次），未重复保存；本次关联的指标计入 2018年度"
	if got := u.text(dup); !strings.Contains(got, want) {
		t.Errorf("the file of no round sent again reads %q, want %q", got, want)
	}
}
