package main

import (
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestServeUnpackFlags: serve's --unpacks and --unpack-wait default to
// the sandbox's 2 and 1m, take EVIDENCE_UNPACKS and EVIDENCE_UNPACK_WAIT
// as their defaults, a flag over its variable; a value out of range,
// given either way, is refused naming the setting.
func TestServeUnpackFlags(t *testing.T) {
	tests := []struct {
		name       string
		env        map[string]string
		args       []string
		want       unpackSettings
		wantErrFor string // the setting a refusal names
	}{
		{name: "默认", want: unpackSettings{extract.DefaultUnpacks, extract.DefaultUnpackWait}},
		{name: "命令行", args: []string{"--unpacks", "4", "--unpack-wait", "90s"}, want: unpackSettings{4, 90 * time.Second}},
		{name: "环境变量", env: map[string]string{"EVIDENCE_UNPACKS": "3", "EVIDENCE_UNPACK_WAIT": "2m"}, want: unpackSettings{3, 2 * time.Minute}},
		{name: "命令行优先", env: map[string]string{"EVIDENCE_UNPACKS": "3"}, args: []string{"--unpacks=1"}, want: unpackSettings{1, extract.DefaultUnpackWait}},
		{name: "零个", args: []string{"--unpacks", "0"}, wantErrFor: "--unpacks"},
		{name: "太多", args: []string{"--unpacks", "65"}, wantErrFor: "--unpacks"},
		{name: "不等", args: []string{"--unpack-wait", "0s"}, wantErrFor: "--unpack-wait"},
		{name: "环境变量不是数", env: map[string]string{"EVIDENCE_UNPACKS": "两个"}, wantErrFor: "EVIDENCE_UNPACKS"},
		{name: "环境变量不是时长", env: map[string]string{"EVIDENCE_UNPACK_WAIT": "一分钟"}, wantErrFor: "EVIDENCE_UNPACK_WAIT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("EVIDENCE_UNPACKS", tt.env["EVIDENCE_UNPACKS"])
			t.Setenv("EVIDENCE_UNPACK_WAIT", tt.env["EVIDENCE_UNPACK_WAIT"])
			fs, _ := newFlags("serve", io.Discard)
			settings, err := unpackFlags(fs)
			var got unpackSettings
			if err == nil {
				if err = fs.Parse(tt.args); err != nil {
					t.Fatal(err)
				}
				got, err = settings()
			}
			if tt.wantErrFor != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErrFor) {
					t.Fatalf("%v; want a refusal naming %s", err, tt.wantErrFor)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("%+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

// TestOpenAppGivesTheSandboxTheUnpackSettings: what serve read reaches
// the sandbox that unpacks the uploads' archives.
func TestOpenAppGivesTheSandboxTheUnpackSettings(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	a, err := openApp(t.Context(), data, slog.New(slog.DiscardHandler), appOptions{unpacks: unpackSettings{5, 45 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	if a.sandbox.Unpacks != 5 || a.sandbox.UnpackWait != 45*time.Second {
		t.Errorf("sandbox unpacks %d, waits %s; want 5 and 45s", a.sandbox.Unpacks, a.sandbox.UnpackWait)
	}
}
