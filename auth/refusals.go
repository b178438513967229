package auth

import (
	"context"
	"fmt"
	"strings"
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
// in its next one, or, when the burst stops within its minute, in an
// entry of their own written once the minute is over (tails, which the
// server asks for every few seconds: Authenticator.AuditRefusalTails).
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

// refusalTail is what a stopped burst left out: its key and the count.
type refusalTail struct {
	key  string
	left int
}

// tails returns the keys whose minute is over (every key, when all) with
// refusals left out, and forgets them: the entry written for them closes
// the burst, and the key's next refusal is audited at once.
func (l *refusalLog) tails(now time.Time, all bool) []refusalTail {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []refusalTail
	for k, r := range l.byKey {
		if (all || now.Sub(r.audited) >= refusalWindow) && r.left > 0 {
			out = append(out, refusalTail{k, r.left})
			delete(l.byKey, k)
		}
	}
	return out
}

// unwrite puts back a tail whose entry could not be written at now, to
// be written by the next call for tails or with the key's next entry.
func (l *refusalLog) unwrite(t refusalTail, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if r, ok := l.byKey[t.key]; ok {
		r.left += t.left
		return
	}
	l.byKey[t.key] = &refusals{audited: now.Add(-refusalWindow), left: t.left}
}

// AuditRefusalTails writes a login.throttled entry for every burst of
// throttled attempts that stopped within its minute with refusals left
// out, counting them in refused_since_last, so that the audit log holds
// every refusal however the burst ended. The server calls it every few
// seconds, and once as it stops with all true: then every refusal left
// out is written, its minute over or not. An entry that cannot be written
// is kept for the next call.
func (a *Authenticator) AuditRefusalTails(ctx context.Context, all bool) error {
	now := a.now()
	tails := a.refused.tails(now, all)
	for i, t := range tails {
		addr, username, _ := strings.Cut(t.key, "\x00")
		e := loginEvent(username, "login.throttled", addr)
		e.Detail["refused_since_last"] = t.left
		if err := a.cat.RecordEvent(ctx, e); err != nil {
			// The catalog is most likely out of reach: the rest wait
			// for the next call rather than each failing in turn.
			for _, t := range tails[i:] {
				a.refused.unwrite(t, now)
			}
			return fmt.Errorf("audit login.throttled of %s (%d more waiting): %w", username, len(tails)-i-1, err)
		}
	}
	return nil
}
