package auth

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// testThrottle is a Throttle on a SQLite catalog whose calls fail the test
// on a catalog error, so the policy tests read as the policy.
type testThrottle struct {
	*Throttle
	t *testing.T
}

func newTestThrottle(t *testing.T) testThrottle {
	cat, _ := newStore(t)
	return testThrottle{NewThrottle(cat), t}
}

func (th testThrottle) Check(account, addr string) time.Duration {
	th.t.Helper()
	wait, err := th.Throttle.Check(context.Background(), account, addr)
	if err != nil {
		th.t.Fatal(err)
	}
	return wait
}

func (th testThrottle) Fail(account, addr string) {
	th.t.Helper()
	if err := th.Throttle.Fail(context.Background(), account, addr); err != nil {
		th.t.Fatal(err)
	}
}

func (th testThrottle) Succeed(account, addr string) {
	th.t.Helper()
	if err := th.Throttle.Succeed(context.Background(), account, addr); err != nil {
		th.t.Fatal(err)
	}
}

// Two nodes on one catalog (two processes' worth of connections: one
// SQLite file opened twice, or one PostgreSQL database): failed logins on
// node A count on node B, a correct password from a good address still
// signs in on B, and a success on B clears what A counted for that pair.
func TestThrottleCountsEveryNodesAttempts(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		open func(t *testing.T) (a, b *catalog.Store)
	}{
		{"sqlite", func(t *testing.T) (*catalog.Store, *catalog.Store) {
			a, path := newStore(t)
			b, err := catalog.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { b.Close() })
			return a, b
		}},
		{"postgres", func(t *testing.T) (*catalog.Store, *catalog.Store) {
			url := pgtest.DatabaseURL(t)
			var stores [2]*catalog.Store
			for i := range stores {
				s, err := catalog.OpenPostgres(ctx, url)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				stores[i] = s
			}
			addZhang(t, stores[0])
			return stores[0], stores[1]
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			catA, catB := tc.open(t)
			clock := newClock()
			nodeA, nodeB := NewAuthenticator(catA, 0), NewAuthenticator(catB, 0)
			nodeA.SetClock(clock.now)
			nodeB.SetClock(clock.now)
			if _, err := nodeB.LogIn(ctx, "zhang", testPassword, "192.0.2.7"); err != nil {
				t.Fatalf("the owner signs in at the office on B: %v", err)
			}
			// An attacker guesses, its requests alternating between nodes;
			// each node alone sees only half the failures.
			for i := range 10 {
				node := []*Authenticator{nodeA, nodeB}[i%2]
				if _, err := node.LogIn(ctx, "zhang", "猜的密码123456", "10.0.0.9"); catalog.ErrorCode(err) != catalog.EUNAUTHORIZED {
					t.Fatalf("guess %d: %v, want EUNAUTHORIZED", i+1, err)
				}
				clock.add(time.Second)
			}
			for _, node := range []*Authenticator{nodeA, nodeB} {
				_, err := node.LogIn(ctx, "zhang", "猜的密码123456", "10.0.0.9")
				if wait, ok := catalog.RetryAfter(err); !ok || wait <= 0 {
					t.Errorf("the 11th guess from the attacker's address: %v, want ETHROTTLED on every node", err)
				}
			}
			// The owner at the good address is not locked out, on either node.
			if _, err := nodeA.LogIn(ctx, "zhang", testPassword, "192.0.2.7"); err != nil {
				t.Errorf("the owner at a known address on A: %v", err)
			}
			// The throttle's rows age out of the window and are pruned.
			clock.add(11 * time.Minute)
			if _, err := nodeA.LogIn(ctx, "li", "别的密码123456", "198.51.100.1"); catalog.ErrorCode(err) != catalog.EUNAUTHORIZED {
				t.Fatalf("a guess elsewhere: %v", err)
			}
			fails, err := catB.LoginFailures(ctx, time.Time{}, "addr:10.0.0.9", "addr:198.51.100.1")
			if err != nil {
				t.Fatal(err)
			}
			if len(fails["addr:10.0.0.9"]) != 0 || len(fails["addr:198.51.100.1"]) != 1 {
				t.Errorf("after the window: %v, want the old failures pruned and the new one kept", fails)
			}
			if _, err := nodeB.LogIn(ctx, "zhang", testPassword, "10.0.0.9"); err != nil {
				t.Errorf("the lock did not lift after the window: %v", err)
			}
		})
	}
}

// addZhang creates the expert zhang with testPassword in cat.
func addZhang(t *testing.T, cat *catalog.Store) {
	t.Helper()
	hash, err := HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.CreateUser(context.Background(), &catalog.User{Username: "zhang", Role: catalog.RoleExpert}, hash, "test"); err != nil {
		t.Fatal(err)
	}
}
