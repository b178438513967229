package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestHelpNamesServerWhereACommandTakesIt: a command (or a subcommand of
// it) that works through a running archive's API (--server, --token) says
// so in its help line, in both languages, and a subcommand in its
// command's usage too: `assignments import` took none while its siblings
// did (probe s39 #2).
func TestHelpNamesServerWhereACommandTakesIt(t *testing.T) {
	for _, c := range commandTable() {
		if c.zh == nil {
			continue
		}
		runs := [][]string{{c.name, "-h"}}
		for _, sub := range c.subs {
			runs = append(runs, []string{c.name, sub, "-h"})
		}
		var usage bytes.Buffer
		if c.subs != nil {
			run(t.Context(), []string{c.name}, &bytes.Buffer{}, &usage)
		}
		for _, args := range runs {
			var stderr bytes.Buffer
			run(t.Context(), args, &bytes.Buffer{}, &stderr)
			if !strings.Contains(stderr.String(), "-server") {
				continue
			}
			for _, lines := range [][]string{c.zh, c.en} {
				if !strings.Contains(strings.Join(lines, "\n"), "--server URL --token T") {
					t.Errorf("evidence %s takes --server; its help does not say so: %q", strings.Join(args[:len(args)-1], " "), lines)
				}
			}
			if len(args) == 3 && !usageLineSays(usage.String(), "evidence "+args[0]+" "+args[1]+" ", "[--server URL --token T]") {
				t.Errorf("evidence %s %s takes --server; the usage of %s does not say so:\n%s", args[0], args[1], args[0], usage.String())
			}
		}
	}
}

// usageLineSays says whether a line of usage that names the subcommand
// prefix says want.
func usageLineSays(usage, prefix, want string) bool {
	for _, l := range strings.Split(usage, "\n") {
		if _, after, ok := strings.Cut(l, prefix); ok && strings.Contains(after, want) {
			return true
		}
	}
	return false
}
