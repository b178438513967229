package auth

import (
	"sync"
	"time"
)

// refusalLog decides which throttled attempts reach the audit log. A
// throttled attempt is refused before its password is looked at, and an
// address guessing back to back makes hundreds a second: 27,082
// login.throttled entries in 40 s from one address, burying the entries a
// person reads the log for and growing the catalog without bound. An
// address's refusals are audited once a window, the entry counting the
// refusals left out since the one before (detail "refused_since_last").
// The key is the address and the account tried, so that every account
// an address tries shows. Refusals after a key's last entry are counted
// in its next one: those of a burst that stops within its minute are
// not written.
//
// Kept in memory, so each node of a shared catalog writes its own entry a
// window, and a restart starts afresh; at most maxRefusalAddresses
// keys are followed, and past that every refusal is audited, as
// before, rather than none.
type refusalLog struct {
	mu    sync.Mutex
	byKey map[string]*refusals
}

type refusals struct {
	audited time.Time // when this address's last throttled attempt was audited
	left    int       // refusals not audited since
}

const (
	refusalWindow       = time.Minute
	maxRefusalAddresses = 4096
)

// admit reports whether a throttled attempt under key (address and
// account) at now is audited,
// and how many were left out since the last that was.
func (l *refusalLog) admit(key string, now time.Time) (audit bool, leftOut int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byKey == nil {
		l.byKey = map[string]*refusals{}
	}
	r, ok := l.byKey[key]
	if !ok {
		if len(l.byKey) >= maxRefusalAddresses {
			l.prune(now)
		}
		if len(l.byKey) >= maxRefusalAddresses {
			return true, 0
		}
		l.byKey[key] = &refusals{audited: now}
		return true, 0
	}
	if now.Sub(r.audited) < refusalWindow {
		r.left++
		return false, 0
	}
	leftOut = r.left
	r.audited, r.left = now, 0
	return true, leftOut
}

// prune forgets addresses whose window has passed with nothing left out,
// whose next refusal would be audited anyway.
func (l *refusalLog) prune(now time.Time) {
	for k, r := range l.byKey {
		if now.Sub(r.audited) >= refusalWindow && r.left == 0 {
			delete(l.byKey, k)
		}
	}
}
