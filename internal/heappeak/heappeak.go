// Package heappeak measures the most heap a piece of work holds, for the
// benchmarks of long pages: the heap in use sampled every millisecond
// with the collector set to keep it within a fifth over what is live, so
// that the peak is the work's and not the collector's pace.
package heappeak

import (
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"time"
)

// During runs f while it samples the heap and returns the most heap in
// use it saw, and that most over what was live before f.
func During(f func()) (peak, overBase uint64) {
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base := m.HeapAlloc
	var most atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > most.Load() {
				most.Store(m.HeapAlloc)
			}
		}
	}()
	f()
	close(stop)
	<-done
	peak = most.Load()
	if peak > base {
		overBase = peak - base
	}
	return peak, overBase
}
