package auth

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

const testPassword = "学习型城市建设2017"

// newStore returns a catalog with one expert, zhang, and its file's path.
func newStore(t *testing.T) (*catalog.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "catalog.db")
	cat, err := catalog.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	hash, err := HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.CreateUser(context.Background(), &catalog.User{Username: "zhang", Role: catalog.RoleExpert}, hash, "test"); err != nil {
		t.Fatal(err)
	}
	return cat, path
}

// fakeClock is a clock a test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time      { return c.t }
func (c *fakeClock) add(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *fakeClock               { return &fakeClock{t: time.Now()} }
func cookieRequest(secret string) *http.Request {
	r, _ := http.NewRequest("GET", "/", nil)
	r.AddCookie(&http.Cookie{Name: CookieName, Value: secret})
	return r
}

func TestSessionExpiresByTheInjectedClock(t *testing.T) {
	cat, _ := newStore(t)
	a := NewAuthenticator(cat, time.Hour)
	clock := newClock()
	a.SetClock(clock.now)
	login, err := a.LogIn(context.Background(), "zhang", testPassword, "10.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if want := clock.t.Add(time.Hour); !login.Session.ExpiresAt.Equal(want) {
		t.Errorf("session expires at %s, want %s (the clock's now + TTL)", login.Session.ExpiresAt, want)
	}
	clock.add(59 * time.Minute)
	if cred, err := a.Authenticate(cookieRequest(login.Secret)); err != nil || cred.User.Username != "zhang" {
		t.Fatalf("a session 59 minutes old: %v %v", cred, err)
	}
	clock.add(time.Minute)
	if _, err := a.Authenticate(cookieRequest(login.Secret)); catalog.ErrorCode(err) != catalog.EUNAUTHORIZED ||
		!strings.Contains(catalog.ErrorMessage(err), "登录已过期") {
		t.Errorf("a session as old as its TTL: %v, want EUNAUTHORIZED 登录已过期", err)
	}
}

func TestThrottledLoginIsACatalogErrorWithItsWait(t *testing.T) {
	cat, _ := newStore(t)
	a := NewAuthenticator(cat, 0)
	clock := newClock()
	a.SetClock(clock.now)
	ctx := context.Background()
	failLogins(t, a, "zhang", "10.0.0.9", 10)
	clock.add(30 * time.Second)
	_, err := a.LogIn(ctx, "zhang", testPassword, "10.0.0.9")
	wait, ok := catalog.RetryAfter(err)
	if catalog.ErrorCode(err) != catalog.ETHROTTLED || !ok || wait != 10*time.Minute-30*time.Second {
		t.Fatalf("11th attempt: %v (wait %s, %v), want ETHROTTLED for 9m30s", err, wait, ok)
	}
	if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "请 10 分钟后再试") {
		t.Errorf("message %q: want the wait in whole minutes, rounded up", msg)
	}
	if en := catalog.MessageIn(err, true); en != "Too many failed logins; try again in 10 minutes" {
		t.Errorf("message in English %q", en)
	}
	clock.add(wait)
	if _, err := a.LogIn(ctx, "zhang", testPassword, "10.0.0.9"); err != nil {
		t.Errorf("login after the lock lifted on the injected clock: %v", err)
	}
}

