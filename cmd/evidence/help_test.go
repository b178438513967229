package main

import (
	"bytes"
	"errors"
	"flag"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/report"
)

// TestHelpListsEverySubcommand: the help names every command the binary
// runs (but the sandbox's child) and every subcommand of each, in both
// languages; each is dispatched (its -h is its own flags', not the
// command's usage); and each subcommand a command's own usage offers
// (evidence user offered department, evidence assignments delete, which
// the help left out) is in the table the help is made from.
func TestHelpListsEverySubcommand(t *testing.T) {
	helps := map[report.Lang]string{report.Chinese: usageText(report.Chinese), report.English: usageText(report.English)}
	for _, c := range commandTable() {
		if c.zh == nil {
			if c.name != "extract-child" {
				t.Errorf("%s has no help lines: only the sandbox's child is not for people", c.name)
			}
			continue
		}
		if len(c.zh) != len(c.en) {
			t.Errorf("%s: %d Chinese help lines, %d English", c.name, len(c.zh), len(c.en))
		}
		for lang, help := range helps {
			if !strings.Contains(help, "\n  "+c.name+" ") {
				t.Errorf("the %s help does not list %s:\n%s", lang, c.name, help)
			}
			lines := strings.Join(c.zh, "\n")
			if lang == report.English {
				lines = strings.Join(c.en, "\n")
			}
			for _, sub := range c.subs {
				if !regexp.MustCompile(`[ |]` + sub + `\b`).MatchString(lines) {
					t.Errorf("the %s help of %s does not name its subcommand %s: %q", lang, c.name, sub, lines)
				}
			}
		}
		t.Run(c.name, func(t *testing.T) {
			runs := [][]string{{c.name, "-h"}}
			if c.subs != nil {
				runs = nil
				for _, sub := range c.subs {
					runs = append(runs, []string{c.name, sub, "-h"})
				}
				var usage bytes.Buffer
				run(t.Context(), []string{c.name}, &bytes.Buffer{}, &usage)
				for _, m := range regexp.MustCompile(`evidence `+c.name+` ([a-z|]+)`).FindAllStringSubmatch(usage.String(), -1) {
					for _, offered := range strings.Split(m[1], "|") {
						if !slices.Contains(c.subs, offered) {
							t.Errorf("evidence %s offers %s, which the help's table does not list", c.name, offered)
						}
					}
				}
			}
			for _, args := range runs {
				var stderr bytes.Buffer
				if err := run(t.Context(), args, &bytes.Buffer{}, &stderr); !errors.Is(err, flag.ErrHelp) {
					t.Errorf("evidence %s: %v, want its flags' help:\n%s", strings.Join(args, " "), err, stderr.String())
				}
			}
		})
	}
}

// TestHelpLanguageAndExitStatus: the help is Chinese unless --lang en or
// EVIDENCE_LANG=en asks for English, and says how to ask; asked for, it
// is on stdout with exit status 0; no command, or one the binary does
// not have, is a usage error as elsewhere: the help on stderr, exit 2.
// TestChineseHelpUsesTheUsersTerms: the Chinese help calls the pack a
// 佐证材料包 and a task's department its 责任单位, as the web pages and
// messages do (review s37 #6: the help was written with 证据包).
func TestChineseHelpUsesTheUsersTerms(t *testing.T) {
	help := usageText(report.Chinese)
	for _, old := range []string{"证据包", "责任部门", "报送部门", "部门名单"} {
		if strings.Contains(help, old) {
			t.Errorf("the Chinese help says %q:\n%s", old, help)
		}
	}
	if !strings.Contains(help, "佐证材料包") {
		t.Errorf("the Chinese help does not name the 佐证材料包:\n%s", help)
	}
}

func TestHelpLanguageAndExitStatus(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		env      string
		code     int // 0: no error
		onStderr bool
		want     []string
	}{
		{"帮助", []string{"--help"}, "", 0, false, []string{"用法：evidence <命令>", "管理账号：evidence user add|list|disable|enable|passwd|department", "--lang en", "EVIDENCE_LANG=en"}},
		{"英文帮助", []string{"help", "--lang", "en"}, "", 0, false, []string{"Usage: evidence <command>", "delete ID", "--lang en"}},
		{"环境变量选英文", []string{"-h"}, "en", 0, false, []string{"Commands:"}},
		{"没有命令", nil, "", 2, true, []string{"用法：evidence <命令>"}},
		{"只有语言", []string{"--lang", "en"}, "", 2, true, []string{"Usage: evidence <command>"}},
		{"未知命令", []string{"导入"}, "", 2, true, []string{"未知的命令“导入”，可用的命令见下方用法：\n", "命令："}},
		{"英文的未知命令", []string{"impot", "--lang=en"}, "", 2, true, []string{"Unknown command “impot”; the commands are in the usage below:\n", "Commands:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("EVIDENCE_LANG", tt.env)
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), tt.args, &stdout, &stderr)
			var ee exitError
			switch {
			case tt.code == 0 && err != nil:
				t.Fatalf("evidence %v: %v, want no error", tt.args, err)
			case tt.code != 0 && (!errors.As(err, &ee) || ee.code != tt.code):
				t.Fatalf("evidence %v: %v, want exit status %d", tt.args, err, tt.code)
			}
			got, other := stdout.String(), stderr.String()
			if tt.onStderr {
				got, other = other, got
			}
			if other != "" {
				t.Errorf("evidence %v also wrote %q on the other stream", tt.args, other)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("evidence %v says:\n%s\nwant %q in it", tt.args, got, w)
				}
			}
			english := strings.Contains(got, "Commands:")
			if chinese := strings.Contains(got, "命令："); english == chinese {
				t.Errorf("evidence %v: the help is in both languages or neither:\n%s", tt.args, got)
			}
		})
	}
}
