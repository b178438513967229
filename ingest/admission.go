package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// uploadGate takes uploads in a few at a time, in order of arrival. An
// upload is CPU and disk work (hashing, staging, the catalog, synced
// writes); when scripts send sixteen at once, taking them all together
// shares the two cores sixteen ways with the searches, and experts wait
// on a busy server. Taken a few at a time, uploads queue and searches
// keep their share. An upload that waits longer than the gate's wait is
// refused as unavailable, with advice to send it again.
type uploadGate struct {
	slots chan struct{}
	wait  time.Duration
}

func newUploadGate(slots int, wait time.Duration) *uploadGate {
	return &uploadGate{slots: make(chan struct{}, slots), wait: wait}
}

// AdmitUpload waits for an upload's turn; call the returned func when it
// is done. Upload and Replace take their turn after the files have
// arrived and been staged: a slow or stalled connection must not hold a
// slot while its bytes trickle in.
func (s *Service) AdmitUpload(ctx context.Context) (func(), error) {
	g := s.uploads
	select {
	case g.slots <- struct{}{}:
		return g.leave, nil
	default:
	}
	timer := time.NewTimer(g.wait)
	defer timer.Stop()
	select {
	case g.slots <- struct{}{}:
		return g.leave, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-timer.C:
		e := catalog.Errorf(catalog.EUNAVAILABLE,
			"服务器正在处理的上传较多，等候%s仍未轮到；文件没有保存，请稍后重新上传", waitWords(g.wait))
		e.RetryAfter = retryUploadAfter
		return nil, e
	}
}

func (g *uploadGate) leave() { <-g.slots }

// retryUploadAfter is the Retry-After of an upload refused for the queue.
const retryUploadAfter = 30 * time.Second

// waitWords says a wait as people do, in each language: 1 分钟, 30 秒;
// 1 minute, 30 seconds.
func waitWords(d time.Duration) catalog.Words {
	n, zh, en := int((d+time.Second-1)/time.Second), "秒", "second"
	if d >= time.Minute && d%time.Minute == 0 {
		n, zh, en = int(d/time.Minute), "分钟", "minute"
	}
	if n != 1 {
		en += "s"
	}
	return catalog.Words{Chinese: fmt.Sprintf(" %d %s", n, zh), English: fmt.Sprintf(" %d %s", n, en)}
}
