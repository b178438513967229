package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCityAddSaysFullWidth: `evidence city add` confirms in Chinese with
// full-width brackets around the code, as every Chinese message has them.
func TestCityAddSaysFullWidth(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	out, err := runCLI(t, "city", "add", "--data", data, "--code", "320100", "--name", "南京", "--lang", "zh")
	if err != nil {
		t.Fatal(err)
	}
	if want := "已添加城市 南京\uFF08320100\uFF09"; strings.TrimSpace(out) != want {
		t.Errorf("city add said %q, want %q", out, want)
	}
}
