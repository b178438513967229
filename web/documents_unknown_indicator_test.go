package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestDocumentsOfAnUnknownIndicatorSaySo: the documents list filtered by
// an indicator code that nothing names says so, as the API does (probe
// s46 #3), not "no documents", which reads as no evidence for it.
func TestDocumentsOfAnUnknownIndicatorSaySo(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "学习卡.txt", "杭州市发放市民终身学习卡，建立个人学习档案。")
	wang := s.login("wang")
	resp, page := wang.get("/documents?indicator=9.9.9")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "没有编码为 9.9.9 的指标") {
		t.Errorf("documents of 9.9.9: %d %.600s, want 400 saying 没有编码为 9.9.9 的指标", resp.StatusCode, page)
	}
	if resp, page := wang.get("/documents?indicator=2.3.2"); resp.StatusCode != http.StatusOK || strings.Contains(page, "没有编码为") {
		t.Errorf("documents of 2.3.2 (none linked): %d, want the empty list", resp.StatusCode)
	}
}
