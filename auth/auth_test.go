package auth

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/lcmonitor/evidence/catalog"
)

func TestThrottleLocksPerAddressAndLiftsByItself(t *testing.T) {
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	th := newTestThrottle(t)
	th.now = func() time.Time { return now }
	for i := 0; i < 10; i++ {
		if w := th.Check("zhang", "10.0.0.9"); w != 0 {
			t.Fatalf("attempt %d refused (wait %s)", i+1, w)
		}
		th.Fail("zhang", "10.0.0.9")
		now = now.Add(10 * time.Second)
	}
	wait := th.Check("zhang", "10.0.0.9")
	if wait <= 0 || wait > 10*time.Minute {
		t.Fatalf("after 10 failures: wait %s, want a lock of at most 10 minutes", wait)
	}
	// The attacker's address is slowed for every account …
	th.Fail("li", "10.0.0.9")
	if th.Check("li", "10.0.0.9") == 0 {
		t.Errorf("the same address may go on guessing another account at full speed")
	}
	// … but the real user elsewhere is not locked out.
	if w := th.Check("zhang", "192.0.2.7"); w != 0 {
		t.Errorf("user at another address must not be locked out (wait %s)", w)
	}
	now = now.Add(wait)
	if w := th.Check("zhang", "10.0.0.9"); w != 0 {
		t.Errorf("lock did not lift after %s (wait %s)", wait, w)
	}
}

func TestThrottleAccountLimitAcrossAddresses(t *testing.T) {
	now := time.Now()
	th := newTestThrottle(t)
	th.now = func() time.Time { return now }
	for i := 0; i < th.PerAccount; i++ {
		th.Fail("zhang", "198.51.100."+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	if th.Check("zhang", "203.0.113.1") == 0 {
		t.Errorf("a distributed guess of %d passwords did not throttle the account", th.PerAccount)
	}
	if th.Check("li", "203.0.113.1") != 0 {
		t.Errorf("another account was throttled")
	}
}

func TestSucceedClearsTheAccountFromThatAddress(t *testing.T) {
	th := newTestThrottle(t)
	th.PerAddress = 100
	for i := 0; i < 9; i++ {
		th.Fail("zhang", "10.0.0.1")
	}
	th.Succeed("zhang", "10.0.0.1")
	th.Fail("zhang", "10.0.0.1")
	if th.Check("zhang", "10.0.0.1") != 0 {
		t.Errorf("pair count not cleared by success")
	}
}

func TestPasswords(t *testing.T) {
	if _, err := HashPassword("short"); err == nil || !strings.HasPrefix(catalog.MessageIn(err, true), "The password needs at least ") {
		t.Errorf("short password: %v, in English %q", err, catalog.MessageIn(err, true))
	}
	h, err := HashPassword("学习型城市建设2017")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "学习型城市建设2017") || CheckPassword(h, "学习型城市建设2018") {
		t.Errorf("CheckPassword wrong")
	}
	if a, b := NewToken(), NewToken(); a == b || len(a) != 35 {
		t.Errorf("tokens %q %q", a, b)
	}
}

func TestClientAddressTrustsForwardedHeadersOnlyWhenTold(t *testing.T) {
	r, _ := http.NewRequest("GET", "/", nil)
	r.RemoteAddr = "127.0.0.1:51234"
	r.Header.Set("X-Forwarded-For", "198.51.100.7, 203.0.113.9")
	r.Header.Set("X-Forwarded-Proto", "https")
	a := &Authenticator{}
	if got := a.ClientAddress(r); got != "127.0.0.1" || a.IsTLS(r) {
		t.Errorf("untrusted proxy headers were used: %s tls=%v", got, a.IsTLS(r))
	}
	a.TrustProxy = true
	if got := a.ClientAddress(r); got != "203.0.113.9" || !a.IsTLS(r) {
		t.Errorf("trusted proxy: %s tls=%v", got, a.IsTLS(r))
	}
	if c := a.SessionCookie(r, "s", time.Now()); !c.Secure || !c.HttpOnly {
		t.Errorf("cookie behind a TLS proxy %+v", c)
	}
}

func TestThrottleSlowsAnAddressWithoutLockingIt(t *testing.T) {
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	th := newTestThrottle(t)
	th.now = func() time.Time { return now }
	// Spraying: one password against many accounts from one address.
	for i := 0; i < 10; i++ {
		th.Fail("user"+string(rune('a'+i)), "10.0.0.9")
	}
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		if got := th.Check("li", "10.0.0.9"); got != want {
			t.Fatalf("after %d failures: wait %s, want %s", 10+i, got, want)
		}
		now = now.Add(want)
		if got := th.Check("li", "10.0.0.9"); got != 0 {
			t.Fatalf("after waiting %s: still %s", want, got)
		}
		th.Fail("user"+string(rune('a'+i)), "10.0.0.9")
	}
}

func TestThrottleNeverLocksTheOwnerOutOfAKnownAddress(t *testing.T) {
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	th := newTestThrottle(t)
	th.now = func() time.Time { return now }
	th.Succeed("zhang", "192.0.2.7") // the owner's office
	th.Succeed("li", "10.0.0.9")     // a colleague behind the attacker's NAT
	now = now.Add(24 * time.Hour)
	// Guessing zhang's password from many addresses, and spraying from the
	// shared address.
	for i := 0; i < th.PerAccount; i++ {
		th.Fail("zhang", "198.51.100."+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	for i := 0; i < 30; i++ {
		th.Fail("wang", "10.0.0.9")
		th.Fail("user"+string(rune('a'+i)), "10.0.0.9")
	}
	if w := th.Check("zhang", "192.0.2.7"); w != 0 {
		t.Errorf("the owner at a known address is locked out by a distributed guess (wait %s)", w)
	}
	if w := th.Check("zhang", "203.0.113.1"); w == 0 {
		t.Errorf("an unknown address may keep guessing a throttled account")
	}
	if w := th.Check("li", "10.0.0.9"); w != 0 {
		t.Errorf("a colleague who signed in from the shared address is locked out (wait %s)", w)
	}
	if w := th.Check("wang", "10.0.0.9"); w == 0 {
		t.Errorf("the guessed account is not locked at the guessing address")
	}
	now = now.Add(31 * 24 * time.Hour)
	th.Fail("zhang", "198.51.100.1")
	for i := 0; i < th.PerAccount; i++ {
		th.Fail("zhang", "198.51.100.2")
	}
	if w := th.Check("zhang", "192.0.2.7"); w == 0 {
		t.Errorf("an address not used for 31 days is still known")
	}
}

// The hash an unknown user's password is compared against costs what a
// real account's does, so a login cannot tell names that exist.
func TestDummyHashCostsAsMuchAsARealOne(t *testing.T) {
	cost, err := bcrypt.Cost(dummyHash)
	if err != nil {
		t.Fatalf("dummy hash is not bcrypt: %v", err)
	}
	if cost != bcrypt.DefaultCost {
		t.Errorf("dummy hash cost %d, real passwords are hashed at %d", cost, bcrypt.DefaultCost)
	}
	if !CheckPassword(string(dummyHash), "not-a-real-password") {
		t.Error("dummy hash does not match its own password")
	}
}
