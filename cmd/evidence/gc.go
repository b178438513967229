package main

import (
	"os"
	"runtime/debug"
)

// The server's garbage collector settings, unless GOGC or GOMEMLIMIT say
// otherwise. Go's default collects each time the heap has grown by as
// much as is live; the server's live heap is mostly the dictionary, which
// does not change, and a collection under load marks it all again twice a
// second. Collecting at three times the live heap halves that work (make
// load, alternated with Go's default: p99 search latency 257 and 276 ms
// against 295, uploads 84 and 70/s against 62; bench/README.md); the soft
// limit makes the collector work harder instead once the heap nears it,
// so memory stays bounded.
const (
	serveGCPercent   = 200
	serveMemoryLimit = 768 << 20
)

// tuneGC sets the server's collector settings where the environment sets
// none.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(serveGCPercent)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
}
