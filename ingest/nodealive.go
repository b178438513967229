package ingest

import (
	"context"
	"path/filepath"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/ctxtime"
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
	s.beganAt = time.Now()
	if err := s.cat.NodeAlive(ctx, s.cfg.Node); err != nil {
		return err
	}
	if err := s.refuseCopiedNode(ctx); err != nil {
		s.forgetThisRun(ctx) // it never ran
		return err
	}
	// Only now, so that a start refused beside a live run leaves the
	// folder naming that run.
	s.recordThisRun()
	s.sweepStoppedNodes(ctx)
	return nil
}

// refuseCopiedNode fails when another live process runs under this
// node's name: a data folder copied with its node-name, whose two nodes
// would overwrite each other's follow checkpoint and follow the catalog
// from its first change over and over. A run of the name that said it
// was alive lately may also be this node's previous run, killed just
// before this start: when the data folder shows that run's process died
// on this machine (lastRun) it is passed over; otherwise only a live run
// says so again within a beat, so the start waits one beat (and a
// little) to tell them apart.
func (s *Service) refuseCopiedNode(ctx context.Context) error {
	name := s.nodeName()
	before, err := s.cat.NodeRunsAlive(ctx, name, s.cfg.Node, time.Now().Add(-catalog.NodeSilence))
	if err != nil || len(before) == 0 {
		return err
	}
	var dead string
	if prev := s.lastRun(); before[prev.Run] != (time.Time{}) && prev.diedHere() {
		dead = prev.Run
		s.log.Info("this node's previous run died on this machine: not waiting for it", "node", name, "run", dead)
		if delete(before, dead); len(before) == 0 {
			return nil
		}
	}
	wait := copyWait(s.cfg.NodeBeat)
	s.log.Info("another run of this node said it was alive lately: waiting one beat to see whether it still runs",
		"node", name, "runs", len(before), "wait", wait)
	// Halfway this run beats too: a copy started within the same beat
	// waits as this one does, beating nothing meanwhile (keepNodeAlive
	// begins after Start), so without it each would find the other
	// still and both would start. With it each sees the other's time
	// move and refuses, or runs alone if the other refused first and
	// forgot its run.
	if err := ctxtime.Sleep(ctx, wait/2); err != nil {
		return err
	}
	if err := s.cat.NodeAlive(ctx, s.cfg.Node); err != nil {
		return err
	}
	if err := ctxtime.Sleep(ctx, wait-wait/2); err != nil {
		return err
	}
	after, err := s.cat.NodeRunsAlive(ctx, name, s.cfg.Node, time.Now().Add(-catalog.NodeSilence))
	if err != nil {
		return err
	}
	for run, at := range after {
		// A run new since the first look started meanwhile: it moved.
		if run != dead && at.After(before[run]) {
			return s.copiedNode(name)
		}
	}
	return nil
}

// copyWait is how long a start waits to see whether another run of its
// node's name still beats every beat: a beat and a margin, so that a
// beat late by a busy catalog or machine does not pass for a dead run.
// The margin is a quarter beat and at least 5 s, though never more
// than a beat, so that the short beats of tests wait in proportion.
func copyWait(beat time.Duration) time.Duration {
	return beat + max(beat/4, min(5*time.Second, beat))
}

// copiedNode is the error of a node whose name another live process uses.
func (s *Service) copiedNode(name string) error {
	path := s.inDataFolder(NodeNameFile)
	if path == "" {
		path = NodeNameFile
	}
	return catalog.Errorf(catalog.ECONFLICT, "数据文件夹似乎是从另一节点复制的：节点名 %s 正由另一进程使用；请删除 %s 后重启", name, path)
}

// inDataFolder is the path of the file called name in the node's data
// folder (the folder of its follow state), "" when it keeps none there.
func (s *Service) inDataFolder(name string) string {
	if s.cfg.FollowStateFile == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(s.cfg.FollowStateFile), name)
}

// forgetThisRun removes this run's heartbeat as the node stops, so that
// its next start finds no recent run of its name and need not wait a
// beat. A node killed leaves its row, which its next start waits out.
func (s *Service) forgetThisRun(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := s.cat.NodeGone(ctx, s.cfg.Node); err != nil {
		s.log.Warn("forget this run's heartbeat", "node", s.cfg.Node, "err", err)
	}
}

// watchForCopies logs, at every beat, a live process that started under
// this node's name after this one did (and so passed its own start's
// look): one of the two must lose its node-name and restart.
func (s *Service) watchForCopies(ctx context.Context) {
	runs, err := s.cat.NodeRunsAlive(ctx, s.nodeName(), s.cfg.Node, s.beganAt)
	if err != nil || len(runs) == 0 {
		return
	}
	s.log.Error("another process runs under this node's name, each overwriting the other's follow checkpoint",
		"err", s.copiedNode(s.nodeName()), "runs", len(runs))
}

// keepNodeAlive beats every nodeBeat until ctx ends. A beat or sweep the
// catalog fails is logged and tried at the next: the catalog is then
// out of reach for every node alike.
func (s *Service) keepNodeAlive(ctx context.Context) {
	t := time.NewTicker(s.cfg.NodeBeat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			s.forgetThisRun(ctx)
			return
		case <-t.C:
		}
		if s.Refusal() != nil {
			// Nor beats, nor sweeps of other nodes' hand-ins, into a
			// newer catalog: to the newer nodes a refused node is
			// stopped, and its leases theirs to take.
			continue
		}
		if err := s.cat.NodeAlive(ctx, s.cfg.Node); err != nil {
			if ctx.Err() == nil {
				s.log.Warn("say this node is alive", "node", s.cfg.Node, "err", err)
			}
			continue
		}
		s.sweepStoppedNodes(ctx)
		s.watchForCopies(ctx)
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
