package auth

import (
	"sync"
	"time"
)

// Throttle limits failed logins. It slows whoever guesses and never locks
// an account's owner out of it from an address that has signed in to it:
//
//   - per address: an address may fail PerAddress times in Window across
//     all accounts; after that each further attempt from it waits twice as
//     long as the one before (1 s, 2 s, 4 s … at most Window) after its
//     last failure. Password spraying from one address is slowed to a
//     crawl; colleagues behind the same address are delayed, not locked.
//   - per account and address: PerPair failures for one account from one
//     address in Window lock that pair until the oldest failure leaves the
//     window.
//   - per account: PerAccount failures for one account from anywhere in
//     Window (guessing from many addresses) lock the account — except from
//     an address it signed in from successfully within KnownFor.
//
// A known address (a successful login for that account within KnownFor)
// is exempt from the per-address and per-account limits for that account:
// an attacker elsewhere, or sharing its address, cannot lock the owner
// out. Only the owner's own failures (the per-pair limit) count there. A
// successful login clears the account's failures from that address. All
// of it is in memory: a restart forgets failures and known addresses.
type Throttle struct {
	Window     time.Duration
	PerAddress int // failures from one address, any account, before it is slowed
	PerPair    int // failures for one account from one address
	PerAccount int // failures for one account from anywhere
	KnownFor   time.Duration

	mu    sync.Mutex
	fails map[string][]time.Time
	known map[string]time.Time // account\x00address → last successful login
	now   func() time.Time
}

// NewThrottle returns the default policy: an address slowed after 10
// failures in 10 minutes, an account locked from one address after 10
// failures there, and from unknown addresses after 100 failures from
// anywhere; known addresses stay known for 30 days.
func NewThrottle() *Throttle {
	return &Throttle{Window: 10 * time.Minute, PerAddress: 10, PerPair: 10, PerAccount: 100,
		KnownFor: 30 * 24 * time.Hour, fails: map[string][]time.Time{}, known: map[string]time.Time{}, now: time.Now}
}

func pairKey(account, addr string) string { return account + "\x00" + addr }

// setClock replaces the clock, for tests.
func (t *Throttle) setClock(now func() time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.now = now
}

// Check returns how long to wait before the next attempt, 0 when allowed.
func (t *Throttle) Check(account, addr string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	wait := t.lockWait(t.prune("pair:"+pairKey(account, addr), now), t.PerPair, now)
	if t.isKnown(account, addr, now) {
		return wait
	}
	wait = max(wait, t.lockWait(t.prune("account:"+account, now), t.PerAccount, now))
	if recent := t.prune("addr:"+addr, now); len(recent) >= t.PerAddress {
		// Doubling from 1 s per failure beyond the limit, from the last one.
		delay := t.Window
		if over := len(recent) - t.PerAddress; over < 20 {
			delay = min(time.Second<<over, t.Window)
		}
		wait = max(wait, recent[len(recent)-1].Add(delay).Sub(now))
	}
	return wait
}

// lockWait is how long until fewer than limit of recent failures remain
// in the window.
func (t *Throttle) lockWait(recent []time.Time, limit int, now time.Time) time.Duration {
	if len(recent) < limit {
		return 0
	}
	return recent[len(recent)-limit].Add(t.Window).Sub(now)
}

// isKnown reports whether account signed in from addr within KnownFor;
// the caller holds mu.
func (t *Throttle) isKnown(account, addr string, now time.Time) bool {
	at, ok := t.known[pairKey(account, addr)]
	if ok && now.Sub(at) >= t.KnownFor {
		delete(t.known, pairKey(account, addr))
		return false
	}
	return ok
}

// Fail records a failed login.
func (t *Throttle) Fail(account, addr string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	for _, key := range []string{"addr:" + addr, "pair:" + pairKey(account, addr), "account:" + account} {
		t.fails[key] = append(t.prune(key, now), now)
	}
}

// Succeed clears the failures of account from addr and remembers addr as
// known for the account.
func (t *Throttle) Succeed(account, addr string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.fails, "pair:"+pairKey(account, addr))
	t.known[pairKey(account, addr)] = t.now()
}

// prune drops failures older than the window; the caller holds mu.
func (t *Throttle) prune(key string, now time.Time) []time.Time {
	list := t.fails[key]
	i := 0
	for i < len(list) && now.Sub(list[i]) >= t.Window {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(t.fails, key)
		return nil
	}
	t.fails[key] = list
	return list
}
