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

// Guesses sent all at once from one address, spread over two nodes on one
// PostgreSQL catalog, are throttled as if sent one after another: the
// nodes take the address's turn in the catalog, so no more passwords are
// tried than the limit allows (each node taking its own turn let the two
// check together at the limit's edge and try one each).
func TestConcurrentGuessesOverTwoNodesAreThrottledLikeSequentialOnes(t *testing.T) {
	ctx := context.Background()
	url := pgtest.DatabaseURL(t)
	var nodes [2]*Authenticator
	for i := range nodes {
		s, err := catalog.OpenPostgres(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if i == 0 {
			addZhang(t, s)
		}
		nodes[i] = NewAuthenticator(s, 0)
	}
	const guesses = 40
	if tried, limit := guessAtOnce(t, guesses, nodes[:]...), nodes[0].Throttle().PerPair; tried != limit {
		t.Errorf("%d guesses over two nodes: %d passwords tried, want %d (the per-account-and-address limit)", guesses, tried, limit)
	}
}

// A turn held by a node that stopped while holding it keeps the address's
// attempts waiting only until its lease ends; then the next attempt runs
// and the turn it gave back is gone from the catalog.
func TestAStoppedNodesLoginTurnEndsWithItsLease(t *testing.T) {
	ctx := context.Background()
	s, err := catalog.OpenPostgres(ctx, pgtest.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	addZhang(t, s)
	now := time.Now()
	if ok, err := s.TakeLoginTurn(ctx, "10.0.0.9", "stopped-node", time.Second); err != nil || !ok {
		t.Fatalf("the stopped node's turn: %v %v", ok, err)
	}
	a := NewAuthenticator(s, 0)
	if _, err := a.LogIn(ctx, "zhang", testPassword, "10.0.0.9"); err != nil {
		t.Fatalf("login after the stopped node's lease: %v", err)
	}
	if waited := time.Since(now); waited < time.Second {
		t.Errorf("the login ran after %v, inside the stopped node's lease of 1 s", waited)
	}
	if ok, err := s.TakeLoginTurn(ctx, "10.0.0.9", "next", time.Minute); err != nil || !ok {
		t.Errorf("the turn after the login: %v %v, want it free", ok, err)
	}
}
