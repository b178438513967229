package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
)

// NodeRunFile is the file in a node's data folder naming the run of the
// node that last started there on a shared catalog, with the machine and
// the process it ran in. A node killed leaves its heartbeat row, which
// looks like a live copy of the node to its next start (refuseCopiedNode);
// this file lets that start see that the row's run is the folder's own
// and its process gone, and start without waiting a beat. A folder copied
// names the run of the folder it was copied from, whose process is
// either alive or on another machine: the copy waits, as before.
const NodeRunFile = "node-run"

// nodeRun is what NodeRunFile holds.
type nodeRun struct {
	Run     string  `json:"run"`
	Host    string  `json:"host"`
	Process process `json:"process"`
}

// diedHere says whether r's process provably no longer runs: it ran on
// this machine (by its host name), and the process it ran in is gone.
// Anything less sure (another host, no host name, a process this system
// cannot look up) says no, and the start waits.
func (r nodeRun) diedHere() bool {
	host, err := os.Hostname()
	return r.Run != "" && err == nil && host != "" && r.Host == host && r.Process.gone()
}

// lastRun reads NodeRunFile: the run that last started in this data
// folder, none when the file is missing or unreadable (the start then
// waits, as it would without it).
func (s *Service) lastRun() nodeRun {
	path := s.inDataFolder(NodeRunFile)
	if path == "" {
		return nodeRun{}
	}
	var r nodeRun
	b, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(b, &r)
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		s.log.Warn("read which run of this node last started here", "path", path, "err", err)
		return nodeRun{}
	}
	return r
}

// recordThisRun writes NodeRunFile for this run, whole or not at all. A
// failure costs the next start after a crash a beat's wait, no more, so
// it is logged and the start goes on.
func (s *Service) recordThisRun() {
	path := s.inDataFolder(NodeRunFile)
	if path == "" {
		return
	}
	if err := writeNodeRun(path, s.thisRun()); err != nil {
		s.log.Warn("record this run of the node in its data folder", "path", path, "err", err)
	}
}

// thisRun is this run and the process it runs in.
func (s *Service) thisRun() nodeRun {
	host, _ := os.Hostname()
	return nodeRun{Run: s.cfg.Node, Host: host, Process: processOf(os.Getpid())}
}

// writeNodeRun writes r to path through a temporary file renamed over it.
func writeNodeRun(path string, r nodeRun) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
