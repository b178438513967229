package ingest

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// NodeNameFile is the file in a node's data folder that holds the node's
// name on a shared catalog (Config.NodeName): given at its first start,
// kept across restarts, so that its follow checkpoint in the catalog is
// found again and its log lines and leases (Config.Node starts with it)
// name the same node. A data folder copied to make another node must
// lose this file, or both take the same name.
const NodeNameFile = "node-name"

// LoadNodeName returns the name kept in dataDir's NodeNameFile, giving
// the node one first when it has none: its host name and a random part,
// so that nodes on hosts of one name differ.
func LoadNodeName(dataDir string) (string, error) {
	path := filepath.Join(dataDir, NodeNameFile)
	if name, err := ReadNodeName(dataDir); err != nil || name != "" {
		return name, err
	}
	host, _ := os.Hostname()
	if host == "" {
		host = "node"
	}
	name := host + "-" + strings.ToLower(rand.Text()[:6])
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(name+"\n"), 0o644); err != nil {
		return "", fmt.Errorf("give this node a name: %w", err)
	}
	// A link fails where another start named the node meanwhile: its
	// name, already in use, stands.
	err := os.Link(tmp, path)
	os.Remove(tmp)
	if errors.Is(err, os.ErrExist) {
		return ReadNodeName(dataDir)
	}
	if err != nil {
		return "", fmt.Errorf("give this node a name: %w", err)
	}
	return name, nil
}

// ReadNodeName returns the name kept in dataDir's NodeNameFile, "" when
// the node has none yet.
func ReadNodeName(dataDir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, NodeNameFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read this node's name: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// Node returns the node's name on a shared catalog (Config.NodeName) and
// the name of this start of it (Config.Node), which its leases and
// hand-ins carry.
func (s *Service) Node() (name, run string) { return s.nodeName(), s.cfg.Node }
