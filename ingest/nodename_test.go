package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNodeNameIsKeptInTheDataFolder: a node is named once, in its data
// folder, and keeps that name at every later start; another folder's
// node gets another name, though on the same host.
func TestNodeNameIsKeptInTheDataFolder(t *testing.T) {
	杭州, 宁波 := t.TempDir(), t.TempDir()
	if name, err := ReadNodeName(杭州); err != nil || name != "" {
		t.Fatalf("a new folder's node name: %q %v, want none yet", name, err)
	}
	first, err := LoadNodeName(杭州)
	if err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	if !strings.HasPrefix(first, host+"-") || len(first) <= len(host)+1 {
		t.Errorf("node name %q: want the host name %q and a random part", first, host)
	}
	for range 2 {
		if again, err := LoadNodeName(杭州); err != nil || again != first {
			t.Errorf("the node started again is named %q (%v), want %q", again, err, first)
		}
	}
	if b, err := os.ReadFile(filepath.Join(杭州, NodeNameFile)); err != nil || strings.TrimSpace(string(b)) != first {
		t.Errorf("%s holds %q (%v), want %q", NodeNameFile, b, err, first)
	}
	if other, err := LoadNodeName(宁波); err != nil || other == first {
		t.Errorf("another folder's node is named %q (%v), want a name other than %q", other, err, first)
	}
}
