//go:build !linux

package catalog

import (
	"syscall"
	"time"
)

// limitUnacknowledged is a no-op where TCP_USER_TIMEOUT is not known; the
// keepalive settings still end a connection to a server that vanished
// while a query waits for its answer.
func limitUnacknowledged(time.Duration) func(network, address string, c syscall.RawConn) error {
	return nil
}
