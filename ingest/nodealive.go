package ingest

import (
	"context"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// On a shared catalog this node says it is alive every nodeBeat
// (catalog.NodeAlive) and, after each, abandons the hand-ins of nodes
// silent for catalog.NodeSilence (catalog.AbandonStoppedNodesHandIns):
// the hand-ins a node killed mid-upload left would otherwise hold their
// tasks for ever, as nothing is left to say their uploads ended.

// nodeBeat is how often the node says it is alive: four beats to a
// silence, so that one or two lost to a slow catalog never make the
// others take it for stopped.
const nodeBeat = catalog.NodeSilence / 4

// startNodeBeat says, before the node takes a request, that it is alive,
// and sweeps once at once: the hand-ins of this node's previous run
// (under another name: a node's run name is new at each start) and of any other
// stopped node are freed now if they have been silent long enough, the
// rest by the beats that follow.
func (s *Service) startNodeBeat(ctx context.Context) error {
	if err := s.cat.NodeAlive(ctx, s.cfg.Node); err != nil {
		return err
	}
	s.sweepStoppedNodes(ctx)
	return nil
}

// keepNodeAlive beats every nodeBeat until ctx ends. A beat or sweep the
// catalog fails is logged and tried at the next: the catalog is then
// out of reach for every node alike.
func (s *Service) keepNodeAlive(ctx context.Context) {
	t := time.NewTicker(nodeBeat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := s.cat.NodeAlive(ctx, s.cfg.Node); err != nil {
			if ctx.Err() == nil {
				s.log.Warn("say this node is alive", "node", s.cfg.Node, "err", err)
			}
			continue
		}
		s.sweepStoppedNodes(ctx)
	}
}

func (s *Service) sweepStoppedNodes(ctx context.Context) {
	n, err := s.cat.AbandonStoppedNodesHandIns(ctx, s.cfg.Node)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Warn("abandon the hand-ins of stopped nodes", "err", err)
		}
		return
	}
	if n > 0 {
		s.log.Info("hand-ins left by a node that stopped mid-upload no longer hold their tasks", "count", n)
	}
}
