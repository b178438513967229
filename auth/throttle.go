package auth

import (
	"sync"
	"time"
)

// Throttle limits failed logins. Three windows apply:
//   - per address: one address may fail PerAddress times in Window, across
//     all accounts (password spraying);
//   - per account and address: the same, for one account from one address;
//   - per account overall: PerAccount failures in Window from anywhere
//     (guessing from many addresses).
//
// An attacker at one address can therefore lock only themselves out, not
// the real user at another address, and every lock lifts by itself when
// the failures age out of the window; a successful login clears the
// account's count from that address.
type Throttle struct {
	Window     time.Duration
	PerAddress int // failures from one address, any account
	PerPair    int // failures for one account from one address
	PerAccount int // failures for one account from anywhere

	mu    sync.Mutex
	fails map[string][]time.Time
	now   func() time.Time
}

// NewThrottle returns the default policy: 10 failures in 10 minutes per
// address (and per account from one address), 100 per account overall.
func NewThrottle() *Throttle {
	return &Throttle{Window: 10 * time.Minute, PerAddress: 10, PerPair: 10, PerAccount: 100,
		fails: map[string][]time.Time{}, now: time.Now}
}

func (t *Throttle) keys(account, addr string) map[string]int {
	return map[string]int{
		"addr:" + addr:                    t.PerAddress,
		"pair:" + account + "\x00" + addr: t.PerPair,
		"account:" + account:              t.PerAccount,
	}
}

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
	var wait time.Duration
	for key, limit := range t.keys(account, addr) {
		recent := t.prune(key, now)
		if len(recent) >= limit {
			// Allowed again when the oldest failure that counts leaves the window.
			if w := recent[len(recent)-limit].Add(t.Window).Sub(now); w > wait {
				wait = w
			}
		}
	}
	return wait
}

// Fail records a failed login.
func (t *Throttle) Fail(account, addr string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	for key := range t.keys(account, addr) {
		t.fails[key] = append(t.prune(key, now), now)
	}
}

// Succeed clears the failures of account from addr.
func (t *Throttle) Succeed(account, addr string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.fails, "pair:"+account+"\x00"+addr)
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
