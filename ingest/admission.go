package ingest

import (
	"context"
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

// AdmitUpload waits for the upload's turn; call the returned func when it
// is done. Call it before reading the request's files.
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
		return nil, catalog.Errorf(catalog.EUNAVAILABLE,
			"服务器正在处理的上传较多,等候 %s 仍未轮到;文件没有保存,请稍后重新上传", g.wait)
	}
}

func (g *uploadGate) leave() { <-g.slots }
