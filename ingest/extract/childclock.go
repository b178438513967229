package extract

import "time"

// A reading in a child has two clocks: the child's own deadline, which
// lets it stop and say why, and its parent's, a grace later, which kills
// a child that cannot stop. They must agree on when the reading began.
// Each started its clock when it got to the reading, and a fresh child
// gets to it only once the machine has started it and it has read its
// request: seconds after its parent on a loaded machine. So the child's
// deadline fell that much after its parent's view of it, and past a
// grace's worth a child answering just before its own deadline was
// killed as timed out, its file failed (提取文字超时) though it answered
// in time.
//
// So the parent's clock is the one clock, and the request carries the
// moment it started (childRequest.Started): the child counts its deadline
// from then, not from its arrival. The other way, the child acknowledging
// the request and the parent starting its kill clock then, would bound a
// reading by its limit plus however long the child took to start, and
// would need a second, looser bound for a child that never acknowledges.
// One clock keeps the promise as it is written: a reading ends within its
// configured limit of wall-clock time from when it began (with its OCR
// pages' extensions), and a child stuck anywhere, before it has read its
// request too, is killed a grace after that. A child that starts so late
// that its reading's time is up answers at once that it ran out of time
// (the limit it names is the configured one); its start was part of the
// reading.
//
// The moment is on the machine's monotonic clock (machineClock), which
// parent and child read alike and which a change of the wall clock does
// not move. The same path serves every request: an extraction's
// deadline (Limits.deadline, extensions and all), a thumbnail's and a
// table's time, a reading read again alone (its Limits.Spent is counted
// into the moment), a pooled child and a fresh one. An unpacking's only
// clock is its parent's (watchUnpack): its child keeps no deadline, and
// says when it arrived: its parent counts its silence from then.

// readingStart is the moment the reading watched by ctx began, on the
// machine's monotonic clock; 0 (none: the child keeps its own clock, late
// by its start) if that clock cannot be read.
func readingStart(ctx *stretchable) int64 {
	now := machineClock()
	if now == 0 {
		return 0
	}
	return now - time.Since(ctx.start).Nanoseconds()
}

// arrive counts the time the reading took before the child read its
// request into its Limits.Spent: the child's clock then starts when its
// parent's did. The parent's own Spent stays a floor: a machine clock
// that disagreed would give the child more time than its parent, which
// would kill it first.
func (r *childRequest) arrive() {
	now := machineClock()
	if r.Started == 0 || now == 0 {
		return
	}
	r.Limits.Spent = max(r.Limits.Spent, time.Duration(now-r.Started))
}
