package api

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestUploadingAZipArchive: a department's 材料汇总.zip uploaded is its
// files, each a document linked to the indicators sent and searchable,
// the archive named in the answer; a file in it the archive cannot take
// is listed under errors by name; an archive whose files are all refused
// answers 4xx with each file's reason; a 文号 sent with an archive is
// refused on its field, nothing stored.
func TestUploadingAZipArchive(t *testing.T) {
	e := newEnv(t)
	archive := testfiles.Zip(t,
		testfiles.ZipFile{Name: "材料/"},
		testfiles.ZipFile{Name: "材料/关于推进社区教育和学分银行建设的实施意见.txt", Data: "杭州市推进社区教育，建设终身学习学分银行，到2020年累计开户学习者达到12000人。"},
		testfiles.ZipFile{Name: "材料/2018年社区教育工作总结.txt", Data: "2018年全市社区学校覆盖率达到百分之百，参与社区教育活动达1.2万人次。", GBK: true},
		testfiles.ZipFile{Name: "材料/安装程序.exe", Data: "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"},
		testfiles.ZipFile{Name: "__MACOSX/材料/._安装程序.exe", Data: "x"},
	)
	fields := map[string]string{"city": cityA, "doc_type": "work_summary", "round": "2018", "indicators": "2.3.1"}
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(fields, map[string][]byte{"材料汇总.zip": archive})), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", resp.StatusCode, body)
	}
	var names, ids []string
	for _, d := range body["documents"].([]any) {
		doc := d.(map[string]any)
		if doc["archive"] != "材料汇总.zip" {
			t.Errorf("document %v: archive %v", doc["filename"], doc["archive"])
		}
		names = append(names, doc["filename"].(string))
		ids = append(ids, doc["id"].(string))
	}
	slices.Sort(names)
	if want := []string{"2018年社区教育工作总结.txt", "关于推进社区教育和学分银行建设的实施意见.txt"}; !slices.Equal(names, want) {
		t.Fatalf("documents %v, want %v", names, want)
	}
	errs, _ := body["errors"].([]any)
	if len(errs) != 1 {
		t.Fatalf("errors %v, want the .exe refused", body["errors"])
	}
	refused := errs[0].(map[string]any)
	msg := refused["error"].(map[string]any)["message"].(string)
	if refused["filename"] != "安装程序.exe" || refused["archive"] != "材料汇总.zip" || !strings.Contains(msg, "不接受这种类型的文件") {
		t.Errorf("refused %v", refused)
	}
	for _, id := range ids {
		d := e.te.WaitIndexed(id)
		if d.City != cityA || d.Round != "2018" {
			t.Errorf("%s: city %s round %s", d.Filename, d.City, d.Round)
		}
		resp, body := e.do(e.request("GET", "/api/v1/documents/"+id, nil), "expert")
		links, _ := body["links"].([]any)
		if resp.StatusCode != http.StatusOK || len(links) != 1 || links[0].(map[string]any)["indicator"] != "2.3.1" {
			t.Errorf("%s links: %d %v, want 2.3.1", d.Filename, resp.StatusCode, body["links"])
		}
	}
	for q, want := range map[string]string{"学分银行": ids[0], "社区学校覆盖率": ""} {
		resp, body := e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape(q), nil), "expert")
		hits, _ := body["hits"].([]any)
		if resp.StatusCode != http.StatusOK || len(hits) != 1 {
			t.Errorf("search %q: %d, %d hits; want the archive's file", q, resp.StatusCode, len(hits))
			continue
		}
		if want != "" && !slices.Contains(ids, hits[0].(map[string]any)["id"].(string)) {
			t.Errorf("search %q found %v", q, hits[0])
		}
	}

	t.Run("每个文件都被拒", func(t *testing.T) {
		bad := testfiles.ZipTexts(t, "a.exe", "MZ\x90\x00\x03\x00\x00\x00", "空的.txt", "")
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(fields, map[string][]byte{"坏包.zip": bad})), "coordA")
		errs, _ := body["errors"].([]any)
		if resp.StatusCode < 400 || resp.StatusCode >= 500 || len(errs) != 2 || body["error"] == nil {
			t.Fatalf("%d %v; want 4xx with both files' reasons", resp.StatusCode, body)
		}
	})
	t.Run("压缩包不带文号", func(t *testing.T) {
		with := map[string]string{"city": cityA, "doc_type": "policy", "doc_number": "杭教〔2018〕15号"}
		other := testfiles.ZipTexts(t, "另一份通知.txt", "关于开展全民终身学习活动周的通知，各区县教育局按要求组织。")
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(with, map[string][]byte{"通知.zip": other})), "coordA")
		errBody, _ := body["error"].(map[string]any)
		if resp.StatusCode != http.StatusBadRequest || errBody["field"] != "doc_number" || !strings.Contains(errBody["message"].(string), "压缩包中的每个文件") {
			t.Fatalf("%d %v; want 400 on doc_number", resp.StatusCode, body)
		}
		resp, body = e.do(e.request("GET", "/api/v1/search?q="+url.QueryEscape("全民终身学习活动周"), nil), "expert")
		if hits, _ := body["hits"].([]any); len(hits) != 0 {
			t.Errorf("the refused archive's file was stored: %v", hits)
		}
	})
	t.Run("部门按任务提交压缩包", func(t *testing.T) {
		task, err := e.te.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2018,
			Indicator: "2.3.2", Department: "市教育局", Due: "2018-03-31"})
		if err != nil {
			t.Fatal(err)
		}
		handIn := testfiles.ZipTexts(t, "市教育局台账说明.txt", "市教育局2018年老年教育参与人数台账说明。",
			"市教育局工作简报.txt", "市教育局第三期工作简报：推进老年大学办学。")
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"doc_type": "work_summary", "assignment": task.ID},
			map[string][]byte{"市教育局材料.zip": handIn})), "contribA")
		if docs, _ := body["documents"].([]any); resp.StatusCode != http.StatusCreated || len(docs) != 2 {
			t.Fatalf("hand-in: %d %v", resp.StatusCode, body)
		}
		resp, body = e.do(e.request("GET", "/api/v1/assignments?round=2018", nil), "contribA")
		found := false
		for _, a := range body["assignments"].([]any) {
			a := a.(map[string]any)
			if a["id"] != task.ID {
				continue
			}
			found = true
			if subs, _ := a["submissions"].([]any); a["status"] != "submitted" || len(subs) != 2 {
				t.Errorf("task after the hand-in: %v; want submitted with both files", a)
			}
		}
		if resp.StatusCode != http.StatusOK || !found {
			t.Errorf("tasks: %d %v", resp.StatusCode, body)
		}
	})
}

func archiveFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "ingest", "testdata", "archives", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestUploadingRARAnd7zArchives: a department's 材料汇总.rar or .7z is
// answered as a ZIP is: its files documents naming the archive, linked to
// the indicators sent, the files it cannot take under errors by name and
// archive; a crafted archive is refused with its reason, the server's
// memory as it was: a PPMd model of 3.75 GiB kills the sandbox child, and
// 64 MiB of zeros from 10 KB pass through to disk.
func TestUploadingRARAnd7zArchives(t *testing.T) {
	e := newEnv(t)
	fields := map[string]string{"city": cityA, "doc_type": "work_summary", "round": "2018", "indicators": "2.3.1"}
	for _, tt := range []struct {
		archive string
		status  int
	}{
		{"材料汇总.rar", http.StatusCreated},
		// The same two texts again: each a duplicate, answered all the same.
		{"材料汇总.7z", http.StatusOK},
	} {
		t.Run(tt.archive, func(t *testing.T) {
			resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(fields, map[string][]byte{tt.archive: archiveFixture(t, tt.archive)})), "coordA")
			if resp.StatusCode != tt.status {
				t.Fatalf("upload: %d %v, want %d", resp.StatusCode, body, tt.status)
			}
			var names []string
			for _, d := range body["documents"].([]any) {
				doc := d.(map[string]any)
				if doc["archive"] != tt.archive {
					t.Errorf("document %v: archive %v", doc["filename"], doc["archive"])
				}
				names = append(names, doc["filename"].(string))
				d := e.te.WaitIndexed(doc["id"].(string))
				if d.City != cityA || d.Round != "2018" {
					t.Errorf("%s: city %s round %s", d.Filename, d.City, d.Round)
				}
			}
			slices.Sort(names)
			if want := []string{"2018年社区教育工作总结.txt", "关于推进学分银行建设的通知.txt"}; !slices.Equal(names, want) {
				t.Errorf("documents %v, want %v", names, want)
			}
			errs, _ := body["errors"].([]any)
			var refused []string
			for _, x := range errs {
				r := x.(map[string]any)
				if r["archive"] != tt.archive {
					t.Errorf("refused %v: archive %v", r["filename"], r["archive"])
				}
				refused = append(refused, r["filename"].(string))
			}
			if !slices.Contains(refused, "安装程序.exe") || !slices.Contains(refused, "旧材料.zip") || !slices.Contains(refused, "空白.txt") {
				t.Errorf("refused %v, want the program, the archive inside and the empty file", refused)
			}
		})
	}
	for _, tt := range []struct{ archive, phrase string }{
		{"内存过大.7z", "解压所需的内存超过上限"},
		{"加密目录.rar", "连其中的文件名都已加密"},
		{"分卷.part1.rar", "分卷压缩包中的一卷"},
	} {
		t.Run(tt.archive, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(fields, map[string][]byte{tt.archive: archiveFixture(t, tt.archive)})), "coordA")
			runtime.ReadMemStats(&after)
			errBody, _ := body["error"].(map[string]any)
			msg, _ := errBody["message"].(string)
			if resp.StatusCode < 400 || resp.StatusCode >= 500 || !strings.Contains(msg, tt.phrase) || !strings.Contains(msg, tt.archive) {
				t.Fatalf("%d %v; want 4xx saying %q", resp.StatusCode, body, tt.phrase)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
				t.Errorf("the server allocated %d MiB for a %d-byte archive", grew>>20, len(archiveFixture(t, tt.archive)))
			}
		})
	}
	t.Run("全是零.7z", func(t *testing.T) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(fields, map[string][]byte{"全是零.7z": archiveFixture(t, "全是零.7z")})), "coordA")
		runtime.ReadMemStats(&after)
		docs, _ := body["documents"].([]any)
		errs, _ := body["errors"].([]any)
		if resp.StatusCode != http.StatusCreated || len(docs) != 1 || len(errs) != 1 {
			t.Fatalf("%d %v; want 说明.txt stored and 全是零.txt refused", resp.StatusCode, body)
		}
		if r := errs[0].(map[string]any); r["filename"] != "全是零.txt" || !strings.Contains(r["error"].(map[string]any)["message"].(string), "内容不是文本文件") {
			t.Errorf("refused %v", r)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 32<<20 {
			t.Errorf("64 MiB unpacked allocated %d MiB in the server; want them streamed to disk", grew>>20)
		}
	})
}

// TestUploadingAnOldRARWithGBKNames: a RAR 4 archive made by WinRAR on
// Chinese Windows, its names in GBK without their Unicode form (one of
// them in Unicode), is answered with each file a document under its
// Chinese name: the sandbox child's listing crosses a pipe as JSON, where
// names read as bytes would come out as U+FFFD.
func TestUploadingAnOldRARWithGBKNames(t *testing.T) {
	e := newEnv(t)
	fields := map[string]string{"city": cityA, "doc_type": "work_summary"}
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(fields, map[string][]byte{"旧版材料.rar": archiveFixture(t, "旧版材料.rar")})), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", resp.StatusCode, body)
	}
	var names []string
	for _, d := range body["documents"].([]any) {
		names = append(names, d.(map[string]any)["filename"].(string))
	}
	slices.Sort(names)
	if want := []string{"2018年社区教育工作总结.txt", "学分银行通知.txt", "誠信建设承诺书.txt"}; !slices.Equal(names, want) {
		t.Errorf("documents %v, want %v", names, want)
	}
}
