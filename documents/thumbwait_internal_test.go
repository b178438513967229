package documents

import (
	"context"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestThumbnailWaitsForADrawingPlaceBriefly: while every place that
// draws thumbnails is taken (each waiting for the readers' memory, eight
// big files being read), one more thumbnail does not wait its turn for
// minutes: it answers EUNAVAILABLE 正在读取其他文件，请稍候再试 with
// Retry-After, as a thumbnail refused for the memory does.
func TestThumbnailWaitsForADrawingPlaceBriefly(t *testing.T) {
	s := &Service{thumbSlots: make(chan struct{}, 1), thumbWait: 50 * time.Millisecond}
	s.thumbSlots <- struct{}{}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	d := &catalog.Document{ID: "NB000001", SHA256: "ab", MIME: "application/pdf", Title: "宁波市学习型城市建设实施意见"}
	_, err := s.drawThumbnail(ctx, d, 1)
	retry, ok := catalog.RetryAfter(err)
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !ok || retry <= 0 || catalog.ErrorMessage(err) != "正在读取其他文件，请稍候再试" {
		t.Fatalf("a thumbnail with every drawing place taken: %v (Retry-After %v), want EUNAVAILABLE 正在读取其他文件，请稍候再试 with Retry-After", err, retry)
	}
}
