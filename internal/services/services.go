// Package services is the one list of services the HTTP surfaces call:
// the JSON API and the web UI take the same Set (api.Deps and web.Deps are
// this type), so a new service is wired once, in cmd/evidence and in
// internal/testenv. The surfaces never reach the catalog store or the blob
// store but through these services.
package services

import (
	"log/slog"

	"github.com/lcmonitor/evidence/accounts"
	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/notes"
	"github.com/lcmonitor/evidence/packs"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/savedsearch"
	"github.com/lcmonitor/evidence/search"
	"github.com/lcmonitor/evidence/values"
)

// Set holds every service a surface may call, and the authenticator and
// logger they share.
type Set struct {
	Ingest    *ingest.Service
	Documents *documents.Service
	Search    *search.Service
	Claims    *claims.Service
	Framework *framework.Service
	Coverage  *coverage.Service
	Accounts  *accounts.Service
	// Assignments is the responsibility-table service (责任分解).
	Assignments *assignments.Service
	Values      *values.Service
	Reports     *report.Service
	// Packs writes evidence packs (佐证材料包).
	Packs *packs.Service
	// Notes is experts' notes on documents.
	Notes *notes.Service
	// Saved is saved searches and indicators' query packs (检索方案).
	Saved  *savedsearch.Service
	Auth   *auth.Authenticator
	Logger *slog.Logger
}
