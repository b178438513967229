// Package accounts owns the rules of user accounts: who may create,
// disable and re-enable them, set passwords, hold and revoke API tokens,
// and read the audit log. The JSON API, the web UI and the CLI call the
// same methods, so a rule such as "an admin cannot disable their own
// account" is written once. Every method checks the actor's permission
// itself and every change is written to the audit log by the catalog in
// the same transaction.
package accounts
