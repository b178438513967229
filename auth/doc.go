// Package auth decides who is asking: passwords (bcrypt), API tokens,
// web sessions with CSRF tokens, and login throttling. It keeps no secret
// in clear: tokens and session cookies are stored as hashes.
package auth
