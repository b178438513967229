package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestUploadingAProgramListsWhatIsAccepted: 程序.exe uploaded is refused
// (415) as a type the archive does not accept, with the kinds it does
// accept, archives (ZIP, RAR, 7z) among them, and no advice to save a program as PDF.
func TestUploadingAProgramListsWhatIsAccepted(t *testing.T) {
	e := newEnv(t)
	fields := map[string]string{"city": cityA, "doc_type": "policy"}
	exe := []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8\x00\x00\x00\x00\x00\x00\x00@\x00")
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(fields, map[string][]byte{"程序.exe": exe})), "coordA")
	errBody, _ := body["error"].(map[string]any)
	msg, _ := errBody["message"].(string)
	if resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Fatalf("程序.exe: %d %v; want 415", resp.StatusCode, body)
	}
	for _, want := range []string{"不接受这种类型的文件", "PDF、", "装有这些文件的压缩包（ZIP/RAR/7z）"} {
		if !strings.Contains(msg, want) {
			t.Errorf("程序.exe: %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "另存为") {
		t.Errorf("程序.exe: %q tells to save a program as another format", msg)
	}
}
