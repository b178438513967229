package ingest

import (
	"log/slog"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// outageLogEvery is how often a background loop that keeps failing
// because the catalog or the store is out of reach says so again.
const outageLogEvery = time.Minute

// outageLog logs the failures of a background loop that runs every
// second or so. An outage (EUNAVAILABLE) is logged when it begins, then
// once a minute with how long and how often, and once more when the loop
// works again: logged at every round, a catalog down for ten minutes wrote
// 600 lines a node from the follower alone, burying what else the log
// had to say. Any other failure is logged every time, as before. One
// loop's goroutine owns it.
type outageLog struct {
	what     string
	since    time.Time // first failure of the outage under way; zero when none
	last     time.Time // when the outage was last logged
	failures int
}

// failed logs err as the loop's failure at now.
func (l *outageLog) failed(log *slog.Logger, err error, now time.Time) {
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		log.Warn(l.what, "err", err)
		return
	}
	l.failures++
	switch {
	case l.since.IsZero():
		l.since, l.last = now, now
		log.Warn(l.what, "err", err)
	case now.Sub(l.last) >= outageLogEvery:
		l.last = now
		log.Warn(l.what+": still out of reach", "err", err,
			"for", now.Sub(l.since).Round(time.Second), "failures", l.failures)
	}
}

// worked ends the outage under way, if any, saying so.
func (l *outageLog) worked(log *slog.Logger, now time.Time) {
	if l.since.IsZero() {
		return
	}
	log.Info(l.what+": works again", "after", now.Sub(l.since).Round(time.Second), "failures", l.failures)
	l.since, l.failures = time.Time{}, 0
}
