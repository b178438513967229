// Package api is the archive's JSON API over HTTP under /api/v1, with
// /healthz and /metrics. Handlers are thin: they parse, call one service
// method and write the result; errors are {"error":{"code","message"}} with
// the status taken from one table.
package api
