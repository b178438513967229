package auth

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// maxWaitingLogins is how many login attempts from one address may hold
// or wait for its turn; more at once are refused as too many, so that a
// burst cannot hold requests (and their memory) without end.
const maxWaitingLogins = 16

// addressTurns lets one login attempt from an address run at a time, from
// the throttle's check to its failure being counted: attempts sent at
// once from one address would otherwise all pass the check before any
// of their failures was counted, and a burst of guesses would get as many
// passwords tried as it held, whatever the limits. A catalog several
// nodes share still lets each node take one attempt of the burst at a
// time; a node alone (SQLite) throttles a burst exactly as the same
// attempts one after another.
type addressTurns struct {
	mu   sync.Mutex
	busy map[string]*addressTurn
}

// addressTurn is an address with an attempt running: waiting counts the
// attempts holding or waiting for turn, whose one slot is the turn.
type addressTurn struct {
	turn    chan struct{}
	waiting int
}

// take waits for addr's turn; the returned func gives it back. It fails
// only when ctx ends first.
func (t *addressTurns) take(ctx context.Context, addr string) (func(), error) {
	t.mu.Lock()
	if t.busy == nil {
		t.busy = map[string]*addressTurn{}
	}
	at := t.busy[addr]
	if at == nil {
		at = &addressTurn{turn: make(chan struct{}, 1)}
		t.busy[addr] = at
	}
	if at.waiting >= maxWaitingLogins {
		t.mu.Unlock()
		return nil, catalog.Throttled(5*time.Second, "同一地址同时发出的登录请求过多，请稍后再试")
	}
	at.waiting++
	t.mu.Unlock()
	select {
	case at.turn <- struct{}{}:
		return func() { <-at.turn; t.leave(addr, at) }, nil
	case <-ctx.Done():
		t.leave(addr, at)
		return nil, ctx.Err()
	}
}

// leave forgets addr once no attempt holds or waits for its turn.
func (t *addressTurns) leave(addr string, at *addressTurn) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if at.waiting--; at.waiting == 0 {
		delete(t.busy, addr)
	}
}

// loginTurnLease is how long an attempt holds its address's shared turn at
// most: longer than any attempt takes (a bcrypt check and a few catalog
// writes), short enough that a node stopped while holding one keeps the
// address's attempts on other nodes waiting no longer than this.
const loginTurnLease = 10 * time.Second

// sharedTurn takes addr's login turn across every node on the catalog
// when several may share it (PostgreSQL); the returned func gives it back.
// Waiting is a poll, a few milliseconds growing to 50, since another
// node's attempt holds it for about one password check. It fails only
// when ctx ends first or the catalog cannot be reached.
func (a *Authenticator) sharedTurn(ctx context.Context, addr string) (func(), error) {
	if !a.cat.Shared() {
		return func() {}, nil
	}
	holder := RandomString(16)
	giveBack := func() {
		// Even when the request ended meanwhile, or its take failed as
		// the database committed it; if the catalog cannot take it back,
		// the lease ends by itself.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := a.cat.GiveLoginTurn(ctx, addr, holder); err != nil {
			slog.Warn("login turn not given back; it ends with its lease", "address", addr, "lease", loginTurnLease, "err", err)
		}
	}
	for poll := 5 * time.Millisecond; ; poll = min(2*poll, 50*time.Millisecond) {
		taken, err := a.cat.TakeLoginTurn(ctx, addr, holder, loginTurnLease)
		if err != nil {
			giveBack()
			return nil, err
		}
		if taken {
			return giveBack, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(poll):
		}
	}
}
