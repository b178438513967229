package testfiles

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Program returns the path of the program name on PATH. Without it the
// test skips, saying what installs it (install, such as "apt-get install
// poppler-utils"), except under CI=true, where it fails: CI installs
// every program the tests need.
func Program(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed, but CI=true requires it: %s", name, install)
	}
	t.Skipf("%s is not installed (%s); in CI this fails", name, install)
	return ""
}

// GoListDeps returns `go list -deps` of the package in dir: every
// package a binary linking it holds, tests excluded (the tests that keep
// a package from importing another use it).
func GoListDeps(t testing.TB, dir string) []string {
	t.Helper()
	goTool := Program(t, "go", "the Go toolchain")
	out, err := exec.Command(goTool, "list", "-deps", dir).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", dir, err)
	}
	return strings.Fields(string(out))
}
