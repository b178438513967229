package auth

import (
	"crypto/rand"
	"encoding/base32"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"github.com/lcmonitor/evidence/catalog"
)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// HashPassword checks a new password's length and hashes it with bcrypt.
func HashPassword(pw string) (string, error) {
	if len([]rune(pw)) < MinPasswordLength {
		return "", catalog.Errorf(catalog.EINVALID, "密码至少 %d 个字符", MinPasswordLength)
	}
	if len(pw) > 72 {
		// bcrypt reads only 72 bytes; a longer password would be cut silently.
		return "", catalog.Errorf(catalog.EINVALID, "密码不能超过 72 个字节")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	if err != nil {
		return "", err
	}
	return string(h), nil
}

// CheckPassword reports whether pw matches hash.
func CheckPassword(hash, pw string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}

// dummyHash is compared against when an account does not exist, so that a
// login takes as long for an unknown name as for a wrong password. It is a
// constant (bcrypt of "not-a-real-password" at bcrypt.DefaultCost) rather
// than computed at start-up: every process of the binary would pay for it,
// including each sandboxed extraction (`evidence extract-child`), where
// it was most of the child's CPU time.
var dummyHash = []byte("$2a$10$ezqy9QpRel61HqCfe/8spegIdDpd3j07vMAPiJDJsvCFK.9xQPR7y")

// RandomString returns n characters of crypto-random lower-case base32:
// easy to read aloud and type.
func RandomString(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))[:n]
}

// NewPassword returns a generated password.
func NewPassword() string { return RandomString(16) }

// NewToken returns a new API token; the ev_ prefix makes leaked tokens
// easy to recognise in logs and code.
func NewToken() string { return "ev_" + RandomString(32) }
