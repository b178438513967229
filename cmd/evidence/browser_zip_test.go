package main

import (
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
	zipped := testfiles.ZipTexts(t,
		"材料/关于推进社区教育和学分银行建设的实施意见.txt", "杭州市推进社区教育，建设终身学习学分银行。",
		"材料/2018年社区教育工作总结.txt", "2018年全市社区学校覆盖率达到百分之百。",
		"材料/安装程序.exe", "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")
	archive := filepath.Join(t.TempDir(), "材料汇总.zip")
	if err := os.WriteFile(archive, zipped, 0o644); err != nil {
		t.Fatal(err)
	}
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
	if got := u.text(`#outcomes ul.archive-files li[data-kind="failed"]`); !strings.Contains(got, "安装程序.exe") || !strings.Contains(got, "暂不支持") {
		t.Errorf("the refused file's row reads %q", got)
	}
	if got := u.text(`#totals`); !strings.Contains(got, "3 个文件：已保存 2，重复 0，失败 1") {
		t.Errorf("totals %q, want the archive's three files counted", got)
	}
	u.do("phone width", chromedp.EmulateViewport(390, 844))
	u.noHorizontalScroll("an unpacked archive at 390 px")
}
