package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testfiles"
)

// TestArchiveRefusalNamesTheArchive: when every file of an archive is
// refused, the answer's message names the archive and the file, in both
// languages (压缩包“…”中的“…”：…); the probe read only the file's name and
// the reason, and could not tell which department package it was from. A
// file sent alone is refused in the words it always was.
func TestArchiveRefusalNamesTheArchive(t *testing.T) {
	e := newEnv(t)
	exe := "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
	nested := testfiles.Zip(t, testfiles.ZipFile{Name: "工作总结.txt", Data: "学习型城市建设工作总结"})
	fields := map[string]string{"city": cityA, "doc_type": "work_summary", "round": "2018"}
	for _, tt := range []struct {
		name      string
		files     map[string][]byte
		zh, en    string
		notPrefix bool
	}{
		{"压缩包中的文件", map[string][]byte{"文广旅材料.zip": testfiles.Zip(t, testfiles.ZipFile{Name: "安装程序.exe", Data: exe})},
			"压缩包\u201C文广旅材料.zip\u201D中的\u201C安装程序.exe\u201D\uFF1A", "\u201C安装程序.exe\u201D in the archive \u201C文广旅材料.zip\u201D: ", false},
		{"单独上传的文件", map[string][]byte{"安装程序.exe": []byte(exe)}, "压缩包", "in the archive", true},
		// probe s44 #5: a reason that names the archive and the file
		// itself is not prefixed with them again.
		{"压缩包中的压缩包", map[string][]byte{"嵌套材料.zip": testfiles.Zip(t, testfiles.ZipFile{Name: "第2层.zip", Data: string(nested)})},
			"压缩包\u201C嵌套材料.zip\u201D中的\u201C第2层.zip\u201D又是一个压缩包", "In the archive \u201C嵌套材料.zip\u201D, \u201C第2层.zip\u201D is itself an archive", false},
	} {
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(fields, tt.files)), "coordA")
		errBody, _ := body["error"].(map[string]any)
		zh, _ := errBody["message"].(string)
		en, _ := errBody["message_en"].(string)
		if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusUnsupportedMediaType {
			t.Errorf("%s: %d %v, want a refusal", tt.name, resp.StatusCode, body)
		}
		if got := strings.HasPrefix(zh, tt.zh) && strings.HasPrefix(en, tt.en); got == tt.notPrefix {
			t.Errorf("%s: message %q / %q, starting with %q / %q: %v, want %v", tt.name, zh, en, tt.zh, tt.en, got, !tt.notPrefix)
		}
		for name := range tt.files {
			if n, m := strings.Count(zh, "\u201C"+name+"\u201D"), strings.Count(en, "\u201C"+name+"\u201D"); n > 1 || m > 1 {
				t.Errorf("%s: message %q / %q names %s %d / %d times, want once", tt.name, zh, en, name, n, m)
			}
		}
	}
}