func TestLoginFailsWhenItsAuditEntryCannotBeWritten(t *testing.T) {
	cat, path := newStore(t)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER no_audit BEFORE INSERT ON event BEGIN SELECT RAISE(ABORT, 'audit log unwritable'); END`); err != nil {
		t.Fatal(err)
	}
	a := NewAuthenticator(cat, 0)
	ctx := context.Background()
	_, err = a.LogIn(ctx, "zhang", "wrong-password", "10.0.0.1")
	if code := catalog.ErrorCode(err); code == catalog.EUNAUTHORIZED || code == "" || !strings.Contains(err.Error(), "audit login.fail") {
		t.Errorf("failed login without its audit entry: %v, want the audit error", err)
	}
	if _, err := a.LogIn(ctx, "zhang", testPassword, "10.0.0.1"); err == nil {
		t.Errorf("a login succeeded without its audit entry")
	}
	var sessions int
	if err := db.QueryRow(`SELECT COUNT(*) FROM session`).Scan(&sessions); err != nil || sessions != 0 {
		t.Errorf("sessions after an unaudited login: %d %v, want none", sessions, err)
	}
}

// A name no account can have — 10,000 characters, a NUL — is a plain
// failed login, never a database error (PostgreSQL refuses such index keys).
func TestImplausibleUsernamesFailLikeWrongPasswords(t *testing.T) {
	cat, _ := newStore(t)
	a := NewAuthenticator(cat, 0)
	for _, name := range []string{strings.Repeat("张", 10000), "zhang\x00", ""} {
		if _, err := a.LogIn(context.Background(), name, testPassword, "10.0.0.9"); catalog.ErrorCode(err) != catalog.EUNAUTHORIZED {
			t.Errorf("login as %.20q: %v, want EUNAUTHORIZED", name, err)
		}
	}
	if _, err := a.LogIn(context.Background(), "zhang", testPassword, "10.0.0.9"); err != nil {
		t.Errorf("the owner after those attempts: %v", err)
	}
}

// Guesses sent all at once from one address are throttled as if sent one
// after another: each is checked against the failures of those before it,
// so no more passwords are tried than the limit allows (a burst used to
// pass the check together before any of its failures was counted).
func TestConcurrentGuessesFromOneAddressAreThrottledLikeSequentialOnes(t *testing.T) {
	cat, _ := newStore(t)
	a := NewAuthenticator(cat, 0)
	const guesses = 30
	if tried, limit := guessAtOnce(t, guesses, a), a.Throttle().PerPair; tried != limit {
		t.Errorf("%d concurrent guesses: %d passwords tried, want %d (the per-account-and-address limit)", guesses, tried, limit)
	}
}

// guessAtOnce sends n wrong passwords for zhang from one address all at
// once, each through the next of nodes in turn, and returns how many
// were looked at (failed, not throttled).
func guessAtOnce(t *testing.T, n int, nodes ...*Authenticator) int {
	t.Helper()
	errs := make(chan error, n)
	start := make(chan struct{})
	for i := range n {
		go func() {
			<-start
			_, err := nodes[i%len(nodes)].LogIn(context.Background(), "zhang", fmt.Sprintf("猜测密码%d", i), "10.0.0.9")
			errs <- err
		}()
	}
	close(start)
	tried := 0
	for range n {
		switch err := <-errs; catalog.ErrorCode(err) {
		case catalog.EUNAUTHORIZED:
			tried++ // the password was looked at
		case catalog.ETHROTTLED:
		default:
			t.Fatalf("a guess: %v, want EUNAUTHORIZED or ETHROTTLED", err)
		}
	}
	return tried
}

// An address guessing back to back while throttled fills the audit log
// with one login.throttled entry a minute, each counting the refusals left
// out since the one before; another address's refusal is audited at once;
// the refusals left out of a burst that stopped are written as its tail.
func TestThrottledAttemptsAreAuditedOnceAMinute(t *testing.T) {
	cat, _ := newStore(t)
	a := NewAuthenticator(cat, 0)
	clock := newClock()
	a.SetClock(clock.now)
	ctx := context.Background()
	failLogins(t, a, "zhang", "10.0.0.7", 10)
	refuse := func(addr string, n int) {
		t.Helper()
		for i := 0; i < n; i++ {
			if _, err := a.LogIn(ctx, "zhang", "wrong-password", addr); catalog.ErrorCode(err) != catalog.ETHROTTLED {
				t.Fatalf("attempt from %s while throttled: %v, want ETHROTTLED", addr, err)
			}
			clock.add(100 * time.Millisecond)
		}
	}
	throttled := func() []catalog.Event {
		t.Helper()
		evs, err := cat.FindEvents(ctx, catalog.EventFilter{Action: "login.throttled", Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}
	refuse("10.0.0.7", 300) // 30 s
	if evs := throttled(); len(evs) != 1 || evs[0].Detail["refused_since_last"] != nil {
		t.Fatalf("300 refusals in 30 s: %d login.throttled entries (%v), want 1 without a count", len(evs), evs)
	}
	clock.add(31 * time.Second)
	refuse("10.0.0.7", 1)
	evs := throttled()
	if len(evs) != 2 {
		t.Fatalf("a refusal a minute after the first entry: %d entries, want 2", len(evs))
	}
	if got := evs[0].Detail["refused_since_last"]; got != float64(299) {
		t.Errorf("the second entry counts %v refusals left out, want 299", got)
	}
	failLogins(t, a, "zhang", "10.0.0.8", 10) // another address, throttled on zhang too
	refuse("10.0.0.8", 1)
	if n := len(throttled()); n != 3 {
		t.Errorf("another address's first refusal: %d entries, want 3", n)
	}
	// Another account tried from the throttled address shows too.
	if _, err := a.LogIn(ctx, "li", "wrong-password", "10.0.0.8"); catalog.ErrorCode(err) != catalog.ETHROTTLED {
		t.Fatalf("another account from the throttled address: %v, want ETHROTTLED", err)
	}
	if evs := throttled(); len(evs) != 4 || evs[0].User != "li" {
		t.Errorf("another account's first refusal from the address: %d entries, the newest by %q; want 4, li", len(evs), evs[0].User)
	}

	// A burst that stops within its minute: its tail is written once the
	// minute is over, and the next refusal is audited at once.
	clock.add(2 * time.Minute)
	refuse("10.0.0.7", 50) // the first audited, 49 left out, in 5 s
	if err := a.AuditRefusalTails(ctx, false); err != nil {
		t.Fatal(err)
	}
	if n := len(throttled()); n != 5 {
		t.Fatalf("tails asked for inside the burst's minute: %d entries, want 5", n)
	}
	clock.add(time.Minute)
	if err := a.AuditRefusalTails(ctx, false); err != nil {
		t.Fatal(err)
	}
	evs = throttled()
	if len(evs) != 6 || evs[0].Detail["refused_since_last"] != float64(49) || evs[0].Detail["address"] != "10.0.0.7" {
		t.Fatalf("the tail of a stopped burst: %d entries, newest %v; want 6, counting 49 from 10.0.0.7", len(evs), evs[0].Detail)
	}
	if err := a.AuditRefusalTails(ctx, false); err != nil || len(throttled()) != 6 {
		t.Errorf("a tail is written once: %d entries, %v", len(throttled()), err)
	}
	refuse("10.0.0.7", 3)
	if evs := throttled(); len(evs) != 7 || evs[0].Detail["refused_since_last"] != nil {
		t.Errorf("the refusal after a tail: %d entries, want 7, the newest without a count", len(evs))
	}
	// As the server stops, every refusal left out is written.
	if err := a.AuditRefusalTails(ctx, true); err != nil {
		t.Fatal(err)
	}
	if evs := throttled(); len(evs) != 8 || evs[0].Detail["refused_since_last"] != float64(2) {
		t.Errorf("tails at a stop: %d entries, want 8, the newest counting 2", len(evs))
	}
}

// failLogins fails n logins of user from addr with a wrong password.
func failLogins(t *testing.T, a *Authenticator, user, addr string, n int) {
	t.Helper()
	for i := range n {
		if _, err := a.LogIn(context.Background(), user, "wrong-password", addr); catalog.ErrorCode(err) != catalog.EUNAUTHORIZED {
			t.Fatalf("failure %d of %s from %s: %v", i+1, user, addr, err)
		}
	}
}

// TestAShortWaitIsSaidInSeconds: an address slowed for a second after ten
// failures across accounts says 请 1 秒后再试, as its Retry-After (1) says,
// not 请 1 分钟后再试; the English counts in the singular, a wait of
// minutes still says minutes.
func TestAShortWaitIsSaidInSeconds(t *testing.T) {
	cat, _ := newStore(t)
	a := NewAuthenticator(cat, 0)
	clock := newClock()
	a.SetClock(clock.now)
	for i := range 10 {
		failLogins(t, a, fmt.Sprintf("李老师%d", i), "10.0.0.8", 1)
	}
	_, err := a.LogIn(context.Background(), "zhang", testPassword, "10.0.0.8")
	wait, ok := catalog.RetryAfter(err)
	if !ok || wait != time.Second {
		t.Fatalf("after 10 failures from the address: %v (wait %s), want slowed for 1 s", err, wait)
	}
	if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "请 1 秒后再试") {
		t.Errorf("message %q: want the wait in seconds, as Retry-After gives it", msg)
	}
	if en := catalog.MessageIn(err, true); en != "Too many failed logins; try again in 1 second" {
		t.Errorf("message in English %q", en)
	}
	for _, tt := range []struct {
		wait    time.Duration
		n       int
		seconds bool
	}{{time.Second, 1, true}, {1500 * time.Millisecond, 2, true}, {59 * time.Second, 59, true}, {time.Minute, 1, false}, {61 * time.Second, 2, false}} {
		if n, seconds := WaitWords(tt.wait); n != tt.n || seconds != tt.seconds {
			t.Errorf("WaitWords(%s) = %d %v, want %d %v", tt.wait, n, seconds, tt.n, tt.seconds)
		}
	}
}

// TestADisabledAccountsLoginIsAuditedApart: the owner of a disabled
// account is told what a wrong password tells, but the audit log says
// the account is disabled (login.disabled), with the address, so the
// admin reading it learns why they cannot get in; a wrong password for
// an enabled account stays login.fail.
func TestADisabledAccountsLoginIsAuditedApart(t *testing.T) {
	ctx := context.Background()
	cat, _ := newStore(t)
	hash, err := HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.CreateUser(ctx, &catalog.User{Username: "李娜", Role: catalog.RoleExpert}, hash, "test"); err != nil {
		t.Fatal(err)
	}
	if err := cat.SetDisabled(ctx, "李娜", true, "admin"); err != nil {
		t.Fatal(err)
	}
	a := NewAuthenticator(cat, time.Hour)
	for _, tt := range []struct {
		user, password, addr, action string
	}{
		{"李娜", testPassword, "10.0.0.7", "login.disabled"},
		{"李娜", "错误的密码", "10.0.0.8", "login.disabled"},
		{"zhang", "错误的密码", "10.0.0.9", "login.fail"},
	} {
		_, err := a.LogIn(ctx, tt.user, tt.password, tt.addr)
		if catalog.ErrorCode(err) != catalog.EUNAUTHORIZED || !strings.Contains(err.Error(), "用户名或密码错误") || strings.Contains(err.Error(), "停用") {
			t.Errorf("%s from %s: %v, want only 用户名或密码错误", tt.user, tt.addr, err)
		}
		evs, err := cat.FindEvents(ctx, catalog.EventFilter{Object: "user:" + tt.user, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 1 || evs[0].Action != tt.action || evs[0].Detail["address"] != tt.addr {
			t.Errorf("%s from %s: audited %+v, want %s with the address", tt.user, tt.addr, evs, tt.action)
		}
	}
}
