package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
)

// As serve stops, the throttled logins left out of a burst still in its
// minute are written to the audit log, not lost with the process.
func TestServeStopWritesTheThrottledLoginsLeftOut(t *testing.T) {
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	hash, err := auth.HashPassword("学习型城市建设2017")
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.CreateUser(ctx, &catalog.User{Username: "zhang", Role: catalog.RoleExpert}, hash, "test"); err != nil {
		t.Fatal(err)
	}
	authn := auth.NewAuthenticator(cat, 0)
	for range 10 + 5 { // ten failures, then five refusals: one audited, four left out
		authn.LogIn(ctx, "zhang", "猜的密码123456", "10.0.0.9")
	}
	stopped, stop := context.WithCancel(ctx)
	stop()
	auditRefusalTails(stopped, authn, slog.New(slog.NewTextHandler(io.Discard, nil)))
	evs, err := cat.FindEvents(ctx, catalog.EventFilter{Action: "login.throttled"})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Detail["refused_since_last"] != float64(4) {
		t.Errorf("after the stop: %d login.throttled entries, the newest %v; want 2, counting 4", len(evs), evs)
	}
}
