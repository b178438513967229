package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestEventsSayWhatWasDoneInWords: `evidence events` names each action
// as the audit page does, in the console's language (创建用户 in Chinese,
// Created a user with --lang en), never as its code; --codes, put after
// the other flags or before them, prints the code (user.create) for
// scripts, and --json keeps the code as it was.
func TestEventsSayWhatWasDoneInWords(t *testing.T) {
	t.Setenv("EVIDENCE_LANG", "")
	data := filepath.Join(t.TempDir(), "data")
	addUser(t, data, "--name", "zhang", "--role", "admin")
	for _, tt := range []struct {
		args       []string
		want, lose string
	}{
		{[]string{"events", "--data", data}, "  创建用户", "user.create"},
		{[]string{"events", "--data", data, "--lang", "en"}, "  Created a user", "user.create"},
		{[]string{"events", "--data", data, "--codes"}, "  user.create", "创建用户"},
		{[]string{"events", "--codes", "--data", data, "--lang", "en"}, "  user.create", "Created a user"},
		{[]string{"events", "--data", data, "--json"}, `"action":"user.create"`, "创建用户"},
	} {
		out, err := runCLI(t, tt.args...)
		if err != nil || !strings.Contains(out, tt.want) || strings.Contains(out, tt.lose) {
			t.Errorf("evidence %s: %v\n%s\nwant %q, not %q", strings.Join(tt.args[1:], " "), err, out, tt.want, tt.lose)
		}
	}
}
