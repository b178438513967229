package ingest

import (
	"errors"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestDamagedOriginalWordsQuoteATitleInATitle: a title that holds 《》 is
// not nested inside another 《》 in the messages about its original.
func TestDamagedOriginalWordsQuoteATitleInATitle(t *testing.T) {
	d := &catalog.Document{ID: "01M8", Title: "关于印发《杭州市终身教育促进条例实施办法》的通知"}
	var e *catalog.Error
	if err := OriginalDamagedError(d); !errors.As(err, &e) {
		t.Fatalf("OriginalDamagedError: %v, want a catalog.Error", err)
	}
	for _, tc := range []struct{ got, want string }{
		{catalog.MessageIn(e, false), "《关于印发〈杭州市终身教育促进条例实施办法〉的通知》的原件已损坏或缺失"},
		{catalog.MessageIn(e, true), "The original of “关于印发《杭州市终身教育促进条例实施办法》的通知” is damaged"},
		{RepairedWords(d).Chinese, "已用上传的文件修复损坏的原件《关于印发〈杭州市终身教育促进条例实施办法〉的通知》"},
	} {
		if !strings.Contains(tc.got, tc.want) {
			t.Errorf("got %q, want it to hold %q", tc.got, tc.want)
		}
	}
}
