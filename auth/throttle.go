package auth

import (
	"context"
	"fmt"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// Throttle limits failed logins. It slows whoever guesses and never locks
// an account's owner out of it from an address that has signed in to it
// for failures of other accounts or from elsewhere:
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
// an attacker elsewhere, or sharing its address and trying other
// accounts, cannot lock the owner out. The per-pair limit still counts
// there, whoever fails: someone sharing the address who guesses this very
// account locks it there too, since the throttle decides before the
// password is checked and a correct password let through the lock would
// let the guesser try without limit. A successful login clears the
// account's failures from that address.
//
// Failures and known addresses are kept in the catalog (catalog.Store's
// RecordLoginFailure and friends), so every node sharing a catalog counts
// every node's attempts, and a restart forgets nothing; failures older
// than Window and sign-ins older than KnownFor are pruned as new ones come.
type Throttle struct {
	Window     time.Duration
	PerAddress int // failures from one address, any account, before it is slowed
	PerPair    int // failures for one account from one address
	PerAccount int // failures for one account from anywhere
	KnownFor   time.Duration

	cat *catalog.Store
	now func() time.Time
}

// clock is now as the catalog keeps it, to the millisecond, so that waits
// computed from stored failures come out exact.
func (t *Throttle) clock() time.Time { return t.now().Truncate(time.Millisecond) }

// NewThrottle returns the default policy on cat: an address slowed after
// 10 failures in 10 minutes, an account locked from one address after 10
// failures there, and from unknown addresses after 100 failures from
// anywhere; known addresses stay known for 30 days.
func NewThrottle(cat *catalog.Store) *Throttle {
	return &Throttle{Window: 10 * time.Minute, PerAddress: 10, PerPair: 10, PerAccount: 100,
		KnownFor: 30 * 24 * time.Hour, cat: cat, now: time.Now}
}

// The throttle keys under which failures are counted. The unit separator
// cannot occur in a username typed into a form, and PostgreSQL text cannot
// hold the NUL byte.
func addrKey(addr string) string          { return "addr:" + addr }
func accountKey(account string) string    { return "account:" + account }
func pairKey(account, addr string) string { return "pair:" + account + "\x1f" + addr }
func throttleKeys(account, addr string) []string {
	return []string{addrKey(addr), pairKey(account, addr), accountKey(account)}
}

// Check returns how long to wait before the next attempt, 0 when allowed.
func (t *Throttle) Check(ctx context.Context, account, addr string) (time.Duration, error) {
	now := t.clock()
	fails, err := t.cat.LoginFailures(ctx, now.Add(-t.Window), throttleKeys(account, addr)...)
	if err != nil {
		return 0, fmt.Errorf("check login throttle: %w", err)
	}
	wait := t.lockWait(fails[pairKey(account, addr)], t.PerPair, now)
	at, known, err := t.cat.LastLogin(ctx, account, addr)
	if err != nil {
		return 0, fmt.Errorf("check login throttle: %w", err)
	}
	if known && now.Sub(at) < t.KnownFor {
		return wait, nil
	}
	wait = max(wait, t.lockWait(fails[accountKey(account)], t.PerAccount, now))
	if recent := fails[addrKey(addr)]; len(recent) >= t.PerAddress {
		// Doubling from 1 s per failure beyond the limit, from the last one.
		delay := t.Window
		if over := len(recent) - t.PerAddress; over < 20 {
			delay = min(time.Second<<over, t.Window)
		}
		wait = max(wait, recent[len(recent)-1].Add(delay).Sub(now))
	}
	return wait, nil
}

// lockWait is how long until fewer than limit of recent failures (oldest
// first) remain in the window.
func (t *Throttle) lockWait(recent []time.Time, limit int, now time.Time) time.Duration {
	if len(recent) < limit {
		return 0
	}
	return max(recent[len(recent)-limit].Add(t.Window).Sub(now), 0)
}

// Fail records a failed login.
func (t *Throttle) Fail(ctx context.Context, account, addr string) error {
	now := t.clock()
	if err := t.cat.RecordLoginFailure(ctx, throttleKeys(account, addr), now, now.Add(-t.Window)); err != nil {
		return fmt.Errorf("count failed login: %w", err)
	}
	return nil
}

// Succeed clears the failures of account from addr and remembers addr as
// known for the account.
func (t *Throttle) Succeed(ctx context.Context, account, addr string) error {
	if err := t.cat.ClearLoginFailures(ctx, pairKey(account, addr)); err != nil {
		return err
	}
	now := t.clock()
	return t.cat.RememberLogin(ctx, account, addr, now, now.Add(-t.KnownFor))
}
