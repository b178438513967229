package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// On a shared catalog (PostgreSQL, several nodes) a hand-in left
// uploading by a node that stopped cannot be swept at that node's next
// start, as on one machine (AbandonDeadHandIns): node names change at
// each start (ingest.Config.Node: the node's name kept in its data
// folder and a part new at each start, so that a node restarted does not
// take its previous run's uploads for its own), and another node may be
// uploading.
// So each node records its name on the hand-ins it writes
// (Submission.Node), says every little while that it is alive
// (NodeAlive), and every node abandons the hand-ins of a node silent for
// longer than NodeSilence (AbandonStoppedNodesHandIns). Migration 039.

// NodeSilence is how long a node of a shared catalog may go without
// saying it is alive (NodeAlive) before the others take it for stopped
// and abandon the hand-ins it was uploading. A running node says so four
// times as often (ingest), so a slow beat or two never costs a live
// upload its hand-ins; the nodes' clocks must agree to well within it,
// as they must for extraction leases.
const NodeSilence = 2 * time.Minute

// UnknownNodeHandInAge is how old a hand-in still uploading that names no
// node (written before migration 039) must be before any node abandons
// it: nothing tells whose upload it is nor whether that node runs, and no
// upload takes a day between storing a file and the task recording it.
const UnknownNodeHandInAge = 24 * time.Hour

// DeadRunAge is how long a node's run must have been silent before its
// heartbeat row is removed: a run's name is new at each start, so the
// rows of runs long stopped would only pile up. Far longer than
// NodeSilence, so that a node restarting, and the hand-ins a stopped
// run left, are judged by a row still there; a hand-in whose node has no
// row is abandoned all the same (AbandonStoppedNodesHandIns).
const DeadRunAge = 10 * NodeSilence

// NodeAlive records that node is alive now, by its clock, and forgets
// the runs silent for longer than DeadRunAge.
// It is idempotent: a node calls it at start and then every NodeSilence/4.
func (s *Store) NodeAlive(ctx context.Context, node string) error {
	now := s.now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO node_heartbeat (node, alive_at) VALUES (?, ?)
			ON CONFLICT (node) DO UPDATE SET alive_at = excluded.alive_at`, node, formatTime(now))
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM node_heartbeat WHERE alive_at < ?`, formatTime(now.Add(-DeadRunAge)))
		return err
	})
	if err != nil {
		return fmt.Errorf("record that node %s is alive: %w", node, err)
	}
	return nil
}

// NodeGone forgets run, a run of a node that is stopping, so that the
// node's next start need not wait to tell it from a live process of the
// same name (ingest). Forgetting a run that has no row is no error.
func (s *Store) NodeGone(ctx context.Context, run string) error {
	if _, err := s.execWrite(ctx, `DELETE FROM node_heartbeat WHERE node = ?`, run); err != nil {
		return fmt.Errorf("forget node run %s: %w", run, s.dialect.translate(err))
	}
	return nil
}

// NodeRunsAlive returns, by run name, when each run of the node called
// name other than self (a run's name is the node's name, "/" and a part
// new at each start) last said it was alive, for the runs that did since
// since. A run whose time moves on between two calls is a live process
// using the same node name: a data folder copied with its node-name.
func (s *Store) NodeRunsAlive(ctx context.Context, name, self string, since time.Time) (map[string]time.Time, error) {
	prefix := name + "/"
	// The rows of runs alive since are few (one a node, a couple
	// while one restarts): the name is matched here, portably.
	rows, err := s.db.QueryContext(ctx, `SELECT node, alive_at FROM node_heartbeat WHERE alive_at >= ?`, formatTime(since))
	if err != nil {
		return nil, fmt.Errorf("runs of node %s: %w", name, s.dialect.translate(err))
	}
	defer rows.Close()
	runs := map[string]time.Time{}
	for rows.Next() {
		var run, at string
		if err := rows.Scan(&run, &at); err != nil {
			return nil, fmt.Errorf("runs of node %s: %w", name, err)
		}
		if run != self && strings.HasPrefix(run, prefix) {
			runs[run] = parseTime(at)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("runs of node %s: %w", name, s.dialect.translate(err))
	}
	return runs, nil
}

// AbandonStoppedNodesHandIns marks as abandoned, on a shared catalog, the
// hand-ins still uploading of every node but self that has not said it
// is alive (NodeAlive) for NodeSilence, and those naming no node once
// UnknownNodeHandInAge old, and returns how many it marked. A hand-in
// younger than NodeSilence is kept whatever its node's row says: its node
// wrote it then, so was alive, even if it has not yet said so. A node
// that comes back after being taken for stopped finds its hand-ins
// abandoned; recording the files then records them all the same
// (ChangeAssignment takes abandoned hand-ins too).
//
// On a one-machine catalog it does nothing: AbandonDeadHandIns sweeps
// there at start, and a command run beside the server (evidence ingest)
// does not say it is alive.
//
// One UPDATE, over the partial index of the hand-ins uploading; the
// states are literals in the text so that both databases see the index
// applies.
func (s *Store) AbandonStoppedNodesHandIns(ctx context.Context, self string) (int, error) {
	if !s.Shared() {
		return 0, nil
	}
	now := s.now()
	silent, unknown := formatTime(now.Add(-NodeSilence)), formatTime(now.Add(-UnknownNodeHandInAge))
	res, err := s.execWrite(ctx, `UPDATE submission SET handin = 'abandoned'
		WHERE handin = 'uploading' AND at < ? AND (
			(upload_node = '' AND at < ?)
			OR (upload_node <> '' AND upload_node <> ? AND NOT EXISTS (SELECT 1 FROM node_heartbeat h
				WHERE h.node = submission.upload_node AND h.alive_at >= ?)))`, silent, unknown, self, silent)
	if err != nil {
		return 0, fmt.Errorf("abandon the hand-ins of nodes that stopped: %w", s.dialect.translate(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("abandon the hand-ins of nodes that stopped: %w", err)
	}
	return int(n), nil
}

// addUploadNode is migration 039's Go step on SQLite: submission.upload_node
// where it is missing, so the migration may run again under another
// number. Submissions already written name no node.
func addUploadNode(ctx context.Context, tx *sql.Tx) error {
	return addColumnIfMissing(ctx, tx, "submission", "upload_node", `TEXT NOT NULL DEFAULT ''`)
}
